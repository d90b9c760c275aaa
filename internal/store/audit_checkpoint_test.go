package store_test

import (
	"context"
	"crypto/ed25519"
	"fmt"
	"strings"
	"testing"
	"time"

	"gongkai/internal/auditlog"
	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
)

// appendAudit adds n audit rows.
func appendAudit(t *testing.T, db *store.DB, n int) {
	t.Helper()
	ctx := context.Background()
	for i := 0; i < n; i++ {
		err := db.InTx(ctx, func(tx *store.Tx) error {
			_, err := store.Audit(ctx, tx, auditlog.Change{ActorName: "系统", Action: "test.append", Entity: "test", EntityID: fmt.Sprint(i), After: map[string]int{"i": i}})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

func checkpoint(t *testing.T, db *store.DB, key ed25519.PrivateKey, witness *auditlog.Checkpoint) []auditlog.Checkpoint {
	t.Helper()
	made, err := db.AuditCheckpoint(context.Background(), key, witness, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return made
}

func verifyWith(t *testing.T, db *store.DB, trust store.AuditTrust) store.AuditVerification {
	t.Helper()
	v, err := db.VerifyAuditWith(context.Background(), trust)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestAuditCheckpointsCatchRewrites: an insider who drops the triggers, edits row 15 and
// recomputes the chain and the head passes the plain chain check — and fails against a
// checkpoint, row 15 named; so do rows cut off the end with the head; and so does a
// rewrite whose checkpoints were removed too, against the signer's witness copy.
func TestAuditCheckpointsCatchRewrites(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		key, _ := auditlog.NewKey()
		pub := key.Public().(ed25519.PublicKey)
		appendAudit(t, db, 30)
		first := checkpoint(t, db, key, nil)
		if len(first) != 1 || first[0].Seq != 30 || first[0].From != 1 {
			t.Fatalf("first checkpoint: %+v", first)
		}
		if again := checkpoint(t, db, key, &first[0]); len(again) != 0 {
			t.Fatal("a checkpoint signed without new rows")
		}
		appendAudit(t, db, 10)
		second := checkpoint(t, db, key, &first[0])
		if len(second) != 1 || second[0].From != 31 || second[0].Seq != 40 || second[0].Prev != first[0].Signature {
			t.Fatalf("second checkpoint: %+v", second)
		}
		if v := verifyWith(t, db, store.AuditTrust{Key: pub}); v.Err() != nil || v.Checkpoints != 2 || !v.Trusted {
			t.Fatalf("intact: %v (%d checkpoints)", v.Err(), v.Checkpoints)
		}
		// The signer's witness file holds the signed heads (not the row hashes).
		witness, err := auditlog.ReadCheckpoints(append(auditlog.WitnessLine(first[0]), auditlog.WitnessLine(second[0])...))
		if err != nil {
			t.Fatal(err)
		}

		storetest.RechainAudit(t, db, 15, `{"i":999}`)
		plain := auditlog.VerifierFrom(0, "")
		for _, e := range mustList(t, db) {
			plain.Add(e)
		}
		if plain.Err() != nil {
			t.Fatalf("the rewrite should pass the chain alone: %v", plain.Err())
		}
		v := verifyWith(t, db, store.AuditTrust{Key: pub})
		if v.Err() == nil || v.Problems[0].Seq != 15 || !strings.Contains(v.Problems[0].Reason, "recomputed") {
			t.Fatalf("rechained log: %v", v.Err())
		}
		// The signer refuses to bless the rewrite.
		appendAudit(t, db, 1)
		if _, err := db.AuditCheckpoint(ctx, key, &second[0], time.Now()); err == nil || !strings.Contains(err.Error(), "refused") {
			t.Fatalf("checkpoint of a rewritten log: %v", err)
		}
		// Removing the checkpoints too: the witness copy still catches it, and the signer
		// still refuses.
		storetest.DropCheckpoints(t, db, 0)
		if v := verifyWith(t, db, store.AuditTrust{Key: pub}); v.Err() != nil {
			t.Fatalf("without checkpoints nothing can be seen (README says so): %v", v.Err())
		}
		v = verifyWith(t, db, store.AuditTrust{Key: pub, Saved: witness})
		if v.Err() == nil || v.Problems[0].Seq != 30 || !strings.Contains(v.Problems[0].Reason, "between 1 and 30") {
			t.Fatalf("against the witness: %v", v.Err())
		}
		if _, err := db.AuditCheckpoint(ctx, key, &second[0], time.Now()); err == nil || !strings.Contains(err.Error(), "no longer has") {
			t.Fatalf("checkpoint with checkpoints removed: %v", err)
		}
	})
}

func TestAuditCheckpointsCatchTruncation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		key, _ := auditlog.NewKey()
		pub := key.Public().(ed25519.PublicKey)
		appendAudit(t, db, 40)
		checkpoint(t, db, key, nil)
		storetest.TruncateAudit(t, db, 35)
		if v, err := db.VerifyAudit(context.Background()); err != nil || v.Err() == nil {
			t.Fatalf("stored checkpoint, no trusted key: %v", err)
		}
		v := verifyWith(t, db, store.AuditTrust{Key: pub})
		if v.Err() == nil || v.Problems[0].Seq != 36 || !strings.Contains(v.Problems[0].Reason, "rows 36–40 were removed") {
			t.Fatalf("truncated log: %v", v.Err())
		}
		// A checkpoint signed by another key is not trusted.
		other, _ := auditlog.NewKey()
		v = verifyWith(t, db, store.AuditTrust{Key: other.Public().(ed25519.PublicKey)})
		if v.Err() == nil || !strings.Contains(v.Err().Error(), "not the trusted key") {
			t.Fatalf("foreign key: %v", v.Err())
		}
	})
}

func mustList(t *testing.T, db *store.DB) []auditlog.Entry {
	t.Helper()
	es, err := db.ListAudit(context.Background(), store.AuditFilter{Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	// newest first → oldest first
	for i, j := 0, len(es)-1; i < j; i, j = i+1, j-1 {
		es[i], es[j] = es[j], es[i]
	}
	return es
}
