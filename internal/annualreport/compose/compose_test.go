package compose

import (
	"math/rand/v2"
	"testing"
	"time"

	"gongkai/internal/annualreport"
	"gongkai/internal/appeal"
	"gongkai/internal/foirequest"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// randomRecords makes applications over several years with outcomes and applicant kinds.
func randomRecords(r *rand.Rand, n int) []foirequest.Record {
	var out []foirequest.Record
	for i := 0; i < n; i++ {
		rec := foirequest.Record{
			Kind:     foirequest.ApplicantKinds[r.IntN(len(foirequest.ApplicantKinds))],
			Received: day(2023+r.IntN(3), time.Month(1+r.IntN(12)), 1+r.IntN(28)),
		}
		if r.IntN(5) > 0 {
			rec.Closed = rec.Received.AddDate(0, 0, 1+r.IntN(60))
			rec.Outcome = foirequest.ReplyTypes[r.IntN(len(foirequest.ReplyTypes))]
		}
		out = append(out, rec)
	}
	return out
}

// A report built from any records is consistent: no findings, across consecutive years too.
func TestBuildIsConsistentByConstruction(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 9))
	for i := 0; i < 100; i++ {
		recs := randomRecords(r, r.IntN(80))
		var appeals []appeal.Appeal
		for j := 0; j < r.IntN(6); j++ {
			appeals = append(appeals, appeal.Appeal{Kind: appeal.Kinds[r.IntN(3)], FiledOn: day(2024, time.Month(1+r.IntN(12)), 1), Result: appeal.Pending})
		}
		active := map[string]float64{
			"active_2021.regulations.issued": 0, "active_2021.regulations.repealed": 0, "active_2021.regulations.in_force": 0,
			"active_2021.normative_docs.issued": float64(r.IntN(5)), "active_2021.normative_docs.repealed": float64(r.IntN(3)), "active_2021.normative_docs.in_force": float64(10 + r.IntN(5)),
			"active_2021.licensing.decisions": float64(r.IntN(4000)), "active_2021.penalty.decisions": float64(r.IntN(50)),
			"active_2021.enforcement.decisions": 0, "active_2021.fees.amount_10k_yuan": float64(r.IntN(1000)) / 100,
		}
		var prev *annualreport.Report
		for _, year := range []int{2024, 2025} {
			apps, err := foirequest.CountApplications(recs, year)
			if err != nil {
				t.Fatal(err)
			}
			rep := Build("某区卫生健康局", year, Figures{Active: active, Applications: apps, Appeals: appeal.Table4(appeals, year)})
			if len(rep.Findings) > 0 {
				t.Fatalf("case %d year %d: findings %+v", i, year, rep.Findings)
			}
			if prev != nil {
				for _, f := range annualreport.CheckYears(prev, rep) {
					if f.Rule == "cross_year_carry_over" {
						t.Fatalf("case %d: carry-over finding %+v", i, f)
					}
				}
			}
			prev = rep
		}
	}
}

func TestMissingFiguresAreNamed(t *testing.T) {
	apps, _ := foirequest.CountApplications(nil, 2025)
	rep := Build("某局", 2025, Figures{Applications: apps, Appeals: appeal.Table4(nil, 2025)})
	found := false
	for _, f := range rep.Findings {
		if f.Cell == "active_2021.licensing.decisions" {
			found = true
		}
	}
	if !found {
		t.Fatalf("a missing table 二 figure is not named: %+v", rep.Findings)
	}
}

func TestNarrative(t *testing.T) {
	n := Narrative{Overview: " 概述 ", Problems: "问题"}
	if err := n.Validate(); err != nil {
		t.Fatal(err)
	}
	if got := n.OtherText(); got != "本年度未收取信息处理费。无其他需要报告的事项。" {
		t.Errorf("other = %q", got)
	}
	n.FeeYuan = 300
	if got := n.OtherText(); got != "本年度收取信息处理费300元。无其他需要报告的事项。" {
		t.Errorf("other = %q", got)
	}
	if err := (&Narrative{Problems: "x"}).Validate(); err == nil {
		t.Error("empty overview accepted")
	}
}
