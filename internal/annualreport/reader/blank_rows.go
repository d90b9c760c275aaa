package reader

import (
	"fmt"
	"strings"

	ar "gongkai/internal/annualreport"
)

// blankRow returns an occurrence of a row printed in a table with every one of its n
// cells blank: as much an occurrence as one with figures (a second agency's table, or
// the same table printed twice), unlike a mention of the row label in the text.
func blankRow(cs []cand, n int) (cand, bool) {
	for _, c := range cs {
		if c.status == fitEmpty && c.blanks >= n {
			blank := make([]cellVal, n)
			for k := range blank {
				blank[k].blank = true
			}
			c.vals = blank
			return c, true
		}
	}
	return cand{}, false
}

// blankAppeals returns table 四 with every cell blank when the headers from segs are
// followed by fifteen blank cells (sixteen with a 备注 column), or nil.
func blankAppeals(segs []seg) []cellVal {
	n := 0
	for _, s := range segs {
		n += len(s.vals)
	}
	if n != 15 && n != 16 {
		return nil
	}
	blank := make([]cellVal, 15)
	for k := range blank {
		blank[k].blank = true
	}
	return blank
}

// tableCells lists the cells of table id in the report's format.
func (a *assembler) tableCells(id string) []string {
	var ids []string
	for _, c := range ar.CellIDs(a.f) {
		if strings.HasPrefix(c, id+".") {
			ids = append(ids, c)
		}
	}
	return ids
}

// Reports with two agencies' tables, or a table printed twice, print each row more
// than once. A row is then read only when every copy of its table has it readable and
// the copies agree (resolve checks the agreement): otherwise it cannot be told which
// copy is this report's.

// occurrence reports whether candidate c is the row printed in a table: with figures,
// or with every one of its n cells (and any more beside them) blank, not a mention of
// its label in the text.
func occurrence(c cand, n int) bool {
	return c.status != fitEmpty || c.blanks >= n
}

// tableOf is the table a row key ("table.row") belongs to.
func tableOf(key string) string {
	t, _, _ := strings.Cut(key, ".")
	return t
}

// tableCopies returns, for each table, how many times most of its rows are printed.
func (a *assembler) tableCopies(cands map[string][]cand) map[string]int {
	again := false
	for _, cs := range cands {
		again = again || len(cs) > 1
	}
	if !again {
		return nil // every row printed once
	}
	counts := map[string]map[int]int{} // table → occurrences → rows
	for _, key := range sortedKeys(cands) {
		cs := cands[key]
		n := 0
		for _, c := range cs {
			if occurrence(c, len(columns(a.f, key))) {
				n++
			}
		}
		t := tableOf(key)
		if counts[t] == nil {
			counts[t] = map[int]int{}
		}
		counts[t][n]++
	}
	copies := map[string]int{}
	for t, byN := range counts {
		best, rows := 0, 0
		for n, r := range byN {
			if r > rows || (r == rows && n > best) {
				best, rows = n, r
			}
		}
		copies[t] = best
	}
	return copies
}

// copyMissing reports, with a finding, a row whose table is printed more than once
// and which is not readable in every copy.
func (a *assembler) copyMissing(key string, cs []cand, copies map[string]int) bool {
	want := copies[tableOf(key)]
	if want < 2 {
		return false
	}
	n := len(columns(a.f, key))
	got := 0
	for _, c := range cs {
		if c.status != fitOK && c.status != fitEmpty {
			got = -1
			break
		}
		if occurrence(c, n) {
			got++
		}
	}
	if got == want {
		return false
	}
	for _, c := range cs {
		a.consume(c.from, c.to)
	}
	ids := ar.RowCells(a.f, key)
	label := ar.CellLabel(a.f, ids[0])
	if k := strings.LastIndex(label, "·"); k > 0 {
		label = label[:k]
	}
	a.rep.Findings = append(a.rep.Findings, ar.Finding{Rule: ar.RuleAmbiguous, Cell: ids[0], Cells: append([]string(nil), ids...),
		Message: fmt.Sprintf("表格出现%d次（如两个机关的统计表），“%s”行并非每次都能读取，无法确定哪一处属于本报告", want, label)})
	return true
}
