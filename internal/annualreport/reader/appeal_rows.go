package reader

import (
	"regexp"
	"strconv"
	"strings"
)

// Table 四 with more than one data row: some reports print last year's figures in a
// row of their own beside this year's, each row led by its year (2022年, 上年, 本年).
// Only a row that names the report's own year is read; otherwise none.

// appealDataRow reports whether toks[k] is the label that leads a data row of table
// 四: an unrecognised short label followed by at least five figures or blanks.
func (a *assembler) appealDataRow(k int) bool {
	t := &a.toks[k]
	if t.kind != tLabel || t.m().ok || t.long {
		return false
	}
	n := 0
	for j := k + 1; j < len(a.toks) && j <= k+5; j++ {
		if a.toks[j].kind == tLabel {
			return false
		}
		n++
	}
	return n == 5
}

var yearLabel = regexp.MustCompile(`^((19|20)\d\d)年度?$`)

// rowYear is the year a data row label names: 0 for last year's ("上年"), the report
// year for this year's ("本年"), -1 when it names none.
func (a *assembler) rowYear(label string) int {
	c := canon(label)
	switch {
	case strings.HasPrefix(c, "本年") || strings.HasPrefix(c, "今年"):
		return a.rep.Year
	case strings.HasPrefix(c, "上年") || strings.HasPrefix(c, "上一年") || strings.HasPrefix(c, "去年"):
		return 0
	}
	if m := yearLabel.FindStringSubmatch(c); m != nil {
		y, _ := strconv.Atoi(m[1])
		return y
	}
	return -1
}

// appealYearRow looks, after the table 四 anchor at toks[anchor] whose walk ended at
// end, for a second labelled data row. multi is false when there is none. With several,
// vals are the figures of the one row naming the report's year, or nil when no single
// row does; rowEnd is where the last row ends.
func (a *assembler) appealYearRow(anchor, end int, segs []seg) (vals []cellVal, rowEnd int, multi bool) {
	if end >= len(a.toks) || !a.appealDataRow(end) {
		return nil, end, false
	}
	// Only the layout of one data row after all the headers has row labels.
	for _, s := range segs[:len(segs)-1] {
		if len(s.vals) > 0 {
			return nil, end, true
		}
	}
	var rows []int
	for k := anchor + 1; k < end; k++ {
		if a.appealDataRow(k) {
			rows = append(rows, k)
		}
	}
	if len(rows) != 1 {
		return nil, end, true
	}
	last := end
	for k := end; k < len(a.toks) && a.appealDataRow(k); {
		rows = append(rows, k)
		_, k = a.collect(k)
		last = k
	}
	if a.rep.Year == 0 {
		return nil, end, true
	}
	pick := -1
	for _, k := range rows {
		switch y := a.rowYear(a.toks[k].text); {
		case y == -1:
			return nil, end, true // a row that names no year
		case y == a.rep.Year:
			if pick >= 0 {
				return nil, end, true
			}
			pick = k
		}
	}
	if pick < 0 {
		return nil, end, true
	}
	vals, _ = a.collect(pick)
	return vals, last, true
}
