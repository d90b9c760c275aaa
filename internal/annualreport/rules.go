package annualreport

import (
	"fmt"
	"math"
)

// flaggingRules are findings that already explain why a cell is blank: the reader's, and
// the months of table 二 not entered.
var flaggingRules = map[string]bool{RuleUnreadable: true, RuleAmbiguous: true, RuleMissingTable: true, RuleMissingRow: true, RuleMissingMonth: true}

// Check applies the consistency rules (勾稽关系 1–5 of the national format) to one
// report and returns the findings, in table order. It reads r only. Cells already
// named by a finding that says why they are blank (the reader's unreadable, ambiguous,
// missing_table, missing_row; missing_month) are not reported again as blank.
func Check(r *Report) []Finding {
	if r == nil {
		return nil
	}
	f := r.Format
	if f != Format2019 && f != Format2021 && f != FormatLegacy {
		return nil
	}
	flagged := map[string]bool{}
	for _, fd := range r.Findings {
		if flaggingRules[fd.Rule] {
			flagged[fd.Cell] = true
			for _, c := range fd.Cells {
				flagged[c] = true
			}
		}
	}
	var out []Finding
	ids := CellIDs(f)
	if f == FormatLegacy {
		// Pre-2019 tables differ from province to province: check the rows present.
		ids = ids[:0:0]
		for _, id := range r.Cells.Sorted(f) {
			ids = append(ids, id)
		}
	}
	// The figures of the format's cells, by their place in CellIDs, for the equations.
	var vals cellValues
	if f != FormatLegacy {
		if len(ids) <= len(vals.vBuf) {
			vals.v, vals.ok = vals.vBuf[:len(ids)], vals.okBuf[:len(ids)]
		} else {
			vals.v, vals.ok = make([]float64, len(ids)), make([]bool, len(ids))
		}
	}
	for k, id := range ids {
		v, ok := r.Cells.Get(id)
		if f != FormatLegacy {
			vals.v[k], vals.ok[k] = v, ok
		}
		if !ok {
			if !flagged[id] {
				out = append(out, Finding{Rule: RuleBlankCell, Cell: id, Message: "单元格为空或无法识别：" + CellLabel(f, id)})
			}
			continue
		}
		if msg := checkValue(id, v); msg != "" {
			out = append(out, Finding{Rule: RuleNonNegativeInteger, Cell: id, Message: CellLabel(f, id) + "：" + msg + "（" + FormatNumber(v) + "）", Left: Num(v)})
		}
	}
	if f == FormatLegacy {
		return out
	}
	out = append(out, checkApplications(r, &vals)...)
	out = append(out, checkAppeals(r, &vals)...)
	return out
}

// cellValues are the figures of a report's cells by their place in CellIDs.
type cellValues struct {
	v  []float64
	ok []bool // present and not blank
	// room for the cells of the statutory formats, without allocating
	vBuf  [256]float64
	okBuf [256]bool
}

func (c *cellValues) get(k int) (float64, bool) { return c.v[k], c.ok[k] }

// sum adds up the cells at idx in order, as sumCells does; ok is false when one is blank.
func (c *cellValues) sum(idx []int) (float64, bool) {
	var s float64
	for _, k := range idx {
		if !c.ok[k] {
			return 0, false
		}
		s += c.v[k]
	}
	return s, true
}

func checkValue(id string, v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "不是有效数字"
	}
	if v < 0 && !MayBeNegative(id) {
		return "不能为负数"
	}
	if v != math.Trunc(v) && !IsAmount(id) {
		return "应为整数"
	}
	return ""
}

// colName is the Chinese name of a table 三 column.
func colName(c string) string {
	if c == "natural_person" || c == "total" {
		return applicationColumns[c]
	}
	return "法人或其他组织·" + applicationColumns[c]
}

func app(row, col string) string { return Cell(TableApplications, row, col) }

func clone(ids []string) []string { return append([]string(nil), ids...) }

func checkApplications(r *Report, c *cellValues) []Finding {
	var out []Finding
	l := layouts[r.Format]
	// Rule 1: 一 + 二 = 三（七）总计 + 四, every column.
	for k, ids := range l.eq.balance {
		col := ApplicationColumns[k]
		idx := l.eqIdx.balance[k]
		if lv, ok := c.sum(idx[:2]); ok {
			if rv, ok := c.sum(idx[2:]); ok && !equal(lv, rv) {
				out = append(out, Finding{
					Rule: RuleColumnBalance, Cell: ids[2], Cells: clone(ids[:]), Left: Num(lv), Right: Num(rv),
					Message: fmt.Sprintf("三、收到和处理政府信息公开申请情况“%s”列：一、本年新收与二、上年结转之和为%s，（七）总计与四、结转下年度继续办理之和为%s，二者应相等",
						colName(col), FormatNumber(lv), FormatNumber(rv)),
				})
			}
		}
	}
	// Rule 2: （七）总计 = the sum of every outcome row.
	for k, ids := range l.eq.totalRows {
		col := ApplicationColumns[k]
		idx := l.eqIdx.totalRows[k]
		t, ok := c.get(idx[0])
		if !ok {
			continue
		}
		if s, ok := c.sum(idx[1:]); ok && !equal(s, t) {
			out = append(out, Finding{
				Rule: RuleTotalRows, Cell: ids[0], Cells: clone(ids), Left: Num(t), Right: Num(s),
				Message: fmt.Sprintf("三、收到和处理政府信息公开申请情况“%s”列：（七）总计为%s，各项办理结果之和为%s，二者应相等", colName(col), FormatNumber(t), FormatNumber(s)),
			})
		}
	}
	// Rule 3: 总计 column = 自然人 + the five 法人或其他组织 columns, every row.
	for k, ids := range l.eq.totalCol {
		idx := l.eqIdx.totalCol[k]
		t, ok := c.get(idx[0])
		if !ok {
			continue
		}
		if s, ok := c.sum(idx[1:]); ok && !equal(s, t) {
			out = append(out, Finding{
				Rule: RuleTotalColumn, Cell: ids[0], Cells: clone(ids), Left: Num(t), Right: Num(s),
				Message: fmt.Sprintf("三、收到和处理政府信息公开申请情况“%s”行：总计为%s，自然人与法人或其他组织各列之和为%s，二者应相等", rowLabel(r.Format, l.eq.rowsOrder[k]), FormatNumber(t), FormatNumber(s)),
			})
		}
	}
	return out
}

func rowLabel(f Format, row string) string {
	for _, rr := range applicationRows(f) {
		if rr.ID == row {
			return rr.Label
		}
	}
	return row
}

var appealGroupNames = map[string]string{
	"reconsideration": "行政复议", "litigation_direct": "行政诉讼·未经复议直接起诉", "litigation_after": "行政诉讼·复议后起诉",
}

func checkAppeals(r *Report, c *cellValues) []Finding {
	var out []Finding
	l := layouts[r.Format]
	for k, ids := range l.eq.appeals {
		idx := l.eqIdx.appeals[k]
		t, ok := c.get(idx[0])
		if !ok {
			continue
		}
		if s, ok := c.sum(idx[1:]); ok && !equal(s, t) {
			out = append(out, Finding{
				Rule: RuleAppealGroupTotal, Cell: ids[0], Cells: clone(ids), Left: Num(t), Right: Num(s),
				Message: fmt.Sprintf("四、政府信息公开行政复议、行政诉讼情况“%s”：总计为%s，结果维持、结果纠正、其他结果、尚未审结之和为%s，二者应相等", appealGroupNames[AppealGroups[k]], FormatNumber(t), FormatNumber(s)),
			})
		}
	}
	return out
}

func equal(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

// CheckYears applies the cross-year rules (勾稽关系 6) to two reports of one agency for
// consecutive years: this year's 二、上年结转 equals last year's 四、结转下年度, column by
// column; 2021 现行有效件数 = last year's 现行有效件数 + 本年制发 − 本年废止; 2019
// 上一年项目数量 = last year's 上一年项目数量 + last year's 本年增/减.
func CheckYears(prev, cur *Report) []Finding {
	if prev == nil || cur == nil {
		return nil
	}
	if cur.Year != prev.Year+1 {
		return []Finding{{Rule: RuleCrossYearAgency, Message: fmt.Sprintf("两份报告的年度（%d、%d）不相邻，无法比对", prev.Year, cur.Year)}}
	}
	var out []Finding
	tabled := func(f Format) bool { return f == Format2019 || f == Format2021 }
	if tabled(prev.Format) && tabled(cur.Format) {
		for _, col := range ApplicationColumns {
			ci, ct := app("carried_in", col), app("carried_out", col)
			a, ok1 := cur.Cells.Get(ci)
			b, ok2 := prev.Cells.Get(ct)
			if ok1 && ok2 && !equal(a, b) {
				out = append(out, Finding{
					Rule: RuleCrossYearCarryOver, Cell: ci, Cells: []string{ci, ct}, Left: Num(a), Right: Num(b),
					Message: fmt.Sprintf("“%s”列：%d年度二、上年结转为%s，%d年度四、结转下年度继续办理为%s，二者应相等", colName(col), cur.Year, FormatNumber(a), prev.Year, FormatNumber(b)),
				})
			}
		}
	}
	if cur.Format == Format2021 && prev.Format == Format2021 {
		for _, row := range []string{"regulations", "normative_docs"} {
			id := func(c string) string { return Cell(TableActive2021, row, c) }
			now, ok1 := cur.Cells.Get(id("in_force"))
			before, ok2 := prev.Cells.Get(id("in_force"))
			iss, ok3 := cur.Cells.Get(id("issued"))
			rep, ok4 := cur.Cells.Get(id("repealed"))
			if ok1 && ok2 && ok3 && ok4 && !equal(now, before+iss-rep) {
				out = append(out, Finding{
					Rule: RuleCrossYearInForce, Cell: id("in_force"), Cells: []string{id("in_force"), id("issued"), id("repealed")},
					Left: Num(now), Right: Num(before + iss - rep),
					Message: fmt.Sprintf("%s：%d年度现行有效件数为%s，%d年度现行有效件数%s加本年制发%s减本年废止%s为%s，二者应相等",
						active2021.Rows[rowIndex(active2021, row)].Label, cur.Year, FormatNumber(now), prev.Year, FormatNumber(before), FormatNumber(iss), FormatNumber(rep), FormatNumber(before+iss-rep)),
				})
			}
		}
	}
	if cur.Format == Format2019 && prev.Format == Format2019 {
		for _, row := range []string{"licensing", "other_services", "penalty", "enforcement", "fees"} {
			id := func(c string) string { return Cell(TableActive2019, row, c) }
			now, ok1 := cur.Cells.Get(id("prev_items"))
			before, ok2 := prev.Cells.Get(id("prev_items"))
			chg, ok3 := prev.Cells.Get(id("change"))
			if ok1 && ok2 && ok3 && !equal(now, before+chg) {
				out = append(out, Finding{
					Rule: RuleCrossYearPrevItems, Cell: id("prev_items"), Cells: []string{id("prev_items"), id("change")},
					Left: Num(now), Right: Num(before + chg),
					Message: fmt.Sprintf("%s：%d年度上一年项目数量为%s，%d年度上一年项目数量%s加本年增/减%s为%s，二者应相等",
						active2019.Rows[rowIndex(active2019, row)].Label, cur.Year, FormatNumber(now), prev.Year, FormatNumber(before), FormatNumber(chg), FormatNumber(before+chg)),
				})
			}
		}
	}
	return out
}

func rowIndex(t Table, id string) int {
	for i, r := range t.Rows {
		if r.ID == id {
			return i
		}
	}
	return 0
}
