package store_test

import (
	"context"
	"strings"
	"testing"

	"gongkai/internal/account"
	"gongkai/internal/apperr"
	"gongkai/internal/foirequest"
	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
)

func reviewer(agencyID int64) account.Principal {
	return account.Principal{UserID: 400 + agencyID, Name: "李审", AgencyID: agencyID, Roles: []account.Role{account.Reviewer}}
}

// A reply letter goes out only after a 审核人 or 负责人 other than its author approved it:
// drafted from the template (the 部分公开 letter in its two parts), refused when recorded
// directly, approved by another person, issued with its files to the applicant.
func TestReplyLetterFourEyes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		_, a, _ := seed(t, db)
		now := noon("2026-03-02")
		app, _ := create(t, db, staff(a.ID), newApp(a.ID, "张三", "2025年本区医疗机构名单", "2026-03-02"), now)
		mustEvent(t, db, staff(a.ID), app.ID, foirequest.Event{Type: foirequest.EventAccepted, Day: day("2026-03-02")}, now)
		letters := db.Letters()

		// Recorded directly, a reply is refused where the agency reviews its letters.
		if _, err := addEvent(db, staff(a.ID), app.ID, foirequest.Event{Type: foirequest.EventReplied, Day: day("2026-03-03"), Reply: foirequest.ReplyPartial, Reason: "隐私"},
			noon("2026-03-03"), disclosed(foirequest.Event{Type: foirequest.EventReplied, Reply: foirequest.ReplyPartial})...); !apperr.Is(err, apperr.Conflict) {
			t.Fatalf("direct reply: %v", err)
		}
		// A 部分公开 letter without a withheld part, or a part without its basis, is refused.
		partial := foirequest.ReplyLetter{Reply: foirequest.ReplyPartial, Disclosed: "医疗机构名称、地址和执业范围"}
		if _, err := letters.SaveDraft(ctx, staff(a.ID), app.ID, partial, now); !apperr.Is(err, apperr.Invalid) || !strings.Contains(apperr.MessageOf(err), "不予公开的内容") {
			t.Fatalf("partial without a withheld part: %v", err)
		}
		partial.Withheld = []foirequest.Withheld{{What: "联系人手机号码", Reason: "属于个人隐私"}}
		if _, err := letters.SaveDraft(ctx, staff(a.ID), app.ID, partial, now); !apperr.Is(err, apperr.Invalid) || !strings.Contains(apperr.MessageOf(err), "法律依据") {
			t.Fatalf("withheld part without its basis: %v", err)
		}
		partial.Withheld[0].Basis = "《中华人民共和国政府信息公开条例》第十五条"
		file := store.ApplicationFile{Name: "名单.xlsx", ContentType: "application/octet-stream", Data: []byte("名单")}
		d, err := letters.SaveDraft(ctx, staff(a.ID), app.ID, partial, now, file)
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"一、予以公开的内容", "医疗机构名称、地址和执业范围", "二、不予公开的内容", "（一）联系人手机号码。理由：属于个人隐私。依据：《中华人民共和国政府信息公开条例》第十五条。", "应当先申请行政复议"} {
			if !strings.Contains(d.Letter.Body, want) {
				t.Errorf("draft lacks %q:\n%s", want, d.Letter.Body)
			}
		}
		if len(d.Files) != 1 || d.Files[0].EventSeq != 0 {
			t.Fatalf("draft files %+v", d.Files)
		}
		// The file waits with the draft: not the applicant's yet.
		got, _ := db.Applications().Get(ctx, staff(a.ID), app.ID)
		if fs, _ := db.Applications().PublicFiles(ctx, got); len(fs) != 0 {
			t.Fatal("a draft's file is public")
		}
		// The clerk edits the text.
		partial.Body = d.Letter.Body + "\n\n联系人：王敏。"
		if d, err = letters.SaveDraft(ctx, staff(a.ID), app.ID, partial, now); err != nil || !strings.Contains(d.Letter.Body, "联系人：王敏") {
			t.Fatalf("edit: %v", err)
		}
		// Not issued before approval; the author and a clerk may not approve.
		if _, err := letters.Issue(ctx, staff(a.ID), app.ID, day("2026-03-04"), noon("2026-03-04")); !apperr.Is(err, apperr.Conflict) {
			t.Fatalf("issue before approval: %v", err)
		}
		if _, err := letters.Approve(ctx, staff(a.ID), app.ID, now); !apperr.Is(err, apperr.Forbidden) {
			t.Fatalf("clerk approves: %v", err)
		}
		own := reviewer(a.ID)
		own.UserID = staff(a.ID).UserID
		own.Roles = []account.Role{account.Clerk, account.Reviewer}
		if _, err := letters.Approve(ctx, own, app.ID, now); !apperr.Is(err, apperr.Forbidden) || !strings.Contains(apperr.MessageOf(err), "起草人以外") {
			t.Fatalf("author approves: %v", err)
		}
		if _, err := letters.Approve(ctx, reviewer(a.ID+1), app.ID, now); !apperr.Is(err, apperr.NotFound) {
			t.Fatalf("another agency's reviewer approves: %v", err)
		}
		if _, err := letters.Approve(ctx, reviewer(a.ID), app.ID, now); err != nil {
			t.Fatal(err)
		}
		// A change after approval needs a new approval.
		if d, err = letters.SaveDraft(ctx, staff(a.ID), app.ID, partial, now); err != nil || d.Letter.Approved() {
			t.Fatalf("changed after approval: approved=%v %v", d.Letter.Approved(), err)
		}
		if _, err := letters.Issue(ctx, staff(a.ID), app.ID, day("2026-03-04"), noon("2026-03-04")); !apperr.Is(err, apperr.Conflict) {
			t.Fatalf("issue after a change: %v", err)
		}
		if _, err := letters.Approve(ctx, head(a.ID), app.ID, noon("2026-03-04")); err != nil {
			t.Fatal(err)
		}
		out, err := letters.Issue(ctx, staff(a.ID), app.ID, day("2026-03-04"), noon("2026-03-04"))
		if err != nil {
			t.Fatal(err)
		}
		last := out.Events[len(out.Events)-1]
		if out.State != foirequest.StateReplied || last.ReviewedBy != "赵刚" || last.DraftedBy != "王敏（经办人）" || len(last.Letter) == 0 ||
			!strings.Contains(last.Reason, "联系人手机号码") || !strings.Contains(last.Reason, "第十五条") {
			t.Fatalf("issued: %s %+v", out.State, last)
		}
		got, _ = db.Applications().Get(ctx, staff(a.ID), app.ID)
		if fs, _ := db.Applications().PublicFiles(ctx, got); len(fs) != 1 || fs[0].Name != "名单.xlsx" || fs[0].EventSeq != len(out.Events) {
			t.Fatalf("the letter's files after issue: %+v", fs)
		}
		// The letter the applicant reads is the edited one, with its record.
		sent, err := letters.ForApplicant(ctx, got)
		if err != nil || sent.Reply == nil || !strings.Contains(strings.Join(sent.Reply.Paragraphs, "\n"), "联系人：王敏") {
			t.Fatalf("applicant's letter: %v", err)
		}
		cl, err := letters.ForCase(ctx, staff(a.ID), app.ID, "", "")
		if err != nil || cl.ReviewedBy != "赵刚" || cl.DraftedBy != "王敏（经办人）" {
			t.Fatalf("letter record: %+v %v", cl, err)
		}
		// The approval is audited.
		entries, err := db.ListAudit(ctx, store.AuditFilter{Entity: "application", Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		approvals := 0
		for _, e := range entries {
			if e.Action == "application.letter_approved" {
				approvals++
			}
		}
		if approvals != 2 {
			t.Fatalf("%d approvals audited", approvals)
		}

		// Without review (the agency's setting off), the author issues it alone; the
		// material rule still holds.
		noReview(t, db, a.ID)
		app2, _ := create(t, db, staff(a.ID), newApp(a.ID, "李四", "2025年本区药店名单", "2026-03-02"), now)
		granted := foirequest.ReplyLetter{Reply: foirequest.ReplyGranted}
		if _, err := letters.SaveDraft(ctx, staff(a.ID), app2.ID, granted, now); err != nil {
			t.Fatal(err)
		}
		if _, err := letters.Issue(ctx, staff(a.ID), app2.ID, day("2026-03-04"), noon("2026-03-04")); !apperr.Is(err, apperr.Invalid) {
			t.Fatalf("granted by e-mail without material: %v", err)
		}
		granted.Handover, granted.HandoverDay = foirequest.DeliveryPickup, day("2026-03-05")
		if _, err := letters.SaveDraft(ctx, staff(a.ID), app2.ID, granted, now); err != nil {
			t.Fatal(err)
		}
		if out, err := letters.Issue(ctx, staff(a.ID), app2.ID, day("2026-03-04"), noon("2026-03-04")); err != nil || out.State != foirequest.StateReplied {
			t.Fatalf("issue without review: %v", err)
		}
	})
}
