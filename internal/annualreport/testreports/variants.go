package testreports

import (
	"fmt"
	"html"
	"math/rand/v2"
	"strings"

	ar "gongkai/internal/annualreport"
)

// Variant is a layout that published reports use and the national form does not: Word
// and WPS HTML exports, columns in another order, a 序号 column, figures in Chinese
// numerals or with units, other blank marks.
type Variant struct {
	Word      bool   // Word export: MsoNormal paragraphs, spans, <o:p>, &nbsp; blanks, rowspans
	TH        bool   // header cells as <th>
	Text      bool   // plain text, one row per line, cells separated by '|' (HTML otherwise)
	AppOrder  []int  // table 三: printed column k is statutory column AppOrder[k] (nil: statutory)
	FlatHead  bool   // table 三: one header row of seven, no 法人或其他组织 group
	AppealOrd []int  // table 四: the result columns in this order within every group
	Serial    bool   // a 序号 first column
	Chinese   bool   // counts in Chinese numerals
	Units     bool   // counts with 件 after them, amounts with 万元
	UnitSpace bool   // with Units: a space between the figure and its unit
	Blank     string // the mark of a blank figure ("" for an empty cell)
	SplitSpan bool   // Word: figures of two digits or more split over two spans
	// OtherRows prints （六）其他处理 the other format's way: a 2021 report with the one
	// row of 2019 (the sum of its three), a 2019 report with the three rows of 2021
	// (its one row split as all, 0, 0).
	OtherRows bool
	// Rowspans prints the row labels of table 三 as the Word template does: 三、本年度办理结果
	// and each subgroup in a cell spanning its rows (not with OtherRows).
	Rowspans bool
	// Subtotal adds a 小计 column (the five 法人或其他组织 columns added up) after the
	// five, under the group; with FlatHead, after 其他.
	Subtotal bool
	// OtherSubtotal prints, in a 2021 report, a （六）其他处理 row with the sums of its
	// three rows above them (not with OtherRows).
	OtherSubtotal bool
	// AppealHead3 prints table 四's headers as three rows: 行政复议 (over two rows) and
	// 行政诉讼; 未经复议直接起诉 and 复议后起诉; then all fifteen result labels.
	AppealHead3 bool
	// DropCell is a figure cell left out of its row altogether (damage), or "".
	DropCell string
	// TextCovered (Text with Rowspans): the places a merged cell covers in the rows below
	// it are printed as empty cells ("| | 2.其他法律行政法规禁止公开 | …"), as converters
	// that fill a table's grid print them.
	TextCovered bool
}

// RandomVariant picks a variant.
func RandomVariant(rng *rand.Rand) Variant {
	v := Variant{
		Word: rng.IntN(2) == 0, TH: rng.IntN(3) == 0, Text: rng.IntN(4) == 0, Serial: rng.IntN(3) == 0,
		Chinese: rng.IntN(4) == 0, Units: rng.IntN(4) == 0, SplitSpan: rng.IntN(2) == 0,
		Blank: []string{"", "—", "/", "无", "-"}[rng.IntN(5)],
	}
	if rng.IntN(3) > 0 {
		v.FlatHead = rng.IntN(2) == 0
		if v.FlatHead {
			v.AppOrder = rng.Perm(7)
		} else {
			// 自然人, the five and 总计 in some order, the five in some order.
			inner := rng.Perm(5)
			for k := range inner {
				inner[k]++
			}
			for _, top := range [][]int{{0, -1, 6}, {6, 0, -1}, {-1, 0, 6}, {0, 6, -1}}[rng.IntN(4)] {
				if top == -1 {
					v.AppOrder = append(v.AppOrder, inner...)
				} else {
					v.AppOrder = append(v.AppOrder, top)
				}
			}
		}
	}
	if rng.IntN(3) == 0 {
		v.AppealOrd = rng.Perm(5)
	}
	v.OtherRows = rng.IntN(5) == 0
	v.Rowspans = rng.IntN(2) == 0
	v.Subtotal = rng.IntN(5) == 0
	v.UnitSpace = rng.IntN(2) == 0
	v.OtherSubtotal = !v.OtherRows && rng.IntN(5) == 0
	v.AppealHead3 = rng.IntN(3) == 0
	if v.Text {
		v.Word, v.TH, v.SplitSpan = false, false, false
	}
	v.TextCovered = v.Text && v.Rowspans && rng.IntN(2) == 0
	return v
}

var appColumnLabels = []string{"自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计", "小计"}

// subtotal is the printed column number of a 小计 column.
const subtotal = 7

var appealLabels = []string{"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"}

type vcell struct {
	text             string
	value            bool
	colspan, rowspan int
	head             bool
	drop             bool // left out (Variant.DropCell)
}

// RenderVariant prints r (2019 or 2021 format) in variant v.
func RenderVariant(r *ar.Report, v Variant) []byte { return RenderLayout(r, Layout{Variant: v}) }

type vwriter struct {
	v Variant
	l *Layout
	b strings.Builder
}

func (w *vwriter) para(s string) {
	if w.v.Text {
		w.b.WriteString(s + "\n")
		return
	}
	w.b.WriteString("<p class=MsoNormal style='text-indent:32.0pt'><span style='font-size:16.0pt;font-family:仿宋_GB2312'>" + html.EscapeString(s) + "<o:p></o:p></span></p>\n")
}

// figure prints the value of cell id.
func (w *vwriter) figure(r *ar.Report, id string) vcell {
	if id == w.v.DropCell {
		return vcell{drop: true}
	}
	v, ok := r.Cells.Get(id)
	if !ok {
		return vcell{text: w.v.Blank, value: true}
	}
	if t, ok := w.l.figureText(id, v); ok {
		return vcell{text: t, value: true}
	}
	s := ar.FormatNumber(v)
	switch {
	case ar.IsAmount(id):
		if w.v.Units {
			s += w.unitSep() + "万元"
		}
		return vcell{text: s, value: true}
	case v < 0:
		return vcell{text: s, value: true}
	case w.v.Chinese:
		s = ChineseNumeral(int(v))
	}
	if w.v.Units {
		s += w.unitSep() + "件"
	}
	return vcell{text: s, value: true}
}

func (w *vwriter) unitSep() string {
	if w.v.UnitSpace {
		return " "
	}
	return ""
}

// plain prints table 二 as the grid has it.
func (w *vwriter) plain(r *ar.Report, t ar.GridTable) [][]vcell {
	var rows [][]vcell
	for k, row := range t.Rows {
		var out []vcell
		if w.v.Serial {
			switch {
			case k == 0:
				out = append(out, vcell{text: "序号", head: true})
			case len(row) == 1:
				out = append(out, vcell{})
			default:
				out = append(out, vcell{text: fmt.Sprint(k)})
			}
		}
		for _, c := range row {
			if c.Value {
				out = append(out, w.figure(r, c.Cell))
				continue
			}
			out = append(out, vcell{text: c.Text, colspan: c.Span, head: len(row) == 1})
		}
		rows = append(rows, out)
	}
	return rows
}

// applications prints table 三 with its columns in w.v.AppOrder.
func (w *vwriter) applications(r *ar.Report, t ar.GridTable) [][]vcell {
	order := w.v.AppOrder
	if order == nil {
		order = []int{0, 1, 2, 3, 4, 5, 6}
	}
	if w.v.Subtotal {
		var with []int
		for _, p := range order {
			with = append(with, p)
			if p == 5 {
				with = append(with, subtotal)
			}
		}
		order = with
	}
	var rows [][]vcell
	serialHead := func() []vcell {
		if !w.v.Serial {
			return nil
		}
		return []vcell{{text: "序号", rowspan: 3, head: true}}
	}
	note := vcell{text: "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", colspan: 3, rowspan: 3, head: true}
	rows = append(rows, append(serialHead(), note, vcell{text: "申请人情况", colspan: 7, head: true}))
	if w.v.FlatHead {
		var h []vcell
		for _, p := range order {
			h = append(h, vcell{text: appColumnLabels[p], rowspan: 2, head: true})
		}
		rows = append(rows, h, nil)
	} else {
		var top, inner []vcell
		groupDone := false
		for _, p := range order {
			switch {
			case p == 0 || p == 6:
				top = append(top, vcell{text: appColumnLabels[p], rowspan: 2, head: true})
			default:
				if !groupDone {
					n := 5
					if w.v.Subtotal {
						n = 6
					}
					top = append(top, vcell{text: "法人或其他组织", colspan: n, head: true})
					groupDone = true
				}
				inner = append(inner, vcell{text: appColumnLabels[p], head: true})
			}
		}
		rows = append(rows, top, inner)
	}
	if w.v.Rowspans && !w.v.OtherRows && !w.v.OtherSubtotal {
		return append(rows, w.spannedRows(r, order)...)
	}
	type line struct{ label, id, from string }
	var lines []line
	for _, row := range ar.Tables(r.Format)[1].Rows {
		switch {
		case w.v.OtherRows && r.Format == ar.Format2021 && strings.HasPrefix(row.ID, "other."):
			if row.ID == "other.no_correction" {
				lines = append(lines, line{"（六）其他处理", "other", "other"})
			}
		case w.v.OtherRows && r.Format == ar.Format2019 && row.ID == "other":
			lines = append(lines, line{"（六）其他处理", "", ""},
				line{"1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "", "other"},
				line{"2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "", "zero"},
				line{"3.其他", "", "zero"})
		case w.v.OtherSubtotal && r.Format == ar.Format2021 && row.ID == "other.no_correction":
			lines = append(lines, line{"（六）其他处理", "other", "other"}, line{row.Label, row.ID, row.ID})
		default:
			lines = append(lines, line{row.Label, row.ID, row.ID})
		}
	}
	for k, l := range lines {
		var out []vcell
		if w.v.Serial {
			out = append(out, vcell{text: fmt.Sprint(k + 1)})
		}
		// Labels over three columns: the group, the subgroup and the row.
		out = append(out, vcell{text: l.label, colspan: 3})
		if l.from != "" {
			for _, p := range order {
				c := w.appFigure(r, l.from, p)
				if l.from == "zero" {
					c = w.figure(zeroReport, ar.Cell(ar.TableApplications, "new", "total"))
				}
				out = append(out, c)
			}
		}
		rows = append(rows, out)
	}
	return rows
}

// appeals prints table 四 with its result columns in w.v.AppealOrd.
func (w *vwriter) appeals(r *ar.Report) [][]vcell {
	order := w.v.AppealOrd
	if order == nil {
		order = []int{0, 1, 2, 3, 4}
	}
	var head2, head3, data []vcell
	if w.v.Serial {
		head2 = []vcell{{text: "序号", rowspan: 3, head: true}}
		data = []vcell{{text: "1"}}
	}
	for _, p := range order {
		head2 = append(head2, vcell{text: appealLabels[p], rowspan: 2, head: true})
	}
	head2 = append(head2, vcell{text: "未经复议直接起诉", colspan: 5, head: true}, vcell{text: "复议后起诉", colspan: 5, head: true})
	for g := 0; g < 2; g++ {
		for _, p := range order {
			head3 = append(head3, vcell{text: appealLabels[p], head: true})
		}
	}
	for _, g := range ar.AppealGroups {
		for _, p := range order {
			data = append(data, w.figure(r, ar.Cell(ar.TableAppeals, g, ar.AppealColumns[p])))
		}
	}
	first := []vcell{{text: "行政复议", colspan: 5, head: true}, {text: "行政诉讼", colspan: 10, head: true}}
	if w.v.AppealHead3 {
		first[0].rowspan = 2
		head2 = []vcell{{text: "未经复议直接起诉", colspan: 5, head: true}, {text: "复议后起诉", colspan: 5, head: true}}
		head3 = nil
		for g := 0; g < 3; g++ {
			for _, p := range order {
				head3 = append(head3, vcell{text: appealLabels[p], head: true})
			}
		}
		if w.v.Serial {
			head2 = append([]vcell{{}}, head2...) // placeholder dropped below
		}
	}
	if w.v.Serial {
		// the 序号 cell spans the three header rows from the first
		head2 = head2[1:]
		first = append([]vcell{{text: "序号", rowspan: 3, head: true}}, first...)
	}
	return [][]vcell{first, head2, head3, data}
}

func (w *vwriter) table(rows [][]vcell) {
	if w.v.Text {
		covered := map[int]int{} // grid column → rows still under a rowspan from above
		for _, row := range rows {
			if len(row) == 0 {
				// A row wholly under merged cells from above.
				for k := range covered {
					covered[k] = max(covered[k]-1, 0)
				}
				continue
			}
			var parts []string
			col := 0
			skip := func() {
				for covered[col] > 0 {
					covered[col]--
					if w.v.TextCovered {
						parts = append(parts, "") // the merged cell's place, printed empty
					}
					col++
				}
			}
			for _, c := range row {
				skip()
				span := max(c.colspan, 1)
				if c.rowspan > 1 {
					for k := 0; k < span; k++ {
						covered[col+k] = c.rowspan - 1
					}
				}
				col += span
				if !c.drop {
					parts = append(parts, c.text)
				}
			}
			skip()
			w.b.WriteString("| " + strings.Join(parts, " | ") + " |\n")
		}
		return
	}
	b := &w.b
	if w.v.Word {
		b.WriteString("<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse;border:none'>\n")
	} else {
		b.WriteString("<table style=\"width:100%\" border=\"1\"><tbody>\n")
	}
	for _, row := range rows {
		b.WriteString(" <tr style='height:20.0pt'>\n")
		for _, c := range row {
			if c.drop {
				continue
			}
			tag := "td"
			if c.head && w.v.TH {
				tag = "th"
			}
			b.WriteString("  <" + tag)
			if c.colspan > 1 {
				fmt.Fprintf(b, " colspan=%d", c.colspan)
			}
			if c.rowspan > 1 {
				fmt.Fprintf(b, " rowspan=\"%d\"", c.rowspan)
			}
			if w.v.Word {
				b.WriteString(" width=57 valign=top style='width:42.5pt;border:solid windowtext 1.0pt;padding:0cm 5.4pt 0cm 5.4pt'>")
			} else {
				b.WriteString(">")
			}
			b.WriteString(w.cellHTML(c))
			b.WriteString("</" + tag + ">\n")
		}
		b.WriteString(" </tr>\n")
	}
	if w.v.Word {
		// Word's spacer row that fixes the column widths.
		b.WriteString("<![if !supportMisalignedColumns]>\n <tr height=0>\n")
		for k := 0; k < 10; k++ {
			b.WriteString("  <td width=57 style='border:none'></td>\n")
		}
		b.WriteString(" </tr>\n<![endif]>\n")
	} else {
		b.WriteString("</tbody>")
	}
	b.WriteString("</table>\n")
}

func (w *vwriter) cellHTML(c vcell) string {
	text := html.EscapeString(c.text)
	if w.l.SplitParagraph && c.value && len(text) >= 2 && text[0] >= '0' && text[0] <= '9' {
		return "<p>" + text[:1] + "</p><p>" + text[1:] + "</p>"
	}
	if !w.v.Word {
		if text == "" {
			return "&nbsp;"
		}
		return text
	}
	const p = "<p class=MsoNormal align=center style='text-align:center'>"
	if text == "" {
		return p + "<span lang=EN-US style='font-size:10.5pt'>&nbsp;<o:p></o:p></span></p>"
	}
	if w.v.SplitSpan && c.value && len(c.text) >= 2 && c.text[0] >= '0' && c.text[0] <= '9' {
		// Word splits a figure where the editing history changed: two runs of one number.
		return p + "<span lang=EN-US style='font-size:10.5pt'>" + text[:1] + "</span><span lang=EN-US style='font-size:10.5pt;font-family:宋体'><span>" + text[1:] + "</span><o:p></o:p></span></p>"
	}
	return p + "<span style='font-size:10.5pt;font-family:宋体'>" + text + "<o:p></o:p></span></p>"
}

// ChineseNumeral writes n (0 ≤ n < 100,000,000) in Chinese numerals: 〇, 十五, 一百零五.
func ChineseNumeral(n int) string {
	if n == 0 {
		return "〇"
	}
	digits := []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	var four func(n int, lead bool) string
	four = func(n int, lead bool) string {
		var b strings.Builder
		zero := false
		for _, m := range []int{1000, 100, 10, 1} {
			d := n / m % 10
			if d == 0 {
				if b.Len() > 0 {
					zero = true
				}
				continue
			}
			if zero {
				b.WriteString("零")
				zero = false
			}
			if !(m == 10 && d == 1 && lead && b.Len() == 0) {
				b.WriteString(digits[d])
			}
			switch m {
			case 1000:
				b.WriteString("千")
			case 100:
				b.WriteString("百")
			case 10:
				b.WriteString("十")
			}
		}
		return b.String()
	}
	if n < 10000 {
		return four(n, true)
	}
	hi, lo := n/10000, n%10000
	s := four(hi, true) + "万"
	if lo == 0 {
		return s
	}
	if lo < 1000 {
		s += "零"
	}
	return s + four(lo, false)
}

// spannedRows prints the rows of table 三 with group cells spanning their rows.
func (w *vwriter) spannedRows(r *ar.Report, order []int) [][]vcell {
	apps := ar.Tables(r.Format)[1].Rows
	const result = "三、本年度办理结果"
	outcomes := 0
	groupLen := map[string]int{}
	for _, row := range apps {
		if row.Group != "" {
			outcomes++
			groupLen[row.Group]++
		}
	}
	var rows [][]vcell
	seen := map[string]bool{}
	for k, row := range apps {
		var out []vcell
		if w.v.Serial {
			out = append(out, vcell{text: fmt.Sprint(k + 1)})
		}
		switch {
		case row.Group == "":
			out = append(out, vcell{text: row.Label, colspan: 3})
		default:
			if !seen[result] {
				seen[result] = true
				out = append(out, vcell{text: result, rowspan: outcomes})
			}
			if row.Group == result {
				out = append(out, vcell{text: row.Label, colspan: 2})
			} else {
				if !seen[row.Group] {
					seen[row.Group] = true
					out = append(out, vcell{text: row.Group, rowspan: groupLen[row.Group]})
				}
				out = append(out, vcell{text: row.Label})
			}
		}
		for _, p := range order {
			out = append(out, w.appFigure(r, row.ID, p))
		}
		rows = append(rows, out)
	}
	return rows
}

// appFigure prints column p (a statutory column, or subtotal) of table 三 row id.
func (w *vwriter) appFigure(r *ar.Report, row string, p int) vcell {
	if p != subtotal {
		return w.figure(r, ar.Cell(ar.TableApplications, row, ar.ApplicationColumns[p]))
	}
	sum := ar.NewReport("", 0, ar.Format2021)
	var t float64
	for _, c := range ar.ApplicationColumns[1:6] {
		v, ok := r.Cells.Get(ar.Cell(ar.TableApplications, row, c))
		if !ok {
			return w.figure(sum, ar.Cell(ar.TableApplications, "new", "total"))
		}
		t += v
	}
	sum.Cells.Set(ar.Cell(ar.TableApplications, "new", "total"), t)
	return w.figure(sum, ar.Cell(ar.TableApplications, "new", "total"))
}

var zeroReport = func() *ar.Report {
	r := ar.NewReport("", 0, ar.Format2021)
	r.Cells.Set(ar.Cell(ar.TableApplications, "new", "total"), 0)
	return r
}()
