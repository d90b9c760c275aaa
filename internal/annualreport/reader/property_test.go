package reader

import (
	"fmt"
	"math/rand/v2"
	"testing"

	ar "gongkai/internal/annualreport"
	"gongkai/internal/annualreport/gen"
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
	n := 3000
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
		truth := gen.Random(rng, f, blank)
		o := gen.RandomOptions(rng)
		out := gen.Render(rng, truth, o)
		got := Read("gen.txt", out.Data)
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
