package reader

import (
	"fmt"
	"strings"

	ar "gongkai/internal/annualreport"
)

// Collapsed blanks: some crawlers print a run of empty cells as a run of pipes of
// any length ("0||||3"), so the empty pieces between pipes no longer count the empty
// cells. In tables printed one row per line between pipes, every row has as many
// pipes after its label as it has cells, give or take the same one or two. When they
// do not, blanks have been collapsed somewhere, and no row with empty pieces can be
// placed: a run printed too long in one place and too short in another keeps the count.

// pipeRow describes the row of candidate c when it is one line of cells
// between pipes: the pipes after its label and whether it has empty pieces.
func (a *assembler) pipeRow(c cand) (pipes int, empty, ok bool) {
	if c.from >= len(a.toks) {
		return 0, false, false
	}
	line := a.toks[c.from].line
	_, end := collect(a.toks, c.from) // a row left unread has no range of its own
	for k := c.from; k < end; k++ {
		t := &a.toks[k]
		if t.line != line {
			return 0, false, false
		}
		if t.kind == tBlank && t.text == "" {
			empty = true
		}
	}
	if line < 1 || line > len(a.lines) {
		return 0, false, false
	}
	text := a.lines[line-1]
	at := strings.Index(text, a.toks[c.from].text)
	if at < 0 {
		return 0, false, false
	}
	pipes = strings.Count(text[at:], "|")
	return pipes, empty, pipes > 0
}

// collapsedRuns leaves unread the rows of tables 二 and 三 with empty pieces when the
// rows do not all have the same number of pipes beyond their number of cells; width
// is the number of cells printed in a row of table 三.
func (a *assembler) collapsedRuns(cands map[string][]cand, width int) {
	cells := func(key string) int {
		if strings.HasPrefix(key, ar.TableApplications+".") {
			return width
		}
		return len(columns(a.f, key))
	}
	offsets := map[int]bool{}
	for key, cs := range cands {
		for _, c := range cs {
			if n, _, ok := a.pipeRow(c); ok && c.status != fitEmpty {
				offsets[n-cells(key)] = true
			}
		}
	}
	if len(offsets) < 2 {
		return // one count of pipes for every row: the pieces count the cells
	}
	for key, cs := range cands {
		for k, c := range cs {
			if _, empty, ok := a.pipeRow(c); ok && empty && c.status == fitOK {
				ids := ar.RowCells(a.f, key)
				a.rep.Findings = append(a.rep.Findings, ar.Finding{Rule: ar.RuleUnreadable, Cell: ids[0], Cells: append([]string(nil), ids...),
					Message: fmt.Sprintf("“%s”行（第%d行）有空白单元格，而表中各行竖线数不同（空白单元格被合并），无法确定各数字所属的单元格", a.toks[c.from].text, c.line)})
				a.consume(c.from, c.to)
				cs[k].vals, cs[k].status = nil, fitEmpty
			}
		}
	}
}
