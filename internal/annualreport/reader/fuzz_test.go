package reader

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	ar "gongkai/internal/annualreport"
	"gongkai/internal/annualreport/gen"
)

// FuzzRead: any bytes give a report (never a panic), in bounded time, that marshals
// to JSON, whose cells belong to its format.
func FuzzRead(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "seeds", "*.txt"))
	for _, p := range seeds {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for i := 0; i < 12; i++ {
		o := gen.RandomOptions(rng)
		o.Style = gen.Style(i % 9)
		f.Add(gen.Render(rng, gen.Random(rng, []ar.Format{ar.Format2019, ar.Format2021}[i%2], 0.1), o).Data)
	}
	f.Add([]byte("行政复议\n1 2 3\n规章 1 1 1 1 1\n（七）总计\n其他\n3.其他 1"))
	f.Add([]byte("<table><tr><td colspan=99999>行政许可</td><td>1</td></tr></table>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r := Read("fuzz", data)
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
