package oversight

import (
	"slices"
	"strings"

	"gongkai/internal/annualreport"
)

// Source says where an agency's figures come from.
type Source string

const (
	FromRecords  Source = "records"  // counted from gongkai's records
	FromImported Source = "imported" // read from the agency's published annual report
	FromPeers    Source = "peers"    // the sum of the agencies of the same kind
)

// Label is the source in Chinese.
func (s Source) Label() string {
	switch s {
	case FromRecords:
		return "办理记录"
	case FromImported:
		return "导入的年度报告"
	case FromPeers:
		return "同类机关合计"
	}
	return string(s)
}

// Figures are one agency's (or one group's) applications of one year as the profile
// compares them: the 总计 column of table 三's outcome rows, and for agencies on gongkai
// the working days each reply took.
type Figures struct {
	Name   string
	Year   int
	Source Source
	// Rows holds the outcome rows of table 三 by row id ("granted", "withheld.third_party",
	// "other.no_correction", "other" in the 2019 format, …), 总计 column.
	Rows map[string]float64
	// Days are the working days from receipt to reply of the year's replies (records
	// only; a published report does not say).
	Days []int
	// OnTime counts the replies given by their due day (records only).
	OnTime int
	// Agencies is how many agencies a FromPeers figure sums.
	Agencies int
}

// RowsFromCells reads the outcome rows of table 三 (总计 column) from report cells, as
// compose makes them or the reader reads them; a blank cell is absent.
func RowsFromCells(cells annualreport.Cells) map[string]float64 {
	out := map[string]float64{}
	for id := range cells {
		rest, ok := strings.CutPrefix(id, "applications.")
		if !ok {
			continue
		}
		row, ok := strings.CutSuffix(rest, ".total")
		if !ok || row == "new" || row == "carried_in" || row == "carried_out" || row == "total" {
			continue
		}
		if v, ok := cells.Get(id); ok {
			out[row] = v
		}
	}
	// The 2021 format's derived （六） sum would count its three rows twice.
	if _, ok := out["other.other"]; ok {
		delete(out, "other")
	}
	return out
}

// Add sums f into the group g (g.Rows, g.Days, g.OnTime, g.Agencies).
func (g *Figures) Add(f Figures) {
	if g.Rows == nil {
		g.Rows = map[string]float64{}
	}
	for k, v := range f.Rows {
		g.Rows[k] += v
	}
	g.Days = append(g.Days, f.Days...)
	g.OnTime += f.OnTime
	g.Agencies++
}

// Replied is the number of applications answered (（七）总计).
func (f Figures) Replied() float64 {
	var n float64
	for _, v := range f.Rows {
		n += v
	}
	return n
}

// OnTimeShare is the share of the replies (of those whose days are known) given by their
// due day.
func (f Figures) OnTimeShare() Share {
	return Share{Key: "on_time", Label: "按期答复", N: float64(f.OnTime), Of: float64(len(f.Days))}
}

// Share is a part of a whole.
type Share struct {
	Key, Label string
	N          float64
	Of         float64
}

// Percent is the share in percent (0 when the whole is 0).
func (s Share) Percent() float64 {
	if s.Of == 0 {
		return 0
	}
	return 100 * s.N / s.Of
}

// Outcome groups of table 三, in the form's order.
var outcomeGroups = []struct{ key, label string }{
	{"granted", "予以公开"}, {"partial", "部分公开"}, {"withheld", "不予公开"},
	{"unavailable", "无法提供"}, {"not_processed", "不予处理"}, {"other", "其他处理"},
}

// WithheldReasons are the eight 不予公开 reasons of table 三, in the form's order.
var WithheldReasons = []struct{ Key, Label string }{
	{"withheld.state_secret", "属于国家秘密"}, {"withheld.law_forbids", "其他法律行政法规禁止公开"},
	{"withheld.safety_stability", "危及“三安全一稳定”"}, {"withheld.third_party", "保护第三方合法权益"},
	{"withheld.internal_affairs", "属于三类内部事务信息"}, {"withheld.process_info", "属于四类过程性信息"},
	{"withheld.enforcement_file", "属于行政执法案卷"}, {"withheld.inquiry", "属于行政查询事项"},
}

// Outcomes is the share of each outcome group of the replies.
func (f Figures) Outcomes() []Share {
	total := f.Replied()
	out := make([]Share, 0, len(outcomeGroups))
	for _, g := range outcomeGroups {
		var n float64
		for k, v := range f.Rows {
			if k == g.key || strings.HasPrefix(k, g.key+".") {
				n += v
			}
		}
		out = append(out, Share{Key: g.key, Label: g.label, N: n, Of: total})
	}
	return out
}

// Withheld is the share of each 不予公开 reason among the 不予公开 replies.
func (f Figures) Withheld() []Share {
	var total float64
	for _, r := range WithheldReasons {
		total += f.Rows[r.Key]
	}
	out := make([]Share, 0, len(WithheldReasons))
	for _, r := range WithheldReasons {
		out = append(out, Share{Key: r.Key, Label: r.Label, N: f.Rows[r.Key], Of: total})
	}
	return out
}

// Bucket is a range of working days taken to reply and how many replies fell in it.
type Bucket struct {
	Label    string
	From, To int // working days, inclusive; To < 0: no upper bound
	N, Of    int
}

// Percent is the bucket's share of the replies.
func (b Bucket) Percent() float64 {
	if b.Of == 0 {
		return 0
	}
	return 100 * float64(b.N) / float64(b.Of)
}

// dayBuckets follow the law's periods: on the spot, within the 20 working days of 第三十
// 三条 by quarters, within the extension of 20 more, and beyond.
var dayBuckets = []Bucket{
	{Label: "当场答复", From: 0, To: 0},
	{Label: "1–5个工作日", From: 1, To: 5},
	{Label: "6–10个工作日", From: 6, To: 10},
	{Label: "11–15个工作日", From: 11, To: 15},
	{Label: "16–20个工作日", From: 16, To: 20},
	{Label: "21–40个工作日（延期）", From: 21, To: 40},
	{Label: "40个工作日以上", From: 41, To: -1},
}

// Distribution counts the working days taken per reply into the buckets.
func Distribution(days []int) []Bucket {
	out := slices.Clone(dayBuckets)
	for i := range out {
		out[i].Of = len(days)
	}
	for _, d := range days {
		for i, b := range out {
			if d >= b.From && (b.To < 0 || d <= b.To) {
				out[i].N++
				break
			}
		}
	}
	return out
}

// Median is the median of the working days taken to reply; ok false when none.
func Median(days []int) (m float64, ok bool) {
	if len(days) == 0 {
		return 0, false
	}
	s := slices.Sorted(slices.Values(days))
	n := len(s)
	if n%2 == 1 {
		return float64(s[n/2]), true
	}
	return float64(s[n/2-1]+s[n/2]) / 2, true
}

// KindOfName guesses the kind of an agency known only by the name on its report (an
// imported report): a 人民政府 or its 办公室 is "government", anything else "department",
// as agency.Agency.Kind.
func KindOfName(name string) string {
	if strings.HasSuffix(name, "人民政府") || strings.HasSuffix(name, "人民政府办公室") || strings.HasSuffix(name, "人民政府办公厅") {
		return "government"
	}
	return "department"
}

// KindLabel is an agency kind in Chinese.
func KindLabel(kind string) string {
	if kind == "government" {
		return "人民政府及其办公室"
	}
	return "政府部门"
}
