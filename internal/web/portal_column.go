package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"gongkai/internal/agency"
	"gongkai/internal/apperr"
	"gongkai/internal/catalog"
	"gongkai/internal/store"
)

// The 政府信息公开 column (issue 14), per government and per agency, in the shape
// inspections check: 信息公开指南 · 信息公开制度 · 法定主动公开内容 · 政府信息公开年报 ·
// 依申请公开, with 政策解读, 公示 and 政民互动 beside them.

func (s *Server) portalColumnRoutes() {
	s.public("GET /governments/{id}", s.portalGovernment)
	s.public("GET /agencies/{id}/rules", s.portalRules)
	s.public("GET /governments/{id}/rules", s.portalRules)
	s.public("GET /agencies/{id}/statutory", s.portalStatutory)
	s.public("GET /governments/{id}/statutory", s.portalStatutory)
	s.public("GET /agencies/{id}/statutory/{n}", s.portalStatutoryHeading)
	s.public("GET /governments/{id}/statutory/{n}", s.portalStatutoryHeading)
	s.public("GET /agencies/{id}/interpretations", s.portalInterpretations)
	s.public("GET /governments/{id}/interpretations", s.portalInterpretations)
	s.public("GET /agencies/{id}/notices", s.portalNotices)
	s.public("GET /governments/{id}/notices", s.portalNotices)
	s.public("GET /governments/{id}/reports", s.portalGovernmentReports)
	s.public("GET /agencies/{id}/guide/form", s.portalApplicationFormPrint)
}

// columnScope is the government or agency a column page is about.
type columnScope struct {
	GovernmentID int64
	AgencyID     int64 // 0 on a government's pages
	Name         string
	Base         string // "/agencies/3" or "/governments/1"
	Agency       *agency.Agency
	Government   agency.Government
	FeedHref     string
}

// IsAgency tells an agency's column from a government's.
func (c columnScope) IsAgency() bool { return c.AgencyID != 0 }

func (s *Server) scopeFromPath(r *http.Request) (columnScope, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return columnScope{}, err
	}
	ctx := r.Context()
	if strings.HasPrefix(r.URL.Path, "/governments/") {
		g, err := s.db.Portal().Government(ctx, id)
		if err != nil {
			return columnScope{}, err
		}
		return columnScope{GovernmentID: g.ID, Name: g.Name, Base: fmt.Sprintf("/governments/%d", g.ID), Government: g, FeedHref: "/feed.xml"}, nil
	}
	a, err := s.db.Agencies().Get(ctx, id)
	if err != nil {
		return columnScope{}, err
	}
	g, err := s.db.Portal().Government(ctx, a.GovernmentID)
	if err != nil {
		return columnScope{}, err
	}
	return columnScope{GovernmentID: a.GovernmentID, AgencyID: a.ID, Name: a.Name, Base: fmt.Sprintf("/agencies/%d", a.ID),
		Agency: &a, Government: g, FeedHref: fmt.Sprintf("/agencies/%d/feed.xml", a.ID)}, nil
}

// columnHome is what the column's front page shows of a government or agency.
func (s *Server) columnHome(r *http.Request, sc columnScope) (map[string]any, error) {
	ctx := r.Context()
	latest, err := s.db.Portal().Page(ctx, store.CatalogFilter{GovernmentID: govIfNoAgency(sc), AgencyID: sc.AgencyID, Limit: 10})
	if err != nil {
		return nil, err
	}
	day := catalog.ChinaDay(s.now())
	open, err := s.db.Portal().Notices(ctx, govIfNoAgency(sc), sc.AgencyID, day, true, 10)
	if err != nil {
		return nil, err
	}
	interp, err := s.db.Portal().Page(ctx, store.CatalogFilter{GovernmentID: govIfNoAgency(sc), AgencyID: sc.AgencyID, Kind: catalog.Interpretation, Limit: 5})
	if err != nil {
		return nil, err
	}
	return map[string]any{"Scope": sc, "Latest": latest, "OpenNotices": open, "Interpretations": interp}, nil
}

func govIfNoAgency(sc columnScope) int64 {
	if sc.AgencyID != 0 {
		return 0
	}
	return sc.GovernmentID
}

func (s *Server) portalAgency(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scopeFromPath(r)
	if err != nil {
		return err
	}
	data, err := s.columnHome(r, sc)
	if err != nil {
		return err
	}
	data["Agency"] = *sc.Agency
	return s.render(w, r, "portal/agency.html", data)
}

func (s *Server) portalGovernment(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scopeFromPath(r)
	if err != nil {
		return err
	}
	data, err := s.columnHome(r, sc)
	if err != nil {
		return err
	}
	as, err := s.db.Agencies().List(r.Context(), sc.GovernmentID)
	if err != nil {
		return err
	}
	data["Agencies"] = as
	return s.render(w, r, "portal/government.html", data)
}

// columnList is a paged list of published items of one kind or heading.
func (s *Server) columnList(w http.ResponseWriter, r *http.Request, sc columnScope, f store.CatalogFilter, data map[string]any) error {
	ctx := r.Context()
	f.GovernmentID, f.AgencyID = govIfNoAgency(sc), sc.AgencyID
	total, err := s.db.Portal().Count(ctx, f)
	if err != nil {
		return err
	}
	page := pageParam(r)
	f.Limit, f.Offset = portalPageSize, (page-1)*portalPageSize
	items, err := s.db.Portal().Page(ctx, f)
	if err != nil {
		return err
	}
	names, err := s.agencyNames(r, sc)
	if err != nil {
		return err
	}
	data["Scope"] = sc
	data["Items"] = items
	data["Names"] = names
	data["Pager"] = newPager(*r.URL, page, total, portalPageSize)
	return s.render(w, r, "portal/column_list.html", data)
}

// agencyNames maps the agencies of the scope's government to their names (for lists of a
// government's items).
func (s *Server) agencyNames(r *http.Request, sc columnScope) (map[int64]string, error) {
	as, err := s.db.Agencies().List(r.Context(), sc.GovernmentID)
	if err != nil {
		return nil, err
	}
	m := make(map[int64]string, len(as))
	for _, a := range as {
		m[a.ID] = a.Name
	}
	return m, nil
}

func (s *Server) portalRules(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scopeFromPath(r)
	if err != nil {
		return err
	}
	return s.columnList(w, r, sc, store.CatalogFilter{Kind: catalog.Institution}, map[string]any{
		"Heading": "信息公开制度",
		"Lead":    "本栏目公开政府信息公开工作的制度规定：保密审查、信息发布协调、依申请公开办理、公开工作考核等。",
	})
}

func (s *Server) portalInterpretations(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scopeFromPath(r)
	if err != nil {
		return err
	}
	counts, err := s.db.Portal().Interpretations(r.Context(), sc.GovernmentID, sc.AgencyID)
	if err != nil {
		return err
	}
	return s.columnList(w, r, sc, store.CatalogFilter{Kind: catalog.Interpretation}, map[string]any{
		"Heading": "政策解读",
		"Lead":    "政策解读与所解读的文件同步或在其后发布，每篇解读都链接到所解读的文件。",
		"Counts":  counts,
	})
}

func (s *Server) portalStatutory(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scopeFromPath(r)
	if err != nil {
		return err
	}
	hs, err := s.db.Portal().Headings(r.Context(), sc.GovernmentID, sc.AgencyID, 3)
	if err != nil {
		return err
	}
	staff := false
	if p := principal(r); sc.AgencyID != 0 && p.AgencyID == sc.AgencyID && p.UserID != 0 {
		staff = true
	}
	return s.render(w, r, "portal/statutory.html", map[string]any{"Scope": sc, "Headings": hs, "Staff": staff})
}

func (s *Server) portalStatutoryHeading(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scopeFromPath(r)
	if err != nil {
		return err
	}
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil {
		return apperr.New(apperr.NotFound, "栏目不存在")
	}
	hs, err := s.db.Portal().Headings(r.Context(), sc.GovernmentID, sc.AgencyID, 0)
	if err != nil {
		return err
	}
	if n < 1 || n > len(hs) {
		return apperr.New(apperr.NotFound, "栏目不存在")
	}
	h := hs[n-1]
	return s.columnList(w, r, sc, store.CatalogFilter{Topics: h.Topics}, map[string]any{
		"Heading": h.Title, "Lead": "依据：" + h.Article, "Parent": "法定主动公开内容", "ParentHref": sc.Base + "/statutory",
	})
}

func (s *Server) portalNotices(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scopeFromPath(r)
	if err != nil {
		return err
	}
	day := catalog.ChinaDay(s.now())
	all, err := s.db.Portal().Notices(r.Context(), govIfNoAgency(sc), sc.AgencyID, day, false, 200)
	if err != nil {
		return err
	}
	var open, closed []store.NoticeRow
	for _, n := range all {
		if n.State == catalog.NoticeClosed {
			closed = append(closed, n)
		} else {
			open = append(open, n)
		}
	}
	return s.render(w, r, "portal/notices.html", map[string]any{"Scope": sc, "Open": open, "Closed": closed, "Today": day})
}

// governmentReport is one agency's published annual reports, for a government's list.
type governmentReport struct {
	Agency  agency.Agency
	Reports []store.OwnReport
	Earlier []catalog.Item
}

func (s *Server) portalGovernmentReports(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scopeFromPath(r)
	if err != nil {
		return err
	}
	as, err := s.db.Agencies().List(r.Context(), sc.GovernmentID)
	if err != nil {
		return err
	}
	var rows []governmentReport
	for _, a := range as {
		list, err := s.db.Reports().PublishedList(r.Context(), a.ID)
		if err != nil {
			return err
		}
		earlier, err := s.earlierReports(r, a.ID, list)
		if err != nil {
			return err
		}
		rows = append(rows, governmentReport{Agency: a, Reports: list, Earlier: earlier})
	}
	return s.render(w, r, "portal/government_reports.html", map[string]any{"Scope": sc, "Rows": rows})
}

// earlierReports are the annual reports an agency published before gongkai, held in its
// catalog under 政府信息公开年报: those of a year not published here (own lists the years
// gongkai published, whose files the list links instead).
func (s *Server) earlierReports(r *http.Request, agencyID int64, own []store.OwnReport) ([]catalog.Item, error) {
	items, err := s.db.Portal().Page(r.Context(), store.CatalogFilter{AgencyID: agencyID, Topic: "annual_report", Limit: 50})
	if err != nil {
		return nil, err
	}
	out := items[:0]
next:
	for _, it := range items {
		for _, o := range own {
			if strings.Contains(it.Title, strconv.Itoa(o.Year)+"年") {
				continue next
			}
		}
		out = append(out, it)
	}
	return out, nil
}

// portalApplicationFormPrint is the 政府信息公开申请表 to print, fill in by hand and hand in
// or post (当面、邮寄), with the agency's address.
func (s *Server) portalApplicationFormPrint(w http.ResponseWriter, r *http.Request) error {
	a, err := s.agencyFromPath(r)
	if err != nil {
		return err
	}
	return s.render(w, r, "portal/apply_print.html", map[string]any{"Agency": a, "Forms": applyForms, "Ways": applyWays})
}
