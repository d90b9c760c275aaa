package web

import (
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"

	tc "gongkai/internal/textcheck"
)

// maxFormValues bounds the number of values of one request (query and form together).
const maxFormValues = 5000

// maxEcho is the largest refused value shown back whole; a longer one is shown cut to
// its field's limit (the rest stays in the visitor's browser, one page back).
const maxEcho = 256 << 10

// inputRefusal is a request refused at the boundary, shown back as a form holding what
// was typed, the refused field marked, to be corrected and sent again.
type inputRefusal struct {
	Status    int
	Message   string
	Method    string
	Action    string
	Multipart bool
	Fields    []echoField
	Files     []string // file fields of a multipart form, to be chosen again
}

// echoField is one submitted value on the refusal page.
type echoField struct {
	Name      string
	Label     string
	Value     string
	Problem   string // the message when this value was refused
	Multiline bool
	Secret    bool // a password: never shown back
	Cut       bool // shown cut to the field's limit
}

var wildcardRe = regexp.MustCompile(`\{([A-Za-z_][A-Za-z0-9_]*)(\.\.\.)?\}`)

// secretFields are never echoed back.
var secretFields = map[string]bool{"password": true, "current": true, "new": true, "confirm": true}

// checkInput applies the boundary rules to every path wildcard, query parameter, form
// value and uploaded file name of a request to pattern; nil when all pass. Called by
// s.public and s.console before any handler, so every route is covered.
func (s *Server) checkInput(r *http.Request, pattern string) *inputRefusal {
	for _, m := range wildcardRe.FindAllStringSubmatch(pattern, -1) {
		rule, ok := pathRules[m[1]]
		if !ok {
			rule = tc.LineOf("网址", 200)
		}
		if p := rule.Check(r.PathValue(m[1])); p != nil {
			s.log.Info("input refused", "method", r.Method, "path", pattern, "wildcard", m[1], "reason", p.Reason.String())
			return &inputRefusal{Status: http.StatusBadRequest, Message: "网址有误：" + p.Error()}
		}
	}
	query := r.URL.Query() // pairs with broken %-escapes are dropped, as handlers see them
	var form url.Values
	multipart := strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data")
	if isUnsafe(r.Method) {
		var err error
		if multipart {
			err = r.ParseMultipartForm(maxUpload)
		} else {
			err = r.ParseForm()
		}
		if err != nil {
			s.log.Info("input refused", "method", r.Method, "path", pattern, "reason", "unreadable form", "err", err)
			return &inputRefusal{Status: http.StatusBadRequest, Message: "表单无法读取（格式有误或内容过大），请返回上一页检查后重新提交"}
		}
		form = r.PostForm
	}
	if countValues(query)+countValues(form) > maxFormValues {
		return &inputRefusal{Status: http.StatusBadRequest, Message: "提交的项目过多，请返回上一页检查后重新提交"}
	}
	ref := &inputRefusal{Status: http.StatusBadRequest, Method: r.Method, Action: r.URL.Path, Multipart: multipart}
	bad := 0
	check := func(vals url.Values, inForm bool) {
		for _, name := range sortedKeys(vals) {
			rule, _ := ruleFor(pattern, name)
			for _, v := range vals[name] {
				f := echoField{Name: tc.Clean(name, tc.Line), Label: rule.Label, Multiline: rule.Kind == tc.Text, Secret: secretFields[name]}
				if p := (tc.Rule{Label: "字段名", MaxLen: 100}).Check(name); p != nil {
					f.Name, f.Problem = "", "提交了无法识别的字段名"
				} else if p := rule.Check(v); p != nil {
					f.Problem = p.Error()
					s.log.Info("input refused", "method", r.Method, "path", pattern, "field", f.Name, "reason", p.Reason.String())
				}
				if f.Problem != "" {
					bad++
					if ref.Message == "" {
						ref.Message = f.Problem
					}
				}
				if f.Secret {
					v = ""
				}
				f.Value, f.Cut = echoValue(v, rule)
				if !inForm && r.Method != http.MethodGet {
					continue // a POST's query parameters stay in the action
				}
				if f.Name != "" && f.Name != csrfField {
					ref.Fields = append(ref.Fields, f)
				}
			}
		}
	}
	check(query, false)
	check(form, true)
	if isUnsafe(r.Method) && r.URL.RawQuery != "" {
		ref.Action += "?" + cleanQuery(query).Encode()
	}
	if multipart && r.MultipartForm != nil {
		for _, name := range sortedKeys(r.MultipartForm.File) {
			ref.Files = append(ref.Files, tc.Clean(name, tc.Line))
			for _, fh := range r.MultipartForm.File[name] {
				if p := fileNameRule.Check(fh.Filename); p != nil {
					bad++
					if ref.Message == "" {
						ref.Message = p.Error()
					}
					s.log.Info("input refused", "method", r.Method, "path", pattern, "field", "filename", "reason", p.Reason.String())
				}
			}
		}
	}
	if bad == 0 {
		return nil
	}
	if bad > 1 {
		ref.Message += "（另有" + strconv.Itoa(bad-1) + "处问题，已在下方标出）"
	}
	return ref
}

func countValues(v url.Values) int {
	n := 0
	for _, vs := range v {
		n += len(vs)
	}
	return n
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// echoValue is v as shown back: cleaned of bytes a page cannot hold, and cut to the
// field's limit when it is very long.
func echoValue(v string, rule tc.Rule) (string, bool) {
	cut := false
	if len(v) > maxEcho {
		n, limit, end := 0, rule.Limit(), len(v)
		for i := range v { // invalid bytes count one character each
			if n == limit || i >= maxEcho {
				end = i
				break
			}
			n++
		}
		v, cut = v[:end], end < len(v)
	}
	kind := rule.Kind
	if kind == tc.Int {
		kind = tc.Line
	}
	return tc.Clean(v, kind), cut
}

func cleanQuery(q url.Values) url.Values {
	out := url.Values{}
	for k, vs := range q {
		for _, v := range vs {
			out.Add(tc.Clean(k, tc.Line), tc.Clean(v, tc.Line))
		}
	}
	return out
}

// renderRefusal answers a request refused at the boundary.
func (s *Server) renderRefusal(w http.ResponseWriter, r *http.Request, ref *inputRefusal) {
	if ref.Method == "" {
		s.renderStatus(w, r, ref.Status, "error.html", map[string]any{"Status": ref.Status, "Message": ref.Message})
		return
	}
	s.renderStatus(w, r, ref.Status, "input_error.html", ref)
}
