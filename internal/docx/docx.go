// Package docx writes Word documents (Office Open XML WordprocessingML, by hand: no
// dependency) in the layout of 党政机关公文格式 (GB/T 9704-2012). It is gongkai's one Word
// writer: the letters of 依申请公开 and the annual report are written through it. It is
// pure: a Document is built in memory and written to the io.Writer given.
//
// The page: A4, top margin 37 mm, left 28 mm, type area 156 × 225 mm. Styles: the title in
// 2号小标宋 centred; the body in 3号仿宋 with a fixed line pitch (22 lines a page),
// paragraphs indented two characters; first-level headings (一、) in 3号黑体; the signature
// and date right-aligned, four characters from the right edge; tables in 五号仿宋, single
// spaced; page numbers (when asked for) in 4号宋体 as “— 1 —”, odd pages on the right and
// even pages on the left, one character from the edge. Fonts name 方正小标宋简体,
// 仿宋_GB2312 and 黑体 first, with 宋体, 仿宋 and SimHei as alternates (fontTable.xml
// altName) for machines without them.
//
// Word refuses documents whose elements are out of the schema's order even when the XML
// is well-formed: keep pPr children in the order of CT_PPrBase (pStyle … snapToGrid,
// spacing, ind … jc), rPr in CT_RPr's, style children in CT_Style's (name, basedOn, next,
// qFormat, pPr, rPr), tblPr in CT_TblPr's, tcPr in CT_TcPr's and sectPr in CT_SectPr's.
// docxtest checks this order in every test that writes a document.
package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// Twentieths of a point (twips): 1 mm = 56.7 twips.
const (
	pageWidth   = 11906 // 210 mm
	pageHeight  = 16838 // 297 mm
	marginTop   = 2098  // 37 mm
	marginLeft  = 1588  // 28 mm
	marginRight = 1474  // 26 mm: 210 − 28 − 156
	marginBot   = 1984  // 35 mm: 297 − 37 − 225
	linePitch   = 579   // 28.95 pt: 22 lines in 225 mm
	// footerDist puts the page number's line 7 mm under the type area: 35 − 7 mm from
	// the page's edge to its top, less its own height (4号, about 5 mm).
	footerDist = 1304 // 23 mm

	// TextWidth is the width of the type area (156 mm), the width of a full-width table.
	TextWidth = pageWidth - marginLeft - marginRight
)

const (
	bodyFont    = "仿宋_GB2312"
	bodyAlt     = "仿宋"
	titleFont   = "方正小标宋简体"
	titleAlt    = "宋体"
	headingFont = "黑体"
	headingAlt  = "SimHei"
	latinFont   = "Times New Roman"
)

// Style is a paragraph style of the 公文 stylesheet.
type Style string

// The paragraph styles.
const (
	Normal    Style = "Normal"    // 3号仿宋, justified
	Title     Style = "Title"     // 2号小标宋, centred
	DocNumber Style = "DocNumber" // the 文号, centred under the title with a line's space around
	Addressee Style = "Addressee" // 主送, flush left
	BodyText  Style = "BodyText"  // the body: first line indented two characters
	Heading1  Style = "Heading1"  // 一、: 3号黑体, indented two characters
	Signature Style = "Signature" // right-aligned, four characters from the right edge
	TableText Style = "TableText" // table cells: 五号仿宋, single spaced, off the line grid
	Footer    Style = "Footer"    // page numbers: 4号宋体
)

// Align is the horizontal alignment of a table cell's text.
type Align int

// Alignments.
const (
	Left Align = iota
	Center
	Right
)

// Cell is one cell of a table, as HTML lays it out: a cell covered by a row span from a
// row above is not listed again in the rows below.
type Cell struct {
	Text             string // lines separated by "\n" become paragraphs
	ColSpan, RowSpan int    // grid columns and rows covered; 0 counts as 1
	Align            Align
}

// Row is one table row.
type Row struct {
	Cells []Cell
	// Header rows are repeated at the top of every page the table runs onto; only
	// leading rows may be headers.
	Header bool
}

// Table is a bordered table, centred on the type area.
type Table struct {
	Widths []int // grid columns' widths in twips; their sum is the table's width
	Rows   []Row
}

// Document is a Word document being built: paragraphs and tables in order.
type Document struct {
	Title   string // the document's title in its properties (dc:title)
	Creator string // its author (dc:creator)
	// PageNumbers adds the 公文 page numbers: “— 1 —”, odd pages right, even pages left.
	PageNumbers bool
	body        strings.Builder
}

// Para adds a paragraph of style s. Text is one paragraph: line breaks in it are kept as
// breaks within the paragraph.
func (d *Document) Para(s Style, text string) {
	d.body.WriteString(`<w:p><w:pPr><w:pStyle w:val="` + string(s) + `"/></w:pPr>`)
	writeRuns(&d.body, text)
	d.body.WriteString(`</w:p>`)
}

// writeRuns writes text as one run, its line breaks as w:br.
func writeRuns(b *strings.Builder, text string) {
	if text == "" {
		return
	}
	b.WriteString(`<w:r>`)
	for i, line := range strings.Split(text, "\n") {
		if i > 0 {
			b.WriteString(`<w:br/>`)
		}
		if line != "" {
			b.WriteString(`<w:t xml:space="preserve">` + esc(line) + `</w:t>`)
		}
	}
	b.WriteString(`</w:r>`)
}

// Table adds a table. Row spans become vertical merges (the first cell "restart", a
// "continue" cell under it in every row it covers), column spans w:gridSpan.
func (d *Document) Table(t Table) {
	b := &d.body
	total := 0
	for _, w := range t.Widths {
		total += w
	}
	b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="` + strconv.Itoa(total) + `" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>`)
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		b.WriteString(`<w:` + side + ` w:val="single" w:sz="4" w:space="0" w:color="000000"/>`)
	}
	b.WriteString(`</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>`)
	for _, w := range t.Widths {
		b.WriteString(`<w:gridCol w:w="` + strconv.Itoa(w) + `"/>`)
	}
	b.WriteString(`</w:tblGrid>`)
	// below[col] is the cell whose row span still covers grid column col, and for how
	// many more rows.
	type cover struct {
		cell Cell
		rows int
	}
	below := map[int]*cover{}
	header := true
	for _, row := range t.Rows {
		header = header && row.Header
		b.WriteString(`<w:tr><w:trPr><w:cantSplit/>`)
		if header {
			b.WriteString(`<w:tblHeader/>`)
		}
		b.WriteString(`</w:trPr>`)
		col, k := 0, 0
		for col < len(t.Widths) || k < len(row.Cells) {
			if c := below[col]; c != nil {
				span := spanOf(c.cell.ColSpan)
				writeCell(b, Cell{ColSpan: span, Align: c.cell.Align}, "continue", width(t.Widths, col, span))
				if c.rows--; c.rows == 0 {
					delete(below, col)
				}
				col += span
				continue
			}
			if k == len(row.Cells) {
				if col < len(t.Widths) {
					// A short row: one empty cell fills it to the grid's width.
					span := len(t.Widths) - col
					writeCell(b, Cell{ColSpan: span}, "", width(t.Widths, col, span))
				}
				break
			}
			c := row.Cells[k]
			k++
			span, merge := spanOf(c.ColSpan), ""
			if rs := spanOf(c.RowSpan); rs > 1 {
				merge = "restart"
				below[col] = &cover{cell: c, rows: rs - 1}
			}
			writeCell(b, c, merge, width(t.Widths, col, span))
			col += span
		}
		b.WriteString(`</w:tr>`)
	}
	b.WriteString(`</w:tbl>`)
	// A table may not end the body, and two tables in a row would merge: a paragraph
	// follows every table.
	d.Para(Normal, "")
}

func spanOf(n int) int { return max(n, 1) }

// width is the width of span grid columns from col (the last column's width beyond the
// grid).
func width(widths []int, col, span int) int {
	w := 0
	for i := col; i < col+span; i++ {
		switch {
		case i < len(widths):
			w += widths[i]
		case len(widths) > 0:
			w += widths[len(widths)-1]
		}
	}
	return w
}

var alignVal = map[Align]string{Left: "left", Center: "center", Right: "right"}

func writeCell(b *strings.Builder, c Cell, merge string, w int) {
	b.WriteString(`<w:tc><w:tcPr><w:tcW w:w="` + strconv.Itoa(w) + `" w:type="dxa"/>`)
	if span := spanOf(c.ColSpan); span > 1 {
		b.WriteString(`<w:gridSpan w:val="` + strconv.Itoa(span) + `"/>`)
	}
	switch merge {
	case "restart":
		b.WriteString(`<w:vMerge w:val="restart"/>`)
	case "continue":
		b.WriteString(`<w:vMerge/>`)
	}
	b.WriteString(`<w:vAlign w:val="center"/></w:tcPr>`)
	for _, line := range strings.Split(c.Text, "\n") {
		b.WriteString(`<w:p><w:pPr><w:pStyle w:val="` + string(TableText) + `"/><w:jc w:val="` + alignVal[c.Align] + `"/></w:pPr>`)
		writeRuns(b, line)
		b.WriteString(`</w:p>`)
	}
	b.WriteString(`</w:tc>`)
}

// Bytes returns the document as a .docx file.
func (d *Document) Bytes() ([]byte, error) {
	var buf bytes.Buffer
	if err := d.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Write writes the document as a .docx file to w. The same document gives the same bytes.
func (d *Document) Write(w io.Writer) error {
	z := zip.NewWriter(w)
	// A fixed timestamp keeps the bytes of one document reproducible.
	modified := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", d.contentTypes()},
		{"_rels/.rels", rootRels},
		{"docProps/core.xml", d.coreProps()},
		{"docProps/app.xml", appProps},
		{"word/_rels/document.xml.rels", d.documentRels()},
		{"word/document.xml", d.documentXML()},
		{"word/styles.xml", stylesXML},
		{"word/fontTable.xml", fontTableXML},
		{"word/settings.xml", d.settingsXML()},
	}
	if d.PageNumbers {
		parts = append(parts,
			struct{ name, body string }{"word/footer1.xml", footerXML(Right)},
			struct{ name, body string }{"word/footer2.xml", footerXML(Left)})
	}
	for _, p := range parts {
		f, err := z.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: modified})
		if err != nil {
			return fmt.Errorf("docx: %s: %w", p.name, err)
		}
		if _, err := io.WriteString(f, p.body); err != nil {
			return fmt.Errorf("docx: %s: %w", p.name, err)
		}
	}
	return z.Close()
}

const xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

const (
	wNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`
	rNS = `xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
)

func (d *Document) contentTypes() string {
	var b strings.Builder
	b.WriteString(xmlHeader + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
		`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
		`<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>` +
		`<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>`)
	if d.PageNumbers {
		for _, f := range []string{"footer1", "footer2"} {
			b.WriteString(`<Override PartName="/word/` + f + `.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>`)
		}
	}
	b.WriteString(`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
		`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
		`</Types>`)
	return b.String()
}

const rootRels = xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>` +
	`</Relationships>`

func (d *Document) documentRels() string {
	var b strings.Builder
	b.WriteString(xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
		`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/>` +
		`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>`)
	if d.PageNumbers {
		b.WriteString(`<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>` +
			`<Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer2.xml"/>`)
	}
	b.WriteString(`</Relationships>`)
	return b.String()
}

const appProps = xmlHeader + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>gongkai</Application></Properties>`

func (d *Document) coreProps() string {
	return xmlHeader + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
		`<dc:title>` + esc(d.Title) + `</dc:title><dc:creator>` + esc(d.Creator) + `</dc:creator>` +
		`<dc:language>zh-CN</dc:language></cp:coreProperties>`
}

func fonts(ascii, eastAsia string) string {
	return `<w:rFonts w:ascii="` + ascii + `" w:hAnsi="` + ascii + `" w:eastAsia="` + eastAsia + `" w:cs="` + ascii + `" w:hint="eastAsia"/>`
}

var stylesXML = xmlHeader + `<w:styles ` + wNS + `>` +
	`<w:docDefaults><w:rPrDefault><w:rPr>` + fonts(latinFont, bodyFont) +
	`<w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>` +
	`<w:pPrDefault><w:pPr><w:spacing w:before="0" w:after="0" w:line="` + strconv.Itoa(linePitch) + `" w:lineRule="exact"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>` +
	// Normal: the body, 3号仿宋.
	`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>` +
	`<w:rPr>` + fonts(latinFont, bodyFont) + `<w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style>` +
	// Title: 2号小标宋, centred.
	`<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>` +
	`<w:pPr><w:spacing w:before="0" w:after="0" w:line="700" w:lineRule="exact"/><w:jc w:val="center"/></w:pPr>` +
	`<w:rPr>` + fonts(latinFont, titleFont) + `<w:sz w:val="44"/><w:szCs w:val="44"/></w:rPr></w:style>` +
	// DocNumber: the 文号, centred under the title.
	`<w:style w:type="paragraph" w:styleId="DocNumber"><w:name w:val="Doc Number"/><w:basedOn w:val="Normal"/>` +
	`<w:pPr><w:spacing w:before="` + strconv.Itoa(linePitch) + `" w:after="` + strconv.Itoa(linePitch) + `"/><w:jc w:val="center"/></w:pPr></w:style>` +
	// Addressee: 主送, flush left.
	`<w:style w:type="paragraph" w:styleId="Addressee"><w:name w:val="Addressee"/><w:basedOn w:val="Normal"/></w:style>` +
	// BodyText: first line indented two characters.
	`<w:style w:type="paragraph" w:styleId="BodyText"><w:name w:val="Body Text"/><w:basedOn w:val="Normal"/><w:qFormat/>` +
	`<w:pPr><w:ind w:firstLineChars="200" w:firstLine="640"/></w:pPr></w:style>` +
	// Heading1: 一、 in 3号黑体, indented two characters like the body.
	`<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="BodyText"/><w:qFormat/>` +
	`<w:pPr><w:keepNext/><w:ind w:firstLineChars="200" w:firstLine="640"/><w:outlineLvl w:val="0"/></w:pPr>` +
	`<w:rPr>` + fonts(latinFont, headingFont) + `</w:rPr></w:style>` +
	// Signature: right-aligned, four characters from the right edge.
	`<w:style w:type="paragraph" w:styleId="Signature"><w:name w:val="Signature"/><w:basedOn w:val="Normal"/>` +
	`<w:pPr><w:ind w:rightChars="400" w:right="1280"/><w:jc w:val="right"/></w:pPr></w:style>` +
	// TableText: 五号仿宋, single spaced and off the document's line grid.
	`<w:style w:type="paragraph" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/>` +
	`<w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>` +
	`<w:rPr><w:sz w:val="21"/><w:szCs w:val="21"/></w:rPr></w:style>` +
	// Footer: page numbers, 4号宋体.
	`<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/>` +
	`<w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>` +
	`<w:rPr>` + fonts(titleAlt, titleAlt) + `<w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style>` +
	`</w:styles>`

var fontTableXML = xmlHeader + `<w:fonts ` + wNS + `>` +
	font(bodyFont, bodyAlt, "modern") + font(titleFont, titleAlt, "auto") + font(headingFont, headingAlt, "modern") +
	font(bodyAlt, "FangSong", "modern") + font(titleAlt, "SimSun", "auto") +
	`<w:font w:name="` + latinFont + `"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>` +
	`</w:fonts>`

func font(name, alt, family string) string {
	return `<w:font w:name="` + name + `"><w:altName w:val="` + alt + `"/><w:charset w:val="86"/><w:family w:val="` + family + `"/><w:pitch w:val="variable"/></w:font>`
}

func (d *Document) settingsXML() string {
	even := ""
	if d.PageNumbers {
		even = `<w:evenAndOddHeaders/>`
	}
	return xmlHeader + `<w:settings ` + wNS + `><w:defaultTabStop w:val="420"/>` + even +
		`<w:characterSpacingControl w:val="compressPunctuation"/><w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/></w:settings>`
}

// footerXML is a page-number footer: “— N —” on the side given, one character (4号:
// 14 pt) in from the edge of the type area.
func footerXML(side Align) string {
	ind := `<w:ind w:right="280"/>`
	if side == Left {
		ind = `<w:ind w:left="280"/>`
	}
	return xmlHeader + `<w:ftr ` + wNS + `><w:p><w:pPr><w:pStyle w:val="` + string(Footer) + `"/>` + ind + `<w:jc w:val="` + alignVal[side] + `"/></w:pPr>` +
		`<w:r><w:t xml:space="preserve">— </w:t></w:r>` +
		`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>` +
		`<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>` +
		`<w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>`
}

func (d *Document) documentXML() string {
	var b strings.Builder
	b.WriteString(xmlHeader + `<w:document ` + wNS + ` ` + rNS + `><w:body>`)
	b.WriteString(d.body.String())
	b.WriteString(`<w:sectPr>`)
	if d.PageNumbers {
		b.WriteString(`<w:footerReference w:type="default" r:id="rId4"/><w:footerReference w:type="even" r:id="rId5"/>`)
	}
	fmt.Fprintf(&b, `<w:pgSz w:w="%d" w:h="%d"/><w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="851" w:footer="%d" w:gutter="0"/>`+
		`<w:docGrid w:type="linesAndChars" w:linePitch="%d" w:charSpace="0"/></w:sectPr>`,
		pageWidth, pageHeight, marginTop, marginRight, marginBot, marginLeft, footerDistFor(d.PageNumbers), linePitch)
	b.WriteString(`</w:body></w:document>`)
	return b.String()
}

// footerDistFor is the footer's distance from the page's edge: the 公文 place for page
// numbers, Word's default (17.5 mm) when there are none.
func footerDistFor(pageNumbers bool) int {
	if pageNumbers {
		return footerDist
	}
	return 992
}

// esc escapes text for XML, dropping characters XML 1.0 forbids.
func esc(s string) string {
	var b bytes.Buffer
	xml.EscapeText(&b, []byte(strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' || (r >= 0x20 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF) {
			return r
		}
		return -1
	}, s)))
	return b.String()
}

// Lines breaks WordprocessingML markup before every paragraph, table, row and cell, so
// that golden files of documents read (and differ) line by line.
func Lines(part []byte) string {
	s := string(part)
	for _, tag := range []string{"<w:p>", "<w:tbl>", "<w:tr>", "<w:tc>", "<w:sectPr>", "</w:tbl>"} {
		s = strings.ReplaceAll(s, tag, "\n"+tag)
	}
	return s + "\n"
}
