package web

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/demo"
	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
)

// testEnv is a real server over a real database loaded with the demo data.
type testEnv struct {
	t   testing.TB
	db  *store.DB
	srv *Server
	ts  *httptest.Server
}

// eachEnv runs fn against SQLite, and PostgreSQL when GONGKAI_TEST_POSTGRES is set: every
// web test runs through it, so that one variable runs the whole suite on both databases.
func eachEnv(t *testing.T, fn func(t *testing.T, e *testEnv)) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		fn(t, newEnvWith(t, db))
	})
}

func newEnvWith(t *testing.T, db *store.DB) *testEnv {
	t.Helper()
	if _, err := demo.LoadLight(context.Background(), db, time.Now()); err != nil {
		t.Fatalf("demo: %v", err)
	}
	srv, err := New(db, Options{Log: discardLogger()})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return &testEnv{t: t, db: db, srv: srv, ts: ts}
}

// client is a browser: it keeps cookies and does not follow redirects.
type client struct {
	t    testing.TB
	base string
	hc   *http.Client
	csrf string
}

func (e *testEnv) anon() *client {
	jar, _ := cookiejar.New(nil)
	return &client{t: e.t, base: e.ts.URL, hc: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// login signs a demo user in.
func (e *testEnv) login(username string) *client {
	e.t.Helper()
	c := e.anon()
	c.get("/console/login")
	resp, _ := c.post("/console/login", url.Values{"username": {username}, "password": {demo.Password}})
	if resp.StatusCode != http.StatusSeeOther {
		e.t.Fatalf("login %s: status %d", username, resp.StatusCode)
	}
	c.get("/console/") // picks up the session's CSRF token
	return c
}

var csrfRe = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)

func (c *client) do(req *http.Request) (*http.Response, string) {
	c.t.Helper()
	resp, err := c.hc.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	body := string(b)
	if m := csrfRe.FindStringSubmatch(body); m != nil {
		c.csrf = m[1]
	}
	return resp, body
}

func (c *client) get(path string) (*http.Response, string) {
	c.t.Helper()
	req, _ := http.NewRequest("GET", c.base+path, nil)
	return c.do(req)
}

// post sends a form with the CSRF token of the last page seen.
func (c *client) post(path string, form url.Values) (*http.Response, string) {
	c.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	if form.Get("_csrf") == "" && c.csrf != "" {
		form.Set("_csrf", c.csrf)
	}
	return c.postRaw(path, form)
}

// postRaw sends a form as given (no CSRF token added).
func (c *client) postRaw(path string, form url.Values) (*http.Response, string) {
	c.t.Helper()
	req, _ := http.NewRequest("POST", c.base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.do(req)
}

// app reads an application as the system sees it (the applicant masked).
func (e *testEnv) app(id int64) store.Application {
	e.t.Helper()
	a, err := e.db.Applications().Get(context.Background(), account.System(), id)
	if err != nil {
		e.t.Fatalf("application %d: %v", id, err)
	}
	return a
}

// appByTracking reads an application by its tracking number as the system sees it.
func (e *testEnv) appByTracking(tracking string) store.Application {
	e.t.Helper()
	a, err := e.db.Applications().GetByTracking(context.Background(), account.System(), tracking)
	if err != nil {
		e.t.Fatalf("application %s: %v", tracking, err)
	}
	return a
}

// files lists the files of an application.
func (e *testEnv) files(id int64) []store.ApplicationFile {
	e.t.Helper()
	f, err := e.db.Applications().Open(context.Background(), account.System(), id, time.Now())
	if err != nil {
		e.t.Fatalf("application %d: %v", id, err)
	}
	return f.Files
}

// user is demo user username signed in, as the principal the store's doors take.
func (e *testEnv) user(username string) account.Principal {
	e.t.Helper()
	ctx := context.Background()
	u, err := store.UserByUsername(ctx, e.db, username)
	if err != nil {
		e.t.Fatalf("user %s: %v", username, err)
	}
	ag, err := store.AgencyByID(ctx, e.db, u.AgencyID)
	if err != nil {
		e.t.Fatal(err)
	}
	return demo.Principal(u, ag)
}

// noReview turns off the review of reply letters of username's agency, for tests of other
// rules that record replies directly on the case page (the review is tested in
// console_reply_test.go and the browser journeys).
func (e *testEnv) noReview(username string) {
	e.t.Helper()
	if err := e.db.Agencies().SetReplyReview(context.Background(), account.System(), e.user(username).AgencyID, false); err != nil {
		e.t.Fatal(err)
	}
}
