// Package storetest opens real databases for tests: a fresh SQLite file always, and a
// fresh schema in the PostgreSQL named by GONGKAI_TEST_POSTGRES when that is set.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"gongkai/internal/store"
)

// PostgresURL is the PostgreSQL server the tests use, or "" to skip PostgreSQL.
func PostgresURL() string { return os.Getenv("GONGKAI_TEST_POSTGRES") }

// Each runs fn once per available database as a subtest named "sqlite" or "postgres".
func Each(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	t.Helper()
	for _, name := range Dialects() {
		t.Run(name, func(t *testing.T) {
			fn(t, Open(t, name))
		})
	}
}

// Dialects lists the databases available to tests.
func Dialects() []string {
	if PostgresURL() != "" {
		return []string{"sqlite", "postgres"}
	}
	return []string{"sqlite"}
}

// Open returns a migrated, empty database of the given kind, removed when the test ends.
func Open(tb testing.TB, kind string) *store.DB {
	tb.Helper()
	dsn := DSN(tb, kind)
	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		tb.Fatalf("open %s: %v", kind, err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// DSN returns the address of a fresh, empty database of the given kind (not migrated),
// removed when the test ends.
func DSN(tb testing.TB, kind string) string {
	tb.Helper()
	switch kind {
	case "sqlite":
		return filepath.Join(tb.TempDir(), "test.db")
	case "postgres":
		base := PostgresURL()
		if base == "" {
			tb.Skip("GONGKAI_TEST_POSTGRES not set")
		}
		var b [6]byte
		rand.Read(b[:])
		schema := "t_" + hex.EncodeToString(b[:])
		admin, err := sql.Open("pgx", base)
		if err != nil {
			tb.Fatalf("postgres: %v", err)
		}
		if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
			admin.Close()
			tb.Fatalf("postgres: create schema: %v", err)
		}
		tb.Cleanup(func() {
			admin.Exec("DROP SCHEMA " + schema + " CASCADE")
			admin.Close()
		})
		u, err := url.Parse(base)
		if err != nil {
			tb.Fatalf("postgres url: %v", err)
		}
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = q.Encode()
		return u.String()
	}
	tb.Fatalf("unknown database kind %q", kind)
	return ""
}
