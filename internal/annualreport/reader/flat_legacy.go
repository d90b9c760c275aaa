package reader

import (
	"fmt"
	"strings"
	"unicode/utf8"

	ar "gongkai/internal/annualreport"
)

// The pre-2019 statistics table with this year's figure and the running total (累计)
// beside it. Run together ("件 215"), the two cannot be told apart by position: a
// split is kept when the running total is at least this year's figure, and the table's
// sums (applications by channel, withheld replies by reason: ar.LegacySums) hold in
// both columns. Only this year's figure is a cell.

// legacyRunning reports a pre-2019 table whose header has a running total column: a
// short header line with 累计 and 本年 (or 单位, 数量).
func (a *assembler) legacyRunning() bool {
	for i := range a.toks {
		t := &a.toks[i]
		if t.kind != tLabel || t.long || !strings.Contains(t.text, "累计") || utf8.RuneCountInString(t.text) > 24 || strings.ContainsAny(t.text, "。，；,") {
			continue
		}
		line := ""
		if t.line >= 1 && t.line <= len(a.lines) {
			line = a.lines[t.line-1]
		}
		if strings.Contains(line, "本年") || strings.Contains(line, "单位") || strings.Contains(line, "数量") {
			return true
		}
	}
	return false
}

// legacySegment is one unit's figures of a row: this year's and the running total.
type legacySegment struct {
	row, col string
	c        cand // from the unit (or the row label) to the end of the figures
}

// legacyFlat reads the pre-2019 table with a running total column.
func (a *assembler) legacyFlat() {
	var segs []legacySegment
	a.eachLegacyRow(func(i int, row string, rc []string) {
		start, unit, figs, skipped := i, "", 0, 0
		flush := func(end int) {
			if figs == 0 {
				return
			}
			col := rc[0]
			if len(rc) > 1 {
				c, ok := legacyUnits[unit]
				if !ok {
					return
				}
				col = c
			}
			segs = append(segs, legacySegment{row: row, col: col, c: cand{from: start, to: end, line: a.toks[start].line}})
		}
		j := i + 1
	walk:
		for ; j < len(a.toks) && j < i+40; j++ {
			u := &a.toks[j]
			switch {
			case u.kind == tLabel && isUnit(u.c()):
				flush(j)
				start, unit, figs = j, u.c(), 0
			case u.kind == tNum || u.kind == tBlank || figs > 0 && numericLabel(u):
				figs++
			case u.kind == tLabel:
				if u.m().ok || u.long || figs > 0 {
					break walk
				}
				if skipped++; skipped > 2 {
					break walk
				}
			}
		}
		flush(j)
		a.consume(i, j)
		for _, c := range rc {
			if id := ar.Cell(ar.TableLegacy, row, c); a.rep.Cells[id] == nil {
				a.rep.Cells.SetNull(id)
			}
		}
	})
	// A table whose every row prints two figures, the total not less, with a space
	// between, spaces its cells: read by position. Otherwise the spaces are hints.
	spaced := true
	for _, s := range segs {
		var nums []*token
		for k := s.c.from + 1; k < s.c.to; k++ {
			if t := &a.toks[k]; t.kind == tNum || t.kind == tBlank {
				nums = append(nums, t)
			}
		}
		if len(nums) != 2 || leadingZero(a.toks[s.c.from+1:s.c.to]) || nums[0].kind == tNum && nums[1].kind == tNum && nums[1].val < nums[0].val {
			spaced = false
			break
		}
	}
	// Each segment's splits into this year and running total, the total not less.
	splits := make([][][]cellVal, len(segs))
	inferred := make([]bool, len(segs))
	at := map[string]int{}
	for k, s := range segs {
		id := ar.Cell(ar.TableLegacy, s.row, s.col)
		if _, dup := at[id]; dup {
			at[id] = -1 // printed twice: not read
			continue
		}
		at[id] = k
		atoms, _, ok := a.rowAtoms(s.c)
		if !ok || len(atoms) == 0 {
			continue
		}
		if spaced {
			atoms = atoms[:0]
			for k := s.c.from + 1; k < s.c.to; k++ {
				switch t := &a.toks[k]; t.kind {
				case tNum:
					atoms = append(atoms, atom{kind: atomFigure, val: t.val})
				case tBlank:
					atoms = append(atoms, atom{kind: atomBlank})
				}
			}
		}
		var kinds []cellKind
		if ar.IsAmount(id) || s.col == "yuan" {
			kinds = []cellKind{cellDecimal, cellDecimal}
		}
		all, ok := rowSplitsDec(atoms, 2, false, nil, kinds, a.workLeft())
		if !ok {
			continue
		}
		for _, v := range all {
			if v[0].blank || v[1].blank || v[1].v >= v[0].v {
				splits[k] = append(splits[k], v)
			}
		}
		inferred[k] = !certainCells(atoms, 2)
	}
	cols := legacyColumns()
	var eqs []equation
	for _, g := range ar.LegacySums {
		e := equation{}
		for n, row := range g {
			k, ok := at[ar.Cell(ar.TableLegacy, row, cols[row][0])]
			if !ok || k < 0 {
				e.rows = nil
				break
			}
			e.rows = append(e.rows, k)
			e.signs = append(e.signs, map[bool]float64{true: 1, false: -1}[n == 0])
		}
		if len(e.rows) == len(g) {
			eqs = append(eqs, e)
		}
	}
	seen, complete := solveTable(splits, eqs)
	for k, s := range segs {
		id := ar.Cell(ar.TableLegacy, s.row, s.col)
		if at[id] != k {
			a.rep.Findings = append(a.rep.Findings, ar.Finding{Rule: ar.RuleAmbiguous, Cell: id,
				Message: fmt.Sprintf("统计表“%s”出现多次，无法确定", ar.CellLabel(ar.FormatLegacy, id))})
			continue
		}
		switch {
		case len(splits[k]) == 0 || !complete[k] || len(seen[k]) == 0:
			a.rep.Findings = append(a.rep.Findings, ar.Finding{Rule: ar.RuleUnreadable, Cell: id,
				Message: fmt.Sprintf("统计表“%s”（第%d行）的本年度数与累计数无法分开，未读取", ar.CellLabel(ar.FormatLegacy, id), s.c.line)})
			continue
		}
		v := splits[k][seen[k][0]][0]
		agree := true
		for _, o := range seen[k][1:] {
			agree = agree && splits[k][o][0] == v
		}
		if !agree {
			a.rep.Findings = append(a.rep.Findings, ar.Finding{Rule: ar.RuleAmbiguous, Cell: id,
				Message: fmt.Sprintf("统计表“%s”（第%d行）的本年度数与累计数连在一起，可能的分法不止一种（%s），无法确定", ar.CellLabel(ar.FormatLegacy, id), s.c.line, splitNames(splits[k], seen[k]))})
			continue
		}
		if v.blank {
			a.rep.Cells.SetNull(id)
			continue
		}
		a.set(id, v.v)
		if inferred[k] {
			a.markHow(id, howSum)
		}
	}
}
