package web

// Security review as tests: every registered route is swept for sign-in, CSRF and
// cross-agency access; roles, escaping, personal data, sessions, headers, body limits and
// the append-only audit log are checked on real servers over real databases.

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/agency"
	"gongkai/internal/annualreport"
	"gongkai/internal/appeal"
	"gongkai/internal/catalog"
	"gongkai/internal/demo"
	"gongkai/internal/foirequest"
	"gongkai/internal/interaction"
	"gongkai/internal/oversight"
	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
	"gongkai/internal/workday"
)

// --- helpers ---------------------------------------------------------------------------

// syncBuffer is a log sink safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// eachLoggedEnv is eachEnv with the server's slog output captured (debug level).
func eachLoggedEnv(t *testing.T, fn func(t *testing.T, e *testEnv, logs *syncBuffer)) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		if _, err := demo.LoadLight(context.Background(), db, time.Now()); err != nil {
			t.Fatalf("demo: %v", err)
		}
		logs := &syncBuffer{}
		srv, err := New(db, Options{Log: slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))})
		if err != nil {
			t.Fatal(err)
		}
		ts := httptest.NewServer(srv)
		t.Cleanup(ts.Close)
		fn(t, &testEnv{t: t, db: db, srv: srv, ts: ts}, logs)
	})
}

// auditMark is the state of the audit log: the head's sequence number and the row count.
type auditMark struct {
	Head int64
	Rows int
}

func markAudit(t *testing.T, db *store.DB) auditMark {
	t.Helper()
	var m auditMark
	var err error
	if m.Head, err = store.AuditHead(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(context.Background(), `SELECT COUNT(*) FROM audit_log`).Scan(&m.Rows); err != nil {
		t.Fatal(err)
	}
	return m
}

// auditRowsOf counts the audit rows of an agency after seq.
func auditRowsOf(t *testing.T, db *store.DB, agencyID, afterSeq int64) int {
	t.Helper()
	var n int
	if err := db.QueryRow(context.Background(), `SELECT COUNT(*) FROM audit_log WHERE agency_id = ? AND seq > ?`, agencyID, afterSeq).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// splitPattern returns the method and the path of a mux pattern, {$} removed.
func splitPattern(pattern string) (string, string) {
	method, p, _ := strings.Cut(pattern, " ")
	return method, strings.ReplaceAll(p, "{$}", "")
}

// fillAny replaces every wildcard of a path with 1.
func fillAny(p string) string {
	return regexp.MustCompile(`\{[^}]+\}`).ReplaceAllString(p, "1")
}

func secAgency(t *testing.T, e *testEnv, name string) agency.Agency {
	t.Helper()
	a, err := store.AgencyByName(context.Background(), e.db, name)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func secUser(t *testing.T, e *testEnv, agencyID int64, username string, roles ...account.Role) int64 {
	t.Helper()
	hash, err := account.DefaultPasswords().Hash(context.Background(), demo.Password)
	if err != nil {
		t.Fatal(err)
	}
	u := account.User{AgencyID: agencyID, Username: username, DisplayName: username, PasswordHash: hash, Roles: roles}
	if err := e.db.InTx(context.Background(), func(tx *store.Tx) error { return tx.Users().Create(context.Background(), account.System(), &u) }); err != nil {
		t.Fatal(err)
	}
	return u.ID
}

func secUserID(t *testing.T, e *testEnv, username string) int64 {
	t.Helper()
	u, err := store.UserByUsername(context.Background(), e.db, username)
	if err != nil {
		t.Fatal(err)
	}
	return u.ID
}

// secApplication registers an in-person application of today directly in the store.
func secApplication(t *testing.T, e *testEnv, agencyID int64, n int, desc string) store.Application {
	t.Helper()
	today := workday.Of(time.Now())
	app := foirequest.Application{
		AgencyID: agencyID, Description: desc, Delivery: foirequest.DeliveryPaper,
		Applicant: foirequest.Applicant{Kind: foirequest.NaturalPerson, Name: "测试申请人", IDType: foirequest.IDResident,
			IDNumber: demo.FakeResidentID(9000 + n), Phone: "13800009999", Address: "示范市某路1号", Email: "ceshi@example.cn"},
		Intake: foirequest.Intake{Channel: foirequest.ChannelInPerson, Submitted: today},
	}
	a, _, err := e.db.Applications().Register(context.Background(), account.System(), app, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// multipartPost sends a multipart form with one file whose part has the given content type.
func multipartPost(c *client, p string, fields url.Values, fileField, fileName, contentType string, data []byte) (*http.Response, string) {
	c.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, vs := range fields {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	if fileField != "" {
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="%s"; filename="%s"`, fileField, strings.NewReplacer(`"`, `\"`, `\`, `\\`).Replace(fileName)))
		h.Set("Content-Type", contentType)
		w, _ := mw.CreatePart(h)
		w.Write(data)
	}
	mw.Close()
	req, _ := http.NewRequest("POST", c.base+p, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.do(req)
}

func statusIn(code int, want ...int) bool {
	for _, w := range want {
		if code == w {
			return true
		}
	}
	return false
}

// --- sign-in and CSRF over every route ----------------------------------------------------

// TestEveryConsoleRouteRefusesForgedSessions extends TestEveryConsoleRouteNeedsSignIn: a
// cookie that names no live session counts as no session at all.
func TestEveryConsoleRouteRefusesForgedSessions(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		base, _ := url.Parse(e.ts.URL)
		for _, cookie := range []string{"forged", strings.Repeat("A", 43), ""} {
			c := e.anon()
			c.get("/") // anonymous CSRF token
			c.hc.Jar.SetCookies(base, []*http.Cookie{{Name: sessionCookie, Value: cookie, Path: "/"}})
			for _, pattern := range e.srv.consoleRoutes {
				method, p := splitPattern(pattern)
				p = fillAny(p)
				if method == "GET" {
					resp, _ := c.get(p)
					if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/console/login") {
						t.Errorf("%s with session cookie %q: status %d, want redirect to sign-in", pattern, cookie, resp.StatusCode)
					}
				} else if resp, _ := c.post(p, nil); resp.StatusCode != http.StatusUnauthorized {
					t.Errorf("%s with session cookie %q: status %d, want 401", pattern, cookie, resp.StatusCode)
				}
			}
		}
	})
}

// TestRouteInventory: staff pages are registered only through s.console and the portal
// through s.public, so the sweeps above see every route.
func TestRouteInventory(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		for _, pattern := range e.srv.consoleRoutes {
			if _, p := splitPattern(pattern); !strings.HasPrefix(p, "/console/") {
				t.Errorf("console route %s outside /console/", pattern)
			}
		}
		for _, pattern := range e.srv.publicRoutes {
			if _, p := splitPattern(pattern); strings.HasPrefix(p, "/console") && p != "/console/login" {
				t.Errorf("public route %s inside the console: it skips sign-in", pattern)
			}
		}
		if len(e.srv.publicRoutes) < 10 {
			t.Errorf("only %d public routes recorded", len(e.srv.publicRoutes))
		}
		// Every public GET route answers an anonymous visitor without a server error.
		c := e.anon()
		for _, pattern := range e.srv.publicRoutes {
			if method, p := splitPattern(pattern); method == "GET" {
				if resp, _ := c.get(fillAny(p)); resp.StatusCode >= 500 {
					t.Errorf("GET %s: %d", fillAny(p), resp.StatusCode)
				}
			}
		}
	})
}

// csrfForm is a form most POST handlers would accept if the token check were missing.
func csrfForm() url.Values {
	return url.Values{
		"name": {"被篡改"}, "username": {"csrf.victim"}, "display_name": {"跨站请求"}, "password": {"long-enough-123"},
		"roles": {"clerk"}, "day": {"2030-10-08"}, "working": {"0"}, "reason": {"跨站请求伪造"}, "overview": {"跨站"},
		"kind": {"reconsideration"}, "result": {"pending"}, "filed_on": {"2025-03-01"}, "title": {"跨站"},
		"type": {"withdrawn"}, "body": {"跨站"}, "tracking": {"ABCDEFGHJKLM"}, "code": {"ABCDEFGH"},
	}
}

func TestEveryConsolePostNeedsItsSessionToken(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		sys := e.login("admin")
		other := e.login("wj.admin") // another live session: its token is no good for sys
		if other.csrf == "" || other.csrf == sys.csrf {
			t.Fatal("sessions share a CSRF token or have none")
		}
		before := markAudit(t, e.db)
		posts := 0
		for _, pattern := range e.srv.consoleRoutes {
			method, p := splitPattern(pattern)
			if method != "POST" {
				continue
			}
			posts++
			p = fillAny(p)
			cases := map[string]func() *http.Response{
				"no token": func() *http.Response { r, _ := sys.postRaw(p, csrfForm()); return r },
				"forged token": func() *http.Response {
					f := csrfForm()
					f.Set(csrfField, "forged")
					r, _ := sys.postRaw(p, f)
					return r
				},
				"another session's token": func() *http.Response {
					f := csrfForm()
					f.Set(csrfField, other.csrf)
					r, _ := sys.postRaw(p, f)
					return r
				},
				"forged header": func() *http.Response {
					req, _ := http.NewRequest("POST", sys.base+p, strings.NewReader(csrfForm().Encode()))
					req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
					req.Header.Set("X-CSRF-Token", "forged")
					r, _ := sys.do(req)
					return r
				},
				"multipart without token": func() *http.Response {
					r, _ := multipartPost(sys, p, csrfForm(), "files", "a.txt", "text/plain", []byte("x"))
					return r
				},
			}
			for name, send := range cases {
				if resp := send(); resp.StatusCode != http.StatusForbidden {
					t.Errorf("%s, %s: status %d, want 403", pattern, name, resp.StatusCode)
				}
			}
		}
		if posts < 10 {
			t.Fatalf("only %d console POST routes", posts)
		}
		if after := markAudit(t, e.db); after != before {
			t.Errorf("refused requests changed the audit log: %+v → %+v", before, after)
		}
		if _, err := store.UserByUsername(context.Background(), e.db, "csrf.victim"); err == nil {
			t.Error("a user was created without a valid token")
		}
		// The sign-out route refused too: the session still works.
		if resp, _ := sys.get("/console/"); resp.StatusCode != http.StatusOK {
			t.Errorf("session ended by a forged sign-out: %d", resp.StatusCode)
		}
	})
}

func TestEveryPublicPostNeedsItsToken(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		var count int
		if err := e.db.QueryRow(context.Background(), `SELECT COUNT(*) FROM applications`).Scan(&count); err != nil {
			t.Fatal(err)
		}
		before := markAudit(t, e.db)
		posts := 0
		for _, pattern := range e.srv.publicRoutes {
			method, p := splitPattern(pattern)
			if method == "GET" {
				continue
			}
			posts++
			p = fillAny(p)
			a := e.anon()
			a.get("/console/login") // a's cookie and token
			b := e.anon()
			b.get("/console/login")
			form := applyValues("跨站提交的申请")
			for k, v := range csrfForm() {
				if form.Get(k) == "" {
					form[k] = v
				}
			}
			form.Set("username", "wj.admin")
			form.Set("password", demo.Password)
			cases := map[string]url.Values{"no token": {}, "forged token": {csrfField: {"forged"}}, "another browser's token": {csrfField: {b.csrf}}}
			for name, extra := range cases {
				f := url.Values{}
				for k, v := range form {
					f[k] = v
				}
				for k, v := range extra {
					f[k] = v
				}
				if resp, _ := a.postRaw(p, f); resp.StatusCode != http.StatusForbidden {
					t.Errorf("%s, %s: status %d, want 403", pattern, name, resp.StatusCode)
				}
			}
			// A browser without the cookie, sending a token of the right shape.
			fresh := e.anon()
			f := url.Values{csrfField: {a.csrf}}
			for k, v := range form {
				f[k] = v
			}
			if resp, _ := fresh.postRaw(p, f); resp.StatusCode != http.StatusForbidden {
				t.Errorf("%s, token without its cookie: status %d, want 403", pattern, resp.StatusCode)
			}
		}
		if posts < 3 {
			t.Fatalf("only %d public POST routes recorded (sign-in, apply, track at least)", posts)
		}
		var after int
		e.db.QueryRow(context.Background(), `SELECT COUNT(*) FROM applications`).Scan(&after)
		if after != count || markAudit(t, e.db) != before {
			t.Error("a refused public POST changed something")
		}
	})
}

// --- cross-agency ---------------------------------------------------------------------

// crossIDs are the records of agency B (and of another government) the sweep aims at.
type crossIDs struct {
	agency, user, app, file, appeal, item, imported, msg, notice, question int64
	year                                                                   int
}

// path fills a console pattern with B's records (and ?agency= B); ok is false for a
// placeholder it does not know.
func (x crossIDs) path(p string) (string, bool) {
	id := func(v int64) string { return strconv.FormatInt(v, 10) }
	switch {
	case strings.HasPrefix(p, "/console/applications/{id}"):
		p = strings.NewReplacer("{id}", id(x.app), "{file}", id(x.file), "{msg}", id(x.msg)).Replace(p)
	case strings.HasPrefix(p, "/console/catalog/{id}"):
		p = strings.NewReplacer("{id}", id(x.item), "{n}", "0").Replace(p)
	case strings.HasPrefix(p, "/console/appeals/{id}"):
		p = strings.ReplaceAll(p, "{id}", id(x.appeal))
	case strings.HasPrefix(p, "/console/interaction/{id}"):
		p = strings.ReplaceAll(p, "{id}", id(x.question))
	case strings.HasPrefix(p, "/console/agencies/{id}"), strings.HasPrefix(p, "/console/oversight/agencies/{id}"):
		p = strings.ReplaceAll(p, "{id}", id(x.agency))
	case strings.HasPrefix(p, "/console/notices/{id}"):
		p = strings.ReplaceAll(p, "{id}", id(x.notice))
	case strings.HasPrefix(p, "/console/users/{id}"):
		p = strings.ReplaceAll(p, "{id}", id(x.user))
	case strings.HasPrefix(p, "/console/imports/{id}"):
		p = strings.ReplaceAll(p, "{id}", id(x.imported))
	}
	p = strings.ReplaceAll(p, "{year}", strconv.Itoa(x.year))
	if strings.Contains(p, "{") {
		return "", false
	}
	return p + "?agency=" + id(x.agency), true
}

// crossMarker is written into every record of agency B: a user of agency A must never see it.
const crossMarker = "乙机关标记"

func TestCrossAgencyAccess(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		ctx := context.Background()
		now := time.Now()
		wj := secAgency(t, e, "清河区卫生健康局")
		yb := secAgency(t, e, "清河区医疗保障局")
		secUser(t, e, wj.ID, "wj.all", account.Clerk, account.Reviewer, account.Head, account.AgencyAdmin)

		// Agency B's records, each carrying the marker.
		x := crossIDs{agency: yb.ID, year: now.Year() - 1, user: secUserID(t, e, "yb.jingban")}
		app := secApplication(t, e, yb.ID, 1, "申请公开某文件（"+crossMarker+"）")
		x.app = app.ID
		if err := e.db.QueryRow(ctx, `SELECT id FROM outbox WHERE application_id = ?`, app.ID).Scan(&x.msg); err != nil {
			t.Fatalf("agency B's message: %v", err)
		}
		err := e.db.InTx(ctx, func(tx *store.Tx) error {
			yb.Name += crossMarker
			if err := tx.Agencies().Update(ctx, account.System(), &yb, "", 0); err != nil {
				return err
			}
			f, err := tx.Applications().Attach(ctx, e.user("yb.jingban"), app.ID, 1, store.ApplicationFile{Name: crossMarker + ".txt", ContentType: "text/plain", Data: []byte(crossMarker)})
			if err != nil {
				return err
			}
			x.file = f.ID
			ap := appeal.Appeal{AgencyID: yb.ID, Kind: appeal.Reconsideration, Result: appeal.Pending, CaseNo: crossMarker + "〔2025〕1号", FiledOn: workday.Of(now).AddDate(0, 0, -3), Note: crossMarker}
			if err := tx.Appeals().Save(ctx, account.System(), &ap, workday.Of(now)); err != nil {
				return err
			}
			x.appeal = ap.ID
			tax, err := store.CatalogTaxonomy(ctx, tx, yb.ID)
			if err != nil {
				return err
			}
			it, err := tx.Catalog().Create(ctx, e.user("yb.jingban"),
				catalog.Item{AgencyID: yb.ID, Title: crossMarker + "草稿", Topic: tax.Topics()[0].Code, Publisher: yb.Name, Kind: catalog.General, Validity: catalog.Valid, Summary: crossMarker}, nil, now)
			if err != nil {
				return err
			}
			x.item = it.ID
			q, err := tx.Interactions().Receive(ctx, e.user("yb.jingban"), interaction.Question{AgencyID: yb.ID, Channel: interaction.Hotline,
				Kind: interaction.Message, TicketNo: "GD-" + crossMarker, Subject: crossMarker + "来件", Body: crossMarker, AskerName: crossMarker}, now)
			if err != nil {
				return err
			}
			x.question = q.ID
			// An imported report of another government: the open office of 清河区 must not see it.
			g := agency.Government{Name: "丙县人民政府"}
			if err := tx.Agencies().CreateGovernment(ctx, account.System(), &g); err != nil {
				return err
			}
			x.imported, err = store.SaveImportedReport(ctx, tx, account.System(), g.ID, crossMarker+".txt", "0000", annualreport.NewReport("丙县某局"+crossMarker, 2024, annualreport.Format2021))
			if err != nil {
				return err
			}
			// A 督办 of the 政务公开办 to agency B.
			n := oversight.Notice{AgencyID: yb.ID, Subject: crossMarker + "督办", Body: crossMarker, Due: workday.Of(now).AddDate(0, 0, 10)}
			if err := tx.Oversight().Send(ctx, e.user("gkb"), &n, now); err != nil {
				return err
			}
			x.notice = n.ID
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}

		// The form every POST gets: valid enough that a missing check would change B's records.
		today := workday.Format(workday.Of(now))
		form := func() url.Values {
			return url.Values{
				"name": {"被篡改的机关"}, "disabled": {"1"}, "kind": {"reconsideration"}, "result": {"pending"},
				"filed_on": {"2025-03-01"}, "case_no": {"篡改〔2025〕9号"}, "type": {"withdrawn"}, "day": {today},
				"reason": {"越权测试"}, "title": {"越权修改的标题"}, "topic": {"other"}, "publisher": {"越权"},
				"validity": {"valid"}, "summary": {"越权"}, "body": {"越权"}, "action": {"submit"}, "overview": {"越权"},
				"year": {strconv.Itoa(x.year)}, "agency": {itoa(yb.ID)}, "agency_id": {itoa(yb.ID)},
				"username": {"cross.user"}, "display_name": {"越权用户"}, "password": {"long-enough-123"}, "roles": {"clerk"},
				"answer": {"越权答复"}, "publish": {"yes"}, "answer_days": {"3"},
			}
		}
		// Routes whose POST changes data shared by every agency on purpose, or ends the session.
		skipPost := map[string]string{
			"POST /console/logout":          "ends the session",
			"POST /console/calendar":        "the holiday calendar is shared by every agency",
			"POST /console/calendar/delete": "the holiday calendar is shared by every agency",
			"POST /console/calendar/upload": "the holiday calendar is shared by every agency",
		}

		sweep := func(username string, readsB bool) {
			c := e.login(username)
			for _, pattern := range e.srv.consoleRoutes {
				method, p := splitPattern(pattern)
				filled, ok := x.path(p)
				if !ok {
					t.Errorf("%s: no record of agency B for its placeholders — add one to crossIDs.path", pattern)
					continue
				}
				recordOfB := strings.Contains(p, "{id}") || strings.Contains(p, "{file}") || strings.Contains(p, "{n}")
				if method == "GET" {
					resp, body := c.get(filled)
					if readsB && !strings.HasPrefix(p, "/console/imports/") {
						continue
					}
					if recordOfB && !statusIn(resp.StatusCode, http.StatusNotFound, http.StatusForbidden) {
						t.Errorf("%s: GET %s of agency B's record: status %d, want 404 or 403", username, filled, resp.StatusCode)
					}
					if strings.Contains(body, crossMarker) || strings.Contains(resp.Header.Get("Content-Disposition"), url.PathEscape(crossMarker)) {
						t.Errorf("%s: GET %s shows a record of another agency", username, filled)
					}
					continue
				}
				if reason, skip := skipPost[pattern]; skip {
					t.Logf("%s: POST not swept: %s", pattern, reason)
					continue
				}
				before := markAudit(t, e.db)
				c.get("/console/")
				resp, _ := c.post(filled, form())
				if recordOfB {
					if !statusIn(resp.StatusCode, http.StatusNotFound, http.StatusForbidden) {
						t.Errorf("%s: POST %s on agency B's record: status %d, want 404 or 403", username, filled, resp.StatusCode)
					}
					if after := markAudit(t, e.db); after != before {
						t.Errorf("%s: POST %s on agency B's record changed the audit log", username, filled)
					}
				}
				if n := auditRowsOf(t, e.db, yb.ID, before.Head); n > 0 {
					t.Errorf("%s: POST %s changed %d records of agency B", username, filled, n)
				}
			}
		}
		sweep("wj.all", false)
		sweep("gkb", true) // 政务公开办: reads agency B, changes nothing of it

		// Nothing of B moved: its name, appeal, item, user, application.
		if a, _ := store.AgencyByID(ctx, e.db, yb.ID); a.Name != yb.Name {
			t.Errorf("agency B renamed to %q", a.Name)
		}
		if ap, _ := e.db.Appeals().Get(ctx, account.System(), x.appeal); ap.CaseNo != crossMarker+"〔2025〕1号" {
			t.Errorf("appeal of B changed: %q", ap.CaseNo)
		}
		if u, _ := store.UserByID(ctx, e.db, x.user); u.Disabled {
			t.Error("user of B disabled")
		}
		if a := e.app(x.app); len(a.Events) != 1 {
			t.Errorf("application of B has %d events", len(a.Events))
		}
		if it, _ := store.ItemByID(ctx, e.db, x.item); it.Title != crossMarker+"草稿" || it.State != catalog.Draft {
			t.Errorf("item of B changed: %q %s", it.Title, it.State)
		}
	})
}

// --- roles ------------------------------------------------------------------------------

func TestRoleChecks(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		ctx := context.Background()
		wj := secAgency(t, e, "清河区卫生健康局")
		app := secApplication(t, e, wj.ID, 2, "申请公开角色测试文件")
		appPath := "/console/applications/" + itoa(app.ID)
		today := workday.Format(workday.Of(time.Now()))
		secUser(t, e, wj.ID, "wj.rc", account.Clerk, account.Reviewer, account.Head)
		if _, err := e.db.Applications().Record(ctx, e.user("wj.jingban"), app.ID, foirequest.Event{Type: foirequest.EventAccepted, Day: workday.Of(time.Now())}, time.Now()); err != nil {
			t.Fatal(err)
		}

		// Items of the workflow: one in 审批, one published.
		items, err := store.AgencyCatalogItems(ctx, e.db, wj.ID)
		if err != nil {
			t.Fatal(err)
		}
		var approval, published catalog.Item
		for _, it := range items {
			switch {
			case it.State == catalog.Approval && approval.ID == 0 && it.AuthorID != secUserID(t, e, "wj.fuze"):
				approval = it
			case it.State == catalog.Published && published.ID == 0:
				published = it
			}
		}
		if approval.ID == 0 || published.ID == 0 {
			t.Fatalf("demo data lacks an item awaiting approval (%d) or a published one (%d)", approval.ID, published.ID)
		}
		itemStep := func(id int64) string { return "/console/catalog/" + itoa(id) + "/step" }

		type step struct {
			user, path string
			form       url.Values
			want       int
		}
		refuse := []step{
			// 经办人: no extension, no annual report publication, no user management, no publication.
			{"wj.jingban", appPath + "/events", url.Values{"type": {"extended"}, "day": {today}, "days": {"10"}, "reason": {"情况复杂"}}, 403},
			{"wj.jingban", fmt.Sprintf("/console/reports/%d/publish", time.Now().Year()-1), url.Values{"reason": {"发布"}}, 403},
			{"wj.jingban", "/console/users", url.Values{"username": {"role.x"}, "display_name": {"x"}, "password": {"long-enough-123"}, "roles": {"clerk"}}, 403},
			{"wj.jingban", "/console/users/" + itoa(secUserID(t, e, "wj.shenhe")) + "/disable", url.Values{"disabled": {"1"}}, 403},
			{"wj.jingban", itemStep(approval.ID), url.Values{"action": {"approve"}}, 403},
			{"wj.jingban", itemStep(published.ID), url.Values{"action": {"withdraw"}, "reason": {"撤回"}}, 403},
			{"wj.jingban", "/console/calendar", url.Values{"day": {"2030-10-08"}, "working": {"0"}, "reason": {"x"}}, 403},
			// The holiday calendar is shared by every agency of the deployment: only the system administrator changes it.
			{"wj.admin", "/console/calendar", url.Values{"day": {"2030-10-08"}, "working": {"0"}, "reason": {"x"}}, 403},
			{"gkb", "/console/calendar", url.Values{"day": {"2030-10-08"}, "working": {"0"}, "reason": {"x"}}, 403},
			{"wj.jingban", "/console/agencies/" + itoa(wj.ID), url.Values{"name": {"改名"}}, 403},
			// 审核人 passes no review of a draft they did not get; a reviewer does not approve.
			{"wj.shenhe", itemStep(approval.ID), url.Values{"action": {"approve"}}, 403},
			// 政务公开办 of the same government: reads, changes nothing of another agency.
			{"gkb", appPath + "/events", url.Values{"type": {"withdrawn"}, "day": {today}, "reason": {"越权"}}, 403},
			{"gkb", itemStep(published.ID), url.Values{"action": {"withdraw"}, "reason": {"越权"}}, 403},
			{"gkb", "/console/agencies/" + itoa(wj.ID), url.Values{"name": {"改名"}}, 403},
			{"gkb", "/console/guide", url.Values{"agency": {itoa(wj.ID)}, "body": {"越权"}}, 403},
		}
		for _, s := range refuse {
			c := e.login(s.user)
			before := markAudit(t, e.db)
			resp, body := c.post(s.path, s.form)
			if resp.StatusCode != s.want {
				t.Errorf("%s POST %s %v: status %d, want %d\n%s", s.user, s.path, s.form, resp.StatusCode, s.want, errorText(body))
			}
			if after := markAudit(t, e.db); after != before {
				t.Errorf("%s POST %s: refused, yet the audit log moved", s.user, s.path)
			}
		}
		// An agency administrator does not disable a system administrator or an open office.
		gov := secAgency(t, e, "清河区人民政府办公室")
		secUser(t, e, gov.ID, "gov.admin", account.AgencyAdmin)
		govAdmin := e.login("gov.admin")
		for _, target := range []string{"admin", "gkb"} {
			before := markAudit(t, e.db)
			if resp, _ := govAdmin.post("/console/users/"+itoa(secUserID(t, e, target))+"/disable", url.Values{"disabled": {"1"}}); resp.StatusCode != http.StatusForbidden {
				t.Errorf("agency administrator disables %s: %d, want 403", target, resp.StatusCode)
			}
			if markAudit(t, e.db) != before {
				t.Errorf("refused disabling of %s audited", target)
			}
		}
		for _, p := range []string{"/console/users", "/console/calendar", "/console/imports", "/console/guide"} {
			if resp, _ := e.login("wj.jingban").get(p); resp.StatusCode != http.StatusForbidden {
				t.Errorf("经办人 GET %s: %d, want 403", p, resp.StatusCode)
			}
		}
		// The open office reads another agency's case, with the applicant masked.
		gkb := e.login("gkb")
		resp, body := gkb.get(appPath)
		if resp.StatusCode != http.StatusOK || strings.Contains(body, app.Applicant.IDNumber) || !strings.Contains(body, foirequest.MaskID(app.Applicant.IDNumber)) {
			t.Errorf("open office reads the case: %d, full ID shown: %v", resp.StatusCode, strings.Contains(body, app.Applicant.IDNumber))
		}

		// Positive controls: the same steps by the right role succeed (the refusals above are
		// about roles, not about broken forms).
		fuze := e.login("wj.fuze")
		if resp, body := fuze.post(appPath+"/events", url.Values{"type": {"extended"}, "day": {today}, "days": {"10"}, "reason": {"情况复杂"}}); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("负责人 extends: %d %s", resp.StatusCode, errorText(body))
		}
		if resp, body := fuze.post(itemStep(approval.ID), url.Values{"action": {"approve"}}); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("负责人 approves: %d %s", resp.StatusCode, errorText(body))
		}

		// Nobody reviews or approves their own draft, whatever roles they hold.
		rc := e.login("wj.rc")
		rc.get("/console/catalog/new")
		resp, body = rc.post("/console/catalog", secItemForm("本人起草的信息"))
		id := secCreatedItemID(t, resp, body)
		if resp, _ := rc.post(itemStep(id), url.Values{"action": {"submit"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("submit: %d", resp.StatusCode)
		}
		before := markAudit(t, e.db)
		if resp, _ := rc.post(itemStep(id), url.Values{"action": {"pass_review"}}); resp.StatusCode != http.StatusForbidden {
			t.Errorf("审核人 passes own draft: %d, want 403", resp.StatusCode)
		}
		if markAudit(t, e.db) != before {
			t.Error("refused self-review audited")
		}
		if resp, _ := e.login("wj.shenhe").post(itemStep(id), url.Values{"action": {"pass_review"}, "clear": allClear(), "opinion": {"同意公开"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("another reviewer passes: %d", resp.StatusCode)
		}
		before = markAudit(t, e.db)
		if resp, _ := rc.post(itemStep(id), url.Values{"action": {"approve"}}); resp.StatusCode != http.StatusForbidden {
			t.Errorf("负责人 approves own draft: %d, want 403", resp.StatusCode)
		}
		if markAudit(t, e.db) != before {
			t.Error("refused self-approval audited")
		}
	})
}

// secItemForm is a complete draft of a catalog item.
func secItemForm(title string) url.Values {
	return url.Values{
		"title": {title}, "topic": {"policy_documents"}, "kind": {"normative"}, "publisher": {"清河区卫生健康局"},
		"written_on": {"2026-01-05"}, "doc_no": {"清卫规〔2026〕7号"}, "keywords": {"卫生"}, "validity": {"valid"},
		"summary": {"概述"}, "body": {"<p>正文</p>"},
	}
}

var secItemLocation = regexp.MustCompile(`^/console/catalog/(\d+)`)

func secCreatedItemID(t *testing.T, resp *http.Response, body string) int64 {
	t.Helper()
	m := secItemLocation.FindStringSubmatch(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusSeeOther || m == nil {
		t.Fatalf("save item: status %d %s", resp.StatusCode, errorText(body))
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	return id
}

// --- escaping ---------------------------------------------------------------------------

const (
	xssScript = `<script>alert(1)</script>`
	xssAttr   = `"><img src=x onerror=alert(1)>`
)

var (
	// A payload's tags, raw: even split by highlighting marks they must never appear.
	xssRaw     = []string{"<script>", "<img src=x"}
	xssEscaped = []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(1)&gt;"}
	hrefRe     = regexp.MustCompile(`(?:href|src)="(/[^"]*)"`)
)

// page is one response seen by a crawl.
type page struct {
	path   string
	status int
	header http.Header
	body   string
}

// crawl fetches roots and the same-site links they lead to, breadth first, up to max pages.
func crawl(c *client, roots []string, max int) []page {
	seen := map[string]bool{}
	queue := append([]string{}, roots...)
	var out []page
	for len(queue) > 0 && len(out) < max {
		p := queue[0]
		queue = queue[1:]
		key := p
		if u, err := url.Parse(p); err == nil {
			q := u.Query()
			q.Del("msg")
			u.RawQuery = q.Encode()
			key = u.RequestURI()
		}
		if seen[key] || strings.HasPrefix(p, "/static/") || strings.HasPrefix(p, "//") {
			continue
		}
		seen[key] = true
		resp, body := c.get(p)
		out = append(out, page{p, resp.StatusCode, resp.Header, body})
		if strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			for _, m := range hrefRe.FindAllStringSubmatch(body, -1) {
				queue = append(queue, html.UnescapeString(m[1]))
			}
		}
	}
	return out
}

// checkPages asserts that no page holds a payload unescaped, that every HTML page carries
// the security headers, and that every download is an attachment, never HTML. It returns
// the paths whose bodies hold an escaped payload.
func checkPages(t *testing.T, who string, pages []page) map[string]bool {
	t.Helper()
	escaped := map[string]bool{}
	for _, pg := range pages {
		download := strings.HasPrefix(pg.header.Get("Content-Disposition"), "attachment") && !strings.Contains(pg.header.Get("Content-Type"), "html")
		for _, raw := range xssRaw {
			if !download && strings.Contains(pg.body, raw) {
				t.Errorf("%s %s: payload %s unescaped", who, pg.path, raw)
			}
		}
		for _, esc := range xssEscaped {
			if strings.Contains(pg.body, esc) {
				escaped[strings.SplitN(pg.path, "?", 2)[0]] = true
			}
		}
		ct := pg.header.Get("Content-Type")
		if strings.HasPrefix(ct, "text/html") {
			csp := pg.header.Get("Content-Security-Policy")
			if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe") || !strings.Contains(csp, "frame-ancestors 'none'") {
				t.Errorf("%s %s: Content-Security-Policy %q", who, pg.path, csp)
			}
			if pg.header.Get("X-Content-Type-Options") != "nosniff" || pg.header.Get("X-Frame-Options") != "DENY" {
				t.Errorf("%s %s: nosniff %q, frame options %q", who, pg.path, pg.header.Get("X-Content-Type-Options"), pg.header.Get("X-Frame-Options"))
			}
		}
		if cd := pg.header.Get("Content-Disposition"); cd != "" || strings.Contains(pg.path, "/files/") || strings.Contains(pg.path, "/attachments/") || strings.HasSuffix(strings.SplitN(pg.path, "?", 2)[0], ".docx") {
			if pg.status == http.StatusOK && (!strings.HasPrefix(cd, "attachment") || strings.Contains(ct, "html") || pg.header.Get("X-Content-Type-Options") != "nosniff") {
				t.Errorf("%s %s: download with Content-Disposition %q, Content-Type %q", who, pg.path, cd, ct)
			}
		}
	}
	return escaped
}

func TestEscapingEverywhere(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		ctx := context.Background()
		wj := secAgency(t, e, "清河区卫生健康局")
		year := time.Now().Year() - 1
		payload := xssScript + xssAttr

		// The public: an application whose applicant and description carry the payloads.
		pub := e.anon()
		applyPath := "/agencies/" + itoa(wj.ID) + "/apply"
		pub.get(applyPath)
		f := applyValues("申请公开" + payload)
		f.Set("name", "张三"+payload)
		f.Set("address", "人民路"+payload)
		resp, body := pub.post(applyPath, f)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("apply: %d %s", resp.StatusCode, errorText(body))
		}
		tracking, code := trackingRe.FindStringSubmatch(body)[1], codeRe.FindStringSubmatch(body)[1]
		var appID int64
		if err := e.db.QueryRow(ctx, `SELECT id FROM applications WHERE tracking = ?`, tracking).Scan(&appID); err != nil {
			t.Fatal(err)
		}
		appPath := "/console/applications/" + itoa(appID)

		// Staff: a reply with a file whose name and type are hostile.
		clerkC := e.login("wj.jingban")
		e.noReview("wj.jingban")
		clerkC.get(appPath)
		resp, body = multipartPost(clerkC, appPath+"/events", url.Values{csrfField: {clerkC.csrf}, "type": {"replied"}, "reply": {"granted"},
			"day": {workday.Format(workday.Of(time.Now()))}, "reason": {"答复说明" + payload}}, "files", payload+".html", "text/html", []byte(payload))
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("reply: %d %s", resp.StatusCode, errorText(body))
		}
		// A catalog item through the whole workflow, with a hostile attachment name.
		form := secItemForm("标题" + payload)
		form.Set("summary", "摘要"+payload)
		form.Set("keywords", "关键词"+payload)
		form.Set("body", "<p>正文</p>"+payload)
		form.Set(csrfField, clerkC.csrf)
		resp, body = multipartPost(clerkC, "/console/catalog", form, "files", payload+".pdf", "application/pdf", []byte("%PDF-1.4\n%"+payload+"\n%%EOF\n"))
		itemID := secCreatedItemID(t, resp, body)
		itemStep := fmt.Sprintf("/console/catalog/%d/step", itemID)
		if resp, body := clerkC.post(itemStep, url.Values{"action": {"submit"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("submit: %d %s", resp.StatusCode, errorText(body))
		}
		if resp, body := e.login("wj.shenhe").post(itemStep, url.Values{"action": {"pass_review"}, "clear": allClear(), "opinion": {"同意公开" + payload}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("review: %d %s", resp.StatusCode, errorText(body))
		}
		fuze := e.login("wj.fuze")
		if resp, body := fuze.post(itemStep, url.Values{"action": {"approve"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("approve: %d %s", resp.StatusCode, errorText(body))
		}
		// The annual report narrative, published.
		reportPath := fmt.Sprintf("/console/reports/%d", year)
		if resp, body := clerkC.post(reportPath, url.Values{"overview": {"概述" + payload}, "problems": {"问题" + payload}, "other": {"其他" + payload}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("report narrative: %d %s", resp.StatusCode, errorText(body))
		}
		publish := url.Values{"reason": {"发布"}}
		if _, form := fuze.get(reportPath); confirmOpenRE.MatchString(form) {
			publish.Set("confirm_open", confirmOpenRE.FindStringSubmatch(form)[1]) // the cases still open, confirmed
		}
		if resp, body := fuze.post(reportPath+"/publish", publish); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("report publish: %d %s", resp.StatusCode, errorText(body))
		}
		// The agency's office details and the guide; a user with a hostile display name; a
		// calendar day with a hostile reason.
		adm := e.login("wj.admin")
		af := url.Values{"name": {wj.Name + payload}, "short_name": {wj.ShortName}, "credit_code": {wj.CreditCode}, "office_name": {"办公室" + payload},
			"office_address": {"地址" + payload}, "office_postcode": {wj.OfficePostcode}, "office_phone": {wj.OfficePhone}, "office_hours": {"工作日" + payload},
			"office_email": {wj.OfficeEmail}, "website": {"javascript:alert(1)"}}
		if resp, body := adm.post("/console/agencies/"+itoa(wj.ID), af); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("agency save: %d %s", resp.StatusCode, errorText(body))
		}
		if resp, body := adm.post("/console/guide", url.Values{"agency": {itoa(wj.ID)}, "body": {"## 标题" + payload + "\n- 条目" + payload + "\n段落" + payload}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("guide: %d %s", resp.StatusCode, errorText(body))
		}
		if resp, body := adm.post("/console/users", url.Values{"username": {"xss.user"}, "display_name": {"用户" + payload}, "password": {"Xss-user-2031-pw"}, "roles": {"clerk"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("user: %d %s", resp.StatusCode, errorText(body))
		}
		sys := e.login("admin") // the shared calendar is the system administrator's
		sys.get("/console/calendar")
		if resp, body := sys.post("/console/calendar", url.Values{"day": {"2030-10-10"}, "working": {"0"}, "reason": {"停工" + payload}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("calendar: %d %s", resp.StatusCode, errorText(body))
		}
		// An appeal recorded by that user (their name shows in the audit log).
		xu := e.anon() // signs in with the password given above (the demo one is refused for new users)
		xu.get("/console/login")
		if resp, _ := xu.post("/console/login", url.Values{"username": {"xss.user"}, "password": {"Xss-user-2031-pw"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("xss.user sign-in: %d", resp.StatusCode)
		}
		xu.get("/console/")
		if resp, body := xu.post("/console/appeals", url.Values{"kind": {"reconsideration"}, "result": {"pending"}, "filed_on": {fmt.Sprintf("%d-03-01", year)},
			"case_no": {"案号" + payload}, "organ": {"机关" + payload}, "note": {"备注" + payload}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("appeal: %d %s", resp.StatusCode, errorText(body))
		}
		// Imported reports: a hostile file name through the console, a hostile agency name stored.
		gkb := e.login("gkb")
		if resp, body := multipartPost(gkb, "/console/imports", url.Values{csrfField: {gkb.csrf}}, "files", payload+".txt", "text/plain", []byte("2024年政府信息公开工作年度报告\n")); resp.StatusCode != http.StatusOK {
			t.Fatalf("import: %d %s", resp.StatusCode, errorText(body))
		}
		var importID int64
		err := e.db.InTx(ctx, func(tx *store.Tx) error {
			var err error
			importID, err = store.SaveImportedReport(ctx, tx, account.System(), wj.GovernmentID, "报告.txt", "ab", annualreport.NewReport("某局"+payload, 2023, annualreport.Format2021))
			return err
		})
		if err != nil {
			t.Fatal(err)
		}

		// The applicant reads the status page.
		track(t, pub, tracking, code)

		// Crawl everything each kind of visitor can reach, from the pages that show the payloads.
		agencyPaths := func(p ...string) []string {
			var out []string
			for _, s := range p {
				out = append(out, "/agencies/"+itoa(wj.ID)+s)
			}
			return out
		}
		publicRoots := append([]string{"/", "/apply", "/track", "/items/" + itoa(itemID), "/search?q=alert", "/search?q=" + url.QueryEscape(payload),
			"/feed.xml", "/sitemap.xml", "/sitemap/pages.xml", "/sitemap/items-1.xml", "/robots.txt", "/track/" + tracking, "/governments/" + itoa(wj.GovernmentID) + "/catalog"},
			agencyPaths("", "/catalog", "/guide", "/reports", fmt.Sprintf("/reports/%d", year), "/feed.xml", "/apply")...)
		escaped := map[string]bool{}
		collect := func(who string, pages []page) {
			for p := range checkPages(t, who, pages) {
				escaped[p] = true
			}
		}
		collect("public", crawl(pub, publicRoots, 150))
		consoleRoots := []string{"/console/", appPath, appPath + "/letter", appPath + "/explain", fmt.Sprintf("/console/catalog/%d", itemID), "/console/catalog",
			fmt.Sprintf("/console/appeals?year=%d", year), "/console/audit", "/console/agencies", "/console/applications", reportPath, "/console/reminders"}
		collect("wj.fuze", crawl(fuze, consoleRoots, 200))
		collect("wj.admin", crawl(adm, append(consoleRoots, "/console/users", "/console/calendar", "/console/guide", "/console/agencies/"+itoa(wj.ID)+"/edit", "/console/catalog/settings"), 120))
		collect("gkb", crawl(gkb, append(consoleRoots, "/console/imports", "/console/imports/"+itoa(importID)), 120))
		collect("xss.user", crawl(xu, []string{"/console/", fmt.Sprintf("/console/appeals?year=%d", year)}, 20))

		// Every place a payload was put shows it, escaped (so the crawl really saw it).
		for _, p := range []string{
			"/", "/agencies/" + itoa(wj.ID), "/agencies/" + itoa(wj.ID) + "/guide", fmt.Sprintf("/agencies/%d/reports/%d", wj.ID, year), "/items/" + itoa(itemID),
			"/search", "/feed.xml", "/track/" + tracking, appPath, appPath + "/letter", fmt.Sprintf("/console/catalog/%d", itemID), "/console/catalog",
			"/console/appeals", "/console/audit", "/console/users", "/console/agencies", "/console/applications", "/console/calendar", "/console/imports",
			"/console/imports/" + itoa(importID), reportPath, "/console/guide",
		} {
			if !escaped[p] {
				t.Errorf("%s: no escaped payload seen (page not reached, or the payload was dropped)", p)
			}
		}
	})
}

// --- personal data ----------------------------------------------------------------------

func TestPersonalDataStaysPrivate(t *testing.T) {
	const (
		idNumber = "11010519491231002X"
		phone    = "13812345678"
		email    = "zhang.san.private@example.cn"
	)
	eachLoggedEnv(t, func(t *testing.T, e *testEnv, logs *syncBuffer) {
		ctx := context.Background()
		wj := secAgency(t, e, "清河区卫生健康局")
		pub := e.anon()
		applyPath := "/agencies/" + itoa(wj.ID) + "/apply"
		pub.get(applyPath)
		f := applyValues("申请公开个人信息测试文件")
		f.Set("id_number", idNumber)
		f.Set("phone", phone)
		f.Set("email", email)
		resp, body := pub.post(applyPath, f)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("apply: %d %s", resp.StatusCode, errorText(body))
		}
		tracking, code := trackingRe.FindStringSubmatch(body)[1], codeRe.FindStringSubmatch(body)[1]
		secrets := []string{idNumber, phone, email, code}

		var appID int64
		if err := e.db.QueryRow(ctx, `SELECT id FROM applications WHERE tracking = ?`, tracking).Scan(&appID); err != nil {
			t.Fatal(err)
		}
		appPath := "/console/applications/" + itoa(appID)
		// Staff handle it: the handler sees it in full, then replies with a file; an intake
		// by staff with personal data too.
		clerkC := e.login("wj.jingban")
		e.noReview("wj.jingban")
		if _, body := clerkC.get(appPath); !strings.Contains(body, idNumber) {
			t.Error("the handling clerk does not see the ID number")
		}
		resp, body = multipartPost(clerkC, appPath+"/events", url.Values{csrfField: {clerkC.csrf}, "type": {"replied"}, "reply": {"granted"},
			"day": {workday.Format(workday.Of(time.Now()))}, "reason": {"予以公开"}}, "files", "答复.txt", "text/plain", []byte("答复内容"))
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("reply: %d %s", resp.StatusCode, errorText(body))
		}
		clerkC.get(appPath + "/letter")
		clerkC.get("/console/applications/new")
		resp, body = clerkC.post("/console/applications", url.Values{"kind": {"natural_person"}, "name": {"李四"}, "id_type": {"resident_id"}, "id_number": {idNumber},
			"phone": {phone}, "email": {email}, "address": {"清河区"}, "channel": {"in_person"}, "submitted": {workday.Format(workday.Of(time.Now()))},
			"delivery": {"paper"}, "description": {"当面申请个人信息测试"}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("intake: %d %s", resp.StatusCode, errorText(body))
		}
		// A question on the portal with the same data, answered and published (政民互动).
		askPath := "/agencies/" + itoa(wj.ID) + "/ask"
		pub.get(askPath)
		if resp, body := pub.post(askPath, url.Values{"kind": {"consult"}, "subject": {"个人信息测试咨询"}, "question": {"我的身份证" + idNumber + "，电话" + phone + "，请回复。"},
			"asker_name": {"张三"}, "asker_contact": {email}}); resp.StatusCode != http.StatusOK {
			t.Fatalf("ask: %d %s", resp.StatusCode, errorText(body))
		}
		var qID int64
		if err := e.db.QueryRow(ctx, `SELECT id FROM interaction_questions WHERE subject = ?`, "个人信息测试咨询").Scan(&qID); err != nil {
			t.Fatal(err)
		}
		qPath := "/console/interaction/" + itoa(qID)
		clerkC.get(qPath)
		if resp, _ := clerkC.post(qPath+"/answer", url.Values{"answer": {"已电话回复" + phone + "。"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("answer: %d", resp.StatusCode)
		}
		headC := e.login("wj.fuze")
		headC.get(qPath)
		if resp, _ := headC.post(qPath+"/moderate", url.Values{"publish": {"yes"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("moderate: %d", resp.StatusCode)
		}
		// Others on the staff side see masked forms only.
		gkb := e.login("gkb")
		var staffPages []page
		for _, p := range []string{appPath, appPath + "/letter", "/console/applications?agency=" + itoa(wj.ID), "/console/audit", "/console/audit?entity=application&entity_id=" + itoa(appID),
			qPath, "/console/interaction?agency=" + itoa(wj.ID)} {
			resp, body := gkb.get(p)
			staffPages = append(staffPages, page{p, resp.StatusCode, resp.Header, body})
		}
		if !strings.Contains(staffPages[0].body, foirequest.MaskID(idNumber)) {
			t.Error("open office case page shows no masked ID: the check below proves nothing")
		}
		// The applicant reads the status page; the public browses.
		track(t, pub, tracking, code)
		_, status := pub.get("/track/" + tracking)
		for _, masked := range []string{foirequest.MaskID(idNumber), foirequest.MaskPhone(phone), foirequest.MaskEmail(email)} {
			if !strings.Contains(status, masked) {
				t.Errorf("status page lacks the masked form %s", masked)
			}
		}
		publicPages := crawl(pub, []string{"/track/" + tracking, "/", "/agencies/" + itoa(wj.ID), "/search?q=" + url.QueryEscape("个人信息测试"), "/feed.xml", "/sitemap/pages.xml"}, 60)
		publicPages = append(publicPages, crawl(e.anon(), []string{"/agencies/" + itoa(wj.ID) + "/interaction", fmt.Sprintf("/governments/%d/interaction", wj.GovernmentID)}, 2)...)
		if !strings.Contains(publicPages[len(publicPages)-1].body+publicPages[len(publicPages)-2].body, "个人信息测试咨询") {
			t.Error("the published question is not on the 政民互动 pages: the check below proves nothing for it")
		}
		publicPages = append(publicPages, crawl(e.anon(), []string{"/track/" + tracking, "/track?n=" + tracking}, 5)...)

		for _, s := range secrets {
			for _, pg := range append(publicPages, staffPages...) {
				if strings.Contains(pg.body, s) {
					t.Errorf("%s shows %s", pg.path, s)
				}
			}
			if strings.Contains(logs.String(), s) {
				t.Errorf("the server log holds %s", s)
			}
		}
		rows, err := e.db.Query(ctx, `SELECT seq, before_json, after_json, reason FROM audit_log`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		maskedSeen := false
		for rows.Next() {
			var seq int64
			var before, after, reason string
			if err := rows.Scan(&seq, &before, &after, &reason); err != nil {
				t.Fatal(err)
			}
			all := before + after + reason
			for _, s := range secrets {
				if strings.Contains(all, s) {
					t.Errorf("audit row %d holds %s", seq, s)
				}
			}
			maskedSeen = maskedSeen || strings.Contains(all, foirequest.MaskPhone(phone))
		}
		if !maskedSeen {
			t.Error("no audit row records the applicant (masked): the check proves nothing")
		}
		if !strings.Contains(logs.String(), "/apply") {
			t.Error("the log is empty: the check proves nothing")
		}
	})
}

// --- sessions ---------------------------------------------------------------------------

func TestSessionCookiesAndSignOut(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		base, _ := url.Parse(e.ts.URL)

		// The cookies: HttpOnly and SameSite, not Secure unless asked.
		a := e.anon()
		resp, _ := a.get("/console/login")
		checkCookie := func(resp *http.Response, name string, secure bool) {
			t.Helper()
			for _, ck := range resp.Cookies() {
				if ck.Name != name {
					continue
				}
				if !ck.HttpOnly || (ck.SameSite != http.SameSiteLaxMode && ck.SameSite != http.SameSiteStrictMode) || ck.Secure != secure {
					t.Errorf("cookie %s: HttpOnly %v SameSite %v Secure %v", name, ck.HttpOnly, ck.SameSite, ck.Secure)
				}
				return
			}
			t.Errorf("no %s cookie set", name)
		}
		checkCookie(resp, csrfCookie, false)
		resp, _ = a.post("/console/login", url.Values{"username": {"wj.fuze"}, "password": {demo.Password}})
		checkCookie(resp, sessionCookie, false)

		// The status-page cookie: HttpOnly, SameSite, scoped to the one application.
		wj0 := secAgency(t, e, "清河区卫生健康局")
		applicant := e.anon()
		tracking, code := submitApplication(t, applicant, wj0.ID, "会话测试申请")
		resp = track(t, applicant, tracking, code)
		checkCookie(resp, trackCookie, false)
		for _, ck := range resp.Cookies() {
			if ck.Name == trackCookie && (ck.Path != "/track/"+tracking || ck.SameSite != http.SameSiteStrictMode) {
				t.Errorf("status cookie: path %q SameSite %v", ck.Path, ck.SameSite)
			}
		}

		// With SecureCookie, every cookie is Secure.
		secure, err := New(e.db, Options{Log: discardLogger(), SecureCookie: true})
		if err != nil {
			t.Fatal(err)
		}
		rec := httptest.NewRecorder()
		secure.ServeHTTP(rec, httptest.NewRequest("GET", "/console/login", nil))
		checkCookie(rec.Result(), csrfCookie, true)
		token := csrfRe.FindStringSubmatch(rec.Body.String())[1]
		req := httptest.NewRequest("POST", "/console/login", strings.NewReader(url.Values{"username": {"wj.fuze"}, "password": {demo.Password}, csrfField: {token}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.AddCookie(&http.Cookie{Name: csrfCookie, Value: token})
		rec = httptest.NewRecorder()
		secure.ServeHTTP(rec, req)
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("secure sign-in: %d", rec.Code)
		}
		checkCookie(rec.Result(), sessionCookie, true)

		// Sign-out ends the session on the server: the old cookie no longer works.
		u := e.login("wj.fuze")
		var old string
		for _, ck := range u.hc.Jar.Cookies(base) {
			if ck.Name == sessionCookie {
				old = ck.Value
			}
		}
		if resp, _ := u.post("/console/logout", nil); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("sign-out: %d", resp.StatusCode)
		}
		replay := e.anon()
		replay.hc.Jar.SetCookies(base, []*http.Cookie{{Name: sessionCookie, Value: old, Path: "/"}})
		if resp, _ := replay.get("/console/"); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("old session cookie after sign-out: %d, want redirect to sign-in", resp.StatusCode)
		}

		// A disabled user's session stops at once, and they cannot sign in again.
		wj := secAgency(t, e, "清河区卫生健康局")
		id := secUser(t, e, wj.ID, "wj.leaver", account.Clerk)
		leaver := e.login("wj.leaver")
		if resp, _ := e.login("wj.admin").post("/console/users/"+itoa(id)+"/disable", url.Values{"disabled": {"1"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("disable: %d", resp.StatusCode)
		}
		if resp, _ := leaver.get("/console/"); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("disabled user's session: %d, want redirect", resp.StatusCode)
		}
		if resp, _ := leaver.post("/console/appeals", url.Values{"kind": {"reconsideration"}}); resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("disabled user's POST: %d, want 401", resp.StatusCode)
		}
		c := e.anon()
		c.get("/console/login")
		if resp, _ := c.post("/console/login", url.Values{"username": {"wj.leaver"}, "password": {demo.Password}}); resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("disabled user signs in: %d", resp.StatusCode)
		}
	})
}

var nextFieldRe = regexp.MustCompile(`name="next" value="([^"]*)"`)

// onConsole reports whether a redirect target is a path of this site's console.
func onConsole(loc string) bool {
	u, err := url.Parse(loc)
	return err == nil && u.Scheme == "" && u.Host == "" && strings.HasPrefix(loc, "/") && !strings.HasPrefix(loc, "//") &&
		!strings.ContainsAny(loc, "\\\r\n\t") && strings.HasPrefix(path.Clean(u.Path), "/console")
}

// TestNoticeFromOtherSitesIgnored: the ?msg= notice is shown after this site's own
// redirects, not when another site links here with words of its own.
func TestNoticeFromOtherSitesIgnored(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		c := e.login("wj.fuze")
		const words = "系统升级请将密码发送至"
		for _, tc := range []struct {
			site string
			show bool
		}{{"cross-site", false}, {"same-site", false}, {"none", false}, {"same-origin", true}, {"", true}} {
			for _, p := range []string{"/console/", "/"} {
				req, _ := http.NewRequest("GET", c.base+p+"?msg="+url.QueryEscape(words), nil)
				if tc.site != "" {
					req.Header.Set("Sec-Fetch-Site", tc.site)
				}
				if _, body := c.do(req); strings.Contains(body, words) != tc.show {
					t.Errorf("%s with Sec-Fetch-Site %q: notice shown %v, want %v", p, tc.site, !tc.show, tc.show)
				}
			}
		}
	})
}

// TestSignInLimitPerAddress: failures across many user names from one address are
// limited too (the per-name limit is in TestSignIn).
func TestSignInLimitPerAddress(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		c := e.anon()
		c.get("/console/login")
		for i := 0; i < store.SignInPerAddress.Max; i++ {
			if resp, _ := c.post("/console/login", url.Values{"username": {fmt.Sprintf("nobody%d", i)}, "password": {"wrong-password"}}); resp.StatusCode != http.StatusUnauthorized {
				t.Fatalf("failure %d: %d", i, resp.StatusCode)
			}
		}
		if resp, _ := c.post("/console/login", url.Values{"username": {"wj.fuze"}, "password": {demo.Password}}); resp.StatusCode != http.StatusTooManyRequests {
			t.Errorf("after %d failures from one address: %d, want 429", store.SignInPerAddress.Max, resp.StatusCode)
		}
		// The address is kept as a digest only.
		var n int
		if err := e.db.QueryRow(context.Background(), `SELECT COUNT(*) FROM rate_events WHERE bucket LIKE '%127.0.0.1%'`).Scan(&n); err != nil || n != 0 {
			t.Errorf("rate table holds the client address in clear: %d rows (%v)", n, err)
		}
	})
}

func TestSignInRedirectStaysOnSite(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		evil := []string{"//evil.example", "https://evil.example", `/\evil.example`, `/\/evil.example`, `\\evil.example`, "/console/../..//evil.example",
			"/console\\..\\..\\evil.example", " //evil.example", "javascript:alert(1)", "/console/\r\nLocation: https://evil.example", "/%2F%2Fevil.example",
			"/console//evil.example", "http:/evil.example", "/\tevil.example", "//evil.example/console"}
		for i, next := range evil {
			c := e.anon()
			if strings.ContainsAny(next, "\r\n\t") {
				// Control characters are refused at the boundary (textcheck), before any redirect.
				resp, body := c.get("/console/login?next=" + url.QueryEscape(next))
				c.get("/console/login")
				resp2, _ := c.post("/console/login", url.Values{"username": {"wj.fuze"}, "password": {demo.Password}, "next": {next}})
				if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "“登录后前往的页面”") || resp2.StatusCode != http.StatusBadRequest || resp2.Header.Get("Location") != "" {
					t.Errorf("next %q: %d, %d", next, resp.StatusCode, resp2.StatusCode)
				}
				continue
			}
			_, body := c.get("/console/login?next=" + url.QueryEscape(next))
			if m := nextFieldRe.FindStringSubmatch(body); m == nil || !onConsole(html.UnescapeString(m[1])) {
				t.Errorf("next %q: the sign-in form carries %v", next, m)
			}
			user := "wj.fuze"
			if i%2 == 1 {
				user = "wj.shenhe" // spread over two users: the sign-in rate limit counts failures only
			}
			resp, _ := c.post("/console/login", url.Values{"username": {user}, "password": {demo.Password}, "next": {next}})
			if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || !onConsole(loc) {
				t.Errorf("next %q: status %d, Location %q", next, resp.StatusCode, loc)
			}
		}
		// A next on the console is kept.
		c := e.anon()
		c.get("/console/login")
		resp, _ := c.post("/console/login", url.Values{"username": {"wj.fuze"}, "password": {demo.Password}, "next": {"/console/appeals?year=2025"}})
		if loc := resp.Header.Get("Location"); loc != "/console/appeals?year=2025" {
			t.Errorf("console next: Location %q", loc)
		}
	})
}

// --- downloads and body limits ----------------------------------------------------------

func TestDownloadsAreAttachments(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		wj := secAgency(t, e, "清河区卫生健康局")
		pub := e.anon()
		tracking, code := submitApplication(t, pub, wj.ID, "下载测试申请")
		var appID int64
		if err := e.db.QueryRow(context.Background(), `SELECT id FROM applications WHERE tracking = ?`, tracking).Scan(&appID); err != nil {
			t.Fatal(err)
		}
		appPath := "/console/applications/" + itoa(appID)
		clerkC := e.login("wj.jingban")
		e.noReview("wj.jingban")
		clerkC.get(appPath)
		hostile := `<html><body><script>alert(document.cookie)</script></body></html>`
		for _, ct := range []string{"text/html", "image/svg+xml", "text/html; charset=utf-8", "application/xhtml+xml", "text/xml"} {
			resp, body := multipartPost(clerkC, appPath+"/events", url.Values{csrfField: {clerkC.csrf}, "type": {"replied"}, "reply": {"granted"},
				"day": {workday.Format(workday.Of(time.Now()))}, "reason": {"予以公开"}}, "files", "答复.html", ct, []byte(hostile))
			if resp.StatusCode != http.StatusSeeOther && resp.StatusCode != http.StatusConflict {
				t.Fatalf("reply with %s: %d %s", ct, resp.StatusCode, errorText(body))
			}
		}
		files := e.files(appID)
		if len(files) == 0 {
			t.Fatal("no files")
		}
		track(t, pub, tracking, code)
		var pages []page
		get := func(c *client, p string) {
			resp, body := c.get(p)
			if resp.StatusCode != http.StatusOK {
				t.Errorf("GET %s: %d", p, resp.StatusCode)
			}
			pages = append(pages, page{p, resp.StatusCode, resp.Header, body})
		}
		for _, f := range files {
			get(clerkC, fmt.Sprintf("%s/files/%d", appPath, f.ID))
			get(pub, fmt.Sprintf("/track/%s/files/%d", tracking, f.ID))
		}
		get(clerkC, appPath+"/letter.docx?kind=reply")
		get(pub, "/track/"+tracking+"/letter.docx?kind=reply")
		checkPages(t, "downloads", pages)

		// A registration scan (it may show an identity document) is for the handling staff only.
		scan, err := e.db.Applications().Attach(context.Background(), e.user("wj.jingban"), appID, 1,
			store.ApplicationFile{Name: "身份证扫描件.png", ContentType: "image/png", Data: []byte("\x89PNG\r\n\x1a\n")})
		if err != nil {
			t.Fatal(err)
		}
		scanPath := fmt.Sprintf("%s/files/%d", appPath, scan.ID)
		if resp, _ := clerkC.get(scanPath); resp.StatusCode != http.StatusOK {
			t.Errorf("handling clerk reads the scan: %d", resp.StatusCode)
		}
		for _, who := range []string{"gkb", "admin", "wj.admin"} {
			if resp, _ := e.login(who).get(scanPath); resp.StatusCode != http.StatusNotFound {
				t.Errorf("%s reads the registration scan: %d, want 404", who, resp.StatusCode)
			}
		}
		if resp, _ := pub.get(fmt.Sprintf("/track/%s/files/%d", tracking, scan.ID)); resp.StatusCode != http.StatusNotFound {
			t.Errorf("the portal serves the registration scan: %d", resp.StatusCode)
		}
		for _, pg := range pages {
			ct := pg.header.Get("Content-Type")
			if !strings.HasPrefix(pg.header.Get("Content-Disposition"), "attachment") || strings.Contains(ct, "html") || strings.Contains(ct, "xml") && !strings.Contains(ct, "openxmlformats") {
				t.Errorf("%s: Content-Type %q, Content-Disposition %q", pg.path, ct, pg.header.Get("Content-Disposition"))
			}
		}
	})
}

// zeros is an endless reader of zero bytes.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

func TestOversizedFormsAreRefused(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		c := e.login("admin")
		base, _ := url.Parse(e.ts.URL)
		var session string
		for _, ck := range c.hc.Jar.Cookies(base) {
			if ck.Name == sessionCookie {
				session = ck.Value
			}
		}
		anonToken := strings.Repeat("t", 43)
		for _, tc := range []struct {
			path, token string
			cookie      *http.Cookie
		}{
			{"/track", anonToken, &http.Cookie{Name: csrfCookie, Value: anonToken}},
			{"/console/calendar/upload", c.csrf, &http.Cookie{Name: sessionCookie, Value: session}},
		} {
			const boundary = "xxBOUNDARYxx"
			head := "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + tc.token + "\r\n--" + boundary +
				"\r\nContent-Disposition: form-data; name=\"csv\"; filename=\"big.csv\"\r\nContent-Type: text/csv\r\n\r\n"
			tail := "\r\n--" + boundary + "--\r\n"
			body := io.MultiReader(strings.NewReader(head), io.LimitReader(zeros{}, maxUpload+(1<<20)), strings.NewReader(tail))
			req := httptest.NewRequest("POST", tc.path, body)
			req.Header.Set("Content-Type", "multipart/form-data; boundary="+boundary)
			req.AddCookie(tc.cookie)
			rec := httptest.NewRecorder()
			e.srv.ServeHTTP(rec, req)
			if !statusIn(rec.Code, http.StatusBadRequest, http.StatusRequestEntityTooLarge) {
				t.Errorf("%s: a %d MiB form: status %d, want 400 or 413", tc.path, (maxUpload>>20)+1, rec.Code)
			}
		}
	})
}

// --- the audit log ----------------------------------------------------------------------

func TestAuditLogIsAppendOnly(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		ctx := context.Background()
		before := markAudit(t, e.db)
		if before.Rows < 2 {
			t.Fatalf("only %d audit rows", before.Rows)
		}
		for _, q := range []string{
			`UPDATE audit_log SET reason = 'x' WHERE seq = 1`,
			`UPDATE audit_log SET after_json = '{}'`,
			`DELETE FROM audit_log WHERE seq = 1`,
			`DELETE FROM audit_log`,
		} {
			if _, err := e.db.Exec(ctx, q); err == nil {
				t.Errorf("%s accepted", q)
			}
		}
		if after := markAudit(t, e.db); after != before {
			t.Errorf("audit log changed: %+v → %+v", before, after)
		}
		v, err := e.db.VerifyAudit(ctx)
		if err != nil || v.Err() != nil {
			t.Fatalf("chain: %v %v", err, v.Err())
		}
		if e.db.Dialect() == store.Postgres {
			// TRUNCATE skips row triggers: it must be refused too, or at least caught.
			if _, err := e.db.Exec(ctx, `TRUNCATE audit_log`); err == nil {
				t.Error("TRUNCATE audit_log accepted")
				if v, err := e.db.VerifyAudit(ctx); err != nil || v.Err() == nil {
					t.Error("a truncated audit log passes verification")
				}
			}
		}
	})
}
