package reader

import (
	"archive/zip"
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	ar "gongkai/internal/annualreport"
	"gongkai/internal/annualreport/testreports"
)

// TestDOCXRoundTrip saves random reports, in the Word template's layout (row labels of
// table 三 in merged cells, merged header cells), as .docx files with vertical merges and
// grid spans, and reads them back exactly.
func TestDOCXRoundTrip(t *testing.T) {
	n := 200
	if testing.Short() {
		n = 50
	}
	rng := rand.New(rand.NewPCG(21, 22))
	for i := 0; i < n; i++ {
		f := []ar.Format{ar.Format2021, ar.Format2019}[i%2]
		truth := testreports.Random(rng, f, []float64{0, 0.05}[i%4/3])
		v := testreports.RandomVariant(rng)
		v.Text, v.DropCell = false, ""
		v.Rowspans = !v.OtherRows
		doc := testreports.DOCX(testreports.RenderVariant(truth, v))
		got := Read("report.docx", doc)
		bad := diffCells(truth, got)
		if got.Agency != truth.Agency || got.Year != truth.Year || got.Format != truth.Format {
			bad = append(bad, fmt.Sprintf("meta: want %s %d %s got %s %d %s", truth.Agency, truth.Year, truth.Format, got.Agency, got.Year, got.Format))
		}
		if v.OtherRows && f == ar.Format2021 {
			continue // the one 2019 row of （六） leaves the three blank (TestVariantLayouts)
		}
		if len(bad) > 0 {
			h, _ := docxToHTML(doc)
			t.Fatalf("variant %+v:\n%v\n--- as HTML ---\n%s", v, bad, h)
		}
	}
}

// TestDOCXStructure: merged cells, tab stops, deleted text, field codes and a nested
// table in a hand-written document.
func TestDOCXStructure(t *testing.T) {
	body := `<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr><w:r><w:t>某县民政局2023年</w:t></w:r>` +
		`<w:del><w:r><w:delText>草稿</w:delText></w:r></w:del><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>` +
		`<w:r><w:t>政府信息公开工作年度报告</w:t></w:r></w:p>` +
		`<w:tbl><w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>甲</w:t></w:r></w:p></w:tc>` +
		`<w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>乙</w:t></w:r></w:p></w:tc></w:tr>` +
		`<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p>` +
		`<w:tbl><w:tr><w:tc><w:p><w:r><w:t>内</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc>` +
		`<w:tc><w:p><w:r><w:t>2</w:t></w:r><w:r><w:tab/><w:t>3</w:t></w:r></w:p></w:tc></w:tr>` +
		`<w:tr><w:tc><w:tcPr><w:hMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>丙</w:t></w:r></w:p></w:tc>` +
		`<w:tc><w:tcPr><w:hMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>4</w:t></w:r></w:p></w:tc></w:tr></w:tbl>` +
		`<w:p><w:r><mc:AlternateContent><mc:Choice><w:drawing><w:txbxContent><w:p><w:r><w:t>框内</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>` +
		`<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>框内</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>`
	got, err := docxToHTML(docxFile(t, body))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"<p>某县民政局2023年政府信息公开工作年度报告</p>",
		`<tr><td rowspan="2">甲</td><td colspan="2">乙</td></tr>`,
		"<tr><td>1<br>内</td><td>2\t3</td></tr>",
		`<tr><td colspan="2">丙</td><td>4</td></tr>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
	if strings.Count(got, "框内") != 1 {
		t.Errorf("a text box's text read %d times, want once:\n%s", strings.Count(got, "框内"), got)
	}
	if strings.Contains(got, "草稿") || strings.Contains(got, "PAGE") {
		t.Errorf("deleted text or a field code read as text:\n%s", got)
	}
}

// TestDOCXFillerCells: a web page saved as .docx (LibreOffice, Word) turns the page's
// spacer row into empty cells at the end of every row, one wide cell or several narrow
// ones; they are not blank figures.
func TestDOCXFillerCells(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	truth := testreports.Random(rng, ar.Format2021, 0.05)
	doc := testreports.DOCX(testreports.RenderVariant(truth, testreports.Variant{Rowspans: true}))
	for _, filler := range []string{
		`<w:tc><w:tcPr><w:gridSpan w:val="10"/></w:tcPr><w:p/></w:tc>`,
		strings.Repeat(`<w:tc><w:p><w:r><w:t xml:space="preserve"> </w:t></w:r></w:p></w:tc>`, 6),
	} {
		padded := docxFile(t, strings.ReplaceAll(documentXMLOf(t, doc), "</w:tr>", filler+"</w:tr>"))
		if d := diffCells(truth, Read("padded.docx", padded)); len(d) > 0 {
			t.Errorf("filler %.40s…: %v", filler, d)
		}
	}
}

// documentXMLOf is the body of a DOCX package's word/document.xml.
func documentXMLOf(t testing.TB, doc []byte) string {
	zr, err := zip.NewReader(bytes.NewReader(doc), int64(len(doc)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, _ := f.Open()
			var b bytes.Buffer
			b.ReadFrom(rc)
			s := b.String()
			s = s[strings.Index(s, "<w:body>")+len("<w:body>"):]
			return s[:strings.LastIndex(s, "</w:body>")]
		}
	}
	t.Fatal("no word/document.xml")
	return ""
}

// TestContainers: files that are not text get a clear finding, never a guess.
func TestContainers(t *testing.T) {
	cases := map[string][]byte{
		"broken zip":          []byte("PK\x03\x04garbage"),
		"zip without a doc":   zipOf(t, map[string]string{"a.txt": "x"}),
		"Word 97-2003 (.doc)": append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 512)...),
		"PDF":                 []byte("%PDF-1.7\n%âãÏÓ\n1 0 obj\n"),
	}
	for name, data := range cases {
		r := Read(name, data)
		if len(r.Findings) != 1 || r.Findings[0].Rule != ar.RuleUnreadable || filled(r) != 0 {
			t.Errorf("%s: %+v", name, r.Findings)
		}
	}
	if !Supported("报告.DOCX") || !Supported("报告.doc") || !Supported("a.htm") || !Supported("b.PDF") || Supported("表.xls") {
		t.Error("Supported")
	}
}

func docxFile(t testing.TB, body string) []byte {
	return zipOf(t, map[string]string{"word/document.xml": `<?xml version="1.0" encoding="UTF-8"?>` +
		`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>` + body + `</w:body></w:document>`})
}

func zipOf(t testing.TB, files map[string]string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, data := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(data))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// FuzzDOCX: any document.xml inside a DOCX package reads without a panic.
func FuzzDOCX(f *testing.F) {
	rng := rand.New(rand.NewPCG(1, 2))
	doc := testreports.DOCX(testreports.RenderVariant(testreports.Random(rng, ar.Format2021, 0), testreports.Variant{Rowspans: true, Word: true}))
	zr, _ := zip.NewReader(bytes.NewReader(doc), int64(len(doc)))
	for _, zf := range zr.File {
		if zf.Name == "word/document.xml" {
			rc, _ := zf.Open()
			var b bytes.Buffer
			b.ReadFrom(rc)
			f.Add(b.String())
		}
	}
	f.Add(`<w:tbl><w:tr><w:tc><w:tcPr><w:vMerge/><w:gridSpan w:val="99999"/></w:tcPr></w:tc></w:tr></w:tbl></w:tbl>`)
	f.Fuzz(func(t *testing.T, xmlText string) {
		Read("f.docx", zipOf(t, map[string]string{"word/document.xml": xmlText}))
	})
}

// filled counts the cells that hold a figure.
func filled(r *ar.Report) int {
	n := 0
	for _, v := range r.Cells {
		if v != nil {
			n++
		}
	}
	return n
}
