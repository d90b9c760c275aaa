package compose

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"gongkai/internal/annualreport"
	"gongkai/internal/annualreport/reader"
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

// everyMonth is "2020年1月行政许可等数据未录入" … for the twelve months.
func everyMonth(year int) []string {
	var out []string
	for m := 1; m <= 12; m++ {
		out = append(out, fmt.Sprintf("%d年%d月行政许可等数据未录入", year, m))
	}
	return out
}

// A month nobody entered is not a month of zero decisions: the year's cells of table 二
// summed from the months stay blank, and each missing month is a finding naming them.
func TestMissingMonthsAreNamed(t *testing.T) {
	full := func(year int) []catalog.MonthlyFigures {
		var out []catalog.MonthlyFigures
		for m := 1; m <= 12; m++ {
			out = append(out, catalog.MonthlyFigures{Year: year, Month: m, Licensing: 2, Penalty: 1})
		}
		return out
	}
	cells2021 := []string{"active_2021.licensing.decisions", "active_2021.penalty.decisions", "active_2021.enforcement.decisions", "active_2021.fees.amount_10k_yuan"}
	cells2019 := []string{"active_2019.licensing.decisions", "active_2019.penalty.decisions", "active_2019.enforcement.decisions"}
	tests := []struct {
		name    string
		year    int
		monthly []catalog.MonthlyFigures
		missing []string // the messages, in order
		cells   []string // the cells they name, blank in the report
	}{
		{"every month entered, zeros included", 2026, append(full(2026)[:11], catalog.MonthlyFigures{Year: 2026, Month: 12}), nil, nil},
		{"December not entered", 2026, full(2026)[:11], []string{"2026年12月行政许可等数据未录入"}, cells2021},
		{"nothing entered", 2020, nil, everyMonth(2020), cells2019},
		{"another year's months do not count", 2025, full(2026), everyMonth(2025), cells2021},
		{"two months missing", 2025, append(full(2025)[:3], full(2025)[4:11]...), []string{"2025年4月行政许可等数据未录入", "2025年12月行政许可等数据未录入"}, cells2021},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := Build(Records{Agency: "某局", Year: tt.year, Monthly: tt.monthly})
			if err != nil {
				t.Fatal(err)
			}
			var msgs []string
			for _, f := range rep.Findings {
				switch {
				case f.Rule == annualreport.RuleMissingMonth:
					msgs = append(msgs, f.Message)
					if !slices.Equal(f.Cells, tt.cells) {
						t.Errorf("%s names %v, want %v", f.Message, f.Cells, tt.cells)
					}
				case slices.Contains(tt.cells, f.Cell):
					t.Errorf("a cell named twice: %+v", f)
				}
			}
			if tt.missing == nil {
				if len(msgs) > 0 {
					t.Fatalf("missing months: %v", msgs)
				}
				if v, ok := rep.Cells.Get("active_2021.licensing.decisions"); !ok || v != 22 {
					t.Errorf("licensing = %v, %v", v, ok)
				}
				if v, ok := rep.Cells.Get("active_2021.enforcement.decisions"); !ok || v != 0 {
					t.Errorf("enforcement entered as 0 every month = %v, %v", v, ok)
				}
				return
			}
			if len(msgs) != len(tt.missing) {
				t.Fatalf("missing months: %v, want %v", msgs, tt.missing)
			}
			for i, want := range tt.missing {
				if !strings.HasPrefix(msgs[i], want) {
					t.Errorf("finding %d: %q, want %q…", i, msgs[i], want)
				}
			}
			for _, id := range tt.cells {
				if _, ok := rep.Cells.Get(id); ok {
					t.Errorf("%s is not blank", id)
				}
			}
		})
	}
	_, err := Build(Records{Agency: "某局", Year: 2025, Monthly: []catalog.MonthlyFigures{{Year: 2025, Month: 1}, {Year: 2025, Month: 1}}})
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

// Table 四 counts every case open during the year and says so under the table; a reader of
// the published page still reads the table's figures, the note notwithstanding.
func TestTable4CountsOpenCasesAndSaysSo(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	in := Records{Agency: "某区卫生健康局", Year: 2025, Monthly: randomMonthly(r, 2025), Appeals: []appeal.Appeal{
		{Kind: appeal.Reconsideration, FiledOn: day(2024, 11, 20), Result: appeal.Corrected, DecidedOn: day(2025, 2, 14)},
		{Kind: appeal.Reconsideration, FiledOn: day(2025, 11, 20), Result: appeal.Upheld, DecidedOn: day(2026, 2, 14)},
		{Kind: appeal.LitigationDirect, FiledOn: day(2023, 5, 1)},
	}}
	rep, err := Build(in)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]float64{
		"appeals.reconsideration.corrected": 1, "appeals.reconsideration.pending": 1, "appeals.reconsideration.total": 2,
		"appeals.litigation_direct.pending": 1, "appeals.litigation_direct.total": 1,
	}
	for _, id := range annualreport.CellIDs(rep.Format) {
		if table, _, _, _ := annualreport.SplitCell(id); table != annualreport.TableAppeals {
			continue
		}
		if v, _ := rep.Cells.Get(id); v != want[id] {
			t.Errorf("%s = %v, want %v", id, v, want[id])
		}
	}
	note := rep.NoteOf(annualreport.TableAppeals)
	if !strings.Contains(note, "在以前年度报告中计为“尚未审结”的案件") || note != appeal.CountingRule {
		t.Fatalf("table 四's note: %q", note)
	}
	for name, page := range map[string]string{"a.txt": annualreport.RenderText(rep), "a.html": annualreport.RenderHTML(rep)} {
		if !strings.Contains(page, "至12月31日仍未审结的，计为“尚未审结”") {
			t.Errorf("%s: the note is not printed", name)
		}
		back := reader.Read(name, []byte(page))
		for id, v := range want {
			if got, ok := back.Cells.Get(id); !ok || got != v {
				t.Errorf("%s read back: %s = %v, want %v", name, id, got, v)
			}
		}
		for _, f := range back.Findings {
			if strings.HasPrefix(f.Cell, annualreport.TableAppeals+".") {
				t.Errorf("%s read back: %+v", name, f)
			}
		}
	}
}
