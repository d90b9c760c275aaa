package annualreport

import "strings"

// Equation is one of the consistency rules 1–4 over the cells of a format, as an
// equation: the sum of the Left cells equals the sum of the Right cells. Rule names the
// rule (RuleColumnBalance, RuleTotalRows, RuleTotalColumn, RuleAppealGroupTotal); Label
// says in Chinese which column, row or group of which table. For every rule but
// RuleColumnBalance, Left is one 总计 cell and Right the cells it totals.
type Equation struct {
	Rule        string
	Label       string
	Left, Right []string
}

// Equations lists the equations Check applies to a report of format f, in the order of
// its findings; nil for formats without them.
func Equations(f Format) []Equation {
	l := layouts[f]
	if l == nil || (f != Format2019 && f != Format2021) {
		return nil
	}
	var out []Equation
	for k, ids := range l.eq.balance {
		out = append(out, Equation{Rule: RuleColumnBalance, Label: "表三" + quoted(colName(ApplicationColumns[k])) + "列：第一项加第二项之和等于第三项（七）加第四项之和",
			Left: clone(ids[:2]), Right: clone(ids[2:])})
	}
	for k, ids := range l.eq.totalRows {
		out = append(out, Equation{Rule: RuleTotalRows, Label: "表三" + quoted(colName(ApplicationColumns[k])) + "列：总计等于各项办理结果之和",
			Left: clone(ids[:1]), Right: clone(ids[1:])})
	}
	for k, ids := range l.eq.totalCol {
		out = append(out, Equation{Rule: RuleTotalColumn, Label: "表三" + quoted(rowLabel(f, l.eq.rowsOrder[k])) + "行：总计等于各列之和",
			Left: clone(ids[:1]), Right: clone(ids[1:])})
	}
	for k, ids := range l.eq.appeals {
		out = append(out, Equation{Rule: RuleAppealGroupTotal, Label: "表四" + quoted(appealGroupNames[AppealGroups[k]]) + "：总计等于四种结果之和",
			Left: clone(ids[:1]), Right: clone(ids[1:])})
	}
	return out
}

// quoted puts s in Chinese quotation marks, quotation marks inside it made single
// (“危及‘三安全一稳定’”).
func quoted(s string) string {
	return "“" + strings.NewReplacer("“", "‘", "”", "’").Replace(s) + "”"
}
