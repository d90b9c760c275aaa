package reader

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	ar "gongkai/internal/annualreport"
	"gongkai/internal/annualreport/testreports"
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
	// Small generated inputs in every layout: large seeds make the fuzzer spend its time
	// minimising.
	for i := 0; i < 9; i++ {
		o := testreports.RandomOptions(rng)
		o.Style = testreports.Style(i)
		d := testreports.Render(rng, testreports.Random(rng, []ar.Format{ar.Format2019, ar.Format2021}[i%2], 0.1), o).Data
		if len(d) > 4000 {
			d = d[len(d)-4000:]
		}
		f.Add(d)
	}
	// The variants: reordered columns, 序号 and 小计 columns, Chinese numerals.
	for i := 0; i < 4; i++ {
		v := testreports.RandomVariant(rng)
		v.Serial, v.Chinese, v.Subtotal = i%2 == 0, i >= 2, i%2 == 1
		d := testreports.RenderVariant(testreports.Random(rng, []ar.Format{ar.Format2019, ar.Format2021}[i%2], 0.1), v)
		if len(d) > 6000 {
			d = d[len(d)-6000:]
		}
		f.Add(d)
	}
	// Published pages: PDF text with footers, collapsed pipes, two agencies, 1 234.
	for i := 0; i < 3; i++ {
		r := testreports.Random(rng, []ar.Format{ar.Format2019, ar.Format2021}[i%2], 0.1)
		l := testreports.RandomLayout(rng, r)
		l.PDF, l.PageRows, l.CollapsedBlanks, l.Thousands = i == 0, 4, i == 1, i == 2
		d := testreports.RenderLayout(r, l)
		if len(d) > 6000 {
			d = d[len(d)-6000:]
		}
		f.Add(d)
	}
	f.Add([]byte("行政复议\n1 2 3\n规章 1 1 1 1 1\n（七）总计\n其他\n3.其他 1"))
	f.Add([]byte("<table><tr><td colspan=99999>行政许可</td><td>1</td></tr></table>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		// Bounded time: a report of any size up to the fuzzer's limits reads in well
		// under a second; a stuck reader fails with every goroutine's stack.
		done := make(chan *ar.Report, 1)
		go func() { done <- Read("fuzz", data) }()
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
