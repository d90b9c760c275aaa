package web

import (
	"net/http"
	"strings"
)

// A response that a shared cache may keep (Cache-Control public, or a max-age without
// private/no-store) must not carry a cookie: the cache would hand one visitor's cookie to
// the next. publicWriter is the portal's ResponseWriter: when the headers go out it sends
// the anonymous CSRF cookie a fresh visitor needs — on pages that are not cached only —
// and drops any cookie from a cacheable response.
type publicWriter struct {
	http.ResponseWriter
	cookie  *http.Cookie // the anonymous CSRF cookie to set, nil when the browser has it
	decided bool
}

func (w *publicWriter) decide() {
	if w.decided {
		return
	}
	w.decided = true
	h := w.Header()
	if cacheable(h.Get("Cache-Control")) {
		h.Del("Set-Cookie")
		return
	}
	if w.cookie != nil {
		h.Add("Set-Cookie", w.cookie.String())
	}
}

func (w *publicWriter) WriteHeader(code int) {
	w.decide()
	w.ResponseWriter.WriteHeader(code)
}

func (w *publicWriter) Write(b []byte) (int, error) {
	w.decide()
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection.
func (w *publicWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// cacheable reports whether a Cache-Control value lets shared caches store the response.
func cacheable(cc string) bool {
	cc = strings.ToLower(cc)
	if strings.Contains(cc, "private") || strings.Contains(cc, "no-store") {
		return false
	}
	return strings.Contains(cc, "public") || strings.Contains(cc, "max-age") || strings.Contains(cc, "s-maxage")
}
