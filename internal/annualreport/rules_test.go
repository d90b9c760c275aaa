package annualreport

import (
	"fmt"
	"sort"
	"strings"
	"testing"
)

// consistent returns a complete report of format f whose figures satisfy every rule:
// one application from a natural person, granted; one reconsideration upheld.
func consistent(f Format) *Report {
	r := NewReport("测试局", 2021, f)
	if f == Format2019 {
		r.Year = 2020
	}
	for _, id := range CellIDs(f) {
		r.Cells.Set(id, 0)
	}
	for _, id := range []string{"applications.new.natural_person", "applications.new.total",
		"applications.granted.natural_person", "applications.granted.total",
		"applications.total.natural_person", "applications.total.total",
		"appeals.reconsideration.upheld", "appeals.reconsideration.total"} {
		r.Cells.Set(id, 1)
	}
	FillDerived(r)
	return r
}

func keys(fs []Finding) string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Rule+"@"+f.Cell)
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}

func TestCheckRules(t *testing.T) {
	cases := []struct {
		name   string
		format Format
		edit   func(c Cells)
		want   string
	}{
		{"consistent 2021", Format2021, func(Cells) {}, ""},
		{"consistent 2019", Format2019, func(Cells) {}, ""},
		{"rule 1 carried out", Format2021, func(c Cells) {
			c.Set("applications.carried_out.natural_person", 1)
			c.Set("applications.carried_out.total", 1)
		}, "table3_column_balance@applications.total.natural_person table3_column_balance@applications.total.total"},
		{"rule 2 outcome", Format2019, func(c Cells) {
			c.Set("applications.withheld.inquiry.research", 2)
			c.Set("applications.withheld.inquiry.total", 2)
		}, "table3_total_rows@applications.total.research table3_total_rows@applications.total.total"},
		{"rule 3 total column", Format2021, func(c Cells) { c.Set("applications.partial.total", 4) },
			"table3_total_column@applications.partial.total table3_total_rows@applications.total.total"},
		{"rule 4 appeals", Format2021, func(c Cells) { c.Set("appeals.litigation_after.pending", 3) },
			"table4_group_total@appeals.litigation_after.total"},
		{"rule 5 negative", Format2021, func(c Cells) { c.Set("active_2021.penalty.decisions", -1) },
			"non_negative_integer@active_2021.penalty.decisions"},
		{"rule 5 fraction", Format2019, func(c Cells) { c.Set("active_2019.regulations.made", 0.5) },
			"non_negative_integer@active_2019.regulations.made"},
		{"rule 5 change may be negative", Format2019, func(c Cells) { c.Set("active_2019.fees.change", -4) }, ""},
		{"rule 5 amounts may be decimal", Format2021, func(c Cells) { c.Set("active_2021.fees.amount_10k_yuan", 12.35) }, ""},
		{"blank cell", Format2021, func(c Cells) { c.SetNull("active_2021.licensing.decisions") },
			"blank_cell@active_2021.licensing.decisions"},
		{"blank cell skips its equations", Format2021, func(c Cells) {
			c.SetNull("applications.granted.natural_person")
		}, "blank_cell@applications.granted.natural_person"},
		{"2021 other rows sum", Format2021, func(c Cells) {
			c.Set("applications.other.fee_unpaid.business", 1)
			c.Set("applications.other.fee_unpaid.total", 1)
		}, "table3_total_rows@applications.total.business table3_total_rows@applications.total.total"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := consistent(tc.format)
			tc.edit(r.Cells)
			FillDerived(r)
			if got := keys(Check(r)); got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestCheckEquationSides(t *testing.T) {
	r := consistent(Format2021)
	r.Cells.Set("appeals.reconsideration.total", 5)
	fs := Check(r)
	if len(fs) != 1 {
		t.Fatalf("want one finding, got %v", fs)
	}
	f := fs[0]
	if *f.Left != 5 || *f.Right != 1 || len(f.Cells) != 5 || !strings.Contains(f.Message, "行政复议") {
		t.Errorf("finding %+v", f)
	}
}

func TestCheckSkipsFlaggedCells(t *testing.T) {
	r := consistent(Format2021)
	r.Cells.SetNull("applications.new.business")
	r.Findings = []Finding{{Rule: RuleUnreadable, Cell: "applications.new.natural_person", Cells: []string{"applications.new.business"}}}
	if got := keys(Check(r)); got != "" {
		t.Errorf("a cell already flagged unreadable is not blank again: %s", got)
	}
}

func TestCheckYears(t *testing.T) {
	prev := consistent(Format2021)
	prev.Year = 2022
	cur := consistent(Format2021)
	cur.Year = 2023
	if got := keys(CheckYears(prev, cur)); got != "" {
		t.Fatalf("consistent years: %s", got)
	}
	prev.Cells.Set("applications.carried_out.legal_service", 2)
	prev.Cells.Set("active_2021.regulations.in_force", 7)
	cur.Cells.Set("active_2021.regulations.issued", 1)
	cur.Cells.Set("active_2021.regulations.in_force", 7)
	want := "cross_year_carry_over@applications.carried_in.legal_service cross_year_in_force@active_2021.regulations.in_force"
	if got := keys(CheckYears(prev, cur)); got != want {
		t.Errorf("got %q want %q", got, want)
	}

	p19, c19 := consistent(Format2019), consistent(Format2019)
	p19.Year, c19.Year = 2019, 2020
	p19.Cells.Set("active_2019.licensing.prev_items", 10)
	p19.Cells.Set("active_2019.licensing.change", -3)
	c19.Cells.Set("active_2019.licensing.prev_items", 7)
	if got := keys(CheckYears(p19, c19)); got != "" {
		t.Errorf("10 − 3 = 7: %s", got)
	}
	c19.Cells.Set("active_2019.licensing.prev_items", 8)
	if got := keys(CheckYears(p19, c19)); got != "cross_year_prev_items@active_2019.licensing.prev_items" {
		t.Errorf("got %s", got)
	}
	// 2020 (2019 format) → 2021 (2021 format): only the carry-over applies.
	c21 := consistent(Format2021)
	if got := keys(CheckYears(c19, c21)); got != "" {
		t.Errorf("format change: %s", got)
	}
	far := consistent(Format2021)
	far.Year = 2025
	if got := keys(CheckYears(prev, far)); got != "cross_year_mismatch@" {
		t.Errorf("non-consecutive years: %s", got)
	}
}

func TestCellIDsMatchSharedFile(t *testing.T) {
	// Counts from ../shared/report-cells.json: table 二 2021 6 rows, 2019 8 rows; table 三
	// 25 rows of 7 (2019: one （六） row, 2021: three); table 四 15.
	cases := map[Format]int{Format2021: 3 + 3 + 1 + 1 + 1 + 1 + 25*7 + 15, Format2019: 3*6 + 2 + 2 + 23*7 + 15}
	for f, n := range cases {
		if got := len(CellIDs(f)); got != n {
			t.Errorf("%s: %d cells, want %d", f, got, n)
		}
		seen := map[string]bool{}
		for _, id := range CellIDs(f) {
			if seen[id] {
				t.Errorf("duplicate %s", id)
			}
			seen[id] = true
			if _, _, _, ok := SplitCell(id); !ok {
				t.Errorf("malformed %s", id)
			}
			if CellLabel(f, id) == id {
				t.Errorf("no label for %s", id)
			}
		}
	}
	if got := CellLabel(Format2019, "active_2019.other_services.change"); got != "其他对外管理服务事项·本年增/减" {
		t.Errorf("label %q", got)
	}
}

func TestMarshalOrderAndNulls(t *testing.T) {
	r := NewReport("测试局", 2021, Format2021)
	r.File = "a.txt"
	r.Cells.Set("active_2021.licensing.decisions", 3409)
	b, err := r.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for _, want := range []string{`"file":"a.txt"`, `"agency":"测试局"`, `"format":"2021"`, `"active_2021.licensing.decisions":3409`, `"active_2021.regulations.issued":null`, `"findings":[]`} {
		if !strings.Contains(s, want) {
			t.Errorf("missing %s in %s", want, s)
		}
	}
	if strings.Index(s, "active_2021.regulations.issued") > strings.Index(s, "applications.new.natural_person") {
		t.Error("cells are not in statutory order")
	}
	var back Report
	if err := back.UnmarshalJSON(b); err != nil {
		t.Fatal(err)
	}
	if v, ok := back.Cells.Get("active_2021.licensing.decisions"); !ok || v != 3409 {
		t.Errorf("round trip: %v %v", v, ok)
	}
	if v, present := back.Cells["active_2021.regulations.issued"]; !present || v != nil {
		t.Error("null cell lost in round trip")
	}
}

func TestGridCarriesEveryCell(t *testing.T) {
	for _, f := range []Format{Format2019, Format2021} {
		r := consistent(f)
		seen := map[string]bool{}
		for _, tbl := range Grid(r) {
			for _, row := range tbl.Rows {
				for _, c := range row {
					if c.Value {
						seen[c.Cell] = true
					}
				}
			}
		}
		for _, id := range CellIDs(f) {
			if !seen[id] {
				t.Errorf("%s: grid lacks %s", f, id)
			}
		}
		txt := RenderText(r)
		html := RenderHTML(r)
		for _, s := range []string{"二、主动公开政府信息情况", "（七）总计", "复议后起诉"} {
			if !strings.Contains(txt, s) || !strings.Contains(html, s) {
				t.Errorf("%s: rendering lacks %s", f, s)
			}
		}
		_ = fmt.Sprint(html)
	}
}

// Check and Equations agree: in a report of zeros, a 1 in the first cell of an
// equation's left side is found by Check under the equation's rule, on the cell Check
// names for it (the 总计 cell; for the column balance, （七）总计).
func TestEquationsAreTheRules(t *testing.T) {
	for _, f := range []Format{Format2019, Format2021} {
		eqs := Equations(f)
		if len(eqs) != 7+7+len(OutcomeRows(f))+4+3 {
			t.Fatalf("%s: %d equations", f, len(eqs))
		}
		for _, eq := range eqs {
			r := NewReport("某局", 2021, f)
			for _, id := range CellIDs(f) {
				r.Cells.Set(id, 0)
			}
			r.Cells.Set(eq.Left[0], 1)
			on := eq.Left[0]
			if eq.Rule == RuleColumnBalance {
				on = eq.Right[0]
			}
			found := false
			for _, fd := range Check(r) {
				found = found || (fd.Rule == eq.Rule && fd.Cell == on)
			}
			if !found {
				t.Errorf("%s %s (%s): Check does not find it broken", f, eq.Label, eq.Rule)
			}
		}
	}
}
