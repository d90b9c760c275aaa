package reader

import (
	"math/rand/v2"
	"sync"
	"testing"

	ar "gongkai/internal/annualreport"
	"gongkai/internal/annualreport/testreports"
)

// Read is called from every core by gongkai check: the shared caches must be safe.
func TestConcurrentRead(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	var docs [][]byte
	var truths []*ar.Report
	for i := 0; i < 40; i++ {
		o := testreports.RandomOptions(rng)
		o.Traditional = i%3 == 0
		r := testreports.Random(rng, []ar.Format{ar.Format2019, ar.Format2021}[i%2], 0)
		docs = append(docs, testreports.Render(rng, r, o).Data)
		truths = append(truths, r)
	}
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, d := range docs {
				if bad := diffCells(truths[i], Read("c", d)); len(bad) > 0 {
					t.Errorf("doc %d: %v", i, bad)
					return
				}
			}
		}()
	}
	wg.Wait()
}
