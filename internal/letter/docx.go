package letter

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"
)

// The Word document follows the layout of 党政机关公文格式 (GB/T 9704-2012) as far as a
// letter needs it: A4, top margin 37 mm, left 28 mm, type area 156 × 225 mm; the title in
// 2号小标宋 centred; the body in 3号仿宋 with a fixed line pitch (22 lines a page),
// paragraphs indented two characters; the signature and date right-aligned, four
// characters from the right edge. Fonts name 方正小标宋简体 and 仿宋_GB2312 first, with
// 宋体 and 仿宋 as alternates (fontTable.xml altName) for machines without them. Word
// refuses documents whose elements are out of the schema's order: keep pPr children in
// the order of CT_PPrBase (pStyle … spacing, ind … jc) and style children in the order of
// CT_Style (name, basedOn, next, qFormat, pPr, rPr).

// Twentieths of a point (twips): 1 mm = 56.7 twips.
const (
	pageWidth   = 11906 // 210 mm
	pageHeight  = 16838 // 297 mm
	marginTop   = 2098  // 37 mm
	marginLeft  = 1588  // 28 mm
	marginRight = 1474  // 26 mm: 210 − 28 − 156
	marginBot   = 1984  // 35 mm: 297 − 37 − 225
	linePitch   = 579   // 28.95 pt: 22 lines in 225 mm
)

const (
	bodyFont  = "仿宋_GB2312"
	bodyAlt   = "仿宋"
	titleFont = "方正小标宋简体"
	titleAlt  = "宋体"
	latinFont = "Times New Roman"
)

// DOCX writes the letter as a Word document (Office Open XML, written by hand: no
// dependency).
func (l Letter) DOCX() ([]byte, error) {
	var buf bytes.Buffer
	if err := l.WriteDOCX(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// WriteDOCX writes the Word document to w.
func (l Letter) WriteDOCX(w io.Writer) error {
	z := zip.NewWriter(w)
	// A fixed timestamp keeps the bytes of one letter reproducible.
	modified := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", contentTypes},
		{"_rels/.rels", rootRels},
		{"docProps/core.xml", coreProps(l)},
		{"docProps/app.xml", appProps},
		{"word/_rels/document.xml.rels", documentRels},
		{"word/document.xml", documentXML(l)},
		{"word/styles.xml", stylesXML},
		{"word/fontTable.xml", fontTableXML},
		{"word/settings.xml", settingsXML},
	}
	for _, p := range parts {
		f, err := z.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: modified})
		if err != nil {
			return fmt.Errorf("letter: docx %s: %w", p.name, err)
		}
		if _, err := io.WriteString(f, p.body); err != nil {
			return fmt.Errorf("letter: docx %s: %w", p.name, err)
		}
	}
	return z.Close()
}

const xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

const contentTypes = xmlHeader + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
	`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
	`<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>` +
	`<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>` +
	`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
	`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
	`</Types>`

const rootRels = xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>` +
	`</Relationships>`

const documentRels = xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/>` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>` +
	`</Relationships>`

const appProps = xmlHeader + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>gongkai</Application></Properties>`

func coreProps(l Letter) string {
	return xmlHeader + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
		`<dc:title>` + esc(l.Title) + `</dc:title><dc:creator>` + esc(l.Signer) + `</dc:creator>` +
		`<dc:language>zh-CN</dc:language></cp:coreProperties>`
}

const wNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`

func fonts(ascii, eastAsia string) string {
	return `<w:rFonts w:ascii="` + ascii + `" w:hAnsi="` + ascii + `" w:eastAsia="` + eastAsia + `" w:cs="` + ascii + `" w:hint="eastAsia"/>`
}

var stylesXML = xmlHeader + `<w:styles ` + wNS + `>` +
	`<w:docDefaults><w:rPrDefault><w:rPr>` + fonts(latinFont, bodyFont) +
	`<w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>` +
	`<w:pPrDefault><w:pPr><w:spacing w:before="0" w:after="0" w:line="` + fmt.Sprint(linePitch) + `" w:lineRule="exact"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>` +
	// Normal: the body, 3号仿宋.
	`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>` +
	`<w:rPr>` + fonts(latinFont, bodyFont) + `<w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style>` +
	// Title: 2号小标宋, centred, a blank line's space after.
	`<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>` +
	`<w:pPr><w:spacing w:before="0" w:after="0" w:line="700" w:lineRule="exact"/><w:jc w:val="center"/></w:pPr>` +
	`<w:rPr>` + fonts(latinFont, titleFont) + `<w:sz w:val="44"/><w:szCs w:val="44"/></w:rPr></w:style>` +
	// DocNumber: the 文号, centred under the title.
	`<w:style w:type="paragraph" w:styleId="DocNumber"><w:name w:val="Doc Number"/><w:basedOn w:val="Normal"/>` +
	`<w:pPr><w:spacing w:before="` + fmt.Sprint(linePitch) + `" w:after="` + fmt.Sprint(linePitch) + `"/><w:jc w:val="center"/></w:pPr></w:style>` +
	// Addressee: 主送, flush left.
	`<w:style w:type="paragraph" w:styleId="Addressee"><w:name w:val="Addressee"/><w:basedOn w:val="Normal"/></w:style>` +
	// BodyText: first line indented two characters.
	`<w:style w:type="paragraph" w:styleId="BodyText"><w:name w:val="Body Text"/><w:basedOn w:val="Normal"/><w:qFormat/>` +
	`<w:pPr><w:ind w:firstLineChars="200" w:firstLine="640"/></w:pPr></w:style>` +
	// Signature: right-aligned, four characters from the right edge.
	`<w:style w:type="paragraph" w:styleId="Signature"><w:name w:val="Signature"/><w:basedOn w:val="Normal"/>` +
	`<w:pPr><w:ind w:rightChars="400" w:right="1280"/><w:jc w:val="right"/></w:pPr></w:style>` +
	`</w:styles>`

var fontTableXML = xmlHeader + `<w:fonts ` + wNS + `>` +
	font(bodyFont, bodyAlt, "modern") + font(titleFont, titleAlt, "auto") +
	font(bodyAlt, "FangSong", "modern") + font(titleAlt, "SimSun", "auto") +
	`<w:font w:name="` + latinFont + `"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>` +
	`</w:fonts>`

func font(name, alt, family string) string {
	return `<w:font w:name="` + name + `"><w:altName w:val="` + alt + `"/><w:charset w:val="86"/><w:family w:val="` + family + `"/><w:pitch w:val="variable"/></w:font>`
}

const settingsXML = xmlHeader + `<w:settings ` + wNS + `><w:defaultTabStop w:val="420"/>` +
	`<w:characterSpacingControl w:val="compressPunctuation"/><w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/></w:settings>`

func documentXML(l Letter) string {
	var b strings.Builder
	b.WriteString(xmlHeader + `<w:document ` + wNS + `><w:body>`)
	para(&b, "Title", l.Title)
	if l.DocNumber != "" {
		para(&b, "DocNumber", l.DocNumber)
	} else {
		para(&b, "Normal", "")
	}
	para(&b, "Addressee", l.To+"：")
	for _, p := range l.Paragraphs {
		para(&b, "BodyText", p)
	}
	if l.Contact != "" {
		para(&b, "BodyText", l.Contact)
	}
	para(&b, "Normal", "")
	para(&b, "Normal", "")
	para(&b, "Signature", l.Signer)
	para(&b, "Signature", l.DateText())
	fmt.Fprintf(&b, `<w:sectPr><w:pgSz w:w="%d" w:h="%d"/><w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="851" w:footer="992" w:gutter="0"/>`+
		`<w:docGrid w:type="linesAndChars" w:linePitch="%d" w:charSpace="0"/></w:sectPr>`,
		pageWidth, pageHeight, marginTop, marginRight, marginBot, marginLeft, linePitch)
	b.WriteString(`</w:body></w:document>`)
	return b.String()
}

func para(b *strings.Builder, style, text string) {
	b.WriteString(`<w:p><w:pPr><w:pStyle w:val="` + style + `"/></w:pPr>`)
	if text != "" {
		b.WriteString(`<w:r><w:t xml:space="preserve">` + esc(text) + `</w:t></w:r>`)
	}
	b.WriteString(`</w:p>`)
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
