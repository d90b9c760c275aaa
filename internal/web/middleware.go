package web

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"runtime/debug"
	"strings"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/apperr"
	"gongkai/internal/store"
)

// handlerFunc is a handler that returns its error to be rendered in one place.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// roleSet is the roles a console route needs (any one of them); nil means any signed-in user.
type roleSet []account.Role

func roles(rs ...account.Role) roleSet { return rs }

const (
	clerk       = account.Clerk
	reviewer    = account.Reviewer
	head        = account.Head
	agencyAdmin = account.AgencyAdmin
	openOffice  = account.OpenOffice
	sysAdmin    = account.SysAdmin
)

const (
	sessionCookie = "gk_session"
	csrfCookie    = "gk_csrf" // anonymous forms: double-submit token
	csrfField     = "_csrf"
)

type ctxKey int

const (
	sessionKey ctxKey = iota
	anonCSRFKey
)

// common wraps every request: panic recovery, security headers and an access log that
// records the path only (never the query string or form, which may hold personal data).
func (s *Server) common(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		r = s.realRemote(r)
		sw := &statusWriter{ResponseWriter: w, status: 200}
		h := sw.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
		defer func() {
			if v := recover(); v != nil {
				s.log.Error("panic", "path", r.URL.Path, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
				if !sw.wrote {
					s.renderError(sw, r, apperr.New(apperr.Internal, "系统内部错误，请稍后重试"))
				}
			}
			s.log.Info("http", "method", r.Method, "path", r.URL.Path, "status", sw.status, "ms", time.Since(start).Milliseconds())
		}()
		next.ServeHTTP(sw, r)
	})
}

type statusWriter struct {
	http.ResponseWriter
	status int
	wrote  bool
}

func (w *statusWriter) WriteHeader(code int) {
	if !w.wrote {
		w.status = code
		w.wrote = true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	w.wrote = true
	return w.ResponseWriter.Write(b)
}

// public registers a portal route. Unsafe methods must carry the anonymous CSRF token.
func (s *Server) public(pattern string, h handlerFunc) {
	s.publicRoutes = append(s.publicRoutes, pattern)
	s.mux.Handle(pattern, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		token, cookie := s.anonCSRF(r)
		w = &publicWriter{ResponseWriter: w, cookie: cookie}
		r = r.WithContext(context.WithValue(r.Context(), anonCSRFKey, token))
		if sess, ok := s.optionalSession(r); ok {
			r = r.WithContext(context.WithValue(r.Context(), sessionKey, sess))
		}
		if isUnsafe(r.Method) {
			if err := checkFormToken(r, token); err != nil {
				s.renderError(w, r, err)
				return
			}
		}
		if ref := s.checkInput(r, pattern); ref != nil {
			s.renderRefusal(w, r, ref)
			return
		}
		if err := h(w, r); err != nil {
			s.renderError(w, r, err)
		}
	}))
}

// console registers a staff route: a live session is required, unsafe methods must carry
// the session's CSRF token, and the user must hold one of need (if given). This is the one
// place where console authorisation happens; record-level checks use the Principal.
func (s *Server) console(pattern string, need roleSet, h handlerFunc) {
	s.consoleRoutes = append(s.consoleRoutes, pattern)
	s.mux.Handle(pattern, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sess, ok := s.optionalSession(r)
		if !ok {
			if r.Method == http.MethodGet {
				http.Redirect(w, r, "/console/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
				return
			}
			s.renderError(w, r, apperr.New(apperr.Unauthorized, "请先登录"))
			return
		}
		r = r.WithContext(context.WithValue(r.Context(), sessionKey, sess))
		if isUnsafe(r.Method) {
			if err := checkFormToken(r, sess.CSRFToken); err != nil {
				s.renderError(w, r, err)
				return
			}
		}
		if len(need) > 0 && !sess.Principal.HasAny(need...) {
			labels := make([]string, len(need))
			for i, r := range need {
				labels[i] = r.Label()
			}
			s.renderError(w, r, apperr.Newf(apperr.Forbidden, "此页面需要以下角色之一：%s", strings.Join(labels, "、")))
			return
		}
		if ref := s.checkInput(r, pattern); ref != nil {
			s.renderRefusal(w, r, ref)
			return
		}
		if err := h(w, r); err != nil {
			s.renderError(w, r, err)
		}
	}))
}

func isUnsafe(method string) bool {
	return method != http.MethodGet && method != http.MethodHead && method != http.MethodOptions
}

// checkFormToken compares the submitted CSRF token (form field or X-CSRF-Token header).
func checkFormToken(r *http.Request, want string) error {
	// ParseMultipartForm's argument bounds memory only (the rest goes to temporary files):
	// the body itself is bounded here, whoever parses it.
	multipartForm := strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data")
	if multipartForm {
		r.Body = http.MaxBytesReader(nil, r.Body, maxUpload)
	}
	got := r.Header.Get("X-CSRF-Token")
	if got == "" {
		// Multipart forms are parsed by the handler with its own size limit; the token
		// comes first in every form so a small read suffices.
		if multipartForm {
			if err := r.ParseMultipartForm(maxUpload); err != nil {
				return apperr.Wrap(apperr.Invalid, "表单无法读取，请检查上传文件大小", err)
			}
		}
		got = r.PostFormValue(csrfField)
	}
	if want == "" || got == "" || subtle.ConstantTimeCompare([]byte(got), []byte(want)) != 1 {
		return apperr.New(apperr.Forbidden, "表单已过期或来源无效，请刷新页面后重试")
	}
	return nil
}

// maxUpload bounds a multipart request (attachments have their own, smaller limits).
const maxUpload = 64 << 20

func (s *Server) optionalSession(r *http.Request) (store.Session, bool) {
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return store.Session{}, false
	}
	sess, err := s.db.SessionByToken(r.Context(), c.Value)
	if err != nil {
		return store.Session{}, false
	}
	return sess, true
}

// anonCSRF returns the anonymous double-submit token, and the cookie to set when the
// browser has none (publicWriter sets it, on responses that are not cached).
func (s *Server) anonCSRF(r *http.Request) (string, *http.Cookie) {
	if c, err := r.Cookie(csrfCookie); err == nil && len(c.Value) >= 32 {
		return c.Value, nil
	}
	token := store.RandomToken(32)
	return token, &http.Cookie{Name: csrfCookie, Value: token, Path: "/", HttpOnly: true, Secure: s.opts.SecureCookie, SameSite: http.SameSiteLaxMode}
}

// sessionOf returns the signed-in session of a console request.
func sessionOf(r *http.Request) (store.Session, bool) {
	sess, ok := r.Context().Value(sessionKey).(store.Session)
	return sess, ok
}

// principal returns the signed-in user of a console request.
func principal(r *http.Request) account.Principal {
	sess, _ := sessionOf(r)
	return sess.Principal
}

// csrfToken returns the token forms on this page must carry.
func csrfToken(r *http.Request) string {
	if sess, ok := sessionOf(r); ok && strings.HasPrefix(r.URL.Path, "/console") {
		return sess.CSRFToken
	}
	if t, ok := r.Context().Value(anonCSRFKey).(string); ok {
		return t
	}
	if sess, ok := sessionOf(r); ok {
		return sess.CSRFToken
	}
	return ""
}

// realRemote replaces the remote address of a request that came through a trusted proxy
// with the right-most X-Forwarded-For address that is not itself a trusted proxy.
func (s *Server) realRemote(r *http.Request) *http.Request {
	if len(s.opts.TrustedProxies) == 0 {
		return r
	}
	trusted := func(a netip.Addr) bool {
		for _, p := range s.opts.TrustedProxies {
			if p.Contains(a.Unmap()) {
				return true
			}
		}
		return false
	}
	peer, err := netip.ParseAddrPort(r.RemoteAddr)
	if err != nil || !trusted(peer.Addr()) {
		return r
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		a, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			return r
		}
		if !trusted(a) {
			r2 := r.Clone(r.Context())
			r2.RemoteAddr = netip.AddrPortFrom(a, 0).String()
			return r2
		}
	}
	return r
}

// clientIP is the remote address without port, for rate limiting only (never logged).
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// shownInForm reports whether a refusal is shown on the page of the form that caused it
// (with apperr.HTTPStatus): bad input the user can fix, or a step the record's state does
// not allow. Every other error goes to the error page through renderError.
func shownInForm(err error) bool {
	c := apperr.CodeOf(err)
	return c == apperr.Invalid || c == apperr.Conflict
}

// renderError shows err to the user in Chinese and logs internal errors once, here.
func (s *Server) renderError(w http.ResponseWriter, r *http.Request, err error) {
	code := apperr.CodeOf(err)
	status := apperr.HTTPStatus(err)
	msg := apperr.MessageOf(err)
	if code == apperr.Internal {
		s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	} else {
		s.log.Info("request refused", "method", r.Method, "path", r.URL.Path, "code", string(code), "reason", errorChain(err))
	}
	s.renderStatus(w, r, status, "error.html", map[string]any{"Status": status, "Message": msg})
}

// errorChain is the English cause of an apperr for logs (the message stays out: it may
// quote user input).
func errorChain(err error) string {
	var e *apperr.Error
	if errors.As(err, &e) && e.Err != nil {
		return e.Err.Error()
	}
	return string(apperr.CodeOf(err))
}
