package reader

import (
	"strings"
	"unicode/utf8"
)

// Text laid out in columns by a PDF converter (pdftotext -layout) prints a row label
// wrapped in its cell where each of its lines falls: a label centred on its row stands
// partly above the row's figures and partly below them, the figures' line left without a
// label ("（七）" / "    6321   25 …" / "总计"). Read line by line, the part below would
// take the next row's figures. centredLabels puts such a label back on its figures' line:
// the lines of words just above and just below a line of figures that has no label are
// joined when they make one known row label, and only one (every way of taking fewer of
// them that is also a label must name the same row); the lines taken are left empty, so
// line numbers stay.

// maxCentredLines is the most lines of a label looked for on each side of its figures.
const maxCentredLines = 4

// centredLabels rewrites lines; ok is false when nothing was changed. A line of figures
// may begin with the label's first piece when it is no label by itself ("（七）  1,941 …"
// over "总计").
func centredLabels(lines []string) (string, bool) {
	changed := false
	var out []string // lines, with the pieces taken left empty
	at := func(i int) string {
		if out != nil {
			return out[i]
		}
		return lines[i]
	}
	for i := range lines {
		own, figs, ok := splitLabelFigures(at(i))
		if !ok {
			continue
		}
		if own != "" {
			if lab := cachedLookup(own); lab.m.ok && lookupWhole(lab.c) {
				continue // the label is whole on its line
			}
		}
		above, below := 0, 0
		for above < maxCentredLines && i-above-1 >= 0 && labelPiece(at(i-above-1)) {
			above++
		}
		for below < maxCentredLines && i+below+1 < len(lines) && labelPiece(at(i+below+1)) {
			below++
		}
		if above+below == 0 {
			continue
		}
		var row *entry
		bestK, bestM, best := -1, -1, ""
		agree := true
		for k := 0; k <= above; k++ {
			for m := 0; m <= below; m++ {
				if k+m == 0 {
					continue
				}
				var b strings.Builder
				for j := i - k; j < i; j++ {
					b.WriteString(strings.TrimSpace(at(j)))
				}
				b.WriteString(own)
				for j := i + 1; j <= i+m; j++ {
					b.WriteString(strings.TrimSpace(at(j)))
				}
				joined := b.String()
				lab := cachedLookup(joined)
				if !lab.m.ok || !lookupWhole(lab.c) {
					continue
				}
				if k := lab.m.e.kind; k != kActiveRow && k != kAppRow && k != kLegacyRow && (k != kAppSpecial || lab.m.num == "") {
					// A column header (总计 over table 四's figures) or a word that
					// needs its context, without an item number: no row label.
					continue
				}
				if row != nil && lab.m.e != row {
					agree = false
				}
				row = lab.m.e
				if k+m > bestK+bestM {
					bestK, bestM, best = k, m, joined
				}
			}
		}
		if row == nil || !agree {
			continue
		}
		if out == nil {
			out = append([]string(nil), lines...)
		}
		for k := 1; k <= bestK; k++ {
			out[i-k] = ""
		}
		for m := 1; m <= bestM; m++ {
			out[i+m] = ""
		}
		out[i] = best + "    " + figs
		changed = true
	}
	if !changed {
		return "", false
	}
	return strings.Join(out, "\n"), true
}

// splitLabelFigures cuts a line laid out in columns into the words before its figures
// and its figures: two figures or more (or blank marks), and before them either nothing
// (the line indented from the margin) or a word at the margin.
func splitLabelFigures(l string) (label, figs string, ok bool) {
	t := strings.TrimLeft(l, " \t")
	lead := len(l) - len(t)
	if lead < 2 {
		cut := strings.IndexAny(t, " \t")
		if lead > 1 || cut <= 0 {
			return "", "", false
		}
		label, t = t[:cut], strings.TrimLeft(t[cut:], " \t")
		if utf8.RuneCountInString(label) > 16 || figureLike(label) {
			return "", "", false
		}
	}
	if !labelFreeFigures("  " + t) {
		return "", "", false
	}
	return label, strings.TrimRight(t, " \t\r"), true
}

// labelFreeFigures reports a line of two figures or more (or blank marks) indented
// from the left margin: a row whose label is printed on other lines.
func labelFreeFigures(l string) bool {
	if !strings.HasPrefix(l, "  ") {
		return false
	}
	fields := strings.Fields(l)
	if len(fields) < 2 {
		return false
	}
	digits := false
	for _, f := range fields {
		if !plainFigure(f) {
			return false
		}
		digits = digits || strings.IndexAny(f, "0123456789") >= 0
	}
	return digits
}

// plainFigure is a figure in Arabic digits (with thousands commas, a decimal point) or a
// blank mark; a figure in Chinese numerals may itself be wrapped over lines.
func plainFigure(f string) bool {
	switch f {
	case "-", "－", "—", "–", "/", "／", "无":
		return true
	}
	for _, r := range f {
		if !(r >= '0' && r <= '9' || r == ',' || r == '.' || r == '，') {
			return false
		}
	}
	return f[0] >= '0' && f[0] <= '9'
}

// labelPiece reports a line that can be a piece of a wrapped row label: one word at
// the left margin, no figure.
func labelPiece(l string) bool {
	t := strings.TrimSpace(l)
	if t == "" || strings.ContainsAny(t, " \t") || utf8.RuneCountInString(t) > 16 {
		return false
	}
	if lead := len(l) - len(strings.TrimLeft(l, " ")); lead > 3 {
		return false
	}
	return !figureLike(t) && !strings.HasPrefix(t, "-")
}
