package reader

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	ar "gongkai/internal/annualreport"
	"gongkai/internal/annualreport/testreports"
)

// layoutCase is a published layout; make builds it for one report.
type layoutCase struct {
	name string
	make func(rng *rand.Rand, truth *ar.Report) testreports.Layout
}

func layout(l testreports.Layout) func(*rand.Rand, *ar.Report) testreports.Layout {
	return func(rng *rand.Rand, _ *ar.Report) testreports.Layout {
		l.Seed = rng.Uint64()
		return l
	}
}

// forLayouts reads each case back for twelve random reports of both formats, some with
// blank cells, and hands each reading to check.
func forLayouts(t *testing.T, cases []layoutCase, check func(t *testing.T, truth, got *ar.Report, l testreports.Layout, data []byte)) {
	t.Helper()
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(uint64(i), 31))
			for k := 0; k < 12; k++ {
				f := []ar.Format{ar.Format2019, ar.Format2021}[k%2]
				truth := testreports.Random(rng, f, 0.04*float64(k%3))
				l := c.make(rng, truth)
				data := testreports.RenderLayout(truth, l)
				check(t, truth, Read("layout", data), l, data)
			}
		})
	}
}

func failLayout(t *testing.T, l testreports.Layout, bad []string, data []byte) {
	t.Helper()
	_ = os.WriteFile(os.TempDir()+"/layout_fail.txt", data, 0o644)
	second, prev := l.Second != nil, l.PrevAppeals != nil
	l.Second, l.PrevAppeals = nil, nil
	t.Fatalf("layout %+v (second agency %v, last year's table 四 %v):\n%v\n--- file ---\n%s", l, second, prev, bad, data)
}

// TestLayoutsExact reads layouts of published pages whose every cell can be told:
// every cell exactly, and only the findings the figures themselves call for.
func TestLayoutsExact(t *testing.T) {
	cases := []layoutCase{
		{"table 三 in two tables", layout(testreports.Layout{Variant: testreports.Variant{Word: true}, SplitApps: 8})},
		{"table 三 in two tables, header again, columns reordered", layout(testreports.Layout{Variant: testreports.Variant{AppOrder: []int{6, 0, 1, 2, 3, 4, 5}}, SplitApps: 8, SplitHead: true})},
		{"table 三 in two tables, word rowspans, header again", layout(testreports.Layout{Variant: testreports.Variant{Word: true, Rowspans: true, TH: true}, SplitApps: 12, SplitHead: true})},
		{"table 三 without headers", layout(testreports.Layout{Variant: testreports.Variant{Word: true}, NoAppHead: true})},
		{"table 三 without headers, text", layout(testreports.Layout{Variant: testreports.Variant{Text: true, Blank: "/"}, NoAppHead: true})},
		{"table 三 headers twice, reordered", layout(testreports.Layout{Variant: testreports.Variant{Word: true, AppOrder: []int{6, 0, 1, 2, 3, 4, 5}}, HeadTwice: true})},
		{"table 三 headers twice, flat, reordered, text", layout(testreports.Layout{Variant: testreports.Variant{Text: true, FlatHead: true, AppOrder: []int{0, 6, 5, 4, 3, 2, 1}}, HeadTwice: true})},
		{"figures 1 234 in html cells", layout(testreports.Layout{Variant: testreports.Variant{Word: true}, Thousands: true})},
		{"figures 1 234 with units in html cells", layout(testreports.Layout{Variant: testreports.Variant{Units: true, UnitSpace: true}, Thousands: true})},
		{"增加3 减少3 持平", layout(testreports.Layout{Variant: testreports.Variant{Word: true}, ChangeWords: true})},
		{"增加3 减少3 持平, text", layout(testreports.Layout{Variant: testreports.Variant{Text: true}, ChangeWords: true})},
		{"table 二 columns reordered", layout(testreports.Layout{Variant: testreports.Variant{Word: true}, ActiveOrder: []int{2, 0, 1}})},
		{"table 二 columns reordered, text, serial", layout(testreports.Layout{Variant: testreports.Variant{Text: true, Serial: true}, ActiveOrder: []int{1, 0, 2}})},
		{"table 二 columns reversed, th", layout(testreports.Layout{Variant: testreports.Variant{TH: true}, ActiveOrder: []int{2, 1, 0}})},
		{"pdf text, blanks marked", layout(testreports.Layout{Variant: testreports.Variant{Blank: "—"}, PDF: true})},
		{"pdf text, page footers", layout(testreports.Layout{Variant: testreports.Variant{Blank: "-"}, PDF: true, PageRows: 6})},
		{"pdf text, bare page numbers before the running title", layout(testreports.Layout{Variant: testreports.Variant{Blank: "—"}, PDF: true, PageRows: 5, BarePageNumbers: true})},
		{"pdf text, page footers, reordered", layout(testreports.Layout{Variant: testreports.Variant{Blank: "/", FlatHead: true, AppOrder: []int{6, 0, 1, 2, 3, 4, 5}}, PDF: true, PageRows: 9})},
		{"table 四 on one line", layout(testreports.Layout{Variant: testreports.Variant{Text: true, Blank: "-"}, AppealOneLine: true})},
		{"table 四 on five lines", layout(testreports.Layout{Variant: testreports.Variant{Text: true, Blank: "/"}, AppealFive: true})},
		{"table 四 with last year's row", func(rng *rand.Rand, r *ar.Report) testreports.Layout {
			return testreports.Layout{Variant: testreports.Variant{Word: true}, PrevAppeals: testreports.Random(rng, r.Format, 0)}
		}},
		{"table 四 with last year's row, text", func(rng *rand.Rand, r *ar.Report) testreports.Layout {
			return testreports.Layout{Variant: testreports.Variant{Text: true, Blank: "—"}, PrevAppeals: testreports.Random(rng, r.Format, 0)}
		}},
	}
	forLayouts(t, cases, func(t *testing.T, truth, got *ar.Report, l testreports.Layout, data []byte) {
		bad := diffCells(truth, got)
		if got.Agency != truth.Agency || got.Year != truth.Year || got.Format != truth.Format {
			bad = append(bad, fmt.Sprintf("meta: want %s %d %s got %s %d %s", truth.Agency, truth.Year, truth.Format, got.Agency, got.Year, got.Format))
		}
		want, have := findingKeys(ar.Check(truth)), findingKeys(got.Findings)
		if fmt.Sprint(want) != fmt.Sprint(have) {
			bad = append(bad, fmt.Sprintf("findings: want %v got %v: %v", want, have, got.Findings))
		}
		if len(bad) > 0 {
			failLayout(t, l, bad, data)
		}
	})
}

// TestLayoutsNeverWrong reads layouts that cannot always be told: any cell may be left
// blank, but never without a finding that names it, and no figure is wrong.
func TestLayoutsNeverWrong(t *testing.T) {
	cases := []layoutCase{
		{"blank cells collapsed into runs of pipes", layout(testreports.Layout{Variant: testreports.Variant{Text: true}, CollapsedBlanks: true})},
		{"blank cells collapsed, serial, reordered", layout(testreports.Layout{Variant: testreports.Variant{Text: true, Serial: true, FlatHead: true, AppOrder: []int{6, 5, 4, 3, 2, 1, 0}}, CollapsedBlanks: true})},
		{"figures 1 234 in pipe rows", layout(testreports.Layout{Variant: testreports.Variant{Text: true}, Thousands: true})},
		{"figures 1 234 in a cell per line (pdf)", layout(testreports.Layout{Variant: testreports.Variant{Blank: "—"}, PDF: true, Thousands: true})},
		{"table 三 without headers, serial numbers", layout(testreports.Layout{Variant: testreports.Variant{Text: true, Serial: true}, NoAppHead: true})},
		{"figures over two paragraphs of a cell", layout(testreports.Layout{Variant: testreports.Variant{Word: true}, SplitParagraph: true})},
		{"figures over two paragraphs, blanks marked", layout(testreports.Layout{Variant: testreports.Variant{Blank: "—"}, SplitParagraph: true, Thousands: true})},
		{"pdf text, empty cells vanished", layout(testreports.Layout{PDF: true, PageRows: 8})},
		{"pdf text, bare page numbers, empty cells vanished", layout(testreports.Layout{PDF: true, PageRows: 5, BarePageNumbers: true})},
		{"table 四 on one line, empty cells vanished", layout(testreports.Layout{Variant: testreports.Variant{Text: true}, AppealOneLine: true})},
		{"two agencies' tables", func(rng *rand.Rand, r *ar.Report) testreports.Layout {
			return testreports.Layout{Variant: testreports.Variant{Word: true}, Second: testreports.Random(rng, r.Format, 0.04)}
		}},
		{"two agencies' tables, text", func(rng *rand.Rand, r *ar.Report) testreports.Layout {
			return testreports.Layout{Variant: testreports.Variant{Text: true, Blank: "—"}, Second: testreports.Random(rng, r.Format, 0)}
		}},
	}
	forLayouts(t, cases, func(t *testing.T, truth, got *ar.Report, l testreports.Layout, data []byte) {
		if bad := neverWrong(truth, got); len(bad) > 0 {
			failLayout(t, l, bad, data)
		}
	})
}

// neverWrong lists the cells of got that differ from truth: a figure that is not the
// true one, or a true figure left blank without a finding naming its cell.
func neverWrong(truth, got *ar.Report) []string {
	named := map[string]bool{}
	for _, f := range got.Findings {
		if f.Rule == ar.RuleBlankCell {
			continue // says only that the cell is blank
		}
		named[f.Cell] = true
		for _, c := range f.Cells {
			named[c] = true
		}
	}
	var bad []string
	for _, id := range ar.CellIDs(truth.Format) {
		a, aok := truth.Cells.Get(id)
		b, bok := got.Cells.Get(id)
		switch {
		case bok && (!aok || a != b):
			bad = append(bad, fmt.Sprintf("wrong figure %s: got %v, truth %v(%v)", id, b, a, aok))
		case aok && !bok && !named[id]:
			bad = append(bad, fmt.Sprintf("%s left blank without a finding naming it", id))
		}
	}
	return bad
}

// TestLayoutSplitHeadersDisagree: table 三's headers printed twice before its first
// row, the second copy in another order than the first: the order is unclear, and
// the table is not read.
func TestLayoutSplitHeadersDisagree(t *testing.T) {
	rng := rand.New(rand.NewPCG(41, 42))
	truth := testreports.Random(rng, ar.Format2021, 0)
	data := string(testreports.RenderLayout(truth, testreports.Layout{Variant: testreports.Variant{Text: true, FlatHead: true, AppOrder: []int{6, 0, 1, 2, 3, 4, 5}}, HeadTwice: true}))
	// The second copy of the headers in the statutory order: the order is unclear.
	first := strings.Index(data, "| 总计 | 自然人 |")
	second := strings.Index(data[first+1:], "| 总计 | 自然人 |") + first + 1
	data = data[:second] + strings.Replace(data[second:], "| 总计 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |", "| 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |", 1)
	noneRead(t, ReadText("h", data), ar.TableApplications, "though the two header copies disagree", data)
}

// TestLayoutRandomNeverWrong reads random combinations of the layouts: no wrong figure,
// and every cell left blank that has a figure named by a finding.
func TestLayoutRandomNeverWrong(t *testing.T) {
	n, rng := variantRuns(400, 100, 13, 14)
	for i := 0; i < n; i++ {
		f := []ar.Format{ar.Format2019, ar.Format2021}[i%2]
		truth := testreports.Random(rng, f, 0.04*float64(i%3))
		l := testreports.RandomLayout(rng, truth)
		data := testreports.RenderLayout(truth, l)
		if bad := neverWrong(truth, Read("random", data)); len(bad) > 0 {
			failLayout(t, l, append(bad, fmt.Sprintf("case %d", i)), data)
		}
	}
}
