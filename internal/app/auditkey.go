package app

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/auditlog"
	"gongkai/internal/store"
)

// AuditSigner signs checkpoints of the audit log with an Ed25519 key kept in a file
// outside the database (Config.AuditKey), and appends each checkpoint it makes to a
// witness file beside the key (KEY.witness): a copy of the signed heads that someone who
// can write the database but not this server's disk cannot remove.
type AuditSigner struct {
	key     ed25519.PrivateKey
	path    string
	witness string
}

// OpenAuditSigner reads the key at path. The file must not be readable by others.
func OpenAuditSigner(path string) (*AuditSigner, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("audit key: %v", err)
	}
	if st.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("audit key %s is readable by other users (mode %v): chmod 600 it", path, st.Mode().Perm())
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("audit key: %v", err)
	}
	key, err := auditlog.ParsePrivateKey(data)
	if err != nil {
		return nil, fmt.Errorf("audit key %s: %v", path, err)
	}
	return &AuditSigner{key: key, path: path, witness: path + ".witness"}, nil
}

// WriteAuditKey makes a new signing key at path (mode 0600), refusing to overwrite one.
func WriteAuditKey(path string) (ed25519.PublicKey, error) {
	key, err := auditlog.NewKey()
	if err != nil {
		return nil, err
	}
	data, err := auditlog.MarshalPrivateKey(key)
	if err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, fmt.Errorf("audit key: %v", err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return nil, fmt.Errorf("audit key: %v", err)
	}
	if err := f.Close(); err != nil {
		return nil, fmt.Errorf("audit key: %v", err)
	}
	return key.Public().(ed25519.PublicKey), nil
}

// Public is the key checkpoints are verified with.
func (s *AuditSigner) Public() ed25519.PublicKey { return s.key.Public().(ed25519.PublicKey) }

// Witness reads the checkpoints this signer wrote (none when the file does not exist).
func (s *AuditSigner) Witness() ([]auditlog.Checkpoint, error) {
	return ReadCheckpointFile(s.witness, true)
}

// ReadCheckpointFile reads a witness file or a document saved from the portal; a missing
// file is no checkpoints when missingOK.
func ReadCheckpointFile(path string, missingOK bool) ([]auditlog.Checkpoint, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) && missingOK {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("checkpoints: %v", err)
	}
	cps, err := auditlog.ReadCheckpoints(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return cps, nil
}

// Checkpoint signs the log's head (when it moved) and records the checkpoints in the
// witness file.
func (s *AuditSigner) Checkpoint(ctx context.Context, db *store.DB, now time.Time) ([]auditlog.Checkpoint, error) {
	ws, err := s.Witness()
	if err != nil {
		return nil, err
	}
	var newest *auditlog.Checkpoint
	for i := range ws {
		if ws[i].Verify(s.Public()) == nil && (newest == nil || ws[i].Seq > newest.Seq) {
			newest = &ws[i]
		}
	}
	made, err := db.AuditLog().Checkpoint(ctx, account.System(), s.key, newest, now)
	if err != nil || len(made) == 0 {
		return made, err
	}
	f, err := os.OpenFile(s.witness, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return made, fmt.Errorf("audit witness: %v", err)
	}
	for _, c := range made {
		if _, err := f.Write(auditlog.WitnessLine(c)); err != nil {
			f.Close()
			return made, fmt.Errorf("audit witness: %v", err)
		}
	}
	return made, f.Close()
}

// Trust is what verification compares the log with: this key, and the witness file.
func (s *AuditSigner) Trust() (store.AuditTrust, error) {
	ws, err := s.Witness()
	return store.AuditTrust{Key: s.Public(), Saved: ws}, err
}

// auditCheckpointJob signs the audit log's head every hour when it has moved, if a key
// is configured.
func auditCheckpointJob() Job {
	return Job{Name: "audit-checkpoint", Interval: time.Hour, Run: func(ctx context.Context, a *App) error {
		if a.Signer == nil {
			return nil
		}
		made, err := a.Signer.Checkpoint(ctx, a.DB, time.Now())
		if err != nil {
			return err
		}
		if n := len(made); n > 0 {
			a.Log.Info("audit checkpoint signed", "seq", made[n-1].Seq, "key", made[n-1].KeyID)
		}
		return nil
	}}
}
