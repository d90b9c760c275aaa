package web

import (
	"encoding/xml"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"gongkai/internal/apperr"
	"gongkai/internal/catalog"
	"gongkai/internal/store"
)

// Atom feed (RFC 4287) of newly published items, and the sitemap protocol's files.

const feedSize = 50

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Title     string     `xml:"title"`
	Link      atomLink   `xml:"link"`
	ID        string     `xml:"id"`
	Updated   string     `xml:"updated"`
	Published string     `xml:"published,omitempty"`
	Author    atomPerson `xml:"author"`
	Summary   string     `xml:"summary,omitempty"`
	Category  *struct {
		Term  string `xml:"term,attr"`
		Label string `xml:"label,attr"`
	} `xml:"category,omitempty"`
}

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomPerson  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

// itemInstant is when an item was published: the recorded instant, or 发布日期 at 00:00 in China.
func itemInstant(it catalog.Item) time.Time {
	if !it.PublishedAt.IsZero() {
		return it.PublishedAt
	}
	if !it.PublishedOn.IsZero() {
		return it.PublishedOn.Add(-8 * time.Hour)
	}
	return time.Unix(0, 0)
}

func (s *Server) portalFeed(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	base := s.baseURL(r)
	var f store.CatalogFilter
	feed := atomFeed{Title: "政府信息公开平台 - 最新公开信息", Author: atomPerson{"政府信息公开平台"}}
	self, alt := "/feed.xml", "/search"
	names := map[int64]string{}
	if r.PathValue("id") != "" {
		id, err := pathID(r, "id")
		if err != nil {
			return err
		}
		a, err := s.db.Agencies().Get(ctx, id)
		if err != nil {
			return err
		}
		f.AgencyID = a.ID
		feed.Title = a.Name + " - 最新公开信息"
		feed.Author = atomPerson{a.Name}
		self, alt = fmt.Sprintf("/agencies/%d/feed.xml", a.ID), fmt.Sprintf("/agencies/%d/catalog", a.ID)
	}
	agencies, err := s.db.Agencies().List(ctx, 0)
	if err != nil {
		return err
	}
	for _, a := range agencies {
		names[a.ID] = a.Name
	}
	items, err := s.db.Portal().Recent(ctx, f.AgencyID, feedSize)
	if err != nil {
		return err
	}
	feed.ID = base + self
	feed.Links = []atomLink{{Href: base + self, Rel: "self", Type: "application/atom+xml"}, {Href: base + alt, Rel: "alternate", Type: "text/html"}}
	latest := time.Unix(0, 0)
	tax := defaultTaxonomy
	for _, it := range items {
		at := itemInstant(it)
		if at.After(latest) {
			latest = at
		}
		author := it.Publisher
		if author == "" {
			author = names[it.AgencyID]
		}
		e := atomEntry{
			Title: it.Title, Link: atomLink{Href: fmt.Sprintf("%s/items/%d", base, it.ID), Rel: "alternate", Type: "text/html"},
			ID: fmt.Sprintf("%s/items/%d", base, it.ID), Updated: at.UTC().Format(time.RFC3339), Published: at.UTC().Format(time.RFC3339),
			Author: atomPerson{author}, Summary: feedSummary(it),
		}
		e.Category = &struct {
			Term  string `xml:"term,attr"`
			Label string `xml:"label,attr"`
		}{it.Topic, tax.Label(it.Topic)}
		feed.Entries = append(feed.Entries, e)
	}
	feed.Updated = latest.UTC().Format(time.RFC3339)
	return writeXML(w, "application/atom+xml; charset=utf-8", feed)
}

func feedSummary(it catalog.Item) string {
	var parts []string
	if it.DocNo != "" {
		parts = append(parts, "文号："+it.DocNo)
	}
	if it.IndexNo != "" {
		parts = append(parts, "索引号："+it.IndexNo)
	}
	if it.Summary != "" {
		parts = append(parts, it.Summary)
	}
	return strings.Join(parts, "　")
}

func writeXML(w http.ResponseWriter, contentType string, v any) error {
	out, err := xml.MarshalIndent(v, "", " ")
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Cache-Control", "public, max-age=300")
	w.Write([]byte(xml.Header))
	_, err = w.Write(out)
	return err
}

// sitemapChunk is the number of item URLs per sitemap file (the protocol allows 50,000).
const sitemapChunk = 40000

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

type urlset struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapIndex struct {
	XMLName  xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
	Sitemaps []sitemapURL `xml:"sitemap"`
}

// portalSitemapIndex lists the sitemap of portal pages and one sitemap per chunk of items.
func (s *Server) portalSitemapIndex(w http.ResponseWriter, r *http.Request) error {
	base := s.baseURL(r)
	maxID, err := s.db.Portal().MaxItemID(r.Context())
	if err != nil {
		return err
	}
	idx := sitemapIndex{Sitemaps: []sitemapURL{{Loc: base + "/sitemap/pages.xml"}}}
	for i := 0; i < max(1, int((maxID+sitemapChunk-1)/sitemapChunk)); i++ {
		idx.Sitemaps = append(idx.Sitemaps, sitemapURL{Loc: fmt.Sprintf("%s/sitemap/items-%d.xml", base, i+1)})
	}
	return writeXML(w, "application/xml; charset=utf-8", idx)
}

// portalSitemap serves /sitemap/pages.xml and /sitemap/items-N.xml.
func (s *Server) portalSitemap(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	base := s.baseURL(r)
	file := r.PathValue("file")
	var set urlset
	if file == "pages.xml" {
		set.URLs = append(set.URLs, sitemapURL{Loc: base + "/"})
		govs, err := s.db.Agencies().Governments(ctx)
		if err != nil {
			return err
		}
		for _, g := range govs {
			set.URLs = append(set.URLs, sitemapURL{Loc: fmt.Sprintf("%s/governments/%d/catalog", base, g.ID)})
		}
		agencies, err := s.db.Agencies().List(ctx, 0)
		if err != nil {
			return err
		}
		for _, a := range agencies {
			for _, p := range []string{"", "/catalog", "/guide", "/reports"} {
				set.URLs = append(set.URLs, sitemapURL{Loc: fmt.Sprintf("%s/agencies/%d%s", base, a.ID, p)})
			}
		}
		return writeXML(w, "application/xml; charset=utf-8", set)
	}
	n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(file, "items-"), ".xml"))
	if err != nil || n < 1 || !strings.HasPrefix(file, "items-") || !strings.HasSuffix(file, ".xml") {
		return apperr.New(apperr.NotFound, "页面不存在")
	}
	// File n lists the published items with ids in ((n-1)×chunk, n×chunk].
	maxID, err := s.db.Portal().MaxItemID(ctx)
	if err != nil {
		return err
	}
	if n > max(1, int((maxID+sitemapChunk-1)/sitemapChunk)) {
		return apperr.New(apperr.NotFound, "页面不存在")
	}
	refs, err := s.db.Portal().Refs(ctx, int64(n-1)*sitemapChunk, sitemapChunk)
	if err != nil {
		return err
	}
	for _, ref := range refs {
		if ref.ID > int64(n)*sitemapChunk {
			break
		}
		u := sitemapURL{Loc: fmt.Sprintf("%s/items/%d", base, ref.ID)}
		if !ref.PublishedOn.IsZero() {
			u.LastMod = ref.PublishedOn.Format("2006-01-02")
		}
		set.URLs = append(set.URLs, u)
	}
	return writeXML(w, "application/xml; charset=utf-8", set)
}

func (s *Server) portalRobots(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	_, err := fmt.Fprintf(w, "User-agent: *\nDisallow: /console/\nDisallow: /track\nDisallow: /search\nAllow: /\n\nSitemap: %s/sitemap.xml\n", s.baseURL(r))
	return err
}
