package reader

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	ar "gongkai/internal/annualreport"
)

// pdfBuilder writes a PDF file object by object, with its cross-reference table.
type pdfBuilder struct {
	b       bytes.Buffer
	offsets []int
}

func (p *pdfBuilder) obj(body string) int {
	if p.b.Len() == 0 {
		p.b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	}
	p.offsets = append(p.offsets, p.b.Len())
	n := len(p.offsets)
	fmt.Fprintf(&p.b, "%d 0 obj\n%s\nendobj\n", n, body)
	return n
}

func (p *pdfBuilder) stream(dict string, data []byte) int {
	return p.obj(fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data))
}

func (p *pdfBuilder) finish(root int, trailer string) []byte {
	x := p.b.Len()
	fmt.Fprintf(&p.b, "xref\n0 %d\n0000000000 65535 f \n", len(p.offsets)+1)
	for _, o := range p.offsets {
		fmt.Fprintf(&p.b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&p.b, "trailer\n<< /Size %d /Root %d 0 R %s >>\nstartxref\n%d\n%%%%EOF\n", len(p.offsets)+1, root, trailer, x)
	return p.b.Bytes()
}

// simplePDF is a file of n pages, each with one line of text and its content stream
// as given by content (nil: "Page k").
func simplePDF(n int, content func(k int) []byte, trailer string) []byte {
	var p pdfBuilder
	font := p.obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
	pagesID := len(p.offsets) + 2 + 2*n // after the catalog and the pages
	cat := p.obj(fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", pagesID))
	var kids []string
	for k := 0; k < n; k++ {
		data := []byte(fmt.Sprintf("BT /F1 12 Tf 72 720 Td (Page %d) Tj ET", k+1))
		if content != nil {
			data = content(k)
		}
		c := p.stream("", data)
		pg := p.obj(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>", pagesID, font, c))
		kids = append(kids, fmt.Sprintf("%d 0 R", pg))
	}
	p.obj(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), n))
	return p.finish(cat, trailer)
}

// readBounded reads a hostile file and wants a report whose findings say it was not (or
// not wholly) read, within the time limit and without a crash.
func readBounded(t *testing.T, name string, data []byte, want string) *ar.Report {
	t.Helper()
	if err := StartPDF(); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	rep := Read(name, data)
	if d := time.Since(start); d > maxPDFTime+10*time.Second {
		t.Errorf("%s: took %v, limit %v", name, d, maxPDFTime)
	}
	var msgs []string
	for _, f := range rep.Findings {
		msgs = append(msgs, f.Message)
	}
	if !strings.Contains(strings.Join(msgs, "\n"), want) {
		t.Errorf("%s: findings %q, want one with %q", name, msgs, want)
	}
	return rep
}

func TestPDFBadInput(t *testing.T) {
	ok := simplePDF(2, nil, "")
	id := "/ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]"
	enc := func() []byte {
		var p pdfBuilder
		page := "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"
		cat := p.obj("<< /Type /Catalog /Pages 2 0 R >>")
		p.obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
		p.obj(page)
		e := p.obj("<< /Filter /Standard /V 1 /R 2 /P -4 /O <" + strings.Repeat("6f", 32) + "> /U <" + strings.Repeat("75", 32) + "> >>")
		return p.finish(cat, fmt.Sprintf("/Encrypt %d 0 R %s", e, id))
	}()
	deep := simplePDF(1, func(int) []byte {
		return []byte("BT /F1 12 Tf 72 720 Td (" + strings.Repeat("[", 100000) + ") Tj ET " + strings.Repeat("[", 200000))
	}, "")
	var zeros bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&zeros, zlib.BestCompression)
	chunk := bytes.Repeat([]byte("0 0 m 1 1 l S "), 1<<16)
	for k := 0; k < 300; k++ { // 275 MB of drawing operators
		zw.Write(chunk)
	}
	zw.Close()
	bomb := simplePDF(1, nil, "")
	bomb = func() []byte {
		var p pdfBuilder
		cat := p.obj("<< /Type /Catalog /Pages 2 0 R >>")
		p.obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
		p.obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>")
		p.stream("/Filter /FlateDecode", zeros.Bytes())
		return p.finish(cat, "")
	}()
	countBomb := bytes.Replace(simplePDF(3, nil, ""), []byte("/Count 3"), []byte("/Count 2000000000"), 1)
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"encrypted.pdf", enc, "已加密"},
		{"truncated.pdf", ok[:len(ok)/3], "PDF"},
		{"garbage.pdf", append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte{0xff, 0x00, 0x17}, 5000)...), "PDF"},
		{"500pages.pdf", simplePDF(500, nil, ""), "共 500 页，只读取了前 100 页"},
		{"deep.pdf", deep, ""},
		{"bomb.pdf", bomb, ""},
		{"count.pdf", countBomb, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			var before runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			rep := readBounded(t, c.name, c.data, c.want)
			if len(rep.Findings) == 0 {
				t.Errorf("%s: no finding", c.name)
			}
			var after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&after)
			// The WebAssembly memory of an instance kept for the next file counts here:
			// at most pdfMemoryPages of it.
			if grown := int64(after.HeapAlloc) - int64(before.HeapAlloc); grown > pdfMemoryPages*64<<10+32<<20 {
				t.Errorf("%s: Go heap grew by %d MB", c.name, grown>>20)
			}
			t.Logf("%s (%d bytes): %v", c.name, len(c.data), rep.Findings)
		})
	}
}

// TestPDFScanned: a PDF with no text at all (pages of images) is called a scan.
func TestPDFScanned(t *testing.T) {
	var p pdfBuilder
	cat := p.obj("<< /Type /Catalog /Pages 2 0 R >>")
	p.obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	p.obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>")
	p.stream("", []byte("q 500 0 0 700 40 60 cm /Im1 Do Q"))
	p.stream("/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8", []byte{0, 255, 255, 0})
	readBounded(t, "scan.pdf", p.finish(cat, ""), "扫描件，无可提取文字")
}

// TestPDFTimeLimit: a read past its time limit stops with a finding.
func TestPDFTimeLimit(t *testing.T) {
	if err := StartPDF(); err != nil {
		t.Fatal(err)
	}
	defer func(d time.Duration) { maxPDFTime = d }(maxPDFTime)
	maxPDFTime = time.Nanosecond
	readBounded(t, "slow.pdf", simplePDF(3, nil, ""), "秒内未能读完")
}
