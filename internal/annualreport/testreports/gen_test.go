package testreports

import (
	"bytes"
	"math/rand/v2"
	"testing"

	ar "gongkai/internal/annualreport"
)

func TestRandomIsConsistent(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	for i := 0; i < 500; i++ {
		f := []ar.Format{ar.Format2019, ar.Format2021}[i%2]
		r := Random(rng, f, 0)
		if fs := ar.Check(r); len(fs) != 0 {
			t.Fatalf("report %d (%s) breaks the rules: %v", i, f, fs)
		}
		for _, id := range ar.CellIDs(f) {
			if _, ok := r.Cells.Get(id); !ok {
				t.Fatalf("cell %s blank with blankRate 0", id)
			}
		}
	}
}

func TestRenderIsDeterministicAndComplete(t *testing.T) {
	for s := Style(0); s < numStyles; s++ {
		render := func() Rendered {
			rng := rand.New(rand.NewPCG(2, uint64(s)))
			o := RandomOptions(rng)
			o.Style, o.GBK, o.Traditional = s, false, false
			return Render(rng, Random(rng, ar.Format2021, 0), o)
		}
		a, b := render(), render()
		if !bytes.Equal(a.Data, b.Data) {
			t.Errorf("%s: two renderings from one seed differ", s)
		}
		if !bytes.Contains(a.Data, []byte("结转下年度继续办理")) || !bytes.Contains(a.Data, []byte("复议后起诉")) {
			t.Errorf("%s: tables missing from the rendering", s)
		}
	}
}

func TestChineseNumeral(t *testing.T) {
	for n, want := range map[int]string{0: "〇", 7: "七", 10: "十", 15: "十五", 110: "一百一十", 1005: "一千零五",
		1050: "一千零五十", 20000: "二万", 10015: "一万零一十五", 123456: "十二万三千四百五十六"} {
		if got := ChineseNumeral(n); got != want {
			t.Errorf("ChineseNumeral(%d) = %s, want %s", n, got, want)
		}
	}
}
