package web

import (
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"html"
	"net/http"
	"strings"
	"testing"
	"time"

	"gongkai/internal/auditlog"
	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
)

// TestAuditCheckpointsPublished: the portal lists the signed heads as a page and as a JSON
// document that `gongkai auditlog verify --checkpoints` reads back; cacheable, no cookie.
func TestAuditCheckpointsPublished(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) { testAuditCheckpointsPublished(t, db) })
}

func testAuditCheckpointsPublished(t *testing.T, db *store.DB) {
	key, _ := auditlog.NewKey()
	pub := key.Public().(ed25519.PublicKey)
	e := newEnvOpts(t, db, Options{AuditPublicKey: pub})
	c := e.anon()
	if resp, body := c.get("/audit/checkpoints"); resp.StatusCode != http.StatusOK || !strings.Contains(body, "尚无检查点") {
		t.Fatalf("empty page: %d", resp.StatusCode)
	}
	made, err := e.db.AuditCheckpoint(context.Background(), key, nil, time.Now())
	if err != nil || len(made) != 1 {
		t.Fatalf("checkpoint: %v", err)
	}
	resp, body := c.get("/audit/checkpoints")
	body = html.UnescapeString(body) // base64 holds + and /, which the page escapes
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, made[0].Hash) || !strings.Contains(body, base64.StdEncoding.EncodeToString(pub)) {
		t.Fatalf("page: %d", resp.StatusCode)
	}
	resp, body = c.get("/audit/checkpoints.json")
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		t.Fatalf("json: %d", resp.StatusCode)
	}
	if !strings.HasPrefix(resp.Header.Get("Cache-Control"), "public") || len(resp.Header.Values("Set-Cookie")) > 0 {
		t.Errorf("json: Cache-Control %q, Set-Cookie %q", resp.Header.Get("Cache-Control"), resp.Header.Values("Set-Cookie"))
	}
	cps, err := auditlog.ReadCheckpoints([]byte(body))
	if err != nil || len(cps) != 1 || cps[0].Verify(pub) != nil || strings.Contains(body, "row_hashes") {
		t.Fatalf("published document: %v %+v", err, cps)
	}
}
