package catalog

import (
	"slices"
	"time"

	"gongkai/internal/apperr"
)

// Cell identifiers of table 二 (2021 format) that the catalog fills, exactly as in
// shared/report-cells.json.
const (
	CellRegulationsIssued   = "active_2021.regulations.issued"
	CellRegulationsRepealed = "active_2021.regulations.repealed"
	CellRegulationsInForce  = "active_2021.regulations.in_force"
	CellNormativeIssued     = "active_2021.normative_docs.issued"
	CellNormativeRepealed   = "active_2021.normative_docs.repealed"
	CellNormativeInForce    = "active_2021.normative_docs.in_force"
	CellLicensingDecisions  = "active_2021.licensing.decisions"
	CellPenaltyDecisions    = "active_2021.penalty.decisions"
	CellEnforcementDecision = "active_2021.enforcement.decisions"
	CellFeesAmount          = "active_2021.fees.amount_10k_yuan"
)

// DocCount is one row of 第二十条第（一）项 for a year.
type DocCount struct {
	Issued   int // 本年制发件数: 成文日期 in the year
	Repealed int // 本年废止件数: ceased to be in force (废止 or 失效) during the year
	InForce  int // 现行有效件数: issued by 31 December and not ceased by then
}

// DocCounts is 第二十条第（一）项 of table 二 for one agency and year.
type DocCounts struct {
	Year        int
	Regulations DocCount // 规章
	Normative   DocCount // 行政规范性文件
	// Unplaced lists the ids of items that are 失效 or 废止 without a date, or have neither
	// 成文日期 nor 发布日期: they cannot be placed in a year and are left out of every figure.
	// Show them to staff so the catalog gets fixed.
	Unplaced []int64
}

// CountDocuments counts 规章 and 行政规范性文件 of the catalog for table 二.
//
// Only published items count (State Published; drafts never took effect and withdrawn
// items were taken back). The year of issue is that of 成文日期, or of 发布日期 when the item
// has none. 失效 and 废止 both end a document's force, and both are counted as 本年废止件数,
// so that the statutory cross-year rule holds: 现行有效 = last year's 现行有效 + 本年制发 − 本年废止.
func CountDocuments(items []Item, year int) DocCounts {
	out := DocCounts{Year: year}
	yearEnd := time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC)
	for _, it := range items {
		if it.State != Published {
			continue
		}
		var c *DocCount
		switch it.Kind {
		case Regulation:
			c = &out.Regulations
		case Normative:
			c = &out.Normative
		default:
			continue
		}
		issued := it.WrittenOn
		if issued.IsZero() {
			issued = it.PublishedOn
		}
		ended := it.Validity == Expired || it.Validity == Repealed
		if issued.IsZero() || (ended && it.ValidityChangedOn.IsZero()) {
			out.Unplaced = append(out.Unplaced, it.ID)
			continue
		}
		if issued.Year() == year {
			c.Issued++
		}
		if ended && it.ValidityChangedOn.Year() == year {
			c.Repealed++
		}
		if !issued.After(yearEnd) && !(ended && !it.ValidityChangedOn.After(yearEnd)) {
			c.InForce++
		}
	}
	return out
}

// Cells returns the six figures under their cell identifiers.
func (d DocCounts) Cells() map[string]float64 {
	return map[string]float64{
		CellRegulationsIssued:   float64(d.Regulations.Issued),
		CellRegulationsRepealed: float64(d.Regulations.Repealed),
		CellRegulationsInForce:  float64(d.Regulations.InForce),
		CellNormativeIssued:     float64(d.Normative.Issued),
		CellNormativeRepealed:   float64(d.Normative.Repealed),
		CellNormativeInForce:    float64(d.Normative.InForce),
	}
}

// MonthlyFigures are the figures staff enter or import each month for table 二.
type MonthlyFigures struct {
	Year        int
	Month       int   // 1–12
	Licensing   int64 // 行政许可 本月处理决定数量
	Penalty     int64 // 行政处罚 本月处理决定数量
	Enforcement int64 // 行政强制 本月处理决定数量
	Fees        Money // 行政事业性收费 本月收费金额
}

// Validate checks month and non-negative figures (apperr.Invalid, Chinese message).
func (m MonthlyFigures) Validate() error {
	if m.Year < 2008 || m.Year > 9999 || m.Month < 1 || m.Month > 12 {
		return apperr.Newf(apperr.Invalid, "月份“%d年%d月”无效", m.Year, m.Month)
	}
	for _, f := range []struct {
		label string
		v     int64
	}{{"行政许可处理决定数量", m.Licensing}, {"行政处罚处理决定数量", m.Penalty}, {"行政强制处理决定数量", m.Enforcement}, {"行政事业性收费金额", int64(m.Fees)}} {
		if f.v < 0 {
			return apperr.Newf(apperr.Invalid, "%d年%d月的%s不能为负数", m.Year, m.Month, f.label)
		}
	}
	return nil
}

// YearFigures is the sum of a year's monthly figures. The year's figures of table 二
// (第（五）（六）（八）项) are known only when all twelve months were entered (Complete): a
// month nobody entered is not a month of zero decisions — staff enter 0 for a month
// without any — so until then the year's cells stay blank and each missing month is named.
type YearFigures struct {
	Year        int
	Licensing   int64
	Penalty     int64
	Enforcement int64
	Fees        Money
	Months      []int // months with figures, ascending
}

// Complete reports whether every month of the year was entered.
func (y YearFigures) Complete() bool { return len(y.Months) == 12 }

// MissingMonths lists the months of the year without figures: the report names each, and
// leaves the year's cells blank while any is missing.
func (y YearFigures) MissingMonths() []int {
	var out []int
	for m := 1; m <= 12; m++ {
		if !slices.Contains(y.Months, m) {
			out = append(out, m)
		}
	}
	return out
}

// SumYear adds up one agency's monthly figures of year (other years are ignored). A month
// given twice or an invalid figure is apperr.Invalid.
func SumYear(figs []MonthlyFigures, year int) (YearFigures, error) {
	out := YearFigures{Year: year}
	for _, f := range figs {
		if f.Year != year {
			continue
		}
		if err := f.Validate(); err != nil {
			return YearFigures{}, err
		}
		if slices.Contains(out.Months, f.Month) {
			return YearFigures{}, apperr.Newf(apperr.Invalid, "%d年%d月的数据重复", year, f.Month)
		}
		out.Months = append(out.Months, f.Month)
		out.Licensing += f.Licensing
		out.Penalty += f.Penalty
		out.Enforcement += f.Enforcement
		out.Fees += f.Fees
	}
	slices.Sort(out.Months)
	return out, nil
}

// Cells returns the four figures under their cell identifiers; the fee is in 万元.
func (y YearFigures) Cells() map[string]float64 {
	return map[string]float64{
		CellLicensingDecisions:  float64(y.Licensing),
		CellPenaltyDecisions:    float64(y.Penalty),
		CellEnforcementDecision: float64(y.Enforcement),
		CellFeesAmount:          y.Fees.WanYuanFloat(),
	}
}

// DocCount2019 is one row of 第二十条第（一）项 in the 2019 format (reports for 2019 and 2020).
type DocCount2019 struct {
	Made        int // 本年新制作数量: 成文日期 in the year
	Published   int // 本年新公开数量: 发布日期 in the year
	TotalPublic int // 对外公开总数量: published by 31 December
}

// DocCounts2019 is 第二十条第（一）项 of table 二 in the 2019 format.
type DocCounts2019 struct {
	Year        int
	Regulations DocCount2019
	Normative   DocCount2019 // 规范性文件
}

// CountDocuments2019 counts published 规章 and 规范性文件 for the 2019 format. Validity does not
// matter there: the columns count what was made and made public.
func CountDocuments2019(items []Item, year int) DocCounts2019 {
	out := DocCounts2019{Year: year}
	for _, it := range items {
		if it.State != Published || it.PublishedOn.IsZero() {
			continue
		}
		var c *DocCount2019
		switch it.Kind {
		case Regulation:
			c = &out.Regulations
		case Normative:
			c = &out.Normative
		default:
			continue
		}
		made := it.WrittenOn
		if made.IsZero() {
			made = it.PublishedOn
		}
		if made.Year() == year {
			c.Made++
		}
		if it.PublishedOn.Year() == year {
			c.Published++
		}
		if it.PublishedOn.Year() <= year {
			c.TotalPublic++
		}
	}
	return out
}

// Cells returns the six figures under their 2019-format cell identifiers.
func (d DocCounts2019) Cells() map[string]float64 {
	return map[string]float64{
		"active_2019.regulations.made":            float64(d.Regulations.Made),
		"active_2019.regulations.published":       float64(d.Regulations.Published),
		"active_2019.regulations.total_public":    float64(d.Regulations.TotalPublic),
		"active_2019.normative_docs.made":         float64(d.Normative.Made),
		"active_2019.normative_docs.published":    float64(d.Normative.Published),
		"active_2019.normative_docs.total_public": float64(d.Normative.TotalPublic),
	}
}

// Active2021Cells is table 二 (2021 format) of one agency for year: 第（一）项 counted from
// the catalog items, 第（五）（六）（八）项 summed from the monthly figures. The map is ready
// for compose.Figures.Active. Months without figures are the caller's to warn about
// (YearFigures.MissingMonths).
func Active2021Cells(items []Item, figs []MonthlyFigures, year int) (map[string]float64, error) {
	y, err := SumYear(figs, year)
	if err != nil {
		return nil, err
	}
	cells := CountDocuments(items, year).Cells()
	for id, v := range y.Cells() {
		cells[id] = v
	}
	return cells, nil
}
