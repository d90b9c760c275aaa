package web

import (
	"fmt"
	"html/template"
	"strings"

	"gongkai/internal/annualreport"
)

// reportTables is the statutory tables of r, each under a heading of level h, in the one
// HTML rendering of annualreport (the portal, the console and the command line print the
// same markup).
func reportTables(r *annualreport.Report, h int) template.HTML {
	if r == nil {
		return ""
	}
	return template.HTML(annualreport.TablesHTML(r, h)) // escaped by annualreport
}

// reportBody is the six sections of r, narrative and tables, as annualreport prints them.
func reportBody(r *annualreport.Report) template.HTML {
	if r == nil {
		return ""
	}
	return template.HTML(annualreport.BodyHTML(r)) // escaped by annualreport
}

// reportTable is one statutory table in the one HTML rendering of annualreport.
func reportTable(t *annualreport.GridTable) template.HTML {
	if t == nil {
		return ""
	}
	return template.HTML(annualreport.TableHTML(*t)) // escaped by annualreport
}

// reportParts is the six sections of r as every rendering prints them.
func reportParts(r *annualreport.Report) []annualreport.Part {
	if r == nil {
		return nil
	}
	return annualreport.Parts(r)
}

// paragraphs splits a section's text into its paragraphs: its lines that hold text.
func paragraphs(text string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}

// ruleLabels name the check rules of annualreport findings for people.
var ruleLabels = map[string]string{
	annualreport.RuleBlankCell:          "空白单元格",
	annualreport.RuleColumnBalance:      "表三各列勾稽关系",
	annualreport.RuleTotalRows:          "表三“（七）总计”",
	annualreport.RuleTotalColumn:        "表三“总计”列",
	annualreport.RuleAppealGroupTotal:   "表四“总计”",
	annualreport.RuleNonNegativeInteger: "非负整数",
	annualreport.RuleCrossYearCarryOver: "跨年度结转衔接",
	annualreport.RuleCrossYearInForce:   "跨年度现行有效件数衔接",
	annualreport.RuleCrossYearPrevItems: "跨年度上一年项目数量衔接",
	annualreport.RuleCrossYearAgency:    "跨年度机关名称",
	annualreport.RuleNarrativeOnly:      "只有文字、没有统计表",
	annualreport.RuleUnreadable:         "无法识别",
	annualreport.RuleAmbiguous:          "识别有歧义",
	annualreport.RuleMissingTable:       "缺少统计表",
	annualreport.RuleMissingRow:         "缺少行",
}

// ruleLabel is the Chinese name of a finding's rule, or the rule id when it has none.
func ruleLabel(rule string) string {
	if l, ok := ruleLabels[rule]; ok {
		return l
	}
	return rule
}

// formatLabel names the table format of an annual report (an
// annualreport.Format or its string) for people.
func formatLabel(f any) string { return annualreport.Format(fmt.Sprint(f)).Label() }
