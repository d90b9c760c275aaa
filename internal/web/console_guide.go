package web

import (
	"net/http"
	"strconv"
	"unicode/utf8"

	"gongkai/internal/apperr"
	"gongkai/internal/store"
)

// The 机关管理员 edits the agency's 政府信息公开指南 at /console/guide; a 系统管理员 may edit any
// agency's with ?agency=.

func (s *Server) guideConsoleRoutes() {
	s.console("GET /console/guide", roles(agencyAdmin, sysAdmin), s.guideEdit)
	s.console("POST /console/guide", roles(agencyAdmin, sysAdmin), s.guideSave)
}

func (s *Server) guideAgency(r *http.Request, v string) (int64, error) {
	p := principal(r)
	id := p.AgencyID
	if v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return 0, apperr.New(apperr.NotFound, "机关不存在")
		}
		id = n
	}
	a, err := s.readableAgency(r, id)
	if err != nil {
		return 0, err
	}
	if err := p.RequireWrite(a.ID, a.GovernmentID); err != nil {
		return 0, err
	}
	return a.ID, nil
}

func (s *Server) guideEdit(w http.ResponseWriter, r *http.Request) error {
	id, err := s.guideAgency(r, r.URL.Query().Get("agency"))
	if err != nil {
		return err
	}
	return s.renderGuideForm(w, r, http.StatusOK, id, nil, "")
}

func (s *Server) renderGuideForm(w http.ResponseWriter, r *http.Request, status int, agencyID int64, text *string, msg string) error {
	a, err := s.db.Agencies().Get(r.Context(), agencyID)
	if err != nil {
		return err
	}
	g, saved, err := s.db.Guides().Get(r.Context(), agencyID)
	if err != nil {
		return err
	}
	body := g.Body
	if !saved {
		body = defaultGuide(a)
	}
	if text != nil {
		body = *text
	}
	agencies, err := s.visibleAgencies(r)
	if err != nil {
		return err
	}
	p := principal(r)
	var writable []any
	for _, ag := range agencies {
		if p.CanWrite(ag.ID) {
			writable = append(writable, ag)
		}
	}
	return s.renderWith(w, r, status, "console/guide.html", map[string]any{
		"Agency": a, "Body": body, "Saved": saved, "Guide": g, "Error": msg, "Agencies": writable,
		"Default": defaultGuide(a), "Preview": renderGuide(body), "Max": store.MaxGuideLen,
	})
}

func (s *Server) guideSave(w http.ResponseWriter, r *http.Request) error {
	id, err := s.guideAgency(r, r.PostFormValue("agency"))
	if err != nil {
		return err
	}
	body := r.PostFormValue("body")
	if r.PostFormValue("action") == "reset" {
		body = ""
	} else if utf8.RuneCountInString(body) > store.MaxGuideLen {
		return s.renderGuideForm(w, r, http.StatusBadRequest, id, &body, "指南正文过长，请删减后再保存")
	}
	err = s.db.Guides().Save(r.Context(), principal(r), id, body, s.now())
	if err != nil {
		if apperr.CodeOf(err) == apperr.Invalid {
			return s.renderGuideForm(w, r, apperr.HTTPStatus(err), id, &body, apperr.MessageOf(err))
		}
		return err
	}
	notice := "政府信息公开指南已保存"
	if body == "" || r.PostFormValue("action") == "reset" {
		notice = "已恢复默认指南"
	}
	return redirect(w, r, "/console/guide?agency="+strconv.FormatInt(id, 10), notice)
}
