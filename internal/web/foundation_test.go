package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gongkai/internal/store"
)

func TestEveryConsoleRouteNeedsSignIn(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		c := e.anon()
		if len(e.srv.consoleRoutes) < 5 {
			t.Fatalf("only %d console routes registered", len(e.srv.consoleRoutes))
		}
		for _, pattern := range e.srv.consoleRoutes {
			method, path, _ := strings.Cut(pattern, " ")
			path = strings.ReplaceAll(path, "{$}", "")
			for _, p := range []string{"{id}", "{no}", "{year}", "{file}", "{name}"} {
				path = strings.ReplaceAll(path, p, "1")
			}
			var resp *http.Response
			if method == "GET" {
				resp, _ = c.get(path)
				if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/console/login") {
					t.Errorf("%s: status %d location %q, want redirect to sign-in", pattern, resp.StatusCode, resp.Header.Get("Location"))
				}
			} else {
				c.get("/") // anonymous CSRF token, so the refusal is about the session
				resp, _ = c.post(path, nil)
				if resp.StatusCode != http.StatusUnauthorized {
					t.Errorf("%s: status %d, want 401", pattern, resp.StatusCode)
				}
			}
		}
	})
}

func TestSignIn(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		c := e.anon()
		c.get("/console/login")
		resp, body := c.post("/console/login", url.Values{"username": {"wj.jingban"}, "password": {"wrong-password"}})
		if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "用户名或密码错误") {
			t.Fatalf("wrong password: %d", resp.StatusCode)
		}
		for i := 0; i < 5; i++ {
			c.post("/console/login", url.Values{"username": {"wj.jingban"}, "password": {"wrong-password"}})
		}
		resp, body = c.post("/console/login", url.Values{"username": {"wj.jingban"}, "password": {"gongkai-demo"}})
		if resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, "次数过多") {
			t.Fatalf("rate limit: status %d", resp.StatusCode)
		}
		u := e.login("wj.fuze")
		resp, body = u.get("/console/")
		if resp.StatusCode != 200 || !strings.Contains(body, "清河区卫生健康局") {
			t.Fatalf("console home: %d", resp.StatusCode)
		}
		resp, _ = u.post("/console/logout", nil)
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("logout: %d", resp.StatusCode)
		}
		resp, _ = u.get("/console/")
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("after logout: %d", resp.StatusCode)
		}
	})
}

func TestCSRFRequired(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		u := e.login("wj.admin")
		form := url.Values{"username": {"new.user"}, "display_name": {"新用户"}, "password": {"Qinghe-2025-wj"}, "roles": {"clerk"}}
		resp, _ := u.postRaw("/console/users", form)
		if resp.StatusCode != http.StatusForbidden {
			t.Fatalf("POST without token: %d, want 403", resp.StatusCode)
		}
		form.Set("_csrf", "forged")
		resp, _ = u.postRaw("/console/users", form)
		if resp.StatusCode != http.StatusForbidden {
			t.Fatalf("POST with forged token: %d, want 403", resp.StatusCode)
		}
		if _, err := store.UserByUsername(context.Background(), e.db, "new.user"); err == nil {
			t.Fatal("user created without a valid token")
		}
		form.Del("_csrf")
		resp, _ = u.post("/console/users", form)
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("POST with token: %d", resp.StatusCode)
		}
		// The anonymous sign-in form needs its token too.
		a := e.anon()
		resp, _ = a.postRaw("/console/login", url.Values{"username": {"wj.admin"}, "password": {"gongkai-demo"}})
		if resp.StatusCode != http.StatusForbidden {
			t.Fatalf("sign-in without token: %d", resp.StatusCode)
		}
	})
}

func TestAgencyIsolation(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		ctx := context.Background()
		wj, _ := store.AgencyByName(ctx, e.db, "清河区卫生健康局")
		yb, _ := store.AgencyByName(ctx, e.db, "清河区医疗保障局")
		admin := e.login("wj.admin")
		resp, _ := admin.get("/console/agencies/" + itoa(yb.ID) + "/edit")
		if resp.StatusCode != http.StatusNotFound {
			t.Fatalf("other agency's edit page: %d, want 404", resp.StatusCode)
		}
		resp, _ = admin.post("/console/agencies/"+itoa(yb.ID), url.Values{"name": {"被篡改"}})
		if resp.StatusCode != http.StatusNotFound {
			t.Fatalf("other agency's save: %d, want 404", resp.StatusCode)
		}
		resp, _ = admin.get("/console/agencies/" + itoa(wj.ID) + "/edit")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("own agency's edit page: %d", resp.StatusCode)
		}
		clerk := e.login("wj.jingban")
		resp, _ = clerk.get("/console/users")
		if resp.StatusCode != http.StatusForbidden {
			t.Fatalf("clerk on user admin: %d, want 403", resp.StatusCode)
		}
		// The open office reads every agency of its government but changes none.
		gkb := e.login("gkb")
		resp, body := gkb.get("/console/agencies")
		if resp.StatusCode != 200 || !strings.Contains(body, "清河区医疗保障局") {
			t.Fatalf("open office agency list: %d", resp.StatusCode)
		}
		resp, _ = gkb.post("/console/agencies/"+itoa(yb.ID), url.Values{"name": {"被篡改"}})
		if resp.StatusCode != http.StatusForbidden {
			t.Fatalf("open office edits another agency: %d, want 403", resp.StatusCode)
		}
		a, _ := store.AgencyByID(ctx, e.db, yb.ID)
		if a.Name != "清河区医疗保障局" {
			t.Fatal("agency changed")
		}
	})
}

func itoa(id int64) string { return strconvI(id) }
