package reader

import (
	"strings"
	"testing"
	"time"
)

// fuzzAlphabet is what fuzzed characters are drawn from: figures, marks, spaces and the
// words of a statutory table.
var fuzzAlphabet = []rune("0123456789０１,.-—/ 一二三四五六七八九十、（）自然人总计商业企业规章行政许可本年新收申请数量第页共")

// fuzzPages turns bytes into positioned pages: every five bytes are a character, a
// ruling line or a page break, with coordinates from the bytes.
func fuzzPages(data []byte) []pdfPage {
	pages := []pdfPage{{W: 595, H: 842}}
	for i := 0; i+5 <= len(data); i += 5 {
		b := data[i : i+5]
		p := &pages[len(pages)-1]
		x, y := float64(b[1])*2.4, float64(b[2])*3.3
		switch b[0] % 8 {
		case 0:
			if len(pages) < 8 {
				pages = append(pages, pdfPage{W: 595, H: 842})
			}
		case 1, 2: // a horizontal line
			p.Rules = append(p.Rules, pdfRule{X0: x, X1: x + float64(b[3])*2.4, Y0: y, Y1: y + 0.7})
		case 3: // a vertical line
			p.Rules = append(p.Rules, pdfRule{X0: x, X1: x + 0.7, Y0: y, Y1: y + float64(b[3])*3.3})
		default:
			w := 3 + float64(b[4]%8)
			p.Chars = append(p.Chars, pdfChar{R: fuzzAlphabet[int(b[3])%len(fuzzAlphabet)], X0: x, X1: x + w, Y0: y, Y1: y + 9})
		}
	}
	return pages
}

// gridSeed draws a ruled table of rows×cols with a figure in each cell, as bytes for
// fuzzPages.
func gridSeed(rows, cols int) []byte {
	var b []byte
	for r := 0; r <= rows; r++ {
		b = append(b, 1, 20, byte(20+r*5), byte(cols*10), 0)
	}
	for c := 0; c <= cols; c++ {
		b = append(b, 3, byte(20+c*10), 20, byte(rows*5), 0)
	}
	for r := 0; r < rows; r++ {
		for c := 0; c < cols; c++ {
			b = append(b, 4, byte(22+c*10), byte(21+r*5), byte(r+c), 2)
		}
	}
	return b
}

// FuzzPDFLayout: any characters and lines give HTML (never a panic), in bounded time,
// that the reader reads without a panic; the same for the pages as layout text.
func FuzzPDFLayout(f *testing.F) {
	f.Add(gridSeed(3, 4))
	f.Add(gridSeed(8, 8))
	f.Add(append(gridSeed(4, 3), 0, 0, 0, 0, 0)) // a table, then a page break
	f.Add([]byte("\x04\x10\x10\x20\x01\x04\x20\x10\x21\x01\x04\x40\x10\x05\x01\x04\x60\x10\x06\x01"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 20000 {
			return
		}
		start := time.Now()
		h := layoutPDF(fuzzPages(data))
		if !strings.HasPrefix(h, "<html>") || strings.Count(h, "<table>") != strings.Count(h, "</table>") {
			t.Fatalf("not a whole document: %.200q", h)
		}
		rep := ReadText("fuzz.pdf", h)
		if rep == nil || rep.Cells == nil {
			t.Fatal("no report")
		}
		// The second reading of tables without lines: the pages as text laid out in
		// columns, read strictly.
		if alt := readText("fuzz.txt", layoutText(fuzzPages(data)), true); alt == nil || alt.Cells == nil {
			t.Fatal("no report from the layout text")
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Fatalf("took %v", d)
		}
	})
}

// TestPDFLayoutGrid: a ruled grid's figures come out as table cells in order, and a
// page number below it is dropped.
func TestPDFLayoutGrid(t *testing.T) {
	pages := fuzzPages(gridSeed(2, 3))
	pages[0].Chars = append(pages[0].Chars, pdfChar{R: '7', X0: 290, X1: 295, Y0: 800, Y1: 809})
	h := layoutPDF(pages)
	want := "<tr><td>0</td><td>1</td><td>2</td></tr>\n<tr><td>1</td><td>2</td><td>3</td></tr>"
	if !strings.Contains(h, want) {
		t.Errorf("want %s in\n%s", want, h)
	}
	if strings.Contains(h, "<p>7</p>") {
		t.Errorf("page number kept:\n%s", h)
	}
}
