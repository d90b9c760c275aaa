package docx

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gongkai/internal/docx/docxtest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// mergedTable is table 三's head of the national form: a cell over three rows and three
// columns, one over two rows, one over five columns.
func mergedTable() Table {
	return Table{
		Widths: []int{800, 1000, 2600, 600, 600, 600, 600, 600, 600, 600},
		Rows: []Row{
			{Header: true, Cells: []Cell{{Text: "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", ColSpan: 3, RowSpan: 3, Align: Center}, {Text: "申请人情况", ColSpan: 7, Align: Center}}},
			{Header: true, Cells: []Cell{{Text: "自然人", RowSpan: 2, Align: Center}, {Text: "法人或其他组织", ColSpan: 5, Align: Center}, {Text: "总计", RowSpan: 2, Align: Center}}},
			{Header: true, Cells: []Cell{{Text: "商业企业"}, {Text: "科研机构"}, {Text: "社会公益组织"}, {Text: "法律服务机构"}, {Text: "其他"}}},
			{Cells: []Cell{{Text: "三、本年度办理结果", RowSpan: 2, Align: Center}, {Text: "（一）予以公开", ColSpan: 2}, {Text: "1", Align: Center}, {Text: "2"}, {Text: "3"}, {Text: "4"}, {Text: "5"}, {Text: "6"}, {Text: "21"}}},
			{Cells: []Cell{{Text: "（二）部分公开", ColSpan: 2}, {Text: "0"}, {Text: ""}, {Text: "0"}, {Text: "0"}, {Text: "0"}, {Text: "0"}, {Text: "0"}}},
		},
	}
}

func TestTableGolden(t *testing.T) {
	d := &Document{Title: "表", Creator: "gongkai"}
	d.Para(Heading1, "三、收到和处理政府信息公开申请情况")
	d.Table(mergedTable())
	data, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	parts := docxtest.Parts(t, data)
	golden(t, "table.golden", Lines(parts["word/document.xml"]))
	text := docxtest.Paragraphs(t, data)
	want := []string{"三、收到和处理政府信息公开申请情况", "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"}
	if strings.Join(text[:3], "|") != strings.Join(want, "|") {
		t.Errorf("text %q", text[:3])
	}
	// Header rows repeat on each page; the body rows do not.
	doc := string(parts["word/document.xml"])
	if n := strings.Count(doc, "<w:tblHeader/>"); n != 3 {
		t.Errorf("%d header rows, want 3", n)
	}
	again, _ := d.Bytes()
	if !bytes.Equal(data, again) {
		t.Error("the same document gives different bytes")
	}
}

// A row that leaves grid columns empty, or a row span running past the table, still
// gives rows that cover the grid.
func TestTableShortRows(t *testing.T) {
	d := &Document{}
	d.Table(Table{Widths: []int{1000, 1000, 1000}, Rows: []Row{
		{Cells: []Cell{{Text: "a", RowSpan: 5}, {Text: "b", ColSpan: 2}}},
		{Cells: []Cell{{Text: "c"}, {Text: "d"}}},
	}})
	d.Table(Table{Widths: []int{1000, 1000, 1000}, Rows: []Row{{Cells: []Cell{{Text: "x"}}}}})
	data, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	doc := string(docxtest.Parts(t, data)["word/document.xml"])
	if strings.Count(doc, "<w:tc>") != 5+2 {
		t.Errorf("cells:\n%s", Lines([]byte(doc)))
	}
}

func TestPageNumbers(t *testing.T) {
	d := &Document{Title: "报告", PageNumbers: true}
	d.Para(Title, "报告")
	data, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	parts := docxtest.Parts(t, data)
	for name, side := range map[string]string{"word/footer1.xml": `<w:jc w:val="right"/>`, "word/footer2.xml": `<w:jc w:val="left"/>`} {
		f := string(parts[name])
		if !strings.Contains(f, side) || !strings.Contains(f, "PAGE") {
			t.Errorf("%s: %s", name, f)
		}
		if got := strings.Join(docxtest.Text(t, parts[name]), ""); got != "— 1 —" {
			t.Errorf("%s reads %q", name, got)
		}
	}
	if !strings.Contains(string(parts["word/settings.xml"]), "<w:evenAndOddHeaders/>") {
		t.Error("odd and even pages share a footer")
	}
	doc := string(parts["word/document.xml"])
	for _, s := range []string{`<w:footerReference w:type="default" r:id="rId4"/>`, `<w:footerReference w:type="even" r:id="rId5"/>`, `<w:pgSz w:w="11906" w:h="16838"/>`, `w:top="2098" w:right="1474" w:bottom="1984" w:left="1588"`} {
		if !strings.Contains(doc, s) {
			t.Errorf("document lacks %s", s)
		}
	}
	// Without page numbers there are no footers.
	plain, _ := (&Document{}).Bytes()
	if p := docxtest.Parts(t, plain); p["word/footer1.xml"] != nil || strings.Contains(string(p["word/settings.xml"]), "evenAndOdd") {
		t.Error("footers without page numbers")
	}
}

func TestStyles(t *testing.T) {
	data, _ := (&Document{}).Bytes()
	parts := docxtest.Parts(t, data)
	for _, s := range []string{`w:eastAsia="仿宋_GB2312"`, `w:eastAsia="方正小标宋简体"`, `w:eastAsia="黑体"`, `w:styleId="Heading1"`, `w:styleId="TableText"`} {
		if !strings.Contains(string(parts["word/styles.xml"]), s) {
			t.Errorf("styles lack %s", s)
		}
	}
	for _, s := range []string{`<w:altName w:val="仿宋"/>`, `<w:altName w:val="宋体"/>`, `<w:altName w:val="SimHei"/>`} {
		if !strings.Contains(string(parts["word/fontTable.xml"]), s) {
			t.Errorf("font table lacks %s", s)
		}
	}
}

// FuzzText: any text in paragraphs and cells gives a well-formed document that keeps the
// text, less the characters XML cannot carry.
func FuzzText(f *testing.F) {
	f.Add("一、总体情况", "12")
	f.Add("a<b>&c\x00\x1f\ufffe", "]]><w:p>")
	f.Add("第一行\n第二行", "\t")
	f.Add("a\rb\r\nc", "")
	f.Fuzz(func(t *testing.T, para, cell string) {
		d := &Document{Title: para, PageNumbers: true}
		d.Para(BodyText, para)
		d.Table(Table{Widths: []int{2000, 2000}, Rows: []Row{{Cells: []Cell{{Text: cell, RowSpan: 2}, {Text: para}}}, {Cells: []Cell{{Text: cell}}}}})
		data, err := d.Bytes()
		if err != nil {
			t.Fatal(err)
		}
		got := docxtest.Paragraphs(t, data)
		if want := xmlText(para); got[0] != want {
			t.Fatalf("paragraph %q, want %q", got[0], want)
		}
	})
}

// xmlText is s less the characters XML 1.0 cannot carry.
func xmlText(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' || (r >= 0x20 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF) {
			return r
		}
		return -1
	}, s)
	return s
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	p := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(p, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (go test ./internal/docx -update rewrites it):\n got: %s\nwant: %s", p, got, want)
	}
}
