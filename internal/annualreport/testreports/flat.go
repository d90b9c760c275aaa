package testreports

import (
	"math/rand/v2"
	"strconv"
	"strings"

	ar "gongkai/internal/annualreport"
)

// Flattened tables: the forms in which published pages and converters lose a table's
// cell boundaries. A site's text export runs each row's figures together
// ("一、本年新收政府信息公开申请数量 713000074", "10 0 0 0 01"); a PDF text layer laid
// out by a converter (pdftotext -layout) keeps the columns only as runs of spaces and
// cuts the header words into stacked pieces; a PDF converted to Markdown drops the empty
// cells (rows with fewer pipes) and prints some labels on lines of their own.

// FlatForm is one way of flattening the statutory tables.
type FlatForm int

const (
	FlatRun      FlatForm = iota // one line per row, the figures run together (with RunSpaces)
	FlatLayout                   // pdftotext -layout: columns by spaces, header words cut and stacked
	FlatMarkdown                 // Markdown from a PDF converter: empty cells dropped, labels detached
	numFlatForms
)

var flatFormNames = []string{"run", "layout", "markdown"}

func (f FlatForm) String() string {
	if f >= 0 && int(f) < len(flatFormNames) {
		return flatFormNames[f]
	}
	return "flat-" + strconv.Itoa(int(f))
}

// RunSpaces is where FlatRun prints spaces between the digits of a row.
type RunSpaces int

const (
	SpacesNone      RunSpaces = iota // "713000074"
	SpacesSome                       // between some figures only: "10 0 0 0 01"
	SpacesIrregular                  // anywhere, inside figures too: "71 30 00 074"
	SpacesAll                        // between every two figures (the ordinary row-per-line text)
	numRunSpaces
)

var runSpaceNames = []string{"none", "some", "irregular", "all"}

func (s RunSpaces) String() string {
	if s >= 0 && int(s) < len(runSpaceNames) {
		return runSpaceNames[s]
	}
	return "spaces-" + strconv.Itoa(int(s))
}

// FlatOptions choose the flattened form of one rendering.
type FlatOptions struct {
	Form      FlatForm
	Spaces    RunSpaces // FlatRun
	FullWidth bool      // figures in full-width digits
	Glued     bool      // FlatRun: no space between a row's label and its figures
	Blank     string    // FlatRun: the mark a blank figure prints as ("—", "/")
	// Detach (FlatMarkdown): the share of rows whose label is printed on a line of its
	// own, before the row of figures.
	Detach float64
	// OneLine (FlatRun): each table on one line, its rows run together too.
	OneLine bool
}

// RandomFlatOptions picks a flattened form.
func RandomFlatOptions(rng *rand.Rand) FlatOptions {
	return FlatOptions{
		Form:      FlatForm(rng.IntN(int(numFlatForms))),
		Spaces:    RunSpaces(rng.IntN(int(numRunSpaces))),
		FullWidth: rng.IntN(4) == 0,
		Glued:     rng.IntN(3) == 0,
		Blank:     []string{"—", "/", "-", "无"}[rng.IntN(4)],
		Detach:    []float64{0, 0.2, 0.5}[rng.IntN(3)],
		OneLine:   rng.IntN(4) == 0,
	}
}

// BlankZeros leaves blank the given share of r's cells that hold 0, the way an agency
// leaves a cell empty for "none": the sums still hold when a blank counts as nothing.
func BlankZeros(rng *rand.Rand, r *ar.Report, share float64) {
	if share <= 0 {
		return
	}
	for _, id := range ar.CellIDs(r.Format) {
		if v, ok := r.Cells.Get(id); ok && v == 0 && rng.Float64() < share {
			r.Cells.SetNull(id)
		}
	}
	ar.FillDerived(r)
}

// RenderFlat prints r (2019 or 2021 format) with its tables flattened as o says.
func RenderFlat(rng *rand.Rand, r *ar.Report, o FlatOptions) []byte {
	w := &writer{o: Options{Style: RowSpaces}, rng: rng}
	f := &flatWriter{w: w, o: o, rng: rng}
	year := strconv.Itoa(r.Year)
	w.line(ar.Title(r))
	w.heading("一", "总体情况")
	w.line(year + "年，" + r.Agency + "认真贯彻落实《中华人民共和国政府信息公开条例》，全年主动公开政府信息" + strconv.Itoa(100+rng.IntN(900)) + "条。")
	w.narrative(1 + rng.IntN(3))
	titles := map[string]string{
		ar.TableActive2019: "主动公开政府信息情况", ar.TableActive2021: "主动公开政府信息情况",
		ar.TableApplications: "收到和处理政府信息公开申请情况", ar.TableAppeals: "政府信息公开行政复议、行政诉讼情况",
	}
	nums := map[string]string{ar.TableActive2019: "二", ar.TableActive2021: "二", ar.TableApplications: "三", ar.TableAppeals: "四"}
	for _, t := range ar.Grid(r) {
		w.heading(nums[t.ID], titles[t.ID])
		switch o.Form {
		case FlatLayout:
			f.layoutTable(t)
		case FlatMarkdown:
			f.markdownTable(t)
		default:
			f.runTable(t)
		}
	}
	w.heading("五", "存在的主要问题及改进情况")
	w.line("一是公开的深度和广度不够；二是工作人员力量薄弱。下一步，我们将进一步加强培训。")
	w.heading("六", "其他需要报告的事项")
	w.line("本年度未收取信息处理费。")
	return []byte(w.b.String())
}

type flatWriter struct {
	w   *writer
	o   FlatOptions
	rng *rand.Rand
}

// digits prints a figure's text in the rendering's digits.
func (f *flatWriter) digits(s string) string {
	if f.o.FullWidth {
		return fullWidth(s)
	}
	return s
}

// split returns a row's label cells and figure cells.
func split(row ar.GridRow) (labels []string, figs []ar.GridCell) {
	for _, c := range row {
		if c.Value {
			figs = append(figs, c)
		} else {
			labels = append(labels, c.Text)
		}
	}
	return labels, figs
}

// runTable prints each row on one line, its figures run together; with OneLine, the
// whole table on one line.
func (f *flatWriter) runTable(t ar.GridTable) {
	if f.o.OneLine {
		start := f.w.b.Len()
		defer func() {
			s := f.w.b.String()
			table := strings.TrimSuffix(s[start:], "\n")
			sep := ""
			if f.rng.IntN(2) == 0 {
				sep = " "
			}
			f.w.b.Reset()
			f.w.b.WriteString(s[:start] + strings.ReplaceAll(table, "\n", sep) + "\n")
		}()
	}
	for _, row := range t.Rows {
		labels, figs := split(row)
		if len(figs) == 0 {
			sep := ""
			if f.rng.IntN(2) == 0 {
				sep = " "
			}
			f.w.b.WriteString(strings.Join(labels, sep) + "\n")
			continue
		}
		line := strings.Join(labels, " ")
		run := f.run(figs)
		if !f.o.Glued || len(labels) == 0 || f.startsWithMark(figs) {
			line += " "
		}
		f.w.b.WriteString(line + run + "\n")
	}
}

func (f *flatWriter) startsWithMark(figs []ar.GridCell) bool { return figs[0].Text == "" }

// run prints figures run together with the rendering's spaces; a blank figure prints as
// the blank mark, which always stands apart.
func (f *flatWriter) run(figs []ar.GridCell) string {
	var b strings.Builder
	for k, c := range figs {
		text := c.Text
		if text == "" {
			text = f.o.Blank
			if k > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(text)
			if k < len(figs)-1 {
				b.WriteByte(' ')
			}
			continue
		}
		if k > 0 {
			switch f.o.Spaces {
			case SpacesAll:
				b.WriteByte(' ')
			case SpacesSome:
				if f.rng.IntN(2) == 0 {
					b.WriteByte(' ')
				}
			case SpacesIrregular:
				b.WriteString(f.space())
			}
		}
		if f.o.Spaces == SpacesIrregular {
			// Spaces inside a figure too, between two of its digits.
			prev := rune(0)
			for i, r := range f.digits(text) {
				if i > 0 && isDigit(prev) && isDigit(r) && f.rng.IntN(5) == 0 {
					b.WriteString(f.space())
				}
				b.WriteRune(r)
				prev = r
			}
			continue
		}
		b.WriteString(f.digits(text))
	}
	return b.String()
}

// space is an irregular space: often none, sometimes one or more, ASCII or ideographic.
func (f *flatWriter) space() string {
	switch f.rng.IntN(6) {
	case 0, 1, 2:
		return ""
	case 3:
		return " "
	case 4:
		return "  "
	}
	return "\u3000"
}

// markdownTable prints a table as a PDF converter's Markdown: a row per line between
// pipes, empty cells dropped, some labels on a line of their own before their figures,
// group labels on their own lines.
func (f *flatWriter) markdownTable(t ar.GridTable) {
	b := &f.w.b
	first := true
	for _, row := range t.Rows {
		labels, figs := split(row)
		var cells []string
		for _, c := range figs {
			if c.Text != "" {
				cells = append(cells, f.digits(c.Text))
			}
		}
		if len(figs) == 0 {
			b.WriteString("| " + strings.Join(labels, " | ") + " |\n")
			if first {
				b.WriteString("|" + strings.Repeat(" --- |", len(labels)) + "\n")
				first = false
			}
			continue
		}
		// A group label (（三）不予公开 before 1.属于国家秘密) stands on a line of its own.
		if len(labels) > 1 {
			b.WriteString("| " + strings.Join(labels[:len(labels)-1], " | ") + " |\n")
			labels = labels[len(labels)-1:]
		}
		if len(cells) == 0 {
			b.WriteString("| " + strings.Join(labels, " | ") + " |\n")
			continue
		}
		if len(labels) > 0 && f.rng.Float64() < f.o.Detach {
			// The label on a line of its own above the figures, or, when long, wrapped
			// around them (the figures centred on its middle line).
			if rs := []rune(labels[0]); len(rs) >= 12 && f.rng.IntN(2) == 0 {
				third := len(rs) / 3
				b.WriteString("| " + string(rs[:third]) + " |\n")
				b.WriteString("| " + strings.Join(append([]string{string(rs[third : 2*third])}, cells...), " | ") + " |\n")
				b.WriteString("| " + string(rs[2*third:]) + " |\n")
				continue
			}
			b.WriteString("| " + strings.Join(labels, " | ") + " |\n")
			b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
			continue
		}
		b.WriteString("| " + strings.Join(append(labels, cells...), " | ") + " |\n")
	}
}

// layout column widths, in display columns (a CJK character is two).
const (
	layoutLabel = 36 // the label column
	layoutCol   = 9  // a figure column
)

// dispWidth is the display width of s: two for a wide character, one otherwise.
func dispWidth(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x1100 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// cutWords cuts a header word into pieces of at most n characters, stacked on lines.
func cutWords(s string, n int) []string {
	rs := []rune(s)
	var out []string
	for len(rs) > n {
		out = append(out, string(rs[:n]))
		rs = rs[n:]
	}
	return append(out, string(rs))
}

// layoutLine places texts at display columns: each text ends at its column's right
// edge (figures) or starts at its left edge (labels, when left is set).
type placed struct {
	text  string
	col   int // left edge
	width int
	right bool // right-aligned in its width
}

func layoutLine(ps []placed) string {
	var b strings.Builder
	at := 0
	for _, p := range ps {
		start := p.col
		if p.right {
			start = p.col + p.width - dispWidth(p.text)
		} else if w := dispWidth(p.text); w < p.width {
			start = p.col + (p.width-w)/2 // centred
		}
		if start < at+1 && at > 0 {
			start = at + 1
		}
		b.WriteString(strings.Repeat(" ", start-at))
		b.WriteString(p.text)
		at = start + dispWidth(p.text)
	}
	return strings.TrimRight(b.String(), " ")
}

// layoutTable prints a table the way pdftotext -layout prints a PDF table: columns
// by spaces, header words cut into pieces stacked over several lines, long labels
// wrapped with the figures on their first line, empty cells as spaces.
func (f *flatWriter) layoutTable(t ar.GridTable) {
	b := &f.w.b
	// Column k of the figures starts at layoutLabel + k*layoutCol.
	if t.ID == ar.TableApplications {
		cut := 2 + f.rng.IntN(2)
		heads := []string{"自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"}
		b.WriteString(layoutLine([]placed{{text: "申请人情况", col: layoutLabel, width: 7 * layoutCol}}) + "\n")
		// The note in the first cell is centred over the header rows: beside 法人或其他组织,
		// or below it (then 法人或其他组织 stands alone on its line, above 自然人, and the
		// headers read in line order come out of order).
		if f.rng.IntN(2) == 0 {
			b.WriteString(layoutLine([]placed{{text: "（本列数据的勾稽关系为：第一项加", col: 0, width: layoutLabel}, {text: "法人或其他组织", col: layoutLabel + layoutCol, width: 5 * layoutCol}}) + "\n")
		} else {
			b.WriteString(layoutLine([]placed{{text: "法人或其他组织", col: layoutLabel + layoutCol, width: 5 * layoutCol}}) + "\n")
			b.WriteString("（本列数据的勾稽关系为：第一项加\n")
		}
		// Words longer than three characters are cut into pieces; a header of one piece
		// is centred over the lines of the others (自然人 below the top of 商业企业).
		pieces := make([][]string, len(heads))
		depth := 0
		for k, h := range heads {
			if len([]rune(h)) <= 3 {
				pieces[k] = []string{h}
			} else {
				pieces[k] = cutWords(h, cut)
			}
			depth = max(depth, len(pieces[k]))
		}
		top := make([]int, len(heads))
		for k := range heads {
			if len(pieces[k]) == 1 {
				top[k] = depth / 2
			}
		}
		for d := 0; d < depth; d++ {
			var ps []placed
			if d == 0 {
				ps = append(ps, placed{text: "第二项之和，等于第三项加第四项之和）", col: 0, width: 0})
			}
			for k := range heads {
				if i := d - top[k]; i >= 0 && i < len(pieces[k]) {
					ps = append(ps, placed{text: pieces[k][i], col: layoutLabel + k*layoutCol, width: layoutCol})
				}
			}
			b.WriteString(layoutLine(ps) + "\n")
		}
		for _, row := range t.Rows[3:] {
			f.layoutRow(row)
		}
		return
	}
	if t.ID == ar.TableAppeals {
		// Headers: the groups, then the result words cut into pieces, then the data row.
		b.WriteString(layoutLine([]placed{{text: "行政复议", col: 0, width: 5 * layoutCol}, {text: "行政诉讼", col: 5 * layoutCol, width: 10 * layoutCol}}) + "\n")
		b.WriteString(layoutLine([]placed{{text: "未经复议直接起诉", col: 5 * layoutCol, width: 5 * layoutCol}, {text: "复议后起诉", col: 10 * layoutCol, width: 5 * layoutCol}}) + "\n")
		results := []string{"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"}
		for d := 0; d < 2; d++ {
			var ps []placed
			for k := 0; k < 15; k++ {
				p := cutWords(results[k%5], 2)
				if d < len(p) {
					ps = append(ps, placed{text: p[d], col: k * layoutCol, width: layoutCol})
				}
			}
			b.WriteString(layoutLine(ps) + "\n")
		}
		_, figs := split(t.Rows[3])
		var ps []placed
		for k, c := range figs {
			if c.Text != "" {
				ps = append(ps, placed{text: f.digits(c.Text), col: k * layoutCol, width: layoutCol, right: true})
			}
		}
		b.WriteString(layoutLine(ps) + "\n")
		return
	}
	for _, row := range t.Rows {
		labels, figs := split(row)
		if len(figs) == 0 {
			var ps []placed
			for k, l := range labels {
				col := 0
				if k > 0 {
					col = layoutLabel + (k-1)*layoutCol*2
				}
				ps = append(ps, placed{text: l, col: col, width: layoutCol * 2})
			}
			b.WriteString(layoutLine(ps) + "\n")
			continue
		}
		f.layoutRowWidth(labels, figs, layoutCol*2)
	}
}

func (f *flatWriter) layoutRow(row ar.GridRow) {
	labels, figs := split(row)
	f.layoutRowWidth(labels, figs, layoutCol)
}

// layoutRowWidth prints one row of figures: the label (wrapped when too long for its
// column, the figures on its first line), each figure right-aligned in its column.
func (f *flatWriter) layoutRowWidth(labels []string, figs []ar.GridCell, colWidth int) {
	b := &f.w.b
	if len(labels) > 1 {
		b.WriteString(strings.Join(labels[:len(labels)-1], " ") + "\n")
	}
	label := labels[len(labels)-1]
	lines := cutWords(label, (layoutLabel-2)/2)
	ps := []placed{{text: lines[0], col: 0}}
	for k, c := range figs {
		if c.Text != "" {
			ps = append(ps, placed{text: f.digits(c.Text), col: layoutLabel + k*colWidth, width: colWidth, right: true})
		}
	}
	b.WriteString(layoutLine(ps) + "\n")
	for _, l := range lines[1:] {
		b.WriteString(l + "\n")
	}
}

// RandomTwins returns a consistent report (as Random) whose counts are drawn from
// 0, 1, 10, 11, 100 and 101: run together, such figures can be cut in several ways
// that satisfy a row's sum ("1 10 … 11" and "11 0 … 11" are both "110…11"), so a reader
// of flattened rows has to refuse some of them.
func RandomTwins(rng *rand.Rand, f ar.Format) *ar.Report {
	twins := []float64{0, 0, 1, 10, 11, 100, 101, 1, 10}
	return random(rng, f, 0, func(rng *rand.Rand) float64 { return twins[rng.IntN(len(twins))] })
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' || r >= '０' && r <= '９' }
