package main

import "testing"

func TestColdQueriesDistinct(t *testing.T) {
	qs := coldQueries()
	if len(qs) < 4*coldChunk {
		t.Fatalf("%d distinct queries, want at least %d for four runs", len(qs), 4*coldChunk)
	}
	seen := map[string]bool{}
	for _, q := range qs {
		if seen[q] {
			t.Fatalf("%s twice", q)
		}
		seen[q] = true
	}
	t.Log(len(qs), qs[:5])
}
