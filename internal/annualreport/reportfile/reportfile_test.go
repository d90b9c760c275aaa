package reportfile

import (
	"bytes"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	ar "gongkai/internal/annualreport"
	"gongkai/internal/annualreport/reader"
	"gongkai/internal/annualreport/testreports"
	"gongkai/internal/docx"
	"gongkai/internal/docx/docxtest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

var published = time.Date(2025, 1, 20, 2, 30, 0, 0, time.UTC) // 10:30 in China

var narrative = &ar.Narrative{
	Overview: "本年度，我局坚持以公开为常态、不公开为例外。\n（一）主动公开：及时发布<政策文件>。",
	Problems: "公开深度不够 & 解读形式单一。",
	FeeYuan:  120.5,
}

// consistentReport is a report of format f whose figures differ from cell to cell where the
// rules allow it, and satisfy every rule: a figure under the wrong header shows in the
// golden files, and every 总计 is a formula.
func consistentReport(f ar.Format) *ar.Report {
	r := ar.NewReport("示例区卫生健康局", 2024, f)
	if f == ar.Format2019 {
		r.Year = 2020
	}
	c := r.Cells
	tables := ar.Tables(f)
	k := 0
	for _, row := range tables[0].Rows {
		for _, col := range row.Columns {
			k++
			id := ar.Cell(tables[0].ID, row.ID, col)
			switch {
			case ar.IsAmount(id):
				c.Set(id, float64(k)+0.25)
			case ar.MayBeNegative(id):
				c.Set(id, -float64(k))
			default:
				c.Set(id, float64(k))
			}
		}
	}
	app := func(row, col string) string { return ar.Cell(ar.TableApplications, row, col) }
	rowTotal := map[string]float64{}
	for j, col := range ar.ApplicationColumns[:6] {
		var total float64
		for i, row := range ar.OutcomeRows(f) {
			v := float64((i*7+j*3)%11) + float64(j)
			c.Set(app(row, col), v)
			total += v
		}
		in, out := float64(j+1), float64(2*j+3)
		vals := map[string]float64{"total": total, "carried_in": in, "carried_out": out, "new": total + out - in}
		for row, v := range vals {
			c.Set(app(row, col), v)
		}
	}
	for _, row := range append([]string{"new", "carried_in", "total", "carried_out"}, ar.OutcomeRows(f)...) {
		for _, col := range ar.ApplicationColumns[:6] {
			v, _ := c.Get(app(row, col))
			rowTotal[row] += v
		}
		c.Set(app(row, "total"), rowTotal[row])
	}
	for g, group := range ar.AppealGroups {
		var t float64
		for j, col := range ar.AppealColumns[:4] {
			v := float64(g*4 + j + 1)
			c.Set(ar.Cell(ar.TableAppeals, group, col), v)
			t += v
		}
		c.Set(ar.Cell(ar.TableAppeals, group, "total"), t)
	}
	ar.FillDerived(r)
	r.Narrative = narrative
	// As compose prints it under table 四 (appeal.CountingRule).
	r.Notes = []ar.Note{{Table: ar.TableAppeals, Text: "注：本表统计本年度内处于审理中的全部行政复议、行政诉讼案件。至12月31日仍未审结的，计为“尚未审结”。"}}
	return r
}

func TestConsistentReport(t *testing.T) {
	for _, f := range []ar.Format{ar.Format2019, ar.Format2021} {
		if fs := ar.Check(consistentReport(f)); len(fs) > 0 {
			t.Fatalf("%s: %v", f, fs)
		}
	}
}

// sameCells fails unless got holds exactly want's cells: every cell of the format and the
// derived ones, figure for figure.
func sameCells(t *testing.T, what string, want, got *ar.Report) {
	t.Helper()
	if got.Agency != want.Agency || got.Year != want.Year || got.Format != want.Format {
		t.Fatalf("%s: read %q %d %s, want %q %d %s", what, got.Agency, got.Year, got.Format, want.Agency, want.Year, want.Format)
	}
	if len(got.Findings) > 0 {
		t.Errorf("%s: findings %v", what, got.Findings)
	}
	ids := append(append([]string(nil), ar.CellIDs(want.Format)...), ar.DerivedCells(want.Format)...)
	for _, id := range ids {
		a, okA := want.Cells.Get(id)
		b, okB := got.Cells.Get(id)
		if okA != okB || a != b {
			t.Errorf("%s: %s read as %v (%v), published %v (%v)", what, id, b, okB, a, okA)
		}
	}
	if len(got.Cells) != len(ids) {
		t.Errorf("%s: %d cells read, the format has %d", what, len(got.Cells), len(ids))
	}
}

// Every DOCX and XLSX reads back through the reader (as `gongkai check` reads it) to
// exactly the cells of the report, for both formats: the fixed reports and random ones
// (figures from 0 to thousands, decimal amounts, negative 本年增/减).
func TestReadBack(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 2025))
	for _, f := range []ar.Format{ar.Format2019, ar.Format2021} {
		reports := []*ar.Report{consistentReport(f)}
		for i := 0; i < 10; i++ {
			reports = append(reports, testreports.Random(rng, f, 0))
		}
		for i, r := range reports {
			d, err := DOCX(r, published)
			if err != nil {
				t.Fatal(err)
			}
			docxtest.Parts(t, d)
			got := reader.Read("report.docx", d)
			sameCells(t, fmt.Sprintf("%s #%d docx", f, i), r, got)
			if strings.Join(got.Sections, "") != "一二三四五六" {
				t.Errorf("%s #%d docx: sections %v", f, i, got.Sections)
			}
			x, err := XLSX(r, published)
			if err != nil {
				t.Fatal(err)
			}
			sameCells(t, fmt.Sprintf("%s #%d xlsx", f, i), r, reader.Read("report.xlsx", x))
		}
	}
}

// The Word document: the title, the six headings in 黑体, the agency's text a paragraph a
// line, the tables, the signature and the day of publication in China; page numbers.
func TestDOCXDocument(t *testing.T) {
	r := consistentReport(ar.Format2021)
	data, err := DOCX(r, published)
	if err != nil {
		t.Fatal(err)
	}
	parts := docxtest.Parts(t, data)
	doc := string(parts["word/document.xml"])
	paras := docxtest.Paragraphs(t, data)
	if paras[0] != "示例区卫生健康局\n2024年政府信息公开工作年度报告" { // too long for one line
		t.Errorf("title %q", paras[0])
	}
	for _, h := range []string{"一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"} {
		if !strings.Contains(doc, `<w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t xml:space="preserve">`+h+`</w:t>`) {
			t.Errorf("no heading %s", h)
		}
	}
	for _, p := range []string{"（一）主动公开：及时发布<政策文件>。", "公开深度不够 & 解读形式单一。", "本年度收取信息处理费120.5元。无其他需要报告的事项。"} {
		if !contains(paras, p) {
			t.Errorf("no paragraph %q", p)
		}
	}
	if n := len(paras); paras[n-2] != "示例区卫生健康局" || paras[n-1] != "2025年1月20日" {
		t.Errorf("ends with %q", paras[n-2:])
	}
	if strings.Count(doc, "<w:tbl>") != 3 || parts["word/footer1.xml"] == nil {
		t.Error("three tables and page numbers expected")
	}
	// Unpublished (a preview): no date.
	data, _ = DOCX(r, time.Time{})
	if paras := docxtest.Paragraphs(t, data); contains(paras, "2025年1月20日") {
		t.Error("a date without publication")
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestDOCXGolden(t *testing.T) {
	for _, f := range []ar.Format{ar.Format2019, ar.Format2021} {
		data, err := DOCX(consistentReport(f), published)
		if err != nil {
			t.Fatal(err)
		}
		again, _ := DOCX(consistentReport(f), published)
		if !bytes.Equal(data, again) {
			t.Errorf("%s: the same report gives different bytes", f)
		}
		golden(t, "report_"+string(f)+".docx.golden", docx.Lines(docxtest.Parts(t, data)["word/document.xml"]))
	}
}

// dumpXLSX prints a workbook for a golden file: per sheet its merged ranges, then every
// cell that holds something, with its formula.
func dumpXLSX(t *testing.T, data []byte) string {
	t.Helper()
	x, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	var b strings.Builder
	for _, sheet := range x.GetSheetList() {
		fmt.Fprintf(&b, "== %s\n", sheet)
		merges, _ := x.GetMergeCells(sheet)
		for _, m := range merges {
			fmt.Fprintf(&b, "merge %s:%s\n", m.GetStartAxis(), m.GetEndAxis())
		}
		rows, _ := x.GetRows(sheet, excelize.Options{RawCellValue: true})
		for i, row := range rows {
			for j, v := range row {
				ref, _ := excelize.CoordinatesToCellName(j+1, i+1)
				formula, _ := x.GetCellFormula(sheet, ref)
				if v == "" && formula == "" {
					continue
				}
				fmt.Fprintf(&b, "%s %s", ref, v)
				if formula != "" {
					fmt.Fprintf(&b, " ← =%s", formula)
				}
				b.WriteByte('\n')
			}
		}
	}
	return b.String()
}

func TestXLSXGolden(t *testing.T) {
	for _, f := range []ar.Format{ar.Format2019, ar.Format2021} {
		data, err := XLSX(consistentReport(f), published)
		if err != nil {
			t.Fatal(err)
		}
		// The library writes the parts in varying order: the same report gives the same
		// workbook, not always the same bytes.
		again, _ := XLSX(consistentReport(f), published)
		if dumpXLSX(t, data) != dumpXLSX(t, again) {
			t.Errorf("%s: the same report gives different workbooks", f)
		}
		golden(t, "report_"+string(f)+".xlsx.golden", dumpXLSX(t, data))
	}
}

// totalCells are the 总计 cells of format f: those the equations other than the column
// balance total.
func totalCells(f ar.Format) map[string]bool {
	out := map[string]bool{}
	for _, eq := range ar.Equations(f) {
		if eq.Rule != ar.RuleColumnBalance {
			out[eq.Left[0]] = true
		}
	}
	return out
}

// The workbook checks itself: every 总计 is a formula; a calculation engine (excelize's)
// gives every formula the value written with it; every check says 相符. A figure
// changed afterwards moves the totals and turns the column's balance check to 不符.
func TestXLSXChecksItself(t *testing.T) {
	for _, f := range []ar.Format{ar.Format2019, ar.Format2021} {
		r := consistentReport(f)
		data, err := XLSX(r, published)
		if err != nil {
			t.Fatal(err)
		}
		x, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		totals := totalCells(f)
		formulas := 0
		for _, sheet := range x.GetSheetList() {
			rows, _ := x.GetRows(sheet, excelize.Options{RawCellValue: true})
			for i, row := range rows {
				for j, cached := range row {
					ref, _ := excelize.CoordinatesToCellName(j+1, i+1)
					formula, _ := x.GetCellFormula(sheet, ref)
					if formula == "" {
						continue
					}
					formulas++
					calc, err := x.CalcCellValue(sheet, ref, excelize.Options{RawCellValue: true})
					if err != nil || calc != cached {
						t.Errorf("%s %s!%s =%s: computes %q (%v), holds %q", f, sheet, ref, formula, calc, err, cached)
					}
					if sheet == CheckSheet && j == 1 && i >= 1 && cached != Holds && cached != AllHold {
						t.Errorf("%s check %s says %s", f, ref, cached)
					}
				}
			}
		}
		if want := len(totals) + len(ar.Equations(f)) + 1; formulas != want {
			t.Errorf("%s: %d formulas, want %d (totals, checks, verdict)", f, formulas, want)
		}
		// Printed on A4, one page wide, the title at the head of every page.
		for _, sheet := range x.GetSheetList() {
			pl, err := x.GetPageLayout(sheet)
			hf, _ := x.GetHeaderFooter(sheet)
			if err != nil || *pl.Size != 9 || *pl.FitToWidth != 1 || hf == nil || !strings.Contains(hf.OddHeader, ar.Title(r)) {
				t.Errorf("%s %s: page %+v, header %+v, %v", f, sheet, pl, hf, err)
			}
		}
		// The checks that do not hold stand out: the verdict unless 全部相符, a check
		// unless 相符.
		cf, err := x.GetConditionalFormats(CheckSheet)
		if err != nil || len(cf) != 2 || cf["B2"][0].Value != `"`+AllHold+`"` || cf[fmt.Sprintf("B4:B%d", 3+len(ar.Equations(f)))][0].Value != `"`+Holds+`"` {
			t.Errorf("%s: conditional formats %+v %v", f, cf, err)
		}
		// 一、本年新收 of 自然人 plus one: its row total follows; its column no longer
		// balances.
		sheet := sheetNames[ar.TableApplications]
		cell := findCell(t, x, sheet, r, ar.Cell(ar.TableApplications, "new", "natural_person"))
		v, _ := r.Cells.Get(ar.Cell(ar.TableApplications, "new", "natural_person"))
		if err := x.SetCellValue(sheet, cell, v+1); err != nil {
			t.Fatal(err)
		}
		total := findCell(t, x, sheet, r, ar.Cell(ar.TableApplications, "new", "total"))
		want, _ := r.Cells.Get(ar.Cell(ar.TableApplications, "new", "total"))
		if got, _ := x.CalcCellValue(sheet, total); got != ar.FormatNumber(want+1) {
			t.Errorf("%s: the row total computes %s after the change, want %v", f, got, want+1)
		}
		if got, _ := x.CalcCellValue(CheckSheet, "B4"); got != Fails {
			t.Errorf("%s: the 自然人 balance check says %s after the change", f, got)
		}
		if got, _ := x.CalcCellValue(CheckSheet, "B2"); got != NotAll {
			t.Errorf("%s: the verdict says %s after the change", f, got)
		}
		x.Close()
	}
}

// findCell is the reference of the cell that holds id's figure in a sheet: the one whose
// value is the figure, found through the sheet's layout.
func findCell(t *testing.T, x *excelize.File, sheet string, r *ar.Report, id string) string {
	t.Helper()
	for i, g := range ar.Grid(r) {
		if sheetNames[g.ID] != sheet {
			continue
		}
		for _, p := range place(g) {
			if p.cell.Cell == id {
				ref, _ := excelize.CoordinatesToCellName(p.col+1, p.row+gridStart(i))
				return ref
			}
		}
	}
	t.Fatalf("no cell %s in %s", id, sheet)
	return ""
}

// A report that breaks a rule (never published, but the writer takes any report): the
// total is the figure as printed, not a formula that would hide the error, and its check
// says 不符; a blank cell leaves its cell empty and its checks say so.
func TestXLSXInconsistent(t *testing.T) {
	r := consistentReport(ar.Format2021)
	wrong := ar.Cell(ar.TableAppeals, "reconsideration", "total")
	r.Cells.Set(wrong, 99)
	blank := ar.Cell(ar.TableApplications, "granted", "business")
	r.Cells.SetNull(blank)
	data, err := XLSX(r, published)
	if err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	ref := findCell(t, x, sheetNames[ar.TableAppeals], r, wrong)
	if f, _ := x.GetCellFormula(sheetNames[ar.TableAppeals], ref); f != "" {
		t.Errorf("the wrong total is a formula: %s", f)
	}
	if v, _ := x.GetCellValue(sheetNames[ar.TableAppeals], ref); v != "99" {
		t.Errorf("the wrong total holds %s", v)
	}
	if v, _ := x.GetCellValue(sheetNames[ar.TableApplications], findCell(t, x, sheetNames[ar.TableApplications], r, blank)); v != "" {
		t.Errorf("the blank cell holds %q", v)
	}
	results := map[string]string{}
	for i, eq := range ar.Equations(r.Format) {
		v, _ := x.GetCellValue(CheckSheet, fmt.Sprintf("B%d", 4+i))
		calc, _ := x.CalcCellValue(CheckSheet, fmt.Sprintf("B%d", 4+i))
		if v != calc {
			t.Errorf("check %s holds %s, computes %s", eq.Label, v, calc)
		}
		results[eq.Label] = v
	}
	if got := results["表四“行政复议”：总计等于四种结果之和"]; got != Fails {
		t.Errorf("the broken group's check says %s", got)
	}
	if got := results["表三“法人或其他组织·商业企业”列：总计等于各项办理结果之和"]; got != Blank {
		t.Errorf("the blank cell's column check says %s", got)
	}
	if v, _ := x.GetCellValue(CheckSheet, "B2"); v != NotAll {
		t.Errorf("verdict %s", v)
	}
	// The reader reads the figures as printed and finds what the report breaks.
	got := reader.Read("r.xlsx", data)
	if v, _ := got.Cells.Get(wrong); v != 99 {
		t.Errorf("read %v", v)
	}
	if _, ok := got.Cells.Get(blank); ok {
		t.Error("the blank cell read as a figure")
	}
}

// A report without statutory tables has no workbook.
func TestXLSXNarrative(t *testing.T) {
	if _, err := XLSX(&ar.Report{Format: ar.FormatNarrative, Cells: ar.Cells{}}, published); err == nil {
		t.Error("a workbook of a report without tables")
	}
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
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := range min(len(gl), len(wl)) {
			if gl[i] != wl[i] {
				t.Errorf("%s differs at line %d (go test ./internal/annualreport/reportfile -update rewrites it):\n got: %s\nwant: %s", p, i+1, gl[i], wl[i])
				return
			}
		}
		t.Errorf("%s differs in length (%d lines, want %d)", p, len(gl), len(wl))
	}
}

func BenchmarkDOCX(b *testing.B) {
	r := consistentReport(ar.Format2021)
	for b.Loop() {
		if _, err := DOCX(r, published); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkXLSX(b *testing.B) {
	r := consistentReport(ar.Format2021)
	for b.Loop() {
		if _, err := XLSX(r, published); err != nil {
			b.Fatal(err)
		}
	}
}
