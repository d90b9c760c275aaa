package web

import (
	"net/http"

	"gongkai/internal/account"
	"gongkai/internal/apperr"
	"gongkai/internal/store"
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
	u, err := s.db.CheckOwnPassword(r.Context(), s.opts.Passwords, p.UserID, r.PostFormValue("current"))
	if err != nil {
		if c := apperr.CodeOf(err); c == apperr.Invalid || c == apperr.TooMany {
			return s.renderWith(w, r, apperr.HTTPStatus(err), "console/password.html", map[string]any{"Error": apperr.MessageOf(err)})
		}
		return err
	}
	next := r.PostFormValue("new")
	if next != r.PostFormValue("confirm") {
		return fail("两次输入的新密码不一致")
	}
	if next == r.PostFormValue("current") {
		return fail("新密码不能与当前密码相同")
	}
	if err := account.CheckPolicy(u.Username, next); err != nil {
		return fail(apperr.MessageOf(err))
	}
	hash, err := s.opts.Passwords.Hash(r.Context(), next)
	if err != nil {
		return fail(apperr.MessageOf(err))
	}
	if err := s.db.InTx(r.Context(), func(tx *store.Tx) error {
		return store.SetUserPassword(r.Context(), tx, actor(r), p.UserID, hash)
	}); err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", HttpOnly: true, Secure: s.opts.SecureCookie, SameSite: http.SameSiteLaxMode, MaxAge: -1})
	http.Redirect(w, r, "/console/login", http.StatusSeeOther)
	return nil
}
