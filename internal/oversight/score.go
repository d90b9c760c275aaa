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
	{"headings", "法定主动公开内容完整率", "法定主动公开内容各栏目（按机关现行栏目设置）中截至该年年末已有公开信息的栏目数 ÷ 栏目数（该年年末前没有任何公开信息的不计）", 10},
	{"interpretation", "政策解读覆盖率", InterpretationFormula, 10},
	{"interaction", "政民互动按期答复率", "本年收到的咨询、留言和热线工单中在答复期限内答复的件数 ÷（已答复的件数 + 超过答复期限仍未答复的件数）", 10},
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
	// 法定主动公开内容: the headings, those with an item published by the year's end, and
	// whether the agency had published anything by then.
	Headings, HeadingsFilled int
	Catalogued               bool
	// 规章 and 行政规范性文件 published in the year, and of those the ones interpreted.
	Documents, Interpreted int
	// 政民互动 received in the year that are answered or past their answer period, and of
	// those the ones answered within it.
	QuestionsDue, QuestionsOnTime int
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
		case "headings":
			if in.Catalogued {
				r.N, r.Of = in.HeadingsFilled, in.Headings
			}
		case "interpretation":
			r.N, r.Of = in.Interpreted, in.Documents
		case "interaction":
			r.N, r.Of = in.QuestionsOnTime, in.QuestionsDue
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
