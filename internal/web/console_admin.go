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
	govs, err := s.db.Governments(r.Context())
	if err != nil {
		return err
	}
	return s.render(w, r, "console/agencies.html", map[string]any{"Agencies": list, "Governments": govs})
}

// readableAgency loads an agency the signed-in user may read (404 otherwise).
func (s *Server) readableAgency(r *http.Request, id int64) (agency.Agency, error) {
	a, err := store.AgencyByID(r.Context(), s.db, id)
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
	a, err := s.readableAgency(r, id)
	if err != nil {
		return a, err
	}
	return a, principal(r).RequireWrite(a.ID, a.GovernmentID, agencyAdmin)
}

func (s *Server) agencyEdit(w http.ResponseWriter, r *http.Request) error {
	a, err := s.administeredAgency(r)
	if err != nil {
		return err
	}
	return s.render(w, r, "console/agency_form.html", map[string]any{"Agency": a, "IndexPattern": s.indexPatternOf(r, a.ID)})
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
	err = s.db.InTx(r.Context(), func(tx *store.Tx) error {
		if err := store.UpdateAgency(r.Context(), tx, actor(r), &a); err != nil {
			return err
		}
		return s.saveIndexPattern(r, tx, a) // 主动公开: 索引号格式 (console_catalog_settings.go)
	})
	if apperr.CodeOf(err) == apperr.Invalid || apperr.CodeOf(err) == apperr.Conflict {
		return s.renderWith(w, r, http.StatusBadRequest, "console/agency_form.html", map[string]any{
			"Agency": a, "IndexPattern": strings.TrimSpace(r.PostFormValue("index_pattern")), "Error": apperr.MessageOf(err),
		})
	}
	if err != nil {
		return err
	}
	return redirect(w, r, "/console/agencies", "已保存")
}

func (s *Server) agencyNew(w http.ResponseWriter, r *http.Request) error {
	govs, err := s.db.Governments(r.Context())
	if err != nil {
		return err
	}
	return s.render(w, r, "console/agency_form.html", map[string]any{"Agency": agency.Agency{}, "Governments": govs, "New": true})
}

func (s *Server) agencyCreate(w http.ResponseWriter, r *http.Request) error {
	var a agency.Agency
	agencyFromForm(r, &a)
	a.GovernmentID, _ = strconv.ParseInt(r.PostFormValue("government_id"), 10, 64)
	err := s.db.InTx(r.Context(), func(tx *store.Tx) error { return store.CreateAgency(r.Context(), tx, actor(r), &a) })
	if c := apperr.CodeOf(err); c == apperr.Invalid || c == apperr.Conflict {
		govs, _ := s.db.Governments(r.Context())
		return s.renderWith(w, r, http.StatusBadRequest, "console/agency_form.html", map[string]any{"Agency": a, "Governments": govs, "New": true, "Error": apperr.MessageOf(err)})
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
	p := principal(r)
	var users []account.User
	var err error
	if p.Has(sysAdmin) {
		users, err = s.db.Users(r.Context())
	} else {
		users, err = s.db.Users(r.Context(), p.AgencyID)
	}
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
	if err == nil {
		for _, role := range rs {
			if (role == sysAdmin || role == openOffice) && !p.Has(sysAdmin) {
				err = apperr.New(apperr.Forbidden, "只有系统管理员可以授予“系统管理员”或“政务公开办”角色")
			}
		}
	}
	var hash string
	if err == nil {
		if err = account.CheckPolicy(r.PostFormValue("username"), r.PostFormValue("password")); err == nil {
			hash, err = s.opts.Passwords.Hash(r.Context(), r.PostFormValue("password"))
		}
	}
	u := account.User{AgencyID: agencyID, Username: r.PostFormValue("username"), DisplayName: r.PostFormValue("display_name"), Email: r.PostFormValue("email"), Roles: rs, PasswordHash: hash}
	if err == nil {
		err = s.db.InTx(r.Context(), func(tx *store.Tx) error { return store.CreateUser(r.Context(), tx, actor(r), &u) })
	}
	if c := apperr.CodeOf(err); err != nil && c != apperr.Internal {
		return s.renderUsers(w, r, statusOf[c], map[string]any{"Error": apperr.MessageOf(err), "Form": u})
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
	p := principal(r)
	u, err := store.UserByID(r.Context(), s.db, id)
	if err != nil {
		return err
	}
	if !p.Has(sysAdmin) && u.AgencyID != p.AgencyID {
		return apperr.New(apperr.NotFound, "用户不存在")
	}
	if u.ID == p.UserID {
		return apperr.New(apperr.Conflict, "不能停用自己的账号")
	}
	// As with granting (userCreate): only a system administrator touches a system
	// administrator's or an open office's account.
	for _, role := range u.Roles {
		if (role == sysAdmin || role == openOffice) && !p.Has(sysAdmin) {
			return apperr.New(apperr.Forbidden, "只有系统管理员可以停用“系统管理员”或“政务公开办”账号")
		}
	}
	disable := r.PostFormValue("disabled") != "0"
	if err := s.db.InTx(r.Context(), func(tx *store.Tx) error { return store.SetUserDisabled(r.Context(), tx, actor(r), id, disable) }); err != nil {
		return err
	}
	return redirect(w, r, "/console/users", "已更新")
}

func (s *Server) auditList(w http.ResponseWriter, r *http.Request) error {
	p := principal(r)
	f := store.AuditFilter{Entity: r.URL.Query().Get("entity"), EntityID: r.URL.Query().Get("entity_id"), Limit: 50}
	f.BeforeSeq, _ = strconv.ParseInt(r.URL.Query().Get("before"), 10, 64)
	if !p.Has(sysAdmin) {
		agencies, err := s.visibleAgencies(r)
		if err != nil {
			return err
		}
		for _, a := range agencies {
			f.AgencyIDs = append(f.AgencyIDs, a.ID)
		}
	}
	entries, err := s.db.ListAudit(r.Context(), f)
	if err != nil {
		return err
	}
	var next int64
	if len(entries) == f.Limit {
		next = entries[len(entries)-1].Seq
	}
	return s.render(w, r, "console/audit.html", map[string]any{"Entries": entries, "Next": next, "Filter": f})
}
