// Package reportfile writes an agency's published annual report as files to download: the
// Word document in the national layout (DOCX) and a workbook of its statutory tables that
// checks itself (XLSX). Both print the report as published, cell for cell; gongkai's
// reader (`gongkai check`) reads them back to the same cells. It is pure: no I/O.
package reportfile

import (
	"strings"
	"time"

	ar "gongkai/internal/annualreport"
	"gongkai/internal/docx"
	"gongkai/internal/workday"
)

// DOCX writes r as a Word document in the layout of 党政机关公文格式 (GB/T 9704-2012, see
// package docx): the title (on two lines when long, annualreport.TitleLines), the six sections (一、 headings in 黑体, the agency's text in
// 仿宋, two characters indented), tables 二, 三 and 四 with the merged cells of the
// national form, page numbers; and, when published is not zero, the agency's name and the
// day of publication at the end.
func DOCX(r *ar.Report, published time.Time) ([]byte, error) {
	title := ar.Title(r)
	d := &docx.Document{Title: title, Creator: r.Agency, PageNumbers: true}
	d.Para(docx.Title, strings.Join(ar.TitleLines(r), "\n"))
	d.Para(docx.Normal, "")
	for _, p := range ar.Parts(r) {
		d.Para(docx.Heading1, p.Heading)
		if p.Table != nil {
			d.Table(wordTable(*p.Table))
			continue
		}
		for _, line := range strings.Split(p.Text, "\n") {
			if line = strings.TrimSpace(line); line != "" {
				d.Para(docx.BodyText, line)
			}
		}
	}
	if !published.IsZero() {
		d.Para(docx.Normal, "")
		d.Para(docx.Signature, r.Agency)
		d.Para(docx.Signature, workday.FormatChinese(workday.Of(published)))
	}
	return d.Bytes()
}

// wordTable lays out one statutory table for Word: the grid's widths of the national form
// on the 156 mm type area, header rows repeated on every page, figures centred, row labels
// flush left (those spanning rows centred, as the form prints 三、本年度办理结果).
func wordTable(t ar.GridTable) docx.Table {
	out := docx.Table{Widths: columnWidths(t, docx.TextWidth)}
	head := true
	for _, row := range t.Rows {
		var cells []docx.Cell
		allHead := len(row) > 0
		for _, c := range row {
			align := docx.Left
			switch {
			case c.Value, c.Head, c.RowSpan > 1, t.ID != ar.TableApplications:
				align = docx.Center
			}
			allHead = allHead && c.Head
			cells = append(cells, docx.Cell{Text: c.Text, ColSpan: c.ColSpan, RowSpan: c.RowSpan, Align: align})
		}
		head = head && allHead
		out.Rows = append(out.Rows, docx.Row{Cells: cells, Header: head})
	}
	return out
}

// columnWidths divides total among the grid columns of t as the national form does: in
// table 三 three label columns of 14, 18 and 47 parts and seven figure columns of 11; in
// table 二 a label column of 52 parts and the figure columns sharing the rest; in table 四
// fifteen equal figure columns. Rounding is given to the first column.
func columnWidths(t ar.GridTable, total int) []int {
	n := gridWidth(t)
	parts := make([]int, n)
	switch t.ID {
	case ar.TableApplications:
		for i := range parts {
			parts[i] = 11
		}
		copy(parts, []int{14, 18, 47})
	case ar.TableAppeals:
		for i := range parts {
			parts[i] = 1
		}
	default:
		for i := range parts {
			parts[i] = 104 / max(n-1, 1)
		}
		parts[0] = 52
	}
	sum := 0
	for _, p := range parts {
		sum += p
	}
	widths := make([]int, n)
	used := 0
	for i, p := range parts {
		widths[i] = total * p / sum
		used += widths[i]
	}
	if n > 0 {
		widths[0] += total - used
	}
	return widths
}

// gridWidth is the number of grid columns of t: the widest row, counting the columns
// that row spans from rows above cover.
func gridWidth(t ar.GridTable) int {
	n := 0
	for _, p := range place(t) {
		n = max(n, p.col+p.cell.ColSpan)
	}
	return n
}

// placed is a cell of a GridTable with its place on the grid.
type placed struct {
	row, col int
	cell     ar.GridCell
}

// place puts the cells of t on its grid as HTML does: each cell in the first column of its
// row that no row span from above covers.
func place(t ar.GridTable) []placed {
	var out []placed
	covered := map[[2]int]bool{}
	for i, row := range t.Rows {
		col := 0
		for _, c := range row {
			for covered[[2]int{i, col}] {
				col++
			}
			c.ColSpan, c.RowSpan = max(c.ColSpan, 1), max(c.RowSpan, 1)
			out = append(out, placed{row: i, col: col, cell: c})
			for r := i; r < i+c.RowSpan; r++ {
				for k := col; k < col+c.ColSpan; k++ {
					covered[[2]int{r, k}] = true
				}
			}
			col += c.ColSpan
		}
	}
	return out
}
