package reader

import (
	"math"
	"strings"
)

// appColumnOf maps a table 三 column header to its position in the statutory order
// (ar.ApplicationColumns); 法人或其他组织, the group over five of them, is -1.
var appColumnOf = map[string]int{
	"自然人": 0, "商业企业": 1, "科研机构": 2, "社会公益组织": 3, "法律服务机构": 4, "其他": 5, "总计": 6, "合计": 6,
	"法人或其他组织": -1, "小计": subtotalCol,
}

// subtotalCol stands for a 小计 column (the five 法人或其他组织 columns added up) that
// some tables print before 总计: it is checked and left out.
const subtotalCol = 7

// appColumnOrder reads the column headers printed before the first row of table 三 and
// returns, for each printed column, its statutory position, when the headers name all
// seven columns once in a way that fixes their order. It returns nil when the headers
// are in the statutory order, missing, or unclear (the statutory order is assumed, as
// before). ok is false when the seven headers are there but their order cannot be
// told: the table is then not read by position at all.
//
// The headers may be flattened from a two-row header: "自然人 法人或其他组织 总计" over
// "商业企业 … 其他". The five columns under 法人或其他组织 then stand where the group
// stands among 自然人 and 总计, in the order they are printed.
func (a *assembler) appColumnOrder() (perm []int, ok bool) {
	// The headers before the first 一、本年新收 that has any (a mention in the text
	// before the table has none).
	var seq []int // statutory positions and -1 for the group, in printed order
	var seen map[int]int
	var head []string // the lines above the row, in text laid out in columns
	for i := range a.toks {
		t := &a.toks[i]
		if t.kind == tLabel && t.m().ok && t.m().e.kind == kAppRow && t.m().e.row == "new" {
			if seq, seen = a.appHeaders(i); len(seq) > 0 {
				head = a.headerLines(t.line, "收到和处理")
				break
			}
		}
	}
	if laidOut(head) {
		a.appHeadCut = true // set back below when every header is recognised
	}
	if len(seq) == 0 {
		// No header found before 一、本年新收 (or no such row): the form's order, unless
		// the words above the table's first row show another.
		for i := range a.toks {
			if t := &a.toks[i]; t.kind == tLabel && t.m().ok && t.m().e.kind == kAppRow {
				h := a.headerLines(t.line, "收到和处理")
				a.appHeadCut = a.appHeadCut || laidOut(h)
				// Text laid out in columns: the words above the first row must show the
				// form's order (the sums do not show two columns swapped), not only not
				// contradict it; headers not found there show no order at all.
				if appHeaderContradicts(h) || (a.strict || laidOut(a.lines)) && !(laidOut(h) && headerStands(h, []int{0, 1, 2, 3, 4, 5, 6}, headerHasGroup(h), true)) {
					return nil, false
				}
				break
			}
		}
		return nil, true
	}
	for l, r := 0, len(seq)-1; l < r; l, r = l+1, r-1 {
		seq[l], seq[r] = seq[r], seq[l]
	}
	if seq, seen, ok = oneHeaderCopy(seq, seen); !ok {
		return nil, false
	}
	all := true
	for pos := 0; pos <= 6; pos++ {
		all = all && seen[pos] == 1
	}
	if seen[subtotalCol] > 1 || seen[-1] > 1 {
		return nil, false
	}
	order, ok := expandGroup(seq, seen[-1] == 1)
	if !ok {
		return nil, false
	}
	if !all {
		// Some headers unrecognised (split over lines, misspelt): read by the statutory
		// order only when those recognised stand in it.
		if seen[subtotalCol] > 0 {
			return nil, false
		}
		// In text laid out in columns the headers' words, cut as they may be, show the
		// order by where they stand: the unrecognised ones must be in the form's order
		// too, or the order is unknown (the sums do not show a swap of two columns).
		// Two headers unrecognised or more could stand in either order: their words,
		// where found, must not show another order.
		missing := 0
		for pos := 0; pos <= 6; pos++ {
			if seen[pos] != 1 {
				missing++
			}
		}
		if missing > 1 && appHeaderContradicts(head) {
			return nil, false
		}
		// Laid out in columns, the words must show the form's order (not only not
		// contradict it): words cut a character a line may stand where no column's
		// words can be told, and the sums do not show two columns swapped.
		if (a.strict || laidOut(head)) && missing > 1 && !(laidOut(head) && headerStands(head, []int{0, 1, 2, 3, 4, 5, 6}, seen[-1] == 1, true)) {
			return nil, false
		}
		for k := 1; k < len(order); k++ {
			if order[k] <= order[k-1] {
				return nil, false
			}
		}
		return nil, true
	}
	a.appHeadCut = false
	if len(order) != 7+seen[subtotalCol] {
		return nil, false
	}
	if laidOut(head) && seen[subtotalCol] == 0 && !headerStands(head, order, seen[-1] == 1, a.strict) {
		return nil, false // printed order and where the headers stand disagree
	}
	statutory := true
	for k, p := range order {
		if p != k {
			statutory = false
		}
	}
	if statutory {
		return nil, true
	}
	return order, true
}

// expandGroup turns the printed header sequence into column order. With the group
// header (a two-row header): 自然人, the group and 总计 in printed order, the group
// standing for the columns under it in printed order, which must all follow it. A 小计
// printed after some of the five is one of them; printed before all of them it cannot
// be told from a column of the first row, and the order is unclear.
func expandGroup(seq []int, group bool) ([]int, bool) {
	if !group {
		return seq, true
	}
	// 自然人 or 总计 printed after the group header and after one of the five: the five
	// share their row (the group header on a line of its own above them, as a PDF's
	// table without lines prints it, 自然人 and 总计 centred down onto the five's line),
	// and the printed order of that row is the columns' order; where the group header
	// was printed tells nothing (taken as standing before 自然人 it turned the columns
	// round by one, which no sum shows).
	for k, p := range seq {
		if p != 0 && p != 6 {
			continue
		}
		afterGroup, afterInner := false, false
		for _, q := range seq[:k] {
			afterGroup = afterGroup || q == -1
			afterInner = afterInner || q >= 1 && q <= 5 || q == subtotalCol
		}
		if afterGroup && afterInner {
			var order []int
			for _, q := range seq {
				if q != -1 {
					order = append(order, q)
				}
			}
			return order, true
		}
	}
	at := -1
	var inner []int
	for k, p := range seq {
		switch {
		case p == -1:
			at = k
		case p == subtotalCol && len(inner) == 0:
			return nil, false
		case p >= 1 && p <= 5 || p == subtotalCol:
			if at < 0 {
				return nil, false
			}
			inner = append(inner, p)
		}
	}
	var order []int
	for _, p := range seq {
		switch {
		case p == -1:
			order = append(order, inner...)
		case p == 0 || p == 6:
			order = append(order, p)
		}
	}
	return order, true
}

// totalsAgree reports whether every complete row of table 三 has 总计 equal to the sum
// of the other six columns: the check that a column order read from headers is right.
func totalsAgree(rows [][]cellVal) bool {
	for _, r := range rows {
		if len(r) != 7 {
			return false
		}
		sum, complete := 0.0, true
		for _, v := range r[:6] {
			if v.blank {
				complete = false
				break
			}
			sum += v.v
		}
		if complete && !r[6].blank && math.Abs(sum-r[6].v) > 1e-6 {
			return false
		}
	}
	return true
}

// appHeaders collects, backwards from the row label at first, the table 三 column
// headers printed before it, up to the section heading or another table's row.
func (a *assembler) appHeaders(first int) (seq []int, seen map[int]int) {
	seen = map[int]int{}
	for i := first - 1; i >= 0 && i >= first-120; i-- {
		t := &a.toks[i]
		if t.kind != tLabel || !t.m().ok {
			continue
		}
		k := t.m().e.kind
		if k == kSection || k == kActiveRow || k == kAppRow || k == kAppealGroup {
			break
		}
		if k != kHeader && k != kAppSpecial {
			continue
		}
		bare := t.bare()
		pos, isCol := appColumnOf[bare]
		if !isCol {
			continue
		}
		seq = append(seq, pos)
		seen[pos]++
	}
	return seq, seen
}

// oneHeaderCopy returns the headers once when they are printed more than once before
// the first row (the header block repeated by a page break or a copy): the same
// sequence each time. Repeated headers that differ leave the order unclear (ok false).
func oneHeaderCopy(seq []int, seen map[int]int) ([]int, map[int]int, bool) {
	repeated := false
	for _, n := range seen {
		repeated = repeated || n > 1
	}
	if !repeated {
		return seq, seen, true
	}
	for p := 1; p <= len(seq)/2; p++ {
		if len(seq)%p != 0 {
			continue
		}
		periodic := true
		for k := p; k < len(seq) && periodic; k++ {
			periodic = seq[k] == seq[k-p]
		}
		if !periodic {
			continue
		}
		one := map[int]int{}
		for _, q := range seq[:p] {
			one[q]++
		}
		for _, n := range one {
			if n > 1 {
				return nil, nil, false
			}
		}
		return seq[:p], one, true
	}
	return nil, nil, false
}

// headerStands reports whether the column headers of table 三, in header lines laid out
// in columns, stand left to right in order (statutory positions). Under a group header
// (法人或其他组织 over its five columns, 自然人 and 总计 beside it) only the five among
// themselves and 自然人 against 总计 are compared: a header cell spanning two rows is
// printed where its row's centre falls, not over its column. When the words cannot all
// be found, must says whether that fails.
func headerStands(head []string, order []int, group, must bool) bool {
	if head == nil {
		return !must
	}
	xs, ok := headerPlaces(head, applicationKeys)
	if !ok {
		return !must
	}
	last, lastTop := -1, -1
	for _, p := range order {
		if p < 0 || p >= len(xs) {
			return false
		}
		if group && (p == 0 || p == 6) {
			if xs[p] <= lastTop {
				return false
			}
			lastTop = xs[p]
			continue
		}
		if xs[p] <= last {
			return false
		}
		last = xs[p]
	}
	return true
}

// headerHasGroup reports header lines with table 三's group header 法人或其他组织.
func headerHasGroup(head []string) bool {
	for _, l := range head {
		if strings.Contains(l, "法人或其他组织") {
			return true
		}
	}
	return false
}
