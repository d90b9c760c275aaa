package reader

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	ar "gongkai/internal/annualreport"
)

func TestDbg(t *testing.T) {
	rng := rand.New(rand.NewPCG(uint64(11), 7))
	_ = rng
	// a 2021 report printing （六）其他处理 as one row
	r21 := ar.NewReport("某区民政局", 2022, ar.Format2021)
	txt := ar.RenderText(r21)
	lines := strings.Split(txt, "\n")
	var out []string
	for _, l := range lines {
		if strings.Contains(l, "申请人无正当理由") || strings.Contains(l, "申请人逾期未按") {
			continue
		}
		if strings.HasPrefix(l, "3.其他") {
			l = strings.Replace(l, "3.其他", "（六）其他处理", 1)
		}
		out = append(out, l)
	}
	fmt.Println(strings.Join(out, "\n"))
	got := ReadText("x", strings.Join(out, "\n"))
	fmt.Println(got.Format)
	for _, f := range got.Findings {
		if f.Rule != "blank_cell" {
			fmt.Println(f.Rule, f.Cell, f.Message)
		}
	}
}
