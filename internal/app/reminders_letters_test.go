package app

import (
	"context"
	"io"
	"log/slog"
	"net/smtp"
	"strings"
	"testing"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/demo"
	"gongkai/internal/foirequest"
	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
	"gongkai/internal/workday"
)

// The reminder job reminds the agency's 审核人 and 负责人 — by e-mail and in the console —
// of a reply letter waiting for their approval, with the case's due day; never its author;
// no more once it is approved.
func TestRunRemindersLetterWaiting(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Date(2026, 11, 25, 2, 0, 0, 0, time.UTC)
		if _, err := demo.LoadLight(ctx, db, now); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(ctx, `UPDATE users SET email = 'wj.shenhe@example.gov.cn' WHERE username = 'wj.shenhe'`); err != nil {
			t.Fatal(err)
		}
		signed := func(name string) account.User {
			u, err := store.UserByUsername(ctx, db, name)
			if err != nil {
				t.Fatal(err)
			}
			return u
		}
		clerkU, revU, headU := signed("wj.jingban"), signed("wj.shenhe"), signed("wj.fuze")
		ag, err := store.AgencyByID(ctx, db, clerkU.AgencyID)
		if err != nil {
			t.Fatal(err)
		}
		clerk, rev := demo.Principal(clerkU, ag), demo.Principal(revU, ag)
		today := workday.Of(now)
		app, _, err := db.Applications().Register(ctx, clerk, foirequest.Application{
			AgencyID:    ag.ID,
			Applicant:   foirequest.Applicant{Kind: foirequest.NaturalPerson, Name: "钱七", IDType: foirequest.IDResident, IDNumber: "11010519491231002X", Phone: "13812345678"},
			Intake:      foirequest.Intake{Channel: foirequest.ChannelInPerson, Submitted: today},
			Description: "本区2025年公办养老机构床位数",
			Delivery:    foirequest.DeliveryPaper,
		}, now)
		if err != nil {
			t.Fatal(err)
		}
		if app, err = db.Applications().Record(ctx, clerk, app.ID, foirequest.Event{Type: foirequest.EventAccepted, Day: today}, now); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Letters().SaveDraft(ctx, clerk, app.ID, foirequest.ReplyLetter{Reply: foirequest.ReplyNonexistent, Disclosed: "经检索，本机关未制作该信息"}, now); err != nil {
			t.Fatal(err)
		}

		a := &App{Config: Config{SMTPAddr: "smtp.example.gov.cn:25", SMTPFrom: "gongkai@example.gov.cn", BaseURL: "https://gk.example.gov.cn"}, DB: db,
			Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
		var sent []sentMail
		send := func(addr string, _ smtp.Auth, from string, to []string, msg []byte) error {
			sent = append(sent, sentMail{addr, from, to, msg})
			return nil
		}
		if _, err := RunReminders(ctx, a, now, send); err != nil {
			t.Fatal(err)
		}
		var mailed string
		for _, m := range sent {
			if m.to[0] == "wj.shenhe@example.gov.cn" {
				mailed = decodeMail(t, m.msg)
			}
		}
		if !strings.Contains(mailed, app.Number) || !strings.Contains(mailed, "待审核") || !strings.Contains(mailed, workday.FormatChinese(app.Due)) {
			t.Errorf("the reviewer's mail lacks the letter waiting:\n%s", mailed)
		}
		letterReminders := func(u account.User) int {
			t.Helper()
			rs, err := db.Applications().Reminders(ctx, demo.Principal(u, ag), 200)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, r := range rs {
				if r.Kind == foirequest.StatusLetterWaiting && r.ApplicationID == app.ID {
					n++
				}
			}
			return n
		}
		if letterReminders(revU) != 1 || letterReminders(headU) != 1 {
			t.Errorf("reviewer %d, head %d reminders of the letter, want 1 each", letterReminders(revU), letterReminders(headU))
		}
		if letterReminders(clerkU) != 0 {
			t.Error("the author is reminded to approve their own letter")
		}

		// Approved: the next day's run reminds nobody of it.
		if _, err := db.Letters().Approve(ctx, rev, app.ID, now); err != nil {
			t.Fatal(err)
		}
		next := now.Add(24 * time.Hour)
		before := letterReminders(headU)
		if _, err := RunReminders(ctx, a, next, send); err != nil {
			t.Fatal(err)
		}
		if letterReminders(headU) != before {
			t.Error("reminded of an approved letter")
		}
	})
}
