package reader

import (
	"strings"
	"unicode/utf8"
)

// A site's text export may run a whole table together on one line: each row's label,
// its figures, the next row's label ("一、本年新收政府信息公开申请数量713000074二、上年结转…").
// Such a line is too long to be a cell and holds no label by itself, so the report
// reads as text only. splitRowRuns cuts it before each row label that follows a figure
// (keeping an item number "1." with its label) or starts a numbered row ("二、"), when
// three of the pieces at least begin with a statutory row label; the rows then read
// one per line, their figures run together (flat.go).

// rowRunMarkers are words one of which a line must hold to be looked at: the long lines
// of narrative need no cutting.
var rowRunMarkers = []string{"申请数量", "予以公开", "第二十条", "行政复议", "申请数", "公开数"}

// splitRowRuns returns text with its run-together table lines cut into rows, and
// whether it cut any.
func splitRowRuns(text string) (string, bool) {
	if len(text) < 200 || !strings.Contains(text, "公开") {
		return text, false
	}
	var b strings.Builder
	changed := false
	done := 0 // text before this is in b, once changed
	for at := 0; at < len(text); {
		end := strings.IndexByte(text[at:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += at
		}
		if end-at >= 120 {
			if cut, ok := cutRowRun(text[at:end]); ok {
				if !changed {
					b.Grow(len(text) + 64)
					changed = true
				}
				b.WriteString(text[done:at])
				b.WriteString(cut)
				done = end
			}
		}
		at = end + 1
	}
	if !changed {
		return "", false
	}
	b.WriteString(text[done:])
	return b.String(), true
}

// cutRowRun cuts one line; ok is false when it is not a table run together.
func cutRowRun(line string) (string, bool) {
	if len(line) < 120 || strings.ContainsAny(line, "|\t") || strings.Contains(line, "。") {
		return "", false // short, cells already apart, or sentences
	}
	marked := false
	for _, m := range rowRunMarkers {
		marked = marked || strings.Contains(line, m)
	}
	if !marked {
		return "", false
	}
	var cuts []int
	// after: the last character before this one, spaces aside, ends a cell's figure: a
	// digit or a blank mark.
	after := false
	for i := 0; i < len(line); {
		r, n := utf8.DecodeRuneInString(line[i:])
		digit := isDigitRune(r)
		// 无 is a blank mark, but for the 无 of 无正当理由 and 无法提供.
		mark := strings.ContainsRune(blankMarkRunes, r) && (r != '无' || !strings.HasPrefix(line[i+n:], "法") && !strings.HasPrefix(line[i+n:], "正"))
		switch {
		case isSpaceRune(r):
			i += n
			continue
		case digit && after && i+n < len(line) && (line[i+n] == '.' || strings.HasPrefix(line[i+n:], "．")) && nextIsHan(line, i+n):
			// "…00001.属于国家秘密", "…0 1.属于", "…-3.补正": the item number goes with
			// its label.
			cuts = append(cuts, i)
		case !digit && !mark && after && r != '.' && r != ',' && r != '％' && r != '%' && r != '．' && !isUnitStart(line[i:]):
			cuts = append(cuts, i)
		case strings.ContainsRune("一二三四五六七八九十", r) && strings.HasPrefix(line[i+n:], "、") && i > 0:
			cuts = append(cuts, i)
		}
		after = digit || mark
		i += n
	}
	if len(cuts) < 3 {
		return "", false
	}
	// The pieces that begin with a row label, up to their figures.
	pieces := make([]string, 0, len(cuts)+1)
	last := 0
	for _, c := range cuts {
		if c > last {
			pieces = append(pieces, line[last:c])
			last = c
		}
	}
	pieces = append(pieces, line[last:])
	rows := 0
	for _, p := range pieces {
		label := strings.TrimSpace(p)
		end := len(label)
		for i, r := range label {
			if isDigitRune(r) && i > 2 { // past an item number
				end = i
				break
			}
		}
		// A row label with figures after it (a header line naming the rows, a table on
		// its side, has none).
		if end < len(label) && end <= 3*maxLabelRunes && endsWithRowLabel(canon(label[:end])) {
			rows++
		}
	}
	if rows < 3 {
		return "", false
	}
	return strings.Join(pieces, "\n"), true
}

// blankMarkRunes are the characters of the marks a blank cell prints as.
const blankMarkRunes = "-—/无－／–─"

func isDigitRune(r rune) bool { return r >= '0' && r <= '9' || r >= '０' && r <= '９' }

// nextIsHan reports a Han character after the point at line[i].
func nextIsHan(line string, i int) bool {
	_, n := utf8.DecodeRuneInString(line[i:])
	r, _ := utf8.DecodeRuneInString(line[i+n:])
	return r >= 0x4e00 && r <= 0x9fff
}

// isUnitStart reports a unit right after a figure ("25件"): not a new row.
func isUnitStart(s string) bool {
	for _, u := range gluedUnits {
		if strings.HasPrefix(s, u) {
			return true
		}
	}
	return strings.HasPrefix(s, "万元")
}

// endsWithRowLabel reports a text that is, or ends with, a row label of a statutory
// table ("第二十条第（五）项信息内容本年处理决定数量行政许可").
func endsWithRowLabel(c string) bool {
	if m := lookup(c); m.ok && isRowKind(m.e.kind) {
		return true
	}
	// Row labels are short: look at the last 60 characters' starts only.
	from := 0
	if n := utf8.RuneCountInString(c); n > 60 {
		for k := 0; k < n-60; k++ {
			_, w := utf8.DecodeRuneInString(c[from:])
			from += w
		}
	}
	for i := range c[from:] {
		i += from
		if i == 0 {
			continue
		}
		rest, _ := stripNumbering(c[i:])
		if e := exact[rest]; e != nil && isRowKind(e.kind) {
			return true
		}
	}
	return false
}

func isRowKind(k labelKind) bool {
	return k == kAppRow || k == kActiveRow || k == kLegacyRow || k == kAppSpecial || k == kAppealGroup
}
