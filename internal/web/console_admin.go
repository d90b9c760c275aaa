package web

import (
	"net/http"
	"strconv"
	"strings"

	"gongkai/internal/account"
	"gongkai/internal/agency"
	"gongkai/internal/apperr"
	"gongkai/internal/store"
)

func pathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, apperr.New(apperr.NotFound, "记录不存在")
	}
	return id, nil
}

func (s *Server) agencyList(w http.ResponseWriter, r *http.Request) error {
	list, err := s.visibleAgencies(r)
	if err != nil {
		return err
	}
	govs, err := s.db.Agencies().Governments(r.Context())
	if err != nil {
		return err
	}
	return s.render(w, r, "console/agencies.html", map[string]any{"Agencies": list, "Governments": govs})
}

// readableAgency loads an agency the signed-in user may read (404 otherwise).
func (s *Server) readableAgency(r *http.Request, id int64) (agency.Agency, error) {
	a, err := s.db.Agencies().Get(r.Context(), id)
	if err != nil {
		return a, err
	}
	return a, principal(r).RequireRead(a.ID, a.GovernmentID)
}

// administeredAgency loads the agency named by the path for a user who administers it.
func (s *Server) administeredAgency(r *http.Request) (agency.Agency, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return agency.Agency{}, err
	}
	return s.db.Agencies().Administered(r.Context(), principal(r), id)
}

func (s *Server) agencyEdit(w http.ResponseWriter, r *http.Request) error {
	a, err := s.administeredAgency(r)
	if err != nil {
		return err
	}
	pattern, err := s.db.Agencies().IndexPattern(r.Context(), principal(r), a.ID)
	if err != nil {
		return err
	}
	review, err := s.db.Agencies().ReplyReview(r.Context(), a.ID)
	if err != nil {
		return err
	}
	return s.render(w, r, "console/agency_form.html", map[string]any{"Agency": a, "IndexPattern": pattern, "ReplyReview": review})
}

func agencyFromForm(r *http.Request, a *agency.Agency) {
	f := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	a.Name = f("name")
	a.ShortName = f("short_name")
	a.CreditCode = f("credit_code")
	a.OfficeName = f("office_name")
	a.OfficeAddress = f("office_address")
	a.OfficePostcode = f("office_postcode")
	a.OfficePhone = f("office_phone")
	a.OfficeHours = f("office_hours")
	a.OfficeEmail = f("office_email")
	a.Website = f("website")
}

func (s *Server) agencySave(w http.ResponseWriter, r *http.Request) error {
	a, err := s.administeredAgency(r)
	if err != nil {
		return err
	}
	agencyFromForm(r, &a)
	// The agency and its 索引号格式 (主动公开) are saved together, or neither.
	err = s.db.Agencies().Update(r.Context(), principal(r), &a, r.PostFormValue("index_pattern"), s.now().Year())
	if shownInForm(err) {
		return s.renderWith(w, r, apperr.HTTPStatus(err), "console/agency_form.html", map[string]any{
			"Agency": a, "IndexPattern": strings.TrimSpace(r.PostFormValue("index_pattern")), "Error": apperr.MessageOf(err),
		})
	}
	if err != nil {
		return err
	}
	return redirect(w, r, "/console/agencies", "已保存")
}

func (s *Server) agencyNew(w http.ResponseWriter, r *http.Request) error {
	govs, err := s.db.Agencies().Governments(r.Context())
	if err != nil {
		return err
	}
	return s.render(w, r, "console/agency_form.html", map[string]any{"Agency": agency.Agency{}, "Governments": govs, "New": true})
}

func (s *Server) agencyCreate(w http.ResponseWriter, r *http.Request) error {
	var a agency.Agency
	agencyFromForm(r, &a)
	a.GovernmentID, _ = strconv.ParseInt(r.PostFormValue("government_id"), 10, 64)
	err := s.db.Agencies().Create(r.Context(), principal(r), &a)
	if shownInForm(err) {
		govs, _ := s.db.Agencies().Governments(r.Context())
		return s.renderWith(w, r, apperr.HTTPStatus(err), "console/agency_form.html", map[string]any{"Agency": a, "Governments": govs, "New": true, "Error": apperr.MessageOf(err)})
	}
	if err != nil {
		return err
	}
	return redirect(w, r, "/console/agencies", "已新增机关")
}

func (s *Server) userList(w http.ResponseWriter, r *http.Request) error {
	return s.renderUsers(w, r, http.StatusOK, nil)
}

func (s *Server) renderUsers(w http.ResponseWriter, r *http.Request, status int, extra map[string]any) error {
	users, err := s.db.Users().List(r.Context(), principal(r))
	if err != nil {
		return err
	}
	agencies, err := s.visibleAgencies(r)
	if err != nil {
		return err
	}
	names := map[int64]string{}
	for _, a := range agencies {
		names[a.ID] = a.Name
	}
	data := map[string]any{"Users": users, "AgencyNames": names, "Agencies": agencies, "Roles": account.Roles}
	for k, v := range extra {
		data[k] = v
	}
	return s.renderWith(w, r, status, "console/users.html", data)
}

func (s *Server) userCreate(w http.ResponseWriter, r *http.Request) error {
	p := principal(r)
	agencyID := p.AgencyID
	if p.Has(sysAdmin) {
		if v, err := strconv.ParseInt(r.PostFormValue("agency_id"), 10, 64); err == nil && v > 0 {
			agencyID = v
		}
	}
	rs, err := account.ParseRoles(strings.Join(r.PostForm["roles"], ","))
	u := account.User{AgencyID: agencyID, Username: r.PostFormValue("username"), DisplayName: r.PostFormValue("display_name"), Email: r.PostFormValue("email"), Roles: rs}
	if err == nil {
		// Refuse a grant the user may not make before spending time on the hash.
		err = account.CheckCreateUser(p, u)
	}
	if err == nil {
		u.PasswordHash, err = s.db.Users().HashNewPassword(r.Context(), u.Username, r.PostFormValue("password"))
	}
	if err == nil {
		err = s.db.Users().Create(r.Context(), p, &u)
	}
	if c := apperr.CodeOf(err); err != nil && c != apperr.Internal {
		return s.renderUsers(w, r, apperr.HTTPStatus(err), map[string]any{"Error": apperr.MessageOf(err), "Form": u})
	}
	if err != nil {
		return err
	}
	return redirect(w, r, "/console/users", "已新增用户 "+u.Username)
}

func (s *Server) userDisable(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	disable := r.PostFormValue("disabled") != "0"
	if err := s.db.Users().SetDisabled(r.Context(), principal(r), id, disable); err != nil {
		return err
	}
	return redirect(w, r, "/console/users", "已更新")
}

func (s *Server) auditList(w http.ResponseWriter, r *http.Request) error {
	f := store.AuditFilter{Entity: r.URL.Query().Get("entity"), EntityID: r.URL.Query().Get("entity_id"), Limit: 50}
	f.BeforeSeq, _ = strconv.ParseInt(r.URL.Query().Get("before"), 10, 64)
	entries, err := s.db.AuditLog().List(r.Context(), principal(r), f)
	if err != nil {
		return err
	}
	var next int64
	if len(entries) == f.Limit {
		next = entries[len(entries)-1].Seq
	}
	return s.render(w, r, "console/audit.html", map[string]any{"Entries": entries, "Next": next, "Filter": f})
}
