package reader

import (
	"encoding/json"
	"testing"

	ar "gongkai/internal/annualreport"
	"gongkai/internal/annualreport/testreports"
)

// TestReadIsDeterministic: the same bytes give the same report, findings in the same
// order, every time (users diff the output of two runs).
func TestReadIsDeterministic(t *testing.T) {
	n, rng := variantRuns(300, 80, 5, 6)
	for i := 0; i < n; i++ {
		truth := testreports.Random(rng, []ar.Format{ar.Format2019, ar.Format2021}[i%2], 0.05)
		data := testreports.RenderLayout(truth, testreports.RandomLayout(rng, truth))
		first, _ := json.Marshal(Read("x", data))
		for k := 0; k < 4; k++ {
			if again, _ := json.Marshal(Read("x", data)); string(again) != string(first) {
				t.Fatalf("case %d read differently:\n%s\n%s", i, first, again)
			}
		}
	}
}
