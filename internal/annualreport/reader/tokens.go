package reader

import (
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"
	"unsafe"
)

type tokKind uint8

const (
	tLabel tokKind = iota
	tNum
	tBlank // a cell known to be empty: "—", "/", "无", an empty cell between two others
)

type token struct {
	val   float64
	text  string     // raw text of a label or number
	lab   *labelInfo // what a label canonicalises to and matches; nil for figures, blanks and long labels
	line  int
	kind  tokKind
	long  bool // a label too long to be a table label (narrative)
	dec   bool // the number was written with a decimal point
	inner bool // the label shares its line with other cells
	glued bool // a figure glued to the end of the label before it ("行政许可3409")
}

// labelInfo is what a label text canonicalises to and matches, shared by every token
// of that text (labelCache).
type labelInfo struct {
	c    string // canonical label
	bare string // c without its item number (stripNumbering)
	m    match
	long bool // not a label, and longer than 40 runes
	// A row label glued to its figure ("行政许可3409"): the label's own info and the
	// figure.
	glued  *labelInfo
	digits string
	val    float64
	// Known labels run together ("自然人法人或其他组织总计"): each part's info.
	parts []*labelInfo
	unit  string // the unit glued between a pre-2019 row label and its figures
	// unitFigure: the text is a unit and its figure, nothing else ("条77", a pre-2019
	// table's second line of a row).
	unitFigure bool
}

var noMatch match

// c is the canonical text of a label, or "".
func (t *token) c() string {
	if t.lab == nil {
		return ""
	}
	return t.lab.c
}

// bare is the canonical text of a label without its item number, or "".
func (t *token) bare() string {
	if t.lab == nil {
		return ""
	}
	return t.lab.bare
}

// m is the match of a label (not ok for anything else). It must not be modified.
func (t *token) m() *match {
	if t.lab == nil {
		return &noMatch
	}
	return &t.lab.m
}

// tokenize splits normalised text, given with its lines (splitLines), into labels,
// numbers and known-blank cells, in reading order. Cells are separated by line ends,
// '|' and tab; within a cell, whitespace separates a label from the numbers after it
// ("规章 0 0 0").
//
// The slice comes from a pool: give it back with releaseTokens when done.
func tokenize(text string, lines []string, cn bool) []token {
	toks := getTokens(len(text)/24 + 16)
	lineNo := 0
	var pieces []piece
	var sc runScratch
	lastBar := false  // the previous non-empty line was a lone "|"
	trailBar := false // the last line with text ended its cell with " |"
	serial := false   // the table under way has a 序号 first column
	for _, line := range lines {
		lineNo++
		if len(line) > 0 && line[len(line)-1] == '\r' {
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
			toks = appendWords(toks, p.s, lineNo, multi, cn, &sc)
		}
	}
	return toks
}

// tokenPool keeps token slices from report to report.
var tokenPool sync.Pool // *[]token

func getTokens(want int) []token {
	if p, ok := tokenPool.Get().(*[]token); ok && cap(*p) >= want {
		return (*p)[:0]
	}
	return make([]token, 0, want)
}

// releaseTokens returns toks, no longer used, to the pool, dropping what its tokens
// refer to (the document's text).
func releaseTokens(toks []token) {
	if cap(toks) > 1<<17 {
		return
	}
	clear(toks)
	tokenPool.Put(&toks)
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
	if len(t) < 64 { // a short line: one pass over its bytes
		start := 0
		for i := 0; i < len(t); i++ {
			if t[i] == '|' || t[i] == '\t' {
				out = append(out, piece{trimSpace(t[start:i])})
				start = i + 1
			}
		}
		return append(out, piece{trimSpace(t[start:])})
	}
	// The next '|' and the next tab, found with IndexByte: most lines have neither.
	bar, tab := strings.IndexByte(t, '|'), strings.IndexByte(t, '\t')
	start := 0
	for bar >= 0 || tab >= 0 {
		i := bar
		if i < 0 || (tab >= 0 && tab < i) {
			i = tab
		}
		out = append(out, piece{trimSpace(t[start:i])})
		start = i + 1
		if bar >= 0 && bar < start {
			if bar = strings.IndexByte(t[start:], '|'); bar >= 0 {
				bar += start
			}
		}
		if tab >= 0 && tab < start {
			if tab = strings.IndexByte(t[start:], '\t'); tab >= 0 {
				tab += start
			}
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
func appendWords(toks []token, s string, lineNo int, multi, cn bool, sc *runScratch) []token {
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
				toks = appendLabelRun(toks, s[labelStart:labelEnd], words, lineNo, multi, sc)
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
				toks = appendLabelRun(toks, s[labelStart:labelEnd], words, lineNo, multi, sc)
				labelStart, words = -1, 0
			}
			toks = append(toks, token{kind: tBlank, text: w, line: lineNo})
		} else if cutFraction(w) {
			if labelStart >= 0 {
				toks = appendLabelRun(toks, s[labelStart:labelEnd], words, lineNo, multi, sc)
				labelStart, words = -1, 0
			}
			toks = appendLabel(toks, unreadableFigure, lineNo, multi)
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
		toks = appendLabelRun(toks, s[labelStart:labelEnd], words, lineNo, multi, sc)
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
	if cutFraction(w) {
		return appendLabel(toks, unreadableFigure, lineNo, multi)
	}
	return appendLabel(toks, w, lineNo, multi)
}

// cutFraction reports a word that is a figure's decimals cut from it (".49", "．４９":
// a converter or a font set the point apart from the digits before it). No figure
// starts with its point: taken as a label, the figure before it was read without its
// decimals (2684 for 2684.49); it is an unreadable figure, and its row is not read.
func cutFraction(w string) bool {
	r, n := utf8.DecodeRuneInString(w)
	if r != '.' && r != '．' || n == len(w) {
		return false
	}
	for _, r := range w[n:] {
		if !(r >= '0' && r <= '9' || r >= '０' && r <= '９') {
			return false
		}
	}
	return true
}

// runScratch holds appendLabelRun's buffers, reused from run to run.
type runScratch struct {
	ws    []string // the words
	cw    []string // each word canonicalised rune by rune (canonRunes)
	isC   []bool   // isCanon of each word
	parts []runPart
	buf   []byte
	// invalid: the run is not valid UTF-8
	invalid bool
}

// runPart is words [from, to) of a run; known is 1 when they form a known label, 0
// when not, -1 when not yet looked up.
type runPart struct {
	from, to int
	known    int8
}

// appendLabelRun adds the label made of consecutive words. Words are joined ("名 称",
// "第二十条 第（一）项") unless the joined text is unknown and the words are known
// labels on their own ("行政复议 行政诉讼" in a one-row-per-line table).
//
// canon maps rune by rune and drops the spaces between words, so the canon of words
// joined is their canons joined: each word is canonicalised once and the candidates
// are looked up from a scratch buffer, without allocating.
func appendLabelRun(toks []token, run string, words, lineNo int, multi bool, sc *runScratch) []token {
	if words <= 1 || words > 64 || len(run) > 40*maxLabelRunes {
		return appendLabel(toks, run, lineNo, multi)
	}
	sc.ws, sc.cw, sc.isC = sc.ws[:0], sc.cw[:0], sc.isC[:0]
	for i := 0; i < len(run); {
		r, n := utf8.DecodeRuneInString(run[i:])
		if r == ' ' || r == '\u3000' || r == '\u00a0' {
			i += n
			continue
		}
		j := i + n
		for j < len(run) {
			q, m := utf8.DecodeRuneInString(run[j:])
			if q == ' ' || q == '\u3000' || q == '\u00a0' {
				break
			}
			j += m
		}
		w := run[i:j]
		sc.ws = append(sc.ws, w)
		isC := isCanon(w)
		sc.isC = append(sc.isC, isC)
		if isC && !hasRareSpace(w) {
			sc.cw = append(sc.cw, w)
		} else {
			sc.cw = append(sc.cw, canonRunes(w))
		}
		i = j
	}
	ws := sc.ws
	// Invalid UTF-8 (only ReadText can be given it) may join into other runes when
	// the spaces between words go: then the joined texts are built and canonicalised.
	sc.invalid = !utf8.ValidString(run)
	// The run has spaces between its words, so canon takes it rune by rune.
	if (sc.invalid && lookupWhole(canon(run))) || (!sc.invalid && sc.lookup(0, len(ws), false)) {
		return appendLabel(toks, run, lineNo, multi)
	}
	// At each word, the shortest run of words that is a known label.
	known := false
	parts := sc.parts[:0]
	for i := 0; i < len(ws); {
		best := 0
		top := i + 4 // a label split over more than four words is not looked for
		if top > len(ws) {
			top = len(ws)
		}
		for j := i + 1; j <= top; j++ { // shortest first: a long label swallows a short tail
			if sc.whole(i, j) {
				best = j
				break
			}
		}
		if best == 0 {
			// unknown word: glue it to the unknown run before it
			if n := len(parts); n > 0 && !sc.partKnown(&parts[n-1]) {
				parts[n-1].to, parts[n-1].known = i+1, -1
			} else {
				parts = append(parts, runPart{i, i + 1, 0})
			}
			i++
			continue
		}
		known = true
		parts = append(parts, runPart{i, best, 1})
		i = best
	}
	sc.parts = parts
	if !known {
		return appendLabel(toks, run, lineNo, multi)
	}
	for _, p := range parts {
		toks = appendLabel(toks, strings.Join(ws[p.from:p.to], ""), lineNo, true)
	}
	return toks
}

// whole reports whether words [from, to) joined without spaces are a label by
// themselves: lookupWhole(canon(strings.Join(words, ""))).
func (sc *runScratch) whole(from, to int) bool {
	if sc.invalid {
		return lookupWhole(canon(strings.Join(sc.ws[from:to], "")))
	}
	raw := true // the joined words pass isCanon: canon keeps them as they are
	for _, c := range sc.isC[from:to] {
		raw = raw && c
	}
	return sc.lookup(from, to, raw)
}

// lookup is lookupWhole of words [from, to) joined: as written when raw, else
// canonicalised rune by rune.
func (sc *runScratch) lookup(from, to int, raw bool) bool {
	words := sc.cw
	if raw {
		words = sc.ws
	}
	b := sc.buf[:0]
	for _, w := range words[from:to] {
		b = append(b, w...)
	}
	sc.buf = b
	if len(b) == 0 {
		return lookupWhole("")
	}
	// The string is looked up and not kept.
	return lookupWhole(unsafe.String(&b[0], len(b)))
}

func (sc *runScratch) partKnown(p *runPart) bool {
	if p.known < 0 {
		p.known = 0
		if sc.whole(p.from, p.to) {
			p.known = 1
		}
	}
	return p.known == 1
}

// hasRareSpace reports a Unicode space that canon drops but isCanon lets through:
// U+1680, U+2000–U+200A, U+202F, U+205F.
func hasRareSpace(w string) bool {
	for i := 0; i+2 < len(w); i++ {
		switch w[i] {
		case 0xE1:
			if w[i+1] == 0x9A && w[i+2] == 0x80 {
				return true
			}
		case 0xE2:
			if (w[i+1] == 0x80 && (w[i+2] <= 0x8A || w[i+2] == 0xAF)) || (w[i+1] == 0x81 && w[i+2] == 0x9F) {
				return true
			}
		}
	}
	return false
}

// hasSpace reports a space, an ideographic space or a no-break space in s.
func hasSpace(s string) bool {
	if len(s) >= 64 { // a long text: three vector searches beat a loop over its bytes
		return strings.IndexByte(s, ' ') >= 0 || strings.Contains(s, "\u3000") || strings.Contains(s, "\u00a0")
	}
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
	lab := cachedLookup(raw)
	if lab.glued != nil {
		tk.lab = lab.glued
		toks = append(toks, tk)
		if lab.unit != "" {
			toks = append(toks, token{kind: tLabel, text: lab.unit, line: lineNo, inner: true, lab: cachedUnit(lab.unit)})
		}
		if lab.digits != "" {
			toks = append(toks, token{kind: tNum, val: lab.val, text: lab.digits, line: lineNo, glued: true})
		}
		return toks
	}
	if lab.unitFigure {
		return append(toks, token{kind: tLabel, text: lab.unit, line: lineNo, inner: true, lab: cachedUnit(lab.unit)},
			token{kind: tNum, val: lab.val, text: lab.digits, line: lineNo, glued: true})
	}
	if lab.parts != nil {
		for _, p := range lab.parts {
			toks = append(toks, token{kind: tLabel, text: p.c, line: lineNo, inner: true, lab: p})
		}
		return toks
	}
	tk.lab, tk.long = lab, lab.long
	return append(toks, tk)
}

// newLabelInfo canonicalises and looks up a label text.
func newLabelInfo(raw string) *labelInfo {
	c := canon(raw)
	lab := &labelInfo{c: c, m: lookup(c)}
	lab.bare, _ = stripNumbering(c)
	if base, unit, digits := splitGlued(c); base != "" && (!lab.m.ok || lab.m.e.prefix) {
		// "行政许可3409", "（七）总计37", "行政事业性收费912.13", "全年收到政府信息公开申请数件215":
		// a row label glued to its figures, or to its unit (a label followed by a note
		// may have swallowed them: "（二）部分公开（…不计其他情形）0").
		if m := lookup(base); m.ok && (m.e.kind == kActiveRow || m.e.kind == kAppRow || m.e.kind == kLegacyRow || m.e.kind == kAppSpecial && unit == "") && (!lab.m.ok || m.e == lab.m.e) && (unit == "" || m.e.kind == kLegacyRow) {
			lab.m = noMatch
			lab.digits, lab.unit = digits, unit
			lab.val, _ = strconv.ParseFloat(digits, 64)
			lab.glued = &labelInfo{c: base, m: m}
			lab.glued.bare, _ = stripNumbering(base)
		}
	}
	if base, unit, digits := splitGlued(c); !lab.m.ok && base == "" && unit != "" && digits != "" {
		lab.unitFigure, lab.unit, lab.digits = true, unit, digits
		lab.val, _ = strconv.ParseFloat(digits, 64)
	}
	if (!lab.m.ok || exact[c] == nil && (lab.m.e.prefix || lab.m.e.anyTail)) && lab.glued == nil && !lab.unitFigure {
		// Labels run together; a label that takes any tail may have taken the others.
		if lab.parts = runTogetherLabels(c); lab.parts != nil {
			lab.m = noMatch
		}
	}
	if !lab.m.ok && lab.glued == nil && lab.parts == nil && !lab.unitFigure {
		lab.long = utf8.RuneCountInString(c) > 40
		// "行政许可3409": a row label glued to its figure.
		k := len(c)
		for k > 0 && c[k-1] >= '0' && c[k-1] <= '9' {
			k--
		}
		if k > 0 && k < len(c) {
			if m := lookup(c[:k]); m.ok && (m.e.kind == kActiveRow || m.e.kind == kAppRow || m.e.kind == kLegacyRow) {
				lab.digits = c[k:]
				lab.val, _ = strconv.ParseFloat(lab.digits, 64)
				lab.glued = &labelInfo{c: c[:k], m: m}
				lab.glued.bare, _ = stripNumbering(c[:k])
			}
		}
	}
	return lab
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
//
// Readers look up an immutable map through an atomic pointer, without locking; new
// entries wait in a locked map until there are enough of them to publish a new
// immutable map with them (copying costs O(1) per entry over time).
var labelCache struct {
	read  atomic.Pointer[map[string]*labelInfo]
	mu    sync.Mutex
	dirty map[string]*labelInfo // entries not yet in read
	count int                   // entries in read and dirty
	full  atomic.Bool           // count reached maxCached: no more locking
}

const maxCached = 50_000 // at most a few MB of label texts

func cachedLookup(raw string) *labelInfo {
	if m := labelCache.read.Load(); m != nil {
		if lab, ok := (*m)[raw]; ok {
			return lab
		}
	}
	if len(raw) > 160 || labelCache.full.Load() {
		return newLabelInfo(raw)
	}
	c := &labelCache
	c.mu.Lock()
	defer c.mu.Unlock()
	if lab, ok := c.dirty[raw]; ok {
		return lab
	}
	if c.count >= maxCached {
		return newLabelInfo(raw)
	}
	// Key by a copy: raw points into the whole document, which must not be kept
	// alive (nor by the canonical text, which may be raw itself).
	raw = strings.Clone(raw)
	lab := newLabelInfo(raw)
	if c.dirty == nil {
		c.dirty = map[string]*labelInfo{}
	}
	c.dirty[raw] = lab
	c.count++
	read := c.read.Load()
	if n := len(c.dirty); read == nil || n >= 64+len(*read)/4 || c.count == maxCached {
		m := make(map[string]*labelInfo, c.count)
		if read != nil {
			for k, v := range *read {
				m[k] = v
			}
		}
		for k, v := range c.dirty {
			m[k] = v
		}
		c.read.Store(&m)
		c.dirty = nil
		c.full.Store(c.count >= maxCached)
	}
	return lab
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
	// Most figures are plain ASCII digits: below 10^15 their value is exact as an
	// integer, as ParseFloat would read it.
	if len(w) <= 15 {
		n := int64(0)
		i := 0
		for ; i < len(w); i++ {
			c := w[i]
			if c < '0' || c > '9' {
				break
			}
			n = n*10 + int64(c-'0')
		}
		if i == len(w) {
			return float64(n), false, true
		}
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
