package store_test

import (
	"context"
	"testing"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/agency"
	"gongkai/internal/catalog"
	"gongkai/internal/catalog/demodata"
	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
)

// benchCatalog loads the full demo catalog of one agency (a few hundred items since 2021).
func benchCatalog(b *testing.B) (*store.DB, int64) {
	b.Helper()
	db := storetest.Open(b, "sqlite")
	ctx := context.Background()
	_, a, _ := seedTB(b, db)
	agencyID := a.ID
	spec := demodata.DefaultAgencies("清河区", "清")[0]
	items, err := demodata.Generate(spec, demodata.Options{Seed: 1, Now: time.Date(2026, 11, 25, 3, 0, 0, 0, time.UTC)})
	if err != nil {
		b.Fatal(err)
	}
	for i := range items {
		items[i].AgencyID = agencyID
	}
	if err := db.Catalog().Load(ctx, account.System(), items, time.Now()); err != nil {
		b.Fatal(err)
	}
	return db, agencyID
}

// BenchmarkPublishedItemsPage is one page of the public catalog filtered by agency and year.
func BenchmarkPublishedItemsPage(b *testing.B) {
	db, agencyID := benchCatalog(b)
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		items, _, err := store.PublishedItems(ctx, db, store.CatalogFilter{AgencyID: agencyID, Year: 2025, Limit: 20})
		if err != nil || len(items) == 0 {
			b.Fatalf("%d items, %v", len(items), err)
		}
	}
}

// BenchmarkCatalogReportFigures is the report of one agency (table 二 from its whole
// catalog) as the report door makes it.
func BenchmarkCatalogReportFigures(b *testing.B) {
	db, agencyID := benchCatalog(b)
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		d, err := db.Reports().Draft(ctx, account.System(), agencyID, 2025)
		if err != nil {
			b.Fatal(err)
		}
		if v, ok := d.Report.Cells.Get(catalog.CellNormativeInForce); !ok || v == 0 {
			b.Fatalf("no 行政规范性文件 in force: %v", d.Report.Cells)
		}
	}
}

func seedTB(tb testing.TB, db *store.DB) (agency.Government, agency.Agency, error) {
	ctx := context.Background()
	var gov agency.Government
	var a agency.Agency
	err := db.InTx(ctx, func(tx *store.Tx) error {
		gov = agency.Government{Name: "基准区人民政府"}
		if err := tx.Agencies().CreateGovernment(ctx, account.System(), &gov); err != nil {
			return err
		}
		a = agency.Agency{GovernmentID: gov.ID, Name: "基准区卫生健康局", CreditCode: "11610802016083285C"}
		return tx.Agencies().Create(ctx, account.System(), &a)
	})
	if err != nil {
		tb.Fatal(err)
	}
	return gov, a, err
}
