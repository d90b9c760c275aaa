// Package compose builds an agency's own annual report (2021 format) from its records:
// table 二 from the catalog and the monthly enforcement figures, table 三 from the
// applications, table 四 from the appeals, plus the narrative sections staff write. The
// figures are never typed in by hand, so the consistency rules hold by construction;
// Check is still run before publication, as a guard.
package compose

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"gongkai/internal/annualreport"
	"gongkai/internal/apperr"
)

// Narrative is what staff write: sections 一, 五 and 六 (第五十条).
type Narrative struct {
	Overview string // 一、总体情况
	Problems string // 五、存在的主要问题及改进情况
	Other    string // 六、其他需要报告的事项
	// FeeYuan is the 信息处理费 collected in the year, in yuan (reported under 六).
	FeeYuan float64
}

// Validate checks the narrative before publication.
func (n *Narrative) Validate() error {
	n.Overview = strings.TrimSpace(n.Overview)
	n.Problems = strings.TrimSpace(n.Problems)
	n.Other = strings.TrimSpace(n.Other)
	switch {
	case n.Overview == "":
		return apperr.New(apperr.Invalid, "请填写“一、总体情况”")
	case n.Problems == "":
		return apperr.New(apperr.Invalid, "请填写“五、存在的主要问题及改进情况”")
	case n.FeeYuan < 0:
		return apperr.New(apperr.Invalid, "信息处理费不能为负数")
	}
	for _, s := range []string{n.Overview, n.Problems, n.Other} {
		if utf8.RuneCountInString(s) > 50000 {
			return apperr.New(apperr.Invalid, "正文过长（每部分不超过 5 万字）")
		}
	}
	return nil
}

// OtherText is section 六 as printed: the staff's text, with the fee sentence the
// national format asks for.
func (n Narrative) OtherText() string {
	fee := "本年度未收取信息处理费。"
	if n.FeeYuan > 0 {
		fee = fmt.Sprintf("本年度收取信息处理费%s元。", annualreport.FormatNumber(n.FeeYuan))
	}
	if n.Other == "" {
		return fee + "无其他需要报告的事项。"
	}
	if strings.Contains(n.Other, "信息处理费") {
		return n.Other
	}
	return fee + n.Other
}

// Figures are the counted tables from the records.
type Figures struct {
	Active       map[string]float64 // active_2021.* cells (table 二)
	Applications map[string]int     // applications.* cells (table 三)
	Appeals      map[string]int64   // appeals.* cells (table 四)
}

// Build returns the 2021-format report of agency for year from the figures. Every cell of
// the format is filled; a cell the records do not give stays blank and Check will name it.
func Build(agency string, year int, f Figures) *annualreport.Report {
	r := annualreport.NewReport(agency, year, annualreport.Format2021)
	set := func(id string, v float64) {
		if _, ok := r.Cells[id]; ok {
			r.Cells[id] = annualreport.Num(v)
		}
	}
	for id, v := range f.Active {
		set(id, v)
	}
	for id, v := range f.Applications {
		set(id, float64(v))
	}
	for id, v := range f.Appeals {
		set(id, float64(v))
	}
	annualreport.FillDerived(r)
	r.Sections = []string{"一", "二", "三", "四", "五", "六"}
	r.Findings = annualreport.Check(r)
	return r
}
