package reader

import (
	"archive/zip"
	"bytes"
	"fmt"
	"html"
	"math"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	ar "gongkai/internal/annualreport"
)

// Bounds on what is read of a workbook: the uncompressed size (a zip bomb stops here,
// and no sheet is spilled to a temporary file), and the rows and columns of a sheet (a
// report's tables fill a few dozen).
const (
	maxXLSXSize  = 64 << 20
	maxSheetRows = 2000
	maxSheetCols = 200
)

// readXLSX reads an Excel workbook (.xlsx, as Excel, WPS and LibreOffice save it, and as
// gongkai writes a report's tables): every visible sheet becomes a table of the HTML
// reader, merged cells as colspan and rowspan, figures as stored (a formula's cached
// result). ok is false when data is not a workbook, for the other kinds to try.
func readXLSX(name string, data []byte) (rep *ar.Report, ok bool) {
	if !isXLSX(data) {
		return nil, false
	}
	h, err := xlsxToHTML(data)
	if err != nil {
		return &ar.Report{File: name, Format: ar.FormatNarrative, Cells: ar.Cells{},
			Findings: []ar.Finding{{Rule: ar.RuleUnreadable, Message: "无法读取该文件：不是有效的 Excel 工作簿（.xlsx）"}}}, true
	}
	return ReadText(name, h), true
}

// isXLSX reports whether data is a zip package holding a workbook part.
func isXLSX(data []byte) bool {
	if !bytes.HasPrefix(data, zipMagic) {
		return false
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return false
	}
	for _, f := range zr.File {
		if f.Name == "xl/workbook.xml" {
			return true
		}
	}
	return false
}

// xlsxToHTML renders the visible sheets of a workbook as HTML tables, in the workbook's
// order. The spreadsheet library is a large parser of hostile input: a panic in it is an
// unreadable file, not a crash.
func xlsxToHTML(data []byte) (out string, err error) {
	defer func() {
		if v := recover(); v != nil {
			out, err = "", fmt.Errorf("reader: xlsx: %v", v)
		}
	}()
	x, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		RawCellValue: true, UnzipSizeLimit: maxXLSXSize, UnzipXMLSizeLimit: maxXLSXSize,
	})
	if err != nil {
		return "", err
	}
	defer x.Close()
	var b strings.Builder
	b.WriteString("<html><body>\n")
	for _, sheet := range x.GetSheetList() {
		if visible, err := x.GetSheetVisible(sheet); err != nil || !visible {
			continue
		}
		if err := sheetHTML(&b, x, sheet); err != nil {
			return "", err
		}
	}
	b.WriteString("</body></html>\n")
	return b.String(), nil
}

// sheetHTML writes one sheet as a table.
func sheetHTML(b *strings.Builder, x *excelize.File, sheet string) error {
	rows, err := x.Rows(sheet)
	if err != nil {
		return err
	}
	var grid [][]string
	for len(grid) < maxSheetRows && rows.Next() {
		cols, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			rows.Close()
			return err
		}
		grid = append(grid, cols[:min(len(cols), maxSheetCols)])
	}
	if err := rows.Close(); err != nil {
		return err
	}
	// Merged ranges: the top-left cell spans, the others are not printed.
	type span struct{ rows, cols int }
	spans := map[[2]int]span{}
	hidden := map[[2]int]bool{}
	width := 0
	for _, r := range grid {
		width = max(width, len(r))
	}
	merges, err := x.GetMergeCells(sheet)
	if err != nil {
		return err
	}
	for _, m := range merges {
		c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c2, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil || c2 < c1 || r2 < r1 || r1 > len(grid) || c1 > maxSheetCols {
			continue
		}
		r2, c2 = min(r2, len(grid)), min(c2, maxSheetCols)
		if hidden[[2]int{r1 - 1, c1 - 1}] {
			continue // overlaps a merge already placed
		}
		spans[[2]int{r1 - 1, c1 - 1}] = span{rows: r2 - r1 + 1, cols: c2 - c1 + 1}
		for r := r1 - 1; r < r2; r++ {
			for c := c1 - 1; c < c2; c++ {
				if r != r1-1 || c != c1-1 {
					hidden[[2]int{r, c}] = true
				}
			}
		}
		width = max(width, c2)
	}
	if len(grid) == 0 {
		return nil
	}
	b.WriteString("<table>\n")
	for i, row := range grid {
		b.WriteString("<tr>")
		for j := 0; j < width; j++ {
			if hidden[[2]int{i, j}] {
				continue
			}
			b.WriteString("<td")
			if s, ok := spans[[2]int{i, j}]; ok {
				if s.cols > 1 {
					b.WriteString(` colspan="` + strconv.Itoa(s.cols) + `"`)
				}
				if s.rows > 1 {
					b.WriteString(` rowspan="` + strconv.Itoa(s.rows) + `"`)
				}
			}
			b.WriteString(">")
			if j < len(row) {
				b.WriteString(strings.ReplaceAll(html.EscapeString(sheetValue(row[j])), "\n", "<br>"))
			}
			b.WriteString("</td>")
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</table>\n")
	return nil
}

// sheetValue is a cell's value as printed: a number stored with binary noise
// (0.30000000000000004) rounded to the fifteen digits a spreadsheet shows.
func sheetValue(v string) string {
	if !strings.ContainsAny(v, ".eE") {
		return v
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return v
	}
	f, _ = strconv.ParseFloat(strconv.FormatFloat(f, 'g', 15, 64), 64)
	return strconv.FormatFloat(f, 'f', -1, 64)
}
