package reader

import (
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"
)

type tokKind uint8

const (
	tLabel tokKind = iota
	tNum
	tBlank // a cell known to be empty: "—", "/", "无", an empty cell between two others
)

type token struct {
	kind  tokKind
	val   float64
	text  string // raw text of a label or number
	c     string // canonical label
	m     match
	long  bool // a label too long to be a table label (narrative)
	line  int
	dec   bool // the number was written with a decimal point
	inner bool // the label shares its line with other cells
}

// tokenize splits normalised text into labels, numbers and known-blank cells, in
// reading order. Cells are separated by line ends, '|' and tab; within a cell,
// whitespace separates a label from the numbers after it ("规章 0 0 0").
func tokenize(text string, cn bool) []token {
	toks := make([]token, 0, len(text)/24+16)
	lineNo := 0
	var pieces []piece
	lastBar := false  // the previous non-empty line was a lone "|"
	trailBar := false // the last line with text ended its cell with " |"
	serial := false   // the table under way has a 序号 first column
	for len(text) > 0 {
		i := strings.IndexByte(text, '\n')
		line := text
		if i >= 0 {
			line = text[:i]
			text = text[i+1:]
		} else {
			text = ""
		}
		lineNo++
		if strings.IndexByte(line, '\r') >= 0 {
			line = strings.TrimRight(line, "\r")
		}
		t := trimSpace(line)
		if t == "" {
			// A line holding only a tab is an empty cell (one cell per line layouts).
			if strings.IndexByte(line, '\t') >= 0 {
				toks = append(toks, token{kind: tBlank, line: lineNo})
			}
			continue
		}
		if t == "|" {
			// Crawled tables that end every cell with a line holding "|" show an empty
			// cell as a second such line; those that end every cell's own line with " |"
			// ("0 |") show it as a line holding only the "|".
			if lastBar || trailBar {
				toks = append(toks, token{kind: tBlank, line: lineNo})
			}
			lastBar = true
			continue
		}
		lastBar = false
		trailBar = len(t) > 1 && t[len(t)-1] == '|' && t[len(t)-2] != '|'
		if isRuleLine(t) {
			continue
		}
		pieces = splitPieces(t, pieces[:0])
		if len(pieces) == 1 {
			serial = false
		} else if k := serialPiece(pieces, t, serial, cn); k >= 0 {
			if p := pieces[k].s; p == "序号" || p == "编号" {
				serial = true // the header stays: table 四 looks for it
			} else {
				pieces = append(pieces[:k], pieces[k+1:]...)
			}
		}
		first, last := -1, -1
		for k, p := range pieces {
			if p.s != "" {
				if first < 0 {
					first = k
				}
				last = k
			}
		}
		multi := first != last
		if spacedDigits(t) {
			spacedPieces(pieces, len(pieces) > 1 && pieces[0].s == "")
		}
		// A Markdown row "| a |  | b |": every cell between the outer pipes is a cell.
		md := len(t) > 2 && t[0] == '|' && t[len(t)-1] == '|' && !strings.Contains(t, "||")
		// Empty cells before a row's label are the label columns of a group printed
		// once above ("| | 2.其他法律行政法规禁止公开 | …" under "| （三）不予公开 | 1.属于…"),
		// not figures.
		lead := 0
		if md && first > 0 && isLabelPiece(pieces[first].s, cn) {
			lead = first
		}
		for k, p := range pieces {
			if p.s == "" {
				if (k > first && k < last) || (md && k > lead && k < len(pieces)-1) {
					toks = append(toks, token{kind: tBlank, line: lineNo})
				}
				continue
			}
			toks = appendWords(toks, p.s, lineNo, multi, cn)
		}
	}
	return toks
}

type piece struct{ s string }

// isLabelPiece reports a cell that is text, not a figure or a blank mark.
func isLabelPiece(s string, cn bool) bool {
	if isBlankMark(s) {
		return false
	}
	if _, _, ok := parseNumber(s); ok {
		return false
	}
	if cn {
		if _, ok := parseChinese(s); ok {
			return false
		}
	}
	return true
}

func splitPieces(t string, out []piece) []piece {
	start := 0
	for i := 0; i < len(t); i++ {
		if t[i] == '|' || t[i] == '\t' {
			out = append(out, piece{trimSpace(t[start:i])})
			start = i + 1
		}
	}
	return append(out, piece{trimSpace(t[start:])})
}

// isRuleLine reports a Markdown separator or a line of dashes.
func isRuleLine(t string) bool {
	dash := 0
	for i := 0; i < len(t); i++ {
		switch t[i] {
		case '-', '=', '+':
			dash++
		case ':', '|', ' ', '\t':
		default:
			return false
		}
	}
	return dash >= 3
}

// trimSpace trims ASCII space, tabs, the ideographic space and no-break space.
func trimSpace(s string) string {
	for len(s) > 0 {
		if c := s[0]; c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f' {
			s = s[1:]
			continue
		}
		if strings.HasPrefix(s, "\u3000") {
			s = s[3:]
			continue
		}
		if strings.HasPrefix(s, "\u00a0") {
			s = s[2:]
			continue
		}
		break
	}
	for len(s) > 0 {
		if c := s[len(s)-1]; c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f' {
			s = s[:len(s)-1]
			continue
		}
		if strings.HasSuffix(s, "\u3000") {
			s = s[:len(s)-3]
			continue
		}
		if strings.HasSuffix(s, "\u00a0") {
			s = s[:len(s)-2]
			continue
		}
		break
	}
	return s
}

// appendWords classifies the whitespace-separated words of one cell.
func appendWords(toks []token, s string, lineNo int, multi, cn bool) []token {
	if !hasSpace(s) {
		if len(s) > 3*maxLabelRunes && !noteAfterLabel(s) {
			return append(toks, token{kind: tLabel, text: s, long: true, line: lineNo})
		}
		return appendWord(toks, s, lineNo, multi, cn)
	}
	labelStart, labelEnd, words := -1, 0, 0
	numStart := -1 // index of the token of a figure of this cell
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == ' ' || r == '\u3000' || r == '\u00a0' {
			i += n
			continue
		}
		j := i
		for j < len(s) {
			q, m := utf8.DecodeRuneInString(s[j:])
			if q == ' ' || q == '\u3000' || q == '\u00a0' {
				break
			}
			j += m
		}
		w := s[i:j]
		if v, dec, ok := parseFigure(w, cn); ok {
			if labelStart >= 0 {
				toks = appendLabelRun(toks, s[labelStart:labelEnd], words, lineNo, multi)
				labelStart, words = -1, 0
			}
			toks = append(toks, token{kind: tNum, val: v, text: w, line: lineNo, dec: dec})
			numStart = len(toks) - 1
		} else if n := len(toks); labelStart < 0 && n > 0 && toks[n-1].kind == tNum && toks[n-1].line == lineNo && isUnitWord(w) && numStart == n-1 {
			// "25 件": the unit of the figure before it, in the same cell. "5000 元" stays
			// marked as yuan (not the 万元 of an amount column).
			if w == "元" {
				toks[n-1].text += w
			}
		} else if isBlankMark(w) {
			if labelStart >= 0 {
				toks = appendLabelRun(toks, s[labelStart:labelEnd], words, lineNo, multi)
				labelStart, words = -1, 0
			}
			toks = append(toks, token{kind: tBlank, text: w, line: lineNo})
		} else {
			if labelStart < 0 {
				labelStart = i
			}
			labelEnd = j
			words++
		}
		i = j
	}
	if labelStart >= 0 {
		toks = appendLabelRun(toks, s[labelStart:labelEnd], words, lineNo, multi)
	}
	return toks
}

// appendWord classifies a cell without spaces.
func appendWord(toks []token, w string, lineNo int, multi, cn bool) []token {
	if v, dec, ok := parseFigure(w, cn); ok {
		return append(toks, token{kind: tNum, val: v, text: w, line: lineNo, dec: dec})
	}
	if isBlankMark(w) {
		return append(toks, token{kind: tBlank, text: w, line: lineNo})
	}
	return appendLabel(toks, w, lineNo, multi)
}

// appendLabelRun adds the label made of consecutive words. Words are joined ("名 称",
// "第二十条 第（一）项") unless the joined text is unknown and the words are known
// labels on their own ("行政复议 行政诉讼" in a one-row-per-line table).
func appendLabelRun(toks []token, run string, words, lineNo int, multi bool) []token {
	if words <= 1 || words > 64 || len(run) > 40*maxLabelRunes {
		return appendLabel(toks, run, lineNo, multi)
	}
	if lookupWhole(canon(run)) {
		return appendLabel(toks, run, lineNo, multi)
	}
	ws := strings.FieldsFunc(run, func(r rune) bool { return r == ' ' || r == '\u3000' || r == '\u00a0' })
	// At each word, the shortest run of words that is a known label.
	known := false
	var parts []string
	for i := 0; i < len(ws); {
		best := 0
		top := i + 4 // a label split over more than four words is not looked for
		if top > len(ws) {
			top = len(ws)
		}
		for j := i + 1; j <= top; j++ { // shortest first: a long label swallows a short tail
			if lookupWhole(canon(strings.Join(ws[i:j], ""))) {
				best = j
				break
			}
		}
		if best == 0 {
			// unknown word: glue it to the unknown run before it
			if len(parts) > 0 && !lookupWhole(canon(parts[len(parts)-1])) {
				parts[len(parts)-1] += ws[i]
			} else {
				parts = append(parts, ws[i])
			}
			i++
			continue
		}
		known = true
		parts = append(parts, strings.Join(ws[i:best], ""))
		i = best
	}
	if !known {
		return appendLabel(toks, run, lineNo, multi)
	}
	for _, p := range parts {
		toks = appendLabel(toks, p, lineNo, true)
	}
	return toks
}

// hasSpace reports a space, an ideographic space or a no-break space in s.
func hasSpace(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ':
			return true
		case 0xE3: // U+3000 is E3 80 80
			if i+2 < len(s) && s[i+1] == 0x80 && s[i+2] == 0x80 {
				return true
			}
		case 0xC2: // U+00A0 is C2 A0
			if i+1 < len(s) && s[i+1] == 0xA0 {
				return true
			}
		}
	}
	return false
}

func appendLabel(toks []token, raw string, lineNo int, multi bool) []token {
	tk := token{kind: tLabel, text: raw, line: lineNo, inner: multi}
	if len(raw) > 4*maxLabelRunes && !noteAfterLabel(raw) {
		tk.long = true
		return append(toks, tk)
	}
	tk.c, tk.m = cachedLookup(raw)
	if !tk.m.ok {
		tk.long = utf8.RuneCountInString(tk.c) > 40
		// "行政许可3409": a row label glued to its figure.
		k := len(tk.c)
		for k > 0 && tk.c[k-1] >= '0' && tk.c[k-1] <= '9' {
			k--
		}
		if k > 0 && k < len(tk.c) {
			if m := lookup(tk.c[:k]); m.ok && (m.e.kind == kActiveRow || m.e.kind == kAppRow || m.e.kind == kLegacyRow) {
				digits := tk.c[k:]
				v, _ := strconv.ParseFloat(digits, 64)
				tk.c, tk.m, tk.long = tk.c[:k], m, false
				return append(toks, tk, token{kind: tNum, val: v, text: digits, line: lineNo})
			}
		}
	}
	return append(toks, tk)
}

// noteAfterLabel reports a cell that opens a bracket within its first 40 characters
// and ends with one: a label followed by a note, however long the note.
func noteAfterLabel(raw string) bool {
	if len(raw) > 2000 || !(strings.HasSuffix(raw, ")") || strings.HasSuffix(raw, "）")) {
		return false
	}
	head := raw
	if len(head) > 120 {
		head = head[:120]
	}
	return strings.Contains(head, "(") || strings.Contains(head, "（")
}

// labelCache remembers what a raw label text canonicalises to and matches: the
// statutory labels recur in every report. It stops growing at maxCached entries, so
// unusual texts cost the lookup again but never unbounded memory.
var (
	labelCache  sync.Map // raw string → cachedLabel
	cachedCount atomic.Int64
)

const maxCached = 50_000 // at most a few MB of label texts

type cachedLabel struct {
	c string
	m match
}

func cachedLookup(raw string) (string, match) {
	if v, ok := labelCache.Load(raw); ok {
		cl := v.(cachedLabel)
		return cl.c, cl.m
	}
	c := canon(raw)
	m := lookup(c)
	if len(raw) <= 160 && cachedCount.Load() < maxCached {
		// Key by a copy: raw points into the whole document, which must not be kept alive.
		labelCache.Store(strings.Clone(raw), cachedLabel{c: strings.Clone(c), m: m})
		cachedCount.Add(1)
	}
	return c, m
}

// isBlankMark reports the marks reports print in an empty cell.
func isBlankMark(w string) bool {
	switch w {
	case "—", "——", "-", "--", "/", "／", "无", "－", "–", "─", "空", "\\", "null", "NULL", "N/A", "—/—", "×":
		return true
	}
	return false
}

var unitSuffixes = []string{"万元", "人次", "件", "条", "项", "个", "元", "次", "家", "份"}

// parseFigure reads a figure in Arabic digits, and in Chinese numerals when cn is set.
func parseFigure(w string, cn bool) (v float64, dec bool, ok bool) {
	if v, dec, ok = parseNumber(w); ok || !cn {
		return v, dec, ok
	}
	v, ok = parseChinese(w)
	return v, false, ok
}

// parseNumber reads a figure: optional sign, digits (full-width allowed) with optional
// thousands commas, optional decimals, optional unit after it.
func parseNumber(w string) (v float64, dec bool, ok bool) {
	if w == "" {
		return 0, false, false
	}
	// 本年增/减 written as 增3 / 减9 / 增加3 / 减少9 / 持平.
	if rest, sign, found := changeWord(w); found {
		v, dec, ok = parseNumber(rest)
		return sign * v, dec, ok
	}
	if w == "持平" {
		return 0, false, true
	}
	var buf [48]byte
	b := buf[:0]
	i := 0
	for i < len(w) {
		r, n := utf8.DecodeRuneInString(w[i:])
		switch {
		case r >= '0' && r <= '9':
			b = append(b, byte(r))
		case r >= '０' && r <= '９':
			b = append(b, byte(r-'０'+'0'))
		case r == '-' || r == '−' || r == '－' || r == '–':
			if len(b) != 0 {
				return 0, false, false
			}
			b = append(b, '-')
		case r == '+' || r == '＋':
			if len(b) != 0 {
				return 0, false, false
			}
		case r == '.' || r == '．':
			if dec {
				return 0, false, false
			}
			dec = true
			b = append(b, '.')
		case r == ',' || r == '，':
			// thousands separator: exactly three digits must follow
			if len(b) == 0 || dec || !threeDigitsFollow(w[i+n:]) {
				return 0, false, false
			}
		default:
			rest := w[i:]
			for _, u := range unitSuffixes {
				if rest == u {
					goto done
				}
			}
			return 0, false, false
		}
		if len(b) >= len(buf) {
			return 0, false, false
		}
		i += n
	}
done:
	if len(b) == 0 || b[len(b)-1] == '.' || b[0] == '.' || (len(b) == 1 && b[0] == '-') || (b[0] == '-' && b[1] == '.') {
		return 0, false, false
	}
	f, err := strconv.ParseFloat(string(b), 64)
	if err != nil {
		return 0, false, false
	}
	return f, dec, true
}

func threeDigitsFollow(s string) bool {
	cnt := 0
	for _, r := range s {
		if (r >= '0' && r <= '9') || (r >= '０' && r <= '９') {
			cnt++
			continue
		}
		break
	}
	return cnt == 3
}

// serialPiece returns the index of the piece of a table row that is its 序号 cell, or
// -1: the header "序号" itself, or, in a table with that header (serial), a first cell
// that is empty or a serial number ("1", "（一）", "一、") followed by a label.
func serialPiece(pieces []piece, line string, serial, cn bool) int {
	k := 0
	if line[0] == '|' && pieces[0].s == "" {
		k = 1 // the empty piece before a leading pipe
	}
	if k >= len(pieces) {
		return -1
	}
	p := pieces[k].s
	if p == "序号" || p == "编号" {
		return k
	}
	if !serial || k+1 >= len(pieces) {
		return -1
	}
	next := ""
	for _, q := range pieces[k+1:] {
		if q.s != "" {
			next = q.s
			break
		}
	}
	if next == "" {
		return -1
	}
	if f := strings.Fields(next); len(f) > 0 {
		next = f[0] // "1 件"
	}
	if _, _, ok := parseFigure(next, cn); ok || isBlankMark(next) {
		return -1 // the first cell is a figure or a label's neighbour, not a serial number
	}
	if p == "" || isSerial(p) {
		return k
	}
	return -1
}

// isSerial reports a serial number: 1, 12, 一, （三）, (2), 3., 四、
func isSerial(s string) bool {
	s = strings.Trim(s, "（）()、.．")
	if s == "" || len(s) > 12 {
		return false
	}
	if v, dec, ok := parseNumber(s); ok && !dec && v >= 0 && v < 1000 && s[0] >= '0' && s[0] <= '9' {
		return true
	}
	_, ok := parseChinese(s)
	return ok
}

// isUnitWord reports a unit written apart from its figure ("25 件").
func isUnitWord(w string) bool {
	switch w {
	case "件", "项", "个", "条", "次", "人次", "家", "份", "元", "万元":
		return true
	}
	return false
}

// changeWord splits a change written in words (增3, 增加3, 减9, 减少9) into its figure
// and sign.
func changeWord(w string) (rest string, sign float64, ok bool) {
	if w == "" || w[0] < 0x80 {
		return "", 0, false
	}
	for _, p := range []struct {
		word string
		sign float64
	}{{"增加", 1}, {"减少", -1}, {"增", 1}, {"减", -1}} {
		if rest, found := strings.CutPrefix(w, p.word); found && rest != "" && rest[0] >= '0' && rest[0] <= '9' {
			return rest, p.sign, true
		}
	}
	return "", 0, false
}
