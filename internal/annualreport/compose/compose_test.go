package compose

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"gongkai/internal/annualreport"
	"gongkai/internal/appeal"
	"gongkai/internal/apperr"
	"gongkai/internal/catalog"
	"gongkai/internal/foirequest"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// randomRecords makes applications over several years with outcomes and applicant kinds.
func randomRecords(r *rand.Rand, n int, from int) []foirequest.Record {
	var out []foirequest.Record
	for i := 0; i < n; i++ {
		rec := foirequest.Record{
			Kind:     foirequest.ApplicantKinds[r.IntN(len(foirequest.ApplicantKinds))],
			Received: day(from+r.IntN(3), time.Month(1+r.IntN(12)), 1+r.IntN(28)),
		}
		if r.IntN(5) > 0 {
			rec.Closed = rec.Received.AddDate(0, 0, 1+r.IntN(60))
			rec.Outcome = foirequest.ReplyTypes[r.IntN(len(foirequest.ReplyTypes))]
		}
		out = append(out, rec)
	}
	return out
}

// randomCatalog makes published 规章 and 规范性文件, some of them repealed later.
func randomCatalog(r *rand.Rand, n int, from int) []catalog.Item {
	var out []catalog.Item
	for i := 0; i < n; i++ {
		written := day(from-2+r.IntN(5), time.Month(1+r.IntN(12)), 1+r.IntN(28))
		it := catalog.Item{ID: int64(i + 1), State: catalog.Published, Kind: catalog.Normative, WrittenOn: written, PublishedOn: written.AddDate(0, 0, r.IntN(20)), Validity: catalog.Valid}
		if r.IntN(3) == 0 {
			it.Kind = catalog.Regulation
		}
		if r.IntN(4) == 0 {
			it.Validity, it.ValidityChangedOn = catalog.Repealed, written.AddDate(1, 0, 0)
		}
		out = append(out, it)
	}
	return out
}

func randomMonthly(r *rand.Rand, year int) []catalog.MonthlyFigures {
	var out []catalog.MonthlyFigures
	for m := 1; m <= 12; m++ {
		out = append(out, catalog.MonthlyFigures{Year: year, Month: m, Licensing: r.Int64N(300), Penalty: r.Int64N(5), Enforcement: r.Int64N(2), Fees: catalog.Money(r.Int64N(1_000_000))})
	}
	return out
}

// A 2021-format report built from any records is consistent: no findings, across
// consecutive years too.
func TestBuildIsConsistentByConstruction(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 9))
	for i := 0; i < 100; i++ {
		in := Records{Agency: "某区卫生健康局", Applications: randomRecords(r, r.IntN(80), 2023), Catalog: randomCatalog(r, r.IntN(30), 2024)}
		for j := 0; j < r.IntN(6); j++ {
			in.Appeals = append(in.Appeals, appeal.Appeal{Kind: appeal.Kinds[r.IntN(3)], FiledOn: day(2024, time.Month(1+r.IntN(12)), 1), Result: appeal.Pending})
		}
		for _, year := range []int{2024, 2025} {
			in.Year = year
			in.Monthly = randomMonthly(r, year)
			rep, err := Build(in)
			if err != nil {
				t.Fatal(err)
			}
			if rep.Format != annualreport.Format2021 || len(rep.Findings) > 0 {
				t.Fatalf("case %d year %d: format %s, findings %+v", i, year, rep.Format, rep.Findings)
			}
			in.Previous = rep
		}
	}
}

// The format follows the year: 2019 and 2020 in the 2019 format, whose table 三 is
// consistent by construction too; the cells of table 二 the records cannot give are named.
func TestBuildFollowsTheYear(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	in := Records{Agency: "某局", Applications: randomRecords(r, 60, 2019), Catalog: randomCatalog(r, 10, 2020), Monthly: randomMonthly(r, 2020)}
	for year, want := range map[int]annualreport.Format{2019: annualreport.Format2019, 2020: annualreport.Format2019, 2021: annualreport.Format2021} {
		in.Year = year
		rep, err := Build(in)
		if err != nil {
			t.Fatal(err)
		}
		if rep.Format != want {
			t.Errorf("%d: format %s, want %s", year, rep.Format, want)
		}
	}
	in.Year = 2020
	rep, _ := Build(in)
	var blank []string
	for _, f := range rep.Findings {
		if f.Rule != annualreport.RuleBlankCell {
			t.Errorf("2020: finding %+v", f)
			continue
		}
		blank = append(blank, f.Cell)
	}
	slices.Sort(blank)
	want := []string{}
	for _, id := range annualreport.CellIDs(annualreport.Format2019) {
		table, row, col, _ := annualreport.SplitCell(id)
		if table == annualreport.TableActive2019 && (col == "prev_items" || col == "change" || row == "other_services" || row == "procurement") {
			want = append(want, id)
		}
	}
	slices.Sort(want)
	if !slices.Equal(blank, want) {
		t.Errorf("2020 blank cells:\n got %v\nwant %v", blank, want)
	}
	if v, ok := rep.Cells.Get("active_2019.licensing.decisions"); !ok || v == 0 {
		t.Errorf("2020 licensing decisions = %v, %v", v, ok)
	}
	if _, ok := rep.Cells["applications.other.no_correction.total"]; ok {
		t.Error("a 2021 row in a 2019-format report")
	}
	for _, year := range []int{2015, 2018} {
		in.Year = year
		if _, err := Build(in); apperr.CodeOf(err) != apperr.Invalid {
			t.Errorf("%d: %v", year, err)
		}
	}
}

func TestMissingFiguresAreNamed(t *testing.T) {
	rep, err := Build(Records{Agency: "某局", Year: 2025})
	if err != nil {
		t.Fatal(err)
	}
	// Table 二 counts zero without records; nothing is blank in the 2021 format.
	if len(rep.Findings) != 0 {
		t.Fatalf("findings without records: %+v", rep.Findings)
	}
	_, err = Build(Records{Agency: "某局", Year: 2025, Monthly: []catalog.MonthlyFigures{{Year: 2025, Month: 1}, {Year: 2025, Month: 1}}})
	if apperr.CodeOf(err) != apperr.Invalid {
		t.Fatalf("a month given twice: %v", err)
	}
}

func TestNarrativeAndPrevious(t *testing.T) {
	n := &annualreport.Narrative{Overview: "概述", Problems: "问题", FeeYuan: 50}
	prev := annualreport.NewReport("某局", 2024, annualreport.Format2021)
	prev.Cells.Set("applications.carried_out.total", 7)
	rep, err := Build(Records{Agency: "某局", Year: 2025, Narrative: n, Previous: prev})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Narrative == nil || *rep.Narrative != *n || rep.Narrative == n {
		t.Errorf("narrative %+v", rep.Narrative)
	}
	found := false
	for _, f := range rep.Findings {
		found = found || f.Rule == annualreport.RuleCrossYearCarryOver
	}
	if !found {
		t.Errorf("the carry-over from last year is not checked: %+v", rep.Findings)
	}
}
