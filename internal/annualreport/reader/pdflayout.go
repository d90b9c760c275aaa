package reader

import (
	"html"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// This file rebuilds a PDF's lines and tables from the positions of its characters and
// its ruling lines, and writes them as the HTML the HTML reader takes (a <p> per line,
// a <table> per table with colspan and rowspan), so that every rule of the table logic
// applies to PDF files as it does to web pages and Word documents. It is pure: pages in,
// HTML out (FuzzPDFLayout).

const (
	lineTol   = 1.6 // points: ruling lines closer than this are one line
	coverTol  = 2.5 // points: a gap a border may have and still separate two cells
	maxTables = 200 // tables per page
	maxGrid   = 120 // rows or columns of one table's grid
)

// pdfLine is a line of text outside the tables: its characters left to right.
type pdfLine struct {
	y0, y1 float64
	chars  []pdfChar
}

func (l *pdfLine) text() string { return charsText(l.chars, l.y1-l.y0) }

// pdfCell is a cell of a ruled table: where it starts on the grid, what it spans.
type pdfCell struct {
	row, col, rowspan, colspan int
	text                       string
	// open: no border on some side. A table whose rows have fewer cells than others
	// leaves such an area; with no text in it, it is no cell.
	open bool
}

// pdfTable is a table found on a page: its grid and cells.
type pdfTable struct {
	x0, y0, x1, y1 float64
	xs, ys         []float64 // the grid lines
	cells          []*pdfCell
	nrows          int
	unruled        bool // found by the alignment of its text, not by lines
}

// pdfBlock is what a page holds from top to bottom: a line of text or a table.
type pdfBlock struct {
	y     float64
	line  *pdfLine
	table *pdfTable
}

// layoutPDF writes the pages as one HTML document.
func layoutPDF(pages []pdfPage) string {
	h, _ := layoutPDFTables(pages)
	return h
}

// layoutPDFTables is layoutPDF, and says whether figures were placed by position alone:
// a table without ruling lines was found, or no ruled table with figures at all.
func layoutPDFTables(pages []pdfPage) (string, bool) {
	blocks := make([][]pdfBlock, len(pages))
	for k := range pages {
		blocks[k] = pageBlocks(&pages[k])
	}
	dropRunning(pages, blocks)
	for k := range blocks {
		blocks[k] = unruledTables(blocks[k])
	}
	var b strings.Builder
	b.WriteString("<html><body>\n")
	var open *pdfTable // the last table written, still open for a continuation
	for _, page := range blocks {
		for _, bl := range page {
			switch {
			case bl.line != nil:
				t := strings.TrimSpace(bl.line.text())
				if t == "" {
					continue
				}
				if open != nil {
					b.WriteString(tableHTML2(open))
					open = nil
				}
				b.WriteString("<p>" + html.EscapeString(t) + "</p>\n")
			case bl.table != nil:
				if open != nil && continues(open, bl.table) {
					open.append(bl.table)
					continue
				}
				if open != nil {
					b.WriteString(tableHTML2(open))
				}
				open = bl.table
			}
		}
	}
	if open != nil {
		b.WriteString(tableHTML2(open))
	}
	b.WriteString("</body></html>\n")
	ruled, unruled := 0, 0
	for _, page := range blocks {
		for _, bl := range page {
			if bl.table == nil {
				continue
			}
			if bl.table.unruled {
				unruled++
				continue
			}
			for _, c := range bl.table.cells {
				if strings.IndexFunc(c.text, unicode.IsDigit) >= 0 {
					ruled++
					break
				}
			}
		}
	}
	return b.String(), unruled > 0 || ruled == 0
}

// continues reports whether t goes on where open stopped (nothing between them but
// page furniture): the same outer borders, and the column lines of one among the other's
// (the rows on one page may merge columns that rows on the other split).
func continues(open, t *pdfTable) bool {
	if open.unruled || t.unruled {
		return open.unruled && t.unruled && sameColumns(open.xs, t.xs)
	}
	if math.Abs(open.x0-t.x0) > 2*lineTol || math.Abs(open.x1-t.x1) > 2*lineTol {
		return false
	}
	return subset(open.xs, t.xs) || subset(t.xs, open.xs)
}

// sameColumns reports whether two tables without lines have their columns in the same
// places: as many, each centre within 8 points.
func sameColumns(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for k := 1; k < len(a); k++ {
		if math.Abs((a[k-1]+a[k])/2-(b[k-1]+b[k])/2) > 8 {
			return false
		}
	}
	return true
}

// subset reports whether every position of a is one of b's.
func subset(a, b []float64) bool {
	for _, x := range a {
		if nearest(b, x) < 0 {
			return false
		}
	}
	return true
}

// nearest is the index of the position of xs within 2·lineTol of x, or -1.
func nearest(xs []float64, x float64) int {
	for k, v := range xs {
		if math.Abs(v-x) <= 2*lineTol {
			return k
		}
	}
	return -1
}

// regrid moves the cells of t onto the column lines xs (a superset of t's).
func (t *pdfTable) regrid(xs []float64) {
	for _, c := range t.cells {
		a, b := nearest(xs, t.xs[c.col]), nearest(xs, t.xs[c.col+c.colspan])
		if a >= 0 && b > a {
			c.col, c.colspan = a, b-a
		}
	}
	t.xs = xs
}

// append adds the rows of t (the same table continued on the next page) to open,
// leaving out t's first rows when they repeat open's header rows.
func (open *pdfTable) append(t *pdfTable) {
	if len(t.xs) > len(open.xs) {
		open.regrid(t.xs)
	} else {
		t.regrid(open.xs)
	}
	skip := 0
	for r := 0; r < t.nrows && r < open.nrows; r++ {
		if rowText(t, r) != rowText(open, r) || rowHasFigure(t, r) {
			break
		}
		skip = r + 1
	}
	for _, c := range t.cells {
		if c.row < skip {
			continue
		}
		cc := *c
		cc.row = c.row - skip + open.nrows
		open.cells = append(open.cells, &cc)
	}
	open.nrows += t.nrows - skip
	open.y1 = t.y1
}

func rowText(t *pdfTable, r int) string {
	var parts []string
	for _, c := range t.cells {
		if c.row == r {
			parts = append(parts, strconv.Itoa(c.col)+":"+strconv.Itoa(c.colspan)+":"+c.text)
		}
	}
	return strings.Join(parts, "|")
}

func rowHasFigure(t *pdfTable, r int) bool {
	for _, c := range t.cells {
		if c.row == r && strings.IndexFunc(c.text, unicode.IsDigit) >= 0 {
			return true
		}
	}
	return false
}

// mergeSubRows folds a grid row into the row above when all it holds is text under an
// empty cell of that row, every other cell of the row above reaching down over it (a
// row drawn with a line across one cell only: the cells of a row that Word or
// LibreOffice laid out with different heights).
func (t *pdfTable) mergeSubRows() {
	for r := 1; r < t.nrows; r++ {
		var above, here []*pdfCell
		spanning := 0
		for _, c := range t.cells {
			switch {
			case c.row == r:
				here = append(here, c)
			case c.row == r-1 && c.rowspan == 1:
				above = append(above, c)
			case c.row < r && c.row+c.rowspan > r:
				spanning++
			}
		}
		if len(here) == 0 || spanning == 0 {
			continue
		}
		ok := true
		var into []*pdfCell
		for _, c := range here {
			var match *pdfCell
			for _, a := range above {
				if a.col == c.col && a.colspan == c.colspan && a.text == "" && c.rowspan == 1 {
					match = a
				}
			}
			if match == nil {
				ok = false
				break
			}
			into = append(into, match)
		}
		if !ok {
			continue
		}
		for k, c := range here {
			into[k].text = c.text
		}
		kept := t.cells[:0]
		for _, c := range t.cells {
			switch {
			case c.row == r:
				continue
			case c.row < r && c.row+c.rowspan > r:
				c.rowspan--
			case c.row > r:
				c.row--
			}
			kept = append(kept, c)
		}
		t.cells = kept
		t.nrows--
		r--
	}
}

// tableHTML2 writes a table with its merged cells.
func tableHTML2(t *pdfTable) string {
	t.mergeSubRows()
	sort.SliceStable(t.cells, func(i, j int) bool {
		if t.cells[i].row != t.cells[j].row {
			return t.cells[i].row < t.cells[j].row
		}
		return t.cells[i].col < t.cells[j].col
	})
	var b strings.Builder
	b.WriteString("<table>\n")
	k := 0
	for r := 0; r < t.nrows; r++ {
		b.WriteString("<tr>")
		// A header row's empty cells at its end are the space a ragged row leaves.
		end := k
		for end < len(t.cells) && t.cells[end].row == r {
			end++
		}
		last := end
		if !rowHasFigure(t, r) {
			for last > k && t.cells[last-1].text == "" {
				last--
			}
		}
		for ; k < end; k++ {
			c := t.cells[k]
			if (c.open && c.text == "") || k >= last {
				continue
			}
			b.WriteString("<td")
			if c.colspan > 1 {
				b.WriteString(` colspan="` + strconv.Itoa(c.colspan) + `"`)
			}
			if c.rowspan > 1 {
				b.WriteString(` rowspan="` + strconv.Itoa(c.rowspan) + `"`)
			}
			b.WriteString(">" + html.EscapeString(c.text) + "</td>")
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</table>\n")
	return b.String()
}

// pageBlocks finds a page's ruled tables, puts its other characters into lines, and
// returns both from top to bottom.
func pageBlocks(p *pdfPage) []pdfBlock {
	chars := make([]pdfChar, 0, len(p.Chars))
	for _, c := range p.Chars {
		if !finite(c.X0, c.X1, c.Y0, c.Y1) {
			continue
		}
		switch {
		case c.R == ' ' || c.R == 0xA0 || c.R == 0x3000 || c.R == '\t':
			c.R = ' ' // a gap, kept to tell words apart
		case c.R < ' ' || c.R == 0xFFFE || c.R == 0xFFFF || unicode.IsSpace(c.R):
			continue // line ends PDFium adds
		}
		chars = append(chars, c)
	}
	tables := ruledTables(p.Rules)
	var blocks []pdfBlock
	inTable := make([]int, len(chars))
	for k := range inTable {
		inTable[k] = -1
	}
	// A character belongs to the table its centre is in, or failing that the one its
	// box reaches into (text overflowing a cell cut by a page break).
	for pass := 0; pass < 2; pass++ {
		for ti, t := range tables {
			for k := range chars {
				c := &chars[k]
				cx, cy := (c.X0+c.X1)/2, (c.Y0+c.Y1)/2
				if inTable[k] >= 0 || cx <= t.x0 || cx >= t.x1 {
					continue
				}
				if (pass == 0 && cy > t.y0 && cy < t.y1) || (pass == 1 && c.Y1 > t.y0 && c.Y0 < t.y1) {
					inTable[k] = ti
				}
			}
		}
	}
	for ti, t := range tables {
		var own []pdfChar
		for k := range chars {
			if inTable[k] == ti {
				own = append(own, chars[k])
			}
		}
		t.fill(own)
		blocks = append(blocks, pdfBlock{y: t.y0, table: t})
	}
	var free []pdfChar
	for k := range chars {
		if inTable[k] < 0 {
			free = append(free, chars[k])
		}
	}
	for _, l := range groupLines(free) {
		blocks = append(blocks, pdfBlock{y: l.y0, line: l})
	}
	sort.SliceStable(blocks, func(i, j int) bool { return blocks[i].y < blocks[j].y })
	return blocks
}

func finite(v ...float64) bool {
	for _, x := range v {
		if math.IsNaN(x) || math.IsInf(x, 0) || math.Abs(x) > 1e6 {
			return false
		}
	}
	return true
}

// groupLines puts characters into lines. The full-height characters make the lines: a
// character joins the line its box overlaps by half its height or more. The small ones
// (quotes, points, 一, dashes) then join the line whose band they fall in, and spaces
// the line whose band holds their foot. Each line reads left to right.
func groupLines(chars []pdfChar) []*pdfLine {
	var hs []float64
	for _, c := range chars {
		if c.R != ' ' {
			hs = append(hs, c.Y1-c.Y0)
		}
	}
	if len(hs) == 0 {
		return nil
	}
	sort.Float64s(hs)
	tall := 0.6 * hs[len(hs)/2]
	sort.SliceStable(chars, func(i, j int) bool { return chars[i].Y0+chars[i].Y1 < chars[j].Y0+chars[j].Y1 })
	var lines []*pdfLine
	add := func(l *pdfLine, c pdfChar) {
		l.chars = append(l.chars, c)
		l.y0, l.y1 = math.Min(l.y0, c.Y0), math.Max(l.y1, c.Y1)
	}
	for _, c := range chars {
		h := c.Y1 - c.Y0
		if c.R == ' ' || h < tall {
			continue
		}
		var best *pdfLine
		// Lines are in order of their centres: the one to join is among the last few.
		for k := len(lines) - 1; k >= 0 && k >= len(lines)-4; k-- {
			l := lines[k]
			ov := math.Min(l.y1, c.Y1) - math.Max(l.y0, c.Y0)
			if ov >= 0.5*math.Min(h, l.y1-l.y0) {
				best = l
				break
			}
		}
		if best == nil {
			best = &pdfLine{y0: c.Y0, y1: c.Y1}
			lines = append(lines, best)
		}
		add(best, c)
	}
	var small []*pdfLine // lines of small characters only
	for _, c := range chars {
		h := c.Y1 - c.Y0
		if c.R == ' ' || h >= tall {
			continue
		}
		var best *pdfLine
		bestOv := 0.0
		for _, l := range lines {
			if ov := math.Min(l.y1, c.Y1) - math.Max(l.y0, c.Y0); ov > bestOv {
				best, bestOv = l, ov
			}
		}
		if best == nil {
			for _, l := range small {
				if math.Min(l.y1, c.Y1)-math.Max(l.y0, c.Y0) >= 0 {
					best = l
				}
			}
		}
		if best == nil {
			best = &pdfLine{y0: c.Y0, y1: c.Y1}
			small = append(small, best)
		}
		add(best, c)
	}
	lines = append(lines, small...)
	sort.SliceStable(lines, func(i, j int) bool { return lines[i].y0+lines[i].y1 < lines[j].y0+lines[j].y1 })
	for _, c := range chars {
		if c.R != ' ' {
			continue
		}
		for _, l := range lines {
			if c.Y1 >= l.y0 && c.Y1 <= l.y1+0.5 {
				l.chars = append(l.chars, c)
				break
			}
		}
	}
	for _, l := range lines {
		sort.SliceStable(l.chars, func(i, j int) bool { return l.chars[i].X0+l.chars[i].X1 < l.chars[j].X0+l.chars[j].X1 })
	}
	return lines
}

// charsText writes the characters of one line left to right, with a space between
// characters that stand apart. PDFium puts a space where the text has a gap by its
// font's measures; it is kept only where the characters either side do stand apart (by
// 0.15 of the line's height, 0.3 between digits: a font whose measures PDFium misjudges,
// as Type 3 fonts, gets spaces inside words). A gap of half the line's height is a space whether PDFium
// put one there or not (figures of two cells a converter put on one line).
func charsText(chars []pdfChar, h float64) string {
	var b strings.Builder
	space := false
	var prev *pdfChar
	for k := range chars {
		c := &chars[k]
		if c.R == ' ' {
			space = prev != nil
			continue
		}
		if prev != nil {
			gap := inkLeft(c, h) - inkRight(prev, h)
			// Within a figure a space splits it ("1 234" or two figures): it
			// takes a gap of 0.3 of the height and 0.8 of the wider character: a real space.
			need := 0.15 * h
			if numeric(prev.R) && numeric(c.R) {
				need = math.Max(0.3*h, 0.8*math.Max(prev.X1-prev.X0, c.X1-c.X0))
			}
			if (space && gap >= need || gap >= 0.5*h) && !decimalPoint(chars, k) {
				b.WriteByte(' ')
			}
		}
		space = false
		b.WriteRune(c.R)
		prev = c
	}
	return b.String()
}

// decimalPoint reports the character at k or the one before it as a figure's decimal
// point, a digit either side ("2684.49"): no figure starts or ends with a point, so no
// space is put there however far apart a font sets them (full-width digits beside a
// half-width point); a space there read "2684 .49" as 2684.
func decimalPoint(chars []pdfChar, k int) bool {
	digit := func(r rune) bool { return r >= '0' && r <= '9' || r >= '０' && r <= '９' }
	point := func(r rune) bool { return r == '.' || r == '．' }
	// next returns the first character after j that is not a space.
	next := func(j int) rune {
		for j++; j < len(chars); j++ {
			if chars[j].R != ' ' {
				return chars[j].R
			}
		}
		return 0
	}
	prev := func(j int) rune {
		for j--; j >= 0; j-- {
			if chars[j].R != ' ' {
				return chars[j].R
			}
		}
		return 0
	}
	c := chars[k].R
	if point(c) {
		return digit(prev(k)) && digit(next(k))
	}
	if p := prev(k); point(p) && digit(c) {
		j := k - 1
		for j >= 0 && chars[j].R == ' ' {
			j--
		}
		return digit(prev(j))
	}
	return false
}

// numeric reports the characters a figure is written with: digits, and the separators
// of thousands and decimals, signs.
func numeric(r rune) bool {
	return r >= '0' && r <= '9' || r >= '０' && r <= '９' || strings.ContainsRune(",.，．-－+", r)
}

// wide reports a character set on a full em: Han, kana, full-width forms, CJK
// punctuation. Its ink is narrower than its place, so gaps are measured from its place.
func wide(r rune) bool {
	return r >= 0x2E80 && r <= 0x9FFF || r >= 0xF900 && r <= 0xFAFF || r >= 0xFF00 && r <= 0xFF60 || r >= 0x3000 && r <= 0x303F
}

func inkLeft(c *pdfChar, h float64) float64 {
	if wide(c.R) {
		return math.Min(c.X0, (c.X0+c.X1)/2-h/2)
	}
	return c.X0
}

func inkRight(c *pdfChar, h float64) float64 {
	if wide(c.R) {
		return math.Max(c.X1, (c.X0+c.X1)/2+h/2)
	}
	return c.X1
}

// segment is a ruling line after merging: horizontal (at y from a to b) or vertical (at
// x from a to b).
type segment struct {
	at, a, b float64
}

// mergeSegments joins the lines at the same place (within lineTol) that touch or
// overlap.
func mergeSegments(segs []segment) []segment {
	sort.Slice(segs, func(i, j int) bool {
		if math.Abs(segs[i].at-segs[j].at) > 1e-9 {
			return segs[i].at < segs[j].at
		}
		return segs[i].a < segs[j].a
	})
	// Cluster by position, then merge intervals within each cluster.
	var out []segment
	for i := 0; i < len(segs); {
		j := i + 1
		for j < len(segs) && segs[j].at-segs[j-1].at <= lineTol {
			j++
		}
		group := append([]segment(nil), segs[i:j]...)
		at := 0.0
		for _, s := range group {
			at += s.at
		}
		at /= float64(len(group))
		sort.Slice(group, func(x, y int) bool { return group[x].a < group[y].a })
		cur := segment{at: at, a: group[0].a, b: group[0].b}
		for _, s := range group[1:] {
			if s.a <= cur.b+coverTol {
				cur.b = math.Max(cur.b, s.b)
				continue
			}
			out = append(out, cur)
			cur = segment{at: at, a: s.a, b: s.b}
		}
		out = append(out, cur)
		i = j
	}
	return out
}

// ruledTables finds the tables drawn with ruling lines: groups of horizontal and
// vertical lines that cross one another, with at least two of each.
func ruledTables(rules []pdfRule) []*pdfTable {
	var hs, vs []segment
	for _, r := range rules {
		if !finite(r.X0, r.X1, r.Y0, r.Y1) {
			continue
		}
		switch {
		case r.horizontal():
			hs = append(hs, segment{at: (r.Y0 + r.Y1) / 2, a: r.X0, b: r.X1})
		case r.vertical():
			vs = append(vs, segment{at: (r.X0 + r.X1) / 2, a: r.Y0, b: r.Y1})
		}
	}
	if len(hs) < 2 || len(vs) < 2 {
		return nil
	}
	hs, vs = mergeSegments(hs), mergeSegments(vs)
	// Union-find over the lines: a horizontal and a vertical line that cross (or meet)
	// belong to one table.
	parent := make([]int, len(hs)+len(vs))
	for k := range parent {
		parent[k] = k
	}
	var find func(int) int
	find = func(k int) int {
		for parent[k] != k {
			parent[k] = parent[parent[k]]
			k = parent[k]
		}
		return k
	}
	for i, h := range hs {
		for j, v := range vs {
			if v.at >= h.a-coverTol && v.at <= h.b+coverTol && h.at >= v.a-coverTol && h.at <= v.b+coverTol {
				parent[find(i)] = find(len(hs) + j)
			}
		}
	}
	groups := map[int][]int{}
	var order []int
	for k := range parent {
		r := find(k)
		if _, ok := groups[r]; !ok {
			order = append(order, r)
		}
		groups[r] = append(groups[r], k)
	}
	var tables []*pdfTable
	for _, r := range order {
		var gh, gv []segment
		for _, k := range groups[r] {
			if k < len(hs) {
				gh = append(gh, hs[k])
			} else {
				gv = append(gv, vs[k-len(hs)])
			}
		}
		if t := gridTable(gh, gv); t != nil {
			tables = append(tables, t)
			if len(tables) >= maxTables {
				break
			}
		}
	}
	return tables
}

// positions clusters the places of lines: the distinct x of vertical lines, or y of
// horizontal ones.
func positions(segs []segment) []float64 {
	at := make([]float64, len(segs))
	for k, s := range segs {
		at[k] = s.at
	}
	sort.Float64s(at)
	var out []float64
	for _, x := range at {
		if len(out) > 0 && x-out[len(out)-1] <= lineTol {
			continue
		}
		out = append(out, x)
	}
	return out
}

// covered reports whether a line among segs lies at pos and covers a–b but for gaps
// of coverTol.
func covered(segs []segment, pos, a, b float64) bool {
	need := b - a
	got := 0.0
	for _, s := range segs {
		if math.Abs(s.at-pos) > lineTol {
			continue
		}
		lo, hi := math.Max(s.a, a), math.Min(s.b, b)
		if hi > lo {
			got += hi - lo
		}
	}
	return got >= need-2*coverTol
}

// drawn reports whether a line among segs lies at pos along at least half of a–b.
func drawn(segs []segment, pos, a, b float64) bool {
	got := 0.0
	for _, s := range segs {
		if math.Abs(s.at-pos) > lineTol {
			continue
		}
		lo, hi := math.Max(s.a, a), math.Min(s.b, b)
		if hi > lo {
			got += hi - lo
		}
	}
	return got >= (b-a)/2
}

// gridTable builds the grid of one group of lines and its cells: a cell reaches right
// across every column border not drawn beside it, and down across every row border not
// drawn below it (merged cells).
func gridTable(hs, vs []segment) *pdfTable {
	if len(hs) < 2 || len(vs) < 2 {
		return nil
	}
	xs, ys := positions(vs), positions(hs)
	if len(xs) < 2 || len(ys) < 2 || len(xs) > maxGrid || len(ys) > maxGrid {
		return nil
	}
	// Columns drawn above the first row line or below the last: a row whose line is on
	// the page before or after (a table broken over pages draws a shared line once).
	top, bottom := ys[0], ys[len(ys)-1]
	for _, v := range vs {
		top, bottom = math.Min(top, v.a), math.Max(bottom, v.b)
	}
	if top < ys[0]-2*coverTol {
		ys = append([]float64{top}, ys...)
	}
	if bottom > ys[len(ys)-1]+2*coverTol {
		ys = append(ys, bottom)
	}
	t := &pdfTable{x0: xs[0], x1: xs[len(xs)-1], y0: ys[0], y1: ys[len(ys)-1], xs: xs, ys: ys, nrows: len(ys) - 1}
	nr, nc := len(ys)-1, len(xs)-1
	owner := make([][]bool, nr)
	for i := range owner {
		owner[i] = make([]bool, nc)
	}
	// The unit edges of the grid that are drawn: vEdge[i][j] is the line left of grid
	// cell (i, j), hEdge[i][j] the line above it.
	vEdge := make([][]bool, nr)
	for i := range vEdge {
		vEdge[i] = make([]bool, nc+1)
		for j := 0; j <= nc; j++ {
			vEdge[i][j] = drawn(vs, xs[j], ys[i], ys[i+1])
		}
	}
	hEdge := make([][]bool, nr+1)
	for i := range hEdge {
		hEdge[i] = make([]bool, nc)
		for j := 0; j < nc; j++ {
			hEdge[i][j] = drawn(hs, ys[i], xs[j], xs[j+1])
		}
	}
	for i := 0; i < nr; i++ {
		for j := 0; j < nc; j++ {
			if owner[i][j] {
				continue
			}
			k := j
			for k+1 < nc && !owner[i][k+1] && !vEdge[i][k+1] {
				k++
			}
			m := i
		down:
			for m+1 < nr {
				for c := j; c <= k; c++ {
					if owner[m+1][c] || hEdge[m+1][c] || (c > j && vEdge[m+1][c]) {
						break down
					}
				}
				m++
			}
			for a := i; a <= m; a++ {
				for c := j; c <= k; c++ {
					owner[a][c] = true
				}
			}
			open := !covered(vs, xs[j], ys[i], ys[m+1]) || !covered(vs, xs[k+1], ys[i], ys[m+1]) ||
				!covered(hs, ys[i], xs[j], xs[k+1]) || !covered(hs, ys[m+1], xs[j], xs[k+1])
			t.cells = append(t.cells, &pdfCell{row: i, col: j, rowspan: m - i + 1, colspan: k - j + 1, open: open})
		}
	}
	// A grid with no inner line at all is a box around text (a frame), not a table.
	if len(t.cells) < 2 {
		return nil
	}
	return t
}

// fill writes the characters inside the table into its cells: lines within a cell are
// joined without a break (a label or a figure wrapped in a narrow cell).
func (t *pdfTable) fill(chars []pdfChar) {
	byCell := make([][]pdfChar, len(t.cells))
	for _, c := range chars {
		cx, cy := (c.X0+c.X1)/2, (c.Y0+c.Y1)/2
		col := sort.SearchFloat64s(t.xs, cx) - 1
		row := min(max(sort.SearchFloat64s(t.ys, cy)-1, 0), len(t.ys)-2)
		if col < 0 || col >= len(t.xs)-1 {
			continue
		}
		for k, cell := range t.cells {
			if row >= cell.row && row < cell.row+cell.rowspan && col >= cell.col && col < cell.col+cell.colspan {
				byCell[k] = append(byCell[k], c)
				break
			}
		}
	}
	for k, cs := range byCell {
		var parts []string
		for _, l := range groupLines(cs) {
			parts = append(parts, strings.TrimSpace(l.text()))
		}
		t.cells[k].text = joinCellLines(parts)
	}
}

// joinCellLines joins the lines of a cell: without a space, as a wrapped Chinese label or
// a figure broken over lines reads, except between two Latin words.
func joinCellLines(parts []string) string {
	var b strings.Builder
	for k, p := range parts {
		if k > 0 && b.Len() > 0 && p != "" {
			last := []rune(b.String())
			prev, next := last[len(last)-1], []rune(p)[0]
			if isLatinLetter(prev) && isLatinLetter(next) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(p)
	}
	return b.String()
}

func isLatinLetter(r rune) bool { return r < 0x80 && unicode.IsLetter(r) }

// pageNumberLine is a line that is only a page number, in the forms footers take.
var pageNumberLine = regexp.MustCompile(`^(?:[-—–－─]*\s*\d{1,4}\s*[-—–－─]*|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}|共\s*\d{1,4}\s*页\s*第\s*\d{1,4}\s*页)$`)

// dropRunning removes the page numbers and running heads and feet: lines in the top or
// bottom tenth of a page that are a page number, or whose words (figures aside) stand in
// that band on two pages or more. Of the lines alike on one page only the outermost is
// furniture (the running title above the report's own title on the first page).
func dropRunning(pages []pdfPage, blocks [][]pdfBlock) {
	band := func(p *pdfPage, l *pdfLine) int {
		switch {
		case l.y1 < p.H*0.1:
			return 1
		case l.y0 > p.H*0.9:
			return 2
		}
		return 0
	}
	key := func(b int, s string) string {
		return strconv.Itoa(b) + strings.Map(func(r rune) rune {
			if unicode.IsDigit(r) {
				return '#'
			}
			if unicode.IsSpace(r) {
				return -1
			}
			return r
		}, s)
	}
	seen := map[string]int{}
	for k := range blocks {
		got := map[string]bool{}
		for _, bl := range blocks[k] {
			if bl.line != nil {
				if b := band(&pages[k], bl.line); b != 0 {
					got[key(b, bl.line.text())] = true
				}
			}
		}
		for s := range got {
			seen[s]++
		}
	}
	for k := range blocks {
		drop := make([]bool, len(blocks[k]))
		done := map[string]bool{}
		mark := func(i int) {
			bl := blocks[k][i]
			if bl.line == nil {
				return
			}
			b := band(&pages[k], bl.line)
			if b == 0 {
				return
			}
			t := strings.TrimSpace(bl.line.text())
			kk := key(b, t)
			if pageNumberLine.MatchString(t) || (len(pages) > 1 && seen[kk] >= 2 && !done[kk]) {
				drop[i] = true
				done[kk] = true
			}
		}
		// Heads from the top down, feet from the bottom up.
		for i := range blocks[k] {
			if bl := blocks[k][i]; bl.line != nil && band(&pages[k], bl.line) == 1 {
				mark(i)
			}
		}
		for i := len(blocks[k]) - 1; i >= 0; i-- {
			if bl := blocks[k][i]; bl.line != nil && band(&pages[k], bl.line) == 2 {
				mark(i)
			}
		}
		out := blocks[k][:0]
		for i, bl := range blocks[k] {
			if !drop[i] {
				out = append(out, bl)
			}
		}
		blocks[k] = out
	}
}
