package store

import (
	"context"
	"crypto/ed25519"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/auditlog"
)

// maxCheckpointRows bounds the rows one checkpoint covers (their hashes are kept in it).
const maxCheckpointRows = 50000

const checkpointColumns = `seq, from_seq, head_hash, rows_digest, at, prev_signature, key_id, public_key, signature`

func scanCheckpoint(sc interface{ Scan(...any) error }) (auditlog.Checkpoint, error) {
	var c auditlog.Checkpoint
	var at string
	if err := sc.Scan(&c.Seq, &c.From, &c.Hash, &c.RowsDigest, &at, &c.Prev, &c.KeyID, &c.PublicKey, &c.Signature); err != nil {
		return c, err
	}
	var err error
	c.At, err = ParseTime(at)
	return c, err
}

// AuditCheckpoints lists the checkpoints, oldest first, without their row hashes.
func (db *DB) AuditCheckpoints(ctx context.Context) ([]auditlog.Checkpoint, error) {
	rows, err := db.Query(ctx, `SELECT `+checkpointColumns+` FROM audit_checkpoints ORDER BY seq`)
	if err != nil {
		return nil, fmt.Errorf("store: audit checkpoints: %w", err)
	}
	defer rows.Close()
	var out []auditlog.Checkpoint
	for rows.Next() {
		c, err := scanCheckpoint(rows)
		if err != nil {
			return nil, fmt.Errorf("store: audit checkpoints: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// checkpointRows loads the row hashes a stored checkpoint signed.
func (db *DB) checkpointRows(ctx context.Context, c auditlog.Checkpoint) ([]string, error) {
	var s string
	if err := db.QueryRow(ctx, `SELECT row_hashes FROM audit_checkpoints WHERE seq = ? AND signature = ?`, c.Seq, c.Signature).Scan(&s); err != nil {
		return nil, err
	}
	if s == "" {
		return []string{}, nil
	}
	return strings.Split(s, "\n"), nil
}

// AuditCheckpoint signs the audit log's chain head with key, after checking that the rows
// since the last checkpoint follow from it (a log already rewritten is never signed), and
// that the newest checkpoint the signer remembers (witness, from outside the database; nil
// for none) is still there and still matches. It returns the checkpoints made — none when
// the head has not moved since the last one. Rows are covered in checkpoints of at most
// maxCheckpointRows.
func (db *DB) AuditCheckpoint(ctx context.Context, key ed25519.PrivateKey, witness *auditlog.Checkpoint, now time.Time) ([]auditlog.Checkpoint, error) {
	var made []auditlog.Checkpoint
	err := db.InTx(ctx, func(tx *Tx) error {
		made = nil
		var headSeq int64
		var headHash string
		// Locks the head: no row is appended while the checkpoint is taken.
		if err := tx.QueryRow(ctx, `UPDATE audit_head SET seq = seq WHERE id = 1 RETURNING seq, hash`).Scan(&headSeq, &headHash); err != nil {
			return fmt.Errorf("store: audit head: %w", err)
		}
		var last *auditlog.Checkpoint
		c, err := scanCheckpoint(tx.QueryRow(ctx, `SELECT `+checkpointColumns+` FROM audit_checkpoints ORDER BY seq DESC LIMIT 1`))
		switch {
		case err == nil:
			last = &c
		case !errors.Is(err, sql.ErrNoRows):
			return fmt.Errorf("store: last checkpoint: %w", err)
		}
		if witness != nil {
			if last == nil || witness.Seq > last.Seq {
				return fmt.Errorf("audit checkpoint refused: the signer's witness holds a checkpoint of row %d that the database no longer has (checkpoints removed)", witness.Seq)
			}
			var h string
			err := tx.QueryRow(ctx, `SELECT hash FROM audit_log WHERE seq = ?`, witness.Seq).Scan(&h)
			if err != nil || h != witness.Hash {
				return fmt.Errorf("audit checkpoint refused: row %d no longer matches the signer's witness checkpoint of %s (log rewritten); run gongkai auditlog verify", witness.Seq, witness.At.Format(time.RFC3339))
			}
		}
		from, prevHash := int64(1), ""
		if last != nil {
			from, prevHash = last.Seq+1, last.Hash
			var h string
			if err := tx.QueryRow(ctx, `SELECT hash FROM audit_log WHERE seq = ?`, last.Seq).Scan(&h); err != nil || h != last.Hash {
				return fmt.Errorf("audit checkpoint refused: row %d no longer matches the last checkpoint (log rewritten); run gongkai auditlog verify", last.Seq)
			}
		}
		for from <= headSeq {
			to := min(headSeq, from+maxCheckpointRows-1)
			v := auditlog.VerifierFrom(from-1, prevHash)
			var hashes []string
			rows, err := tx.Query(ctx, `SELECT `+auditColumns+` FROM audit_log WHERE seq >= ? AND seq <= ? ORDER BY seq`, from, to)
			if err != nil {
				return fmt.Errorf("store: audit rows: %w", err)
			}
			for rows.Next() {
				e, err := scanAudit(rows)
				if err != nil {
					rows.Close()
					return fmt.Errorf("store: audit rows: %w", err)
				}
				v.Add(e)
				hashes = append(hashes, e.Hash)
			}
			err = rows.Err()
			rows.Close()
			if err != nil {
				return err
			}
			if to == headSeq {
				v.Finish(headSeq, headHash)
			} else if int64(len(hashes)) != to-from+1 {
				v.Finish(to, "")
			}
			if err := v.Err(); err != nil {
				return fmt.Errorf("audit checkpoint refused: %w", err)
			}
			cp := auditlog.NewCheckpoint(last, hashes, now, key)
			_, err = tx.Exec(ctx, `INSERT INTO audit_checkpoints (seq, from_seq, head_hash, rows_digest, row_hashes, at, prev_signature, key_id, public_key, signature)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, cp.Seq, cp.From, cp.Hash, cp.RowsDigest, strings.Join(hashes, "\n"), FormatTime(cp.At), cp.Prev, cp.KeyID, cp.PublicKey, cp.Signature)
			if err != nil {
				return fmt.Errorf("store: insert checkpoint: %w", err)
			}
			made = append(made, cp)
			last = &made[len(made)-1]
			from, prevHash = cp.Seq+1, cp.Hash
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return made, nil
}

// AuditTrust is what verification compares the log with.
type AuditTrust struct {
	// Key is the trusted public key of the checkpoints (from the signing key's file or
	// given); nil: checkpoints are checked with the key each names, which shows they were
	// not altered but not who signed them.
	Key ed25519.PublicKey
	// Saved are checkpoints kept outside the database: the signer's witness file, copies
	// saved from the portal.
	Saved []auditlog.Checkpoint
}

// AuditVerification is the outcome of VerifyAuditWith.
type AuditVerification struct {
	*auditlog.Verifier
	Checkpoints int  // checkpoints the rows were compared with
	Trusted     bool // the checkpoints were checked with a trusted key
}

// VerifyAuditWith walks the whole chain and checks it against the head and against every
// checkpoint, stored or saved: a signature that does not verify, checkpoints removed from
// the middle, a chain recomputed after an edit (the first row that no longer matches is
// named), rows cut off the end together with the recorded head.
func (db *DB) VerifyAuditWith(ctx context.Context, trust AuditTrust) (AuditVerification, error) {
	stored, err := db.AuditCheckpoints(ctx)
	if err != nil {
		return AuditVerification{}, err
	}
	v := &auditlog.Verifier{}
	out := AuditVerification{Verifier: v, Trusted: trust.Key != nil}
	var good []auditlog.Checkpoint
	seen := map[string]bool{}
	storedSig := map[string]bool{}
	for _, c := range stored {
		storedSig[c.Signature] = true
	}
	var keyID string
	for i, c := range append(append([]auditlog.Checkpoint{}, stored...), trust.Saved...) {
		if seen[c.Signature] {
			continue
		}
		seen[c.Signature] = true
		where := "stored"
		if i >= len(stored) {
			where = "saved"
		}
		if err := c.Verify(trust.Key); err != nil {
			v.Problems = append(v.Problems, auditlog.Problem{Seq: c.Seq, Reason: fmt.Sprintf("%s checkpoint of row %d (%s): %v", where, c.Seq, c.At.UTC().Format(time.RFC3339), err)})
			continue
		}
		if trust.Key == nil {
			if keyID == "" {
				keyID = c.KeyID
			} else if c.KeyID != keyID {
				v.Problems = append(v.Problems, auditlog.Problem{Seq: c.Seq, Reason: fmt.Sprintf("%s checkpoint of row %d is signed by key %s, the others by %s: give the trusted public key", where, c.Seq, c.KeyID, keyID)})
				continue
			}
		}
		good = append(good, c)
	}
	v.Problems = append(v.Problems, auditlog.CheckChain(good)...)
	v.UseCheckpoints(good, func(c auditlog.Checkpoint) ([]string, error) {
		if !storedSig[c.Signature] {
			return nil, nil
		}
		return db.checkpointRows(ctx, c)
	})
	out.Checkpoints = len(good)
	if err := db.walkAudit(ctx, v); err != nil {
		return out, err
	}
	return out, nil
}

// VerifyWith walks the chain and compares it with every checkpoint, stored or saved
// (VerifyAuditWith), for a 系统管理员 or System.
func (s *AuditLog) VerifyWith(ctx context.Context, who account.Principal, trust AuditTrust) (AuditVerification, error) {
	if err := who.RequireSysAdmin(); err != nil {
		return AuditVerification{}, err
	}
	db, err := s.outsideTx()
	if err != nil {
		return AuditVerification{}, err
	}
	return db.VerifyAuditWith(ctx, trust)
}

// Checkpoint signs the chain head with key (AuditCheckpoint), for System (the hourly job,
// the command line) or a 系统管理员.
func (s *AuditLog) Checkpoint(ctx context.Context, who account.Principal, key ed25519.PrivateKey, witness *auditlog.Checkpoint, now time.Time) ([]auditlog.Checkpoint, error) {
	if err := who.RequireSysAdmin(); err != nil {
		return nil, err
	}
	db, err := s.outsideTx()
	if err != nil {
		return nil, err
	}
	return db.AuditCheckpoint(ctx, key, witness, now)
}

// Checkpoints lists the signed checkpoints without their row hashes, for anyone: the
// portal publishes them.
func (s *AuditLog) Checkpoints(ctx context.Context) ([]auditlog.Checkpoint, error) {
	db, err := s.outsideTx()
	if err != nil {
		return nil, err
	}
	return db.AuditCheckpoints(ctx)
}
