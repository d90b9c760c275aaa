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

// pipeRow describes the row of candidate c when its label stands on a line of cells
// between pipes: the pipes after its label, whether it has empty pieces, and whether
// its figures run on past that line.
func (a *assembler) pipeRow(c cand) (pipes int, empty, spans, ok bool) {
	if c.from >= len(a.toks) {
		return 0, false, false, false
	}
	line := a.toks[c.from].line
	if line < 1 || line > len(a.lines) {
		return 0, false, false, false
	}
	text := a.lines[line-1]
	if strings.IndexByte(text, '|') < 0 || markdownRow(text) {
		return 0, false, false, false
	}
	at := strings.Index(text, a.toks[c.from].text)
	if at < 0 || !strings.Contains(text[at:], "|") {
		return 0, false, false, false
	}
	for k := c.from; k < c.to && k < len(a.toks); k++ {
		t := &a.toks[k]
		if t.line != line {
			spans = true
		}
		if t.kind == tBlank && t.text == "" {
			empty = true
		}
	}
	return strings.Count(text[at:], "|"), empty, spans, true
}

// collapsedRuns leaves unread the rows of tables 二 and 三 that may have lost or gained
// cells when the rows do not all have the same number of pipes beyond their number of
// cells: rows with empty pieces, rows with another count than most, rows whose figures
// run on past their line. width is the number of cells printed in a row of table 三.
func (a *assembler) collapsedRuns(cands map[string][]cand, width int) {
	cells := func(key string) int {
		if strings.HasPrefix(key, ar.TableApplications+".") {
			return width
		}
		return len(columns(a.f, key))
	}
	offsets := map[int]bool{}
	count := map[int]int{}
	for _, key := range sortedKeys(cands) {
		cs := cands[key]
		for _, c := range cs {
			if n, _, spans, ok := a.pipeRow(c); ok && !spans && c.status != fitEmpty && c.status != fitRefused {
				offsets[n-cells(key)] = true
				count[n-cells(key)]++
			}
		}
	}
	a.pipeOffsets = offsets
	if len(offsets) < 2 {
		return // one count of pipes for every row: the pieces count the cells
	}
	most, best := 0, -1
	for off, n := range count {
		if n > best || (n == best && off < most) {
			most, best = off, n
		}
	}
	for _, key := range sortedKeys(cands) {
		cs := cands[key]
		for k, c := range cs {
			n, empty, spans, ok := a.pipeRow(c)
			if !ok || c.status != fitOK || !(empty || spans || n-cells(key) != most) {
				continue
			}
			ids := ar.RowCells(a.f, key)
			a.rep.Findings = append(a.rep.Findings, ar.Finding{Rule: ar.RuleUnreadable, Cell: ids[0], Cells: append([]string(nil), ids...),
				Message: fmt.Sprintf("“%s”行（第%d行）：表中各行竖线数不同（空白单元格被合并），无法确定各数字所属的单元格", a.toks[c.from].text, c.line)})
			a.consume(c.from, c.to)
			cs[k].vals, cs[k].status = nil, fitRefused
		}
	}
}

// appealCollapsed reports whether table 四's figures in toks[from:to] have empty
// pieces in a text whose tables 二 and 三 show blanks collapsed into runs of pipes.
func (a *assembler) appealCollapsed(from, to int) bool {
	if len(a.pipeOffsets) < 2 {
		return false
	}
	for k := from; k < to && k < len(a.toks); k++ {
		if t := &a.toks[k]; t.kind == tBlank && t.text == "" && strings.Contains(a.lines[t.line-1], "|") {
			return true
		}
	}
	return false
}

// markdownRow reports a Markdown table row ("| a | b |", an empty cell "|  |"): its
// pipes are its cells, never a collapsed run; a row with fewer pipes than the others
// has dropped cells (a PDF converter's Markdown), which flat.go places by the sums.
func markdownRow(line string) bool {
	t := trimSpace(line)
	return len(t) > 2 && t[0] == '|' && t[len(t)-1] == '|' && !strings.Contains(t, "||")
}
