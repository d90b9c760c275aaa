package web

import (
	"fmt"
	"strings"
	"unicode"

	"gongkai/internal/annualreport"
)

// layoutCell is one printed cell of a statutory table with the row and
// column spans of the national format (annualreport.Grid carries only
// column spans, which misaligns the multi-level headers and row labels of
// tables 三 and 四 when printed as HTML).
type layoutCell struct {
	annualreport.GridCell
	ColSpan, RowSpan int
	Head             bool // a column header (th scope=col) rather than a row label
}

type layoutTable struct {
	Section string
	ID      string
	Rows    [][]layoutCell
}

// reportLayout adds the row and column spans of the national format to the
// tables of annualreport.Grid.
func reportLayout(tables []annualreport.GridTable) []layoutTable {
	out := make([]layoutTable, 0, len(tables))
	for _, t := range tables {
		lt := layoutTable{Section: t.Section, ID: t.ID}
		for _, row := range t.Rows {
			cells := make([]layoutCell, len(row))
			for k, c := range row {
				cells[k] = layoutCell{GridCell: c, ColSpan: max(c.Span, 1), RowSpan: 1}
			}
			lt.Rows = append(lt.Rows, cells)
		}
		switch t.ID {
		case annualreport.TableApplications:
			layoutApplications(lt.Rows)
		case annualreport.TableAppeals:
			layoutAppeals(lt.Rows)
		default:
			layoutBlocks(lt.Rows)
		}
		out = append(out, lt)
	}
	return out
}

// layoutBlocks widens the last cell of short rows so that blocks of
// different widths (table 二: four columns for 第二十条第（一）项, two for
// the others) fill the table, as the merged cells of the national format do.
// Tables without row spans only.
func layoutBlocks(rows [][]layoutCell) {
	width := func(r []layoutCell) int {
		n := 0
		for _, c := range r {
			n += c.ColSpan
		}
		return n
	}
	most := 0
	for _, r := range rows {
		most = max(most, width(r))
	}
	for _, r := range rows {
		if w := width(r); w < most && len(r) > 0 {
			r[len(r)-1].ColSpan += most - w
		}
	}
}

// layoutApplications: three header rows over three label columns and seven
// applicant columns; row labels nest as 三、 > （三） > 1.
func layoutApplications(rows [][]layoutCell) {
	if len(rows) < 4 || len(rows[0]) != 2 || len(rows[1]) != 3 {
		return
	}
	for _, r := range rows[:3] {
		for k := range r {
			r[k].Head = true
		}
	}
	rows[0][0].RowSpan = 3
	rows[1][0].RowSpan, rows[1][2].RowSpan = 2, 2
	data := rows[3:]
	labels := func(r []layoutCell) int {
		n := 0
		for n < len(r) && !r[n].Value {
			n++
		}
		return n
	}
	for i, r := range data {
		switch labels(r) {
		case 1:
			switch {
			case topLevel(r[0].Text):
				r[0].ColSpan = 3
			case strings.HasPrefix(r[0].Text, "（"):
				r[0].ColSpan = 2
			}
		case 2:
			n := 1
			if topLevel(r[0].Text) {
				for i+n < len(data) && !topLevel(data[i+n][0].Text) {
					n++
				}
				r[1].ColSpan = 2
			} else {
				for i+n < len(data) && labels(data[i+n]) == 1 && startsDigit(data[i+n][0].Text) {
					n++
				}
			}
			r[0].RowSpan = n
		}
	}
}

// layoutAppeals: the five result headers of 行政复议 span the two header rows
// that 行政诉讼 needs.
func layoutAppeals(rows [][]layoutCell) {
	if len(rows) < 3 || len(rows[1]) < 5 {
		return
	}
	for _, r := range rows[:3] {
		for k := range r {
			r[k].Head = true
		}
	}
	for k := 0; k < 5; k++ {
		rows[1][k].RowSpan = 2
	}
}

// topLevel reports whether a label is numbered 一、二、… (a top-level item).
func topLevel(s string) bool {
	i := strings.IndexRune(s, '、')
	return i > 0 && strings.Trim(s[:i], "一二三四五六七八九十") == ""
}

func startsDigit(s string) bool {
	for _, r := range s {
		return unicode.IsDigit(r)
	}
	return false
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
