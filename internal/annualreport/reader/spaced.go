package reader

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// Figures with spaces inside one cell. "1 234" (a space between each three digits,
// as some sites print large figures) is one figure. Other digit groups in one cell —
// "1" and "23" in two paragraphs of a Word cell, "12" and "3" of two rows merged into
// one — are neither one figure nor, safely, several: the cell becomes
// unreadableFigure, and the row it is in is not read.

// unreadableFigure is the text of a cell holding figure fragments that cannot be read.
const unreadableFigure = "\uE000"

// spacedFigure reads s, a cell's text: digit groups separated by spaces, a unit
// after the last allowed. ok is false when s is not two or more such groups. When
// joinable and every group after the first has three digits (the first one to
// three), the figure is the digits joined; otherwise it is unreadableFigure.
func spacedFigure(s string, joinable bool) (string, bool) {
	groups := strings.FieldsFunc(s, isFigureSpace)
	unit := ""
	if n := len(groups); n >= 2 && isUnitWord(groups[n-1]) {
		unit, groups = groups[n-1], groups[:n-1]
	}
	if len(groups) < 2 {
		return "", false
	}
	last := groups[len(groups)-1]
	if unit == "" {
		for _, u := range unitSuffixes {
			if strings.HasSuffix(last, u) {
				unit, last = u, strings.TrimSuffix(last, u)
				break
			}
		}
	}
	frac := ""
	if k := strings.IndexByte(last, '.'); k > 0 && isDigits(last[k+1:]) {
		frac, last = last[k:], last[:k]
	}
	for _, g := range append(groups[:len(groups)-1:len(groups)-1], last) {
		if !isDigits(g) {
			if isFragment(g) {
				return unreadableFigure, true // "2" and ".48"
			}
			return "", false
		}
	}
	if !joinable || len(groups[0]) > 3 {
		return unreadableFigure, true
	}
	for _, g := range append(groups[1:len(groups)-1:len(groups)-1], last) {
		if len(g) != 3 {
			return unreadableFigure, true
		}
	}
	return strings.Join(groups[:len(groups)-1], "") + last + frac + unit, true
}

// halfWidthFigures rewrites, in place, a cell's full-width digits and decimal point
// (０-９, ．) as ASCII, which canon does for labels and parseNumber for figures alike,
// so that the checks of figures with spaces inside a cell (spacedDigits, spacedFigure)
// see them: "２６８４ .４９" (a point set apart from its figure) was read as 2684, its
// fraction dropped as a label.
func halfWidthFigures(b []byte) []byte {
	if !bytes.Contains(b, []byte{0xEF, 0xBC}) {
		return b
	}
	out := b[:0]
	for i := 0; i < len(b); {
		if i+2 < len(b) && b[i] == 0xEF && b[i+1] == 0xBC && (b[i+2] >= 0x90 && b[i+2] <= 0x99 || b[i+2] == 0x8E) {
			out = append(out, '0'+b[i+2]-0x90)
			if b[i+2] == 0x8E {
				out[len(out)-1] = '.'
			}
			i += 3
			continue
		}
		out = append(out, b[i])
		i++
	}
	return out
}

// isFragment reports a piece of a figure: digits with points or commas.
func isFragment(w string) bool {
	digit := false
	for i := 0; i < len(w); i++ {
		switch c := w[i]; {
		case c >= '0' && c <= '9':
			digit = true
		case c == '.' || c == ',':
		default:
			return false
		}
	}
	return digit
}

// isDigits reports a non-empty run of ASCII digits.
func isDigits(w string) bool {
	if w == "" {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return true
}

// cellText is the text of an HTML table cell as the tokenizer reads it: whitespace
// runs as one space, and digit groups in one cell read by spacedFigure (joined only
// when the spaces are spaces of the text, not paragraph or line breaks, marked '\n').
func cellText(raw string) string {
	text := string(halfWidthFigures([]byte(strings.Join(strings.Fields(raw), " "))))
	if !spacedDigits(text) {
		return text
	}
	if f, ok := spacedFigure(text, !strings.Contains(strings.TrimSpace(raw), "\n")); ok {
		return f
	}
	return text
}

// spacedPieces reads, in a line whose cells are separated by '|' or tabs, the cells
// holding digit groups: when other cells of the line hold one figure each, the
// separators mark the cells, and a cell of digit groups is one figure ("1 234") or
// unreadable. A line whose only cell follows a separator (a cell per line) is read
// the same way. In other lines ("规章 | 1 2 3") the spaces may separate cells: "1 2 3"
// stays as it is, and "2 715", which may be one figure or two, is unreadable.
func spacedPieces(pieces []piece, leadSep bool) {
	single, grouped, filled := 0, 0, 0
	for _, p := range pieces {
		if p.s == "" {
			continue
		}
		filled++
		switch {
		case !hasSpace(p.s):
			if _, _, ok := parseNumber(p.s); ok || isBlankMark(p.s) {
				single++
			}
		default:
			if _, ok := spacedFigure(p.s, true); ok {
				grouped++
			}
		}
	}
	if grouped == 0 {
		return
	}
	delimited := single > 0 || (leadSep && filled == 1)
	for k, p := range pieces {
		f, ok := spacedFigure(p.s, true)
		switch {
		case !ok:
		case delimited:
			pieces[k].s = f
		case f != unreadableFigure:
			// "2 715" beside cells of no figure: one figure or two cells, it cannot
			// be told.
			pieces[k].s = unreadableFigure
		}
	}
}

// spacedDigits reports a digit, spaces, and a digit (or the point or comma of a
// figure's fragment) in t: the texts spacedFigure may change.
func spacedDigits(t string) bool {
	for i := 1; i < len(t); i++ {
		if c := t[i-1]; c < '0' || c > '9' || t[i] < 0x80 && t[i] != ' ' {
			continue
		}
		j := i
		for j < len(t) {
			r, n := utf8.DecodeRuneInString(t[j:])
			if !isFigureSpace(r) {
				break
			}
			j += n
		}
		if j > i && j < len(t) && (t[j] >= '0' && t[j] <= '9' || t[j] == '.' || t[j] == ',') {
			return true
		}
	}
	return false
}

// isFigureSpace reports the spaces that may stand between the digits of one figure.
func isFigureSpace(r rune) bool {
	return r == ' ' || r == '\u00a0' || r == '\u3000' || r == '\u2009' || r == '\u202f' || r == '\n' || r == '\t'
}
