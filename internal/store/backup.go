package store

import (
	"context"
	"errors"
	"fmt"
)

// Backup writes a consistent copy of a SQLite database to path (VACUUM INTO), safe while
// the database is in use.
func (db *DB) Backup(ctx context.Context, path string) error {
	if db.dialect != SQLite {
		return errors.New("store: backup is for SQLite; use pg_dump for PostgreSQL")
	}
	if _, err := db.sql.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	return nil
}
