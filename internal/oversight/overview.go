package oversight

import (
	"cmp"
	"math"
	"slices"
	"strconv"
)

// ReportState is where an agency's annual report of a year stands.
type ReportState string

const (
	ReportNone      ReportState = "none"      // nothing saved yet
	ReportDraft     ReportState = "draft"     // saved, not published
	ReportPublished ReportState = "published" // published by 31 January
	ReportLate      ReportState = "late"      // published after 31 January
	ReportMissing   ReportState = "missing"   // not published, 31 January passed
)

// Label is the state in Chinese.
func (s ReportState) Label() string {
	switch s {
	case ReportNone:
		return "未编写"
	case ReportDraft:
		return "草稿"
	case ReportPublished:
		return "已按时发布"
	case ReportLate:
		return "逾期发布"
	case ReportMissing:
		return "逾期未发布"
	}
	return string(s)
}

// Bad reports whether the state breaks 第四十九条 (late or missing).
func (s ReportState) Bad() bool { return s == ReportLate || s == ReportMissing }

// rank orders states from worst to best for sorting.
func (s ReportState) rank() int {
	return map[ReportState]int{ReportMissing: 0, ReportLate: 1, ReportNone: 2, ReportDraft: 3, ReportPublished: 4}[s]
}

// StateOfReport is the state of a report: saved (a narrative exists), published (and
// when), late (annualreport.Late: published after 31 January, or not published past it).
func StateOfReport(saved, published, late bool) ReportState {
	switch {
	case published && late:
		return ReportLate
	case published:
		return ReportPublished
	case late:
		return ReportMissing
	case saved:
		return ReportDraft
	}
	return ReportNone
}

// Row is one agency in the 政务公开办's overview.
type Row struct {
	AgencyID int64
	Agency   string
	Kind     string // agency.Agency.Kind
	// Applications as of today: open, due within foirequest.DueSoonDays working days,
	// past their due day.
	Open, DueSoon, Overdue int
	// Publications of the year judged against 第二十六条 (catalog.YearTimeliness):
	// published late, still unpublished past the 20 working days, judged in all.
	LatePublished, Unpublished, Judged int
	// The annual report of ReportYear (the one due by 31 January of the overview's year).
	ReportYear int
	Report     ReportState
	Findings   int // consistency findings of that report (annualreport checks)
	// 督办 notices of the agency not yet answered, and of those the ones past due.
	NoticesOpen, NoticesOverdue int
	// The public column: the 法定主动公开内容 headings now and those empty (缺项, as the
	// agency's headings page shows them); the year's 政策解读 and the 规章 and 行政规范性文件
	// published in the year, and of those the ones interpreted (InterpretationRatio); the
	// 政民互动 still unanswered past their answer period as of today.
	Headings, HeadingGaps                   int
	Interpretations, Documents, Interpreted int
	QuestionsOverdue                        int
	// Score is the transparency score of the year (ComputeScore); Scored is false when no
	// criterion applies.
	Score  float64
	Scored bool
}

// Late is the publications of the year that broke 第二十六条.
func (r Row) Late() int { return r.LatePublished + r.Unpublished }

// Attention reports whether the row shows something the office should follow up.
func (r Row) Attention() bool {
	return r.Overdue > 0 || r.Late() > 0 || r.Report.Bad() || r.Findings > 0 || r.NoticesOverdue > 0 || r.QuestionsOverdue > 0
}

// InterpretationFormula is the 解读 ratio's definition, shown beside it.
const InterpretationFormula = "政策解读覆盖率 = 本年发布的规章和行政规范性文件中已有政策解读发布的件数 ÷ 本年发布的规章和行政规范性文件件数（一件文件有多篇解读只计一次；解读可在文件之后发布）"

// InterpretationRatio is the share of the documents (规章 and 行政规范性文件 published in
// the year) that at least one published 政策解读 covers (InterpretationFormula); ok is
// false when the year has no such document (nothing to interpret).
func InterpretationRatio(interpreted, documents int) (ratio float64, ok bool) {
	if documents <= 0 {
		return 0, false
	}
	return float64(interpreted) / float64(documents), true
}

// Interpretation is the row's 解读 ratio (InterpretationRatio).
func (r Row) Interpretation() (float64, bool) { return InterpretationRatio(r.Interpreted, r.Documents) }

// InterpretationPercent is the ratio as shown, "—" without documents.
func (r Row) InterpretationPercent() string {
	v, ok := r.Interpretation()
	if !ok {
		return "—"
	}
	return strconv.FormatFloat(math.Round(1000*v)/10, 'f', 1, 64) + "%"
}

// interpretationKey orders ratios, a row without documents after every other.
func (r Row) interpretationKey() float64 {
	if v, ok := r.Interpretation(); ok {
		return v
	}
	return 2
}

// Column is a sortable column of the overview. WorstFirst is the direction that puts the
// agencies to follow up on top: descending for counts, ascending for the report's state.
type Column struct {
	Key, Label string
	WorstFirst Direction
	cmp        func(a, b Row) int
}

// Direction is a sort direction.
type Direction bool

const (
	Ascending  Direction = false
	Descending Direction = true
)

// Columns are the overview's columns, in display order.
var Columns = []Column{
	{"agency", "机关", Ascending, func(a, b Row) int { return cmp.Compare(a.Agency, b.Agency) }},
	{"open", "办理中的申请", Descending, func(a, b Row) int { return cmp.Compare(a.Open, b.Open) }},
	{"due_soon", "即将到期", Descending, func(a, b Row) int { return cmp.Compare(a.DueSoon, b.DueSoon) }},
	{"overdue", "已超期", Descending, func(a, b Row) int { return cmp.Compare(a.Overdue, b.Overdue) }},
	{"late", "逾期公开（第二十六条）", Descending, func(a, b Row) int { return cmp.Compare(a.Late(), b.Late()) }},
	{"report", "上年度报告", Ascending, func(a, b Row) int { return cmp.Compare(a.Report.rank(), b.Report.rank()) }},
	{"findings", "报告校验问题", Descending, func(a, b Row) int { return cmp.Compare(a.Findings, b.Findings) }},
	{"notices", "未答复督办", Descending, func(a, b Row) int { return cmp.Compare(a.NoticesOpen, b.NoticesOpen) }},
	{"gaps", "法定主动公开内容缺项", Descending, func(a, b Row) int { return cmp.Compare(a.HeadingGaps, b.HeadingGaps) }},
	{"interpretation", "政策解读覆盖率", Ascending, func(a, b Row) int { return cmp.Compare(a.interpretationKey(), b.interpretationKey()) }},
	{"questions", "政民互动超期未答复", Descending, func(a, b Row) int { return cmp.Compare(a.QuestionsOverdue, b.QuestionsOverdue) }},
	{"score", "透明度得分", Ascending, func(a, b Row) int { return cmp.Compare(a.scoreKey(), b.scoreKey()) }},
}

// scoreKey orders scores, an agency without one after every scored agency.
func (r Row) scoreKey() float64 {
	if !r.Scored {
		return 1000
	}
	return r.Score
}

// SortKey returns the column of key, and whether it exists (unknown keys sort by agency).
func SortKey(key string) (Column, bool) {
	for _, c := range Columns {
		if c.Key == key {
			return c, true
		}
	}
	return Columns[0], false
}

// Sort orders rows by column key, ascending or descending; ties keep the agency order
// (by name), so the order is the same at every request.
func Sort(rows []Row, key string, desc bool) {
	c, _ := SortKey(key)
	slices.SortStableFunc(rows, func(a, b Row) int {
		v := c.cmp(a, b)
		if desc {
			v = -v
		}
		if v == 0 {
			v = cmp.Compare(a.Agency, b.Agency)
		}
		return v
	})
}

// Totals is the sum of the rows' counts (the overview's last line).
func Totals(rows []Row) Row {
	t := Row{Agency: "合计"}
	for _, r := range rows {
		t.Open += r.Open
		t.DueSoon += r.DueSoon
		t.Overdue += r.Overdue
		t.LatePublished += r.LatePublished
		t.Unpublished += r.Unpublished
		t.Judged += r.Judged
		t.Findings += r.Findings
		t.NoticesOpen += r.NoticesOpen
		t.NoticesOverdue += r.NoticesOverdue
		t.Headings += r.Headings
		t.HeadingGaps += r.HeadingGaps
		t.Interpretations += r.Interpretations
		t.Documents += r.Documents
		t.Interpreted += r.Interpreted
		t.QuestionsOverdue += r.QuestionsOverdue
	}
	return t
}

// ReportYear is the annual report an overview of year follows: the previous year's,
// due by 31 January of year.
func ReportYear(year int) int { return year - 1 }
