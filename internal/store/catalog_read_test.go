package store_test

import (
	"context"
	"testing"

	"gongkai/internal/catalog"
	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
)

func TestCatalogEmptyReads(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		items, total, err := store.PublishedItems(ctx, db, store.CatalogFilter{GovernmentID: 1, Topic: "x", Year: 2024, Validity: catalog.Valid, Kind: catalog.Normative, AgencyIDs: []int64{1, 2}, Limit: 10, Offset: 10})
		if err != nil || total != 0 || len(items) != 0 {
			t.Fatalf("PublishedItems = %v %d %v", items, total, err)
		}
		if _, err := store.ItemByID(ctx, db, 1); err == nil {
			t.Fatal("ItemByID of a missing item succeeded")
		}
		if _, err := store.PublishedYears(ctx, db, 0, 0); err != nil {
			t.Fatal(err)
		}
		tax, err := store.CatalogTaxonomy(ctx, db, 1)
		if err != nil || len(tax.Topics()) == 0 {
			t.Fatalf("taxonomy: %v", err)
		}
	})
}
