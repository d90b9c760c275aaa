// Package appeal is about the 行政复议 (administrative reconsideration) and 行政诉讼
// (administrative litigation) that disclosure decisions lead to, and how they are counted
// in table 四 of the annual report.
package appeal

import (
	"strings"
	"time"
	"unicode/utf8"

	"gongkai/internal/apperr"
)

// Kind is the kind of case, one per row of table 四.
type Kind string

const (
	Reconsideration  Kind = "reconsideration"   // 行政复议
	LitigationDirect Kind = "litigation_direct" // 行政诉讼·未经复议直接起诉
	LitigationAfter  Kind = "litigation_after"  // 行政诉讼·复议后起诉
)

// Kinds lists the kinds in the order of table 四.
var Kinds = []Kind{Reconsideration, LitigationDirect, LitigationAfter}

// Label is the kind's name as the report spells it.
func (k Kind) Label() string {
	switch k {
	case Reconsideration:
		return "行政复议"
	case LitigationDirect:
		return "行政诉讼（未经复议直接起诉）"
	case LitigationAfter:
		return "行政诉讼（复议后起诉）"
	}
	return string(k)
}

// Result is the outcome, one per column of table 四.
type Result string

const (
	Upheld    Result = "upheld"    // 结果维持
	Corrected Result = "corrected" // 结果纠正
	Other     Result = "other"     // 其他结果
	Pending   Result = "pending"   // 尚未审结
)

// Results lists the results in the order of table 四.
var Results = []Result{Upheld, Corrected, Other, Pending}

// Label is the result's name as the report spells it.
func (r Result) Label() string {
	switch r {
	case Upheld:
		return "结果维持"
	case Corrected:
		return "结果纠正"
	case Other:
		return "其他结果"
	case Pending:
		return "尚未审结"
	}
	return string(r)
}

// Appeal is one reconsideration or lawsuit about a disclosure decision of an agency.
type Appeal struct {
	ID            int64
	AgencyID      int64
	ApplicationID int64 // the application whose reply is challenged; 0 when not recorded here
	Kind          Kind
	CaseNo        string    // 案号, e.g. 清复决字〔2025〕12号 or （2025）陕0802行初15号
	Organ         string    // 复议机关 or court
	FiledOn       time.Time // day the case was accepted (受理)
	Result        Result
	DecidedOn     time.Time // zero while pending
	// CoDefendantOrgan is true when this agency is in the lawsuit only as the
	// reconsideration organ beside the original agency (复议机关作共同被告): such a case is
	// counted only by the original agency (国办公开办函〔2016〕201号).
	CoDefendantOrgan bool
	Note             string
}

// Validate checks an appeal's fields and normalises them.
func (a *Appeal) Validate(today time.Time) error {
	a.CaseNo = strings.TrimSpace(a.CaseNo)
	a.Organ = strings.TrimSpace(a.Organ)
	switch {
	case a.Kind != Reconsideration && a.Kind != LitigationDirect && a.Kind != LitigationAfter:
		return apperr.New(apperr.Invalid, "请选择案件类型：行政复议、直接起诉或复议后起诉")
	case a.FiledOn.IsZero():
		return apperr.New(apperr.Invalid, "请填写受理日期")
	case a.FiledOn.After(today):
		return apperr.New(apperr.Invalid, "受理日期不能晚于今天")
	case utf8.RuneCountInString(a.CaseNo) > 100 || utf8.RuneCountInString(a.Organ) > 100:
		return apperr.New(apperr.Invalid, "案号或机关名称过长")
	}
	if a.Result == "" {
		a.Result = Pending
	}
	switch a.Result {
	case Pending:
		a.DecidedOn = time.Time{}
	case Upheld, Corrected, Other:
		if a.DecidedOn.IsZero() {
			return apperr.New(apperr.Invalid, "已审结的案件请填写审结日期")
		}
		if a.DecidedOn.Before(a.FiledOn) {
			return apperr.New(apperr.Invalid, "审结日期不能早于受理日期")
		}
		if a.DecidedOn.After(today) {
			return apperr.New(apperr.Invalid, "审结日期不能晚于今天")
		}
	default:
		return apperr.New(apperr.Invalid, "未知的审理结果")
	}
	return nil
}

// LinkedApplication is what the link rule knows of the application an appeal names.
type LinkedApplication struct {
	Found    bool  // an application with that number exists
	AgencyID int64 // the agency that handles it
}

// CheckLink checks the application an appeal names (none when ApplicationID is 0): a
// reconsideration or a lawsuit challenges the agency's own handling of an application, so
// it may link only an application of the same agency. Another agency's application and a
// number that does not exist are refused alike, so that the answer tells nothing of other
// agencies' records.
func (a Appeal) CheckLink(l LinkedApplication) error {
	if a.ApplicationID == 0 {
		return nil
	}
	if a.ApplicationID < 0 || !l.Found || l.AgencyID != a.AgencyID {
		return apperr.New(apperr.Invalid, "关联的申请不存在或不属于本机关：只能关联本机关办理的申请")
	}
	return nil
}

// ResultAt is the case's result as it stood at the end of day: pending until decided.
func (a Appeal) ResultAt(day time.Time) Result {
	if a.Result == Pending || a.DecidedOn.IsZero() || a.DecidedOn.After(day) {
		return Pending
	}
	return a.Result
}

// OpenDuring reports whether the case was open (受理 and not yet 审结) at some time during
// year: accepted by 31 December of year, and not decided before 1 January of year.
func (a Appeal) OpenDuring(year int) bool {
	if a.FiledOn.IsZero() || a.FiledOn.Year() > year {
		return false
	}
	return a.ResultAt(time.Date(year-1, 12, 31, 0, 0, 0, 0, time.UTC)) == Pending
}

// CountingRule is the counting rule of table 四 as the report's note prints it.
const CountingRule = "注：本表统计本年度内处于审理中的全部行政复议、行政诉讼案件。本年度内审结的，按审理结果统计，" +
	"包括以前年度受理、在以前年度报告中计为“尚未审结”的案件；至12月31日仍未审结的，计为“尚未审结”，审结后按结果计入审结年度的报告。" +
	"本机关仅作为复议机关与原行政机关作共同被告的案件，由原行政机关统计。"

// Table4 computes table 四 of the annual report for year from an agency's appeals, as
// cells keyed by the identifiers of report-cells.json (appeals.<kind>.<result|total>).
//
// Counting rule (the form does not settle it; DOMAIN.md section 3): a case is counted in
// every year in which it was open (OpenDuring) — with its result in the year it was
// decided (审结), as 尚未审结 in a year at whose end (31 December) it was still open. A
// case accepted in 2025 and decided in 2026 is 尚未审结 in the report for 2025 and counted
// with its result in the report for 2026, so that no result is lost between two reports.
// Cases in which the agency is only the reconsideration organ sued beside the original
// agency are not counted (国办公开办函〔2016〕201号: the original agency counts them).
func Table4(appeals []Appeal, year int) map[string]int64 {
	cells := map[string]int64{}
	for _, k := range Kinds {
		for _, r := range Results {
			cells["appeals."+string(k)+"."+string(r)] = 0
		}
		cells["appeals."+string(k)+".total"] = 0
	}
	end := time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC)
	for _, a := range appeals {
		if a.CoDefendantOrgan || !a.OpenDuring(year) {
			continue
		}
		cells["appeals."+string(a.Kind)+"."+string(a.ResultAt(end))]++
		cells["appeals."+string(a.Kind)+".total"]++
	}
	return cells
}
