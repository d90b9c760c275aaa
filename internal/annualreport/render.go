package annualreport

import (
	"html"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// GridCell is one printed cell of a statutory table.
type GridCell struct {
	Text  string // label text, or the figure as printed ("" for a blank figure)
	Value bool   // a figure cell (as opposed to a label)
	Cell  string // for a figure: its cell id
	// ColSpan and RowSpan are the columns and rows the cell covers in the national
	// format's layout (at least 1 each); Head marks a column header, as opposed to a
	// row label.
	ColSpan, RowSpan int
	Head             bool
	// Span is the columns the cell covers when the table is printed without row spans
	// (0 or 1 for one): the flat layout the test-report generator prints. New code uses
	// ColSpan and RowSpan.
	Span int
}

// GridRow is one printed row.
type GridRow []GridCell

// GridTable is one statutory table as printed in the national format.
type GridTable struct {
	Section string // the section heading the table sits under
	ID      string // table id
	Rows    []GridRow
}

func lbl(s string) GridCell { return GridCell{Text: s} }

func span(s string, n int) GridCell { return GridCell{Text: s, Span: n} }

func (r *Report) val(id string) GridCell {
	c := GridCell{Value: true, Cell: id}
	if v, ok := r.Cells.Get(id); ok {
		c.Text = FormatNumber(v)
	}
	return c
}

// Grid lays out the statutory tables of r (2019 or 2021 format) as printed rows, with the
// row and column spans of the national format.
func Grid(r *Report) []GridTable {
	if r.Format != Format2019 && r.Format != Format2021 {
		return nil
	}
	tables := Tables(r.Format)
	active, apps := tables[0], tables[1]
	var out []GridTable

	// Table 二, one block per 第二十条 item.
	t2 := GridTable{Section: "二、主动公开政府信息情况", ID: active.ID}
	group := ""
	for _, row := range active.Rows {
		if row.Group != group {
			group = row.Group
			t2.Rows = append(t2.Rows, GridRow{span(group, 1+len(row.Columns))})
			head := GridRow{lbl("信息内容")}
			for _, c := range row.Columns {
				head = append(head, lbl(active.Columns[c]))
			}
			t2.Rows = append(t2.Rows, head)
		}
		line := GridRow{lbl(row.Label)}
		for _, c := range row.Columns {
			line = append(line, r.val(Cell(active.ID, row.ID, c)))
		}
		t2.Rows = append(t2.Rows, line)
	}
	out = append(out, t2)

	// Table 三.
	t3 := GridTable{Section: "三、收到和处理政府信息公开申请情况", ID: TableApplications}
	t3.Rows = append(t3.Rows,
		GridRow{span("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3), span("申请人情况", 7)},
		GridRow{lbl("自然人"), span("法人或其他组织", 5), lbl("总计")},
		GridRow{lbl("商业企业"), lbl("科研机构"), lbl("社会公益组织"), lbl("法律服务机构"), lbl("其他")},
	)
	prevGroup := ""
	for _, row := range apps.Rows {
		var line GridRow
		switch {
		case row.Group == grpResult && row.ID == "granted":
			line = GridRow{lbl(grpResult), lbl(row.Label)}
		case row.Group != "" && row.Group != grpResult && row.Group != prevGroup:
			line = GridRow{lbl(row.Group), lbl(row.Label)}
		default:
			line = GridRow{lbl(row.Label)}
		}
		prevGroup = row.Group
		for _, c := range row.Columns {
			line = append(line, r.val(Cell(TableApplications, row.ID, c)))
		}
		t3.Rows = append(t3.Rows, line)
	}
	out = append(out, t3)

	// Table 四.
	t4 := GridTable{Section: "四、政府信息公开行政复议、行政诉讼情况", ID: TableAppeals}
	results := []string{"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"}
	head2 := GridRow{}
	for _, s := range results {
		head2 = append(head2, lbl(s))
	}
	head3 := GridRow{}
	for k := 0; k < 2; k++ {
		for _, s := range results {
			head3 = append(head3, lbl(s))
		}
	}
	data := GridRow{}
	for _, g := range AppealGroups {
		for _, c := range AppealColumns {
			data = append(data, r.val(Cell(TableAppeals, g, c)))
		}
	}
	t4.Rows = append(t4.Rows,
		GridRow{span("行政复议", 5), span("行政诉讼", 10)},
		append(head2, span("未经复议直接起诉", 5), span("复议后起诉", 5)),
		head3,
		data,
	)
	out = append(out, t4)

	for _, t := range out {
		setSpans(t)
	}
	return out
}

// setSpans sets the row and column spans of the national format on the cells of t, built
// flat (column spans only) by Grid.
func setSpans(t GridTable) {
	for _, row := range t.Rows {
		for k := range row {
			row[k].ColSpan, row[k].RowSpan = max(row[k].Span, 1), 1
		}
	}
	switch t.ID {
	case TableApplications:
		layoutApplications(t.Rows)
	case TableAppeals:
		layoutAppeals(t.Rows)
	default:
		layoutBlocks(t.Rows)
	}
}

// layoutBlocks widens the last cell of short rows so that blocks of different widths
// (table 二: four columns for 第二十条第（一）项, two for the others) fill the table, as
// the merged cells of the national format do.
func layoutBlocks(rows []GridRow) {
	width := func(r GridRow) int {
		n := 0
		for _, c := range r {
			n += c.ColSpan
		}
		return n
	}
	most := 0
	for _, r := range rows {
		most = max(most, width(r))
	}
	for _, r := range rows {
		if w := width(r); w < most && len(r) > 0 {
			r[len(r)-1].ColSpan += most - w
		}
	}
}

// layoutApplications: three header rows over three label columns and seven applicant
// columns; row labels nest as 三、 > （三） > 1.
func layoutApplications(rows []GridRow) {
	for _, r := range rows[:3] {
		for k := range r {
			r[k].Head = true
		}
	}
	rows[0][0].RowSpan = 3
	rows[1][0].RowSpan, rows[1][2].RowSpan = 2, 2
	data := rows[3:]
	labels := func(r GridRow) int {
		n := 0
		for n < len(r) && !r[n].Value {
			n++
		}
		return n
	}
	for i, r := range data {
		switch labels(r) {
		case 1:
			switch {
			case topLevel(r[0].Text):
				r[0].ColSpan = 3
			case strings.HasPrefix(r[0].Text, "（"):
				r[0].ColSpan = 2
			}
		case 2:
			n := 1
			if topLevel(r[0].Text) {
				for i+n < len(data) && !topLevel(data[i+n][0].Text) {
					n++
				}
				r[1].ColSpan = 2
			} else {
				for i+n < len(data) && labels(data[i+n]) == 1 && startsDigit(data[i+n][0].Text) {
					n++
				}
			}
			r[0].RowSpan = n
		}
	}
}

// layoutAppeals: the five result headers of 行政复议 span the two header rows that
// 行政诉讼 needs.
func layoutAppeals(rows []GridRow) {
	for _, r := range rows[:3] {
		for k := range r {
			r[k].Head = true
		}
	}
	for k := 0; k < 5; k++ {
		rows[1][k].RowSpan = 2
	}
}

// topLevel reports whether a label is numbered 一、二、… (a top-level item).
func topLevel(s string) bool {
	i := strings.IndexRune(s, '、')
	return i > 0 && strings.Trim(s[:i], "一二三四五六七八九十") == ""
}

func startsDigit(s string) bool {
	for _, r := range s {
		return unicode.IsDigit(r)
	}
	return false
}

// Title is the report's title line.
func Title(r *Report) string {
	return r.Agency + strconv.Itoa(r.Year) + "年政府信息公开工作年度报告"
}

// titleLineRunes is how many characters of the title fit on one line of the printed page:
// 2号 (22 pt) characters across the 156 mm type area of GB/T 9704-2012.
const titleLineRunes = 20

// TitleLines is the title as printed on paper: one line when it fits, otherwise the
// agency's name on the first line and the year's title on the second (a line break that
// keeps the words whole, as GB/T 9704-2012 asks of titles).
func TitleLines(r *Report) []string {
	t := Title(r)
	if utf8.RuneCountInString(t) <= titleLineRunes || r.Agency == "" {
		return []string{t}
	}
	return []string{r.Agency, strings.TrimPrefix(t, r.Agency)}
}

// Headings of the sections without tables.
const (
	headingOverview = "一、总体情况"
	headingProblems = "五、存在的主要问题及改进情况"
	headingOther    = "六、其他需要报告的事项"
)

// Part is one of the six sections of a report as printed: its heading, and either what
// the agency wrote (sections 一, 五 and 六) or a statutory table (二, 三 and 四).
type Part struct {
	Heading string
	Text    string     // the section's text; "" for a table section
	Table   *GridTable // the section's table; nil for a text section
}

// Parts are the six sections of r in order as every rendering prints them (text, HTML,
// Word, the print page): the written sections with the saved narrative (or unwritten),
// the tables of Grid between them. A report without tables has the written sections only.
func Parts(r *Report) []Part {
	overview, problems, other := sectionTexts(r)
	parts := []Part{{Heading: headingOverview, Text: overview}}
	for _, t := range Grid(r) {
		parts = append(parts, Part{Heading: t.Section, Table: &t})
	}
	return append(parts, Part{Heading: headingProblems, Text: problems}, Part{Heading: headingOther, Text: other})
}

// RenderText prints r as a plain-text report: title, the six sections with what the agency
// wrote in 一, 五 and 六, and the tables, one table row per line with cells separated by
// tabs (row spans are not repeated).
func RenderText(r *Report) string {
	var b strings.Builder
	b.WriteString(Title(r))
	b.WriteByte('\n')
	for _, p := range Parts(r) {
		b.WriteString(p.Heading + "\n")
		if p.Table == nil {
			b.WriteString(p.Text + "\n")
			continue
		}
		for _, row := range p.Table.Rows {
			for k, c := range row {
				if k > 0 {
					b.WriteByte('\t')
				}
				b.WriteString(c.Text)
			}
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// TableHTML is the markup of one statutory table: the one HTML rendering of the tables,
// shared by the command line, the portal and the console. Figures are <td class="n">
// with their cell id in data-cell; labels are <th>, scope col for column headers.
func TableHTML(t GridTable) string {
	var b strings.Builder
	writeTable(&b, t)
	return b.String()
}

func writeTable(b *strings.Builder, t GridTable) {
	b.WriteString(`<table class="report-table" id="table-` + html.EscapeString(t.ID) + "\">\n<tbody>\n")
	for _, row := range t.Rows {
		b.WriteString("<tr>")
		for _, c := range row {
			if c.Value {
				b.WriteString(`<td class="n"`)
			} else if c.Head {
				b.WriteString(`<th scope="col" class="head"`)
			} else {
				b.WriteString(`<th scope="row"`)
			}
			if c.ColSpan > 1 {
				b.WriteString(` colspan="` + strconv.Itoa(c.ColSpan) + `"`)
			}
			if c.RowSpan > 1 {
				b.WriteString(` rowspan="` + strconv.Itoa(c.RowSpan) + `"`)
			}
			if c.Value {
				b.WriteString(` data-cell="` + html.EscapeString(c.Cell) + `">`)
				b.WriteString(html.EscapeString(c.Text))
				b.WriteString("</td>")
			} else {
				b.WriteString(">" + html.EscapeString(c.Text) + "</th>")
			}
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</tbody>\n</table>\n")
}

// TablesHTML is the markup of r's statutory tables, each under its section heading at
// level h (2 in a report, 3 inside a console card).
func TablesHTML(r *Report, h int) string {
	var b strings.Builder
	writeTables(&b, r, h)
	return b.String()
}

func writeTables(b *strings.Builder, r *Report, h int) {
	for _, t := range Grid(r) {
		writeSectionTable(b, t, h)
	}
}

// writeSectionTable writes a table under its section heading at level h.
func writeSectionTable(b *strings.Builder, t GridTable, h int) {
	tag := "h" + strconv.Itoa(min(max(h, 1), 6))
	b.WriteString("<" + tag + ">" + html.EscapeString(t.Section) + "</" + tag + ">\n")
	b.WriteString("<div class=\"table-scroll\">\n")
	writeTable(b, t)
	b.WriteString("</div>\n")
}

// BodyHTML is the markup of r's six sections (without the title): what the agency wrote in
// 一, 五 and 六 as paragraphs of class prose, the tables between them.
func BodyHTML(r *Report) string {
	var b strings.Builder
	for _, p := range Parts(r) {
		if p.Table == nil {
			b.WriteString("<h2>" + p.Heading + "</h2>\n<div class=\"prose\">" + html.EscapeString(p.Text) + "</div>\n")
			continue
		}
		writeSectionTable(&b, *p.Table, 2)
	}
	return b.String()
}

// pageStyle makes the standalone page readable without the portal's style sheet.
const pageStyle = `body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.6}` +
	`.prose{white-space:pre-wrap}table{border-collapse:collapse;margin-bottom:1em}` +
	`th,td{border:1px solid #666;padding:2px 6px}th.head{text-align:center}td.n{text-align:right;white-space:nowrap}`

// RenderHTML prints r as a standalone HTML page: the title and BodyHTML.
func RenderHTML(r *Report) string {
	title := html.EscapeString(Title(r))
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>" + title + "</title>\n")
	b.WriteString("<style>" + pageStyle + "</style></head><body>\n<h1>" + title + "</h1>\n")
	b.WriteString(BodyHTML(r))
	b.WriteString("</body></html>\n")
	return b.String()
}
