package web

import (
	"gongkai/internal/searchtext"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"gongkai/internal/agency"
	"gongkai/internal/catalog"
	"gongkai/internal/store"
)

// highlight escapes text and wraps every occurrence of a term in <mark>, comparing Latin
// letters without case as the search does. Overlapping and adjacent matches merge into one
// mark. Everything else is escaped, so the result is safe to insert into a page.
func highlight(text string, terms []string) template.HTML {
	rs := []rune(text)
	marked := make([]bool, len(rs))
	for _, t := range terms {
		tr := []rune(t)
		if len(tr) == 0 {
			continue
		}
		for from := 0; from+len(tr) <= len(rs); {
			i := searchtext.IndexFold(rs[from:], tr)
			if i < 0 {
				break
			}
			for k := from + i; k < from+i+len(tr); k++ {
				marked[k] = true
			}
			from += i + 1
		}
	}
	var b strings.Builder
	for i := 0; i < len(rs); {
		j := i
		for j < len(rs) && marked[j] == marked[i] {
			j++
		}
		seg := template.HTMLEscapeString(string(rs[i:j]))
		if marked[i] {
			b.WriteString("<mark>" + seg + "</mark>")
		} else {
			b.WriteString(seg)
		}
		i = j
	}
	return template.HTML(b.String())
}

type searchRow struct {
	ID         int64
	Title      template.HTML
	Snippet    template.HTML
	DocNo      template.HTML
	IndexNo    template.HTML
	AgencyName string
	Item       catalog.Item
}

type govOption struct {
	Name     string
	Agencies []agency.Agency
}

type searchOption struct {
	Value, Label string
	Selected     bool
}

func (s *Server) portalSearch(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	qv := r.URL.Query()
	q := strings.TrimSpace(qv.Get("q"))
	if utf8.RuneCountInString(q) > searchtext.MaxLen {
		q = string([]rune(q)[:searchtext.MaxLen])
	}
	sq := store.SearchQuery{Q: q, Topic: qv.Get("topic"), Year: yearParam(r), Validity: validityParam(r), Limit: portalPageSize}
	sq.AgencyID, _ = strconv.ParseInt(qv.Get("agency"), 10, 64)
	sq.GovernmentID, _ = strconv.ParseInt(qv.Get("government"), 10, 64)
	sq.ByDate = qv.Get("sort") == "date"
	page := pageParam(r)
	sq.Offset = (page - 1) * portalPageSize

	govs, err := s.db.Agencies().Governments(ctx)
	if err != nil {
		return err
	}
	var groups []govOption
	for _, g := range govs {
		as, err := s.db.Agencies().List(ctx, g.ID)
		if err != nil {
			return err
		}
		groups = append(groups, govOption{Name: g.Name, Agencies: as})
	}
	tax := defaultTaxonomy
	var topics []searchOption
	for _, t := range tax.Topics() {
		topics = append(topics, searchOption{t.Code, t.Label, t.Code == sq.Topic})
	}
	first, last, err := s.db.Portal().YearRange(ctx)
	if err != nil {
		return err
	}
	var years []searchOption
	for y := last; y >= first && y > 0; y-- {
		v := strconv.Itoa(y)
		years = append(years, searchOption{v, v + "年", y == sq.Year})
	}
	var validities []searchOption
	for _, v := range catalog.Validities() {
		validities = append(validities, searchOption{string(v), v.Label(), v == sq.Validity})
	}

	data := map[string]any{
		"Q": q, "AgencyID": sq.AgencyID, "ByDate": sq.ByDate, "Groups": groups, "Topics": topics, "Years": years, "Validities": validities,
		"Searched": q != "" || sq.AgencyID != 0 || sq.Topic != "" || sq.Year != 0 || sq.Validity != "",
	}
	if data["Searched"] == true {
		results, total, err := s.cachedSearch(ctx, sq)
		if err != nil {
			return err
		}
		terms := searchtext.Terms(q)
		var rows []searchRow
		for _, res := range results {
			it := res.Item
			rows = append(rows, searchRow{
				ID: it.ID, Item: it, AgencyName: res.AgencyName,
				Title:   highlight(it.Title, terms),
				Snippet: highlight(res.Snippet, terms),
				DocNo:   highlight(it.DocNo, terms),
				IndexNo: highlight(it.IndexNo, terms),
			})
		}
		data["Results"] = rows
		data["Total"] = total
		limit := store.SearchCountLimitFor(q)
		data["More"] = total > limit
		data["Limit"] = limit
		data["Pager"] = newPager(*r.URL, page, min(total, limit), portalPageSize)
		data["TopicLabel"] = tax.Label
	}
	return s.render(w, r, "portal/search.html", data)
}
