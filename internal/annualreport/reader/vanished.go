package reader

import (
	"fmt"
	"math"
	"strings"

	ar "gongkai/internal/annualreport"
)

// Text copied from a PDF prints every cell on a line of its own, and an empty cell as
// nothing at all. A row that lost a blank cell has a figure too few and is not read;
// but a page number or a 序号 printed alone on its line makes the count up again. So
// in such a text, once some row is seen short or long, a row of table 三 is read
// only when its 总计 is the sum of its other six figures, table 四 only when each
// group's 总计 is the sum of its four, and table 二, which has no such sums, not at all.

// cellPerLine reports whether the row of candidate c is printed a cell per line: its
// label and each figure alone on their lines, with no separators.
func (a *assembler) cellPerLine(c cand) bool {
	if c.to-c.from < 2 || c.to > len(a.toks) {
		return false
	}
	prev := -1
	for k := c.from; k < c.to; k++ {
		line := a.toks[k].line
		if line == prev || line < 1 || line > len(a.lines) {
			return false
		}
		if strings.ContainsAny(a.lines[line-1], "|\t") {
			return false
		}
		prev = line
	}
	return true
}

// vanishedBlanks sets a.blanksVanish when a row printed a cell per line has fewer or
// more figures than cells, and then leaves unread the rows of tables 二 and 三 whose sums
// do not show that every figure is in its place.
func (a *assembler) vanishedBlanks(cands map[string][]cand) {
	for _, cs := range cands {
		for _, c := range cs {
			if (c.status == fitPartial || c.status == fitOverfull) && a.cellPerLine(c) {
				a.blanksVanish = true
			}
		}
	}
	if !a.blanksVanish {
		return
	}
	for _, key := range sortedKeys(cands) {
		cs := cands[key]
		apps := strings.HasPrefix(key, ar.TableApplications+".")
		for k, c := range cs {
			if c.status != fitOK || !a.cellPerLine(c) || (apps && sumHolds(c.vals[:6], c.vals[6])) {
				continue
			}
			ids := ar.RowCells(a.f, key)
			why := "总计与各列之和不符"
			if !apps {
				why = "无从核对"
			}
			a.rep.Findings = append(a.rep.Findings, ar.Finding{Rule: ar.RuleUnreadable, Cell: ids[0], Cells: append([]string(nil), ids...),
				Message: fmt.Sprintf("“%s”行（第%d行）每格一行且空白单元格未印出，页码可能混入，%s，无法确定各数字所属的单元格", a.toks[c.from].text, c.line, why)})
			a.consume(c.from, c.to)
			cs[k].vals, cs[k].status = nil, fitRefused
		}
	}
}

// sumHolds reports whether total is the sum of parts, all of them figures.
func sumHolds(parts []cellVal, total cellVal) bool {
	if total.blank || total.bad {
		return false
	}
	sum := 0.0
	for _, v := range parts {
		if v.blank || v.bad {
			return false
		}
		sum += v.v
	}
	return math.Abs(sum-total.v) < 1e-6
}

// appealSumsHold reports whether each group of table 四 (fifteen cells in statutory
// order) has its 总计 equal to the sum of its four results.
func appealSumsHold(vals []cellVal) bool {
	if len(vals) != 15 {
		return false
	}
	for g := 0; g < 3; g++ {
		if !sumHolds(vals[g*5:g*5+4], vals[g*5+4]) {
			return false
		}
	}
	return true
}
