package reader

import (
	"math"
	"regexp"
	"sort"
	"strings"
	"unicode"
)

// Tables without ruling lines: rows of text whose pieces stand apart in columns. A line
// falls into pieces (segments) at gaps wider than its height; lines with two pieces or
// more that follow one another make a table. Its columns are where the pieces of the
// rows with figures lie (the header's words may be cut and stacked, the figures are not);
// every line is a row, every pdfPiece the cell of the columns it covers.

// pdfPiece is a run of a line's characters without a wide gap.
type pdfPiece struct {
	x0, x1 float64
	text   string
}

// pieces splits a line at gaps of at least its height.
func linePieces(l *pdfLine) []pdfPiece {
	h := l.y1 - l.y0
	gap := math.Max(0.9*h, 5)
	var out []pdfPiece
	var cur []pdfChar
	flush := func() {
		if len(cur) == 0 {
			return
		}
		x0, x1 := math.Inf(1), math.Inf(-1)
		for _, c := range cur {
			if c.R != ' ' {
				x0, x1 = math.Min(x0, c.X0), math.Max(x1, c.X1)
			}
		}
		if t := strings.TrimSpace(charsText(cur, h)); t != "" {
			out = append(out, pdfPiece{x0: x0, x1: x1, text: t})
		}
		cur = cur[:0]
	}
	last := math.Inf(-1)
	for _, c := range l.chars {
		if c.R == ' ' {
			cur = append(cur, c)
			continue
		}
		if c.X0-last >= gap {
			flush()
		}
		cur = append(cur, c)
		last = math.Max(last, c.X1)
	}
	flush()
	return out
}

// groupHeaders are the national form's headers over a group of columns: in a table
// without lines, printed over its columns, never a column's own header cut over lines.
var groupHeaders = map[string]bool{"申请人情况": true, "法人或其他组织": true, "行政复议": true, "行政诉讼": true,
	"未经复议直接起诉": true, "复议后起诉": true}

// heading is a section heading of a report ("三、收到和处理…"), which no table holds.
var heading = regexp.MustCompile(`^\s*[一二三四五六七八九十]{1,3}\s*、`)

// figureLike reports a pdfPiece that is a figure or a blank mark, not words.
func figureLike(s string) bool {
	if s == "" {
		return false
	}
	digit := false
	for _, r := range s {
		switch {
		case unicode.IsDigit(r) || strings.ContainsRune("〇零一二三四五六七八九十百千万亿两", r):
			digit = true
		case strings.ContainsRune(",，.．-－—–/／%％件项元 无增加减少持平", r):
		default:
			return false
		}
	}
	return digit || strings.Trim(s, "-－—–/／无 ") == ""
}

// unruledTables turns the runs of a page's lines that stand in columns into tables.
func unruledTables(blocks []pdfBlock) []pdfBlock {
	var out []pdfBlock
	for i := 0; i < len(blocks); {
		if blocks[i].line == nil {
			out = append(out, blocks[i])
			i++
			continue
		}
		// The run of lines from i: tabular lines, with at most two plain lines between
		// them, besides the lines of a label wrapped in its column (a plain line that
		// ends before the second piece of the tabular line above begins).
		j, last, tabular, plain := i, -1, 0, 0
		var ps [][]pdfPiece
		labelEnd := math.Inf(-1) // where the label column of the last tabular line ends
		for j < len(blocks) && blocks[j].line != nil {
			p := linePieces(blocks[j].line)
			ps = append(ps, p)
			switch {
			case len(p) >= 2:
				tabular++
				last, plain = j, 0
				labelEnd = p[1].x0
			case len(p) == 1 && p[0].x1 < labelEnd && len([]rune(p[0].text)) <= 20 && !heading.MatchString(p[0].text):
				// A label's next line.
			default:
				plain++
			}
			// A section heading ends the run; a row label numbered the same way
			// ("一、本年新收…" with its figures) does not.
			if plain > 2 || len(p) < 2 && (len([]rune(blocks[j].line.text())) > 30 || heading.MatchString(blocks[j].line.text()) && j > i) {
				break
			}
			j++
		}
		// Start at the first tabular line.
		first := i
		for first <= last && len(ps[first-i]) < 2 {
			first++
		}
		if tabular < 3 || last < 0 {
			out = append(out, blocks[i])
			i++
			continue
		}
		t := columnTable(blocks[first:last+1], ps[first-i:last-i+1])
		if t == nil {
			out = append(out, blocks[i])
			i++
			continue
		}
		out = append(out, blocks[i:first]...)
		out = append(out, pdfBlock{y: blocks[first].y, table: t})
		i = last + 1
	}
	return out
}

// columnTable builds the table of a run of lines: columns from the pieces of the lines
// with figures, then a row per line.
func columnTable(lines []pdfBlock, ps [][]pdfPiece) *pdfTable {
	var spans [][2]float64
	data := 0
	for _, p := range ps {
		figures := 0
		for _, q := range p[min(1, len(p)):] {
			if figureLike(q.text) {
				figures++
			}
		}
		if figures == 0 || len(p) < 2 {
			continue
		}
		data++
		for _, q := range p {
			spans = append(spans, [2]float64{q.x0, q.x1})
		}
	}
	if data < 2 {
		return nil
	}
	sort.Slice(spans, func(a, b int) bool { return spans[a][0] < spans[b][0] })
	var cols [][2]float64
	for _, s := range spans {
		if n := len(cols); n > 0 && s[0] <= cols[n-1][1]+1 {
			cols[n-1][1] = math.Max(cols[n-1][1], s[1])
			continue
		}
		cols = append(cols, s)
	}
	if len(cols) < 2 || len(cols) > maxGrid {
		return nil
	}
	// Column lines halfway between the columns.
	xs := []float64{cols[0][0] - 1}
	for k := 1; k < len(cols); k++ {
		xs = append(xs, (cols[k-1][1]+cols[k][0])/2)
	}
	xs = append(xs, cols[len(cols)-1][1]+1)
	t := &pdfTable{x0: xs[0], x1: xs[len(xs)-1], y0: lines[0].line.y0, y1: lines[len(lines)-1].line.y1, xs: xs, unruled: true}
	// Each piece goes to the columns it covers.
	type placed struct {
		a, b int
		text string
		fig  bool
	}
	rows := make([][]placed, len(ps))
	label := make([]bool, len(cols)) // columns where rows with figures have words
	isData := make([]bool, len(ps))
	for r, p := range ps {
		for k, q := range p {
			// The columns whose place (up to halfway to the next) the piece reaches
			// into by a quarter of its width or more.
			a, b := -1, -1
			for c := range cols {
				if math.Min(q.x1, xs[c+1])-math.Max(q.x0, xs[c]) > math.Max(1, 0.25*(q.x1-q.x0)) {
					if a < 0 {
						a = c
					}
					b = c
				}
			}
			if a < 0 {
				a = min(max(sort.SearchFloat64s(xs, (q.x0+q.x1)/2)-1, 0), len(cols)-1)
				b = a
			}
			// A figure, unless it is the first piece in the first column (a 序号).
			fig := (k > 0 || a > 0) && figureLike(q.text)
			rows[r] = append(rows[r], placed{a, b, q.text, fig})
			if fig {
				isData[r] = true
			}
		}
	}
	for r := range rows {
		if !isData[r] {
			continue
		}
		for _, q := range rows[r] {
			if !q.fig {
				label[q.a] = true
			}
		}
	}
	var out [][]placed
	for r := 0; r < len(rows); {
		if isData[r] {
			out = append(out, rows[r])
			r++
			continue
		}
		// A run of rows without figures: a header when it has words over the figure
		// columns. Its words stacked in one column (a narrow column's header cut over
		// lines) are joined top down into one row; a piece over several columns (a
		// group's header) keeps a row of its own above it.
		e := r
		head := false
		for e < len(rows) && !isData[e] {
			for _, q := range rows[e] {
				if q.b > q.a || !label[q.a] {
					head = true
				}
			}
			e++
		}
		if !head {
			out = append(out, rows[r:e]...)
			r = e
			continue
		}
		stacked := make([]string, len(cols))
		for ; r < e; r++ {
			var groups []placed
			for _, q := range rows[r] {
				if q.b > q.a || groupHeaders[q.text] {
					groups = append(groups, q)
					continue
				}
				stacked[q.a] += q.text
			}
			if len(groups) > 0 {
				out = append(out, groups)
			}
		}
		var joined []placed
		for c, text := range stacked {
			if text != "" {
				joined = append(joined, placed{c, c, text, false})
			}
		}
		out = append(out, joined)
	}
	out = joinLabelLines(out, label, func(q placed) (int, bool, string) { return q.a, q.fig, q.text },
		func(q placed, text string) placed { q.text = text; return q })
	for r, row := range out {
		texts := make([]string, len(cols))
		spanOf := make([]int, len(cols))
		for _, q := range row {
			if texts[q.a] != "" {
				texts[q.a] += " "
			}
			texts[q.a] += q.text
			spanOf[q.a] = max(spanOf[q.a], q.b-q.a+1)
		}
		for k := 0; k < len(cols); {
			span := max(spanOf[k], 1)
			// A piece over several columns takes them all, unless one of them holds a
			// piece of its own (then they stay apart).
			for s := 1; s < span && k+s < len(cols); s++ {
				if texts[k+s] != "" {
					span = s
					break
				}
			}
			span = min(span, len(cols)-k)
			t.cells = append(t.cells, &pdfCell{row: r, col: k, rowspan: 1, colspan: span, text: texts[k]})
			k += span
		}
	}
	t.nrows = len(out)
	return t
}

// joinLabelLines joins the lines of row labels wrapped in their cell to the row of
// figures they belong to: a row whose label is missing takes the label lines just above
// and below it (a label centred on its row); a row with its label takes the label lines
// below it when the next row of figures has a label of its own (a label set at the top).
// A label line holds words in label columns only.
func joinLabelLines[P any](rows [][]P, label []bool, get func(P) (int, bool, string), set func(P, string) P) [][]P {
	labelOnly := func(row []P) bool {
		if len(row) == 0 {
			return false
		}
		for _, q := range row {
			col, fig, _ := get(q)
			if fig || !label[col] {
				return false
			}
		}
		return true
	}
	isData := func(row []P) bool {
		for _, q := range row {
			if _, fig, _ := get(q); fig {
				return true
			}
		}
		return false
	}
	hasLabel := func(row []P) int {
		for k, q := range row {
			if _, fig, _ := get(q); !fig {
				return k
			}
		}
		return -1
	}
	text := func(row []P) string {
		var b strings.Builder
		for _, q := range row {
			_, _, t := get(q)
			b.WriteString(t)
		}
		return b.String()
	}
	gone := make([]bool, len(rows))
	for r := range rows {
		if !isData(rows[r]) {
			continue
		}
		k := hasLabel(rows[r])
		if k < 0 {
			var above, below string
			var first []P // a label line whose first piece gives the label's column
			if r > 0 && !gone[r-1] && labelOnly(rows[r-1]) {
				above, gone[r-1], first = text(rows[r-1]), true, rows[r-1]
			}
			if r+1 < len(rows) && labelOnly(rows[r+1]) && (r+2 >= len(rows) || !isData(rows[r+2]) || hasLabel(rows[r+2]) >= 0) {
				below, gone[r+1] = text(rows[r+1]), true
				if first == nil {
					first = rows[r+1]
				}
			}
			if first != nil {
				rows[r] = append([]P{set(first[0], above+below)}, rows[r]...)
			}
			continue
		}
		e := r + 1
		for e < len(rows) && labelOnly(rows[e]) {
			e++
		}
		if e == r+1 || (e < len(rows) && isData(rows[e]) && hasLabel(rows[e]) < 0) {
			continue
		}
		_, _, t := get(rows[r][k])
		for x := r + 1; x < e; x++ {
			t += text(rows[x])
			gone[x] = true
		}
		rows[r][k] = set(rows[r][k], t)
	}
	out := rows[:0]
	for r, row := range rows {
		if !gone[r] {
			out = append(out, row)
		}
	}
	return out
}
