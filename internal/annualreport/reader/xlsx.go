package reader

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"html"
	"io"
	"math"
	"path"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	ar "gongkai/internal/annualreport"
)

// Bounds on what is read of a workbook: the uncompressed size of a part (a zip bomb stops
// here), the rows and columns of a sheet (a report's tables fill a few dozen) and its
// merged ranges (each hides cells of the sheet's grid).
const (
	maxXLSXSize  = 64 << 20
	maxSheetRows = 2000
	maxSheetCols = 200
	maxMerges    = 2000
)

// readXLSX reads an Excel workbook (.xlsx, as Excel, WPS and LibreOffice save it, and as
// gongkai writes a report's tables): every visible sheet becomes a table of the HTML
// reader, merged cells as colspan and rowspan, figures as stored (a formula's cached
// result). ok is false when data is not a workbook, for the other kinds to try. Like the
// Word reader it reads the package's XML itself: a spreadsheet library's model pads every
// row to its last cell, and a few kilobytes with cells in the last column would take
// seconds and hundreds of megabytes.
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
// order: the workbook's list of sheets (xl/workbook.xml and its relationships), the shared
// strings, and each sheet's cells and merged ranges, read as a stream of XML. A sheet is
// read to maxSheetRows rows and maxSheetCols columns, with at most maxMerges merged ranges.
func xlsxToHTML(data []byte) (string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", err
	}
	sheets, shared, err := workbookSheets(zr)
	if err != nil {
		return "", err
	}
	var strs []string
	if shared != "" {
		if strs, err = sharedStrings(zr, shared); err != nil {
			return "", err
		}
	}
	var b strings.Builder
	b.WriteString("<html><body>\n")
	for _, sh := range sheets {
		if sh.hidden {
			continue
		}
		grid, merges, err := readSheet(zr, sh.part, strs)
		if err != nil {
			return "", err
		}
		sheetHTML(&b, grid, merges)
	}
	b.WriteString("</body></html>\n")
	return b.String(), nil
}

// xlsxSheet is a sheet as the workbook lists it: its name, whether it is hidden and its
// part in the package.
type xlsxSheet struct {
	name, part string
	hidden     bool
}

// workbookSheets lists the sheets of xl/workbook.xml in order, each with its part from
// xl/_rels/workbook.xml.rels, and the part of the shared strings ("" when there is none).
func workbookSheets(zr *zip.Reader) (sheets []xlsxSheet, shared string, err error) {
	targets := map[string]string{} // relationship id → part
	err = eachElement(zr, "xl/_rels/workbook.xml.rels", func(e xml.StartElement) {
		if e.Name.Local != "Relationship" {
			return
		}
		t := attr(e, "Target")
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join("xl", t)
		}
		targets[attr(e, "Id")] = t
		if strings.HasSuffix(attr(e, "Type"), "/sharedStrings") {
			shared = t
		}
	})
	if err != nil {
		return nil, "", err
	}
	err = eachElement(zr, "xl/workbook.xml", func(e xml.StartElement) {
		if e.Name.Local != "sheet" {
			return
		}
		state := attr(e, "state")
		sheets = append(sheets, xlsxSheet{name: attr(e, "name"), part: targets[attr(e, "id")], hidden: state == "hidden" || state == "veryHidden"})
	})
	return sheets, shared, err
}

// eachElement calls fn with every start element of a part.
func eachElement(zr *zip.Reader, name string, fn func(xml.StartElement)) error {
	f, err := zr.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	d := xml.NewDecoder(io.LimitReader(f, maxXLSXSize))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if e, ok := tok.(xml.StartElement); ok {
			fn(e)
		}
	}
}

// sharedStrings reads the shared string table: the text of each <si>, its runs joined,
// phonetic guides (<rPh>) left out.
func sharedStrings(zr *zip.Reader, part string) ([]string, error) {
	f, err := zr.Open(part)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	d := xml.NewDecoder(io.LimitReader(f, maxXLSXSize))
	var (
		out      []string
		cur      strings.Builder
		inSI     bool
		inText   bool
		phonetic int
	)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "si":
				inSI = true
				cur.Reset()
			case "rPh":
				phonetic++
			case "t":
				inText = inSI && phonetic == 0
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "si":
				out = append(out, cur.String())
				inSI = false
			case "rPh":
				phonetic--
			case "t":
				inText = false
			}
		case xml.CharData:
			if inText {
				cur.Write(t)
			}
		}
	}
}

// readSheet reads a sheet's cells (to maxSheetRows rows and maxSheetCols columns) as
// printed, and its merged ranges.
func readSheet(zr *zip.Reader, part string, strs []string) (grid [][]string, merges []string, err error) {
	f, err := zr.Open(part)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	d := xml.NewDecoder(io.LimitReader(f, maxXLSXSize))
	var (
		row, col     int // the current row and column, from 1
		kind         string
		value, text  strings.Builder
		inV, inT     bool
		inIS, inCell bool
	)
	put := func(r, c int, v string) {
		if r < 1 || r > maxSheetRows || c < 1 || c > maxSheetCols || v == "" {
			return
		}
		for len(grid) < r {
			grid = append(grid, nil)
		}
		for len(grid[r-1]) < c {
			grid[r-1] = append(grid[r-1], "")
		}
		grid[r-1][c-1] = v
	}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return grid, merges, nil
		}
		if err != nil {
			return nil, nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "row":
				if n, err := strconv.Atoi(attr(t, "r")); err == nil {
					row = n
				} else {
					row++
				}
				col = 0
			case "c":
				inCell = true
				kind = attr(t, "t")
				if c, r, err := excelize.CellNameToCoordinates(attr(t, "r")); err == nil {
					col, row = c, r
				} else {
					col++
				}
				value.Reset()
				text.Reset()
			case "v":
				inV = inCell
			case "is":
				inIS = inCell
			case "t":
				inT = inIS
			case "mergeCell":
				if len(merges) == maxMerges {
					return nil, nil, fmt.Errorf("reader: xlsx: %s has more than %d merged ranges", part, maxMerges)
				}
				merges = append(merges, attr(t, "ref"))
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "v":
				inV = false
			case "t":
				inT = false
			case "is":
				inIS = false
			case "c":
				v := value.String()
				switch kind {
				case "s":
					if i, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && i >= 0 && i < len(strs) {
						v = strs[i]
					} else {
						v = ""
					}
				case "inlineStr":
					v = text.String()
				}
				put(row, col, v)
				inCell = false
			}
		case xml.CharData:
			switch {
			case inV:
				value.Write(t)
			case inT:
				text.Write(t)
			}
		}
	}
}

// sheetHTML writes one sheet as a table, merged ranges (A1:C3) as colspan and rowspan.
func sheetHTML(b *strings.Builder, grid [][]string, merges []string) {
	// Merged ranges: the top-left cell spans, the others are not printed.
	type span struct{ rows, cols int }
	spans := map[[2]int]span{}
	hidden := map[[2]int]bool{}
	width := 0
	for _, r := range grid {
		width = max(width, len(r))
	}
	for _, m := range merges {
		from, to, _ := strings.Cut(m, ":")
		if to == "" {
			to = from
		}
		c1, r1, err1 := excelize.CellNameToCoordinates(from)
		c2, r2, err2 := excelize.CellNameToCoordinates(to)
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
		return
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
