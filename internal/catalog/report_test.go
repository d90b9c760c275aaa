package catalog

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"gongkai/internal/apperr"
)

func doc(id int64, kind DocKind, written time.Time, v Validity, ended time.Time) Item {
	return Item{ID: id, Kind: kind, WrittenOn: written, PublishedOn: written.AddDate(0, 0, 3), Validity: v, ValidityChangedOn: ended, State: Published}
}

func TestCountDocuments(t *testing.T) {
	items := []Item{
		doc(1, Normative, day(2020, 5, 1), Valid, time.Time{}),
		doc(2, Normative, day(2021, 3, 1), Valid, time.Time{}),
		doc(3, Normative, day(2021, 6, 1), Repealed, day(2021, 12, 31)), // issued and repealed in 2021
		doc(4, Normative, day(2019, 6, 1), Expired, day(2021, 7, 1)),    // 失效 counts as leaving force
		doc(5, Normative, day(2019, 6, 1), Repealed, day(2022, 1, 1)),   // still in force at the end of 2021
		doc(6, Regulation, day(2021, 12, 31), Valid, time.Time{}),
		doc(7, Regulation, day(2022, 1, 1), Valid, time.Time{}),      // next year
		doc(8, General, day(2021, 1, 5), Valid, time.Time{}),         // not a document of 第（一）项
		doc(9, Normative, day(2018, 1, 5), Repealed, time.Time{}),    // 废止 without date: unplaced
		{ID: 10, Kind: Normative, State: Published, Validity: Valid}, // no date at all: unplaced
		{ID: 11, Kind: Normative, WrittenOn: day(2021, 2, 2), State: Draft, Validity: Valid},
		{ID: 12, Kind: Normative, WrittenOn: day(2021, 2, 2), State: Withdrawn, Validity: Valid},
		{ID: 13, Kind: Regulation, PublishedOn: day(2021, 8, 8), State: Published, Validity: Valid}, // year from 发布日期
	}
	got := CountDocuments(items, 2021)
	want := DocCounts{
		Year:        2021,
		Regulations: DocCount{Issued: 2, Repealed: 0, InForce: 2},
		Normative:   DocCount{Issued: 2, Repealed: 2, InForce: 3},
		Unplaced:    []int64{9, 10},
	}
	if got.Regulations != want.Regulations || got.Normative != want.Normative || !slices.Equal(got.Unplaced, want.Unplaced) {
		t.Fatalf("CountDocuments = %+v\nwant %+v", got, want)
	}
	cells := got.Cells()
	if cells["active_2021.normative_docs.repealed"] != 2 || cells["active_2021.regulations.in_force"] != 2 || len(cells) != 6 {
		t.Errorf("Cells = %v", cells)
	}
}

func TestCountDocuments2019(t *testing.T) {
	items := []Item{
		doc(1, Normative, day(2019, 12, 30), Valid, time.Time{}),                 // made 2019, published 2020-01-02
		doc(2, Normative, day(2020, 4, 1), Repealed, day(2020, 9, 1)),            // validity does not matter
		doc(3, Regulation, day(2020, 12, 30), Valid, time.Time{}),                // published 2021-01-02
		{ID: 4, Kind: Normative, WrittenOn: day(2020, 5, 5), State: Draft},       // not published
		{ID: 5, Kind: Normative, PublishedOn: day(2018, 5, 5), State: Published}, // older
		doc(6, General, day(2020, 4, 1), Valid, time.Time{}),                     // not a document
	}
	got := CountDocuments2019(items, 2020)
	want := DocCounts2019{Year: 2020, Regulations: DocCount2019{Made: 1}, Normative: DocCount2019{Made: 1, Published: 2, TotalPublic: 3}}
	if got != want {
		t.Fatalf("CountDocuments2019 = %+v, want %+v", got, want)
	}
	if c := got.Cells(); c["active_2019.normative_docs.total_public"] != 3 || len(c) != 6 {
		t.Errorf("Cells = %v", c)
	}
}

// TestCountDocumentsCrossYearRule checks the statutory rule on random catalogs:
// 现行有效 = last year's 现行有效 + 本年制发 − 本年废止.
func TestCountDocumentsCrossYearRule(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	for round := 0; round < 50; round++ {
		var items []Item
		for i := 0; i < 200; i++ {
			written := day(2015, 1, 1).AddDate(0, 0, rng.IntN(12*365))
			kind := []DocKind{Regulation, Normative, General}[rng.IntN(3)]
			it := doc(int64(i), kind, written, Valid, time.Time{})
			if rng.IntN(3) == 0 {
				it.Validity = []Validity{Expired, Repealed}[rng.IntN(2)]
				it.ValidityChangedOn = written.AddDate(0, 0, rng.IntN(6*365))
			}
			items = append(items, it)
		}
		for y := 2016; y <= 2027; y++ {
			prev, cur := CountDocuments(items, y-1), CountDocuments(items, y)
			for _, p := range [][2]DocCount{{prev.Regulations, cur.Regulations}, {prev.Normative, cur.Normative}} {
				if p[1].InForce != p[0].InForce+p[1].Issued-p[1].Repealed {
					t.Fatalf("round %d year %d: %+v after %+v breaks the rule", round, y, p[1], p[0])
				}
			}
		}
	}
}

func TestMoney(t *testing.T) {
	tests := []struct {
		in   string
		wan  bool
		fen  Money
		want string // WanYuan()
	}{
		{"12.3456", true, 12_345_600, "12.3456"},
		{"0.000001", true, 1, "0.000001"},
		{"0", true, 0, "0"},
		{"５．５万元", true, 5_500_000, "5.5"},
		{"1,234.5", false, 123_450, "0.12345"},
		{"￥300元", false, 30_000, "0.03"},
		{".5", false, 50, "0.00005"},
		{"10.00", false, 1000, "0.001"},
	}
	for _, tt := range tests {
		parse := ParseYuan
		if tt.wan {
			parse = ParseWanYuan
		}
		got, err := parse(tt.in)
		if err != nil || got != tt.fen || got.WanYuan() != tt.want {
			t.Errorf("parse(%q) = %d (%s), %v; want %d (%s)", tt.in, got, got.WanYuan(), err, tt.fen, tt.want)
		}
	}
	for _, in := range []string{"", "-1", "1.2345678万元", "1.234元", "abc", "1e5", "99999999999999999999"} {
		parse := ParseWanYuan
		if strings.HasSuffix(in, "元") && !strings.HasSuffix(in, "万元") {
			parse = ParseYuan
		}
		if _, err := parse(in); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("parse(%q) = %v, want invalid", in, err)
		}
	}
	if Money(123450).Yuan() != "1234.50" || Money(-5).Yuan() != "-0.05" {
		t.Errorf("Yuan formatting wrong: %s %s", Money(123450).Yuan(), Money(-5).Yuan())
	}
}

func TestSumYear(t *testing.T) {
	figs := []MonthlyFigures{
		{Year: 2024, Month: 1, Licensing: 120, Penalty: 3, Enforcement: 0, Fees: 1_250_000},
		{Year: 2024, Month: 2, Licensing: 95, Penalty: 1, Enforcement: 1, Fees: 250_001},
		{Year: 2023, Month: 12, Licensing: 999, Penalty: 99, Fees: 9},
		{Year: 2024, Month: 12, Licensing: 130, Penalty: 0, Enforcement: 2},
	}
	got, err := SumYear(figs, 2024)
	if err != nil {
		t.Fatal(err)
	}
	if got.Licensing != 345 || got.Penalty != 4 || got.Enforcement != 3 || got.Fees != 1_500_001 || !slices.Equal(got.Months, []int{1, 2, 12}) {
		t.Fatalf("SumYear = %+v", got)
	}
	if m := got.MissingMonths(); len(m) != 9 || m[0] != 3 || m[8] != 11 {
		t.Errorf("MissingMonths = %v", m)
	}
	cells := got.Cells()
	if cells["active_2021.licensing.decisions"] != 345 || cells["active_2021.fees.amount_10k_yuan"] != 1.500001 || cells["active_2021.enforcement.decisions"] != 3 {
		t.Errorf("Cells = %v", cells)
	}
	if _, err := SumYear(append(figs, MonthlyFigures{Year: 2024, Month: 2}), 2024); !apperr.Is(err, apperr.Invalid) || !strings.Contains(apperr.MessageOf(err), "2024年2月的数据重复") {
		t.Errorf("duplicate month: %v", err)
	}
	if _, err := SumYear([]MonthlyFigures{{Year: 2024, Month: 13}}, 2024); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("month 13: %v", err)
	}
	if _, err := SumYear([]MonthlyFigures{{Year: 2024, Month: 3, Penalty: -1}}, 2024); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("negative figure: %v", err)
	}
}

// TestCellIDsMatchSharedDefinition checks every cell id the catalog fills against the
// cell definitions of shared/report-cells.json (copied to testdata without its example).
func TestCellIDsMatchSharedDefinition(t *testing.T) {
	raw, err := os.ReadFile("testdata/report-cells.json")
	if err != nil {
		t.Fatal(err)
	}
	type table struct {
		Rows map[string]struct {
			Columns []string `json:"columns"`
		} `json:"rows"`
	}
	var def struct {
		Tables struct {
			Active2021 table `json:"active_2021"`
			Active2019 table `json:"active_2019"`
		} `json:"tables"`
	}
	if err := json.Unmarshal(raw, &def); err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for name, tbl := range map[string]table{"active_2021": def.Tables.Active2021, "active_2019": def.Tables.Active2019} {
		for rname, row := range tbl.Rows {
			for _, c := range row.Columns {
				ids[name+"."+rname+"."+c] = true
			}
		}
	}
	var all []string
	for id := range CountDocuments(nil, 2021).Cells() {
		all = append(all, id)
	}
	for id := range (YearFigures{}).Cells() {
		all = append(all, id)
	}
	if len(all) != 10 {
		t.Fatalf("expected 10 cells, got %d", len(all))
	}
	for id := range CountDocuments2019(nil, 2020).Cells() {
		all = append(all, id)
	}
	for _, id := range all {
		if !ids[id] {
			t.Errorf("cell %q is not in report-cells.json", id)
		}
	}
}

func FuzzParseWanYuan(f *testing.F) {
	for _, s := range []string{"12.3456", "0", "1,234.5万元", "-1", "．５"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ParseWanYuan(s)
		if err != nil {
			return
		}
		if m < 0 {
			t.Fatalf("ParseWanYuan(%q) = %d, negative", s, m)
		}
		back, err := ParseWanYuan(m.WanYuan())
		if err != nil || back != m {
			t.Fatalf("round trip %q -> %d -> %q -> %d, %v", s, m, m.WanYuan(), back, err)
		}
	})
}

func TestActive2021Cells(t *testing.T) {
	items := []Item{doc(1, Normative, day(2024, 3, 1), Valid, time.Time{})}
	figs := []MonthlyFigures{{Year: 2024, Month: 1, Licensing: 7, Fees: 10_000}}
	cells, err := Active2021Cells(items, figs, 2024)
	if err != nil || len(cells) != 10 || cells[CellNormativeIssued] != 1 || cells[CellLicensingDecisions] != 7 || cells[CellFeesAmount] != 0.01 {
		t.Fatalf("Active2021Cells = %v, %v", cells, err)
	}
	if _, err := Active2021Cells(nil, append(figs, figs[0]), 2024); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("duplicate month: %v", err)
	}
}
