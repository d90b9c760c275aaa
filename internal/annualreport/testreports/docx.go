package testreports

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"strconv"
	"strings"

	"golang.org/x/net/html"
)

// DOCX turns a rendered HTML report into the Word document an agency would have saved it
// as: a paragraph per block of text, a Word table per <table> with colspans as
// w:gridSpan and rowspans as w:vMerge (the first cell "restart", the cells below it
// empty "continue" cells), as Word and WPS write them. Each paragraph's text is split
// over several runs, as Word does after editing.
func DOCX(htmlDoc []byte) []byte { return docx(htmlDoc, false) }

// DOCXRuled is DOCX with every table drawn with single lines around and between its
// cells (Word's "Table Grid", as nearly every agency's report table is).
func DOCXRuled(htmlDoc []byte) []byte { return docx(htmlDoc, true) }

func docx(htmlDoc []byte, ruled bool) []byte {
	root, err := html.Parse(bytes.NewReader(htmlDoc))
	if err != nil {
		return nil
	}
	var body strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "table":
				docxTable(&body, n, ruled)
				return
			case "script", "style", "head":
				return
			case "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "div", "pre":
				if !hasBlockChild(n) {
					for _, line := range strings.Split(nodeText(n), "\n") {
						docxPara(&body, line)
					}
					return
				}
			}
		}
		if n.Type == html.TextNode && strings.TrimSpace(n.Data) != "" && n.Parent != nil && n.Parent.Data == "body" {
			docxPara(&body, n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return docxPackage(body.String())
}

func hasBlockChild(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			switch c.Data {
			case "p", "div", "table", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "pre":
				return true
			}
			if hasBlockChild(c) {
				return true
			}
		}
	}
	return false
}

// nodeText is the text of n with <br> as a line break.
func nodeText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(strings.ReplaceAll(n.Data, "\n", ""))
		case n.Type == html.ElementNode && n.Data == "br":
			b.WriteByte('\n')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// docxPara writes one paragraph, its text in runs of at most four characters.
func docxPara(b *strings.Builder, text string) {
	b.WriteString("<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr>")
	rs := []rune(text)
	for i := 0; i < len(rs); i += 4 {
		j := min(i+4, len(rs))
		b.WriteString(`<w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:t xml:space="preserve">`)
		xml.EscapeText(b, []byte(string(rs[i:j])))
		b.WriteString("</w:t></w:r>")
	}
	b.WriteString("</w:p>")
}

// docxTable writes an HTML table as a Word table on a grid.
func docxTable(b *strings.Builder, t *html.Node, ruled bool) {
	var rows []*html.Node
	var find func(*html.Node)
	find = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && c.Data == "tr" {
				rows = append(rows, c)
			} else if c.Type == html.ElementNode && c.Data != "table" {
				find(c)
			}
		}
	}
	find(t)
	below := map[int]int{} // grid column → rows still covered by a rowspan from above
	spanOf := map[int]int{}
	b.WriteString("<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/>")
	if ruled {
		b.WriteString("<w:tblBorders>")
		for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
			b.WriteString(`<w:` + side + ` w:val="single" w:sz="4" w:space="0" w:color="000000"/>`)
		}
		b.WriteString("</w:tblBorders>")
	}
	b.WriteString("</w:tblPr>")
	for _, tr := range rows {
		b.WriteString("<w:tr>")
		col := 0
		cont := func() {
			for below[col] > 0 {
				below[col]--
				span := spanOf[col]
				b.WriteString("<w:tc><w:tcPr>")
				if span > 1 {
					b.WriteString(`<w:gridSpan w:val="` + strconv.Itoa(span) + `"/>`)
				}
				b.WriteString("<w:vMerge/></w:tcPr><w:p/></w:tc>")
				col += span
			}
		}
		for td := tr.FirstChild; td != nil; td = td.NextSibling {
			if td.Type != html.ElementNode || (td.Data != "td" && td.Data != "th") {
				continue
			}
			cont()
			span, rowspan := intAttr(td, "colspan"), intAttr(td, "rowspan")
			b.WriteString("<w:tc><w:tcPr>")
			if span > 1 {
				b.WriteString(`<w:gridSpan w:val="` + strconv.Itoa(span) + `"/>`)
			}
			if rowspan > 1 {
				b.WriteString(`<w:vMerge w:val="restart"/>`)
				below[col], spanOf[col] = rowspan-1, span
			}
			b.WriteString("</w:tcPr>")
			lines := strings.Split(nodeText(td), "\n")
			for _, l := range lines {
				docxPara(b, l)
			}
			b.WriteString("</w:tc>")
			col += span
		}
		cont()
		b.WriteString("</w:tr>")
	}
	b.WriteString("</w:tbl><w:p/>")
}

func intAttr(n *html.Node, key string) int {
	for _, a := range n.Attr {
		if a.Key == key {
			if v, err := strconv.Atoi(strings.TrimSpace(a.Val)); err == nil && v > 0 {
				return v
			}
		}
	}
	return 1
}

// docxPackage wraps a document body in the smallest package Word opens.
func docxPackage(body string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	files := []struct{ name, data string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
			`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
			`<Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
			`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
		{"word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
			`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
			body + `<w:sectPr/></w:body></w:document>`},
	}
	for _, f := range files {
		w, err := zw.Create(f.name)
		if err != nil {
			return nil
		}
		w.Write([]byte(f.data))
	}
	if zw.Close() != nil {
		return nil
	}
	return buf.Bytes()
}
