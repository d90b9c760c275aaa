package reader

import (
	"fmt"
	"math/rand/v2"
	"testing"

	ar "gongkai/internal/annualreport"
	"gongkai/internal/annualreport/testreports"
)

// diffCells compares the cells read with the truth: every cell of the format, and the
// derived ones, must match exactly (nil for blank).
func diffCells(truth, got *ar.Report) []string {
	var out []string
	for _, id := range append(ar.CellIDs(truth.Format), ar.DerivedCells(truth.Format)...) {
		a, aok := truth.Cells.Get(id)
		b, bok := got.Cells.Get(id)
		if aok != bok || a != b {
			out = append(out, fmt.Sprintf("%s: want %v(%v) got %v(%v)", id, a, aok, b, bok))
		}
	}
	return out
}

func findingKeys(fs []ar.Finding) map[string]int {
	m := map[string]int{}
	for _, f := range fs {
		m[f.Rule+"@"+f.Cell]++
	}
	return m
}

func TestPropertyRoundTrip(t *testing.T) {
	n := 2000
	if testing.Short() {
		n = 300
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < n; i++ {
		f := ar.Format2021
		if i%2 == 1 {
			f = ar.Format2019
		}
		blank := 0.0
		if i%5 == 0 {
			blank = 0.05
		}
		truth := testreports.Random(rng, f, blank)
		o := testreports.RandomOptions(rng)
		out := testreports.Render(rng, truth, o)
		got := Read("testreports.txt", out.Data)
		bad := diffCells(truth, got)
		if got.Agency != truth.Agency || got.Year != truth.Year || got.Format != truth.Format {
			bad = append(bad, fmt.Sprintf("meta: want %s %d %s got %s %d %s", truth.Agency, truth.Year, truth.Format, got.Agency, got.Year, got.Format))
		}
		want := findingKeys(ar.Check(truth))
		have := findingKeys(got.Findings)
		if fmt.Sprint(want) != fmt.Sprint(have) {
			bad = append(bad, fmt.Sprintf("findings: want %v got %v: %v", want, have, got.Findings))
		}
		if len(bad) > 0 {
			t.Fatalf("case %d style %s options %+v:\n%v\n--- file ---\n%s", i, o.Style, o, bad, out.Data)
		}
	}
}

// mutation changes one figure of a consistent report; want lists the findings
// (rule@cell) exactly.
type mutation struct {
	name   string
	format ar.Format
	apply  func(c ar.Cells)
	want   []string
}

func bump(c ar.Cells, id string, d float64) {
	v, _ := c.Get(id)
	c.Set(id, v+d)
}

var mutations = []mutation{
	{"granted natural person +1", "", func(c ar.Cells) { bump(c, "applications.granted.natural_person", 1) },
		[]string{"table3_total_rows@applications.total.natural_person", "table3_total_column@applications.granted.total"}},
	{"new total +1", "", func(c ar.Cells) { bump(c, "applications.new.total", 1) },
		[]string{"table3_column_balance@applications.total.total", "table3_total_column@applications.new.total"}},
	{"total business +2", "", func(c ar.Cells) { bump(c, "applications.total.business", 2) },
		[]string{"table3_column_balance@applications.total.business", "table3_total_rows@applications.total.business", "table3_total_column@applications.total.total"}},
	{"carried out research +1", "", func(c ar.Cells) { bump(c, "applications.carried_out.research", 1) },
		[]string{"table3_column_balance@applications.total.research", "table3_total_column@applications.carried_out.total"}},
	{"litigation direct pending +1", "", func(c ar.Cells) { bump(c, "appeals.litigation_direct.pending", 1) },
		[]string{"table4_group_total@appeals.litigation_direct.total"}},
	{"reconsideration total +1", "", func(c ar.Cells) { bump(c, "appeals.reconsideration.total", 1) },
		[]string{"table4_group_total@appeals.reconsideration.total"}},
	{"2021 other.other +1", ar.Format2021, func(c ar.Cells) { bump(c, "applications.other.other.legal_service", 1) },
		[]string{"table3_total_rows@applications.total.legal_service", "table3_total_column@applications.other.other.total"}},
	{"2019 other +1", ar.Format2019, func(c ar.Cells) { bump(c, "applications.other.public_interest", 1) },
		[]string{"table3_total_rows@applications.total.public_interest", "table3_total_column@applications.other.total"}},
	{"2021 decimal count", ar.Format2021, func(c ar.Cells) { c.Set("active_2021.regulations.issued", 1.5) },
		[]string{"non_negative_integer@active_2021.regulations.issued"}},
	{"2019 negative decisions", ar.Format2019, func(c ar.Cells) { c.Set("active_2019.licensing.decisions", -3) },
		[]string{"non_negative_integer@active_2019.licensing.decisions"}},
	{"2019 negative change allowed", ar.Format2019, func(c ar.Cells) { c.Set("active_2019.penalty.change", -12) },
		nil},
}

func TestMutationFindings(t *testing.T) {
	per := 40
	if testing.Short() {
		per = 10
	}
	rng := rand.New(rand.NewPCG(7, 8))
	for _, m := range mutations {
		t.Run(m.name, func(t *testing.T) {
			for i := 0; i < per; i++ {
				f := m.format
				if f == "" {
					f = []ar.Format{ar.Format2019, ar.Format2021}[i%2]
				}
				truth := testreports.Random(rng, f, 0)
				m.apply(truth.Cells)
				ar.FillDerived(truth)
				o := testreports.RandomOptions(rng)
				o.Transpose = false // a sideways table is only read when its sums hold
				out := testreports.Render(rng, truth, o)
				got := Read("m.txt", out.Data)
				if bad := diffCells(truth, got); len(bad) > 0 {
					t.Fatalf("style %s: cells differ: %v\n%s", o.Style, bad, out.Data)
				}
				want := map[string]int{}
				for _, w := range m.want {
					want[w]++
				}
				if have := findingKeys(got.Findings); fmt.Sprint(have) != fmt.Sprint(want) {
					t.Fatalf("style %s: findings %v, want %v: %v", o.Style, have, want, got.Findings)
				}
			}
		})
	}
}

// TestDamageNeverWrong renders reports with a dropped figure or merged lines: the
// reader may leave cells blank, but every figure it gives must be the true one, and the
// dropped cell must be blank with a finding.
func TestDamageNeverWrong(t *testing.T) {
	n := 1500
	if testing.Short() {
		n = 200
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < n; i++ {
		f := []ar.Format{ar.Format2019, ar.Format2021}[i%2]
		truth := testreports.Random(rng, f, 0.03*float64(i%2))
		o := testreports.RandomOptions(rng)
		switch i % 4 {
		case 0:
			o.Merge = 1 + rng.IntN(6)
		case 1:
			o.DropRow = true
		default:
			o.Drop = true
		}
		out := testreports.Render(rng, truth, o)
		got := Read("d.txt", out.Data)
		for _, id := range ar.CellIDs(f) {
			b, bok := got.Cells.Get(id)
			a, aok := truth.Cells.Get(id)
			if bok && (!aok || a != b) {
				t.Fatalf("case %d style %s: wrong figure %s: got %v, truth %v (%v)\n%s", i, o.Style, id, b, a, aok, out.Data)
			}
		}
		for _, id := range out.DroppedRow {
			if _, ok := got.Cells.Get(id); ok {
				t.Fatalf("case %d style %s: cell %s of the dropped row was read", i, o.Style, id)
			}
		}
		if out.Dropped != "" {
			if _, ok := got.Cells.Get(out.Dropped); ok {
				t.Fatalf("case %d style %s: dropped cell %s was read", i, o.Style, out.Dropped)
			}
			named := false
			for _, fd := range got.Findings {
				if fd.Cell == out.Dropped {
					named = true
				}
				for _, c := range fd.Cells {
					if c == out.Dropped {
						named = true
					}
				}
			}
			if !named {
				t.Fatalf("case %d style %s: no finding names dropped cell %s: %v", i, o.Style, out.Dropped, got.Findings)
			}
		}
	}
}
