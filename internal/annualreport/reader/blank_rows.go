package reader

import (
	"strings"

	ar "gongkai/internal/annualreport"
)

// blankRow returns an occurrence of a row printed in a table with every one of its n
// cells blank: as much an occurrence as one with figures (a second agency's table, or
// the same table printed twice), unlike a mention of the row label in the text.
func blankRow(cs []cand, n int) (cand, bool) {
	for _, c := range cs {
		if c.status == fitEmpty && c.blanks == n {
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
