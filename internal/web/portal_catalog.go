package web

import (
	"fmt"
	"html/template"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"gongkai/internal/agency"
	"gongkai/internal/apperr"
	"gongkai/internal/catalog"
	"gongkai/internal/store"
)

// The public catalog of 主动公开 (issue 5): lists per government and per agency by topic and
// year, item pages, attachments, search, the 政府信息公开指南, feeds, sitemap and robots.txt.
// Only published items are ever shown; anything else is "not found".

const portalPageSize = 20

func (s *Server) portalCatalogRoutes() {
	s.public("GET /agencies/{id}/catalog", s.portalAgencyCatalog)
	s.public("GET /governments/{id}/catalog", s.portalGovernmentCatalog)
	s.public("GET /items/{id}", s.portalItem)
	s.public("GET /items/{id}/attachments/{n}", s.portalAttachment)
	s.public("GET /search", s.portalSearch)
	s.public("GET /agencies/{id}/guide", s.portalGuide)
	s.public("GET /feed.xml", s.portalFeed)
	s.public("GET /agencies/{id}/feed.xml", s.portalFeed)
	s.public("GET /sitemap.xml", s.portalSitemapIndex)
	s.public("GET /sitemap/{file}", s.portalSitemap)
	s.public("GET /robots.txt", s.portalRobots)
	s.guideConsoleRoutes()
}

// pageParam reads ?page= (from 1, at most 5000: deeper pages are reached by narrowing the
// search). Every list reads its page here.
func pageParam(r *http.Request) int {
	p, err := strconv.Atoi(r.URL.Query().Get("page"))
	if err != nil || p < 1 {
		return 1
	}
	return min(p, 5000)
}

// yearParam reads ?year=, 0 when absent or implausible.
func yearParam(r *http.Request) int {
	y, err := strconv.Atoi(r.URL.Query().Get("year"))
	if err != nil || y < 1949 || y > 2999 {
		return 0
	}
	return y
}

func validityParam(r *http.Request) catalog.Validity {
	v := catalog.Validity(r.URL.Query().Get("validity"))
	if !v.IsValid() {
		return ""
	}
	return v
}

// pager is the navigation under a list.
type pager struct {
	Page, Pages, Total int
	Prev, Next         string
}

// newPager builds the links of page p of total items; base is the URL with its other
// parameters.
func newPager(base url.URL, p, total, size int) pager {
	pg := pager{Page: p, Total: total, Pages: (total + size - 1) / size}
	link := func(n int) string {
		u := base
		q := u.Query()
		if n == 1 {
			q.Del("page")
		} else {
			q.Set("page", strconv.Itoa(n))
		}
		u.RawQuery = q.Encode()
		return u.RequestURI()
	}
	if p > 1 {
		pg.Prev = link(p - 1)
	}
	if p < pg.Pages {
		pg.Next = link(p + 1)
	}
	return pg
}

// facetView is one line of a side list.
type facetView struct {
	Label   string
	Count   int
	Href    string
	Current bool
}

// catalogFilterLink is the list URL with one parameter set (or removed when v is "").
func catalogFilterLink(base url.URL, key, v string) string {
	q := base.Query()
	q.Del("page")
	if v == "" {
		q.Del(key)
	} else {
		q.Set(key, v)
	}
	base.RawQuery = q.Encode()
	return base.RequestURI()
}

type catalogPage struct {
	Heading    string
	Agency     *agency.Agency
	Government *agency.Government
	Items      []itemRow
	Topics     []facetView
	Years      []facetView
	Validities []facetView
	Filter     []string // labels of the filters in force
	ClearHref  string
	Pager      pager
	FeedHref   string
}

type itemRow struct {
	catalog.Item
	TopicLabel string
	AgencyName string
}

func (s *Server) portalAgencyCatalog(w http.ResponseWriter, r *http.Request) error {
	a, err := s.agencyFromPath(r)
	if err != nil {
		return err
	}
	return s.portalCatalog(w, r, &a, nil)
}

func (s *Server) portalGovernmentCatalog(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	g, err := s.db.Portal().Government(r.Context(), id)
	if err != nil {
		return err
	}
	return s.portalCatalog(w, r, nil, &g)
}

func (s *Server) portalCatalog(w http.ResponseWriter, r *http.Request, a *agency.Agency, g *agency.Government) error {
	ctx := r.Context()
	f := store.CatalogFilter{Topic: r.URL.Query().Get("topic"), Year: yearParam(r), Validity: validityParam(r)}
	page := pageParam(r)
	f.Limit, f.Offset = portalPageSize, (page-1)*portalPageSize
	view := catalogPage{Agency: a, Government: g}
	var tax *catalog.Taxonomy
	names := map[int64]string{}
	var govID, agencyID int64
	if a != nil {
		agencyID, f.AgencyID = a.ID, a.ID
		view.Heading = a.Name + "政府信息公开目录"
		view.FeedHref = fmt.Sprintf("/agencies/%d/feed.xml", a.ID)
		t, err := s.db.Portal().Taxonomy(ctx, a.ID)
		if err != nil {
			return err
		}
		tax = t
	} else {
		govID, f.GovernmentID = g.ID, g.ID
		view.Heading = g.Name + "政府信息公开目录"
		view.FeedHref = "/feed.xml"
		tax = defaultTaxonomy
		agencies, err := s.db.Agencies().List(ctx, g.ID)
		if err != nil {
			return err
		}
		for _, ag := range agencies {
			names[ag.ID] = ag.Name
		}
	}
	items, err := s.db.Portal().Page(ctx, f)
	if err != nil {
		return err
	}
	total, err := cachedCount(s, fmt.Sprintf("total/%d/%d/%s/%d/%s", govID, agencyID, f.Topic, f.Year, f.Validity), func() (int, error) {
		return s.db.Portal().Count(ctx, f)
	})
	if err != nil {
		return err
	}
	type facets struct{ topics, years []store.FacetCount }
	fc, err := cachedCount(s, fmt.Sprintf("facets/%d/%d", govID, agencyID), func() (facets, error) {
		t, y, err := s.db.Portal().Facets(ctx, govID, agencyID)
		return facets{t, y}, err
	})
	if err != nil {
		return err
	}
	topics, years := fc.topics, fc.years
	base := *r.URL
	for _, it := range items {
		view.Items = append(view.Items, itemRow{Item: it, TopicLabel: tax.Label(it.Topic), AgencyName: names[it.AgencyID]})
	}
	// Topics in the taxonomy's order, then any code the taxonomy no longer has.
	counts := map[string]int{}
	for _, t := range topics {
		counts[t.Key] = t.Count
	}
	for _, t := range tax.Topics() {
		if n, ok := counts[t.Code]; ok {
			view.Topics = append(view.Topics, facetView{Label: t.Label, Count: n, Href: catalogFilterLink(base, "topic", t.Code), Current: f.Topic == t.Code})
			delete(counts, t.Code)
		}
	}
	for _, t := range topics {
		if _, ok := counts[t.Key]; ok {
			view.Topics = append(view.Topics, facetView{Label: tax.Label(t.Key), Count: t.Count, Href: catalogFilterLink(base, "topic", t.Key), Current: f.Topic == t.Key})
		}
	}
	for _, y := range years {
		view.Years = append(view.Years, facetView{Label: y.Key + "年", Count: y.Count, Href: catalogFilterLink(base, "year", y.Key), Current: strconv.Itoa(f.Year) == y.Key})
	}
	for _, v := range catalog.Validities() {
		view.Validities = append(view.Validities, facetView{Label: v.Label(), Href: catalogFilterLink(base, "validity", string(v)), Current: f.Validity == v})
	}
	if f.Topic != "" {
		view.Filter = append(view.Filter, "主题分类："+tax.Label(f.Topic))
	}
	if f.Year != 0 {
		view.Filter = append(view.Filter, fmt.Sprintf("发布年份：%d年", f.Year))
	}
	if f.Validity != "" {
		view.Filter = append(view.Filter, "效力状态："+f.Validity.Label())
	}
	view.ClearHref = r.URL.Path
	view.Pager = newPager(base, page, total, portalPageSize)
	if page > 1 && len(items) == 0 {
		return apperr.New(apperr.NotFound, "页码超出范围")
	}
	return s.render(w, r, "portal/catalog.html", view)
}

// publishedItem loads an item for the public: anything not published is not found.
func (s *Server) publishedItem(r *http.Request) (catalog.Item, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return catalog.Item{}, err
	}
	return s.db.Portal().Item(r.Context(), id)
}

type attachmentView struct {
	catalog.Attachment
	Href string
	Size string
}

func (s *Server) portalItem(w http.ResponseWriter, r *http.Request) error {
	return s.cachedItemPage(w, r, s.renderItem)
}

func (s *Server) renderItem(w http.ResponseWriter, r *http.Request) error {
	it, err := s.publishedItem(r)
	if err != nil {
		return err
	}
	a, err := s.db.Agencies().Get(r.Context(), it.AgencyID)
	if err != nil {
		return err
	}
	topic, err := s.topicLabel(r, it.AgencyID, it.Topic)
	if err != nil {
		return err
	}
	var atts []attachmentView
	for i, at := range it.Attachments {
		atts = append(atts, attachmentView{Attachment: at, Href: fmt.Sprintf("/items/%d/attachments/%d", it.ID, i), Size: humanSize(at.Size)})
	}
	publisher := it.Publisher
	if publisher == "" {
		publisher = a.Name
	}
	links, err := s.db.Portal().Links(r.Context(), it, catalog.ChinaDay(s.now()))
	if err != nil {
		return err
	}
	return s.render(w, r, "portal/item.html", map[string]any{
		"Item": it, "Agency": a, "TopicLabel": topic, "Publisher": publisher, "Links": links,
		// Bodies are stored sanitised; sanitising again on the way out keeps the page safe
		// whatever path a body took into the database.
		"Body":        template.HTML(catalog.SanitizeBody(it.BodyHTML)),
		"Attachments": atts,
		"Keywords":    catalog.JoinKeywords(it.Keywords),
	})
}

// defaultTaxonomy is built once: it never changes while the program runs.
var defaultTaxonomy = catalog.DefaultTaxonomy()

// topicLabel is the label of an item's 主题分类: the agency's own, or the default one.
func (s *Server) topicLabel(r *http.Request, agencyID int64, code string) (string, error) {
	label, ok, err := s.db.Portal().TopicLabel(r.Context(), agencyID, code)
	if err != nil || ok {
		return label, err
	}
	return defaultTaxonomy.Label(code), nil
}

func humanSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d 字节", n)
}

func (s *Server) portalAttachment(w http.ResponseWriter, r *http.Request) error {
	it, err := s.publishedItem(r)
	if err != nil {
		return err
	}
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil || n < 0 || n >= len(it.Attachments) {
		return apperr.New(apperr.NotFound, "附件不存在")
	}
	at, data, err := s.db.Portal().Attachment(r.Context(), it.ID, n)
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", at.ContentType())
	h.Set("Content-Length", strconv.Itoa(len(data)))
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": at.Name}))
	h.Set("Cache-Control", "public, max-age=300")
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	_, err = w.Write(data)
	return err
}

// baseURL is the absolute address of the site for feeds and sitemaps.
func (s *Server) baseURL(r *http.Request) string {
	if s.opts.BaseURL != "" {
		return strings.TrimRight(s.opts.BaseURL, "/")
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}
