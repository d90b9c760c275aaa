package reader

import (
	"sort"
	"strings"
	"unicode/utf8"

	ar "gongkai/internal/annualreport"
)

// findYear returns the first report year ("2020年", "2020 年度") in s, or 0.
func findYear(s string) (year int, at, end int) {
	for i := 0; i+4 <= len(s); i++ {
		c := s[i]
		if c != '1' && c != '2' {
			continue
		}
		if i > 0 && s[i-1] >= '0' && s[i-1] <= '9' {
			continue
		}
		if !(isDigit(s[i+1]) && isDigit(s[i+2]) && isDigit(s[i+3])) {
			continue
		}
		if i+4 < len(s) && isDigit(s[i+4]) {
			continue
		}
		y := int(c-'0')*1000 + int(s[i+1]-'0')*100 + int(s[i+2]-'0')*10 + int(s[i+3]-'0')
		if y < 2000 || y > 2100 {
			continue
		}
		j := i + 4
		for j < len(s) && s[j] == ' ' {
			j++
		}
		if strings.HasPrefix(s[j:], "年") {
			return y, i, j + len("年")
		}
	}
	return 0, -1, -1
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

var titleCleaner = strings.NewReplacer("\t", "", " ", "", "\u3000", "", "《", "", "》", "", "#", "", "*", "")

// cleanTitle strips site chrome around a title: brackets, pipes, 名称 fields.
func cleanTitle(line string) string {
	if strings.Contains(line, "|") {
		for _, p := range strings.Split(line, "|") {
			if strings.Contains(p, "信息公开") && strings.Contains(p, "报告") {
				line = p
				break
			}
		}
	}
	line = titleCleaner.Replace(line)
	return strings.Trim(line, "[]【】:：")
}

// detectMeta finds the agency and the report year from the title, and the year from the
// text when the title has none.
func detectMeta(lines []string) (agency string, year int) {
	prevShort := ""
	limit := len(lines)
	if limit > 80 {
		limit = 80
	}
	// The title: the first title-like line with a year, else the first without.
	titleAt := -1
	for k := 0; k < limit; k++ {
		if t := cleanTitle(strings.TrimSpace(lines[k])); isTitle(t) {
			if _, at, _ := findYear(t); at >= 0 {
				titleAt = k
				break
			}
			if titleAt < 0 {
				titleAt = k
			}
		}
	}
	for k := 0; k < limit; k++ {
		raw := strings.TrimSpace(lines[k])
		if raw == "" {
			continue
		}
		t := cleanTitle(raw)
		if k == titleAt {
			y, at, end := findYear(t)
			var before, after string
			if at >= 0 {
				before, after = t[:at], t[end:]
				year = y
			} else {
				before = t
			}
			if i := strings.Index(before, "政府信息公开"); i >= 0 {
				before = before[:i]
			} else if i := strings.Index(before, "信息公开"); i >= 0 {
				before = before[:i]
			}
			agency = trimAgency(before)
			if agency == "" && at >= 0 {
				a := strings.TrimPrefix(after, "度")
				if i := strings.Index(a, "政府信息公开"); i > 0 {
					agency = trimAgency(a[:i])
				}
			}
			if agency == "" {
				agency = trimAgency(prevShort)
			}
			break
		}
		if n := utf8.RuneCountInString(t); n > 0 && n <= 30 && !strings.ContainsAny(t, "。，,:：") {
			prevShort = t
		} else {
			prevShort = ""
		}
	}
	if agency == "" {
		agency = agencyFromFields(lines[:limit])
	}
	if agency == "" {
		agency = agencyFromSignature(lines)
	}
	if year == 0 {
		year = commonYear(lines)
	}
	return agency, year
}

// agencyFromFields reads a 发布机构 / 来源 field of the page header.
func agencyFromFields(lines []string) string {
	for _, l := range lines {
		for _, key := range []string{"发布机构", "发文机关", "信息来源", "来源"} {
			i := strings.Index(l, key)
			if i < 0 {
				continue
			}
			rest := strings.TrimLeft(l[i+len(key):], " ]】|\t：:　")
			if j := strings.IndexAny(rest, " |\t[【　"); j >= 0 {
				rest = rest[:j]
			}
			if a := trimAgency(rest); a != "" && utf8.RuneCountInString(a) >= 3 && !strings.ContainsAny(a, "，。") {
				return a
			}
		}
	}
	return ""
}

// agencyFromSignature reads the signature above the date at the end of the report.
func agencyFromSignature(lines []string) string {
	for k := len(lines) - 1; k > 0 && k > len(lines)-15; k-- {
		l := strings.TrimSpace(lines[k])
		if y, at, _ := findYear(l); y == 0 || at != 0 || !strings.HasSuffix(l, "日") || utf8.RuneCountInString(l) > 14 {
			continue
		}
		prev := strings.TrimSpace(lines[k-1])
		if n := utf8.RuneCountInString(prev); n >= 3 && n <= 30 && !strings.ContainsAny(prev, "，。,:：") {
			return trimAgency(prev)
		}
	}
	return ""
}

func isTitle(t string) bool {
	return strings.Contains(t, "信息公开") && strings.Contains(t, "报告") && utf8.RuneCountInString(t) <= 70 &&
		!strings.ContainsAny(t, "。>›»＞→/／") && !strings.Contains(t, "&gt;")
}

func trimAgency(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "关于")
	s = strings.TrimSuffix(s, "关于")
	s = strings.TrimSuffix(s, "的")
	s = strings.Trim(s, "-—_:：()（）[]【】<>《》 ")
	if utf8.RuneCountInString(s) > 40 {
		return ""
	}
	if _, at, _ := findYear(s); at >= 0 {
		return ""
	}
	return s
}

// commonYear is the year written most often as "YYYY年" outside full dates.
func commonYear(lines []string) int {
	count := map[int]int{}
	for _, l := range lines {
		s := l
		for {
			y, at, end := findYear(s)
			if at < 0 {
				break
			}
			rest := s[end:]
			if !(len(rest) > 0 && isDigit(rest[0])) { // not "2020年3月"
				count[y]++
			}
			s = rest
		}
	}
	best, bn := 0, 0
	for y, n := range count {
		if n > bn || (n == bn && y < best) {
			best, bn = y, n
		}
	}
	return best
}

var sectionOrder = map[string]int{"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6}

// sections lists the sections found, in order, and the line where each starts.
func sections(toks []token) (list []string, start map[string]int) {
	start = map[string]int{}
	for i := range toks {
		t := &toks[i]
		if t.kind != tLabel || !t.m.ok || t.m.e.kind != kSection || t.inner {
			continue
		}
		n := t.m.e.row
		if n == "一" && t.m.num == "" && !strings.HasPrefix(t.c, "总体情况") {
			continue // 概述 counts only as a numbered heading
		}
		if _, ok := start[n]; !ok {
			start[n] = t.line
			list = append(list, n)
		}
	}
	sort.Slice(list, func(i, j int) bool { return sectionOrder[list[i]] < sectionOrder[list[j]] })
	return list, start
}

var sectionTitles = map[string]string{
	"二": "二、主动公开政府信息情况", "三": "三、收到和处理政府信息公开申请情况",
	"四": "四、政府信息公开行政复议、行政诉讼情况", "六": "六、其他需要报告的事项",
}

// statements returns the sentences of sections 三, 四 and 六 (and 二) that state in
// words what the tables would show, e.g. 未接到申请.
func statements(lines []string, start map[string]int, want map[string]bool) []ar.Finding {
	type span struct {
		n    string
		from int
	}
	var spans []span
	for n, l := range start {
		spans = append(spans, span{n, l})
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].from < spans[j].from })
	var out []ar.Finding
	for k, sp := range spans {
		if !want[sp.n] {
			continue
		}
		to := len(lines)
		if k+1 < len(spans) {
			to = spans[k+1].from - 1
		}
		for li := sp.from; li < to && li < len(lines); li++ { // sp.from is 1-based: body starts after the heading
			for _, sent := range splitSentences(lines[li]) {
				if isStatement(sp.n, sent) {
					out = append(out, ar.Finding{Rule: ar.RuleNarrativeOnly,
						Message: sectionTitles[sp.n] + "仅有文字说明：" + sent})
				}
			}
		}
	}
	return out
}

func splitSentences(line string) []string {
	line = strings.TrimSpace(strings.Trim(line, "|\t "))
	if line == "" {
		return nil
	}
	var out []string
	for _, s := range strings.SplitAfter(line, "。") {
		if s = strings.TrimSpace(s); s != "" && utf8.RuneCountInString(s) <= 200 {
			out = append(out, s)
		}
	}
	return out
}

func containsAny(s string, subs ...string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}

func isStatement(section, s string) bool {
	neg := containsAny(s, "未", "没有", "无", "0件", "零")
	switch section {
	case "二":
		return neg && containsAny(s, "规章", "规范性文件", "行政许可", "行政处罚", "收费")
	case "三":
		return neg && containsAny(s, "申请")
	case "四":
		return neg && containsAny(s, "复议", "诉讼")
	case "六":
		return containsAny(s, "信息处理费", "收费", "收取") && (neg || containsAny(s, "不"))
	}
	return false
}
