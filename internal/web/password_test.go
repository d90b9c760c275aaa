package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestPasswordChange(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		u := e.login("wj.jingban")
		u.get("/console/password")
		for _, tt := range []struct {
			form url.Values
			want string
		}{
			{url.Values{"current": {"wrong-password"}, "new": {"new-password-1"}, "confirm": {"new-password-1"}}, "当前密码不正确"},
			{url.Values{"current": {"gongkai-demo"}, "new": {"new-password-1"}, "confirm": {"other-password"}}, "两次输入"},
			{url.Values{"current": {"gongkai-demo"}, "new": {"short"}, "confirm": {"short"}}, "至少 10 位"},
			{url.Values{"current": {"gongkai-demo"}, "new": {"12345678"}, "confirm": {"12345678"}}, "至少 10 位"},
			{url.Values{"current": {"gongkai-demo"}, "new": {"qwertyuiop"}, "confirm": {"qwertyuiop"}}, "过于常见"},
			{url.Values{"current": {"gongkai-demo"}, "new": {"wj.jingban-2031"}, "confirm": {"wj.jingban-2031"}}, "用户名"},
		} {
			resp, body := u.post("/console/password", tt.form)
			if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, tt.want) {
				t.Fatalf("%v: %d, want %q", tt.form, resp.StatusCode, tt.want)
			}
		}
		resp, _ := u.post("/console/password", url.Values{"current": {"gongkai-demo"}, "new": {"new-password-1"}, "confirm": {"new-password-1"}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("change: %d", resp.StatusCode)
		}
		if resp, _ := u.get("/console/"); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("old session still valid: %d", resp.StatusCode)
		}
		c := e.anon()
		c.get("/console/login")
		if resp, _ := c.post("/console/login", url.Values{"username": {"wj.jingban"}, "password": {"gongkai-demo"}}); resp.StatusCode != http.StatusUnauthorized {
			t.Fatalf("old password: %d", resp.StatusCode)
		}
		if resp, _ := c.post("/console/login", url.Values{"username": {"wj.jingban"}, "password": {"new-password-1"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("new password: %d", resp.StatusCode)
		}
	})
}
