package store_test

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/apperr"
	"gongkai/internal/foirequest"
	"gongkai/internal/notify"
	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
)

var testPDF = []byte("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n")

// withContact is newApp with an e-mail address on file.
func withContact(app foirequest.Application) foirequest.Application {
	app.Applicant.Email = "zhangsan@example.cn"
	return app
}

// messages lists the messages of case id as its 经办人 (of agency agencyID) sees them.
func messages(t *testing.T, db *store.DB, agencyID, id int64) []store.Message {
	t.Helper()
	f, err := db.Applications().Open(context.Background(), staff(agencyID), id, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return f.Messages
}

func TestOutboxWrittenWithTheStep(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		_, a, _ := seed(t, db)
		now := noon("2026-03-02")
		// No mail server: the e-mail waits for staff to deliver it by hand; no SMS platform: no text.
		manual, _ := create(t, db, account.Public(), withContact(newApp(a.ID, "张三", "2025年本区医疗机构名单", "2026-03-02")), now)
		ms := messages(t, db, a.ID, manual.ID)
		if len(ms) != 1 || ms[0].State != notify.Manual || ms[0].Channel != notify.Email || ms[0].Kind != notify.KindOf(foirequest.EventRegistered) || ms[0].EventSeq != 1 {
			t.Fatalf("without a mail server: %+v", ms)
		}
		db.SetMessaging(notify.Settings{Email: true, SMS: true})
		app, _ := create(t, db, account.Public(), withContact(newApp(a.ID, "李四", "2025年本区医疗机构名单", "2026-03-02")), now)
		ms = messages(t, db, a.ID, app.ID)
		if len(ms) != 2 || ms[0].State != notify.Pending || ms[1].Channel != notify.SMS || ms[1].To != "13812345678" {
			t.Fatalf("with both channels: %+v", ms)
		}
		// A step the applicant is not told of writes nothing; a refused step writes nothing.
		if _, err := addEvent(db, staff(a.ID), app.ID, foirequest.Event{Type: foirequest.EventAccepted, Day: day("2026-03-02"), Reason: "受理"}, now); err != nil {
			t.Fatal(err)
		}
		if _, err := addEvent(db, staff(a.ID), app.ID, foirequest.Event{Type: foirequest.EventReplied, Day: day("2026-03-02"), Reply: foirequest.ReplyPartial}, now); !apperr.Is(err, apperr.Invalid) {
			t.Fatalf("partial reply without reason: %v", err)
		}
		if n := len(messages(t, db, a.ID, app.ID)); n != 2 {
			t.Fatalf("after accept and a refused reply: %d messages", n)
		}
		// The 政务公开办 reads the case with the recipients masked.
		f, err := db.Applications().Open(ctx, account.Principal{UserID: 9, GovernmentID: a.GovernmentID, Roles: []account.Role{account.OpenOffice}}, app.ID, now)
		if err != nil || len(f.Messages) != 2 || f.Messages[0].To == "zhangsan@example.cn" || f.Messages[1].To == "13812345678" {
			t.Errorf("政务公开办: %v %+v", err, f.Messages)
		}
	})
}

func TestOutboxClaimSendRetry(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		sys := account.System()
		_, a, _ := seed(t, db)
		noReview(t, db, a.ID)
		db.SetMessaging(notify.Settings{Email: true})
		now := noon("2026-03-02")
		app, _ := create(t, db, account.Public(), withContact(newApp(a.ID, "张三", "2025年本区医疗机构名单", "2026-03-02")), now)
		if _, err := addEvent(db, staff(a.ID), app.ID, foirequest.Event{Type: foirequest.EventAccepted, Day: day("2026-03-02"), Reason: "受理"}, now); err != nil {
			t.Fatal(err)
		}
		if _, err := addEvent(db, staff(a.ID), app.ID, foirequest.Event{Type: foirequest.EventReplied, Day: day("2026-03-04"), Reply: foirequest.ReplyPartial, Reason: "第二部分涉及个人隐私"},
			noon("2026-03-04"), store.ApplicationFile{Name: "统计表.pdf", ContentType: "application/pdf", Data: testPDF}); err != nil {
			t.Fatal(err)
		}
		out := db.Outbox()
		if _, err := out.Claim(ctx, staff(a.ID), []notify.Channel{notify.Email}, 10, now, time.Minute); !apperr.Is(err, apperr.Forbidden) {
			t.Fatalf("staff claim: %v", err)
		}
		at := noon("2026-03-05")
		leases, err := out.Claim(ctx, sys, []notify.Channel{notify.Email}, 10, at, time.Minute)
		if err != nil || len(leases) != 2 {
			t.Fatalf("claim: %d %v", len(leases), err)
		}
		// Leased: nobody else takes them until the lease runs out.
		if again, err := out.Claim(ctx, sys, []notify.Channel{notify.Email}, 10, at.Add(30*time.Second), time.Minute); err != nil || len(again) != 0 {
			t.Fatalf("claim under lease: %d %v", len(again), err)
		}
		receipt, err := out.Compose(ctx, sys, leases[0], 30*24*time.Hour, at)
		if err != nil {
			t.Fatal(err)
		}
		if receipt.Input.Step.Type != foirequest.EventRegistered || !receipt.Input.Due.Equal(day("2026-03-30")) || receipt.To != "zhangsan@example.cn" || receipt.Input.TrackURL != "/track/"+app.Tracking {
			t.Errorf("receipt input %+v", receipt.Input)
		}
		reply, err := out.Compose(ctx, sys, leases[1], 30*24*time.Hour, at)
		if err != nil {
			t.Fatal(err)
		}
		in := reply.Input
		if in.Letter == nil || in.Letter.Title != "政府信息公开申请答复书" || in.Outcome != foirequest.ReplyPartial || len(in.Files) != 1 || string(in.Files[0].Data) != string(testPDF) {
			t.Fatalf("reply input: letter %v outcome %s files %d", in.Letter != nil, in.Outcome, len(in.Files))
		}
		// The link downloads the file without the code, until it expires.
		u, _ := url.Parse(in.Files[0].Link)
		parts := strings.Split(u.Path, "/")
		var fileID int64
		for _, f := range messagesFiles(t, db, app.ID) {
			fileID = f.ID
		}
		if parts[2] != app.Tracking || parts[4] != strconv.FormatInt(fileID, 10) {
			t.Fatalf("link %s", in.Files[0].Link)
		}
		exp, sig := u.Query().Get("exp"), u.Query().Get("sig")
		if f, err := db.Applications().FileByLink(ctx, app.Tracking, fileID, exp, sig, at); err != nil || f.Name != "统计表.pdf" {
			t.Errorf("download link: %v", err)
		}
		for name, c := range map[string][3]string{
			"expired": {app.Tracking, exp, sig}, "forged": {app.Tracking, exp, strings.Repeat("0", 64)}, "other number": {"ZZZZZZZZZZZZ", exp, sig},
		} {
			when := at
			if name == "expired" {
				when = at.Add(31 * 24 * time.Hour)
			}
			if _, err := db.Applications().FileByLink(ctx, c[0], fileID, c[1], c[2], when); !apperr.Is(err, apperr.NotFound) {
				t.Errorf("%s link: %v", name, err)
			}
		}
		if err := out.Sent(ctx, sys, leases[0], "subject", at); err != nil {
			t.Fatal(err)
		}
		if err := out.Sent(ctx, sys, leases[0], "subject", at); !apperr.Is(err, apperr.Conflict) {
			t.Errorf("sent twice: %v", err)
		}
		// A temporary failure: tried again after the backoff, the address not stored in the error.
		st, err := out.Failed(ctx, sys, leases[1], "451 4.3.0 <zhangsan@example.cn> try later", false, at)
		if err != nil || st != notify.Pending {
			t.Fatalf("failed: %s %v", st, err)
		}
		if l, _ := out.Claim(ctx, sys, []notify.Channel{notify.Email}, 10, at.Add(30*time.Second), time.Minute); len(l) != 0 {
			t.Errorf("claimed before the backoff")
		}
		ms := messages(t, db, a.ID, app.ID)
		if ms[0].State != notify.Sent || ms[1].State != notify.Pending || strings.Contains(ms[1].LastError, "zhangsan") || !strings.Contains(ms[1].LastError, "try later") {
			t.Errorf("after one sent, one failed: %+v", ms)
		}
		// A lease that runs out is taken by the next claim; the old lease can no longer record.
		l2, err := out.Claim(ctx, sys, []notify.Channel{notify.Email}, 10, at.Add(2*time.Minute), time.Minute)
		if err != nil || len(l2) != 1 || l2[0].Attempts != 2 {
			t.Fatalf("retry claim: %+v %v", l2, err)
		}
		l3, _ := out.Claim(ctx, sys, []notify.Channel{notify.Email}, 10, at.Add(4*time.Minute), time.Minute)
		if len(l3) != 1 {
			t.Fatalf("expired lease not claimed again")
		}
		if err := out.Sent(ctx, sys, l2[0], "late", at.Add(4*time.Minute)); !apperr.Is(err, apperr.Conflict) {
			t.Errorf("lost lease recorded: %v", err)
		}
		// A permanent failure gives up: staff deliver it by hand, and say how.
		if st, err := out.Failed(ctx, sys, l3[0], "550 no such user", true, at); err != nil || st != notify.Failed {
			t.Fatalf("permanent: %s %v", st, err)
		}
		if err := db.Applications().Delivered(ctx, staff(a.ID), app.ID, ms[0].ID, "邮寄", at); !apperr.Is(err, apperr.Conflict) {
			t.Errorf("deliver a sent message by hand: %v", err)
		}
		if err := db.Applications().Delivered(ctx, staff(a.ID), app.ID, ms[1].ID, "", at); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("no note: %v", err)
		}
		if err := db.Applications().Delivered(ctx, head(a.ID+1000), app.ID, ms[1].ID, "邮寄", at); err == nil {
			t.Errorf("another agency's head delivered it")
		}
		if err := db.Applications().Delivered(ctx, staff(a.ID), app.ID, ms[1].ID, "2026年3月6日挂号信寄出", at); err != nil {
			t.Fatal(err)
		}
		if ms := messages(t, db, a.ID, app.ID); ms[1].State != notify.Delivered || ms[1].DeliveredBy != staff(a.ID).Name {
			t.Errorf("delivered: %+v", ms[1])
		}
	})
}

func messagesFiles(t *testing.T, db *store.DB, id int64) []store.ApplicationFile {
	t.Helper()
	f, err := db.Applications().Open(context.Background(), account.System(), id, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return f.Files
}

func TestApplicantSubmit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		_, a, _ := seed(t, db)
		db.SetMessaging(notify.Settings{Email: true})
		u := account.User{AgencyID: a.ID, Username: "zhang", DisplayName: "张经办", PasswordHash: "x", Roles: []account.Role{account.Clerk}}
		if err := db.Users().Create(ctx, account.System(), &u); err != nil {
			t.Fatal(err)
		}
		clerk := account.Principal{UserID: u.ID, Name: u.DisplayName, AgencyID: a.ID, Roles: u.Roles}
		now := noon("2026-03-02")
		app, _ := create(t, db, account.Public(), withContact(newApp(a.ID, "张三", "医疗机构名单", "2026-03-02")), now)
		if _, err := addEvent(db, clerk, app.ID, foirequest.Event{Type: foirequest.EventCorrectionRequested, Method: foirequest.NoticeElectronic, Day: day("2026-03-03"), Days: 10, Reason: "请说明年份"}, noon("2026-03-03")); err != nil {
			t.Fatal(err)
		}
		at := noon("2026-03-05")
		token := app.TrackToken(at.Add(time.Minute))
		apps := db.Applications()
		if _, err := apps.Submit(ctx, app.Tracking, "1.00", store.Submission{Type: foirequest.EventCorrected, Text: "2025年"}, at); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("bad token: %v", err)
		}
		if _, err := apps.Submit(ctx, app.Tracking, token, store.Submission{Type: foirequest.EventCorrected}, at); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("empty answer: %v", err)
		}
		if _, err := apps.Submit(ctx, app.Tracking, token, store.Submission{Type: foirequest.EventCorrected, Text: "x",
			Files: []store.Upload{{Name: "a.html", Data: []byte("<script>alert(1)</script>")}}}, at); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("an HTML file: %v", err)
		}
		if _, err := apps.Submit(ctx, app.Tracking, token, store.Submission{Type: foirequest.EventReplied, Text: "x"}, at); !apperr.Is(err, apperr.Forbidden) {
			t.Errorf("a reply by the applicant: %v", err)
		}
		got, err := apps.Submit(ctx, app.Tracking, token, store.Submission{Type: foirequest.EventCorrected, Text: "所需信息为2025年度",
			Files: []store.Upload{{Name: `C:\材料\说明.pdf`, Data: testPDF}}}, at)
		if err != nil {
			t.Fatal(err)
		}
		last := got.Events[len(got.Events)-1]
		if got.State != foirequest.StateInProgress || !last.Day.Equal(day("2026-03-05")) || !strings.Contains(last.Reason, "所需信息为2025年度") || got.Recorders[len(got.Recorders)-1] != "申请人" {
			t.Fatalf("after the answer: %s %+v %v", got.State, last, got.Recorders)
		}
		if !got.Due.Equal(day("2026-04-02")) {
			t.Errorf("due from the corrected application: %s", got.Due.Format("2006-01-02"))
		}
		files := messagesFiles(t, db, app.ID)
		if len(files) != 1 || files[0].Name != "说明.pdf" || files[0].ContentType != "application/pdf" || files[0].EventSeq != len(got.Events) {
			t.Errorf("files %+v", files)
		}
		ms := messages(t, db, a.ID, app.ID)
		if k := ms[len(ms)-1].Kind; k != notify.KindOf(foirequest.EventCorrected) {
			t.Errorf("confirmation kind %s", k)
		}
		rs, err := apps.Reminders(ctx, clerk, 10)
		if err != nil || len(rs) != 1 || rs[0].Kind != foirequest.StatusSubmitted || !strings.Contains(rs[0].Message, "补正材料") {
			t.Fatalf("clerk reminders %+v %v", rs, err)
		}
		// Withdrawal: closes the case as 其他处理.
		w, err := apps.Submit(ctx, app.Tracking, token, store.Submission{Type: foirequest.EventWithdrawn}, at)
		if err != nil || w.State != foirequest.StateWithdrawn || w.Outcome != foirequest.ReplyOther {
			t.Fatalf("withdraw: %v %s %s", err, w.State, w.Outcome)
		}
		if _, err := apps.Submit(ctx, app.Tracking, token, store.Submission{Type: foirequest.EventWithdrawn}, at); !apperr.Is(err, apperr.Conflict) {
			t.Errorf("withdrawn twice: %v", err)
		}
	})
}

func TestRecoverCode(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		_, a, _ := seed(t, db)
		now := noon("2026-03-02")
		app, code := create(t, db, account.Public(), withContact(newApp(a.ID, "张三", "医疗机构名单", "2026-03-02")), now)
		apps := db.Applications()
		count := func() int { return len(messages(t, db, a.ID, app.ID)) }
		before := count()
		// No mail server: nothing can carry a code; the old one stays.
		if err := apps.RecoverCode(ctx, app.Tracking, "zhangsan@example.cn", now); err != nil || count() != before {
			t.Fatalf("without a mail server: %v %d", err, count())
		}
		db.SetMessaging(notify.Settings{Email: true, SMS: true})
		for _, contact := range []string{"someone@example.cn", "13900000000", "", "zhangsan"} {
			if err := apps.RecoverCode(ctx, app.Tracking, contact, now); err != nil || count() != before {
				t.Fatalf("wrong contact %q: %v %d", contact, err, count())
			}
		}
		if err := apps.RecoverCode(ctx, "ZZZZZZZZZZZZ", "zhangsan@example.cn", now); err != nil {
			t.Fatalf("unknown number: %v", err)
		}
		if _, err := apps.ForPublic(ctx, app.Tracking, code); err != nil {
			t.Fatal("the old code stopped working after wrong attempts")
		}
		if err := apps.RecoverCode(ctx, app.Tracking, "ZhangSan@Example.cn ", now); err != nil || count() != before+1 {
			t.Fatalf("right address: %v %d", err, count())
		}
		if _, err := apps.ForPublic(ctx, app.Tracking, code); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("old code still works: %v", err)
		}
		leases, err := db.Outbox().Claim(ctx, account.System(), []notify.Channel{notify.Email, notify.SMS}, 10, now, time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		var newCode string
		for _, l := range leases {
			o, err := db.Outbox().Compose(ctx, account.System(), l, time.Hour, now)
			if err != nil {
				t.Fatal(err)
			}
			if o.Kind == notify.KindQueryCode {
				newCode = o.Input.Code
				if err := db.Outbox().Sent(ctx, account.System(), l, "code", now); err != nil {
					t.Fatal(err)
				}
			}
		}
		if _, err := apps.ForPublic(ctx, app.Tracking, newCode); err != nil || newCode == "" {
			t.Fatalf("new code %q: %v", newCode, err)
		}
		var secret string
		if err := db.QueryRow(ctx, `SELECT secret FROM outbox WHERE kind = 'query_code'`).Scan(&secret); err != nil || secret != "" {
			t.Errorf("the code is kept after sending: %q %v", secret, err)
		}
		// By phone too, at most MaxCodeResets a day.
		for i := 0; i < store.MaxCodeResets+2; i++ {
			if err := apps.RecoverCode(ctx, app.Tracking, "138-1234-5678", now); err != nil {
				t.Fatal(err)
			}
		}
		if got := count(); got != before+store.MaxCodeResets {
			t.Errorf("resets in a day: %d", got-before)
		}
	})
}
