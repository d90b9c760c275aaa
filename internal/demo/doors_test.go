package demo

import (
	"context"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/agency"
	"gongkai/internal/apperr"
	"gongkai/internal/foirequest"
	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
	"gongkai/internal/web"
	"gongkai/internal/workday"
)

// TestOneDoorForEveryPath drives the same illegal step of a case through the three ways
// a step reaches the store — the console's web handler, the demo loader, and the store's
// door called directly — and gets the same refusal from each, with nothing written: an
// extension approved by a 经办人 (第三十三条第二款: only the 负责人), a withholding reply
// without its reason (第三十六条), and a case handled by a user of another agency.
func TestOneDoorForEveryPath(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Now()
		if _, err := load(ctx, db, now, true); err != nil {
			t.Fatal(err)
		}
		env := envOf(t, db, now)
		wj, yb := env.Agencies[0], env.Agencies[1]
		gov := env.Agencies[2]
		today := workday.Of(now)
		l := &appLoader{ctx: ctx, apps: db.Applications(), letters: db.Letters(), env: env, cal: workday.MustNew(), today: today}

		// A case of 区卫健局 registered and accepted today: an extension is in time.
		app := demoApplication(wj, 900, today)
		app.Intake = foirequest.Intake{Channel: foirequest.ChannelInPerson, Submitted: today}
		created, _, err := db.Applications().Register(ctx, l.user(wj, account.Clerk), app, now)
		if err != nil {
			t.Fatal(err)
		}
		id := created.ID
		if err := l.record(wj, account.Clerk, id, foirequest.Event{Type: foirequest.EventAccepted, Day: today}); err != nil {
			t.Fatal(err)
		}

		srv, err := web.New(db, web.Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
		if err != nil {
			t.Fatal(err)
		}
		ts := httptest.NewServer(srv)
		defer ts.Close()

		for _, c := range []struct {
			name     string
			ag       agency.Agency // whose user acts
			role     account.Role
			username string // the same user, signed in to the console
			e        foirequest.Event
			form     url.Values
			code     apperr.Code
		}{
			{"extension approved by a 经办人", wj, account.Clerk, "wj.jingban",
				foirequest.Event{Type: foirequest.EventExtended, Day: today, Days: 10, Reason: "需调取历年档案"},
				url.Values{"type": {"extended"}, "days": {"10"}, "reason": {"需调取历年档案"}}, apperr.Forbidden},
			{"withholding reply without reason", wj, account.Clerk, "wj.jingban",
				foirequest.Event{Type: foirequest.EventReplied, Day: today, Reply: foirequest.ReplyStateSecret},
				url.Values{"type": {"replied"}, "reply": {string(foirequest.ReplyStateSecret)}}, apperr.Invalid},
			{"case handled by another agency's 经办人", yb, account.Clerk, "yb.jingban",
				foirequest.Event{Type: foirequest.EventReplied, Day: today, Reply: foirequest.ReplyGranted, Reason: "予以公开"},
				url.Values{"type": {"replied"}, "reply": {string(foirequest.ReplyGranted)}, "reason": {"予以公开"}}, apperr.NotFound},
			{"case handled by 政务公开办 of the government", gov, account.OpenOffice, "gkb",
				foirequest.Event{Type: foirequest.EventReplied, Day: today, Reply: foirequest.ReplyGranted, Reason: "予以公开"},
				url.Values{"type": {"replied"}, "reply": {string(foirequest.ReplyGranted)}, "reason": {"予以公开"}}, apperr.Forbidden},
		} {
			t.Run(c.name, func(t *testing.T) {
				before := eventsOf(t, db, id)

				// 1. The store's door, called directly.
				_, doorErr := db.Applications().Record(ctx, l.user(c.ag, c.role), id, c.e, now)
				// 2. The demo loader's path.
				loaderErr := l.record(c.ag, c.role, id, c.e)
				// 3. The console's handler.
				status, body := consolePost(t, ts.URL, c.username, "/console/applications/"+strconv.FormatInt(id, 10)+"/events", c.form, today)

				if !apperr.Is(doorErr, c.code) {
					t.Fatalf("door: %v, want %s", doorErr, c.code)
				}
				msg := apperr.MessageOf(doorErr)
				if !apperr.Is(loaderErr, c.code) || apperr.MessageOf(loaderErr) != msg {
					t.Errorf("demo loader: %v, door: %v", loaderErr, doorErr)
				}
				if status != apperr.HTTPStatus(doorErr) || !strings.Contains(body, html.EscapeString(msg)) {
					t.Errorf("web: %d without %q, door: %v", status, msg, doorErr)
				}
				if after := eventsOf(t, db, id); after != before {
					t.Errorf("a refused step was written: %d → %d events", before, after)
				}
			})
		}

		// The same step by the right person passes every path: the 负责人 extends.
		ext := url.Values{"type": {"extended"}, "days": {"10"}, "reason": {"需调取历年档案"}}
		if status, _ := consolePost(t, ts.URL, "wj.fuze", "/console/applications/"+strconv.FormatInt(id, 10)+"/events", ext, today); status != http.StatusSeeOther {
			t.Fatalf("head extends through the console: %d", status)
		}
		a, err := db.Applications().Get(ctx, account.System(), id)
		if err != nil || a.Events[len(a.Events)-1].ApprovedBy != "赵刚" {
			t.Fatalf("extension approved by %q (%v)", a.Events[len(a.Events)-1].ApprovedBy, err)
		}
	})
}

// envOf rebuilds the loader's environment from a loaded demo database.
func envOf(t testing.TB, db *store.DB, now time.Time) *Env {
	t.Helper()
	ctx := context.Background()
	env := &Env{Now: now, Light: true, Users: map[string]account.User{}, ByRole: map[int64]map[account.Role]account.User{}}
	agencies, err := db.Agencies().List(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	env.Agencies = agencies
	users, err := db.Users().List(ctx, account.System())
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range users {
		env.Users[u.Username] = u
		if env.ByRole[u.AgencyID] == nil {
			env.ByRole[u.AgencyID] = map[account.Role]account.User{}
		}
		for _, r := range u.Roles {
			env.ByRole[u.AgencyID][r] = u
		}
	}
	return env
}

func eventsOf(t *testing.T, db *store.DB, id int64) int {
	t.Helper()
	var n int
	if err := db.QueryRow(context.Background(), `SELECT COUNT(*) FROM application_events WHERE application_id = ?`, id).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

var csrfInPage = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)

// consolePost signs username in to the console at base, opens the case page and posts the
// step form (with its CSRF token and the day), returning the status and the page.
func consolePost(t *testing.T, base, username, path string, form url.Values, day time.Time) (int, string) {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	hc := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	csrf := ""
	do := func(method, p string, v url.Values) (int, string) {
		t.Helper()
		var req *http.Request
		if v == nil {
			req, _ = http.NewRequest(method, base+p, nil)
		} else {
			v.Set("_csrf", csrf)
			req, _ = http.NewRequest(method, base+p, strings.NewReader(v.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if m := csrfInPage.FindSubmatch(b); m != nil {
			csrf = string(m[1])
		}
		return resp.StatusCode, string(b)
	}
	do("GET", "/console/login", nil)
	if status, _ := do("POST", "/console/login", url.Values{"username": {username}, "password": {Password}}); status != http.StatusSeeOther {
		t.Fatalf("login %s: %d", username, status)
	}
	do("GET", "/console/", nil)
	f := url.Values{"day": {workday.Format(day)}}
	for k, v := range form {
		f[k] = v
	}
	return do("POST", path, f)
}
