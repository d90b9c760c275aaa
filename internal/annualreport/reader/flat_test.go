package reader

import (
	"fmt"
	"math/rand/v2"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	ar "gongkai/internal/annualreport"
	"gongkai/internal/annualreport/testreports"
)

// flatCase is one generated report in a flattened form.
type flatCase struct {
	truth *ar.Report
	o     testreports.FlatOptions
	data  []byte
	name  string // the form, for the flatTally
}

// flatTruth draws the report a flat case prints: consistent figures, with blanks that
// stand for nothing (a cell left empty for 0) in some, figures chosen to be cut in
// several ways in others (the adversarial reports, where the reader has to refuse),
// and, where the text prints its blanks (run-together rows, a mark in each empty cell),
// blanks that hide a figure, so that the sums with them do not hold.
//
// Forms that drop empty cells get no blanks of the last kind: a dropped cell is taken
// to be an empty one, standing for nothing, and a report whose sums hold only with a
// figure where it printed nothing, once its empty cells are also dropped, reads like
// another report whose sums hold — no reader can tell them apart.
func flatTruth(rng *rand.Rand, i int, o testreports.FlatOptions) *ar.Report {
	f := []ar.Format{ar.Format2019, ar.Format2021}[i%2]
	switch i % 7 {
	case 0, 3:
		return testreports.RandomTwins(rng, f)
	case 1:
		r := testreports.Random(rng, f, 0)
		testreports.BlankZeros(rng, r, 0.3)
		return r
	case 5:
		if o.Form == testreports.FlatRun {
			return testreports.Random(rng, f, 0.04)
		}
		r := testreports.Random(rng, f, 0)
		testreports.BlankZeros(rng, r, 0.1)
		return r
	}
	return testreports.Random(rng, f, 0)
}

func flatCases(rng *rand.Rand, n int) []flatCase {
	var out []flatCase
	for i := 0; i < n; i++ {
		o := testreports.RandomFlatOptions(rng)
		truth := flatTruth(rng, i, o)
		name := o.Form.String()
		if o.Form == testreports.FlatRun {
			name += "/" + o.Spaces.String()
		}
		out = append(out, flatCase{truth: truth, o: o, data: testreports.RenderFlat(rng, truth, o), name: name})
	}
	return out
}

// flatTally counts the figures of the statutory tables read exactly, refused (blank where
// the truth has a figure, or where the truth is blank) and wrong.
type flatTally struct{ exact, refused, wrong, cells int }

func (t *flatTally) add(o flatTally) {
	t.exact += o.exact
	t.refused += o.refused
	t.wrong += o.wrong
	t.cells += o.cells
}

func (t flatTally) String() string {
	if t.cells == 0 {
		return "no cells"
	}
	p := func(n int) float64 { return 100 * float64(n) / float64(t.cells) }
	return fmt.Sprintf("%d cells: exact %.1f%%, refused %.1f%%, wrong %.2f%% (%d)", t.cells, p(t.exact), p(t.refused), p(t.wrong), t.wrong)
}

// judge compares the cells read with the truth, cell by cell: a cell read must hold
// the true figure; a cell the truth has and the reader left blank must be named by a
// finding; a figure marked as inferred must be there.
func judge(t *testing.T, c flatCase, got *ar.Report) flatTally {
	t.Helper()
	flagged := map[string]bool{}
	for _, f := range got.Findings {
		flagged[f.Cell] = true
		for _, id := range f.Cells {
			flagged[id] = true
		}
	}
	var n flatTally
	for _, id := range ar.CellIDs(c.truth.Format) {
		n.cells++
		want, wok := c.truth.Cells.Get(id)
		have, hok := got.Cells.Get(id)
		switch {
		case hok && (!wok || want != have):
			n.wrong++
			t.Errorf("%s: wrong figure %s: read %v, truth %v (%v)", c.name, id, have, want, wok)
		case hok || !wok && !hok:
			n.exact++
		default:
			n.refused++
			if !flagged[id] {
				t.Errorf("%s: cell %s left blank without a finding", c.name, id)
			}
		}
	}
	for id, how := range got.How {
		if _, ok := got.Cells.Get(id); !ok || (how != howSum && how != howFormOrder) {
			t.Errorf("%s: how %q on cell %s, which holds no figure", c.name, how, id)
		}
	}
	return n
}

// TestFlatNeverWrong reads thousands of generated reports in every flattened form:
// every figure is read exactly or refused with a finding, never wrong.
func TestFlatNeverWrong(t *testing.T) {
	n := 3000
	if testing.Short() {
		n = 400
	}
	rng := rand.New(rand.NewPCG(12, 1))
	byForm := map[string]*flatTally{}
	var all flatTally
	for k, c := range flatCases(rng, n) {
		got := Read("flat.txt", c.data)
		if got.Format != c.truth.Format {
			t.Fatalf("case %d %s: format %s, want %s\n%s", k, c.name, got.Format, c.truth.Format, c.data)
		}
		r := judge(t, c, got)
		if r.wrong > 0 {
			_ = os.WriteFile(os.TempDir()+"/flat_wrong.txt", c.data, 0o644)
			t.Fatalf("case %d %s options %+v: %d wrong figures\n%s", k, c.name, c.o, r.wrong, c.data)
		}
		if byForm[c.name] == nil {
			byForm[c.name] = &flatTally{}
		}
		byForm[c.name].add(r)
		all.add(r)
	}
	var names []string
	for k := range byForm {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		t.Logf("%-16s %v", k, byForm[k])
	}
	t.Logf("%-16s %v", "all", all)
}

// TestFlatReadsConsistentReports wants, of consistent reports with every cell filled,
// run together in every way, most figures read: the sums settle nearly every split.
func TestFlatReadsConsistentReports(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	var all flatTally
	per := map[testreports.RunSpaces]*flatTally{}
	for i := 0; i < 400; i++ {
		truth := testreports.Random(rng, []ar.Format{ar.Format2019, ar.Format2021}[i%2], 0)
		o := testreports.RandomFlatOptions(rng)
		o.Form, o.Spaces = testreports.FlatRun, testreports.RunSpaces(i%4)
		c := flatCase{truth: truth, o: o, data: testreports.RenderFlat(rng, truth, o), name: "run/" + o.Spaces.String()}
		r := judge(t, c, Read("flat.txt", c.data))
		if r.wrong > 0 {
			t.Fatalf("%s:\n%s", c.name, c.data)
		}
		if per[o.Spaces] == nil {
			per[o.Spaces] = &flatTally{}
		}
		per[o.Spaces].add(r)
		all.add(r)
	}
	for s, r := range per {
		t.Logf("%s: %v", s, r)
	}
	if all.wrong > 0 || all.exact*100 < all.cells*90 {
		t.Fatalf("run-together rows: %v, want at least 90%% exact and none wrong", all)
	}
}

// TestFlatRunTogetherExamples reads rows run together the way published pages print
// them, and the refusals that must name their candidates.
func TestFlatRunTogetherExamples(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	truth := testreports.Random(rng, ar.Format2021, 0)
	o := testreports.FlatOptions{Form: testreports.FlatRun, Spaces: testreports.SpacesNone, Blank: "—"}
	data := testreports.RenderFlat(rng, truth, o)
	got := Read("run.txt", data)
	c := flatCase{truth: truth, o: o, data: data, name: "run/none"}
	if r := judge(t, c, got); r.exact < r.cells*9/10 {
		t.Fatalf("%v\n%s", r, data)
	}
	if got.How["applications.new.total"] != howSum {
		t.Errorf("applications.new.total not marked as read by the sums: %v", got.How)
	}
	// The JSON names the inferred figures.
	js, err := got.MarshalJSON()
	if err != nil || !strings.Contains(string(js), `"how":{"`) {
		t.Errorf("JSON without how: %s", js)
	}

	// A row that two splits satisfy: 1, 10 … 11 and 11, 0 … 11, with nothing else to
	// tell them apart (the table has only that row of figures).
	amb := "某区民政局2021年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n" +
		"自然人 法人或其他组织 总计\n" +
		"一、本年新收政府信息公开申请数量 110000011\n" +
		"二、上年结转政府信息公开申请数量\n" +
		"三、本年度办理结果\n（一）予以公开\n"
	rep := Read("amb.txt", []byte(amb))
	for _, id := range []string{"applications.new.natural_person", "applications.new.business"} {
		if _, ok := rep.Cells.Get(id); ok {
			t.Errorf("%s read from an ambiguous run", id)
		}
	}
	found := false
	for _, f := range rep.Findings {
		if strings.Contains(f.Message, "1、10、0、0、0、0、11") && strings.Contains(f.Message, "11、0、0、0、0、0、11") {
			found = true
		}
	}
	if !found {
		t.Errorf("no finding names both splits: %v", rep.Findings)
	}
	if v, ok := rep.Cells.Get("applications.new.total"); !ok || v != 11 {
		t.Errorf("total, the same in both splits, not read: %v %v", v, ok)
	}
}

// BenchmarkReadFlat reads generated reports in the flattened forms (run together,
// laid out by pdftotext -layout, Markdown with dropped cells) on one core.
func BenchmarkReadFlat(b *testing.B) {
	cases := flatCases(rand.New(rand.NewPCG(21, 22)), 600)
	var size int64
	for _, c := range cases {
		size += int64(len(c.data))
	}
	b.SetBytes(size)
	b.ResetTimer()
	var cpu time.Duration
	for i := 0; i < b.N; i++ {
		c0 := cpuTime()
		for _, c := range cases {
			_ = Read("flat.txt", c.data)
		}
		cpu += cpuTime() - c0
	}
	b.StopTimer()
	if cpu > 0 {
		b.ReportMetric(float64(size)*float64(b.N)/1e6/cpu.Seconds(), "MB/cpu-s-read")
		b.ReportMetric(float64(len(cases)*b.N)/cpu.Seconds(), "reports/cpu-s")
	}
}

// TestMarkdownShortRowNotCompleted: a Markdown row that lost its empty cells is never
// made up to seven by the figures on the next line (another row's, its label printed
// elsewhere) and read left-aligned; the row is left unread with a finding.
func TestMarkdownShortRowNotCompleted(t *testing.T) {
	text := "某区民政局2021年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n" +
		"| 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n" +
		"| 一、本年新收政府信息公开申请数量 | 3 | 3 |\n" +
		"| 0 | 0 | 0 | 0 | 0 |\n" +
		"| 二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n" +
		"| 三、本年度办理结果 | （一）予以公开 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"
	got := ReadText("md.txt", text)
	for _, id := range ar.RowCells(got.Format, "applications.new") {
		if v, ok := got.Cells.Get(id); ok {
			t.Errorf("%s read as %v from a short row made up by the next line", id, v)
		}
	}
	named := false
	for _, f := range got.Findings {
		named = named || f.Cell == "applications.new.natural_person" && f.Rule == ar.RuleUnreadable
	}
	if !named {
		t.Errorf("no finding for the short row: %v", got.Findings)
	}
	if v, ok := got.Cells.Get("applications.granted.total"); !ok || v != 1 {
		t.Errorf("a complete row beside it not read: %v %v", v, ok)
	}
}

// TestMarkdownDroppedCellsPlacedBySums: a Markdown row whose empty cells were dropped
// is placed by its sum when one placement only satisfies it, and marked as inferred.
func TestMarkdownDroppedCellsPlacedBySums(t *testing.T) {
	text := "某区民政局2021年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n" +
		"| 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n" +
		"| --- | --- | --- | --- | --- | --- | --- |\n" +
		"| 一、本年新收政府信息公开申请数量 | 5 | 7 | 12 |\n" +
		"| 二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n" +
		"| 三、本年度办理结果 | （一）予以公开 | 5 | 7 | 12 |\n" +
		"| （七）总计 | 5 | 7 | 12 |\n"
	got := ReadText("md.txt", text)
	// 5 and 7 can stand in any two of the six columns: only 总计 is certain.
	if v, ok := got.Cells.Get("applications.new.total"); !ok || v != 12 {
		t.Errorf("总计 not read: %v %v (%v)", v, ok, got.Findings)
	}
	if got.How["applications.new.total"] != howSum {
		t.Errorf("总计 not marked: %v", got.How)
	}
	if _, ok := got.Cells.Get("applications.new.natural_person"); ok {
		t.Errorf("自然人 read though 5 may stand in any column")
	}
}

// TestFlatLegacyNeverWrong reads pre-2019 statistics tables whose rows print this
// year's figure and the running total run together or spaced: every cell read is the
// true one, every one left blank is named by a finding.
func TestFlatLegacyNeverWrong(t *testing.T) {
	n := 1500
	if testing.Short() {
		n = 300
	}
	rng := rand.New(rand.NewPCG(31, 7))
	per := map[string]*flatTally{}
	for i := 0; i < n; i++ {
		l := testreports.RandomLegacy(rng, i%3 == 0)
		o := testreports.RandomFlatOptions(rng)
		o.Spaces = testreports.RunSpaces(i % 4)
		data := testreports.RenderLegacyFlat(rng, l, o)
		got := Read("legacy.txt", data)
		if got.Format != ar.FormatLegacy {
			t.Fatalf("case %d: format %s\n%s", i, got.Format, data)
		}
		flagged := map[string]bool{}
		for _, f := range got.Findings {
			flagged[f.Cell] = true
		}
		var r flatTally
		for id, v := range l.Report.Cells {
			r.cells++
			have, ok := got.Cells.Get(id)
			switch {
			case ok && have != *v:
				r.wrong++
				t.Errorf("case %d: wrong figure %s: read %v, truth %v\n%s", i, id, have, *v, data)
			case ok:
				r.exact++
			default:
				r.refused++
				if !flagged[id] {
					t.Errorf("case %d: %s left blank without a finding", i, id)
				}
			}
		}
		name := "legacy/" + o.Spaces.String()
		if per[name] == nil {
			per[name] = &flatTally{}
		}
		per[name].add(r)
		if t.Failed() {
			t.FailNow()
		}
	}
	var names []string
	for k := range per {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		t.Logf("%-18s %v", k, per[k])
	}
}

// TestLayoutColumnOrderFromForm: pdftotext -layout prints 法人或其他组织 on a line above
// 自然人, so the headers read line by line stand out of order; the rows whose 总计 is
// the sum of the other six are read in the national form's order, marked form-order,
// with a finding that says so.
func TestLayoutColumnOrderFromForm(t *testing.T) {
	rng := rand.New(rand.NewPCG(41, 43))
	seen := 0
	for i := 0; i < 40; i++ {
		truth := testreports.Random(rng, []ar.Format{ar.Format2019, ar.Format2021}[i%2], 0)
		o := testreports.FlatOptions{Form: testreports.FlatLayout}
		c := flatCase{truth: truth, o: o, data: testreports.RenderFlat(rng, truth, o), name: "layout"}
		got := Read("layout.txt", c.data)
		if r := judge(t, c, got); r.wrong > 0 {
			t.Fatalf("%v\n%s", r, c.data)
		}
		said := false
		for _, f := range got.Findings {
			said = said || f.Rule == ar.RuleInferred && strings.Contains(f.Message, "列标题无法识别")
		}
		if got.How["applications.new.total"] == howFormOrder {
			seen++
			if !said {
				t.Errorf("rows read in the form's order without a finding: %v", got.Findings)
			}
		}
	}
	if seen == 0 {
		t.Fatal("no layout page needed the form's column order")
	}
}
