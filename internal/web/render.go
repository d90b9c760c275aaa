package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/annualreport"
	"gongkai/internal/oversight"
	"gongkai/internal/workday"
)

//go:embed templates
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// templates holds one parsed set per page: the area's layout, the partials and the page.
type templates struct {
	pages map[string]*template.Template // "console/home.html" → set
}

func parseTemplates() (*templates, error) {
	base := template.New("").Funcs(funcs())
	base, err := base.ParseFS(templateFS, "templates/partials/*.html", "templates/layout_*.html")
	if err != nil {
		return nil, fmt.Errorf("web: templates: %w", err)
	}
	t := &templates{pages: map[string]*template.Template{}}
	for _, dir := range []string{"portal", "console"} {
		names, err := fs.Glob(templateFS, "templates/"+dir+"/*.html")
		if err != nil {
			return nil, err
		}
		for _, name := range names {
			set, err := base.Clone()
			if err != nil {
				return nil, err
			}
			if _, err := set.ParseFS(templateFS, name); err != nil {
				return nil, fmt.Errorf("web: template %s: %w", name, err)
			}
			t.pages[strings.TrimPrefix(name, "templates/")] = set
		}
	}
	return t, nil
}

// view is what every page template receives.
type view struct {
	Path  string
	CSRF  string
	User  *account.Principal // nil when nobody is signed in
	Now   time.Time
	Flash string
	D     any // the page's own data
}

// render writes a page with status 200. name is "console/x.html" or "portal/x.html".
func (s *Server) render(w http.ResponseWriter, r *http.Request, name string, data any) error {
	return s.renderWith(w, r, http.StatusOK, name, data)
}

func (s *Server) renderWith(w http.ResponseWriter, r *http.Request, status int, name string, data any) error {
	set, ok := s.tmpl.pages[name]
	if !ok {
		return fmt.Errorf("web: no template %s", name)
	}
	v := view{Path: r.URL.Path, CSRF: csrfToken(r), Now: s.now(), D: data, Flash: flash(r)}
	if sess, ok := sessionOf(r); ok {
		p := sess.Principal
		v.User = &p
	}
	layout := "layout_portal"
	if strings.HasPrefix(name, "console/") {
		layout = "layout_console"
	}
	var buf bytes.Buffer
	if err := set.ExecuteTemplate(&buf, layout, v); err != nil {
		return fmt.Errorf("web: render %s: %w", name, err)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, err := w.Write(buf.Bytes())
	return err
}

// flash is the notice a redirect() put in ?msg=. A link from another site could put any
// words there, shown as the site's own notice; browsers say where a request came from
// (Sec-Fetch-Site), and a notice arriving from anywhere but this site is not shown.
func flash(r *http.Request) string {
	if site := r.Header.Get("Sec-Fetch-Site"); site != "" && site != "same-origin" {
		return ""
	}
	return r.URL.Query().Get("msg")
}

// renderStatus renders a shared page (error.html) in the area of the request.
func (s *Server) renderStatus(w http.ResponseWriter, r *http.Request, status int, page string, data any) {
	area := "portal/"
	if strings.HasPrefix(r.URL.Path, "/console") {
		area = "console/"
	}
	if err := s.renderWith(w, r, status, area+page, data); err != nil {
		s.log.Error("render error page", "err", err)
		http.Error(w, http.StatusText(status), status)
	}
}

// redirect sends the browser to url after a successful POST, with an optional notice.
func redirect(w http.ResponseWriter, r *http.Request, url, notice string) error {
	if notice != "" {
		sep := "?"
		if strings.Contains(url, "?") {
			sep = "&"
		}
		url += sep + "msg=" + template.URLQueryEscaper(notice)
	}
	http.Redirect(w, r, url, http.StatusSeeOther)
	return nil
}

func staticHandler() http.Handler {
	sub, _ := fs.Sub(staticFS, "static")
	fsrv := http.StripPrefix("/static/", http.FileServer(http.FS(sub)))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		fsrv.ServeHTTP(w, r)
	})
}

var weekdays = []string{"日", "一", "二", "三", "四", "五", "六"}

func funcs() template.FuncMap {
	return template.FuncMap{
		"day": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.Format("2006-01-02")
		},
		"dayCN": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return fmt.Sprintf("%d年%d月%d日（周%s）", t.Year(), t.Month(), t.Day(), weekdays[t.Weekday()])
		},
		"localDay": func(t time.Time) string { // the China calendar day of an instant
			if t.IsZero() {
				return ""
			}
			return t.In(chinaTime).Format("2006-01-02")
		},
		"localDayCN": func(t time.Time) string { // the China calendar day of an instant, 2025年1月20日
			if t.IsZero() {
				return ""
			}
			return workday.FormatChinese(workday.Of(t))
		},
		"datetime": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.In(chinaTime).Format("2006-01-02 15:04")
		},
		"roleLabel": func(r account.Role) string { return r.Label() },
		"has": func(p *account.Principal, role string) bool {
			return p != nil && p.Has(account.Role(role))
		},
		"add":           func(a, b int) int { return a + b },
		"neg":           func(a int) int { return -a },
		"base":          path.Base,
		"join":          strings.Join,
		"groupFindings": groupFindings,
		"current":       navCurrent,
		"reportTables":  reportTables,
		"reportBody":    reportBody,
		"reportParts":   reportParts,
		"reportTable":   reportTable,
		"paragraphs":    paragraphs,
		"kindLabel":     oversight.KindLabel,
		"distribution":  oversight.Distribution,
		"median": func(days []int) string {
			m, ok := oversight.Median(days)
			if !ok {
				return "—"
			}
			return strconv.FormatFloat(m, 'f', -1, 64)
		},
		"percent":      func(rate float64) float64 { return 100 * rate },
		"scoreFormula": func() string { return oversight.ScoreFormula },
		"ruleLabel":    ruleLabel,
		"formatLabel":  formatLabel,
		"auditAction":  auditActionLabel,
		"auditEntity":  auditEntityLabel,
		"auditDetails": auditDetails,
		"cellValue": func(r *annualreport.Report, id string) string {
			if r == nil || r.Cells[id] == nil {
				return ""
			}
			return annualreport.FormatNumber(*r.Cells[id])
		},
	}
}

// navCurrent returns aria-current="page" for a side-bar link when the page
// path is href or lies under it, and not under one of the except prefixes
// (links of their own, such as /console/catalog/settings under /console/catalog).
func navCurrent(pagePath, href string, except ...string) template.HTMLAttr {
	under := func(p string) bool { return pagePath == p || strings.HasPrefix(pagePath, p+"/") }
	if !under(href) {
		return ""
	}
	for _, e := range except {
		if under(e) {
			return ""
		}
	}
	return ` aria-current="page"`
}

// chinaTime is UTC+8 (China has no daylight saving time).
var chinaTime = time.FixedZone("CST", 8*3600)
