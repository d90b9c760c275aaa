package store_test

import (
	"context"
	"strings"
	"testing"

	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
)

// TestNewerSchemaRefused: a database migrated by a newer gongkai (a migration this one does
// not know) is refused with one clear line; a first open says it created the schema.
func TestNewerSchemaRefused(t *testing.T) {
	for _, kind := range storetest.Dialects() {
		t.Run(kind, func(t *testing.T) {
			ctx := context.Background()
			dsn := storetest.DSN(t, kind)
			db, err := store.Open(ctx, dsn)
			if err != nil {
				t.Fatal(err)
			}
			if !db.Created() {
				t.Error("first open: Created false")
			}
			if _, err := db.Exec(ctx, `INSERT INTO goose_db_version (version_id, is_applied) VALUES (99999, true)`); err != nil {
				t.Fatal(err)
			}
			db.Close()
			db, err = store.Open(ctx, dsn)
			if err == nil {
				db.Close()
				t.Fatal("a database migrated by a newer gongkai was opened")
			}
			msg := err.Error()
			if !strings.Contains(msg, "migrated by a newer gongkai") || !strings.Contains(msg, "99999") || strings.Contains(msg, "\n") {
				t.Errorf("error: %q", msg)
			}
		})
	}
}

func TestReopenNotCreated(t *testing.T) {
	ctx := context.Background()
	dsn := storetest.DSN(t, "sqlite")
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	db, err = store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if db.Created() {
		t.Error("second open: Created true")
	}
}
