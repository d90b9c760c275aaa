package store_test

import (
	"context"
	"encoding/json"
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

// The fixtures of the report tests are written with plain SQL, as records that other
// parts of gongkai keep: the report only reads them.

// fixtureApplication stores an application of agencyID received on received, closed on
// closed with outcome (open when closed is ""), and returns its id.
func fixtureApplication(t *testing.T, db *store.DB, agencyID int64, number, received, closed, outcome string) int64 {
	t.Helper()
	ctx := context.Background()
	open := 1
	state := "accepted"
	if closed != "" {
		open, state = 0, "replied"
	}
	now := store.FormatTime(time.Now())
	var id int64
	err := db.InTx(ctx, func(tx *store.Tx) error {
		var err error
		id, err = store.Insert(ctx, tx, `INSERT INTO applications (agency_id, year, seq, number, tracking, query_hash, dedup_key,
			applicant_kind, applicant_name, channel, received, description, delivery, state, is_open, running, status, as_of,
			closed_day, outcome, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, '', ?, 'natural_person', '张三', 'online', ?, '所需信息', 'email', ?, ?, ?, 'normal', ?, ?, ?, ?, ?)`,
			agencyID, received[:4], id0(number), number, "T"+number, "D"+number, received, state, open, open, received, closed, outcome, now, now)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// id0 is a sequence number unique enough for a fixture: the digits of number.
func id0(number string) int {
	n := 0
	for _, r := range number {
		if r >= '0' && r <= '9' {
			n = n*10 + int(r-'0')
		}
	}
	return n
}

// fixtureAppeal stores an appeal; decided "" keeps it pending.
func fixtureAppeal(t *testing.T, db *store.DB, agencyID int64, kind, caseNo, filed, result, decided string, coDefendant bool) int64 {
	t.Helper()
	ctx := context.Background()
	co := 0
	if coDefendant {
		co = 1
	}
	var id int64
	err := db.InTx(ctx, func(tx *store.Tx) error {
		var err error
		id, err = store.Insert(ctx, tx, `INSERT INTO appeals (agency_id, kind, case_no, organ, filed_on, result, decided_on, co_defendant_organ, created_at)
			VALUES (?, ?, ?, '测试区人民政府', ?, ?, ?, ?, ?)`, agencyID, kind, caseNo, filed, result, decided, co, store.FormatTime(time.Now()))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// fixtureMonths enters the monthly table 二 figures of every month of year: explicit zeros.
func fixtureMonths(t *testing.T, db *store.DB, agencyID int64, year int) {
	t.Helper()
	fixtureMonthsFrom(t, db, agencyID, year, 1)
}

// fixtureMonthsFrom enters explicit zeros for the months of year from month on.
func fixtureMonthsFrom(t *testing.T, db *store.DB, agencyID int64, year, from int) {
	t.Helper()
	for m := from; m <= 12; m++ {
		if _, err := db.Exec(context.Background(), `INSERT INTO catalog_monthly_figures (agency_id, year, month, licensing, penalty, enforcement, fees_fen, updated_at)
			VALUES (?, ?, ?, 0, 0, 0, 0, ?)`, agencyID, year, m, store.FormatTime(time.Now())); err != nil {
			t.Fatal(err)
		}
	}
}

// Publication waits for the end of the year, names the cases still open and needs them
// confirmed as they are; a correction keeps the version published before, with the reason.
func TestReportPublicationRules(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		gov, a, _ := seed(t, db)
		head := account.Principal{Name: "负责人", AgencyID: a.ID, GovernmentID: gov.ID, Roles: []account.Role{account.Head}}
		reports := db.Reports()
		const year = 2025
		fixtureMonths(t, db, a.ID, year)
		n := annualreport.Narrative{Overview: "总体情况。", Problems: "存在的问题。"}
		if err := reports.SaveNarrative(ctx, head, a.ID, year, n); err != nil {
			t.Fatal(err)
		}
		cst := time.FixedZone("CST", 8*3600)

		// Not before the year is over, however complete the report.
		for _, at := range []time.Time{time.Date(year, 12, 7, 10, 0, 0, 0, cst), time.Date(year, 12, 31, 23, 59, 0, 0, cst)} {
			err := reports.Publish(ctx, head, a.ID, year, at, "")
			if !apperr.Is(err, apperr.Conflict) || !strings.Contains(apperr.MessageOf(err), "2025年度尚未结束，年度报告须在2026年1月1日以后发布") {
				t.Errorf("publication at %v: %v", at, err)
			}
		}
		if _, err := reports.Published(ctx, a.ID, year); !apperr.Is(err, apperr.NotFound) {
			t.Fatalf("published before the year ended: %v", err)
		}

		// The cases still open: applications received by 31 December and not closed,
		// appeals accepted by then and not decided, the agency's own only.
		late := fixtureApplication(t, db, a.ID, "2025-0091", "2025-12-28", "", "")
		early := fixtureApplication(t, db, a.ID, "2025-0012", "2025-06-01", "", "")
		fixtureApplication(t, db, a.ID, "2025-0013", "2025-06-02", "2025-06-20", "granted")
		fixtureApplication(t, db, a.ID, "2026-0001", "2026-01-05", "", "")
		appealID := fixtureAppeal(t, db, a.ID, "reconsideration", "测复〔2025〕4号", "2025-10-09", "pending", "", false)
		fixtureAppeal(t, db, a.ID, "litigation_after", "（2025）测行初9号", "2025-11-09", "pending", "", true)
		fixtureAppeal(t, db, a.ID, "litigation_direct", "（2026）测行初1号", "2026-01-04", "pending", "", false)
		d, err := reports.Draft(ctx, head, a.ID, year)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, c := range d.Open {
			got = append(got, fmt.Sprintf("%s %d %s %s %s", c.Kind, c.ID, c.Ref, c.What, c.Since.Format("2006-01-02")))
		}
		want := []string{
			fmt.Sprintf("application %d 2025-0012 政府信息公开申请 2025-06-01", early),
			fmt.Sprintf("application %d 2025-0091 政府信息公开申请 2025-12-28", late),
			fmt.Sprintf("appeal %d 测复〔2025〕4号 行政复议 2025-10-09", appealID),
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("open cases:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		if len(d.Report.Findings) != 0 {
			t.Fatalf("findings: %+v", d.Report.Findings)
		}
		at := time.Date(year+1, 1, 20, 10, 0, 0, 0, cst)
		if err := reports.Publish(ctx, head, a.ID, year, at, ""); !apperr.Is(err, apperr.Conflict) || !strings.Contains(apperr.MessageOf(err), "尚有2件政府信息公开申请和1件行政复议、行政诉讼案件未办结") {
			t.Fatalf("publication without confirmation: %v", err)
		}
		seen := d.Open.Fingerprint()
		// One of them is closed before the 负责人 publishes: the confirmation is stale.
		if _, err := db.Exec(ctx, `UPDATE applications SET is_open = 0, running = 0, closed_day = '2026-01-12', outcome = 'granted' WHERE id = ?`, early); err != nil {
			t.Fatal(err)
		}
		if err := reports.Publish(ctx, head, a.ID, year, at, seen); !apperr.Is(err, apperr.Conflict) || !strings.Contains(apperr.MessageOf(err), "有变化") {
			t.Fatalf("publication with a stale confirmation: %v", err)
		}
		if d, err = reports.Draft(ctx, head, a.ID, year); err != nil || len(d.Open) != 2 {
			t.Fatalf("open after a reply: %v %v", d.Open, err)
		}
		if err := reports.Publish(ctx, head, a.ID, year, at, d.Open.Fingerprint()); err != nil {
			t.Fatal(err)
		}
		first, err := reports.Published(ctx, a.ID, year)
		if err != nil {
			t.Fatal(err)
		}
		// The one still open and the one closed in 2026 are both carried over.
		if v, _ := first.Snapshot.Cells.Get("applications.carried_out.total"); v != 2 {
			t.Errorf("carried over: %v", v)
		}

		// A correction keeps the version before it, with the reason, in the audit log.
		n.Overview = "更正后的总体情况。"
		if err := reports.SaveNarrative(ctx, head, a.ID, year, n); err != nil {
			t.Fatal(err)
		}
		if err := reports.Correct(ctx, head, a.ID, year, "总体情况有误", at.Add(24*time.Hour), ""); !apperr.Is(err, apperr.Conflict) {
			t.Fatalf("correction without confirming the open cases: %v", err)
		}
		if err := reports.Correct(ctx, head, a.ID, year, "总体情况有误", at.Add(24*time.Hour), d.Open.Fingerprint()); err != nil {
			t.Fatal(err)
		}
		second, _ := reports.Published(ctx, a.ID, year)
		if second.Snapshot.Narrative.Overview != "更正后的总体情况。" || !second.PublishedAt.Equal(at.Add(24*time.Hour)) {
			t.Errorf("the correction: %+v at %v", second.Snapshot.Narrative, second.PublishedAt)
		}
		entries, err := db.ListAudit(ctx, store.AuditFilter{Entity: "annual_report", EntityID: fmt.Sprintf("%d/%d", a.ID, year)})
		if err != nil {
			t.Fatal(err)
		}
		var pubs []string
		var correction struct{ before, after annualreport.Report }
		for _, e := range entries {
			if e.Action != "annual_report.publish" {
				continue
			}
			pubs = append(pubs, e.Reason)
			if strings.HasPrefix(e.Reason, "总体情况有误") {
				if err := json.Unmarshal([]byte(e.Before), &correction.before); err != nil {
					t.Fatal(err)
				}
				if err := json.Unmarshal([]byte(e.After), &correction.after); err != nil {
					t.Fatal(err)
				}
			}
		}
		if want := "总体情况有误；确认未办结：1件政府信息公开申请和1件行政复议、行政诉讼案件 确认未办结：1件政府信息公开申请和1件行政复议、行政诉讼案件"; strings.Join(pubs, " ") != want {
			t.Errorf("publications in the audit log:\n got %s\nwant %s", strings.Join(pubs, " "), want)
		}
		if correction.before.Narrative == nil || correction.before.Narrative.Overview != "总体情况。" ||
			correction.after.Narrative == nil || correction.after.Narrative.Overview != "更正后的总体情况。" {
			t.Errorf("the correction's versions: before %+v, after %+v", correction.before.Narrative, correction.after.Narrative)
		}
	})
}
