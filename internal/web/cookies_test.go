package web

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestCacheableResponsesCarryNoCookie: every public GET route of the route table, asked
// by a browser without cookies: a response a shared cache may keep carries no Set-Cookie;
// a page that is not cached gives the fresh visitor the token cookie its forms need.
func TestCacheableResponsesCarryNoCookie(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		f := loadPortalFixture(t, e)
		fill := func(p string) string {
			r := strings.NewReplacer("{n}", "0", "{year}", "2031", "{file}", "items-1.xml", "{tracking}", "ABCDEFGHJKMN")
			switch {
			case strings.HasPrefix(p, "/items/"):
				p = strings.Replace(p, "{id}", fmt.Sprint(f.attached), 1)
			case strings.HasPrefix(p, "/governments/"):
				p = strings.Replace(p, "{id}", fmt.Sprint(f.govID), 1)
			default:
				p = strings.Replace(p, "{id}", fmt.Sprint(f.agencyID), 1)
			}
			return fillAny(r.Replace(p))
		}
		cached := map[string]bool{}
		for _, pattern := range e.srv.publicRoutes {
			method, p := splitPattern(pattern)
			if method != "GET" {
				continue
			}
			p = fill(p)
			for _, withCookie := range []bool{false, true} {
				c := e.anon()
				if withCookie {
					c.get("/") // a returning visitor: the token cookie is set
				}
				resp, _ := c.get(p)
				cc := resp.Header.Get("Cache-Control")
				setCookie := resp.Header.Values("Set-Cookie")
				if cacheable(cc) {
					cached[pattern] = true
					if len(setCookie) > 0 {
						t.Errorf("GET %s (%d, Cache-Control %q) sets a cookie: %q", p, resp.StatusCode, cc, setCookie)
					}
				} else if !withCookie && resp.StatusCode == http.StatusOK && strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") &&
					!strings.Contains(strings.Join(setCookie, ";"), csrfCookie+"=") {
					t.Errorf("GET %s: a page not cached, without the token cookie for a fresh visitor", p)
				}
			}
		}
		for _, want := range []string{"GET /items/{id}/attachments/{n}", "GET /feed.xml", "GET /audit/checkpoints.json"} {
			if !cached[want] {
				t.Errorf("%s is not cacheable: the sweep above proves nothing for it", want)
			}
		}
	})
}
