package annualreport

import (
	"fmt"
	"strings"
)

// Section 一 (总体情况) drafted from the records: what the year's records say, in the words
// published reports use, for staff to keep or rewrite. Nothing is invented: a figure the
// records do not hold is left out, not guessed.

// OverviewPart is the paragraph of section 一 a count belongs to.
type OverviewPart string

const (
	PartActive      OverviewPart = "active"      // （一）主动公开
	PartInteraction OverviewPart = "interaction" // 政民互动 (its own paragraph)
)

// OverviewCount is one counted thing of the year: "发布政策解读" 55 "篇".
type OverviewCount struct {
	Part  OverviewPart
	Label string // the verb phrase, e.g. "发布政策解读", "受理网上留言"
	N     float64
	Unit  string // 条, 件, 篇, 项
}

func (c OverviewCount) text() string { return c.Label + FormatNumber(c.N) + c.Unit }

// OverviewFacts are the records of a year that section 一 speaks of.
type OverviewFacts struct {
	Agency string
	Year   int
	// Report is the year's report as compose makes it: tables 三 and 四 are read from it.
	Report *Report
	// Published counts the items published in the year by kind (普通信息, 规章, 行政规范性文件),
	// in display order, with the unit of each.
	Published []OverviewCount
	// LateReplies are the replies of the year given after their due day; OpenOverdue the
	// applications past their due day and still unanswered at the year's end.
	LateReplies, OpenOverdue int
	// Fees are the 信息处理费 paid in the year and by how many applications.
	FeeYuan  float64
	FeeCases int
	// More are the counts other areas add (政策解读, 公示, 政民互动, hotline tickets): each
	// is printed in the paragraph of its Part.
	More []OverviewCount
}

// DraftOverview writes section 一 from the facts.
func DraftOverview(f OverviewFacts) string {
	var paras []string
	paras = append(paras, fmt.Sprintf("%d年，%s依照《中华人民共和国政府信息公开条例》，做好主动公开、依申请公开和政府信息公开平台建设等工作。本年度政府信息公开工作总体情况如下。", f.Year, f.Agency))

	// （一）主动公开.
	var total float64
	var kinds []string
	for _, c := range f.Published {
		total += c.N
		if c.N > 0 {
			kinds = append(kinds, c.text())
		}
	}
	active := fmt.Sprintf("（一）主动公开。本年度主动公开政府信息%s条", FormatNumber(total))
	if len(kinds) > 0 {
		active += "，其中" + strings.Join(kinds, "、")
	}
	if more := moreOf(f.More, PartActive); len(more) > 0 {
		active += "；" + strings.Join(more, "，")
	}
	paras = append(paras, active+"。")

	// （二）依申请公开, from table 三.
	cell := func(row string) float64 {
		if f.Report == nil {
			return 0
		}
		v, _ := f.Report.Cells.Get(Cell(TableApplications, row, "total"))
		return v
	}
	apply := fmt.Sprintf("（二）依申请公开。本年度新收政府信息公开申请%s件，上年结转%s件，办结%s件",
		FormatNumber(cell("new")), FormatNumber(cell("carried_in")), FormatNumber(cell("total")))
	var outcomes []string
	for _, g := range []struct{ label, prefix string }{
		{"予以公开", "granted"}, {"部分公开", "partial"}, {"不予公开", "withheld."}, {"无法提供", "unavailable."},
		{"不予处理", "not_processed."}, {"其他处理", "other"},
	} {
		if n := outcomeSum(f.Report, g.prefix); n > 0 {
			outcomes = append(outcomes, g.label+FormatNumber(n)+"件")
		}
	}
	if len(outcomes) > 0 {
		apply += "，其中" + strings.Join(outcomes, "、")
	}
	apply += fmt.Sprintf("；结转下年度继续办理%s件。", FormatNumber(cell("carried_out")))
	switch {
	case f.LateReplies == 0 && f.OpenOverdue == 0:
		apply += "本年度所有申请均在法定期限内答复。"
	default:
		var late []string
		if f.LateReplies > 0 {
			late = append(late, fmt.Sprintf("超过法定期限答复%d件", f.LateReplies))
		}
		if f.OpenOverdue > 0 {
			late = append(late, fmt.Sprintf("至年底超过法定期限尚未答复%d件", f.OpenOverdue))
		}
		apply += "本年度" + strings.Join(late, "，") + "。"
	}
	if f.FeeYuan > 0 {
		apply += fmt.Sprintf("本年度收取信息处理费%s元（%d件申请）。", FormatNumber(f.FeeYuan), f.FeeCases)
	} else {
		apply += "本年度未收取信息处理费。"
	}
	paras = append(paras, apply)

	// （三）行政复议、行政诉讼, from table 四.
	appeal := func(kind, result string) float64 {
		if f.Report == nil {
			return 0
		}
		v, _ := f.Report.Cells.Get(Cell(TableAppeals, kind, result))
		return v
	}
	recon := appeal("reconsideration", "total")
	suits := appeal("litigation_direct", "total") + appeal("litigation_after", "total")
	corrected := appeal("reconsideration", "corrected") + appeal("litigation_direct", "corrected") + appeal("litigation_after", "corrected")
	if recon+suits == 0 {
		paras = append(paras, "（三）行政复议和行政诉讼。本年度未发生因政府信息公开引起的行政复议和行政诉讼。")
	} else {
		s := fmt.Sprintf("（三）行政复议和行政诉讼。本年度因政府信息公开引起行政复议%s件、行政诉讼%s件", FormatNumber(recon), FormatNumber(suits))
		if corrected > 0 {
			s += fmt.Sprintf("，其中结果纠正%s件", FormatNumber(corrected))
		} else {
			s += "，无被纠正的情况"
		}
		paras = append(paras, s+"。")
	}

	// 政民互动 and other areas' paragraphs.
	if more := moreOf(f.More, PartInteraction); len(more) > 0 {
		paras = append(paras, "（四）政民互动。本年度"+strings.Join(more, "，")+"。")
	}
	return strings.Join(paras, "\n")
}

// outcomeSum sums the 总计 column of the outcome rows of table 三 whose id is prefix or
// starts with it ("other" counts the 2019 row or the three 2021 rows, not both).
func outcomeSum(r *Report, prefix string) float64 {
	if r == nil {
		return 0
	}
	var n float64
	var other2021 bool
	for id := range r.Cells {
		_, row, col, ok := SplitCell(id)
		if !ok || col != "total" || !strings.HasPrefix(id, TableApplications+".") {
			continue
		}
		if row == prefix || (strings.HasSuffix(prefix, ".") && strings.HasPrefix(row, prefix)) || (prefix == "other" && strings.HasPrefix(row, "other.")) {
			if v, ok := r.Cells.Get(id); ok {
				n += v
				other2021 = other2021 || strings.HasPrefix(row, "other.")
			}
		}
	}
	if prefix == "other" && other2021 {
		// The derived 2021 sum (applications.other.total) beside its three rows.
		if v, ok := r.Cells.Get(Cell(TableApplications, "other", "total")); ok {
			n -= v
		}
	}
	return n
}

func moreOf(cs []OverviewCount, part OverviewPart) []string {
	var out []string
	for _, c := range cs {
		if c.Part == part {
			out = append(out, c.text())
		}
	}
	return out
}
