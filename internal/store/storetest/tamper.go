package storetest

import (
	"context"
	"testing"

	"gongkai/internal/auditlog"
	"gongkai/internal/store"
)

// These helpers do to the audit log what an insider with write access to the database
// can: drop the append-only triggers, edit, recompute, cut. Tests prove the checkpoints
// catch it. Nothing outside tests imports this package.

// dropAuditTriggers removes the append-only triggers of the audit tables.
func dropAuditTriggers(tb testing.TB, db *store.DB) {
	tb.Helper()
	stmts := []string{`DROP TRIGGER IF EXISTS audit_log_no_update`, `DROP TRIGGER IF EXISTS audit_log_no_delete`,
		`DROP TRIGGER IF EXISTS audit_checkpoints_no_update`, `DROP TRIGGER IF EXISTS audit_checkpoints_no_delete`}
	if db.Dialect() == store.Postgres {
		stmts = []string{`DROP TRIGGER IF EXISTS audit_log_no_update ON audit_log`, `DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log`,
			`DROP TRIGGER IF EXISTS audit_checkpoints_no_update ON audit_checkpoints`, `DROP TRIGGER IF EXISTS audit_checkpoints_no_truncate ON audit_checkpoints`}
	}
	for _, s := range stmts {
		if _, err := db.Exec(context.Background(), s); err != nil {
			tb.Fatalf("%s: %v", s, err)
		}
	}
}

func auditRows(tb testing.TB, db *store.DB, fromSeq int64) []auditlog.Entry {
	tb.Helper()
	rows, err := db.Query(context.Background(), `SELECT seq, at, COALESCE(actor_id, 0), actor_name, COALESCE(agency_id, 0), action, entity, entity_id,
		before_json, after_json, reason, prev_hash, hash FROM audit_log WHERE seq >= ? ORDER BY seq`, fromSeq)
	if err != nil {
		tb.Fatal(err)
	}
	defer rows.Close()
	var out []auditlog.Entry
	for rows.Next() {
		var e auditlog.Entry
		var at string
		if err := rows.Scan(&e.Seq, &at, &e.ActorID, &e.ActorName, &e.AgencyID, &e.Action, &e.Entity, &e.EntityID, &e.Before, &e.After, &e.Reason, &e.PrevHash, &e.Hash); err != nil {
			tb.Fatal(err)
		}
		e.At, _ = store.ParseTime(at)
		out = append(out, e)
	}
	return out
}

// RechainAudit edits row seq's after_json and recomputes the hash of every row from there
// on, and the recorded head: a chain that verifies on its own.
func RechainAudit(tb testing.TB, db *store.DB, seq int64, after string) {
	tb.Helper()
	dropAuditTriggers(tb, db)
	ctx := context.Background()
	es := auditRows(tb, db, seq)
	if len(es) == 0 {
		tb.Fatalf("no audit row %d", seq)
	}
	es[0].After = after
	for i := range es {
		if i > 0 {
			es[i].PrevHash = es[i-1].Hash
		}
		es[i].Seal()
		if _, err := db.Exec(ctx, `UPDATE audit_log SET after_json = ?, prev_hash = ?, hash = ? WHERE seq = ?`, es[i].After, es[i].PrevHash, es[i].Hash, es[i].Seq); err != nil {
			tb.Fatal(err)
		}
	}
	last := es[len(es)-1]
	if _, err := db.Exec(ctx, `UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1`, last.Seq, last.Hash); err != nil {
		tb.Fatal(err)
	}
}

// TruncateAudit deletes the rows after keep and sets the recorded head to row keep.
func TruncateAudit(tb testing.TB, db *store.DB, keep int64) {
	tb.Helper()
	dropAuditTriggers(tb, db)
	ctx := context.Background()
	var hash string
	if err := db.QueryRow(ctx, `SELECT hash FROM audit_log WHERE seq = ?`, keep).Scan(&hash); err != nil {
		tb.Fatal(err)
	}
	if _, err := db.Exec(ctx, `DELETE FROM audit_log WHERE seq > ?`, keep); err != nil {
		tb.Fatal(err)
	}
	if _, err := db.Exec(ctx, `UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1`, keep, hash); err != nil {
		tb.Fatal(err)
	}
}

// DropCheckpoints deletes the stored checkpoints covering rows after seq.
func DropCheckpoints(tb testing.TB, db *store.DB, afterSeq int64) {
	tb.Helper()
	dropAuditTriggers(tb, db)
	if _, err := db.Exec(context.Background(), `DELETE FROM audit_checkpoints WHERE seq > ?`, afterSeq); err != nil {
		tb.Fatal(err)
	}
}
