package reader

import (
	"math"
	"sort"
	"strings"
)

// layoutText writes the pages' lines of text as a converter laid out in columns would
// (pdftotext -layout): a character per column, each character at the column its left edge
// falls on, in units of the page's typical Chinese character width, pushed right when
// the characters before it took more columns than their width. A table without ruling
// lines read this way goes through the text reader's rules for such text (headers cut
// over lines, labels around their figures, sums), a second reading beside the one by
// position (readPDF). Ruled tables' text is left out.
func layoutText(pages []pdfPage) string {
	blocks := make([][]pdfBlock, len(pages))
	for k := range pages {
		blocks[k] = pageBlocks(&pages[k])
	}
	dropRunning(pages, blocks)
	var b strings.Builder
	for k, page := range blocks {
		unit, left := layoutUnit(page)
		if unit <= 0 {
			continue
		}
		lastY1 := math.Inf(-1)
		for _, bl := range page {
			if bl.line == nil {
				continue
			}
			l := bl.line
			h := l.y1 - l.y0
			if lastY1 > math.Inf(-1) && l.y0-lastY1 > 0.8*h {
				b.WriteByte('\n') // a gap between rows: an empty line, as converters print
			}
			lastY1 = l.y1
			cur := 0
			var prev *pdfChar
			for i := range l.chars {
				c := &l.chars[i]
				if c.R == ' ' {
					continue
				}
				col := int(math.Round((c.X0 - left) / unit))
				if prev != nil && col <= cur {
					col = cur
					if gap := c.X0 - prev.X1; gap >= 0.5*h {
						col += 2 // apart on the page: apart in the text
					} else if gap >= 0.25*h {
						col++
					}
				}
				for ; cur < col; cur++ {
					b.WriteByte(' ')
				}
				b.WriteRune(c.R)
				cur++
				prev = c
			}
			b.WriteByte('\n')
		}
		if k < len(blocks)-1 {
			b.WriteString("\n\n")
		}
	}
	return b.String()
}

// layoutUnit is a page's typical width of a Chinese character (the median), and the left
// edge of its text.
func layoutUnit(page []pdfBlock) (unit, left float64) {
	var ws []float64
	left = math.Inf(1)
	for _, bl := range page {
		if bl.line == nil {
			continue
		}
		for _, c := range bl.line.chars {
			if c.R == ' ' {
				continue
			}
			left = math.Min(left, c.X0)
			if wide(c.R) && c.X1 > c.X0 {
				ws = append(ws, c.X1-c.X0)
			}
		}
	}
	if len(ws) == 0 || math.IsInf(left, 1) {
		return 0, 0
	}
	sort.Float64s(ws)
	return ws[len(ws)/2], left
}
