package cli

import (
	"encoding/csv"
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"

	ar "gongkai/internal/annualreport"
	"gongkai/internal/annualreport/testreports"
)

// TestCheckMarksInferredFigures: a report whose table rows run together is read
// through the sums, and the JSON ("how") and CSV (the how column) say which figures
// were read that way.
func TestCheckMarksInferredFigures(t *testing.T) {
	dir := t.TempDir()
	rng := rand.New(rand.NewPCG(3, 3))
	truth := testreports.Random(rng, ar.Format2021, 0)
	writeFile(t, dir, "run.txt", testreports.RenderFlat(rng, truth, testreports.FlatOptions{Form: testreports.FlatRun, Spaces: testreports.SpacesNone, Blank: "—"}))

	_, out, stderr := run(t, "check", "--json", dir)
	var r ar.Report // one file: one report, not a list
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("json: %v\n%s\n%s", err, out, stderr)
	}
	if r.How["applications.new.total"] != "sum" {
		t.Errorf("how of applications.new.total = %q; how: %v", r.How["applications.new.total"], r.How)
	}
	want, _ := truth.Cells.Get("applications.new.total")
	if got, ok := r.Cells.Get("applications.new.total"); !ok || got != want {
		t.Errorf("applications.new.total = %v %v, want %v", got, ok, want)
	}

	_, out, _ = run(t, "check", "--csv", dir)
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	marked := false
	for _, row := range rows[1:] {
		if row[3] == "applications.new.total" {
			marked = row[5] == "sum"
		}
	}
	if !marked {
		t.Error("csv does not mark applications.new.total as read by the sums")
	}
}
