package reader

// pdfChar is one character of a PDF page and its box, in points from the page's top
// left corner (y grows downwards).
type pdfChar struct {
	R              rune
	X0, Y0, X1, Y1 float64
}

// pdfRule is a ruling line: a horizontal or vertical segment, or a thin rectangle drawn
// as one (a table border), in the same coordinates.
type pdfRule struct {
	X0, Y0, X1, Y1 float64
}

// ruleWidth is the thickness under which a rectangle is a line.
const ruleWidth = 2.5

func (r pdfRule) thin() bool {
	return (r.X1-r.X0 <= ruleWidth) != (r.Y1-r.Y0 <= ruleWidth)
}

func (r pdfRule) horizontal() bool { return r.Y1-r.Y0 <= ruleWidth && r.X1-r.X0 > ruleWidth }
func (r pdfRule) vertical() bool   { return r.X1-r.X0 <= ruleWidth && r.Y1-r.Y0 > ruleWidth }

// pdfPage is one page as the layout sees it.
type pdfPage struct {
	W, H  float64
	Chars []pdfChar
	Rules []pdfRule
}

// addSegment adds the straight segment a–b when it runs across or down.
func (p *pdfPage) addSegment(a, b [2]float64) {
	r := pdfRule{X0: min(a[0], b[0]), X1: max(a[0], b[0]), Y0: min(a[1], b[1]), Y1: max(a[1], b[1])}
	if r.thin() {
		p.Rules = append(p.Rules, r)
	}
}

// turn rotates the page by q quarter turns clockwise, so that text written at q quarter
// turns reads across.
func (p *pdfPage) turn(q int) {
	for ; q > 0; q-- {
		// A point (x, y) of a page W×H goes to (H-y, x)... written for text whose
		// baseline runs up the page (90°): it reads across once turned clockwise.
		w, h := p.W, p.H
		for k := range p.Chars {
			c := &p.Chars[k]
			c.X0, c.Y0, c.X1, c.Y1 = h-c.Y1, c.X0, h-c.Y0, c.X1
		}
		for k := range p.Rules {
			r := &p.Rules[k]
			r.X0, r.Y0, r.X1, r.Y1 = h-r.Y1, r.X0, h-r.Y0, r.X1
		}
		p.W, p.H = h, w
	}
}
