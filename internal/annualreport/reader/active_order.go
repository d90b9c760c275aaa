package reader

import (
	"fmt"
	"regexp"
	"strings"

	ar "gongkai/internal/annualreport"
)

// Table 二's column headers: some reports print a block's columns in another order
// than the form (现行有效件数 first, 处理决定数量 before 本年增/减). The headers printed
// above a row's block then tell which figure is which.

// activeHeaderCol returns the column of table 二 (format f) that header text c
// (canonical) names, or "".
func activeHeaderCol(f ar.Format, c string) string {
	bare, _ := stripNumbering(c)
	bare = strings.ReplaceAll(bare, "/", "")
	best, bestLen := "", 0
	for _, k := range activeHeaderKeys[f] {
		// The longest label that starts the header: 本年处理决定数量 before 处理决定数量.
		if strings.HasPrefix(bare, k.key) && len(k.key) > bestLen {
			best, bestLen = k.id, len(k.key)
		}
	}
	return best
}

type headerKey struct{ key, id string }

// activeHeaderKeys are table 二's column labels by format, canonical, without their
// bracketed unit (本年收费金额（单位：万元）) and the slash of 本年增/减.
var activeHeaderKeys = func() map[ar.Format][]headerKey {
	m := map[ar.Format][]headerKey{}
	for _, f := range []ar.Format{ar.Format2019, ar.Format2021} {
		for id, label := range ar.Tables(f)[0].Columns {
			key := canon(label)
			if k := strings.IndexByte(key, '('); k > 0 {
				key = key[:k]
			}
			m[f] = append(m[f], headerKey{strings.ReplaceAll(key, "/", ""), id})
		}
	}
	return m
}()

// activeHeaders returns the table 二 column headers printed above the row label at
// toks[row], in printed order: back over the figures and labels of the rows above it
// in its block, then the header cells, up to 信息内容 or any other label.
func (a *assembler) activeHeaders(row int) []string {
	var seq []string
	for i := row - 1; i >= 0 && i >= row-60; i-- {
		t := &a.toks[i]
		switch t.kind {
		case tNum, tBlank:
			if len(seq) > 0 {
				return reversed(seq)
			}
			continue
		}
		if !t.m().ok {
			continue // an unrecognised label (a header's second line, a unit)
		}
		if t.m().e.kind == kActiveRow {
			if len(seq) > 0 {
				return reversed(seq)
			}
			continue
		}
		if t.m().e.kind == kHeader && t.m().e.row == "备注" {
			continue
		}
		col := ""
		if t.m().e.kind == kHeader {
			col = activeHeaderCol(a.f, t.c())
		}
		if col == "" {
			if len(seq) > 0 && blockHeading.MatchString(t.c()) {
				// The block's heading printed inside its header row (a PDF table
				// without lines runs the line above into a header cell): the column
				// headers printed before it are of this block too.
				for j := i - 1; j >= 0 && j >= row-60; j-- {
					h := &a.toks[j]
					if h.kind != tLabel || !h.m().ok || h.m().e.kind != kHeader {
						break
					}
					c := activeHeaderCol(a.f, h.c())
					if c == "" {
						break
					}
					seq = append(seq, c)
				}
			}
			return reversed(seq) // 信息内容, 第二十条第（一）项, a section heading
		}
		seq = append(seq, col)
	}
	return reversed(seq)
}

// blockHeading is table 二's block heading (第二十条第（一）项), canonical.
var blockHeading = regexp.MustCompile(`^第二十条第[(（][一二三四五六七八九十]+[)）]项$`)

// reversed reverses s in place and returns it.
func reversed(s []string) []string {
	for l, r := 0, len(s)-1; l < r; l, r = l+1, r-1 {
		s[l], s[r] = s[r], s[l]
	}
	return s
}

// activeOrder puts the figures of the table 二 row at toks[row], read in printed order,
// in the statutory order of its columns cols when the headers above its block name
// them all once in another order. Headers naming only some of them out of the
// statutory order leave the row unread.
func (a *assembler) activeOrder(row int, key string, cols []string, got []cellVal, st fitStatus) ([]cellVal, fitStatus) {
	if st != fitOK || len(cols) < 2 {
		return got, st
	}
	order, inOrder, ok := a.activeColumnOrder(row, cols)
	if (!ok || inOrder && len(order) < len(cols)) && a.activeHeaderContradicts(row, cols) {
		// The headers recognised (if any) stand in the form's order, but the words of
		// those cut over lines show another: which figure is which is unknown.
		a.rep.Findings = append(a.rep.Findings, ar.Finding{Rule: ar.RuleUnreadable, Cell: ar.RowCells(a.f, key)[0], Cells: ar.RowCells(a.f, key),
			Message: fmt.Sprintf("二、主动公开政府信息情况表（第%d行）的列标题顺序与法定格式不同且不完整，无法确定各数字所属的单元格", a.toks[row].line)})
		return nil, fitRefused
	}
	if !ok {
		return got, st
	}
	switch {
	case inOrder:
		return got, st
	case len(order) < len(cols):
		a.rep.Findings = append(a.rep.Findings, ar.Finding{Rule: ar.RuleUnreadable, Cell: ar.RowCells(a.f, key)[0], Cells: ar.RowCells(a.f, key),
			Message: fmt.Sprintf("二、主动公开政府信息情况表（第%d行）的列标题顺序与法定格式不同且不完整，无法确定各数字所属的单元格", a.toks[row].line)})
		return nil, fitRefused
	}
	out := make([]cellVal, len(cols))
	for k, p := range order {
		out[p] = got[k]
	}
	return out, fitOK
}

// activeColumnOrder returns, for the table 二 row at toks[row] with columns cols, the
// statutory place of each printed column named by the headers above its block, and
// whether they stand in the statutory order; ok is false when no header is printed.
func (a *assembler) activeColumnOrder(row int, cols []string) (order []int, inOrder, ok bool) {
	seq := a.activeHeaders(row)
	if len(seq) == 0 {
		return nil, true, false
	}
	seen := 0
	for _, c := range seq {
		p := -1
		for k, col := range cols {
			if col == c {
				p = k
			}
		}
		if p < 0 || seen&(1<<p) != 0 {
			// A header of another block or one printed twice: the statutory order
			// only when those of this row stand in it.
			continue
		}
		seen |= 1 << p
		order = append(order, p)
	}
	inOrder = true
	for k := 1; k < len(order); k++ {
		inOrder = inOrder && order[k] > order[k-1]
	}
	return order, inOrder, true
}

// activeHeaderContradicts reports, for the table 二 row at toks[row] with columns cols,
// header words above it (back to its block's 第二十条 heading) that show the columns in
// another order than the form's: two of them on one line out of order, or, laid out in
// columns, their words cut over lines standing out of order.
func (a *assembler) activeHeaderContradicts(row int, cols []string) bool {
	if row < 0 || row >= len(a.toks) {
		return false
	}
	head := a.headerLines(a.toks[row].line, "第二十条")
	if len(head) == 0 {
		return false
	}
	keys := activeWordKeys(a.f, cols)
	if keys == nil {
		return false
	}
	for _, seq := range lineKeys(head, keys) {
		for k := 1; k < len(seq); k++ {
			if seq[k] <= seq[k-1] {
				return true
			}
		}
	}
	if !laidOut(head) {
		return false
	}
	if _, ok := headerPlaces(head, keys); !ok {
		return false
	}
	return !headerInOrder(head, keys)
}

// activeWordKeys are words that name table 二's columns cols (format f) even when a
// converter cuts their headers over lines: the label without 本年, its first two
// characters (增/ of 本年增/减, never a figure's 增加), or three where two would name two of the columns; nil when
// they cannot be told apart.
func activeWordKeys(f ar.Format, cols []string) [][]string {
	labels := ar.Tables(f)[0].Columns
	short := func(id string, n int) string {
		l := strings.TrimPrefix(labels[id], "本年")
		r := []rune(l)
		return string(r[:min(n, len(r))])
	}
	keys := make([][]string, len(cols))
	for k, id := range cols {
		if labels[id] == "" {
			return nil
		}
		w := short(id, 2)
		for j, other := range cols {
			if j != k && short(other, 2) == w {
				w = short(id, 3)
			}
		}
		for j, other := range cols {
			if j != k && strings.HasPrefix(short(other, 3), w) {
				return nil
			}
		}
		keys[k] = []string{w}
	}
	return keys
}
