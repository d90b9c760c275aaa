package web

import (
	"net/http"
	"path"
	"strings"

	"gongkai/internal/apperr"
	"gongkai/internal/store"
)

func (s *Server) loginForm(w http.ResponseWriter, r *http.Request) error {
	return s.render(w, r, "portal/login.html", map[string]any{"Next": safeNext(r.URL.Query().Get("next"))})
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) error {
	username := strings.TrimSpace(r.PostFormValue("username"))
	next := safeNext(r.PostFormValue("next"))
	token, u, err := s.db.Users().SignIn(r.Context(), username, r.PostFormValue("password"), clientIP(r))
	if err != nil {
		code := apperr.CodeOf(err)
		if code == apperr.Internal {
			return err
		}
		if code == apperr.TooMany {
			s.log.Warn("sign-in refused", "reason", apperr.MessageOf(err))
		}
		return s.renderWith(w, r, apperr.HTTPStatus(err), "portal/login.html", map[string]any{"Next": next, "Username": username, "Error": apperr.MessageOf(err)})
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

// safeNext keeps post-login redirects on this site's console.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/console") || strings.HasPrefix(next, "//") || strings.ContainsAny(next, "\\\r\n\t") ||
		!strings.HasPrefix(path.Clean(strings.SplitN(next, "?", 2)[0]), "/console") {
		return "/console/"
	}
	return next
}
