package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/foirequest"
	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
)

// TestWaitingCasesThroughStore: each waiting state's own end is stored with the case
// (lists and filters show it), the daily refresh lets a silent consultation run again,
// and the reminder job reminds of waiting cases near and past their end and of new
// applications nobody has acted on — on SQLite and PostgreSQL.
func TestWaitingCasesThroughStore(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		_, a, _ := seed(t, db)
		clerk := account.User{AgencyID: a.ID, Username: "clerk", DisplayName: "经办人", PasswordHash: "x", Roles: []account.Role{account.Clerk}}
		boss := account.User{AgencyID: a.ID, Username: "boss", DisplayName: "负责人", PasswordHash: "x", Roles: []account.Role{account.Head}}
		for _, u := range []*account.User{&clerk, &boss} {
			if err := db.InTx(ctx, func(tx *store.Tx) error { return tx.Users().Create(ctx, account.System(), u) }); err != nil {
				t.Fatal(err)
			}
		}
		who := handler(a.ID)
		open := func(name string, events ...foirequest.Event) store.Application {
			t.Helper()
			app, _ := create(t, db, who, newApp(a.ID, name, "等待状态"+name, "2025-11-03"), noon("2025-11-03"))
			for _, e := range events {
				at := e.Day
				if !e.Receipt.IsZero() {
					at = e.Receipt // recorded once the signed-for day is known
				}
				app = mustEvent(t, db, who, app.ID, e, at.Add(4*time.Hour))
			}
			return app
		}
		accepted := foirequest.Event{Type: foirequest.EventAccepted, Day: day("2025-11-03")}
		newCase, _ := create(t, db, who, newApp(a.ID, "新申请", "等待状态新申请", "2025-12-03"), noon("2025-12-03"))
		corr := open("补正", foirequest.Event{Type: foirequest.EventCorrectionRequested, Day: day("2025-11-04"), Days: 10, Reason: "补正", Method: foirequest.NoticeMail, Receipt: day("2025-11-07")})
		fee := open("收费", accepted, foirequest.Event{Type: foirequest.EventFeeNotified, Day: day("2025-11-05"), FeeMethod: foirequest.FeeMethodPage, Pages: 40, Reason: "收费", Method: foirequest.NoticeElectronic})
		silent := open("征求", accepted, foirequest.Event{Type: foirequest.EventConsultationStarted, Day: day("2025-11-05"), Party: foirequest.PartyThirdParty, Reason: "征求", Method: foirequest.NoticeInPerson})
		mailed := open("邮寄收费", accepted, foirequest.Event{Type: foirequest.EventFeeNotified, Day: day("2025-11-26"), FeeMethod: foirequest.FeeMethodPage, Pages: 40, Reason: "收费", Method: foirequest.NoticeMail})

		for _, c := range []struct {
			app  store.Application
			kind foirequest.EventType
			end  string
		}{
			{corr, foirequest.EventCorrectionRequested, "2025-11-21"},
			{fee, foirequest.EventFeeNotified, "2025-12-03"},
			{silent, foirequest.EventConsultationStarted, "2025-11-26"},
			{mailed, foirequest.EventFeeNotified, "2025-12-29"}, // received 12-01 (5 days in the post), 20 working days
		} {
			if c.app.WaitKind != c.kind || store.FormatDay(c.app.WaitDue) != c.end {
				t.Errorf("%s: wait %s until %s, want %s %s", c.app.Applicant.Name, c.app.WaitKind, store.FormatDay(c.app.WaitDue), c.kind, c.end)
			}
		}

		// 2025-12-04: the correction and fee periods are over, the consultation lapsed.
		today := day("2025-12-04")
		if _, err := db.Applications().Refresh(ctx, account.System(), today); err != nil {
			t.Fatal(err)
		}
		status := func(st foirequest.Status) map[int64]bool {
			list, _, err := db.Applications().List(ctx, who, store.ApplicationFilter{Status: st, Today: today})
			if err != nil {
				t.Fatal(err)
			}
			out := map[int64]bool{}
			for _, x := range list {
				out[x.ID] = true
			}
			return out
		}
		if !status(foirequest.StatusCorrectionExpired)[corr.ID] || !status(foirequest.StatusFeeExpired)[fee.ID] || !status(foirequest.StatusPaused)[mailed.ID] {
			t.Error("expired waits not listed under their status")
		}
		if status(foirequest.StatusPaused)[silent.ID] {
			t.Error("a lapsed consultation is still listed as paused")
		}
		ex, err := db.Applications().Open(ctx, who, silent.ID, today)
		if err != nil || ex.Explanation.Provisional || ex.Explanation.Status == foirequest.StatusPaused {
			t.Fatalf("lapsed consultation: %+v %v", ex.Explanation.Status, err)
		}
		// Due 2025-12-22: 20 working days from 11-03 plus the 15 of the consultation.
		if store.FormatDay(ex.Explanation.Due) != "2025-12-22" || !status(foirequest.StatusOnTrack)[silent.ID] {
			t.Errorf("lapsed consultation due %s", store.FormatDay(ex.Explanation.Due))
		}

		made, err := db.Applications().Remind(ctx, account.System(), today)
		if err != nil {
			t.Fatal(err)
		}
		got := map[int64]map[int64]foirequest.Status{}
		for _, r := range made {
			if got[r.ApplicationID] == nil {
				got[r.ApplicationID] = map[int64]foirequest.Status{}
			}
			got[r.ApplicationID][r.UserID] = r.Kind
		}
		for _, c := range []struct {
			app   store.Application
			kind  foirequest.Status
			users []int64
		}{
			{newCase, foirequest.StatusNew, []int64{clerk.ID}},
			{corr, foirequest.StatusCorrectionExpired, []int64{clerk.ID, boss.ID}},
			{fee, foirequest.StatusFeeExpired, []int64{clerk.ID, boss.ID}},
			{silent, foirequest.StatusConsultationLapsed, []int64{clerk.ID}},
		} {
			if len(got[c.app.ID]) != len(c.users) {
				t.Errorf("%s: reminded %v, want %s for %v", c.app.Applicant.Name, got[c.app.ID], c.kind, c.users)
			}
			for _, u := range c.users {
				if got[c.app.ID][u] != c.kind {
					t.Errorf("%s: user %d reminded %q, want %s", c.app.Applicant.Name, u, got[c.app.ID][u], c.kind)
				}
			}
		}
		if len(got[mailed.ID]) != 0 {
			t.Errorf("fee paid within its period reminded: %v", got[mailed.ID])
		}
		// Acting on the new application stops its reminders.
		mustEvent(t, db, who, newCase.ID, foirequest.Event{Type: foirequest.EventAccepted, Day: day("2025-12-04")}, noon("2025-12-04"))
		next, err := db.Applications().Remind(ctx, account.System(), day("2025-12-05"))
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range next {
			if r.ApplicationID == newCase.ID && r.Kind == foirequest.StatusNew {
				t.Error("accepted application still reminded as new")
			}
		}
	})
}

// TestOrdinaryLetterArrival: a 平信's arrival day is stored with the application and a
// confirmation later than it is flagged in the registration — on SQLite and PostgreSQL.
func TestOrdinaryLetterArrival(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		_, a, _ := seed(t, db)
		app := newApp(a.ID, "王五", "平信申请", "2025-11-03")
		app.Intake = foirequest.Intake{Channel: foirequest.ChannelOrdinaryMail, Arrived: day("2025-11-03"), Confirmed: day("2025-11-05")}
		got, _ := create(t, db, handler(a.ID), app, noon("2025-11-05"))
		x := byID(t, db, got.ID)
		if store.FormatDay(x.Intake.Arrived) != "2025-11-03" || store.FormatDay(x.Received) != "2025-11-05" {
			t.Fatalf("arrived %v received %v", x.Intake.Arrived, x.Received)
		}
		if x.Intake.LateConfirmation() == "" || !strings.Contains(x.Events[0].Reason, "晚于到达当日") {
			t.Errorf("late confirmation not flagged: %q", x.Events[0].Reason)
		}
	})
}
