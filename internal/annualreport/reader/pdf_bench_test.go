package reader

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"gongkai/internal/annualreport/testreports"
)

var (
	pdfCorpusOnce  sync.Once
	pdfCorpus      [][]byte
	pdfCorpusPages int
)

// benchPDFs prints GONGKAI_BENCH_PDFS (default 30) generated reports of every HTML
// layout to PDF, with random fonts, paper and page breaks, and counts their pages. With
// GONGKAI_BENCH_PDF_DIR set the files are also written there (bench/pdf.sh runs
// pdftotext on them).
func benchPDFs(b *testing.B) ([][]byte, int) {
	pdfCorpusOnce.Do(func() {
		p := pdfPrinter(b)
		n := 30
		if s := os.Getenv("GONGKAI_BENCH_PDFS"); s != "" {
			if v, err := strconv.Atoi(s); err == nil && v > 0 {
				n = v
			}
		}
		dir := os.Getenv("GONGKAI_BENCH_PDF_DIR")
		rng := rand.New(rand.NewPCG(51, 52))
		for i := 0; i < n; i++ {
			c := randomPDFCase(rng, i)
			o := testreports.RandomPDFOptions(rng)
			if fonts := benchFonts(); len(fonts) > 0 {
				o.Font = fonts[i%len(fonts)]
			}
			pdf, err := p.PDF(c.html, o)
			if err != nil {
				b.Fatal(err)
			}
			doc, err := extractPDF(pdf)
			if err != nil {
				b.Fatal(err)
			}
			pdfCorpus = append(pdfCorpus, pdf)
			pdfCorpusPages += doc.pageCount
			if dir != "" {
				_ = os.WriteFile(filepath.Join(dir, fmt.Sprintf("report%03d.pdf", i)), pdf, 0o644)
			}
		}
	})
	return pdfCorpus, pdfCorpusPages
}

// benchFonts are the fonts of the benchmark's PDFs: GONGKAI_BENCH_PDF_FONTS ("all" for
// every font of testreports.PDFFonts, or a comma-separated list); by default the TrueType ones,
// embedded as CID TrueType fonts as in the PDFs Word and WPS export, which is how
// published reports come. (Chromium embeds the OpenType CFF fonts of fonts-noto-cjk as
// Type 3 fonts, whose glyphs PDFium parses as drawings: several times slower to load.)
func benchFonts() []string {
	switch s := os.Getenv("GONGKAI_BENCH_PDF_FONTS"); s {
	case "":
		return []string{"AR PL UMing CN", "WenQuanYi Zen Hei"}
	case "all":
		return nil
	default:
		return strings.Split(s, ",")
	}
}

// BenchmarkReadPDF reads the generated PDF reports (PDFium's extraction, the layout and
// the reader) on one core per iteration: pages per CPU-second and per second. PDFium's
// one-time start (module compiled or loaded from wazero's cache, first instance) is
// made before the timing and reported on its own as start-s.
func BenchmarkReadPDF(b *testing.B) {
	if err := StartPDF(); err != nil {
		b.Fatal(err)
	}
	docs, pages := benchPDFs(b)
	b.ResetTimer()
	var cpu, wall time.Duration
	for i := 0; i < b.N; i++ {
		c0, t0 := cpuTime(), time.Now()
		for k, d := range docs {
			_ = Read(strconv.Itoa(k), d)
		}
		cpu += cpuTime() - c0
		wall += time.Since(t0)
	}
	b.StopTimer()
	b.ReportMetric(float64(pages*b.N)/wall.Seconds(), "pages/s")
	if cpu > 0 {
		b.ReportMetric(float64(pages*b.N)/cpu.Seconds(), "pages/cpu-s")
	}
	b.ReportMetric(float64(pages), "pages-corpus")
	b.ReportMetric(engine.start.Seconds(), "start-s")
}
