package foirequest

import (
	"time"

	"gongkai/internal/apperr"
)

// Record is what table 三 needs to know of one application — or of Count applications
// that table 三 cannot tell apart (same applicant kind, received in an earlier year or in
// the year, replied in the year with the same outcome or not by its end), as a store
// counting in SQL gives them.
type Record struct {
	Kind     ApplicantKind `json:"kind"`
	Received time.Time     `json:"received"`
	Closed   time.Time     `json:"closed,omitzero"` // zero while open
	Outcome  ReplyType     `json:"outcome,omitempty"`
	Count    int           `json:"count,omitempty"` // applications it stands for; 0 is 1
}

// Record summarizes the case for table 三.
func (c *Case) Record(kind ApplicantKind) Record {
	r := Record{Kind: kind, Received: c.Received}
	if c.State.Closed() {
		r.Closed, r.Outcome = c.Closed, c.Outcome
	}
	return r
}

// Table3OutcomeRows are the outcome rows of table 三 in the 2021 format, in order; their
// sum is the row total (rule 2).
var Table3OutcomeRows = []string{
	"granted", "partial",
	"withheld.state_secret", "withheld.law_forbids", "withheld.safety_stability", "withheld.third_party",
	"withheld.internal_affairs", "withheld.process_info", "withheld.enforcement_file", "withheld.inquiry",
	"unavailable.not_held", "unavailable.needs_creation", "unavailable.still_unclear",
	"not_processed.petition", "not_processed.repeated", "not_processed.publication",
	"not_processed.mass_repeated", "not_processed.confirm",
	"other.no_correction", "other.fee_unpaid", "other.other",
}

// Table3Columns are the columns of table 三, in order.
var Table3Columns = []string{"natural_person", "business", "research", "public_interest", "legal_service", "other_org", "total"}

// Cell is the id of a cell of table 三: applications.<row>.<column>.
func Cell(row, column string) string { return "applications." + row + "." + column }

// CountApplications counts table 三 (2021 format) of one agency for one year:
//   - 一、本年新收 (new): applications received in the year;
//   - 二、上年结转 (carried_in): received before the year and not closed before it;
//   - 三 outcome rows: applications closed in the year, under the row of their outcome
//     (an application counts in the year of its reply, not of its receipt);
//   - （七）总计 (total): the sum of the outcome rows;
//   - 四、结转下年度 (carried_out): received by 31 December and not closed by then.
//
// Columns are the applicant kinds plus total. Withdrawn applications are closed with
// outcome other.other (三（六）3.其他): the national format has no row of its own for a
// withdrawal and 3.其他 is its catch-all. Every cell is present, zeros included.
func CountApplications(records []Record, year int) (map[string]int, error) {
	cells := make(map[string]int, 25*len(Table3Columns))
	rows := append([]string{"new", "carried_in"}, Table3OutcomeRows...)
	rows = append(rows, "total", "carried_out")
	for _, r := range rows {
		for _, c := range Table3Columns {
			cells[Cell(r, c)] = 0
		}
	}
	n := 1
	inc := func(row string, k ApplicantKind) {
		cells[Cell(row, string(k))] += n
		cells[Cell(row, "total")] += n
	}
	for i, r := range records {
		if !r.Kind.Valid() {
			return nil, apperr.Newf(apperr.Invalid, "第%d件申请的申请人类型“%s”无法识别", i+1, string(r.Kind))
		}
		if r.Received.IsZero() {
			return nil, apperr.Newf(apperr.Invalid, "第%d件申请缺少收到申请之日", i+1)
		}
		closed := !r.Closed.IsZero()
		if closed && r.Closed.Before(r.Received) {
			return nil, apperr.Newf(apperr.Invalid, "第%d件申请的办结日期早于收到日期", i+1)
		}
		if closed && r.Outcome.Row() == "" {
			return nil, apperr.Newf(apperr.Invalid, "第%d件申请的办理结果“%s”无法识别", i+1, string(r.Outcome))
		}
		if n = r.Count; n == 0 {
			n = 1
		} else if n < 0 {
			return nil, apperr.Newf(apperr.Invalid, "第%d条记录的件数为负数", i+1)
		}
		ry := r.Received.Year()
		if ry > year || (closed && r.Closed.Year() < year) {
			continue // not yet received, or finished before the year
		}
		if ry == year {
			inc("new", r.Kind)
		} else {
			inc("carried_in", r.Kind)
		}
		if closed && r.Closed.Year() == year {
			inc(r.Outcome.Row(), r.Kind)
			inc("total", r.Kind)
		} else {
			inc("carried_out", r.Kind)
		}
	}
	return cells, nil
}

// Collapse2019 turns 2021-format cells into the 2019 format, where （六）其他处理 is one
// row ("other") instead of three.
func Collapse2019(cells map[string]int) map[string]int {
	out := make(map[string]int, len(cells))
	for k, v := range cells {
		out[k] = v
	}
	for _, c := range Table3Columns {
		sum := 0
		for _, r := range []string{"other.no_correction", "other.fee_unpaid", "other.other"} {
			sum += out[Cell(r, c)]
			delete(out, Cell(r, c))
		}
		out[Cell("other", c)] = sum
	}
	return out
}
