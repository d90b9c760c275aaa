package oversight

import "math"

// Criterion is one measure of the transparency score, each measurable from the records,
// with its weight and the formula shown beside it.
type Criterion struct {
	Key, Label, Formula string
	Weight              float64
}

// Criteria are the score's measures, in display order.
var Criteria = []Criterion{
	{"replies", "依申请按期答复率", "本年答复日不晚于答复期限（含依法延长、扣除不计算期间）的申请件数 ÷ 本年答复的申请件数", 30},
	{"publication", "主动公开及时率（第二十六条）", "本年在形成或变更之日起20个工作日内公开的信息条数 ÷（本年公开并可判断的条数 + 超过20个工作日仍未公开的条数）", 30},
	{"report_on_time", "年度报告按时发布", "该年度报告于次年1月31日前发布记1，逾期发布或逾期未发布记0（期限未到不计）", 15},
	{"report_checks", "年度报告统计表校验", "已发布的该年度报告统计表勾稽关系全部相符记1，否则记0（未发布不计）", 10},
	{"notices", "督办按期答复率", "答复期限在本年且已届满的督办中按期答复的件数 ÷ 该类督办件数", 15},
}

// ScoreFormula is how the criteria make the score.
const ScoreFormula = "得分 = Σ（权重 × 达成率）÷ Σ（适用项目的权重）× 100；某项在该年度没有可计量的记录时不适用，不计入分母"

// ScoreInput is what the records say of an agency's year.
type ScoreInput struct {
	Year int
	// Applications replied in the year, and of those replied by their due day.
	Replied, RepliedOnTime int
	// 第二十六条: publications judged (on time + late + still unpublished past the limit)
	// and those on time.
	Judged, PublishedOnTime int
	// The year's annual report: whether its deadline has passed or it is published, on
	// time, and its findings once published.
	ReportDue, ReportPublished, ReportOnTime bool
	ReportFindings                           int
	// 督办 due in the year whose due day has passed, and of those answered by it.
	NoticesDue, NoticesOnTime int
}

// Result is one criterion's outcome in a year.
type Result struct {
	Criterion
	N, Of   int
	Applies bool
	Rate    float64 // 0..1
	Points  float64 // Weight × Rate
}

// Score is an agency's transparency score of a year.
type Score struct {
	Year    int
	Results []Result
	// Total is 0..100; Scored is false when no criterion applies.
	Total  float64
	Scored bool
}

// ComputeScore scores one year (ScoreFormula).
func ComputeScore(in ScoreInput) Score {
	s := Score{Year: in.Year}
	ratio := func(n, of int) (float64, bool) {
		if of == 0 {
			return 0, false
		}
		return float64(n) / float64(of), true
	}
	flag := func(b bool) int {
		if b {
			return 1
		}
		return 0
	}
	var weights, points float64
	for _, c := range Criteria {
		r := Result{Criterion: c}
		switch c.Key {
		case "replies":
			r.N, r.Of = in.RepliedOnTime, in.Replied
		case "publication":
			r.N, r.Of = in.PublishedOnTime, in.Judged
		case "report_on_time":
			if in.ReportDue || in.ReportPublished {
				r.N, r.Of = flag(in.ReportPublished && in.ReportOnTime), 1
			}
		case "report_checks":
			if in.ReportPublished {
				r.N, r.Of = flag(in.ReportFindings == 0), 1
			}
		case "notices":
			r.N, r.Of = in.NoticesOnTime, in.NoticesDue
		}
		r.Rate, r.Applies = ratio(r.N, r.Of)
		if r.Applies {
			r.Points = c.Weight * r.Rate
			weights += c.Weight
			points += r.Points
		}
		s.Results = append(s.Results, r)
	}
	if weights > 0 {
		s.Total, s.Scored = math.Round(1000*points/weights)/10, true
	}
	return s
}
