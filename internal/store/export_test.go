package store

import (
	"context"
	"testing"
	"time"
)

// TamperAuditForTest edits an audit row behind the append-only trigger, as an attacker with
// database access would. Only for tests of the chain verification.
func TamperAuditForTest(tb testing.TB, db *DB, seq int64, after string) {
	tb.Helper()
	ctx := context.Background()
	var stmts []string
	if db.dialect == Postgres {
		stmts = []string{`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`, `UPDATE audit_log SET after_json = ? WHERE seq = ?`, `ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`}
	} else {
		stmts = []string{`DROP TRIGGER audit_log_no_update`, `UPDATE audit_log SET after_json = ? WHERE seq = ?`}
	}
	for _, s := range stmts {
		var err error
		if s[0] == 'U' {
			_, err = db.Exec(ctx, s, after, seq)
		} else {
			_, err = db.Exec(ctx, s)
		}
		if err != nil {
			tb.Fatalf("tamper: %s: %v", s, err)
		}
	}
}

// ColumnFiguresForBench counts the overview's column figures of every agency of the
// government (columnFiguresOf), for the benchmark comparing it with the column's doors.
func ColumnFiguresForBench(ctx context.Context, db *DB, governmentID int64, year int, today time.Time) (int, error) {
	agencies, err := governmentAgencies(ctx, db, governmentID)
	if err != nil {
		return 0, err
	}
	m, err := columnFiguresOf(ctx, db, agencies, governmentID, 0, year, today)
	return len(m), err
}
