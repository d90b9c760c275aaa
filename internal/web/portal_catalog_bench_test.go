package web

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"gongkai/internal/demo"
	"gongkai/internal/store/storetest"
)

// newBenchEnv is the light demo database with the portal fixture, served in process.
func newBenchEnv(b *testing.B) (*testEnv, portalFixture) {
	db := storetest.Open(b, "sqlite")
	if _, err := demo.LoadLight(context.Background(), db, time.Now()); err != nil {
		b.Fatal(err)
	}
	srv, err := New(db, Options{Log: discardLogger()})
	if err != nil {
		b.Fatal(err)
	}
	e := &testEnv{t: b, db: db, srv: srv}
	return e, loadPortalFixture(b, e)
}

// In-process costs of the portal's catalog pages over the light demo data; bench/catalogload
// measures them over HTTP with 1,000,000 items.

func benchPage(b *testing.B, e *testEnv, path string) {
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		e.srv.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		if rec.Code != http.StatusOK {
			b.Fatalf("%s: status %d", path, rec.Code)
		}
	}
}

func BenchmarkPortalItemPage(b *testing.B) {
	e, f := newBenchEnv(b)
	benchPage(b, e, fmt.Sprintf("/items/%d", f.plan))
}

func BenchmarkPortalSearch(b *testing.B) {
	e, _ := newBenchEnv(b)
	benchPage(b, e, "/search?"+url.Values{"q": {"卫生健康"}}.Encode())
}

func BenchmarkPortalAgencyCatalog(b *testing.B) {
	e, f := newBenchEnv(b)
	benchPage(b, e, fmt.Sprintf("/agencies/%d/catalog", f.agencyID))
}

// newColumnBenchEnv is the light demo database served in process, and its 卫生健康局.
func newColumnBenchEnv(b *testing.B) (*testEnv, int64) {
	db := storetest.Open(b, "sqlite")
	if _, err := demo.LoadLight(context.Background(), db, time.Now()); err != nil {
		b.Fatal(err)
	}
	srv, err := New(db, Options{Log: discardLogger()})
	if err != nil {
		b.Fatal(err)
	}
	a, err := db.Agencies().ByName(context.Background(), "清河区卫生健康局")
	if err != nil {
		b.Fatal(err)
	}
	return &testEnv{db: db, srv: srv}, a.ID
}

func BenchmarkPortalAgencyColumn(b *testing.B) {
	e, id := newColumnBenchEnv(b)
	benchPage(b, e, fmt.Sprintf("/agencies/%d", id))
}

func BenchmarkPortalStatutory(b *testing.B) {
	e, id := newColumnBenchEnv(b)
	benchPage(b, e, fmt.Sprintf("/agencies/%d/statutory", id))
}

func BenchmarkPortalHome(b *testing.B) {
	e, _ := newColumnBenchEnv(b)
	benchPage(b, e, "/")
}
