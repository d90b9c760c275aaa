package cli

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	ar "gongkai/internal/annualreport"
	"gongkai/internal/annualreport/testreports"
)

func writeFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// consistentReport is a generated report with every cell filled and every rule holding.
func consistentReport(seed uint64, f ar.Format) *ar.Report {
	return testreports.Random(rand.New(rand.NewPCG(seed, seed)), f, 0)
}

func TestCheckConsistentExitsZero(t *testing.T) {
	dir := t.TempDir()
	want := consistentReport(1, ar.Format2021)
	p := writeFile(t, dir, "a.txt", []byte(ar.RenderText(want)))
	code, out, stderr := run(t, "check", p)
	if code != 0 || !strings.Contains(out, "未发现问题") {
		t.Fatalf("exit %d\n%s\n%s", code, out, stderr)
	}
	// One file: one JSON object, as in the example of shared/report-cells.json.
	code, out, _ = run(t, "check", "--json", p)
	var got ar.Report
	if err := json.Unmarshal([]byte(out), &got); err != nil || code != 0 {
		t.Fatalf("exit %d: %v\n%s", code, err, out)
	}
	if got.Agency != want.Agency || got.Year != want.Year || got.Format != ar.Format2021 || len(got.Findings) != 0 {
		t.Errorf("got %s %d %s %v", got.Agency, got.Year, got.Format, got.Findings)
	}
	if v, ok := got.Cells.Get("applications.total.total"); !ok || v != *want.Cells["applications.total.total"] {
		t.Errorf("total %v %v", v, ok)
	}
	// The same report saved from Word, found in a folder beside it.
	writeFile(t, dir, "word/a.DOCX", testreports.DOCX([]byte(ar.RenderHTML(want))))
	code, out, stderr = run(t, "check", dir)
	if code != 0 || !strings.Contains(out, "共2份报告") {
		t.Fatalf("folder with a .docx: exit %d\n%s\n%s", code, out, stderr)
	}
}

func TestCheckSeedsJSONAndCSV(t *testing.T) {
	seeds := filepath.Join("..", "annualreport", "reader", "testdata", "seeds")
	code, out, stderr := run(t, "check", "--json", seeds)
	if code != 1 {
		t.Fatalf("seeds have findings: exit %d, stderr %s", code, stderr)
	}
	var reports []ar.Report
	if err := json.Unmarshal([]byte(out), &reports); err != nil {
		t.Fatalf("json: %v\n%s", err, out)
	}
	if len(reports) != 5 {
		t.Fatalf("%d reports", len(reports))
	}
	byFile := map[string]ar.Report{}
	for _, r := range reports {
		byFile[filepath.Base(r.File)] = r
	}
	r3 := byFile["003_7b1b67dd1c4e731d.txt"]
	if v, ok := r3.Cells.Get("active_2019.other_services.decisions"); !ok || v != 7447 || r3.Format != ar.Format2019 || r3.Agency != "遂宁市船山区医疗保障局" {
		t.Errorf("003: %v %v %s %s", v, ok, r3.Format, r3.Agency)
	}
	if r := byFile["002_3cb62664b829870b.txt"]; r.Format != ar.FormatNarrative || len(r.Findings) == 0 || r.Findings[0].Rule != ar.RuleNarrativeOnly {
		t.Errorf("002: %s %v", r.Format, r.Findings)
	}

	xlsxPath := filepath.Join(t.TempDir(), "汇总.xlsx")
	if code, _, stderr := run(t, "check", "--xlsx", xlsxPath, seeds); code != 1 {
		t.Fatalf("--xlsx exit %d: %s", code, stderr)
	}
	x, err := excelize.OpenFile(xlsxPath)
	if err != nil {
		t.Fatal(err)
	}
	if rows, _ := x.GetRows("数据"); len(rows) != 2+len(reports) {
		t.Errorf("workbook: %d rows for %d reports", len(rows), len(reports))
	}
	x.Close()

	code, out, _ = run(t, "check", "--csv", seeds)
	if code != 1 {
		t.Fatalf("csv exit %d", code)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[0], ",") != "file,agency,year,cell,value,how" {
		t.Errorf("header %v", rows[0])
	}
	found := false
	for _, row := range rows[1:] {
		if strings.HasSuffix(row[0], "004_d3a0745a76414f11.txt") && row[3] == "active_2021.licensing.decisions" {
			found = row[4] == "3409" && row[1] == "赣榆区卫健委" && row[2] == "2024"
		}
	}
	if !found {
		t.Error("csv lacks 004 行政许可 3409")
	}
}

func TestCheckUsageAndUnreadable(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"check"},
		{"check", "--json", "--csv", dir},
		{"check", filepath.Join(dir, "missing.txt")},
		{"check", dir}, // no report files in it
	} {
		if code, _, _ := run(t, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
	writeFile(t, dir, "x/bin.txt", []byte{0x89, 'P', 'N', 'G', 0, 0, 0, 1})
	writeFile(t, dir, "x/empty.md", nil)
	writeFile(t, dir, "x/skip.xls", []byte("not read"))
	writeFile(t, dir, "x/cut.pdf", []byte("%PDF-1.7\n1 0 obj\n<< /Type /Catalog"))
	code, out, stderr := run(t, "check", "--json", dir)
	if code != 1 || strings.Contains(stderr, "panic") {
		t.Fatalf("exit %d stderr %s", code, stderr)
	}
	var reports []ar.Report
	if err := json.Unmarshal([]byte(out), &reports); err != nil {
		t.Fatal(err)
	}
	if len(reports) != 3 {
		t.Fatalf("want 3 files read (.txt, .md and .pdf), got %d", len(reports))
	}
	for _, r := range reports {
		if len(r.Findings) != 1 || r.Findings[0].Rule != ar.RuleUnreadable {
			t.Errorf("%s: %v", r.File, r.Findings)
		}
	}
}

func TestCheckCrossYear(t *testing.T) {
	dir := t.TempDir()
	prev := consistentReport(2, ar.Format2021)
	cur := consistentReport(3, ar.Format2021)
	cur.Agency = prev.Agency
	prev.Year, cur.Year = 2022, 2023
	writeFile(t, dir, "2022.html", []byte(ar.RenderHTML(prev)))
	writeFile(t, dir, "2023.txt", []byte(ar.RenderText(cur)))
	code, out, _ := run(t, "check", "--json", dir)
	var reports []ar.Report
	if err := json.Unmarshal([]byte(out), &reports); err != nil {
		t.Fatal(err)
	}
	want := ar.CheckYears(prev, cur)
	var got []ar.Finding
	for _, r := range reports {
		if r.Year == 2023 {
			got = r.Findings
		}
	}
	if len(want) == 0 || len(got) != len(want) {
		t.Fatalf("exit %d: want %d cross-year findings, got %v", code, len(want), got)
	}
	for i := range want {
		if got[i].Rule != want[i].Rule || got[i].Cell != want[i].Cell {
			t.Errorf("finding %d: %v, want %v", i, got[i], want[i])
		}
	}
}

// TestCheckPrintsNoTerminalEscapes: a report whose agency name holds an escape sequence is
// printed with the control characters shown as U+FFFD, so a hostile file cannot drive the
// terminal of whoever checks it.
func TestCheckPrintsNoTerminalEscapes(t *testing.T) {
	seed, err := os.ReadFile("../annualreport/reader/testdata/seeds/000_0d1ba4bae486ea5e.txt")
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "r.txt")
	os.WriteFile(p, bytes.ReplaceAll(seed, []byte("榆阳区卫健局"), []byte("榆阳区卫健局\x1b]0;pwned\x07\x1b[2J")), 0o644)
	_, out, _ := run(t, "check", p)
	if strings.ContainsAny(out, "\x1b\x07") || !strings.Contains(out, "榆阳区卫健局\ufffd]0;pwned") {
		t.Errorf("output: %q", out)
	}
}
