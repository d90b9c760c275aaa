package store_test

import (
	"context"
	"strings"
	"testing"

	"gongkai/internal/account"
	"gongkai/internal/foirequest"
	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
	"gongkai/internal/workday"
)

// A draft reply letter waits for the agency's 审核人 and 负责人 other than its author: they
// find it in Letters.AwaitingApproval and are reminded of it with the case's due day; the
// author, a clerk and another agency's reviewer see nothing; an approved or issued letter
// leaves the list, an edit after approval brings it back — on SQLite and PostgreSQL.
func TestLettersAwaitingApproval(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		gov, a, b := seed(t, db)
		mkUser := func(agencyID int64, login, name string, roles ...account.Role) account.Principal {
			u := account.User{AgencyID: agencyID, Username: login, DisplayName: name, PasswordHash: "x", Email: login + "@example.cn", Roles: roles}
			if err := db.InTx(ctx, func(tx *store.Tx) error { return tx.Users().Create(ctx, account.System(), &u) }); err != nil {
				t.Fatal(err)
			}
			return u.Principal(gov.ID)
		}
		author := mkUser(a.ID, "chen", "陈写", account.Clerk, account.Reviewer) // a 审核人 too, but the author
		rev := mkUser(a.ID, "li", "李审", account.Reviewer)
		boss := mkUser(a.ID, "zhao", "赵刚", account.Head)
		clerk := mkUser(a.ID, "wang", "王经办", account.Clerk)
		otherRev := mkUser(b.ID, "sun", "孙审", account.Reviewer)
		letters := db.Letters()

		now := noon("2026-03-02")
		app, _ := create(t, db, clerk, newApp(a.ID, "张三", "2025年本区医疗机构名单", "2026-03-02"), now)
		app = mustEvent(t, db, clerk, app.ID, foirequest.Event{Type: foirequest.EventAccepted, Day: day("2026-03-02")}, now)
		// Another case of the agency with no draft, and one whose draft is approved, are not listed.
		plain, _ := create(t, db, clerk, newApp(a.ID, "李四", "另一申请", "2026-03-02"), now)
		mustEvent(t, db, clerk, plain.ID, foirequest.Event{Type: foirequest.EventAccepted, Day: day("2026-03-02")}, now)

		none := foirequest.ReplyLetter{Reply: foirequest.ReplyNonexistent, Disclosed: "经检索，本机关未制作或获取该信息"}
		if _, err := letters.SaveDraft(ctx, author, app.ID, none, noon("2026-03-03")); err != nil {
			t.Fatal(err)
		}
		today := day("2026-03-04")
		count := func(who account.Principal) []store.AwaitingLetter {
			t.Helper()
			got, err := letters.AwaitingApproval(ctx, who, today)
			if err != nil {
				t.Fatal(err)
			}
			return got
		}
		for name, who := range map[string]account.Principal{"author": author, "clerk": clerk, "other agency's reviewer": otherRev, "system": account.System()} {
			if got := count(who); len(got) != 0 {
				t.Errorf("%s sees %d letters", name, len(got))
			}
		}
		got := count(rev)
		if len(got) != 1 {
			t.Fatalf("reviewer sees %d letters, want 1", len(got))
		}
		w := got[0]
		if w.Application.ID != app.ID || w.Application.Number != app.Number || w.Letter.Reply != foirequest.ReplyNonexistent ||
			w.Letter.Author != "陈写" || w.Letter.UpdatedAt.IsZero() || !w.Application.Due.Equal(app.Due) || w.Application.Due.IsZero() {
			t.Errorf("listed %+v / %+v", w.Application, w.Letter)
		}
		if w.Application.Applicant.Name != "张三" {
			t.Errorf("applicant of a case the reviewer handles: %q", w.Application.Applicant.Name)
		}
		if len(count(boss)) != 1 {
			t.Error("the 负责人 does not see the draft")
		}

		// The reminder job reminds the reviewer and the 负责人, not the author, with the due day.
		made, err := db.Applications().Remind(ctx, account.System(), today)
		if err != nil {
			t.Fatal(err)
		}
		reminded := map[int64]string{}
		for _, r := range made {
			if r.Kind == foirequest.StatusLetterWaiting {
				reminded[r.UserID] = r.Message
				if r.ApplicationID != app.ID || !r.Due.Equal(app.Due) {
					t.Errorf("reminder %+v", r.Reminder)
				}
			}
		}
		if len(reminded) != 2 || reminded[rev.UserID] == "" || reminded[boss.UserID] == "" {
			t.Fatalf("reminded %v, want the reviewer and the head", reminded)
		}
		msg := reminded[rev.UserID]
		for _, want := range []string{app.Number, "信息不存在", "陈写", "待审核", workday.FormatChinese(app.Due)} {
			if !strings.Contains(msg, want) {
				t.Errorf("reminder %q lacks %q", msg, want)
			}
		}
		// Once a day.
		if again, _ := db.Applications().Remind(ctx, account.System(), today); len(again) != 0 {
			t.Errorf("second run made %d reminders", len(again))
		}

		// Approved: it leaves every list.
		if _, err := letters.Approve(ctx, rev, app.ID, noon("2026-03-04")); err != nil {
			t.Fatal(err)
		}
		if len(count(boss)) != 0 || len(count(rev)) != 0 {
			t.Error("an approved letter still waits")
		}
		// Edited after approval: it waits again.
		none.Body = ""
		none.Disclosed = "经检索，本机关未制作或获取该信息，建议向市统计局咨询"
		if _, err := letters.SaveDraft(ctx, author, app.ID, none, noon("2026-03-05")); err != nil {
			t.Fatal(err)
		}
		if got := count(boss); len(got) != 1 || got[0].Application.ID != app.ID {
			t.Fatalf("edited letter: head sees %d", len(got))
		}
		if _, err := letters.Approve(ctx, boss, app.ID, noon("2026-03-05")); err != nil {
			t.Fatal(err)
		}
		if _, err := letters.Issue(ctx, author, app.ID, day("2026-03-05"), noon("2026-03-05")); err != nil {
			t.Fatal(err)
		}
		if len(count(rev)) != 0 {
			t.Error("an issued letter still waits")
		}
		later, err := db.Applications().Remind(ctx, account.System(), day("2026-03-06"))
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range later {
			if r.Kind == foirequest.StatusLetterWaiting {
				t.Errorf("reminded of an issued letter: %+v", r.Reminder)
			}
		}
	})
}
