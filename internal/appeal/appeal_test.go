package appeal

import (
	"math/rand/v2"
	"testing"
	"time"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestValidate(t *testing.T) {
	today := day(2026, 3, 1)
	tests := []struct {
		name string
		a    Appeal
		ok   bool
	}{
		{"pending", Appeal{Kind: Reconsideration, FiledOn: day(2026, 1, 5)}, true},
		{"decided", Appeal{Kind: LitigationDirect, FiledOn: day(2025, 5, 1), Result: Upheld, DecidedOn: day(2025, 9, 1)}, true},
		{"no kind", Appeal{FiledOn: day(2026, 1, 5)}, false},
		{"future filing", Appeal{Kind: Reconsideration, FiledOn: day(2026, 3, 2)}, false},
		{"decided without day", Appeal{Kind: Reconsideration, FiledOn: day(2026, 1, 5), Result: Corrected}, false},
		{"decided before filed", Appeal{Kind: Reconsideration, FiledOn: day(2026, 1, 5), Result: Other, DecidedOn: day(2026, 1, 4)}, false},
		{"unknown result", Appeal{Kind: Reconsideration, FiledOn: day(2026, 1, 5), Result: "won"}, false},
	}
	for _, tt := range tests {
		if err := tt.a.Validate(today); (err == nil) != tt.ok {
			t.Errorf("%s: err = %v, want ok = %v", tt.name, err, tt.ok)
		}
	}
}

func TestTable4(t *testing.T) {
	appeals := []Appeal{
		{Kind: Reconsideration, FiledOn: day(2025, 3, 1), Result: Upheld, DecidedOn: day(2025, 5, 1)},
		{Kind: Reconsideration, FiledOn: day(2025, 11, 1), Result: Corrected, DecidedOn: day(2026, 1, 10)}, // decided next year: pending at year end
		{Kind: LitigationDirect, FiledOn: day(2025, 6, 1)},
		{Kind: LitigationAfter, FiledOn: day(2025, 7, 1), Result: Other, DecidedOn: day(2025, 12, 31)},
		{Kind: LitigationAfter, FiledOn: day(2025, 8, 1), CoDefendantOrgan: true},                         // counted by the original agency only
		{Kind: Reconsideration, FiledOn: day(2024, 8, 1)},                                                 // still open: pending again
		{Kind: LitigationDirect, FiledOn: day(2024, 9, 1), Result: Corrected, DecidedOn: day(2025, 3, 3)}, // decided this year
		{Kind: LitigationDirect, FiledOn: day(2024, 2, 1), Result: Upheld, DecidedOn: day(2024, 12, 31)},  // decided last year
		{Kind: LitigationAfter, FiledOn: day(2026, 1, 2)},                                                 // next year
	}
	got := Table4(appeals, 2025)
	want := map[string]int64{
		"appeals.reconsideration.upheld": 1, "appeals.reconsideration.pending": 2, "appeals.reconsideration.total": 3,
		"appeals.litigation_direct.corrected": 1, "appeals.litigation_direct.pending": 1, "appeals.litigation_direct.total": 2,
		"appeals.litigation_after.other": 1, "appeals.litigation_after.total": 1,
	}
	if len(got) != 15 {
		t.Fatalf("%d cells, want 15", len(got))
	}
	for k, v := range got {
		if v != want[k] {
			t.Errorf("%s = %d, want %d", k, v, want[k])
		}
	}
}

// A case is counted in every year in which it was open: with its result in the year it
// was decided, as 尚未审结 in a year at whose end it was still open; never before it was
// accepted, never after the year it was decided.
func TestTable4AcrossYears(t *testing.T) {
	years := []int{2024, 2025, 2026, 2027}
	tests := []struct {
		name string
		a    Appeal
		want []Result // per year of years; "" when not counted
	}{
		{"accepted and decided in one year", Appeal{Kind: Reconsideration, FiledOn: day(2025, 3, 1), Result: Upheld, DecidedOn: day(2025, 5, 1)},
			[]Result{"", Upheld, "", ""}},
		{"accepted in 2025, decided in 2026", Appeal{Kind: Reconsideration, FiledOn: day(2025, 11, 20), Result: Corrected, DecidedOn: day(2026, 2, 14)},
			[]Result{"", Pending, Corrected, ""}},
		{"decided on 31 December", Appeal{Kind: LitigationDirect, FiledOn: day(2025, 6, 1), Result: Other, DecidedOn: day(2025, 12, 31)},
			[]Result{"", Other, "", ""}},
		{"decided on 1 January", Appeal{Kind: LitigationDirect, FiledOn: day(2025, 6, 1), Result: Upheld, DecidedOn: day(2026, 1, 1)},
			[]Result{"", Pending, Upheld, ""}},
		{"open over three year ends", Appeal{Kind: LitigationAfter, FiledOn: day(2024, 4, 1), Result: Corrected, DecidedOn: day(2027, 3, 1)},
			[]Result{Pending, Pending, Pending, Corrected}},
		{"not yet decided", Appeal{Kind: LitigationAfter, FiledOn: day(2025, 12, 31)},
			[]Result{"", Pending, Pending, Pending}},
		{"co-defendant reconsideration organ", Appeal{Kind: LitigationAfter, FiledOn: day(2025, 1, 1), CoDefendantOrgan: true},
			[]Result{"", "", "", ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for i, y := range years {
				cells := Table4([]Appeal{tt.a}, y)
				var got Result
				for _, r := range Results {
					if cells["appeals."+string(tt.a.Kind)+"."+string(r)] == 1 {
						got = r
					}
				}
				if got != tt.want[i] {
					t.Errorf("%d: counted as %q, want %q", y, got, tt.want[i])
				}
				if total := cells["appeals."+string(tt.a.Kind)+".total"]; (total == 1) != (tt.want[i] != "") {
					t.Errorf("%d: total %d", y, total)
				}
				if tt.a.OpenDuring(y) != (tt.want[i] != "" || tt.a.CoDefendantOrgan && y >= 2025) {
					t.Errorf("%d: OpenDuring = %v", y, tt.a.OpenDuring(y))
				}
			}
		})
	}
}

// Rule 4 of the report: each group's total is the sum of its four results, for any records.
func TestTable4GroupTotals(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 200; i++ {
		var as []Appeal
		for j := 0; j < r.IntN(30); j++ {
			a := Appeal{Kind: Kinds[r.IntN(3)], FiledOn: day(2024+r.IntN(3), time.Month(1+r.IntN(12)), 1+r.IntN(28)), CoDefendantOrgan: r.IntN(10) == 0}
			if res := Results[r.IntN(4)]; res != Pending {
				a.Result, a.DecidedOn = res, a.FiledOn.AddDate(0, r.IntN(8), 0)
			}
			as = append(as, a)
		}
		cells := Table4(as, 2025)
		for _, k := range Kinds {
			var sum int64
			for _, res := range Results {
				sum += cells["appeals."+string(k)+"."+string(res)]
			}
			if sum != cells["appeals."+string(k)+".total"] {
				t.Fatalf("case %d: %s total %d, sum %d", i, k, cells["appeals."+string(k)+".total"], sum)
			}
		}
	}
}

func TestCheckLink(t *testing.T) {
	a := Appeal{AgencyID: 10, ApplicationID: 7}
	tests := []struct {
		name string
		a    Appeal
		l    LinkedApplication
		ok   bool
	}{
		{"no link", Appeal{AgencyID: 10}, LinkedApplication{}, true},
		{"own agency", a, LinkedApplication{Found: true, AgencyID: 10}, true},
		{"another agency", a, LinkedApplication{Found: true, AgencyID: 11}, false},
		{"no such application", a, LinkedApplication{}, false},
		{"negative number", Appeal{AgencyID: 10, ApplicationID: -1}, LinkedApplication{Found: true, AgencyID: 10}, false},
	}
	for _, tt := range tests {
		err := tt.a.CheckLink(tt.l)
		if (err == nil) != tt.ok {
			t.Errorf("%s: err = %v, want ok = %v", tt.name, err, tt.ok)
		}
	}
	// Another agency's application and a missing one get the same answer.
	e1 := a.CheckLink(LinkedApplication{Found: true, AgencyID: 11})
	e2 := a.CheckLink(LinkedApplication{})
	if e1.Error() != e2.Error() {
		t.Errorf("answers differ: %q / %q", e1, e2)
	}
}
