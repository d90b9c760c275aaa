package demo

import (
	"context"
	"testing"
	"time"

	"gongkai/internal/oversight"
	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
	"gongkai/internal/workday"
)

// The demo's 督办 went through the doors: one answered in time, one past its due day,
// one still open; each audited. The full demo imports the reports of an agency not on
// gongkai.
func TestDemoNotices(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Now()
		if _, err := Load(ctx, db, now); err != nil {
			t.Fatal(err)
		}
		env := envOf(t, db, now)
		office := Principal(env.Users["gkb"], env.Agencies[2])
		ns, err := db.Oversight().Notices(ctx, office, 0)
		if err != nil {
			t.Fatal(err)
		}
		cal, err := db.Workdays().Calendar(ctx)
		if err != nil {
			t.Fatal(err)
		}
		got := map[oversight.NoticeStatus]int{}
		for _, n := range ns {
			got[n.Status(cal, workday.Of(now))]++
		}
		if len(ns) != 3 || got[oversight.NoticeAnswered] != 1 || got[oversight.NoticeOverdue] != 1 || got[oversight.NoticeOpen]+got[oversight.NoticeDueSoon] != 1 {
			t.Errorf("demo notices by status: %v", got)
		}
		// The reports of 清河区教育局 (not on gongkai), read back through the reader, without
		// findings, and its profile beside the departments'.
		imported, err := db.Reports().Imported(ctx, office)
		if err != nil || len(imported) != 2 {
			t.Fatalf("imported reports: %d %v", len(imported), err)
		}
		for _, ir := range imported {
			if ir.Report.Agency != otherAgency || len(ir.Report.Findings) != 0 {
				t.Errorf("imported %s %d: %d findings %v", ir.Report.Agency, ir.Report.Year, len(ir.Report.Findings), ir.Report.Findings)
			}
		}
		p, err := db.Oversight().ImportedProfile(ctx, office, otherAgency, []int{now.Year() - 1})
		if err != nil {
			t.Fatal(err)
		}
		if own := p.Years[0].Own; own.Source != oversight.FromImported || own.Replied() != 23 || own.Rows["withheld.third_party"] != 1 {
			t.Errorf("profile of %s: %+v", otherAgency, own)
		}
		var audits int
		if err := db.QueryRow(ctx, `SELECT COUNT(*) FROM audit_log WHERE action IN ('oversight.notice.send', 'oversight.notice.answer')`).Scan(&audits); err != nil || audits != 4 {
			t.Errorf("audited %d (%v), want 3 sent and 1 answered", audits, err)
		}
	})
}
