// Package docxtest checks the Word documents gongkai writes, for tests: every part
// well-formed XML, every relationship pointing at a part with a content type, the children
// of the WordprocessingML elements gongkai writes in the schema's order (Word refuses a
// document whose elements are out of order even when the XML is well-formed), and every
// table row covering the table's grid; and it reads the documents' text back.
package docxtest

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// SchemaOrder is the order WordprocessingML requires among the children gongkai writes
// (CT_PPrBase, CT_RPr, CT_Style, CT_SectPr, CT_Font, CT_TblPr, CT_TcPr, CT_Settings …).
var SchemaOrder = map[string][]string{
	"pPr":         {"pStyle", "keepNext", "keepLines", "pageBreakBefore", "widowControl", "snapToGrid", "spacing", "ind", "jc", "outlineLvl"},
	"rPr":         {"rStyle", "rFonts", "b", "sz", "szCs", "lang"},
	"style":       {"name", "basedOn", "next", "qFormat", "pPr", "rPr"},
	"sectPr":      {"headerReference", "footerReference", "pgSz", "pgMar", "pgNumType", "docGrid"},
	"font":        {"altName", "charset", "family", "pitch"},
	"docDefaults": {"rPrDefault", "pPrDefault"},
	"tbl":         {"tblPr", "tblGrid", "tr"},
	"tblPr":       {"tblStyle", "tblW", "jc", "tblBorders", "tblLayout", "tblCellMar", "tblLook"},
	"tblBorders":  {"top", "left", "bottom", "right", "insideH", "insideV"},
	"tr":          {"trPr", "tc"},
	"tcPr":        {"tcW", "gridSpan", "vMerge", "tcBorders", "vAlign"},
	"settings":    {"defaultTabStop", "evenAndOddHeaders", "characterSpacingControl", "themeFontLang"},
	"p":           {"pPr", "r"},
}

// regexpRID finds the relationship ids a document refers to.
var regexpRID = regexp.MustCompile(`r:id="([^"]+)"`)

// Parts opens a document, runs every check and returns its parts by name.
func Parts(t testing.TB, data []byte) map[string][]byte {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	parts := map[string][]byte{}
	for _, f := range z.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		parts[f.Name] = b
		checkOrder(t, f.Name, b)
	}
	for _, need := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml", "word/_rels/document.xml.rels"} {
		if parts[need] == nil {
			t.Fatalf("missing part %s", need)
		}
	}
	var types struct {
		Overrides []struct {
			PartName string `xml:"PartName,attr"`
		} `xml:"Override"`
	}
	if err := xml.Unmarshal(parts["[Content_Types].xml"], &types); err != nil {
		t.Fatal(err)
	}
	typed := map[string]bool{}
	for _, o := range types.Overrides {
		typed[strings.TrimPrefix(o.PartName, "/")] = true
	}
	ids := map[string]bool{} // the document's relationship ids
	for relsName, dir := range map[string]string{"_rels/.rels": "", "word/_rels/document.xml.rels": "word/"} {
		var rels struct {
			Rels []struct {
				ID     string `xml:"Id,attr"`
				Target string `xml:"Target,attr"`
			} `xml:"Relationship"`
		}
		if err := xml.Unmarshal(parts[relsName], &rels); err != nil {
			t.Fatal(err)
		}
		for _, r := range rels.Rels {
			if parts[dir+r.Target] == nil || !typed[dir+r.Target] {
				t.Errorf("%s: target %s missing or untyped", relsName, r.Target)
			}
			if dir == "word/" {
				ids[r.ID] = true
			}
		}
	}
	for _, m := range regexpRID.FindAllSubmatch(parts["word/document.xml"], -1) {
		if !ids[string(m[1])] {
			t.Errorf("word/document.xml refers to relationship %s, which does not exist", m[1])
		}
	}
	checkGrid(t, parts["word/document.xml"])
	return parts
}

// Paragraphs checks a document (Parts) and returns the text of every paragraph of
// word/document.xml in order, those inside table cells included; a line break is "\n".
func Paragraphs(t testing.TB, data []byte) []string {
	t.Helper()
	return Text(t, Parts(t, data)["word/document.xml"])
}

// Text returns the text of every paragraph of a WordprocessingML part in order.
func Text(t testing.TB, part []byte) []string {
	t.Helper()
	var out []string
	d := xml.NewDecoder(bytes.NewReader(part))
	var cur strings.Builder
	inText := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			inText = tok.Name.Local == "t"
			if tok.Name.Local == "br" {
				cur.WriteByte('\n')
			}
		case xml.EndElement:
			if tok.Name.Local == "p" {
				out = append(out, cur.String())
				cur.Reset()
			}
			inText = false
		case xml.CharData:
			if inText {
				cur.Write(tok)
			}
		}
	}
	return out
}

// checkOrder checks that a part is well-formed XML and that the children of the elements
// in SchemaOrder come in that order.
func checkOrder(t testing.TB, name string, data []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	type open struct {
		name string
		last int // index in SchemaOrder of the last child seen
	}
	var stack []open
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s is not well-formed: %v", name, err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if n := len(stack); n > 0 {
				if order, ok := SchemaOrder[stack[n-1].name]; ok {
					i := slices.Index(order, tok.Name.Local)
					if i < 0 {
						t.Errorf("%s: <%s> in <%s> has no known place", name, tok.Name.Local, stack[n-1].name)
					} else if i < stack[n-1].last {
						t.Errorf("%s: <%s> comes too late in <%s>", name, tok.Name.Local, stack[n-1].name)
					} else {
						stack[n-1].last = i
					}
				}
			}
			stack = append(stack, open{name: tok.Name.Local})
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		}
	}
}

// checkGrid checks every table of the document: each row's cells cover the table's grid
// exactly, and a cell that continues a vertical merge sits under a cell of the same
// column and width that starts or continues one.
func checkGrid(t testing.TB, doc []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(doc))
	type cell struct{ col, span int }
	type table struct {
		grid     int
		row      int
		col      int
		cell     *cell
		merge    string
		above    map[int]int // grid column → span of a merging cell in the row above
		thisRow  map[int]int
		tableNum int
	}
	var stack []*table
	n := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		var tb *table
		if len(stack) > 0 {
			tb = stack[len(stack)-1]
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			switch tok.Name.Local {
			case "tbl":
				n++
				stack = append(stack, &table{above: map[int]int{}, tableNum: n})
			case "gridCol":
				tb.grid++
			case "tr":
				tb.row++
				tb.col = 0
				tb.thisRow = map[int]int{}
			case "tc":
				tb.cell = &cell{col: tb.col, span: 1}
				tb.merge = ""
			case "gridSpan":
				tb.cell.span, _ = strconv.Atoi(attr(tok, "val"))
			case "vMerge":
				tb.merge = "continue"
				if attr(tok, "val") == "restart" {
					tb.merge = "restart"
				}
			}
		case xml.EndElement:
			switch tok.Name.Local {
			case "tcPr":
				c := tb.cell
				if tb.merge == "continue" {
					if span, ok := tb.above[c.col]; !ok || span != c.span {
						t.Errorf("table %d row %d: a merge continues at column %d with nothing to continue above", tb.tableNum, tb.row, c.col)
					}
				}
				if tb.merge != "" {
					tb.thisRow[c.col] = c.span
				}
			case "tc":
				tb.col += tb.cell.span
			case "tr":
				if tb.col != tb.grid {
					t.Errorf("table %d row %d covers %d grid columns of %d", tb.tableNum, tb.row, tb.col, tb.grid)
				}
				tb.above = tb.thisRow
			case "tbl":
				stack = stack[:len(stack)-1]
			}
		}
	}
}

func attr(e xml.StartElement, local string) string {
	for _, a := range e.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}
