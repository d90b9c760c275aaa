package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/apperr"
	"gongkai/internal/interaction"
	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
	"gongkai/internal/workday"
)

func TestInteractionsThroughTheDoor(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		gov, a, b := seed(t, db)
		now := time.Date(2025, 3, 7, 2, 0, 0, 0, time.UTC)
		if err := db.Interactions().SetAnswerDays(ctx, catClerk(a.ID), a.ID, 5, now); !apperr.Is(err, apperr.Forbidden) {
			t.Fatalf("a clerk sets the period: %v", err)
		}
		if err := db.Interactions().SetAnswerDays(ctx, catAdmin(a.ID), a.ID, 5, now); err != nil {
			t.Fatal(err)
		}
		q := interaction.Question{AgencyID: a.ID, Channel: interaction.Portal, Kind: interaction.Consult, Subject: "疫苗接种咨询",
			Body: "请问成人流感疫苗在哪里接种？我的电话13912345678。", AskerName: "王五", AskerContact: "13912345678"}
		got, err := db.Interactions().Receive(ctx, account.Public(), q, now)
		if err != nil || !got.DueOn.Equal(workday.Day(2025, 3, 14)) {
			t.Fatalf("receive: %+v %v", got, err)
		}
		hot := interaction.Question{AgencyID: a.ID, Channel: interaction.Hotline, Kind: interaction.Message, TicketNo: "GD20250305001",
			Subject: "诊所噪音扰民", Body: "反映某诊所夜间噪音。", ReceivedOn: workday.Day(2025, 3, 5)}
		if _, err := db.Interactions().Receive(ctx, account.Public(), hot, now); !apperr.Is(err, apperr.Forbidden) {
			t.Fatalf("the public registers a hotline ticket: %v", err)
		}
		if _, err := db.Interactions().Receive(ctx, catClerk(b.ID), hot, now); !apperr.Is(err, apperr.NotFound) && !apperr.Is(err, apperr.Forbidden) {
			t.Fatalf("another agency registers: %v", err)
		}
		ticket, err := db.Interactions().Receive(ctx, catClerk(a.ID), hot, now)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Interactions().Get(ctx, catClerk(b.ID), got.ID); !apperr.Is(err, apperr.NotFound) {
			t.Fatalf("another agency reads: %v", err)
		}
		if n, _ := db.Interactions().Overdue(ctx, catClerk(a.ID), a.ID, workday.Day(2025, 3, 15)); n != 2 {
			t.Fatalf("overdue = %d, want 2", n)
		}
		if _, err := db.Interactions().Answer(ctx, catClerk(a.ID), got.ID, "您好，可到各社区卫生服务中心接种。", now.Add(24*time.Hour)); err != nil {
			t.Fatal(err)
		}
		if pub, _, _ := db.Interactions().Published(ctx, gov.ID, 0, 10, 0); len(pub) != 0 {
			t.Fatal("published before moderation")
		}
		if _, err := db.Interactions().Moderate(ctx, catHead(a.ID), got.ID, true, "", "", now.Add(48*time.Hour)); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Interactions().Answer(ctx, catClerk(a.ID), ticket.ID, "已约谈诊所整改。", workday.Day(2025, 3, 20)); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Interactions().Moderate(ctx, catHead(a.ID), ticket.ID, false, "", "", workday.Day(2025, 3, 20)); err != nil {
			t.Fatal(err)
		}
		pub, total, err := db.Interactions().Published(ctx, gov.ID, 0, 10, 0)
		if err != nil || total != 1 || len(pub) != 1 || pub[0].Answer == "" {
			t.Fatalf("published = %+v %d %v", pub, total, err)
		}
		if strings.Contains(pub[0].Body, "13912345678") || strings.Contains(pub[0].Subject+pub[0].Body+pub[0].Answer, "王五") {
			t.Fatalf("personal data published: %+v", pub[0])
		}
		counts, err := db.Interactions().Counts(ctx, catClerk(a.ID), a.ID)
		if err != nil {
			t.Fatal(err)
		}
		list, _, err := db.Interactions().List(ctx, catClerk(a.ID), store.QuestionFilter{AgencyID: a.ID})
		if err != nil || len(list) != 2 {
			t.Fatalf("list = %d %v", len(list), err)
		}
		want := interaction.Tally(list)
		if len(counts) != len(want) {
			t.Fatalf("counts = %+v, want %+v", counts, want)
		}
		for i := range want {
			if counts[i] != want[i] {
				t.Fatalf("counts[%d] = %+v, want %+v (the domain's Tally)", i, counts[i], want[i])
			}
		}
		if want[1].Channel != interaction.Hotline || want[1].Late != 1 {
			t.Fatalf("the late hotline ticket: %+v", want)
		}
	})
}
