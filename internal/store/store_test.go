package store_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"gongkai/internal/account"
	"gongkai/internal/agency"
	"gongkai/internal/apperr"
	"gongkai/internal/auditlog"
	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
)

func TestMigrationsIdempotent(t *testing.T) {
	for _, kind := range storetest.Dialects() {
		t.Run(kind, func(t *testing.T) {
			ctx := context.Background()
			dsn := storetest.DSN(t, kind)
			for i := 0; i < 2; i++ {
				db, err := store.Open(ctx, dsn)
				if err != nil {
					t.Fatalf("open #%d: %v", i+1, err)
				}
				if err := db.Migrate(ctx); err != nil {
					t.Fatalf("migrate again: %v", err)
				}
				var n int
				if err := db.QueryRow(ctx, `SELECT COUNT(*) FROM agencies`).Scan(&n); err != nil {
					t.Fatal(err)
				}
				db.Close()
			}
		})
	}
}

func TestOpenErrors(t *testing.T) {
	ctx := context.Background()
	for _, dsn := range []string{"", "/nonexistent-dir/x.db", "mysql://x", "postgres://nobody@127.0.0.1:1/none?connect_timeout=2"} {
		_, err := store.Open(ctx, dsn)
		if err == nil {
			t.Errorf("%q: no error", dsn)
			continue
		}
		if strings.Contains(err.Error(), "\n") {
			t.Errorf("%q: error is not one line: %q", dsn, err)
		}
	}
}

// Seed makes a government with two agencies and a user in each.
func seed(t *testing.T, db *store.DB) (gov agency.Government, a, b agency.Agency) {
	t.Helper()
	ctx := context.Background()
	err := db.InTx(ctx, func(tx *store.Tx) error {
		gov = agency.Government{Name: "测试区人民政府"}
		if err := tx.Agencies().CreateGovernment(ctx, account.System(), &gov); err != nil {
			return err
		}
		a = agency.Agency{GovernmentID: gov.ID, Name: "测试区卫生健康局", CreditCode: "11610802016083285C"}
		if err := tx.Agencies().Create(ctx, account.System(), &a); err != nil {
			return err
		}
		b = agency.Agency{GovernmentID: gov.ID, Name: "测试区医疗保障局"}
		return tx.Agencies().Create(ctx, account.System(), &b)
	})
	if err != nil {
		t.Fatal(err)
	}
	return
}

func TestAgenciesUsersSessions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		gov, a, _ := seed(t, db)
		err := db.InTx(ctx, func(tx *store.Tx) error {
			dup := agency.Agency{GovernmentID: gov.ID, Name: "测试区卫生健康局"}
			return tx.Agencies().Create(ctx, account.System(), &dup)
		})
		if !apperr.Is(err, apperr.Conflict) {
			t.Fatalf("duplicate agency: %v", err)
		}
		u := account.User{AgencyID: a.ID, Username: "zhang", DisplayName: "张经办", PasswordHash: "x", Roles: []account.Role{account.Clerk}}
		if err := db.InTx(ctx, func(tx *store.Tx) error { return tx.Users().Create(ctx, account.System(), &u) }); err != nil {
			t.Fatal(err)
		}
		tok, err := db.CreateSession(ctx, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		s, err := db.SessionByToken(ctx, tok)
		if err != nil {
			t.Fatal(err)
		}
		if s.Principal.AgencyID != a.ID || s.Principal.GovernmentID != gov.ID || !s.Principal.Has(account.Clerk) {
			t.Fatalf("principal = %+v", s.Principal)
		}
		if _, err := db.SessionByToken(ctx, tok+"x"); !apperr.Is(err, apperr.NotFound) {
			t.Fatalf("wrong token: %v", err)
		}
		if err := db.InTx(ctx, func(tx *store.Tx) error { return tx.Users().SetDisabled(ctx, account.System(), u.ID, true) }); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SessionByToken(ctx, tok); err == nil {
			t.Fatal("session of a disabled user still valid")
		}
		// The audit log never holds the password hash.
		entries, err := db.ListAudit(ctx, store.AuditFilter{Entity: "user"})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if strings.Contains(e.After, "password_hash") || strings.Contains(e.Before, "password_hash") {
				t.Fatalf("audit row %d holds the password hash", e.Seq)
			}
		}
	})
}

func TestAuditChain(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		seed(t, db)
		// Concurrent appends keep one unbroken chain.
		var wg sync.WaitGroup
		for i := 0; i < 8; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				err := db.InTx(ctx, func(tx *store.Tx) error {
					_, err := store.Audit(ctx, tx, auditlog.Change{ActorName: "系统", Action: "test.append", Entity: "test", EntityID: fmt.Sprint(i), After: map[string]int{"i": i}})
					return err
				})
				if err != nil {
					t.Error(err)
				}
			}(i)
		}
		wg.Wait()
		v, err := db.VerifyAudit(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if v.Err() != nil || v.Rows != 11 {
			t.Fatalf("intact chain: rows=%d err=%v", v.Rows, v.Err())
		}
		// The table refuses edits...
		if _, err := db.Exec(ctx, `UPDATE audit_log SET reason = 'x' WHERE seq = 2`); err == nil {
			t.Fatal("audit_log accepted an UPDATE")
		}
		// ...and one who gets round the trigger is caught by the chain.
		store.TamperAuditForTest(t, db, 5, `{"i":999}`)
		v, err = db.VerifyAudit(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if v.Err() == nil || v.Problems[0].Seq != 5 {
			t.Fatalf("tampered row 5 not named: %v", v.Err())
		}
	})
}

// noReview turns off the agencies' review of reply letters, for tests of other rules that
// record replies directly (the review is tested in reply_letters_test.go).
func noReview(t *testing.T, db *store.DB, ids ...int64) {
	t.Helper()
	for _, id := range ids {
		if err := db.Agencies().SetReplyReview(context.Background(), account.System(), id, false); err != nil {
			t.Fatal(err)
		}
	}
}
