package reader

import (
	"strings"

	ar "gongkai/internal/annualreport"
)

// guardBySums is the safety net of figures placed by position alone (a table without
// ruling lines, or PDF text with no table at all): columns found from where the figures
// stand can be off by one, and the header's order then puts a figure in a wrong cell.
// Tables 三 and 四 carry their own arithmetic (every row and column sums to its 总计); a
// table read that way is kept only when all its cells were read and every sum of it
// holds, else all its cells are left blank with one finding. (A published table that is itself inconsistent is then
// refused too: the reader cannot tell its error from a misplaced figure.)
func guardBySums(rep *ar.Report, how string) {
	for _, tbl := range []struct {
		prefix string
		rules  map[string]bool
		label  string
	}{
		{ar.TableApplications + ".", map[string]bool{ar.RuleColumnBalance: true, ar.RuleTotalRows: true, ar.RuleTotalColumn: true}, "三、收到和处理政府信息公开申请情况"},
		{ar.TableAppeals + ".", map[string]bool{ar.RuleAppealGroupTotal: true}, "四、政府信息公开行政复议、行政诉讼情况"},
	} {
		// Every cell read, and every sum holding: a table read in part has sums that
		// cannot be checked.
		broken, seen := false, false
		for _, id := range ar.CellIDs(rep.Format) {
			if strings.HasPrefix(id, tbl.prefix) {
				_, ok := rep.Cells.Get(id)
				seen = seen || ok
				broken = broken || !ok
			}
		}
		if !seen {
			continue // nothing read: nothing to take back
		}
		for _, f := range ar.Check(rep) {
			if tbl.rules[f.Rule] && strings.HasPrefix(f.Cell, tbl.prefix) {
				broken = true
				break
			}
		}
		if !broken {
			continue
		}
		var ids []string
		for _, id := range append(ar.CellIDs(rep.Format), ar.DerivedCells(rep.Format)...) {
			if strings.HasPrefix(id, tbl.prefix) {
				if _, ok := rep.Cells[id]; ok {
					rep.Cells.SetNull(id)
				}
				ids = append(ids, id)
			}
		}
		kept := rep.Findings[:0]
		for _, f := range rep.Findings {
			if !strings.HasPrefix(f.Cell, tbl.prefix) && !anyPrefix(f.Cells, tbl.prefix) {
				kept = append(kept, f)
			}
		}
		rep.Findings = append(kept, ar.Finding{Rule: ar.RuleUnreadable, Cell: ids[0], Cells: ids,
			Message: tbl.label + "表" + how + "，按位置读取的数字未能全部读出或与表内勾稽关系不符，可能错列，未采用该表数字"})
	}
}

func anyPrefix(ids []string, prefix string) bool {
	for _, id := range ids {
		if strings.HasPrefix(id, prefix) {
			return true
		}
	}
	return false
}
