package reader

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"html"
	"io"
	"sort"
	"strconv"
	"strings"
)

// maxDocumentXML bounds the uncompressed word/document.xml read from a DOCX file (a
// zip bomb stops here; a real report's is well under a megabyte).
const maxDocumentXML = 64 << 20

// Magic numbers of the document kinds a reader is handed that are not text.
var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1} // .doc, .wps, .xls
	pdfMagic = []byte("%PDF-")
)

// container recognises office and PDF files by their first bytes. For a DOCX (Word or
// WPS) it returns the document as HTML, tables with their merged cells, for the HTML
// reader; for the kinds that cannot be read it returns a Chinese reason.
func container(data []byte) (htmlText string, msg string, ok bool) {
	switch {
	case bytes.HasPrefix(data, zipMagic):
		h, err := docxToHTML(data)
		if err != nil {
			return "", "无法读取该文件：不是有效的 Word 文档（.docx）", true
		}
		return h, "", true
	case bytes.HasPrefix(data, oleMagic):
		return "", "Word 97-2003（.doc）或 WPS（.wps）格式无法直接读取，请另存为 .docx 或网页（.html）后再读取", true
	case bytes.HasPrefix(data, pdfMagic):
		return "", "PDF 文件无法直接读取，请使用发布页面的网页版本（.html）或另存为文本", true
	}
	return "", "", false
}

var errNotDOCX = errors.New("reader: not a docx file")

// docxToHTML renders word/document.xml of a DOCX file as HTML: a <p> per paragraph, a
// <table> per table with colspan (w:gridSpan) and rowspan (w:vMerge) restored. Text
// boxes, headers and footers are left out; deleted text (w:delText) and field codes
// (w:instrText) are not text.
func docxToHTML(data []byte) (string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", err
	}
	for _, f := range zr.File {
		if f.Name != "word/document.xml" {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return "", err
		}
		defer rc.Close()
		return documentHTML(io.LimitReader(rc, maxDocumentXML))
	}
	return "", errNotDOCX
}

// docxCell is one w:tc: where it starts on the table grid, how many grid columns it
// spans, whether it continues a vertical merge, and its paragraphs.
type docxCell struct {
	col, span int
	hcont     bool   // continues the cell before it (old-style w:hMerge)
	merge     string // "" none, "restart", "continue"
	paras     []string
	rowspan   int
}

// docxTable is a table being read: its rows, the cell it stands in (nil at the top
// level) and the grid column of the next cell of its current row.
type docxTable struct {
	rows  [][]*docxCell
	outer *docxCell
	col   int
}

// documentHTML walks the WordprocessingML body.
func documentHTML(r io.Reader) (string, error) {
	d := xml.NewDecoder(r)
	d.Strict = false
	var out strings.Builder
	out.WriteString("<html><body>\n")
	var (
		para     strings.Builder // the paragraph being read
		inText   bool            // inside w:t
		inTabs   int             // inside w:tabs (tab stops, not text)
		stack    []*docxTable    // tables being read, innermost last
		cell     *docxCell       // the innermost open cell
		fallback int             // inside mc:Fallback
	)
	endPara := func() {
		t := para.String()
		para.Reset()
		switch {
		case cell != nil:
			cell.paras = append(cell.paras, t)
		case strings.TrimSpace(t) != "":
			out.WriteString("<p>" + html.EscapeString(t) + "</p>\n")
		}
	}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", err
		}
		var tbl *docxTable
		if len(stack) > 0 {
			tbl = stack[len(stack)-1]
		}
		// mc:Fallback repeats a text box's content for old readers: read it once.
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local == "Fallback" {
				fallback++
			}
		case xml.EndElement:
			if t.Name.Local == "Fallback" && fallback > 0 {
				fallback--
				continue
			}
		}
		if fallback > 0 {
			continue
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "t":
				inText = true
			case "tabs":
				inTabs++
			case "tab":
				if inTabs == 0 {
					para.WriteByte('\t')
				}
			case "br", "cr":
				para.WriteByte('\n')
			case "tbl":
				if para.Len() > 0 {
					endPara()
				}
				stack = append(stack, &docxTable{outer: cell})
				cell = nil
			case "tr":
				if tbl != nil {
					tbl.rows = append(tbl.rows, nil)
					tbl.col = 0
				}
			case "gridBefore":
				if tbl != nil {
					tbl.col += min(attrInt(t, "val", 0), 64)
				}
			case "tc":
				if tbl != nil {
					if len(tbl.rows) == 0 {
						tbl.rows = append(tbl.rows, nil)
					}
					cell = &docxCell{col: tbl.col, span: 1}
					tbl.rows[len(tbl.rows)-1] = append(tbl.rows[len(tbl.rows)-1], cell)
				}
			case "gridSpan":
				if cell != nil {
					cell.span = max(1, min(attrInt(t, "val", 1), 64))
				}
			case "hMerge":
				if cell != nil && attr(t, "val") != "restart" {
					cell.hcont = true
				}
			case "vMerge":
				if cell != nil {
					if attr(t, "val") == "restart" {
						cell.merge = "restart"
					} else {
						cell.merge = "continue"
					}
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "t":
				inText = false
			case "tabs":
				inTabs--
			case "p":
				endPara()
			case "tc":
				if tbl != nil && cell != nil {
					tbl.col = cell.col + cell.span
					row := tbl.rows[len(tbl.rows)-1]
					if n := len(row); cell.hcont && n > 1 {
						// Old-style horizontal merge: the cell widens the one before it.
						prev := row[n-2]
						prev.span += cell.span
						for _, para := range cell.paras {
							if strings.TrimSpace(para) != "" {
								prev.paras = append(prev.paras, para)
							}
						}
						tbl.rows[len(tbl.rows)-1] = row[:n-1]
					}
				}
				cell = nil
			case "tbl":
				if tbl == nil {
					continue
				}
				stack = stack[:len(stack)-1]
				cell = tbl.outer
				if cell != nil {
					// A table inside a cell: its text joins the cell's.
					cell.paras = append(cell.paras, tableText(tbl.rows))
				} else {
					out.WriteString(tableHTML(tbl.rows))
				}
			}
		case xml.CharData:
			if inText {
				para.Write(t)
			}
		}
	}
	out.WriteString("</body></html>\n")
	return out.String(), nil
}

// tableHTML writes rows as an HTML table, vertical merges turned into rowspans. A
// converter's filler (the same empty cell spanning several grid columns at the end of
// most rows, left by a spacer row of a web page saved as .docx) is left out: its blanks
// would read as blank figures.
func tableHTML(rows [][]*docxCell) string {
	dropFiller(rows)
	// A continuing cell extends the cell above it that covers the same grid column.
	open := map[int]*docxCell{} // grid column → the restart cell of a merge in progress
	for _, row := range rows {
		for _, c := range row {
			switch c.merge {
			case "restart":
				c.rowspan = 1
				open[c.col] = c
			case "continue":
				if top := open[c.col]; top != nil {
					top.rowspan++
				} else {
					c.merge = "" // nothing above to continue: print as a cell of its own
				}
			default:
				delete(open, c.col)
			}
		}
	}
	var b strings.Builder
	b.WriteString("<table>\n")
	for _, row := range rows {
		b.WriteString("<tr>")
		for _, c := range row {
			if c.merge == "continue" {
				continue
			}
			b.WriteString("<td")
			if c.span > 1 {
				b.WriteString(` colspan="` + strconv.Itoa(c.span) + `"`)
			}
			if c.rowspan > 1 {
				b.WriteString(` rowspan="` + strconv.Itoa(c.rowspan) + `"`)
			}
			b.WriteString(">")
			for i, p := range c.paras {
				if i > 0 {
					b.WriteString("<br>")
				}
				b.WriteString(html.EscapeString(p))
			}
			b.WriteString("</td>")
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</table>\n")
	return b.String()
}

// dropFiller removes the filler cells tableHTML describes. The filler begins at the grid
// column from which four rows in five hold nothing, when two columns or more remain; a
// row's trailing empty cells from there on are dropped, unless a cell with text begins in
// their column in some row (a column with a header: the empty cell is a blank figure).
// Cells that reach into the filler (a header spanning the whole width) are clipped.
func dropFiller(rows [][]*docxCell) {
	width := 0
	used := map[int]bool{} // grid columns in which a cell with text begins
	var starts []int       // per row: where its trailing empty cells begin
	for _, row := range rows {
		n := len(row)
		if n == 0 {
			continue
		}
		for _, c := range row {
			if !blankCell(c) {
				used[c.col] = true
			}
		}
		width = max(width, row[n-1].col+row[n-1].span)
		k := n
		for k > 1 && blankCell(row[k-1]) {
			k--
		}
		if k == n {
			starts = append(starts, row[n-1].col+row[n-1].span)
		} else {
			starts = append(starts, row[k].col)
		}
	}
	if len(starts) < 2 {
		return
	}
	sort.Ints(starts)
	filler := starts[(len(starts)*4+4)/5-1]
	if width-filler < 2 {
		return
	}
	for k, row := range rows {
		for n := len(row); n > 1 && row[n-1].col >= filler && !used[row[n-1].col] && blankCell(row[n-1]); n-- {
			row = row[:n-1]
		}
		for _, c := range row {
			if c.col < filler && c.col+c.span > filler && !blankCell(c) {
				c.span = filler - c.col
			}
		}
		rows[k] = row
	}
}

func blankCell(c *docxCell) bool { return strings.TrimSpace(strings.Join(c.paras, "")) == "" }

// tableText is the text of a nested table, cells separated by spaces.
func tableText(rows [][]*docxCell) string {
	var parts []string
	for _, row := range rows {
		for _, c := range row {
			parts = append(parts, strings.Join(c.paras, " "))
		}
	}
	return strings.Join(parts, " ")
}

func attr(e xml.StartElement, local string) string {
	for _, a := range e.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

func attrInt(e xml.StartElement, local string, def int) int {
	v, err := strconv.Atoi(attr(e, local))
	if err != nil || v < 0 {
		return def
	}
	return v
}
