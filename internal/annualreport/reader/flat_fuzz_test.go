package reader

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	ar "gongkai/internal/annualreport"
	"gongkai/internal/annualreport/testreports"
)

// FuzzReadFlat: flattened pages (rows run together, laid out in columns, Markdown that
// dropped cells, pre-2019 tables with a running total) and anything made from them give
// a report without panic, whose marks of inferred figures name figures it holds, and
// that marshals to JSON.
func FuzzReadFlat(f *testing.F) {
	rng := rand.New(rand.NewPCG(8, 9))
	for i := 0; i < 6; i++ {
		o := testreports.RandomFlatOptions(rng)
		o.Form, o.Spaces = testreports.FlatForm(i%3), testreports.RunSpaces(i%4)
		d := testreports.RenderFlat(rng, testreports.RandomTwins(rng, []ar.Format{ar.Format2019, ar.Format2021}[i%2]), o)
		if len(d) > 5000 {
			d = d[len(d)-5000:]
		}
		f.Add(d)
	}
	f.Add(testreports.RenderLegacyFlat(rng, testreports.RandomLegacy(rng, true), testreports.FlatOptions{Spaces: testreports.SpacesNone, Glued: true}))
	f.Add([]byte("三、收到和处理政府信息公开申请情况\n自然人法人或其他组织总计\n一、本年新收政府信息公开申请数量 110000011\n二、上年结转政府信息公开申请数量0000000\n（七）总计11 0 0 0 0 0 11\n四、结转下年度继续办理 5-30"))
	f.Add([]byte("| 一、本年新收政府信息公开申请数量 | 5 | 7 | 12 |\n| 0 | 0 | 0 |\n行政复议\n222060121402002"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r := Read("fuzz", data)
		if r == nil {
			t.Fatal("nil report")
		}
		for id, how := range r.How {
			if _, ok := r.Cells.Get(id); !ok || how != howSum && how != howFormOrder {
				t.Fatalf("how %q on %s, which holds no figure", how, id)
			}
		}
		if _, err := json.Marshal(r); err != nil {
			t.Fatalf("marshal: %v", err)
		}
	})
}

// FuzzRowSplits: every split listed puts the row's digits back in order, has no figure
// with a leading 0, and satisfies the sums; the cap is never exceeded.
func FuzzRowSplits(f *testing.F) {
	f.Add("110000011", "", 7, true, false)
	f.Add("5", "3 8", 7, false, true)
	f.Add("222060121402002", "", 15, false, false)
	f.Add("4037-100", "", 3, false, false)
	f.Fuzz(func(t *testing.T, run, figures string, ncols int, gaps, blank bool) {
		if ncols < 1 || ncols > 16 || len(run) > 40 {
			return
		}
		var atoms []atom
		if d := digitsOf(run); d != "" {
			atoms = append(atoms, atom{kind: atomRun, digits: d})
		}
		for _, w := range strings.Fields(figures) {
			if v, _, ok := parseNumber(w); ok && !math.IsInf(v, 0) && !math.IsNaN(v) {
				atoms = append(atoms, atom{kind: atomFigure, val: v})
			}
		}
		if blank {
			atoms = append(atoms, atom{kind: atomBlank})
		}
		var sums []sumGroup
		switch ncols {
		case 7:
			sums = appRowSums
		case 15:
			sums = appealSums
		}
		kinds := make([]cellKind, ncols)
		for k := range kinds {
			kinds[k] = cellNegative
		}
		splits, _ := rowSplitsDec(atoms, ncols, gaps, sums, kinds, nil)
		if len(splits) > maxRowCands {
			t.Fatalf("%d splits, over the cap", len(splits))
		}
		for _, s := range splits {
			if len(s) != ncols || !sumsHold(s, sums) {
				t.Fatalf("split %v of %q breaks the sums", s, run)
			}
			if !gaps {
				for _, v := range s {
					if v.lost {
						t.Fatalf("a dropped cell without gaps: %v", s)
					}
				}
			}
		}
	})
}
