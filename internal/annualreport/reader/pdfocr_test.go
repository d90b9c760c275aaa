package reader

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"image"
	"image/png"
	"math/rand/v2"
	"strings"
	"testing"

	ar "gongkai/internal/annualreport"
	"gongkai/internal/annualreport/testreports"
)

// scannedPDF turns a PDF into what a scanner makes of it: every page an image (rendered
// by PDFium), no text.
func scannedPDF(t *testing.T, pdf []byte) []byte {
	t.Helper()
	doc, err := extractPDF(pdf)
	if err != nil {
		t.Fatal(err)
	}
	imgs, err := renderPages(pdf, doc.pageCount)
	if err != nil {
		t.Fatal(err)
	}
	var p pdfBuilder
	cat := p.obj("<< /Type /Catalog /Pages 2 0 R >>")
	p.obj(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", func() string {
		var kids []string
		for k := range imgs {
			kids = append(kids, fmt.Sprintf("%d 0 R", 3+3*k))
		}
		return strings.Join(kids, " ")
	}(), len(imgs)))
	for _, b := range imgs {
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		g, ok := img.(*image.Gray)
		if !ok {
			t.Fatalf("rendered %T, want gray", img)
		}
		w, h := g.Bounds().Dx(), g.Bounds().Dy()
		var z bytes.Buffer
		zw := zlib.NewWriter(&z)
		for y := 0; y < h; y++ {
			zw.Write(g.Pix[y*g.Stride : y*g.Stride+w])
		}
		zw.Close()
		pw, ph := float64(w)*72/ocrDPI, float64(h)*72/ocrDPI
		n := len(p.offsets)
		p.obj(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /XObject << /Im %d 0 R >> >> /Contents %d 0 R >>", pw, ph, n+3, n+2))
		p.stream("", []byte(fmt.Sprintf("q %.2f 0 0 %.2f 0 0 cm /Im Do Q", pw, ph)))
		p.stream(fmt.Sprintf("/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode", w, h), z.Bytes())
	}
	return p.finish(cat, "")
}

// TestPDFOCR reads scans of generated reports: with tesseract (chi_sim) by OCR, its
// figures taken only where the sums hold — never a wrong one; without it, a finding.
func TestPDFOCR(t *testing.T) {
	p := pdfPrinter(t)
	rng := rand.New(rand.NewPCG(81, 82))
	var all tally
	for i := 0; i < 1; i++ {
		truth := testreports.Random(rng, []ar.Format{ar.Format2021, ar.Format2019}[i%2], 0)
		html := testreports.RenderVariant(truth, testreports.Variant{Word: true})
		pdf, err := p.PDF(html, testreports.PDFOptions{Font: "AR PL UMing CN", FontSize: 14})
		if err != nil {
			t.Fatal(err)
		}
		got := Read("scan.pdf", scannedPDF(t, pdf))
		var one tally
		if wrong := one.add(truth, got); len(wrong) > 0 {
			t.Errorf("case %d: wrong figures from OCR: %v", i, wrong)
		}
		found := false
		for _, f := range got.Findings {
			found = found || strings.Contains(f.Message, "扫描件，无可提取文字")
		}
		if !found {
			t.Errorf("case %d: no scan finding: %v", i, got.Findings)
		}
		all.exact += one.exact
		all.refused += one.refused
		t.Logf("case %d (OCR %v): %s", i, tesseractChiSim() != "", one)
	}
	t.Logf("scans: %s", all)
}
