package web

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
)

// TestAliveAndReady: /livez and /healthz say the process is alive whatever the database
// does; /readyz says ready only while the database accepts a write.
func TestAliveAndReady(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnvOpts(t, db, Options{})
		c := e.anon()
		for _, p := range []string{"/livez", "/healthz", "/readyz"} {
			if resp, body := c.get(p); resp.StatusCode != http.StatusOK {
				t.Errorf("%s: %d %s", p, resp.StatusCode, body)
			}
		}
		// Every connection read-only, as a read-only file, a full disk or a standby would be.
		db.SQL().SetMaxOpenConns(1)
		q := `PRAGMA query_only = 1`
		if db.Dialect() == store.Postgres {
			q = `SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY`
		}
		if _, err := db.SQL().ExecContext(context.Background(), q); err != nil {
			t.Fatal(err)
		}
		if resp, body := c.get("/readyz"); resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(body, "not writable") {
			t.Errorf("read-only database: /readyz %d %s", resp.StatusCode, body)
		}
		for _, p := range []string{"/livez", "/healthz"} {
			if resp, _ := c.get(p); resp.StatusCode != http.StatusOK {
				t.Errorf("read-only database: %s %d", p, resp.StatusCode)
			}
		}
	})
}
