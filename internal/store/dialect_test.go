package store_test

import (
	"context"
	"testing"

	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
)

// TestConstraintErrorsByCode: unique and foreign-key violations are told apart by the
// drivers' codes (SQLSTATE, SQLite extended result codes) on both databases.
func TestConstraintErrorsByCode(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		gov, a, _ := seed(t, db)
		_, dup := db.Exec(ctx, `INSERT INTO agencies (government_id, name, created_at) VALUES (?, ?, '')`, gov.ID, a.Name)
		_, fk := db.Exec(ctx, `INSERT INTO agencies (government_id, name, created_at) VALUES (?, ?, '')`, 999999, "不存在的政府的机关")
		_, syntax := db.Exec(ctx, `INSERT INTO no_such_table VALUES (1)`)
		for name, c := range map[string]struct {
			err        error
			unique, fk bool
		}{
			"unique":      {dup, true, false},
			"foreign key": {fk, false, true},
			"other":       {syntax, false, false},
		} {
			if c.err == nil {
				t.Fatalf("%s: no error", name)
			}
			if got := store.IsUniqueViolation(c.err); got != c.unique {
				t.Errorf("%s: IsUniqueViolation = %v (%v)", name, got, c.err)
			}
			if got := store.IsForeignKeyViolation(c.err); got != c.fk {
				t.Errorf("%s: IsForeignKeyViolation = %v (%v)", name, got, c.err)
			}
		}
	})
}
