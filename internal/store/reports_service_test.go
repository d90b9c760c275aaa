package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/annualreport"
	"gongkai/internal/apperr"
	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
)

// TestReportsDoors drives an agency's report through the doors of the Reports service:
// who may read, write, publish and correct, what publication checks, what it freezes and
// what it audits.
func TestReportsDoors(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		gov, a, b := seed(t, db)
		staff := func(agencyID int64, roles ...account.Role) account.Principal {
			return account.Principal{Name: string(roles[0]), AgencyID: agencyID, GovernmentID: gov.ID, Roles: roles}
		}
		clerk, head, reviewer := staff(a.ID, account.Clerk), staff(a.ID, account.Head), staff(a.ID, account.Reviewer)
		otherClerk, office := staff(b.ID, account.Clerk), staff(b.ID, account.OpenOffice)
		reports := db.Reports()
		const year = 2024
		at := time.Date(year+1, 1, 20, 2, 0, 0, 0, time.UTC)

		// Reading: the agency's staff and the 政务公开办; another agency's clerk finds nothing.
		for _, p := range []account.Principal{clerk, reviewer, office, account.System()} {
			if _, err := reports.Draft(ctx, p, a.ID, year); err != nil {
				t.Errorf("%s reads the draft: %v", p.Name, err)
			}
		}
		if _, err := reports.Draft(ctx, otherClerk, a.ID, year); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("another agency's clerk reads the draft: %v", err)
		}
		if _, err := reports.Draft(ctx, account.Public(), a.ID, year); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("the public reads the draft: %v", err)
		}

		// Writing: 经办人 and 负责人 of the agency only.
		n := annualreport.Narrative{Overview: "  本年度总体情况。 ", Problems: "", Other: "其他事项。", FeeYuan: 300}
		for p, want := range map[*account.Principal]apperr.Code{&reviewer: apperr.Forbidden, &otherClerk: apperr.NotFound, &office: apperr.Forbidden} {
			if err := reports.SaveNarrative(ctx, *p, a.ID, year, n); !apperr.Is(err, want) {
				t.Errorf("%s saves the narrative: %v, want %s", p.Name, err, want)
			}
		}
		if err := reports.SaveNarrative(ctx, clerk, a.ID, year, annualreport.Narrative{FeeYuan: -1}); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("a negative fee: %v", err)
		}
		if err := reports.SaveNarrative(ctx, clerk, a.ID, year, n); err != nil {
			t.Fatal(err)
		}
		d, err := reports.Draft(ctx, clerk, a.ID, year)
		if err != nil {
			t.Fatal(err)
		}
		if d.Report.Narrative == nil || d.Report.Narrative.Overview != "本年度总体情况。" || d.Report.Narrative.FeeYuan != 300 {
			t.Fatalf("the draft's narrative: %+v", d.Report.Narrative)
		}
		if d.Report.Format != annualreport.Format2021 || len(d.Report.Findings) != 0 {
			t.Fatalf("the draft: format %s, findings %v", d.Report.Format, d.Report.Findings)
		}

		// Publishing: 负责人 only, a complete narrative, then a correction with a reason.
		if err := reports.Publish(ctx, clerk, a.ID, year, at); !apperr.Is(err, apperr.Forbidden) {
			t.Errorf("a clerk publishes: %v", err)
		}
		if err := reports.Publish(ctx, head, a.ID, year, at); !apperr.Is(err, apperr.Invalid) || !strings.Contains(apperr.MessageOf(err), "五、存在的主要问题") {
			t.Errorf("publication without section 五: %v", err)
		}
		if err := reports.Correct(ctx, head, a.ID, year, "更正", at); !apperr.Is(err, apperr.Conflict) {
			t.Errorf("a correction before publication: %v", err)
		}
		n.Problems = "公开深度不够。"
		if err := reports.SaveNarrative(ctx, head, a.ID, year, n); err != nil {
			t.Fatal(err)
		}
		if err := reports.Publish(ctx, head, a.ID, year, at); err != nil {
			t.Fatal(err)
		}
		if err := reports.Publish(ctx, head, a.ID, year, at); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("publishing twice: %v", err)
		}
		if err := reports.Correct(ctx, head, a.ID, year, "  ", at); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("a correction without reason: %v", err)
		}
		// The draft moves on; the published report does not.
		n2 := n
		n2.Overview = "改写后的正文"
		if err := reports.SaveNarrative(ctx, clerk, a.ID, year, n2); err != nil {
			t.Fatal(err)
		}
		o, err := reports.Published(ctx, a.ID, year)
		if err != nil {
			t.Fatal(err)
		}
		if o.Snapshot.Narrative == nil || o.Snapshot.Narrative.Overview != "本年度总体情况。" || o.PublishedBy != head.Name || !o.PublishedAt.Equal(at) {
			t.Fatalf("published: %+v by %q at %v", o.Snapshot.Narrative, o.PublishedBy, o.PublishedAt)
		}
		if !strings.Contains(annualreport.RenderText(o.Snapshot), "本年度收取信息处理费300元。其他事项。") {
			t.Errorf("the published text lacks the fee")
		}
		if err := reports.Correct(ctx, head, a.ID, year, "更正正文", at.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if o, _ = reports.Published(ctx, a.ID, year); o.Snapshot.Narrative.Overview != "改写后的正文" {
			t.Errorf("the correction did not publish the new text")
		}
		list, err := reports.PublishedList(ctx, a.ID)
		if err != nil || len(list) != 1 || list[0].Year != year {
			t.Errorf("published list: %v %v", list, err)
		}
		if _, err := reports.Published(ctx, b.ID, year); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("an unpublished report: %v", err)
		}
		entries, err := db.ListAudit(ctx, store.AuditFilter{Entity: "annual_report", EntityID: fmt.Sprintf("%d/%d", a.ID, year)})
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, e := range entries {
			actions = append(actions, e.Action+":"+e.ActorName+":"+e.Reason)
		}
		want := "annual_report.publish:head:更正正文 annual_report.save:clerk: annual_report.publish:head: annual_report.save:head: annual_report.save:clerk:"
		if strings.Join(actions, " ") != want {
			t.Errorf("audit:\n got %s\nwant %s", strings.Join(actions, " "), want)
		}

		// The years in progress: this year's once last year's is published.
		cur, last, err := reports.InProgress(ctx, clerk, a.ID, time.Date(year+1, 3, 1, 0, 0, 0, 0, time.UTC))
		if err != nil || cur.Year != year+1 || last == nil || last.Year != year {
			t.Errorf("in progress: %+v %+v %v", cur, last, err)
		}
		if cur, last, _ = reports.InProgress(ctx, otherClerk, b.ID, time.Date(year+1, 3, 1, 0, 0, 0, 0, time.UTC)); cur.Year != year || last != nil {
			t.Errorf("in progress, nothing published: %+v %+v", cur, last)
		}

		// The format follows the year; before 2019 no report is made.
		if d, err := reports.Draft(ctx, clerk, a.ID, 2020); err != nil || d.Report.Format != annualreport.Format2019 {
			t.Errorf("2020: %v", err)
		}
		if _, err := reports.Draft(ctx, clerk, a.ID, 2015); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("2015: %v", err)
		}
		if err := reports.SaveNarrative(ctx, clerk, a.ID, 2015, n); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("2015 narrative: %v", err)
		}

		// The government summary: its 政务公开办 only.
		sum, err := reports.Government(ctx, office, year, time.Date(year+1, 2, 10, 0, 0, 0, 0, time.UTC))
		if err != nil {
			t.Fatal(err)
		}
		if sum.Government != gov.Name || len(sum.Agencies) != 2 || !sum.Agencies[0].Published || sum.Agencies[1].Published || !sum.Agencies[1].Late {
			t.Errorf("summary: %+v", sum)
		}
		if _, err := reports.Government(ctx, clerk, year, at); !apperr.Is(err, apperr.Forbidden) {
			t.Errorf("a clerk compiles the summary: %v", err)
		}
	})
}

// A snapshot published before the report carried its narrative is read with it.
func TestReportsLegacySnapshot(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		_, a, _ := seed(t, db)
		snap := `{"report":{"file":"","agency":"测试区卫生健康局","year":2023,"format":"2021","sections":[],"cells":{},"findings":[]},` +
			`"narrative":{"Overview":"旧的总体情况","Problems":"旧的问题","Other":"","FeeYuan":20}}`
		_, err := db.Exec(ctx, `INSERT INTO annual_reports (agency_id, year, overview, problems, other_text, fee_yuan, status, snapshot_json, published_at, published_by, updated_at)
			VALUES (?, 2023, '', '', '', '0', 'published', ?, ?, '负责人', ?)`, a.ID, snap, store.FormatTime(time.Now()), store.FormatTime(time.Now()))
		if err != nil {
			t.Fatal(err)
		}
		o, err := db.Reports().Published(ctx, a.ID, 2023)
		if err != nil {
			t.Fatal(err)
		}
		if n := o.Snapshot.Narrative; n == nil || n.Overview != "旧的总体情况" || n.FeeYuan != 20 {
			t.Fatalf("legacy narrative: %+v", n)
		}
	})
}
