package web

import (
	"net/http"
	"path"
	"strings"
	"sync"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/apperr"
	"gongkai/internal/store"
)

// Sign-in rate limit: failures per user name and per address within the window.
const (
	loginFailLimit  = 5
	loginFailIPMax  = 20
	loginFailWindow = 15 * time.Minute
)

func (s *Server) loginForm(w http.ResponseWriter, r *http.Request) error {
	return s.render(w, r, "portal/login.html", map[string]any{"Next": safeNext(r.URL.Query().Get("next"))})
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	username := strings.TrimSpace(r.PostFormValue("username"))
	password := r.PostFormValue("password")
	next := safeNext(r.PostFormValue("next"))
	fail := func(msg string) error {
		return s.renderWith(w, r, http.StatusUnauthorized, "portal/login.html", map[string]any{"Next": next, "Username": username, "Error": msg})
	}
	userBucket := "login:user:" + strings.ToLower(username)
	ipBucket := addressBucket(r, "login:ip") // the address as a digest, as on the portal
	nUser, err := s.db.RateCount(ctx, userBucket, loginFailWindow)
	if err != nil {
		return err
	}
	nIP, err := s.db.RateCount(ctx, ipBucket, loginFailWindow)
	if err != nil {
		return err
	}
	if nUser >= loginFailLimit || nIP >= loginFailIPMax {
		s.log.Warn("sign-in rate limited")
		return s.renderWith(w, r, http.StatusTooManyRequests, "portal/login.html", map[string]any{"Next": next, "Username": username, "Error": "登录失败次数过多，请 15 分钟后再试"})
	}
	u, err := store.UserByUsername(ctx, s.db, username)
	if err != nil && !apperr.Is(err, apperr.NotFound) {
		return err
	}
	if err != nil {
		// Spend the same time as a real check, so that user names cannot be probed by timing.
		account.CheckPassword(dummyHash(), password)
	}
	if err != nil || u.Disabled || !account.CheckPassword(u.PasswordHash, password) {
		s.db.RateHit(ctx, userBucket, loginFailLimit, loginFailWindow)
		s.db.RateHit(ctx, ipBucket, loginFailIPMax, loginFailWindow)
		return fail("用户名或密码错误")
	}
	s.db.RateReset(ctx, userBucket)
	token, err := s.db.CreateSession(ctx, u.ID)
	if err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: token, Path: "/", HttpOnly: true, Secure: s.opts.SecureCookie, SameSite: http.SameSiteLaxMode, MaxAge: int(store.SessionTTL.Seconds())})
	s.log.Info("signed in", "user_id", u.ID)
	http.Redirect(w, r, next, http.StatusSeeOther)
	return nil
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) error {
	if c, err := r.Cookie(sessionCookie); err == nil {
		s.db.DeleteSession(r.Context(), c.Value)
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", HttpOnly: true, Secure: s.opts.SecureCookie, SameSite: http.SameSiteLaxMode, MaxAge: -1})
	http.Redirect(w, r, "/console/login", http.StatusSeeOther)
	return nil
}

// dummyHash is checked against for unknown user names (same cost as a real check).
var dummyHash = sync.OnceValue(func() string {
	h, _ := account.HashPassword("gongkai-timing-equaliser")
	return h
})

// safeNext keeps post-login redirects on this site's console.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/console") || strings.HasPrefix(next, "//") || strings.ContainsAny(next, "\\\r\n\t") ||
		!strings.HasPrefix(path.Clean(strings.SplitN(next, "?", 2)[0]), "/console") {
		return "/console/"
	}
	return next
}
