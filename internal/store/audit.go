package store

import (
	"context"
	"fmt"
	"time"

	"gongkai/internal/auditlog"
)

// Audit appends a change to the hash-chained audit log inside tx, so the change and its
// record commit or fail together. The row lock on audit_head serialises appends across
// app servers.
func Audit(ctx context.Context, tx *Tx, c auditlog.Change) (auditlog.Entry, error) {
	e := auditlog.Entry{
		At:        time.Now().UTC().Truncate(time.Microsecond),
		ActorID:   c.ActorID,
		ActorName: c.ActorName,
		AgencyID:  c.AgencyID,
		Action:    c.Action,
		Entity:    c.Entity,
		EntityID:  c.EntityID,
		Before:    auditlog.JSON(c.Before),
		After:     auditlog.JSON(c.After),
		Reason:    c.Reason,
	}
	if e.ActorName == "" {
		e.ActorName = "系统"
	}
	if err := tx.QueryRow(ctx, `UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash`).Scan(&e.Seq, &e.PrevHash); err != nil {
		return e, fmt.Errorf("store: audit head: %w", err)
	}
	e.Seal()
	_, err := tx.Exec(ctx, `INSERT INTO audit_log (seq, at, actor_id, actor_name, agency_id, action, entity, entity_id, before_json, after_json, reason, prev_hash, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.Seq, FormatTime(e.At), nullInt(e.ActorID), e.ActorName, nullInt(e.AgencyID), e.Action, e.Entity, e.EntityID, e.Before, e.After, e.Reason, e.PrevHash, e.Hash)
	if err != nil {
		return e, fmt.Errorf("store: audit insert: %w", err)
	}
	if _, err := tx.Exec(ctx, `UPDATE audit_head SET hash = ? WHERE id = 1`, e.Hash); err != nil {
		return e, fmt.Errorf("store: audit head: %w", err)
	}
	return e, nil
}

func nullInt(v int64) any {
	if v == 0 {
		return nil
	}
	return v
}

const auditColumns = `seq, at, COALESCE(actor_id, 0), actor_name, COALESCE(agency_id, 0), action, entity, entity_id, before_json, after_json, reason, prev_hash, hash`

func scanAudit(sc interface{ Scan(...any) error }) (auditlog.Entry, error) {
	var e auditlog.Entry
	var at string
	err := sc.Scan(&e.Seq, &at, &e.ActorID, &e.ActorName, &e.AgencyID, &e.Action, &e.Entity, &e.EntityID, &e.Before, &e.After, &e.Reason, &e.PrevHash, &e.Hash)
	if err != nil {
		return e, err
	}
	e.At, err = ParseTime(at)
	return e, err
}

// VerifyAudit walks the whole chain and checks it against the head and the stored
// checkpoints (see VerifyAuditWith for a trusted key and saved checkpoints).
func (db *DB) VerifyAudit(ctx context.Context) (*auditlog.Verifier, error) {
	v, err := db.VerifyAuditWith(ctx, AuditTrust{})
	return v.Verifier, err
}

// walkAudit feeds every row to v, then the recorded head.
func (db *DB) walkAudit(ctx context.Context, v *auditlog.Verifier) error {
	rows, err := db.Query(ctx, `SELECT `+auditColumns+` FROM audit_log ORDER BY seq`)
	if err != nil {
		return fmt.Errorf("store: audit verify: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return fmt.Errorf("store: audit verify: %w", err)
		}
		v.Add(e)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	var headSeq int64
	var headHash string
	if err := db.QueryRow(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`).Scan(&headSeq, &headHash); err != nil {
		return fmt.Errorf("store: audit head: %w", err)
	}
	v.Finish(headSeq, headHash)
	return nil
}

// AuditFilter selects audit rows for display.
type AuditFilter struct {
	AgencyIDs []int64 // empty: all agencies
	Entity    string
	EntityID  string
	BeforeSeq int64 // page backwards from this seq (exclusive); 0 = newest
	Limit     int
}

// ListAudit returns audit rows, newest first.
func (db *DB) ListAudit(ctx context.Context, f AuditFilter) ([]auditlog.Entry, error) {
	q := `SELECT ` + auditColumns + ` FROM audit_log WHERE 1=1`
	var args []any
	if len(f.AgencyIDs) > 0 {
		q += ` AND agency_id IN (` + placeholders(len(f.AgencyIDs)) + `)`
		for _, id := range f.AgencyIDs {
			args = append(args, id)
		}
	}
	if f.Entity != "" {
		q += ` AND entity = ?`
		args = append(args, f.Entity)
	}
	if f.EntityID != "" {
		q += ` AND entity_id = ?`
		args = append(args, f.EntityID)
	}
	if f.BeforeSeq > 0 {
		q += ` AND seq < ?`
		args = append(args, f.BeforeSeq)
	}
	switch {
	case f.Limit <= 0:
		f.Limit = 50
	case f.Limit > 500:
		f.Limit = 500 // a page at most; page on with BeforeSeq
	}
	q += fmt.Sprintf(` ORDER BY seq DESC LIMIT %d`, f.Limit)
	rows, err := db.Query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: list audit: %w", err)
	}
	defer rows.Close()
	var out []auditlog.Entry
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

func placeholders(n int) string {
	b := make([]byte, 0, 2*n)
	for i := 0; i < n; i++ {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '?')
	}
	return string(b)
}
