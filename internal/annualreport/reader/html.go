package reader

import (
	"bytes"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
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

// skipTags are page chrome and non-content elements, skipped with their content.
var skipTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Nav: true, atom.Footer: true,
	atom.Iframe: true, atom.Select: true, atom.Button: true, atom.Svg: true, atom.Template: true, atom.Object: true,
}

var blockTags = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Br: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Li: true, atom.Ul: true, atom.Ol: true, atom.Section: true,
	atom.Article: true, atom.Header: true, atom.Title: true, atom.Pre: true, atom.Blockquote: true,
	atom.Dd: true, atom.Dt: true, atom.Hr: true, atom.Caption: true,
}

// htmlToText renders an HTML page as the line text the tokenizer reads: paragraphs as
// lines; every table cell on its own line after a tab, an empty cell as a line holding
// only a tab (once per column it spans), and an empty line after every table row.
//
// It streams the page through golang.org/x/net/html's tokenizer (the parser goquery is
// built on) instead of building a DOM: the reader needs cells in document order, not a
// tree, and a tree costs several times as much. Omitted </td> and </tr> are handled;
// a table nested in a cell reads as that cell's text.
func htmlToText(s string) string {
	z := html.NewTokenizer(strings.NewReader(s))
	var b bytes.Buffer
	var cell strings.Builder
	b.Grow(len(s) / 2)
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
			b.Truncate(rowStart)
		}
		rowStart = -1
	}
	flush := func() {
		if !inCell {
			return
		}
		inCell = false
		text := cellText(cell.String())
		cell.Reset()
		if text != "" && cellDepth == 1 {
			rowText = true
		}
		if isCol0 {
			isCol0 = false
			col0Cover = rowspan - 1
			if span == 1 && (text == "序号" || text == "编号") {
				serial = true
				return
			}
			if serial && span == 1 {
				return
			}
			if serial && text == "" {
				span--
			}
		}
		if text == "" {
			for i := 0; i < span; i++ {
				b.WriteString("\n\t\n")
			}
			return
		}
		b.WriteString("\n\t")
		b.WriteString(text)
		b.WriteString("\n")
	}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			flush()
			endRow()
			return b.String()
		case html.TextToken:
			if skip > 0 {
				continue
			}
			t := z.Text()
			if inCell {
				cell.Write(t)
			} else if pre > 0 {
				b.Write(t) // preformatted text keeps its lines
			} else if len(bytes.TrimSpace(t)) > 0 {
				for _, c := range t {
					if c == '\n' || c == '\r' {
						c = ' '
					}
					b.WriteByte(c)
				}
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			if skipTags[a] {
				if tt == html.StartTagToken {
					skip++
				}
				continue
			}
			if skip > 0 {
				continue
			}
			if a == atom.Pre && tt == html.StartTagToken {
				pre++
			}
			switch {
			case a == atom.Table:
				depth++
				if depth == 1 {
					serial, col0Cover, rowFirst, rowCovered = false, 0, true, false
				}
				if inCell {
					cell.WriteByte(' ')
				} else {
					b.WriteByte('\n')
				}
			case (a == atom.Td || a == atom.Th) && (!inCell || depth == cellDepth):
				flush()
				inCell, cellDepth, span, rowspan = true, depth, 1, 1
				isCol0 = depth == 1 && rowFirst && !rowCovered
				rowFirst = false
				for hasAttr {
					var k, v []byte
					k, v, hasAttr = z.TagAttr()
					switch string(k) {
					case "colspan":
						if n, err := strconv.Atoi(strings.TrimSpace(string(v))); err == nil && n > 1 && n < 50 {
							span = n
						}
					case "rowspan":
						if n, err := strconv.Atoi(strings.TrimSpace(string(v))); err == nil && n > 1 && n < 500 {
							rowspan = n
						}
					}
				}
			case a == atom.Tr && depth == 1 && (!inCell || depth == cellDepth):
				flush()
				b.WriteString("\n\n")
				endRow()
				rowStart, rowText = b.Len(), false
				rowFirst, rowCovered = true, col0Cover > 0
				if rowCovered {
					col0Cover--
				}
			case a == atom.Tr && inCell && depth == cellDepth:
				flush()
				b.WriteString("\n\n")
			case inCell && (blockTags[a] || a == atom.Td || a == atom.Th || a == atom.Tr):
				cell.WriteByte('\n') // a break: figures either side are not joined
			case blockTags[a]:
				b.WriteByte('\n')
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if skipTags[a] {
				if skip > 0 {
					skip--
				}
				continue
			}
			if skip > 0 {
				continue
			}
			if a == atom.Pre && pre > 0 {
				pre--
			}
			switch {
			case (a == atom.Td || a == atom.Th) && inCell && depth == cellDepth:
				flush()
			case a == atom.Tr && (!inCell || depth == cellDepth):
				flush()
				b.WriteString("\n\n")
				if depth == 1 {
					endRow()
				}
			case a == atom.Table:
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
					cell.WriteByte(' ')
				} else {
					b.WriteString("\n\n")
				}
			case inCell && blockTags[a]:
				cell.WriteByte('\n')
			case blockTags[a]:
				b.WriteByte('\n')
			}
		}
	}
}
