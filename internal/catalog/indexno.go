package catalog

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"gongkai/internal/agency"
	"gongkai/internal/apperr"
)

// NationalIndexPattern is the 索引号 form of 《政府信息公开目录系统实施指引（试行）》:
// 前段码 (the 9-character 组织机构代码, or on most sites today the 18-character 统一社会信用代码),
// "/", the 4-digit year, "-", a 5-digit serial: 000013338/2023-00079,
// 11610802016083285C/2021-03211.
const NationalIndexPattern = "{code}/{year}-{seq:5}"

// IndexPattern is a parsed 索引号 template. The template language has four fields,
// everything else is literal text:
//
//	{code}    the agency's 组织机构代码 (9 characters) or 统一社会信用代码 (18 characters)
//	{year}    four-digit year (see IndexYear)
//	{topic}   the Topic.Num of the item's 主题分类
//	{seq:N}   the serial, zero-padded to N digits (1–9); {seq} without padding
//
// {year} and {seq} are required exactly once (the serial counts per agency per year);
// {code} and {topic} are optional, at most once. Literal text may not contain braces,
// blanks or control characters.
//
// Uniqueness is not the pattern's business: the store hands out the serial from a
// per-agency-per-year counter inside the transaction that publishes the item, and keeps
// a unique index on (agency, 索引号).
type IndexPattern struct {
	src   string
	parts []patPart
	re    *regexp.Regexp
}

type patPart struct {
	field string // "", "code", "year", "topic", "seq"
	lit   string // literal text when field == ""
	width int    // seq padding; 0 = none
}

// IndexParts are the values an 索引号 is rendered from.
type IndexParts struct {
	Code  string // agency code, upper case
	Year  int
	Topic string // Topic.Num; needed only when the pattern has {topic}
	Seq   int    // serial, from 1
}

// ParseIndexPattern validates a template and compiles it. Errors are apperr.Invalid with a
// Chinese message naming the problem.
func ParseIndexPattern(src string) (*IndexPattern, error) {
	bad := func(format string, a ...any) error {
		return apperr.Newf(apperr.Invalid, "索引号规则“%s”无效："+format, append([]any{src}, a...)...)
	}
	if strings.TrimSpace(src) == "" {
		return nil, apperr.New(apperr.Invalid, "索引号规则不能为空")
	}
	if utf8.RuneCountInString(src) > 100 {
		return nil, bad("超过100个字符")
	}
	p := &IndexPattern{src: src}
	seen := map[string]int{}
	rest := src
	for rest != "" {
		open := strings.IndexAny(rest, "{}")
		if open < 0 {
			open = len(rest)
		}
		if open > 0 {
			lit := rest[:open]
			for _, r := range lit {
				if unicode.IsSpace(r) || unicode.IsControl(r) || r == utf8.RuneError {
					return nil, bad("不能包含空白或控制字符")
				}
			}
			p.parts = append(p.parts, patPart{lit: lit})
			rest = rest[open:]
			continue
		}
		if rest[0] == '}' {
			return nil, bad("多余的“}”")
		}
		end := strings.IndexByte(rest, '}')
		if end < 0 {
			return nil, bad("“{”没有对应的“}”")
		}
		name := rest[1:end]
		rest = rest[end+1:]
		if strings.ContainsRune(name, '{') {
			return nil, bad("“{”没有对应的“}”")
		}
		part := patPart{field: name}
		if n, w, ok := strings.Cut(name, ":"); ok {
			if n != "seq" {
				return nil, bad("只有{seq}可以指定位数，“{%s}”不行", name)
			}
			width, err := strconv.Atoi(w)
			if err != nil || width < 1 || width > 9 {
				return nil, bad("流水号位数应为1到9，“%s”不行", w)
			}
			part = patPart{field: "seq", width: width}
		}
		switch part.field {
		case "code", "year", "topic", "seq":
		default:
			return nil, bad("未知的字段“{%s}”，可用字段为{code}、{year}、{topic}、{seq:N}", name)
		}
		seen[part.field]++
		if seen[part.field] > 1 {
			return nil, bad("字段{%s}只能出现一次", part.field)
		}
		if n := len(p.parts); n > 0 && p.parts[n-1].field != "" && (variableWidth(p.parts[n-1]) || variableWidth(part)) {
			// Two adjacent fields, one of variable length, could not be read back apart.
			return nil, bad("字段{%s}和{%s}之间需要分隔符", p.parts[n-1].field, part.field)
		}
		p.parts = append(p.parts, part)
	}
	if seen["year"] == 0 {
		return nil, bad("必须包含{year}（流水号按年度编排）")
	}
	if seen["seq"] == 0 {
		return nil, bad("必须包含流水号{seq:N}")
	}
	var re strings.Builder
	re.WriteString("^")
	for _, pt := range p.parts {
		switch pt.field {
		case "":
			re.WriteString(regexp.QuoteMeta(pt.lit))
		case "code":
			re.WriteString(`([0-9A-Z]{18}|[0-9A-Z]{9})`)
		case "year":
			re.WriteString(`([0-9]{4})`)
		case "topic":
			re.WriteString(`([0-9A-Z]{1,4})`)
		case "seq":
			if pt.width > 0 {
				fmt.Fprintf(&re, `([0-9]{%d})`, pt.width)
			} else {
				re.WriteString(`([1-9][0-9]*)`)
			}
		}
	}
	re.WriteString("$")
	p.re = regexp.MustCompile(re.String())
	return p, nil
}

// variableWidth reports whether a field's rendered length varies.
func variableWidth(pt patPart) bool {
	switch pt.field {
	case "code", "topic":
		return true
	case "seq":
		return pt.width == 0
	}
	return false
}

// String returns the template source.
func (p *IndexPattern) String() string { return p.src }

// UsesTopic reports whether numbers depend on the item's 主题分类.
func (p *IndexPattern) UsesTopic() bool { return p.has("topic") }

// UsesCode reports whether numbers contain the agency code.
func (p *IndexPattern) UsesCode() bool { return p.has("code") }

func (p *IndexPattern) has(field string) bool {
	for _, pt := range p.parts {
		if pt.field == field {
			return true
		}
	}
	return false
}

// MaxSeq is the largest serial the pattern can render in one year (the counter's limit).
func (p *IndexPattern) MaxSeq() int {
	for _, pt := range p.parts {
		if pt.field == "seq" && pt.width > 0 {
			m := 1
			for i := 0; i < pt.width; i++ {
				m *= 10
			}
			return m - 1
		}
	}
	return 999999999
}

var (
	agencyCodeRE = regexp.MustCompile(`^(?:[0-9A-Z]{9}|[0-9A-Z]{18})$`)
	topicNumPart = regexp.MustCompile(`^[0-9A-Z]{1,4}$`)
)

// Render builds the 索引号 for parts. It returns apperr.Invalid for malformed inputs and
// apperr.Conflict when the serial no longer fits the pattern's width (the year's numbers
// are used up).
func (p *IndexPattern) Render(v IndexParts) (string, error) {
	var b strings.Builder
	for _, pt := range p.parts {
		switch pt.field {
		case "":
			b.WriteString(pt.lit)
		case "code":
			if !agencyCodeRE.MatchString(v.Code) {
				return "", apperr.Newf(apperr.Invalid, "机关代码“%s”无效：应为9位组织机构代码或18位统一社会信用代码（数字和大写字母）", v.Code)
			}
			b.WriteString(v.Code)
		case "year":
			if v.Year < 1949 || v.Year > 9999 {
				return "", apperr.Newf(apperr.Invalid, "索引号年份“%d”无效", v.Year)
			}
			fmt.Fprintf(&b, "%04d", v.Year)
		case "topic":
			if !topicNumPart.MatchString(v.Topic) {
				return "", apperr.Newf(apperr.Invalid, "主题分类编号“%s”无效，无法生成索引号", v.Topic)
			}
			b.WriteString(v.Topic)
		case "seq":
			if v.Seq < 1 {
				return "", apperr.Newf(apperr.Invalid, "索引号流水号“%d”无效", v.Seq)
			}
			if v.Seq > p.MaxSeq() {
				return "", apperr.Newf(apperr.Conflict, "%d年度的索引号流水号已用完（最大%d），请调整索引号规则", v.Year, p.MaxSeq())
			}
			fmt.Fprintf(&b, "%0*d", pt.width, v.Seq)
		}
	}
	return b.String(), nil
}

// Parse reads an 索引号 back into its parts; ok is false when s does not follow the
// pattern. The store uses it after an import to start each year's counter above the
// highest serial already taken.
func (p *IndexPattern) Parse(s string) (IndexParts, bool) {
	m := p.re.FindStringSubmatch(s)
	if m == nil {
		return IndexParts{}, false
	}
	var v IndexParts
	i := 1
	for _, pt := range p.parts {
		if pt.field == "" {
			continue
		}
		g := m[i]
		i++
		switch pt.field {
		case "code":
			v.Code = g
		case "year":
			v.Year, _ = strconv.Atoi(g)
		case "topic":
			v.Topic = g
		case "seq":
			n, err := strconv.Atoi(g)
			if err != nil || n < 1 {
				return IndexParts{}, false
			}
			v.Seq = n
		}
	}
	return v, true
}

// IndexYear is the year an item's 索引号 is numbered in: the year of its 成文日期, or of its
// publication day when it has none (the national guideline numbers by the year the
// information was made).
func IndexYear(it Item) int {
	if !it.WrittenOn.IsZero() {
		return it.WrittenOn.Year()
	}
	return it.PublishedOn.Year()
}

// NeedsIndexNo reports whether the store must assign an 索引号 now: the item has just been
// approved (Scheduled or Published) and has none. An 索引号 once assigned never changes.
func NeedsIndexNo(it Item) bool {
	return it.IndexNo == "" && (it.State == Scheduled || it.State == Published)
}

// CheckAgencyCode checks an agency code's check character: the 18-character
// 统一社会信用代码 (GB 32100-2015) or the 9-character 组织机构代码 (GB 11714-1997).
func CheckAgencyCode(code string) error {
	switch len(code) {
	case 18:
		if err := agency.ValidateCreditCode(code); err != nil {
			return apperr.Wrap(apperr.Invalid, "统一社会信用代码“"+code+"”无效："+apperr.MessageOf(err), err)
		}
		return nil
	case 9:
		return checkOrgCode(code)
	}
	return apperr.Newf(apperr.Invalid, "机关代码“%s”应为18位统一社会信用代码或9位组织机构代码", code)
}

func checkOrgCode(code string) error {
	weights := [8]int{3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i := 0; i < 8; i++ {
		ch := code[i]
		var v int
		switch {
		case ch >= '0' && ch <= '9':
			v = int(ch - '0')
		case ch >= 'A' && ch <= 'Z':
			v = int(ch-'A') + 10
		default:
			return apperr.Newf(apperr.Invalid, "组织机构代码“%s”第%d位不是数字或大写字母", code, i+1)
		}
		sum += v * weights[i]
	}
	want := byte('0' + (11-sum%11)%11)
	if (11-sum%11)%11 == 10 {
		want = 'X'
	}
	if code[8] != want {
		return apperr.Newf(apperr.Invalid, "组织机构代码“%s”校验位不正确", code)
	}
	return nil
}

// IndexSettings checks an agency's 索引号 configuration as an administrator enters it: the
// pattern parses and, when it contains {code}, the agency code has a valid check character.
// It returns the compiled pattern and an example number for the settings page.
func IndexSettings(pattern, code string, year int) (*IndexPattern, string, error) {
	p, err := ParseIndexPattern(pattern)
	if err != nil {
		return nil, "", err
	}
	if p.UsesCode() {
		if err := CheckAgencyCode(code); err != nil {
			return nil, "", err
		}
	}
	example, err := p.Render(IndexParts{Code: code, Year: year, Topic: "02", Seq: 1})
	if err != nil {
		return nil, "", err
	}
	return p, example, nil
}
