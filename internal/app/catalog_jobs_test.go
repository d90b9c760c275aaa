package app

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"gongkai/internal/catalog"
	"gongkai/internal/demo"
	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
)

func TestCatalogPublishJob(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if _, err := demo.LoadLight(ctx, db, time.Now()); err != nil {
			t.Fatal(err)
		}
		items, _, err := store.CatalogItems(ctx, db, store.CatalogFilter{State: catalog.Approval, Limit: 1})
		if err != nil || len(items) == 0 {
			t.Fatalf("no item awaiting approval in the demo: %v", err)
		}
		id := items[0].ID
		// Approved earlier for a time that has now come.
		if _, err := db.Exec(ctx, `UPDATE catalog_items SET state = ?, publish_at = ?, approver_id = reviewer_id WHERE id = ?`,
			string(catalog.Scheduled), store.FormatTime(time.Now().Add(-time.Minute)), id); err != nil {
			t.Fatal(err)
		}
		a := &App{DB: db, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
		found, err := a.RunJob(ctx, CatalogPublishJob)
		if !found || err != nil {
			t.Fatalf("job: found %v, %v", found, err)
		}
		it, err := store.ItemByID(ctx, db, id)
		if err != nil || it.State != catalog.Published || it.IndexNo == "" {
			t.Fatalf("after the job: %s %q %v", it.State, it.IndexNo, err)
		}
		evs, _ := store.CatalogEvents(ctx, db, id)
		if last := evs[len(evs)-1]; last.Action != catalog.ActPublishScheduled || last.ActorID != 0 {
			t.Errorf("last event %+v", last)
		}
	})
}
