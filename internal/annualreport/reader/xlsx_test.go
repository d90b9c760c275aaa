package reader

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	ar "gongkai/internal/annualreport"
	"gongkai/internal/annualreport/reportfile"
	"gongkai/internal/annualreport/testreports"
)

// smallWorkbook is a workbook as an office saves one: a title, a merged range, a figure
// with binary noise, a formula with its cached value, and a hidden sheet.
func smallWorkbook(t testing.TB) []byte {
	t.Helper()
	x := excelize.NewFile()
	defer x.Close()
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(x.SetCellValue("Sheet1", "A1", "某局2021年政府信息公开工作年度报告"))
	must(x.MergeCell("Sheet1", "A1", "C1"))
	must(x.SetCellValue("Sheet1", "A2", "行政事业性收费"))
	must(x.SetCellFloat("Sheet1", "B2", 0.1+0.2, -1, 64))
	must(x.SetCellValue("Sheet1", "A3", "第一行\n第二行"))
	must(x.MergeCell("Sheet1", "A3", "A4"))
	must(x.SetCellValue("Sheet1", "B3", 2))
	must(x.SetCellValue("Sheet1", "B4", 3))
	must(x.SetCellFormula("Sheet1", "C3", "SUM(B3:B4)"))
	must(x.UpdateLinkedValue())
	_, err := x.NewSheet("隐藏")
	must(err)
	must(x.SetCellValue("隐藏", "A1", "不应读到"))
	must(x.SetSheetVisible("隐藏", false))
	var buf bytes.Buffer
	must(x.Write(&buf))
	return buf.Bytes()
}

func TestXLSXToHTML(t *testing.T) {
	h, err := xlsxToHTML(smallWorkbook(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<td colspan="3">某局2021年政府信息公开工作年度报告</td>`,
		`<td>行政事业性收费</td><td>0.3</td><td></td>`,
		`<td rowspan="2">第一行<br>第二行</td><td>2</td>`,
		`<tr><td>3</td><td></td></tr>`,
	} {
		if !strings.Contains(h, want) {
			t.Errorf("no %s in\n%s", want, h)
		}
	}
	if strings.Contains(h, "不应读到") {
		t.Error("a hidden sheet was read")
	}
}

func TestSheetValue(t *testing.T) {
	for in, want := range map[string]string{
		"0.30000000000000004": "0.3", "120.5": "120.5", "12": "12", "1.5E+3": "1500",
		"1.属于国家秘密": "1.属于国家秘密", "": "", "-8": "-8", "330.65000000000003": "330.65",
	} {
		if got := sheetValue(in); got != want {
			t.Errorf("sheetValue(%q) = %q, want %q", in, got, want)
		}
	}
}

// A workbook gongkai writes reads back to its cells, in both formats; the workbook's
// extension is one the reader picks out of a folder.
func TestReadXLSXReport(t *testing.T) {
	if !Supported("年报.XLSX") {
		t.Error(".xlsx not supported")
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for _, f := range []ar.Format{ar.Format2019, ar.Format2021} {
		want := testreports.Random(rng, f, 0)
		data, err := reportfile.XLSX(want, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		got := Read("年报.xlsx", data)
		if got.Agency != want.Agency || got.Year != want.Year || got.Format != f || len(got.Findings) != 0 {
			t.Fatalf("%s: %q %d %s %v", f, got.Agency, got.Year, got.Format, got.Findings)
		}
		for _, id := range ar.CellIDs(f) {
			a, _ := want.Cells.Get(id)
			if b, ok := got.Cells.Get(id); !ok || a != b {
				t.Errorf("%s: %s read %v, want %v", f, id, b, a)
			}
		}
	}
}

// Zip files that are not workbooks go on to the Word reader; a damaged workbook is an
// unreadable file that says it is not a valid workbook.
func TestReadXLSXDamaged(t *testing.T) {
	zipOf := func(files map[string]string) []byte {
		var buf bytes.Buffer
		z := zip.NewWriter(&buf)
		for name, body := range files {
			w, _ := z.Create(name)
			w.Write([]byte(body))
		}
		z.Close()
		return buf.Bytes()
	}
	r := Read("x.xlsx", zipOf(map[string]string{"word/other.xml": "<x/>"}))
	if len(r.Findings) != 1 || !strings.Contains(r.Findings[0].Message, "Word") {
		t.Errorf("a zip without a workbook: %v", r.Findings)
	}
	for _, body := range []string{"<workbook", "not xml at all", ""} {
		r = Read("x.xlsx", zipOf(map[string]string{"xl/workbook.xml": body, "[Content_Types].xml": "<Types/>"}))
		if r.Format != ar.FormatNarrative || len(r.Findings) == 0 || r.Findings[0].Rule != ar.RuleUnreadable {
			t.Errorf("workbook %q: %s %v", body, r.Format, r.Findings)
		}
	}
	good := smallWorkbook(t)
	for _, n := range []int{len(good) / 2, len(good) - 10} {
		r = Read("x.xlsx", good[:n])
		if len(r.Findings) == 0 || r.Findings[0].Rule != ar.RuleUnreadable {
			t.Errorf("a workbook cut at %d bytes: %v", n, r.Findings)
		}
	}
}

// FuzzReadXLSX: any workbook-like bytes give a report (never a panic), in bounded time,
// that marshals to JSON, whose cells belong to its format. A workbook is a zip of several
// kilobytes that cannot be cut short like the text seeds of FuzzRead: run it with
// -fuzzminimizetime=0, or the fuzzer spends its time minimising what it finds.
func FuzzReadXLSX(f *testing.F) {
	f.Add(smallWorkbook(f))
	rng := rand.New(rand.NewPCG(7, 8))
	for _, format := range []ar.Format{ar.Format2019, ar.Format2021} {
		if data, err := reportfile.XLSX(testreports.Random(rng, format, 0.1), time.Time{}); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		done := make(chan *ar.Report, 1)
		go func() { done <- Read("fuzz.xlsx", data) }()
		var r *ar.Report
		select {
		case r = <-done:
		case <-time.After(10 * time.Second):
			buf := make([]byte, 1<<20)
			t.Fatalf("Read took over 10s on %d bytes:\n%s", len(data), buf[:runtime.Stack(buf, true)])
		}
		if r == nil {
			t.Fatal("nil report")
		}
		if _, err := json.Marshal(r); err != nil {
			t.Fatalf("marshal: %v", err)
		}
		valid := map[string]bool{}
		for _, id := range append(ar.CellIDs(r.Format), ar.DerivedCells(r.Format)...) {
			valid[id] = true
		}
		for id := range r.Cells {
			if !valid[id] {
				t.Fatalf("cell %s does not belong to format %s", id, r.Format)
			}
		}
	})
}

// BenchmarkReadXLSX reads the workbook gongkai writes for a report of the 2021 format.
func BenchmarkReadXLSX(b *testing.B) {
	data, err := reportfile.XLSX(testreports.Random(rand.New(rand.NewPCG(1, 1)), ar.Format2021, 0), time.Time{})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		Read("report.xlsx", data)
	}
}

// A sheet built to be slow or large: far too many merged ranges is an unreadable file; a
// cell at the last column of many rows is read within the sheet's bounds.
func TestReadXLSXHostile(t *testing.T) {
	x := excelize.NewFile()
	for i := 1; i <= maxMerges+1; i++ {
		a, _ := excelize.CoordinatesToCellName(1, 2*i)
		b, _ := excelize.CoordinatesToCellName(2, 2*i)
		if err := x.MergeCell("Sheet1", a, b); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	x.Write(&buf)
	x.Close()
	r := Read("merges.xlsx", buf.Bytes())
	if len(r.Findings) == 0 || r.Findings[0].Rule != ar.RuleUnreadable {
		t.Errorf("too many merges: %v", r.Findings)
	}
	x = excelize.NewFile()
	sw, _ := x.NewStreamWriter("Sheet1")
	for i := 1; i <= maxSheetRows+10; i++ {
		ref, _ := excelize.CoordinatesToCellName(1, i)
		far := make([]any, maxSheetCols+5)
		far[0], far[len(far)-1] = i, "far"
		sw.SetRow(ref, far)
		ref, _ = excelize.CoordinatesToCellName(excelize.MaxColumns, i)
		sw.SetRow(ref, []any{1})
	}
	sw.Flush()
	buf.Reset()
	x.Write(&buf)
	x.Close()
	h, err := xlsxToHTML(buf.Bytes())
	if err != nil || strings.Count(h, "<tr>") != maxSheetRows || strings.Count(h, "<td>") != maxSheetRows || strings.Contains(h, "far") {
		t.Errorf("wide rows: %v, %d rows, %d cells", err, strings.Count(h, "<tr>"), strings.Count(h, "<td>"))
	}
}

// Shared strings: rich text runs joined, phonetic guides left out; a string index out of
// range is an empty cell.
func TestXLSXSharedStrings(t *testing.T) {
	files := map[string]string{
		"xl/workbook.xml":            `<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="表" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/s.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="strings.xml"/></Relationships>`,
		"xl/strings.xml":             `<sst><si><t>行政</t></si><si><r><t>许</t></r><r><t>可</t></r><rPh><t>xu ke</t></rPh></si></sst>`,
		"xl/worksheets/s.xml":        `<worksheet><sheetData><row><c t="s"><v>0</v></c><c t="s"><v>1</v></c><c t="s"><v>9</v></c><c><v>7</v></c></row></sheetData></worksheet>`,
	}
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for name, body := range files {
		w, _ := z.Create(name)
		w.Write([]byte(body))
	}
	z.Close()
	h, err := xlsxToHTML(buf.Bytes())
	if err != nil || !strings.Contains(h, "<tr><td>行政</td><td>许可</td><td></td><td>7</td></tr>") {
		t.Errorf("%v\n%s", err, h)
	}
}
