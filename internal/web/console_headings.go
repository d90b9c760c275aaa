package web

import (
	"net/http"
	"strings"

	"gongkai/internal/apperr"
	"gongkai/internal/catalog"
)

// The agency's 法定主动公开内容 in the console: every heading with its count, the empty ones
// marked as gaps; the 机关管理员 edits the list.
func (s *Server) headingRoutes() {
	s.console("GET /console/catalog/headings", nil, s.headingsPage)
	s.console("POST /console/catalog/headings", roles(agencyAdmin), s.headingsSave)
}

func (s *Server) renderHeadings(w http.ResponseWriter, r *http.Request, status int, edit []catalog.Heading, msg string) error {
	ctx := r.Context()
	p := principal(r)
	// The agency's own headings; readers of several agencies (the 政务公开办 following the
	// gaps from its overview) name one with ?agency= and only read it.
	agencyID := p.AgencyID
	if r.Method == http.MethodGet {
		var err error
		if agencyID, err = s.agencyParam(r); err != nil {
			return err
		}
	}
	other := ""
	if agencyID != p.AgencyID {
		a, err := s.readableAgency(r, agencyID)
		if err != nil {
			return err
		}
		other = a.Name
	}
	views, saved, err := s.db.Catalog().Headings(ctx, p, agencyID)
	if err != nil {
		return err
	}
	tax, err := s.db.Catalog().Taxonomy(ctx, agencyID)
	if err != nil {
		return err
	}
	if edit == nil {
		for _, v := range views {
			edit = append(edit, v.Heading)
		}
	}
	gaps := 0
	for _, v := range views {
		if v.Gap {
			gaps++
		}
	}
	type row struct {
		catalog.Heading
		Codes string
	}
	var rows []row
	for _, h := range edit {
		rows = append(rows, row{h, strings.Join(h.Topics, "、")})
	}
	for range 3 {
		rows = append(rows, row{})
	}
	return s.renderWith(w, r, status, "console/headings.html", map[string]any{
		"Views": views, "Saved": saved, "Gaps": gaps, "Rows": rows, "Topics": tax.Topics(),
		"CanEdit": agencyID == p.AgencyID && catalog.CanManage(p, agencyID), "Error": msg, "AgencyID": agencyID, "Other": other,
	})
}

func (s *Server) headingsPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderHeadings(w, r, http.StatusOK, nil, "")
}

func (s *Server) headingsSave(w http.ResponseWriter, r *http.Request) error {
	p := principal(r)
	titles, articles, topics := r.PostForm["title"], r.PostForm["article"], r.PostForm["topics"]
	var hs []catalog.Heading
	for i := range titles {
		get := func(vs []string) string {
			if i < len(vs) {
				return strings.TrimSpace(vs[i])
			}
			return ""
		}
		if get(titles) == "" && get(topics) == "" {
			continue // an empty row: not added, or removed
		}
		hs = append(hs, catalog.Heading{Title: get(titles), Article: get(articles),
			Topics: strings.FieldsFunc(get(topics), func(r rune) bool { return strings.ContainsRune(",，、;； ", r) })})
	}
	if err := s.db.Catalog().SaveHeadings(r.Context(), p, p.AgencyID, hs); err != nil {
		if !shownInForm(err) {
			return err
		}
		return s.renderHeadings(w, r, apperr.HTTPStatus(err), hs, apperr.MessageOf(err))
	}
	return redirect(w, r, "/console/catalog/headings", "已保存法定主动公开内容")
}
