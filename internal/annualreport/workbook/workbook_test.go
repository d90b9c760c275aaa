package workbook

import (
	"bytes"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	ar "gongkai/internal/annualreport"
	"gongkai/internal/annualreport/testreports"
)

// TestWriteReadsBack: every figure lands under its cell's column, blanks stay empty,
// and each finding has its row.
func TestWriteReadsBack(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	reports := []*ar.Report{testreports.Random(rng, ar.Format2021, 0.1), testreports.Random(rng, ar.Format2019, 0.1)}
	reports[0].File = "a.html"
	reports[1].Findings = []ar.Finding{{Rule: ar.RuleUnreadable, Cell: "applications.new.total", Message: "无法确定"}}
	reports[0].Cells.Set("applications.new.total", 12)
	reports[0].How = map[string]string{"applications.new.total": "sum"}
	legacy := ar.NewReport("某县民政局", 2015, ar.FormatLegacy)
	legacy.Cells = ar.Cells{}
	legacy.Cells.Set("legacy.applications_received", 2)
	reports = append(reports, legacy)

	data, err := Write(reports)
	if err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := x.GetRows(figuresSheet)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2+len(reports) {
		t.Fatalf("%d rows", len(rows))
	}
	if rows[0][1] != "机关" || rows[1][5] != Columns(reports)[0] {
		t.Errorf("headers %v / %v", rows[0][:6], rows[1][:6])
	}
	col := map[string]int{}
	for i, id := range rows[1] {
		col[id] = i
	}
	for k, r := range reports {
		row := rows[2+k]
		if row[1] != r.Agency || row[2] != strconv.Itoa(r.Year) || row[3] != r.Format.Label() {
			t.Errorf("report %d: %v", k, row[:5])
		}
		for id, v := range r.Cells {
			i, ok := col[id]
			if !ok {
				t.Fatalf("no column for %s", id)
			}
			got := ""
			if i < len(row) {
				got = row[i]
			}
			want := ""
			if v != nil {
				want = ar.FormatNumber(*v)
			}
			if got != want {
				t.Errorf("report %d %s = %q, want %q", k, id, got, want)
			}
		}
	}
	if label(Columns(reports)[0]) == Columns(reports)[0] {
		t.Errorf("the first column has no Chinese label")
	}
	fs, _ := x.GetRows(findingsSheet)
	if len(fs) != 2 || fs[1][3] != ar.RuleUnreadable || fs[1][4] != "applications.new.total" {
		t.Errorf("findings sheet %v", fs)
	}
	// The figures read by arithmetic, one row each, with how they were read.
	inf, _ := x.GetRows(inferredSheetName)
	if len(inf) != 2 || inf[1][0] != "a.html" || inf[1][3] != "applications.new.total" || inf[1][5] != "12" || inf[1][6] != howLabels["sum"] {
		t.Errorf("inferred sheet %v", inf)
	}
}
