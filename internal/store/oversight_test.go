package store_test

import (
	"context"
	"testing"

	"gongkai/internal/account"
	"gongkai/internal/annualreport"
	"gongkai/internal/apperr"
	"gongkai/internal/foirequest"
	"gongkai/internal/oversight"
	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
)

// TestOversightDoors drives the 政务公开办's doors on both databases: the overview and the
// profile count what the records say, only the office reads them, a 督办 is answered by
// its agency once, and the reminder job reminds those it should, once a day.
func TestOversightDoors(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		gov, a, b := seed(t, db)
		noReview(t, db, a.ID, b.ID) // replies recorded directly: the letters' review is not the subject here
		users := map[string]account.User{}
		for _, u := range []account.User{
			{AgencyID: a.ID, Username: "a.clerk", DisplayName: "王敏", Roles: []account.Role{account.Clerk}},
			{AgencyID: a.ID, Username: "a.head", DisplayName: "赵刚", Roles: []account.Role{account.Head}},
			{AgencyID: a.ID, Username: "a.reviewer", DisplayName: "李强", Roles: []account.Role{account.Reviewer}},
			{AgencyID: b.ID, Username: "b.clerk", DisplayName: "刘洋", Roles: []account.Role{account.Clerk}},
			{AgencyID: b.ID, Username: "office", DisplayName: "郑华", Roles: []account.Role{account.OpenOffice}},
		} {
			u.PasswordHash = "x"
			if err := db.InTx(ctx, func(tx *store.Tx) error { return tx.Users().Create(ctx, account.System(), &u) }); err != nil {
				t.Fatal(err)
			}
			users[u.Username] = u
		}
		as := func(name string) account.Principal { return users[name].Principal(gov.ID) }
		office, clerk, reviewer, otherClerk := as("office"), as("a.clerk"), as("a.reviewer"), as("b.clerk")

		// Agency a: one reply in 6 working days, one after its due day (34 working days: 清明
		// 6 April is a holiday), one still open.
		quick, _ := create(t, db, clerk, newApp(a.ID, "张三", "本区医疗机构名单", "2026-03-02"), noon("2026-03-02"))
		slow, _ := create(t, db, clerk, newApp(a.ID, "李四", "某医院的检查记录", "2026-03-02"), noon("2026-03-02"))
		create(t, db, clerk, newApp(a.ID, "王五", "某诊所的处罚决定", "2026-03-02"), noon("2026-03-02"))
		mustEvent(t, db, clerk, quick.ID, foirequest.Event{Type: foirequest.EventReplied, Day: day("2026-03-10"), Reply: foirequest.ReplyGranted}, noon("2026-03-10"))
		mustEvent(t, db, clerk, slow.ID, foirequest.Event{Type: foirequest.EventReplied, Day: day("2026-04-20"), Reply: foirequest.ReplyThirdParty, Reason: "涉及第三方商业秘密"}, noon("2026-04-20"))
		now := noon("2026-04-21")

		for _, p := range []account.Principal{clerk, otherClerk, account.Public()} {
			if _, err := db.Oversight().Overview(ctx, p, 2026, now); !apperr.Is(err, apperr.Forbidden) {
				t.Errorf("%s reads the overview: %v", p.Name, err)
			}
		}
		ov, err := db.Oversight().Overview(ctx, office, 2026, now)
		if err != nil {
			t.Fatal(err)
		}
		if len(ov.Rows) != 2 || ov.ReportYear != 2025 || ov.Government != gov.Name {
			t.Fatalf("overview %+v", ov)
		}
		rows := map[int64]oversight.Row{}
		for _, r := range ov.Rows {
			rows[r.AgencyID] = r
		}
		if r := rows[a.ID]; r.Open != 1 || r.Overdue != 1 || r.DueSoon != 0 || r.Report != oversight.ReportMissing {
			t.Errorf("agency a: %+v", r)
		}
		if r := rows[b.ID]; r.Open != 0 || r.Overdue != 0 {
			t.Errorf("agency b: %+v", r)
		}

		// The profile counts as table 三 does, and the working days of each reply.
		if _, err := db.Oversight().Profile(ctx, clerk, a.ID, []int{2026}); !apperr.Is(err, apperr.Forbidden) {
			t.Errorf("clerk reads a profile: %v", err)
		}
		p, err := db.Oversight().Profile(ctx, office, a.ID, []int{2025, 2026})
		if err != nil {
			t.Fatal(err)
		}
		own := p.Years[1].Own
		if own.Source != oversight.FromRecords || own.Replied() != 2 || own.Rows["granted"] != 1 || own.Rows["withheld.third_party"] != 1 {
			t.Errorf("own figures %+v", own)
		}
		if len(own.Days) != 2 || own.Days[0]+own.Days[1] != 6+34 || own.OnTime != 1 {
			t.Errorf("reply days %v, on time %d", own.Days, own.OnTime)
		}
		if peers := p.Years[1].Peers; peers.Agencies != 1 || peers.Replied() != 0 {
			t.Errorf("peers %+v", peers)
		}
		if p.Years[0].Own.Replied() != 0 {
			t.Errorf("2025 figures %+v", p.Years[0].Own)
		}
		// An agency not on gongkai, known from its imported report: its own profile, and
		// among agency a's peers (a department, as its name says).
		r := annualreport.NewReport("测试区教育局", 2026, annualreport.Format2021)
		r.Cells.Set("applications.granted.total", 3)
		r.Cells.Set("applications.withheld.third_party.total", 1)
		if err := db.InTx(ctx, func(tx *store.Tx) error {
			_, err := store.SaveImportedReport(ctx, tx, office, gov.ID, "jyj2026.txt", "abc", r)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		p, err = db.Oversight().Profile(ctx, office, a.ID, []int{2026})
		if err != nil {
			t.Fatal(err)
		}
		if peers := p.Years[0].Peers; peers.Agencies != 2 || peers.Replied() != 4 || peers.Withheld()[3].Percent() != 100 {
			t.Errorf("peers with the imported report %+v", peers)
		}
		ip, err := db.Oversight().ImportedProfile(ctx, office, "测试区教育局", []int{2025, 2026})
		if err != nil {
			t.Fatal(err)
		}
		if own := ip.Years[1].Own; own.Source != oversight.FromImported || own.Replied() != 4 || ip.Agency.ID != 0 {
			t.Errorf("imported profile %+v", ip)
		}
		if peers := ip.Years[1].Peers; peers.Agencies != 2 || peers.Replied() != 2 {
			t.Errorf("imported profile's peers %+v", peers)
		}
		if _, err := db.Oversight().ImportedProfile(ctx, office, "无此机关", []int{2026}); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("unknown agency: %v", err)
		}
		if _, err := db.Oversight().ImportedProfile(ctx, clerk, "测试区教育局", []int{2026}); !apperr.Is(err, apperr.Forbidden) {
			t.Errorf("clerk reads an imported profile: %v", err)
		}
		if ip, err := db.Oversight().ImportedProfile(ctx, office, a.Name, []int{2026}); err != nil || ip.Agency.ID != a.ID {
			t.Errorf("profile by the name of an agency on gongkai: %v %v", ip.Agency.ID, err)
		}

		scores, err := db.Oversight().Scores(ctx, office, a.ID, []int{2026}, now)
		if err != nil {
			t.Fatal(err)
		}
		if r := scores[0].Results[0]; !r.Applies || r.N != 1 || r.Of != 2 {
			t.Errorf("replies criterion %+v", r)
		}
		if r := rows[a.ID]; !r.Scored || r.Score != scores[0].Total {
			t.Errorf("overview's score %v (scored %v), the agency's %v", r.Score, r.Scored, scores[0].Total)
		}

		// 督办: the office sends, the agency answers once.
		n := oversight.Notice{AgencyID: a.ID, Subject: "超期申请整改", Body: "请说明超期原因。", Due: day("2026-04-23")}
		for _, p := range []account.Principal{clerk, otherClerk, account.System()} {
			m := n
			if err := db.Oversight().Send(ctx, p, &m, now); !apperr.Is(err, apperr.Forbidden) {
				t.Errorf("%s sends a notice: %v", p.Name, err)
			}
		}
		if err := db.Oversight().Send(ctx, office, &n, now); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Oversight().Notice(ctx, otherClerk, n.ID); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("another agency reads the notice: %v", err)
		}
		if list, err := db.Oversight().Notices(ctx, clerk, 0); err != nil || len(list) != 1 || list[0].Agency != a.Name {
			t.Errorf("agency's notices: %v %v", list, err)
		}
		if list, _ := db.Oversight().Notices(ctx, otherClerk, 0); len(list) != 0 {
			t.Errorf("another agency lists %d notices", len(list))
		}
		// Reminders: due soon on the 21st (two working days ahead), overdue on the 24th.
		if _, err := db.Oversight().Remind(ctx, office, day("2026-04-21")); !apperr.Is(err, apperr.Forbidden) {
			t.Errorf("office runs the reminder job: %v", err)
		}
		k, err := db.Oversight().Remind(ctx, account.System(), day("2026-04-21"))
		if err != nil || k != 2 {
			t.Errorf("due-soon reminders: %d %v (clerk and head)", k, err)
		}
		if k, _ := db.Oversight().Remind(ctx, account.System(), day("2026-04-21")); k != 0 {
			t.Errorf("second run the same day created %d", k)
		}
		if k, _ := db.Oversight().Remind(ctx, account.System(), day("2026-04-24")); k != 3 {
			t.Errorf("overdue reminders: %d (clerk, head and the sender)", k)
		}
		if rs, _ := db.Oversight().Reminders(ctx, office); len(rs) != 1 || rs[0].NoticeID != n.ID {
			t.Errorf("office's reminders %v", rs)
		}
		// Opening the notice reads one's own reminders of it, nobody else's.
		if _, err := db.Oversight().Notice(ctx, office, n.ID); err != nil {
			t.Fatal(err)
		}
		if rs, _ := db.Oversight().Reminders(ctx, office); len(rs) != 0 {
			t.Errorf("office's reminders after opening the notice: %v", rs)
		}
		if rs, _ := db.Oversight().Reminders(ctx, clerk); len(rs) != 2 {
			t.Errorf("clerk's reminders: %d, want 2 (due soon, overdue)", len(rs))
		}
		if ov, _ := db.Oversight().Overview(ctx, office, 2026, noon("2026-04-24")); ov.Rows[0].NoticesOpen+ov.Rows[1].NoticesOpen != 1 {
			t.Errorf("open notices in the overview: %+v", ov.Rows)
		}
		for p, want := range map[*account.Principal]apperr.Code{&office: apperr.Forbidden, &reviewer: apperr.Forbidden, &otherClerk: apperr.NotFound} {
			if _, err := db.Oversight().Answer(ctx, *p, n.ID, "已整改", noon("2026-04-24")); !apperr.Is(err, want) {
				t.Errorf("%s answers: %v, want %s", p.Name, err, want)
			}
		}
		got, err := db.Oversight().Answer(ctx, clerk, n.ID, "已逐件核查并答复。", noon("2026-04-24"))
		if err != nil {
			t.Fatal(err)
		}
		if got.Status(mustCalendar(t, db), day("2026-04-24")) != oversight.NoticeAnsweredLate {
			t.Errorf("answered after the due day: %s", got.Status(mustCalendar(t, db), day("2026-04-24")))
		}
		if _, err := db.Oversight().Answer(ctx, clerk, n.ID, "再答", noon("2026-04-24")); !apperr.Is(err, apperr.Conflict) {
			t.Errorf("second answer: %v", err)
		}
		if rs, _ := db.Oversight().Reminders(ctx, clerk); len(rs) != 0 {
			t.Errorf("reminders stay after the answer: %v", rs)
		}
		var audits int
		if err := db.QueryRow(ctx, `SELECT COUNT(*) FROM audit_log WHERE action IN ('oversight.notice.send', 'oversight.notice.answer')`).Scan(&audits); err != nil || audits != 2 {
			t.Errorf("audit rows %d %v", audits, err)
		}
	})
}

func mustCalendar(t *testing.T, db *store.DB) oversight.Workdays {
	t.Helper()
	cal, err := store.Calendar(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	return cal
}
