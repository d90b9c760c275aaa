package reader

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	ar "gongkai/internal/annualreport"
	"gongkai/internal/annualreport/testreports"
)

var (
	printerOnce sync.Once
	printer     *testreports.Printer
	printerErr  error
)

// pdfPrinter is the one headless Chromium the PDF tests print with. Without Chromium the
// tests skip on a developer's machine; in CI, or when GONGKAI_TEST_CHROMIUM names a
// browser that does not start, they fail.
func pdfPrinter(t testing.TB) *testreports.Printer {
	t.Helper()
	path := testreports.ChromiumPath()
	if path == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("chromium not installed (CI must install Debian's chromium package)")
		}
		t.Skip("chromium not installed: set GONGKAI_TEST_CHROMIUM")
	}
	printerOnce.Do(func() { printer, printerErr = testreports.NewPrinter(path) })
	if printerErr != nil {
		t.Fatalf("chromium %s does not start: %v", path, printerErr)
	}
	return printer
}

func TestMain(m *testing.M) {
	code := m.Run()
	if printer != nil {
		printer.Close()
	}
	os.Exit(code)
}

// pdfCase is a generated report in one HTML layout.
type pdfCase struct {
	name  string
	truth *ar.Report
	html  []byte
}

// randomPDFCase picks one of the generator's HTML layouts: the page styles of Render
// (plain and Word-exported HTML), the variants of RenderVariant and the published page
// layouts of RenderLayout.
func randomPDFCase(rng *rand.Rand, i int) pdfCase {
	f := []ar.Format{ar.Format2021, ar.Format2019}[i%2]
	truth := testreports.Random(rng, f, []float64{0, 0, 0.05}[i%3])
	switch i % 3 {
	case 0:
		o := testreports.RandomOptions(rng)
		o.Style = []testreports.Style{testreports.HTML, testreports.WordHTML}[rng.IntN(2)]
		o.GBK, o.BOM, o.CRLF = false, false, false
		return pdfCase{name: "render " + o.Style.String(), truth: truth, html: testreports.Render(rng, truth, o).Data}
	case 1:
		v := testreports.RandomVariant(rng)
		v.Text, v.DropCell = false, ""
		return pdfCase{name: fmt.Sprintf("variant %+v", v), truth: truth, html: testreports.RenderVariant(truth, v)}
	}
	l := testreports.RandomLayout(rng, truth)
	l.Text, l.PDF, l.DropCell = false, false, ""
	return pdfCase{name: fmt.Sprintf("layout %+v", l.Variant), truth: truth, html: testreports.RenderLayout(truth, l)}
}

// tally counts the cells of a reading: exactly the truth, left blank (refused), or wrong.
type tally struct{ exact, refused, wrong int }

func (t *tally) add(truth, got *ar.Report) []string {
	var wrong []string
	for _, id := range append(ar.CellIDs(truth.Format), ar.DerivedCells(truth.Format)...) {
		a, aok := truth.Cells.Get(id)
		b, bok := got.Cells.Get(id)
		switch {
		case aok == bok && a == b:
			t.exact++
		case !bok:
			t.refused++
		default:
			t.wrong++
			wrong = append(wrong, fmt.Sprintf("%s: want %v(%v) got %v", id, a, aok, b))
		}
	}
	return wrong
}

func (t tally) String() string {
	n := t.exact + t.refused + t.wrong
	if n == 0 {
		return "no cells"
	}
	return fmt.Sprintf("%d cells: %.2f%% exact, %.2f%% refused, %d wrong", n,
		100*float64(t.exact)/float64(n), 100*float64(t.refused)/float64(n), t.wrong)
}

// TestPDFRoundTrip prints generated reports of every HTML layout to PDF with Chromium,
// in several fonts, paper sizes and page breaks, and reads them back: every cell exactly
// or left blank, never a wrong figure.
func TestPDFRoundTrip(t *testing.T) {
	p := pdfPrinter(t)
	n := 60 // about 0.5 s a report (printing, reading, pdftotext); 100 and 200 by GONGKAI_PDF_CASES
	if testing.Short() {
		n = 12
	}
	if s := os.Getenv("GONGKAI_PDF_CASES"); s != "" {
		fmt.Sscan(s, &n)
	}
	rng := rand.New(rand.NewPCG(41, 42))
	var all, allWeb, ruled, unruled, text tally
	pdftotext, _ := exec.LookPath("pdftotext")
	for i := 0; i < n; i++ {
		c := randomPDFCase(rng, i)
		o := testreports.RandomPDFOptions(rng)
		pdf, err := p.PDF(c.html, o)
		if err != nil {
			t.Fatal(err)
		}
		got := Read("report.pdf", pdf)
		var one tally
		if wrong := one.add(c.truth, got); len(wrong) > 0 {
			f := fmt.Sprintf("%s/pdf_fail%d.pdf", os.TempDir(), i)
			_ = os.WriteFile(f, pdf, 0o644)
			if d := os.Getenv("GONGKAI_PDF_DUMP"); d != "" {
				_ = os.WriteFile(fmt.Sprintf("%s/wrong_case%d.html", d, i), c.html, 0o644)
			}
			t.Errorf("case %d %s, %s: wrong figures %v (PDF in %s)", i, c.name, o, wrong, f)
		}
		if got.Agency != c.truth.Agency || got.Year != c.truth.Year || got.Format != c.truth.Format {
			t.Errorf("case %d %s, %s: meta %s %d %s, want %s %d %s", i, c.name, o, got.Agency, got.Year, got.Format, c.truth.Agency, c.truth.Year, c.truth.Format)
		}
		if pdftotext != "" {
			// The same PDF as poppler's pdftotext -layout prints it (a converter's text):
			// every cell exactly or left blank there too.
			if txt, err := pdftotextLayout(pdftotext, pdf); err == nil {
				if wrong := text.add(c.truth, Read("report.txt", txt)); len(wrong) > 0 {
					if d := os.Getenv("GONGKAI_PDF_DUMP"); d != "" {
						_ = os.WriteFile(fmt.Sprintf("%s/text_case%d.txt", d, i), txt, 0o644)
					}
					t.Errorf("case %d %s, %s as pdftotext -layout text: wrong figures %v", i, c.name, o, wrong)
				}
			}
		}
		var web tally // the same page read as HTML: what the PDF reading can hope for
		web.add(c.truth, Read("report.html", c.html))
		allWeb.exact += web.exact
		allWeb.refused += web.refused
		if one.refused > web.refused && os.Getenv("GONGKAI_PDF_DUMP") != "" {
			_ = os.WriteFile(fmt.Sprintf("%s/pdf_case%d.pdf", os.Getenv("GONGKAI_PDF_DUMP"), i), pdf, 0o644)
			_ = os.WriteFile(fmt.Sprintf("%s/pdf_case%d.html", os.Getenv("GONGKAI_PDF_DUMP"), i), c.html, 0o644)
		}
		if one.refused > web.refused {
			t.Logf("case %d %s, %s: %s (as HTML: %s); %v", i, c.name, o, one, web, got.Findings)
		}
		all.exact += one.exact
		all.refused += one.refused
		all.wrong += one.wrong
		byLines := &ruled
		if o.Unruled {
			byLines = &unruled
		}
		byLines.exact += one.exact
		byLines.refused += one.refused
		byLines.wrong += one.wrong
		if (i+1)%100 == 0 && i+1 < n {
			t.Logf("the first %d PDF files: %s; as pdftotext -layout text: %s", i+1, all, text)
		}
	}
	t.Logf("%d PDF files: %s (ruled tables: %s; without lines: %s); the same pages as HTML: %s", n, all, ruled, unruled, allWeb)
	if pdftotext != "" {
		t.Logf("the same PDF files as pdftotext -layout text: %s", text)
	}
	if n := os.Getenv("GONGKAI_PDF_CASES"); n != "" {
		t.Logf("GONGKAI_PDF_CASES=%s", n)
	}
}

// pdftotextLayout is poppler's pdftotext -layout text of a PDF.
func pdftotextLayout(bin string, pdf []byte) ([]byte, error) {
	dir, err := os.MkdirTemp("", "pdftotext")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		return nil, err
	}
	return exec.Command(bin, "-layout", in, "-").Output()
}
