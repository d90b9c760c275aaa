package reader

import (
	"regexp"
	"strings"
)

// Text copied from a PDF breaks a long label wherever its cell's width ends
// ("一、本年新收政府" / "信息公开申请数量"), and prints page footers and the running
// title between table rows.

// joinWrapped joins a label broken over consecutive lines: an unrecognised label, each
// part alone on its line, followed by one or two unrecognised labels that together
// with it make a recognised one.
func joinWrapped(toks []token) []token {
	var out []token
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if wrappable(&t) {
			for n := 1; n <= 2 && i+n < len(toks); n++ {
				u := &toks[i+n]
				// The last part may begin a line of figures (a Markdown row whose label
				// wraps around them: "| 一、本年新收政府 |" / "| 信息公开申请数量 | 3 | …").
				first := u.inner && u.kind == tLabel && !u.m().ok && !u.long && len(u.text) <= 3*maxWrapped && u.text != unreadableFigure
				if !(wrappable(u) || first) || u.line != toks[i+n-1].line+1 || len(t.text)+len(u.text) > 3*maxWrapped {
					break
				}
				var b strings.Builder
				for _, p := range toks[i : i+n+1] {
					b.WriteString(p.text)
				}
				joined := b.String()
				if lab := cachedLookup(joined); lab.m.ok && lookupWhole(lab.c) {
					if out == nil {
						out = append(make([]token, 0, len(toks)), toks[:i]...)
					}
					t.text, t.lab, t.inner = joined, lab, u.inner
					i += n
					break
				}
				if first {
					break // a line of figures ends the label
				}
			}
		}
		if out != nil {
			out = append(out, t)
		}
	}
	if out == nil {
		return toks
	}
	return out
}

// maxWrapped is the most characters of a label looked for broken over lines.
const maxWrapped = 48

// wrappable reports a label that may be part of one broken over lines.
func wrappable(t *token) bool {
	return t.kind == tLabel && !t.m().ok && !t.long && !t.inner && len(t.text) <= 3*maxWrapped && t.text != unreadableFigure
}

var pageFooter = regexp.MustCompile(`^(?:[-—–－─]+\s*\d{1,4}\s*[-—–－─]+|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})$`)

// dropPageFooters drops the lines that are page footers ("— 3 —", "第 3 页 共 9
// 页"), and the running title (the first line) printed again after a footer. A page
// number alone on its line is not told from a figure, unless the running title
// follows it: then it goes too.
//
// lines are text's lines (splitLines); ok is false when nothing is dropped.
func dropPageFooters(text string, lines []string) (out string, ok bool) {
	type span struct{ from, to int }
	var drops []span
	title := ""
	prev, prevKind := span{}, 0 // the last non-empty line: 1 a footer, 2 a bare number
	i := 0                      // where the line starts in text
	for _, raw := range lines {
		if i >= len(text) {
			break // the empty line after a final line break
		}
		j := len(raw)
		line := span{i, i + j}
		i += j + 1
		if title != "" && len(raw) > 48 && (len(raw) < len(title) || len(raw) > len(title)+24) {
			prevKind = 0 // too long for a footer, not the running title
			continue
		}
		t := trimSpace(raw)
		if t == "" {
			continue
		}
		kind := 0
		switch c := t[0]; {
		case title == "":
			title = t
		case t == title && prevKind > 0 && len(t) >= 12:
			if prevKind == 2 {
				drops = append(drops, prev)
			}
			drops = append(drops, line)
		case len(t) > 48:
		case c >= '0' && c <= '9' && strings.IndexByte(t, '/') < 0:
			if len(t) <= 4 && isDigits(t) {
				kind = 2
			}
		case c == '-' || c == 0xE2 || c == 0xEF || (c >= '0' && c <= '9') || strings.HasPrefix(t, "第"):
			// "- 3 -", "— 3 —", "－ 3 －", "3/9", "第 3 页": the candidates for the pattern.
			if pageFooter.MatchString(t) {
				drops = append(drops, line)
				kind = 1
			}
		}
		prev, prevKind = line, kind
	}
	if len(drops) == 0 {
		return text, false
	}
	var b strings.Builder
	b.Grow(len(text))
	done := 0
	for _, d := range drops {
		b.WriteString(text[done:d.from])
		done = d.to
	}
	b.WriteString(text[done:])
	return b.String(), true
}
