package annualreport

import (
	"html"
	"strconv"
	"strings"
)

// GridCell is one printed cell of a statutory table.
type GridCell struct {
	Text  string // label text, or the figure as printed ("" for a blank figure)
	Value bool   // a figure cell (as opposed to a label)
	Span  int    // columns spanned, 0 or 1 for one
	Cell  string // for a figure: its cell id
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

// Grid lays out the statutory tables of r (2019 or 2021 format) as printed rows.
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
	return out
}

// Title is the report's title line.
func Title(r *Report) string {
	return r.Agency + strconv.Itoa(r.Year) + "年政府信息公开工作年度报告"
}

// Sections of the report with fixed wording for the parts without tables.
var reportText = map[string]string{
	"一": "本机关认真贯彻落实《中华人民共和国政府信息公开条例》，现将本年度政府信息公开工作情况报告如下。",
	"五": "存在的主要问题：政府信息公开工作力量不足。改进情况：加强培训，规范公开流程。",
	"六": "本年度未收取信息处理费。无其他需要报告的事项。",
}

// RenderText prints r as a plain-text report: title, the six sections and the tables,
// one table row per line with cells separated by tabs.
func RenderText(r *Report) string {
	var b strings.Builder
	b.WriteString(Title(r))
	b.WriteString("\n一、总体情况\n")
	b.WriteString(reportText["一"])
	b.WriteByte('\n')
	for _, t := range Grid(r) {
		b.WriteString(t.Section)
		b.WriteByte('\n')
		for _, row := range t.Rows {
			for k, c := range row {
				if k > 0 {
					b.WriteByte('\t')
				}
				b.WriteString(c.Text)
			}
			b.WriteByte('\n')
		}
	}
	b.WriteString("五、存在的主要问题及改进情况\n")
	b.WriteString(reportText["五"])
	b.WriteString("\n六、其他需要报告的事项\n")
	b.WriteString(reportText["六"])
	b.WriteByte('\n')
	return b.String()
}

// RenderHTML prints r as an HTML page with the statutory tables as <table>s.
func RenderHTML(r *Report) string {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
	b.WriteString(html.EscapeString(Title(r)))
	b.WriteString("</title></head><body>\n<h1>")
	b.WriteString(html.EscapeString(Title(r)))
	b.WriteString("</h1>\n<h2>一、总体情况</h2>\n<p>")
	b.WriteString(html.EscapeString(reportText["一"]))
	b.WriteString("</p>\n")
	for _, t := range Grid(r) {
		b.WriteString("<h2>" + html.EscapeString(t.Section) + "</h2>\n<table border=\"1\">\n")
		for _, row := range t.Rows {
			b.WriteString("<tr>")
			for _, c := range row {
				b.WriteString("<td")
				if c.Span > 1 {
					b.WriteString(" colspan=\"" + strconv.Itoa(c.Span) + "\"")
				}
				b.WriteString(">")
				b.WriteString(html.EscapeString(c.Text))
				b.WriteString("</td>")
			}
			b.WriteString("</tr>\n")
		}
		b.WriteString("</table>\n")
	}
	b.WriteString("<h2>五、存在的主要问题及改进情况</h2>\n<p>" + html.EscapeString(reportText["五"]) + "</p>\n")
	b.WriteString("<h2>六、其他需要报告的事项</h2>\n<p>" + html.EscapeString(reportText["六"]) + "</p>\n</body></html>\n")
	return b.String()
}
