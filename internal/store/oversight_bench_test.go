package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/agency"
	"gongkai/internal/catalog/demodata"
	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
)

// benchOversight is a government of n agencies, each with the full demo catalog of its
// kind, and its 政务公开办.
func benchOversight(b *testing.B, n int) (*store.DB, account.Principal, []int64) {
	b.Helper()
	db := storetest.Open(b, "sqlite")
	ctx := context.Background()
	gov := agency.Government{Name: "清河区人民政府"}
	var ids []int64
	specs := demodata.DefaultAgencies("清河区", "清")
	now := time.Date(2026, 11, 25, 3, 0, 0, 0, time.UTC)
	err := db.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.Agencies().CreateGovernment(ctx, account.System(), &gov); err != nil {
			return err
		}
		for i := range n {
			a := agency.Agency{GovernmentID: gov.ID, Name: fmt.Sprintf("清河区第%d局", i+1)}
			if err := tx.Agencies().Create(ctx, account.System(), &a); err != nil {
				return err
			}
			items, err := demodata.Generate(specs[i%len(specs)], demodata.Options{Seed: uint64(i + 1), Now: now})
			if err != nil {
				return err
			}
			for j := range items {
				items[j].AgencyID = a.ID
			}
			if err := tx.Catalog().Load(ctx, account.System(), items, now); err != nil {
				return err
			}
			ids = append(ids, a.ID)
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	office := account.Principal{UserID: 1, Name: "政务公开办", AgencyID: ids[0], GovernmentID: gov.ID, Roles: []account.Role{account.OpenOffice}}
	return db, office, ids
}

// BenchmarkOverview is the 政务公开办's whole overview of 12 agencies with their demo
// catalogs.
func BenchmarkOverview(b *testing.B) {
	db, office, _ := benchOversight(b, 12)
	ctx := context.Background()
	now := time.Date(2026, 11, 25, 3, 0, 0, 0, time.UTC)
	b.ResetTimer()
	for b.Loop() {
		if _, err := db.Oversight().Overview(ctx, office, 2026, now); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkOverviewColumn is the overview's column figures of the 12 agencies, counted for
// all at once (the part of the overview this benchmark isolates).
func BenchmarkOverviewColumn(b *testing.B) {
	db, office, _ := benchOversight(b, 12)
	ctx := context.Background()
	now := time.Date(2026, 11, 25, 3, 0, 0, 0, time.UTC)
	b.ResetTimer()
	for b.Loop() {
		if n, err := store.ColumnFiguresForBench(ctx, db, office.GovernmentID, 2026, now); err != nil || n != 12 {
			b.Fatal(n, err)
		}
	}
}

// BenchmarkColumnDoorsPerAgency is what the column's figures would cost through the
// column's own doors, agency by agency (Headings, InterpretationCounts, Overdue): the
// comparison for BenchmarkOverviewColumn.
func BenchmarkColumnDoorsPerAgency(b *testing.B) {
	db, office, ids := benchOversight(b, 12)
	ctx := context.Background()
	now := time.Date(2026, 11, 25, 3, 0, 0, 0, time.UTC)
	b.ResetTimer()
	for b.Loop() {
		for _, id := range ids {
			if _, _, err := db.Catalog().Headings(ctx, office, id); err != nil {
				b.Fatal(err)
			}
			if _, err := db.Catalog().InterpretationCounts(ctx, office, id); err != nil {
				b.Fatal(err)
			}
			if _, err := db.Interactions().Overdue(ctx, office, id, now); err != nil {
				b.Fatal(err)
			}
		}
	}
}
