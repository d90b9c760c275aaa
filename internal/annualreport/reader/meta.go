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

// stripTitleMarks removes tabs, spaces, ideographic spaces, 《》, # and * (as a
// strings.Replacer of them with "" would, byte for byte).
func stripTitleMarks(s string) string {
	var b []byte
	for i := 0; i < len(s); {
		n := 0
		switch c := s[i]; c {
		case '\t', ' ', '#', '*':
			n = 1
		case 0xE3: // U+3000 E3 80 80, 《 E3 80 8A, 》 E3 80 8B
			if i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0x80 || s[i+2] == 0x8A || s[i+2] == 0x8B) {
				n = 3
			}
		}
		if n == 0 {
			if b != nil {
				b = append(b, s[i])
			}
			i++
			continue
		}
		if b == nil {
			b = append(make([]byte, 0, len(s)), s[:i]...)
		}
		i += n
	}
	if b == nil {
		return s
	}
	return string(b)
}

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
	line = stripTitleMarks(line)
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
			if _, at, _ := findYearAny(t); at >= 0 {
				titleAt = k
				break
			}
			if titleAt < 0 {
				titleAt = k
			}
		}
	}
	fromTitle := false
	for k := 0; k < limit; k++ {
		raw := strings.TrimSpace(lines[k])
		if raw == "" {
			continue
		}
		t := cleanTitle(raw)
		if k == titleAt {
			y, at, end := findYearAny(t)
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
			fromTitle = agency != ""
			break
		}
		if n := utf8.RuneCountInString(t); n > 0 && n <= 30 && !strings.ContainsAny(t, "。，,:：") {
			prevShort = t
		} else {
			prevShort = ""
		}
	}
	if !fromTitle {
		agency = agencyFallback(lines, titleAt, prevShort)
	}
	if year == 0 {
		year = fallbackYear(lines)
	}
	return agency, year
}

// agencyFallback finds the agency of a report whose title does not name it: from the
// opening sentences ("现公布某局2023年…报告", "某局（以下简称“我局”）", "本报告由某局编制"),
// the signature above the date at the end, the short line above the title, or a
// 发布机构 / 来源 field. Each must look like an agency name; when the first three name
// different agencies the agency is left empty rather than guessed.
func agencyFallback(lines []string, titleAt int, prevShort string) string {
	var cands []string
	if a := agencyFromIntro(lines, titleAt); a != "" {
		cands = append(cands, a)
	}
	if a := agencyFromSignature(lines); a != "" {
		cands = append(cands, a)
	}
	if a := trimAgency(prevShort); looksAgency(a) {
		cands = append(cands, a)
	}
	if len(cands) == 0 {
		limit := len(lines)
		if limit > 80 {
			limit = 80
		}
		if a := agencyFromFields(lines[:limit]); a != "" {
			return a
		}
		return agencyFromBreadcrumb(lines[:limit])
	}
	for _, c := range cands[1:] {
		if !sameAgency(c, cands[0]) {
			return ""
		}
	}
	return cands[0]
}

// sameAgency reports two names of one agency: equal, or one the other with its place
// name before it ("某区民政局", "某市某区民政局").
func sameAgency(a, b string) bool {
	return a == b || strings.HasSuffix(a, b) || strings.HasSuffix(b, a)
}

// agencySuffixes end the names of agencies and governments.
var agencySuffixes = []string{"局", "委", "委员会", "办", "办公室", "政府", "厅", "院", "中心", "部", "署", "所", "站", "队",
	"馆", "会", "处", "科", "庭", "司", "行", "社", "镇", "乡", "街道", "公司", "集团", "室", "区", "县", "市", "省", "旗", "州", "府", "管委会", "管理委员会"}

// notAgency are words of site names, columns and captions, never of an agency name.
var notAgency = []string{"网站", "门户", "首页", "公开", "报告", "专栏", "年报", "平台", "当前位置", "栏目", "本网", "本站", "日报", "发布", "来源", "扫一扫", "打印", "关闭"}

// looksAgency reports whether s can be an agency name.
func looksAgency(s string) bool {
	n := utf8.RuneCountInString(s)
	if n < 3 || n > 30 || strings.ContainsAny(s, "，。,:：;；！？!?、“”\"|<>()（）0123456789") {
		return false
	}
	for _, w := range notAgency {
		if strings.Contains(s, w) {
			return false
		}
	}
	for _, suf := range agencySuffixes {
		if strings.HasSuffix(s, suf) {
			return true
		}
	}
	return false
}

// agencyFromIntro reads the agency from the sentences after the title.
func agencyFromIntro(lines []string, titleAt int) string {
	from := titleAt + 1
	if from < 0 {
		from = 0
	}
	to := from + 40
	if to > len(lines) {
		to = len(lines)
	}
	seen := 0
	for _, l := range lines[from:to] {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if seen++; seen > 12 {
			break // the opening sentences only
		}
		if len(l) > 1500 {
			l = l[:1500]
		}
		// "某区民政局（以下简称“我局”）"
		for _, mark := range []string{"（以下简称", "(以下简称"} {
			if i := strings.Index(l, mark); i > 0 {
				rest := strings.TrimLeft(l[i+len(mark):], "“\"‘'「 ")
				if strings.HasPrefix(rest, "我") || strings.HasPrefix(rest, "本") {
					if a := lastClause(l[:i]); looksAgency(a) {
						return a
					}
				}
			}
		}
		// "现公布某区民政局2023年度政府信息公开工作年度报告"
		for _, key := range []string{"现公布", "现将", "特公布", "现发布", "特发布", "现予公布"} {
			i := strings.Index(l, key)
			if i < 0 {
				continue
			}
			rest := l[i+len(key):]
			if _, at, _ := findYearAny(rest); at > 0 {
				if a := trimAgency(rest[:at]); looksAgency(a) {
					return a
				}
			}
		}
		// "本报告由某区民政局根据……编制"
		if i := strings.Index(l, "报告由"); i >= 0 {
			rest := l[i+len("报告由"):]
			for _, stop := range []string{"根据", "依据", "依照", "按照", "编制", "负责", "，", "。"} {
				if j := strings.Index(rest, stop); j > 0 {
					rest = rest[:j]
				}
			}
			if a := trimAgency(rest); looksAgency(a) {
				return a
			}
		}
		// "某区民政局2023年政府信息公开工作年度报告（以下简称年报）是根据……"
		if i := strings.Index(l, "政府信息公开工作年度报告"); i > 0 {
			if _, at, _ := findYearAny(l[:i]); at > 0 {
				if a := lastClause(l[:at]); looksAgency(a) {
					return a
				}
			}
		}
	}
	return ""
}

// lastClause is the text after the last punctuation mark or leading year in s.
func lastClause(s string) string {
	for _, p := range []string{"，", ",", "。", "：", ":", "；", "、", " ", "　"} {
		if i := strings.LastIndex(s, p); i >= 0 {
			s = s[i+len(p):]
		}
	}
	if _, _, end := findYearAny(s); end > 0 {
		s = strings.TrimPrefix(s[end:], "度")
	}
	return trimAgency(s)
}

// agencyFromFields reads a 发布机构 / 来源 field of the page header.
func agencyFromFields(lines []string) string {
	for _, l := range lines {
		for _, key := range []string{"发布机构", "发文机关", "发文单位", "发布单位", "发布部门", "来源单位", "信息来源", "来源"} {
			i := strings.Index(l, key)
			if i < 0 {
				continue
			}
			rest := strings.TrimLeft(l[i+len(key):], " ]】|\t：:　")
			if j := strings.IndexAny(rest, " |\t[【　"); j >= 0 {
				rest = rest[:j]
			}
			for _, stop := range []string{"发布时间", "发布日期", "发文日期", "时间", "日期", "浏览", "点击", "字号"} {
				if j := strings.Index(rest, stop); j > 0 {
					rest = rest[:j]
				}
			}
			if a := trimAgency(rest); looksAgency(a) {
				return a
			}
		}
	}
	return ""
}

// agencyFromBreadcrumb reads the last agency name in the page's breadcrumb trail
// ("当前位置：首页 > 部门信息公开 > 某区民政局 > 年度报告").
func agencyFromBreadcrumb(lines []string) string {
	for _, l := range lines {
		if !strings.Contains(l, "首页") && !strings.Contains(l, "当前位置") {
			continue
		}
		parts := strings.FieldsFunc(l, func(r rune) bool {
			return r == '>' || r == '›' || r == '»' || r == '＞' || r == '→' || r == '/' || r == '|'
		})
		if len(parts) < 2 {
			continue
		}
		for k := len(parts) - 1; k >= 0; k-- {
			p := strings.TrimSpace(strings.ReplaceAll(parts[k], "&gt;", ""))
			if i := strings.LastIndexAny(p, "：:"); i >= 0 {
				p = p[i+1:]
			}
			if a := trimAgency(p); looksAgency(a) {
				return a
			}
		}
	}
	return ""
}

// agencyFromSignature reads the signature above (or before) the date at the end of the
// report; page chrome after it is passed over.
func agencyFromSignature(lines []string) string {
	for k := len(lines) - 1; k >= 0 && k > len(lines)-80; k-- {
		l := strings.TrimSpace(lines[k])
		if !strings.HasSuffix(l, "日") {
			continue
		}
		y, at, _ := findYearAny(l)
		if y == 0 || utf8.RuneCountInString(l[at:]) > 14 {
			continue
		}
		if at > 0 {
			// "某县司法局 2024年1月20日" on one line.
			if a := trimAgency(l[:at]); looksAgency(a) {
				return a
			}
			continue
		}
		for j := k - 1; j >= 0 && j >= k-3; j-- {
			prev := strings.TrimSpace(lines[j])
			if prev == "" {
				continue
			}
			if a := trimAgency(prev); looksAgency(a) {
				return a
			}
			break
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
	if _, at, _ := findYearAny(s); at >= 0 {
		return ""
	}
	return s
}

// findYearAny is findYear, or a year in Chinese numerals ("二〇二三年") when there is
// none in digits.
func findYearAny(s string) (year int, at, end int) {
	if y, at, end := findYear(s); at >= 0 {
		return y, at, end
	}
	return findCNYear(s)
}

// findCNYear returns the first year written in Chinese digits ("二〇二三年", "二零二三年度").
func findCNYear(s string) (year int, at, end int) {
	for off := 0; ; {
		k := strings.Index(s[off:], "年")
		if k < 0 {
			return 0, -1, -1
		}
		j := off + k // the four digits are the 12 bytes before 年 (each 3 bytes in UTF-8)
		off = j + len("年")
		if j < 12 {
			continue
		}
		y, ok := 0, true
		for d := j - 12; d < j; d += 3 {
			r, n := utf8.DecodeRuneInString(s[d:])
			v := cnYearDigit(r)
			if n != 3 || v < 0 {
				ok = false
				break
			}
			y = y*10 + v
		}
		if !ok || y < 2000 || y > 2100 {
			continue
		}
		if j >= 15 {
			if r, n := utf8.DecodeRuneInString(s[j-15:]); n == 3 && cnYearDigit(r) >= 0 {
				continue // five digits
			}
		}
		return y, j - 12, j + len("年")
	}
}

// cnYearDigit is the value of a Chinese digit as written in years, or -1.
func cnYearDigit(r rune) int {
	switch r {
	case '〇', '○', '零':
		return 0
	case '一':
		return 1
	case '二':
		return 2
	case '三':
		return 3
	case '四':
		return 4
	case '五':
		return 5
	case '六':
		return 6
	case '七':
		return 7
	case '八':
		return 8
	case '九':
		return 9
	}
	return -1
}

// fallbackYear finds the report year of a report whose title has none: the statistics
// period the introduction states ("统计期限为2024年1月1日至2024年12月31日"), else "YYYY年度" near
// the top, else the year written most often; a year not before the year the report was
// published (发布日期, the date of the signature) is a plan for the next year, not the
// report year, and gives way to the year before publication when the text names it.
func fallbackYear(lines []string) int {
	if y := periodYear(lines); y != 0 {
		return y
	}
	y := 0
	limit := len(lines)
	if limit > 40 {
		limit = 40
	}
	for _, l := range lines[:limit] {
		for s := l; ; {
			yy, at, end := findYear(s)
			if at < 0 {
				break
			}
			if strings.HasPrefix(s[end:], "度") {
				y = yy
				break
			}
			s = s[end:]
		}
		if y != 0 {
			break
		}
	}
	if y == 0 {
		y = commonYear(lines)
	}
	if pub := publicationYear(lines); pub != 0 && y >= pub {
		if mentions(lines, pub-1) {
			return pub - 1
		}
		return 0
	}
	return y
}

// periodYear is Y when a line near the top states a statistics period of one whole
// calendar year: "Y年1月1日" followed in the same line by "12月31日", with no other year
// in between ("统计期限为2024年1月1日至2024年12月31日", "统计时限为2023年1月1日至12月31日",
// "自2023年1月1日起到2023年12月31日止"); 0 otherwise.
func periodYear(lines []string) int {
	limit := len(lines)
	if limit > 60 {
		limit = 60
	}
	for _, l := range lines[:limit] {
		l = strings.ReplaceAll(l, " ", "")
		for s := l; ; {
			y, at, end := findYear(s)
			if at < 0 {
				break
			}
			s = s[end:]
			if !strings.HasPrefix(s, "1月1日") {
				continue
			}
			rest := s[len("1月1日"):]
			stop := strings.Index(rest, "12月31日")
			if stop < 0 || utf8.RuneCountInString(rest[:stop]) > 12 {
				continue
			}
			if y2, at2, _ := findYear(rest[:stop]); at2 >= 0 && y2 != y {
				continue
			}
			return y
		}
	}
	return 0
}

// publicationYear is the year of a 发布日期 / 发布时间 / 发文日期 field or of the
// signature's date, or 0.
func publicationYear(lines []string) int {
	limit := len(lines)
	if limit > 40 {
		limit = 40
	}
	for _, l := range lines[:limit] {
		for _, key := range []string{"发布日期", "发布时间", "发文日期", "成文日期"} {
			if i := strings.Index(l, key); i >= 0 {
				rest := strings.TrimLeft(l[i+len(key):], " ]】|\t：:　")
				if len(rest) >= 5 && isDigit(rest[0]) && isDigit(rest[1]) && isDigit(rest[2]) && isDigit(rest[3]) && !isDigit(rest[4]) {
					if y := int(rest[0]-'0')*1000 + int(rest[1]-'0')*100 + int(rest[2]-'0')*10 + int(rest[3]-'0'); y >= 2000 && y <= 2100 {
						return y
					}
				}
			}
		}
	}
	for k := len(lines) - 1; k >= 0 && k > len(lines)-80; k-- {
		l := strings.TrimSpace(lines[k])
		if !strings.HasSuffix(l, "日") {
			continue
		}
		if y, at, _ := findYearAny(l); y != 0 && utf8.RuneCountInString(l[at:]) <= 14 {
			return y
		}
	}
	return 0
}

// mentions reports whether the text writes year y as "YYYY年".
func mentions(lines []string, y int) bool {
	for _, l := range lines {
		for s := l; ; {
			yy, at, end := findYear(s)
			if at < 0 {
				break
			}
			if yy == y {
				return true
			}
			s = s[end:]
		}
	}
	return false
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
		if t.kind != tLabel || !t.m().ok || t.m().e.kind != kSection || t.inner {
			continue
		}
		n := t.m().e.row
		if n == "一" && t.m().num == "" && !strings.HasPrefix(t.c(), "总体情况") {
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
