package demo

import (
	"context"
	"testing"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/catalog"
	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
)

func TestCatalogDemo(t *testing.T) {
	for _, light := range []bool{true, false} {
		if !light && testing.Short() {
			continue
		}
		name := map[bool]string{true: "light", false: "full"}[light]
		t.Run(name, func(t *testing.T) {
			for _, kind := range storetest.Dialects() {
				t.Run(kind, func(t *testing.T) {
					ctx := context.Background()
					db := storetest.Open(t, kind)
					now := time.Date(2026, 11, 25, 3, 0, 0, 0, time.UTC)
					start := time.Now()
					if _, err := load(ctx, db, now, light); err != nil {
						t.Fatal(err)
					}
					t.Logf("loaded in %v", time.Since(start))
					agencies, err := db.Agencies().List(ctx, 0)
					if err != nil || len(agencies) != 3 {
						t.Fatalf("agencies: %v", err)
					}
					for _, a := range agencies {
						items, total, err := store.CatalogItems(ctx, db, store.CatalogFilter{AgencyID: a.ID})
						if err != nil {
							t.Fatal(err)
						}
						// About twenty of the catalog's own, and up to ten of the column's (column.go).
						if light && (total < 15 || total > 30) {
							t.Errorf("%s: light demo has %d items, want about 20 and the column's", a.Name, total)
						}
						if !light && total < 150 {
							t.Errorf("%s: full demo has only %d items", a.Name, total)
						}
						states := map[catalog.State]int{}
						nos := map[string]bool{}
						for _, it := range items {
							states[it.State]++
							if it.IndexNo != "" {
								if nos[it.IndexNo] {
									t.Errorf("%s: 索引号 %s twice", a.Name, it.IndexNo)
								}
								nos[it.IndexNo] = true
							}
						}
						if states[catalog.Draft] == 0 || states[catalog.SecrecyReview] == 0 || states[catalog.Approval] == 0 {
							t.Errorf("%s: the review queues are empty: %v", a.Name, states)
						}
						if states[catalog.Published] == 0 {
							t.Errorf("%s: nothing published: %v", a.Name, states)
						}
						// A new approval numbers above the demo's serials.
						if _, err := store.AgencyIndexPattern(ctx, db, a.ID); err != nil {
							t.Fatal(err)
						}
					}
					d, err := db.Reports().Draft(ctx, account.System(), agencies[0].ID, now.Year()-1)
					if err != nil {
						t.Fatal(err)
					}
					if v, _ := d.Report.Cells.Get(catalog.CellLicensingDecisions); v == 0 {
						t.Errorf("table 二 of last year is empty: %v", d.Report.Cells)
					}
				})
			}
		})
	}
}
