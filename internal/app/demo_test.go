package app

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/demo"
	"gongkai/internal/store"
)

func openApp(t *testing.T, dsn string, mode DemoMode) *App {
	t.Helper()
	cfg := Default()
	cfg.DB, cfg.Demo = dsn, mode
	a, err := Open(context.Background(), cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	return a
}

func demoAccounts(t *testing.T, a *App) []demo.Account {
	t.Helper()
	accs, err := a.DemoAccounts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return accs
}

// TestDemoOnlyWhenFreshOrAsked: demo data goes into a database this start created, or
// when asked; never into an existing database by default. Its accounts are reported on
// every start while they keep the public password.
func TestDemoOnlyWhenFreshOrAsked(t *testing.T) {
	dir := t.TempDir()
	fresh := filepath.Join(dir, "fresh.db")
	a := openApp(t, fresh, DemoFresh)
	if !a.DemoLoaded || len(demoAccounts(t, a)) != len(demo.Usernames) {
		t.Fatalf("fresh database: loaded %v, %d demo accounts", a.DemoLoaded, len(demoAccounts(t, a)))
	}
	a.Close()
	a = openApp(t, fresh, DemoFresh)
	if a.DemoLoaded || len(demoAccounts(t, a)) != len(demo.Usernames) {
		t.Fatalf("second start: loaded %v, %d demo accounts listed", a.DemoLoaded, len(demoAccounts(t, a)))
	}
	// One account gets a real password: it is no longer listed.
	u, err := store.UserByUsername(context.Background(), a.DB, "wj.fuze")
	if err != nil {
		t.Fatal(err)
	}
	who := account.Principal{UserID: u.ID, Name: u.DisplayName, AgencyID: u.AgencyID, Roles: u.Roles}
	if err := a.DB.Users().ChangePassword(context.Background(), who, demo.Password, "Qinghe-wj-fuze-2031", "Qinghe-wj-fuze-2031"); err != nil {
		t.Fatal(err)
	}
	a.Close()
	a = openApp(t, fresh, DemoFresh)
	if len(demoAccounts(t, a)) != len(demo.Usernames)-1 {
		t.Fatalf("after a change: %d demo accounts listed", len(demoAccounts(t, a)))
	}
	for _, acc := range demoAccounts(t, a) {
		if acc.Username == "wj.fuze" {
			t.Error("changed account still listed")
		}
	}

	// A database made earlier (e.g. by `gongkai agency add` before the first start, or
	// migrated and left empty) gets no demo data by default; --demo loads it.
	existing := filepath.Join(dir, "existing.db")
	openApp(t, existing, DemoOff).Close()
	if a := openApp(t, existing, DemoFresh); a.DemoLoaded || len(demoAccounts(t, a)) != 0 {
		t.Fatalf("existing empty database got demo data by default")
	}
	if a := openApp(t, existing, DemoOn); !a.DemoLoaded {
		t.Fatal("--demo did not load into an empty database")
	}
}

// TestUsernamesAreTheDemoAccounts keeps demo.Usernames in step with what Load creates.
func TestUsernamesAreTheDemoAccounts(t *testing.T) {
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "d.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	accounts, err := demo.LoadLight(context.Background(), db, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if len(accounts) != len(demo.Usernames) {
		t.Fatalf("Load made %d accounts, Usernames lists %d", len(accounts), len(demo.Usernames))
	}
	for i, acc := range accounts {
		if acc.Username != demo.Usernames[i] {
			t.Errorf("account %d: %s, Usernames has %s", i, acc.Username, demo.Usernames[i])
		}
	}
}
