package web

// The boundary check, proven over the route table: every route, every parameter its
// handler reads (found in the handler's source, so a new route or a new field is covered
// without editing this file), gets NUL, invalid UTF-8 and a 1 MB value, and answers 4xx
// with a message — never 5xx, never a write.

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"gongkai/internal/store/storetest"
	tc "gongkai/internal/textcheck"
)

// handlerSource is what the non-test source of package web says about the routes.
type handlerSource struct {
	handlers map[string]string               // route pattern → handler method name
	literals map[string]map[string]bool      // function or method name → string literals in it
	calls    map[string]map[string]bool      // function or method name → functions and s.methods it uses
	reads    map[string]map[string]token.Pos // names read as parameters (PostFormValue("x"), q.Get("x"), …) → where
	fset     *token.FileSet
}

func parseHandlerSource(t *testing.T) *handlerSource {
	t.Helper()
	hs := &handlerSource{handlers: map[string]string{}, literals: map[string]map[string]bool{}, calls: map[string]map[string]bool{},
		reads: map[string]map[string]token.Pos{}, fset: token.NewFileSet()}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(hs.fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			hs.scanFunc(fd.Name.Name, fd.Body)
		}
	}
	return hs
}

func (hs *handlerSource) scanFunc(fn string, body ast.Node) {
	lits, calls := map[string]bool{}, map[string]bool{}
	hs.literals[fn], hs.calls[fn] = lits, calls
	read := func(e ast.Expr) {
		if bl, ok := e.(*ast.BasicLit); ok && bl.Kind == token.STRING {
			if s, err := strconv.Unquote(bl.Value); err == nil {
				if hs.reads[s] == nil {
					hs.reads[s] = map[string]token.Pos{}
				}
				hs.reads[s][fn] = bl.Pos()
			}
		}
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.BasicLit:
			if x.Kind == token.STRING {
				if s, err := strconv.Unquote(x.Value); err == nil {
					lits[s] = true
				}
			}
		case *ast.SelectorExpr:
			// s.method, called or passed on.
			if id, ok := x.X.(*ast.Ident); ok && id.Name == "s" {
				calls[x.Sel.Name] = true
			}
		case *ast.CallExpr:
			if id, ok := x.Fun.(*ast.Ident); ok {
				calls[id.Name] = true
			}
			// Registrations: s.public("GET /x", s.h) and s.console("GET /x", roles, s.h).
			if sel, ok := x.Fun.(*ast.SelectorExpr); ok && (sel.Sel.Name == "public" || sel.Sel.Name == "console") && len(x.Args) >= 2 {
				if bl, ok := x.Args[0].(*ast.BasicLit); ok {
					if h, ok := x.Args[len(x.Args)-1].(*ast.SelectorExpr); ok {
						pattern, _ := strconv.Unquote(bl.Value)
						hs.handlers[pattern] = h.Sel.Name
					}
				}
			}
			// Parameter reads.
			if len(x.Args) == 1 {
				switch fun := x.Fun.(type) {
				case *ast.SelectorExpr:
					switch fun.Sel.Name {
					case "PostFormValue", "FormValue", "FormFile":
						read(x.Args[0])
					case "Get":
						// Query and form values; header names (Cache-Control) are not field names.
						if bl, ok := x.Args[0].(*ast.BasicLit); ok && !strings.Contains(exprString(fun.X), "Header") && fieldNameRe.MatchString(strings.Trim(bl.Value, "\"")) {
							read(x.Args[0])
						}
					}
				case *ast.Ident:
					// The handlers' short readers: f := func(k string) string { … r.PostFormValue(k) … }.
					if bl, ok := x.Args[0].(*ast.BasicLit); ok && len(fun.Name) == 1 && fieldNameRe.MatchString(strings.Trim(bl.Value, "\"")) {
						read(x.Args[0])
					}
				}
			}
		case *ast.IndexExpr:
			if sel, ok := x.X.(*ast.SelectorExpr); ok && (sel.Sel.Name == "PostForm" || sel.Sel.Name == "Form") {
				read(x.Index)
			}
		}
		return true
	})
}

func exprString(e ast.Expr) string {
	switch x := e.(type) {
	case *ast.Ident:
		return x.Name
	case *ast.SelectorExpr:
		return exprString(x.X) + "." + x.Sel.Name
	case *ast.CallExpr:
		return exprString(x.Fun) + "()"
	}
	return ""
}

var fieldNameRe = regexp.MustCompile(`^[a-z_][a-z0-9_]*$`)

// generatedParts are read as parts of generated names (m3_penalty: see patternRules).
var generatedParts = map[string]string{"penalty": "m1_penalty", "licensing": "m1_licensing", "fees": "m1_fees", "enforcement": "m1_enforcement"}

// params lists the parameter names the handler of pattern (and everything it calls in
// this package) may read: the string literals of that code that are field names with a
// rule, the generated names of the pattern rules, and "x", a name no handler reads.
func (hs *handlerSource) params(pattern string) []string {
	seen := map[string]bool{}
	var visit func(fn string)
	lits := map[string]bool{}
	visit = func(fn string) {
		if seen[fn] || hs.literals[fn] == nil {
			return
		}
		seen[fn] = true
		for l := range hs.literals[fn] {
			lits[l] = true
		}
		for c := range hs.calls[fn] {
			visit(c)
		}
	}
	visit(hs.handlers[pattern])
	var out []string
	for l := range lits {
		if _, ok := fieldRules[l]; ok {
			out = append(out, l)
		} else if _, ok := routeFieldRules[pattern][l]; ok {
			out = append(out, l)
		}
	}
	if lits["m%d_%s"] {
		out = append(out, "m1_penalty")
	}
	if lits["delete_"] || lits["delete_%d"] {
		out = append(out, "delete_0")
	}
	sort.Strings(out)
	return append(out, "x")
}

// badValues are the values every parameter is sent (control characters other than NUL
// are refused by the same scan: TestCheck, and TestRefusalKeepsTypedValues end to end).
var badValues = []struct{ name, v string }{
	{"NUL", "a\x00b"},
	{"invalid UTF-8", "\xff\xfe\xb9\xab"},
	{"1 MB", strings.Repeat("a", 1<<20)},
}

// TestEveryParameterRefusesBadBytes is generated from the route table: see above.
func TestEveryParameterRefusesBadBytes(t *testing.T) {
	hs := parseHandlerSource(t)
	eachEnv(t, func(t *testing.T, e *testEnv) {
		anon := e.anon()
		anon.get("/console/login")
		admin := e.login("admin")
		before := markAudit(t, e.db)
		routes := append(append([]string{}, e.srv.publicRoutes...), e.srv.consoleRoutes...)
		if len(routes) < 60 {
			t.Fatalf("only %d routes", len(routes))
		}
		requests, pairs := 0, 0
		for _, pattern := range routes {
			if _, ok := hs.handlers[pattern]; !ok {
				t.Errorf("%s: no registration found in the source", pattern)
				continue
			}
			method, p := splitPattern(pattern)
			p = fillAny(p)
			c := anon
			if strings.HasPrefix(p, "/console/") {
				c = admin
			}
			for _, name := range hs.params(pattern) {
				pairs++
				for _, bv := range badValues {
					requests++
					what := fmt.Sprintf("%s %s=%s", pattern, name, bv.name)
					var resp *http.Response
					var body string
					if method == "GET" {
						resp, body = c.get(p + "?" + url.Values{name: {bv.v}}.Encode())
						if resp.StatusCode == http.StatusRequestHeaderFieldsTooLarge || resp.StatusCode == http.StatusRequestURITooLong {
							// Refused by net/http before any handler (the request line is over its
							// 1 MB limit): the check itself gets a value it can read, still too long.
							if rule, _ := ruleFor(pattern, name); rule.Kind != tc.Int && rule.Limit() < 100<<10 {
								resp, body = c.get(p + "?" + url.Values{name: {strings.Repeat("a", 100<<10)}}.Encode())
								checkRefused(t, what+" (100 KB)", resp, body)
							}
							continue
						}
					} else {
						resp, body = c.post(p, url.Values{name: {bv.v}})
					}
					checkRefused(t, what, resp, body)
				}
			}
			if method != "GET" {
				// A multipart form is checked the same way.
				requests++
				resp, body := multipartPost(c, p, url.Values{csrfField: {c.csrf}, "x": {"a\x00b"}}, "", "", "", nil)
				checkRefused(t, pattern+" multipart x=NUL", resp, body)
			}
			// A bad path segment.
			if wildcardRe.MatchString(pattern) {
				requests++
				bad := wildcardRe.ReplaceAllString(strings.ReplaceAll(strings.SplitN(pattern, " ", 2)[1], "{$}", ""), "%00")
				var resp *http.Response
				var body string
				if method == "GET" {
					resp, body = c.get(bad)
				} else {
					resp, body = c.post(bad, nil)
				}
				if resp.StatusCode != http.StatusNotFound && resp.StatusCode != http.StatusMethodNotAllowed {
					checkRefused(t, pattern+" path NUL", resp, body)
				}
			}
		}
		t.Logf("%d routes, %d route parameters, %d requests", len(routes), pairs, requests)
		if after := markAudit(t, e.db); after != before {
			t.Errorf("refused requests wrote: audit %+v → %+v", before, after)
		}
	})
}

func checkRefused(t *testing.T, what string, resp *http.Response, body string) {
	t.Helper()
	if resp.StatusCode < 400 || resp.StatusCode >= 500 {
		t.Errorf("%s: status %d, want 4xx", what, resp.StatusCode)
		return
	}
	if !strings.Contains(body, `class="error"`) {
		t.Errorf("%s: %d without a message", what, resp.StatusCode)
	}
}

// TestRefusalKeepsTypedValues: the refusal page names the field and holds what was typed,
// to be sent again; passwords are not shown back.
func TestRefusalKeepsTypedValues(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		c := e.login("admin")
		resp, body := c.post("/console/agencies", url.Values{"name": {"新机关\x01名称"}, "short_name": {"新机关"}, "office_address": {"人民路1号"}})
		if resp.StatusCode != http.StatusBadRequest {
			t.Fatalf("status %d", resp.StatusCode)
		}
		for _, want := range []string{"“机关名称”第4个字符", `value="新机关�名称"`, `name="short_name" value="新机关"`, `name="office_address" value="人民路1号"`, `action="/console/agencies"`, `name="_csrf"`} {
			if !strings.Contains(body, want) {
				t.Errorf("refusal page lacks %q\n%s", want, body)
			}
		}
		// A sign-in refused at the boundary: the field named, the password not shown back.
		anon := e.anon()
		anon.get("/console/login")
		resp, body = anon.post("/console/login", url.Values{"username": {"admin\x00"}, "password": {"secret-password"}})
		if resp.StatusCode != http.StatusBadRequest || strings.Contains(body, "secret-password") || !strings.Contains(body, "“用户名”") {
			t.Errorf("sign-in refusal: %d, password echoed: %v", resp.StatusCode, strings.Contains(body, "secret-password"))
		}
		// A query: the search form comes back with the words.
		resp, body = anon.get("/search?q=" + url.QueryEscape("卫生\x00健康") + "&page=2")
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, `value="卫生�健康"`) || !strings.Contains(body, `method="get"`) || !strings.Contains(body, "“检索词”") {
			t.Errorf("search refusal: %d\n%s", resp.StatusCode, body)
		}
		// Page numbers far out of range are refused, not computed with.
		resp, body = c.get("/console/catalog?page=9223372036854775807")
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "“页码”应为1至100000之间的整数") {
			t.Errorf("huge page: %d", resp.StatusCode)
		}
	})
}

// TestEveryFieldHasARule: every name a handler reads as a parameter, and every name a
// template submits, has a boundary rule of its own (not the default for unknown names).
func TestEveryFieldHasARule(t *testing.T) {
	hs := parseHandlerSource(t)
	known := func(name string) bool {
		if _, ok := fieldRules[name]; ok {
			return true
		}
		for _, m := range routeFieldRules {
			if _, ok := m[name]; ok {
				return true
			}
		}
		_, ok := ruleFor("", name)
		return ok
	}
	for name, where := range hs.reads {
		if g, ok := generatedParts[name]; ok {
			name = g
		}
		if name == "" || strings.ContainsAny(name, " %/") || known(name) {
			continue
		}
		for fn, pos := range where {
			t.Errorf("%s: %s reads parameter %q, which has no rule in fieldRules", hs.fset.Position(pos), fn, name)
		}
	}
	nameRe := regexp.MustCompile(`<(?:input|select|textarea|button)\b[^>]*\bname="([^"]+)"[^>]*>`)
	tmplExpr := regexp.MustCompile(`\{\{[^}]*\}\}`)
	err := fs.WalkDir(os.DirFS("templates"), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(filepath.Join("templates", path))
		if err != nil {
			return err
		}
		for _, m := range nameRe.FindAllStringSubmatch(string(b), -1) {
			name := tmplExpr.ReplaceAllString(m[1], "1")
			if name == "1" || known(name) || strings.Contains(m[0], `type="file"`) { // file names: fileNameRule
				continue
			}
			t.Errorf("templates/%s: field %q has no rule in fieldRules", path, m[1])
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range fieldRules {
		if r.Label == "" {
			t.Error("a rule without a label")
		}
	}
	// The wildcard rules bound every wildcard of the route table.
	e := newEnvWith(t, storetest.Open(t, "sqlite")) // the routes only: one database is enough
	for _, pattern := range append(append([]string{}, e.srv.publicRoutes...), e.srv.consoleRoutes...) {
		for _, m := range wildcardRe.FindAllStringSubmatch(pattern, -1) {
			if _, ok := pathRules[m[1]]; !ok {
				t.Errorf("%s: wildcard {%s} has no rule in pathRules", pattern, m[1])
			}
		}
	}
	if r, _ := ruleFor("", "m12_fees"); r.Label != "12月行政事业性收费" || r.Kind != tc.Line {
		t.Errorf("pattern rule: %+v", r)
	}
}
