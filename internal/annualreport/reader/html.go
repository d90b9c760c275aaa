package reader

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// looksHTML reports whether text is an HTML page or fragment.
func looksHTML(s string) bool {
	head := s
	if len(head) > 4096 {
		head = head[:4096]
	}
	for _, tag := range []string{"<html", "<body", "<table", "<div", "<p>", "<p ", "<br", "<td", "<!doctype"} {
		if containsFold(head, tag) {
			return true
		}
	}
	return containsFold(s, "<table")
}

// containsFold reports whether s contains the lower-case ASCII tag in any case.
func containsFold(s, tag string) bool {
	for i := 0; i+len(tag) <= len(s); {
		k := strings.IndexByte(s[i:], '<')
		if k < 0 {
			return false
		}
		i += k
		if i+len(tag) > len(s) {
			return false
		}
		match := true
		for j := 1; j < len(tag); j++ {
			c := s[i+j]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != tag[j] {
				match = false
				break
			}
		}
		if match {
			return true
		}
		i++
	}
	return false
}

// htmlToText renders an HTML page as the line text the tokenizer reads: paragraphs as
// lines; every table cell on its own line after a tab, an empty cell as a line holding
// only a tab (once per column it spans), and an empty line after every table row.
//
// It streams the page through htmlScanner (the tokenizer of golang.org/x/net/html,
// the parser goquery is built on, over the string in place) instead of building a DOM:
// the reader needs cells in document order, not a tree, and a tree costs several times
// as much. Omitted </td> and </tr> are handled; a table nested in a cell reads as that
// cell's text. Script, style, navigation and the like are skipped with their content.
// layoutTables marks, by their order in the document, the tables that hold another
// table: the page layout of older sites, which wraps the whole article (and the report's
// tables in it) in tables of its own. Their rows and cells are read as blocks of text,
// so that the tables inside are read as tables. nil when no table holds another.
func layoutTables(s string) []bool {
	if !maybeNestedTables(s) {
		return nil
	}
	var marks []bool
	var open []int // ordinals of the tables open at this point
	nested := false
	z := htmlScanner{s: s}
	for {
		switch z.next() {
		case hEOF:
			if !nested {
				return nil
			}
			return marks
		case hStart:
			if z.tag != tagTable {
				continue
			}
			if len(open) > 0 {
				nested = true
				for _, k := range open {
					marks[k] = true
				}
			}
			if len(open) < 64 {
				open = append(open, len(marks))
			}
			marks = append(marks, false)
		case hEnd:
			if z.tag == tagTable && len(open) > 0 {
				open = open[:len(open)-1]
			}
		}
	}
}

// maybeNestedTables reports, from the bytes alone, whether a <table> tag opens while
// another is open, so that pages without nested tables skip layoutTables' scan. Tags
// written inside comments or scripts can mislead it either way; a page that does that
// is read as if its tables were not nested.
func maybeNestedTables(s string) bool {
	depth := 0
	for i := strings.IndexByte(s, '<'); i >= 0; {
		j := i + 1
		closing := j < len(s) && s[j] == '/'
		if closing {
			j++
		}
		if j+5 <= len(s) && strings.EqualFold(s[j:j+5], "table") && (j+5 == len(s) || !isLetter(s[j+5])) {
			if closing {
				depth = max(depth-1, 0)
			} else if depth++; depth >= 2 {
				return true
			}
		}
		k := strings.IndexByte(s[i+1:], '<')
		if k < 0 {
			break
		}
		i += 1 + k
	}
	return false
}

func htmlToText(s string) string {
	layout := layoutTables(s)
	ordinal := 0     // tables started so far
	var kinds []bool // the tables open at this point: true for a layout table
	inLayout := func() bool { return len(kinds) > 0 && kinds[len(kinds)-1] }
	z := htmlScanner{s: s}
	b := make([]byte, 0, len(s)/2)
	var cell []byte // the open cell's text
	var norm []byte // a cell's text with its white space collapsed
	skip := 0
	pre := 0 // inside <pre>
	inCell := false
	span := 1
	depth := 0     // table nesting
	cellDepth := 0 // table nesting of the open cell
	// A 序号 column (serial numbers before the row labels) is left out: its numbers are
	// no figures. Only the outermost table's first column is tracked, with its rowspans.
	serial := false   // the outermost table has a 序号 first column
	col0Cover := 0    // rows still covered by a rowspan in the first column
	rowFirst := false // the next cell opens the row
	rowCovered := false
	isCol0, rowspan := false, 1
	// A row of the outermost table with no text at all (Word's spacer row that fixes
	// the column widths, trailing empty rows) is left out: its blanks would join the
	// figures of the row before.
	rowStart, rowText := -1, false
	endRow := func() {
		if rowStart >= 0 && !rowText {
			b = b[:rowStart]
		}
		rowStart = -1
	}
	flush := func() {
		if !inCell {
			return
		}
		inCell = false
		norm = appendFields(norm[:0], cell)
		norm = halfWidthFigures(norm)
		// Looked at, not kept: the bytes are reused for the next cell.
		if spacedDigits(unsafe.String(unsafe.SliceData(norm), len(norm))) {
			// Rare: digit groups ("1 234"), which cellText reads.
			norm = append(norm[:0], cellText(string(cell))...)
		}
		cell = cell[:0]
		text := norm
		if len(text) != 0 && cellDepth == 1 {
			rowText = true
		}
		if isCol0 {
			isCol0 = false
			col0Cover = rowspan - 1
			if span == 1 && (string(text) == "序号" || string(text) == "编号") {
				serial = true
				return
			}
			if serial && span == 1 {
				return
			}
			if serial && len(text) == 0 {
				span--
			}
		}
		if len(text) == 0 {
			for i := 0; i < span; i++ {
				b = append(b, "\n\t\n"...)
			}
			return
		}
		b = append(b, "\n\t"...)
		b = append(b, text...)
		b = append(b, '\n')
	}
	for {
		switch z.next() {
		case hEOF:
			flush()
			endRow()
			return ownedString(b)
		case hText:
			if skip > 0 {
				continue
			}
			t := z.text
			if inCell {
				cell = append(cell, t...)
			} else if pre > 0 {
				b = append(b, t...) // preformatted text keeps its lines
			} else if !isBlankText(t) {
				// Line breaks within the text are spaces.
				at := len(b)
				b = append(b, t...)
				for i := at; i < len(b); i++ {
					if c := b[i]; c == '\n' || c == '\r' {
						b[i] = ' '
					}
				}
			}
		case hStart:
			a := z.tag
			isLayout := false
			if a == tagTable {
				isLayout = ordinal < len(layout) && layout[ordinal]
				ordinal++
			}
			if a == tagSkip {
				if !z.selfClosing {
					skip++
				}
				continue
			}
			if skip > 0 {
				continue
			}
			if a == tagPre && !z.selfClosing {
				pre++
			}
			if a == tagTable && len(kinds) < 64 {
				kinds = append(kinds, isLayout)
			}
			switch {
			case isLayout || (inLayout() && !inCell && (a == tagTr || a == tagTd || a == tagTh)):
				// A layout table's rows and cells are blocks of text.
				b = append(b, '\n')
			case a == tagTable:
				depth++
				if depth == 1 {
					serial, col0Cover, rowFirst, rowCovered = false, 0, true, false
				}
				if inCell {
					cell = append(cell, ' ')
				} else {
					b = append(b, '\n')
				}
			case (a == tagTd || a == tagTh) && (!inCell || depth == cellDepth):
				flush()
				inCell, cellDepth, span, rowspan = true, depth, 1, 1
				isCol0 = depth == 1 && rowFirst && !rowCovered
				rowFirst = false
				if z.hasColspan {
					if n, err := strconv.Atoi(strings.TrimSpace(z.colspan)); err == nil && n > 1 && n < 50 {
						span = n
					}
				}
				if z.hasRowspan {
					if n, err := strconv.Atoi(strings.TrimSpace(z.rowspan)); err == nil && n > 1 && n < 500 {
						rowspan = n
					}
				}
			case a == tagTr && depth == 1 && (!inCell || depth == cellDepth):
				flush()
				b = append(b, "\n\n"...)
				endRow()
				rowStart, rowText = len(b), false
				rowFirst, rowCovered = true, col0Cover > 0
				if rowCovered {
					col0Cover--
				}
			case a == tagTr && inCell && depth == cellDepth:
				flush()
				b = append(b, "\n\n"...)
			case inCell && (isBlockTag(a) || a == tagTd || a == tagTh || a == tagTr):
				cell = append(cell, '\n') // a break: figures either side are not joined
			case isBlockTag(a):
				b = append(b, '\n')
			}
		case hEnd:
			a := z.tag
			if a == tagSkip {
				if skip > 0 {
					skip--
				}
				continue
			}
			if skip > 0 {
				continue
			}
			if a == tagPre && pre > 0 {
				pre--
			}
			wasLayout := false
			if a == tagTable && len(kinds) > 0 {
				wasLayout = kinds[len(kinds)-1]
				kinds = kinds[:len(kinds)-1]
			}
			switch {
			case wasLayout || (inLayout() && !inCell && (a == tagTr || a == tagTd || a == tagTh)):
				b = append(b, '\n')
			case (a == tagTd || a == tagTh) && inCell && depth == cellDepth:
				flush()
			case a == tagTr && (!inCell || depth == cellDepth):
				flush()
				b = append(b, "\n\n"...)
				if depth == 1 {
					endRow()
				}
			case a == tagTable:
				if inCell && depth == cellDepth {
					flush()
				}
				if depth == 1 {
					endRow()
				}
				if depth > 0 {
					depth--
				}
				if inCell {
					cell = append(cell, ' ')
				} else {
					b = append(b, "\n\n"...)
				}
			case inCell && isBlockTag(a):
				cell = append(cell, '\n')
			case isBlockTag(a):
				b = append(b, '\n')
			}
		}
	}
}

// isBlockTag reports the elements that break a line (blockTags of the DOM reader): p,
// div, br, headings, lists, title, pre, caption and the like.
func isBlockTag(a htag) bool { return a == tagBlock || a == tagPre || a == tagTitle }

// isBlankText reports text of white space only (unicode.IsSpace, as bytes.TrimSpace).
func isBlankText(t string) bool {
	for i := 0; i < len(t); {
		c := t[i]
		if c < utf8.RuneSelf {
			if asciiSpace[c] == 0 {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(t[i:])
		if !unicode.IsSpace(r) {
			return false
		}
		i += n
	}
	return true
}

var asciiSpace = [256]uint8{'\t': 1, '\n': 1, '\v': 1, '\f': 1, '\r': 1, ' ': 1}

// appendFields appends the words of t (split at unicode.IsSpace, as strings.Fields)
// joined by single spaces.
func appendFields(dst, t []byte) []byte {
	start := len(dst)
	space := true // at the start, or after white space
	for i := 0; i < len(t); {
		c := t[i]
		if c < utf8.RuneSelf {
			if asciiSpace[c] != 0 {
				space = true
				i++
				continue
			}
			if space && len(dst) > start {
				dst = append(dst, ' ')
			}
			space = false
			dst = append(dst, c)
			i++
			continue
		}
		r, n := utf8.DecodeRune(t[i:])
		if unicode.IsSpace(r) {
			space = true
			i += n
			continue
		}
		if space && len(dst) > start {
			dst = append(dst, ' ')
		}
		space = false
		dst = append(dst, t[i:i+n]...)
		i += n
	}
	return dst
}
