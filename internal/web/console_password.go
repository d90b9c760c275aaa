package web

import (
	"net/http"

	"gongkai/internal/apperr"
)

func (s *Server) passwordRoutes() {
	s.console("GET /console/password", nil, s.passwordForm)
	s.console("POST /console/password", nil, s.passwordChange)
}

func (s *Server) passwordForm(w http.ResponseWriter, r *http.Request) error {
	return s.render(w, r, "console/password.html", nil)
}

// passwordChange lets a signed-in user change their own password; every session of the
// user ends, this one included, so they sign in again with the new password.
func (s *Server) passwordChange(w http.ResponseWriter, r *http.Request) error {
	p := principal(r)
	fail := func(msg string) error {
		return s.renderWith(w, r, http.StatusBadRequest, "console/password.html", map[string]any{"Error": msg})
	}
	err := s.db.Users().ChangePassword(r.Context(), p, r.PostFormValue("current"), r.PostFormValue("new"), r.PostFormValue("confirm"))
	if apperr.CodeOf(err) == apperr.TooMany {
		return s.renderWith(w, r, apperr.HTTPStatus(err), "console/password.html", map[string]any{"Error": apperr.MessageOf(err)})
	}
	if shownInForm(err) {
		return fail(apperr.MessageOf(err))
	}
	if err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", HttpOnly: true, Secure: s.opts.SecureCookie, SameSite: http.SameSiteLaxMode, MaxAge: -1})
	http.Redirect(w, r, "/console/login", http.StatusSeeOther)
	return nil
}
