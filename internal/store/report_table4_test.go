package store_test

import (
	"context"
	"testing"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/annualreport"
	"gongkai/internal/appeal"
	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
)

// A reconsideration accepted in 2025 and decided in 2026 is 尚未审结 in the report for
// 2025 — published so — and counted with its result in the report for 2026; a lawsuit
// open over both year ends is 尚未审结 in both. No result is lost between two reports.
func TestTable4WalksACaseAcrossTwoYears(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		gov, a, _ := seed(t, db)
		head := account.Principal{Name: "负责人", AgencyID: a.ID, GovernmentID: gov.ID, Roles: []account.Role{account.Head}}
		reports := db.Reports()
		fixtureMonths(t, db, a.ID, 2025)
		fixtureMonths(t, db, a.ID, 2026)
		fixtureMonths(t, db, a.ID, 2027)
		recon := fixtureAppeal(t, db, a.ID, "reconsideration", "测复〔2025〕9号", "2025-11-20", "pending", "", false)
		fixtureAppeal(t, db, a.ID, "litigation_direct", "（2024）测行初3号", "2024-10-08", "pending", "", false)
		fixtureAppeal(t, db, a.ID, "litigation_after", "（2024）测行初1号", "2024-03-01", "upheld", "2024-12-30", false) // decided before 2025
		table4 := func(year int) map[string]float64 {
			t.Helper()
			d, err := reports.Draft(ctx, head, a.ID, year)
			if err != nil {
				t.Fatal(err)
			}
			if len(d.Report.Findings) != 0 {
				t.Fatalf("%d: findings %+v", year, d.Report.Findings)
			}
			if d.Report.NoteOf(annualreport.TableAppeals) != appeal.CountingRule {
				t.Errorf("%d: table 四 without its counting rule", year)
			}
			return cellsOf(d.Report, annualreport.TableAppeals)
		}
		same := func(year int, got, want map[string]float64) {
			t.Helper()
			for id := range got {
				if got[id] != want[id] {
					t.Errorf("%d: %s = %v, want %v", year, id, got[id], want[id])
				}
			}
		}
		want2025 := map[string]float64{
			"appeals.reconsideration.pending": 1, "appeals.reconsideration.total": 1,
			"appeals.litigation_direct.pending": 1, "appeals.litigation_direct.total": 1,
		}
		same(2025, table4(2025), want2025)
		if err := reports.SaveNarrative(ctx, head, a.ID, 2025, annualreport.Narrative{Overview: "总体情况。", Problems: "问题。"}); err != nil {
			t.Fatal(err)
		}
		d, _ := reports.Draft(ctx, head, a.ID, 2025)
		if err := reports.Publish(ctx, head, a.ID, 2025, time.Date(2026, 1, 20, 2, 0, 0, 0, time.UTC), d.Open.Fingerprint()); err != nil {
			t.Fatal(err)
		}

		// Decided on 14 February 2026.
		if _, err := db.Exec(ctx, `UPDATE appeals SET result = 'corrected', decided_on = '2026-02-14' WHERE id = ?`, recon); err != nil {
			t.Fatal(err)
		}
		same(2025, table4(2025), want2025) // as at 31 December 2025: still pending
		published, err := reports.Published(ctx, a.ID, 2025)
		if err != nil {
			t.Fatal(err)
		}
		same(2025, cellsOf(published.Snapshot, annualreport.TableAppeals), want2025)
		same(2026, table4(2026), map[string]float64{
			"appeals.reconsideration.corrected": 1, "appeals.reconsideration.total": 1,
			"appeals.litigation_direct.pending": 1, "appeals.litigation_direct.total": 1,
		})
		// 2027: only the lawsuit, still open.
		same(2027, table4(2027), map[string]float64{"appeals.litigation_direct.pending": 1, "appeals.litigation_direct.total": 1})
	})
}

// cellsOf returns the figures of one table of r.
func cellsOf(r *annualreport.Report, table string) map[string]float64 {
	out := map[string]float64{}
	for _, id := range annualreport.CellIDs(r.Format) {
		if t, _, _, _ := annualreport.SplitCell(id); t == table {
			out[id], _ = r.Cells.Get(id)
		}
	}
	return out
}
