package store

import (
	"context"
	"fmt"
	"time"
)

// Ready checks that the database answers and accepts a write: it commits one small
// update. A database that can still be read but not written — a read-only file, a full
// disk, a standby server — is not ready.
func (db *DB) Ready(ctx context.Context) error {
	if err := db.sql.PingContext(ctx); err != nil {
		return fmt.Errorf("database unreachable: %v", oneLine(err))
	}
	err := db.InTx(ctx, func(tx *Tx) error {
		_, err := tx.Exec(ctx, `UPDATE health SET checked_at = ? WHERE id = 1`, FormatTime(time.Now()))
		return err
	})
	if err != nil {
		return fmt.Errorf("database not writable: %v", oneLine(err))
	}
	return nil
}
