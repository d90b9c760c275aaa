package annualreport

import (
	"strings"
	"testing"
)

func TestDraftOverview(t *testing.T) {
	r := NewReport("清河区卫生健康局", 2025, Format2021)
	set := func(id string, v float64) { r.Cells.Set(id, v) }
	set("applications.new.total", 12)
	set("applications.carried_in.total", 2)
	set("applications.granted.total", 7)
	set("applications.partial.total", 1)
	set("applications.withheld.third_party.total", 2)
	set("applications.other.no_correction.total", 1)
	set("applications.other.other.total", 1)
	set("applications.other.total", 2) // the derived sum: not counted twice
	set("applications.total.total", 12)
	set("applications.carried_out.total", 2)
	set("appeals.reconsideration.total", 2)
	set("appeals.reconsideration.corrected", 1)
	set("appeals.litigation_direct.total", 1)
	base := OverviewFacts{
		Agency: "清河区卫生健康局", Year: 2025, Report: r,
		Published:   []OverviewCount{{PartActive, "普通信息", 120, "条"}, {PartActive, "规章", 0, "件"}, {PartActive, "行政规范性文件", 3, "件"}},
		LateReplies: 1, FeeYuan: 300, FeeCases: 1,
	}
	for _, c := range []struct {
		name     string
		facts    func(f OverviewFacts) OverviewFacts
		want     []string
		wantNone []string
	}{
		{"from the records", func(f OverviewFacts) OverviewFacts { return f }, []string{
			"2025年，清河区卫生健康局",
			"本年度主动公开政府信息123条，其中普通信息120条、行政规范性文件3件。",
			"新收政府信息公开申请12件，上年结转2件，办结12件，其中予以公开7件、部分公开1件、不予公开2件、其他处理2件；结转下年度继续办理2件。",
			"超过法定期限答复1件。",
			"收取信息处理费300元（1件申请）。",
			"行政复议2件、行政诉讼1件，其中结果纠正1件。",
		}, []string{"规章0件", "政民互动", "其他处理4件"}},
		{"nothing late, no fee, no appeal", func(f OverviewFacts) OverviewFacts {
			f.LateReplies, f.FeeYuan, f.FeeCases = 0, 0, 0
			rr := NewReport(f.Agency, f.Year, Format2021)
			rr.Cells.Set("applications.new.total", 0)
			f.Report = rr
			return f
		}, []string{"所有申请均在法定期限内答复。", "未收取信息处理费。", "未发生因政府信息公开引起的行政复议和行政诉讼。"}, []string{"其中予以公开"}},
		{"other areas' counts (the hook)", func(f OverviewFacts) OverviewFacts {
			f.More = []OverviewCount{{PartActive, "发布政策解读", 55, "篇"}, {PartInteraction, "受理网上留言", 40, "件"}, {PartInteraction, "办结12345热线交办件", 18, "件"}}
			return f
		}, []string{"行政规范性文件3件；发布政策解读55篇。", "（四）政民互动。本年度受理网上留言40件，办结12345热线交办件18件。"}, nil},
		{"open past due at the year's end", func(f OverviewFacts) OverviewFacts {
			f.LateReplies, f.OpenOverdue = 0, 2
			return f
		}, []string{"至年底超过法定期限尚未答复2件。"}, []string{"超过法定期限答复"}},
	} {
		got := DraftOverview(c.facts(base))
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: lacks %q in\n%s", c.name, w, got)
			}
		}
		for _, w := range c.wantNone {
			if strings.Contains(got, w) {
				t.Errorf("%s: says %q in\n%s", c.name, w, got)
			}
		}
	}
	// The 2019 format has one （六） row.
	r19 := NewReport("某局", 2020, Format2019)
	r19.Cells.Set("applications.other.total", 3)
	if got := DraftOverview(OverviewFacts{Agency: "某局", Year: 2020, Report: r19}); !strings.Contains(got, "其他处理3件") {
		t.Errorf("2019 format: %s", got)
	}
}
