package testreports

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"github.com/chromedp/chromedp"
)

// PDFOptions choose how a rendered HTML report is printed to PDF: paper, font, ruling
// and where its tables break over pages.
type PDFOptions struct {
	Paper     string  // "A4" (default) or "Letter"
	Landscape bool    // the paper on its side
	Font      string  // a CSS font family ("Noto Serif CJK SC", "Noto Sans CJK SC")
	FontSize  float64 // in points; 0 for 10.5 (五号)
	Unruled   bool    // tables printed without borders: columns only by position
	// Footer prints a page number at the foot of every page ("第 3 页 共 8 页" or "- 3 -"),
	// the way Word's footers do, so that tables broken over pages have it between their
	// parts.
	Footer int // 0 none, 1 第N页 共M页, 2 - N -, 3 N alone
	// RunningTitle prints the report's title at the head of every page.
	RunningTitle bool
	// BreakRows forces a page break before this figure row of every table with more
	// rows than that (0 never).
	BreakRows int
	// RepeatHead prints the header rows of a table again at the top of every page it
	// continues on (a <thead>, as Word's "repeat header rows" does).
	RepeatHead bool
	// Narrow squeezes the tables into a narrow column so that labels wrap over several
	// lines within their cells.
	Narrow bool
}

// String names the options for a test's log.
func (o PDFOptions) String() string {
	return fmt.Sprintf("paper=%s landscape=%v font=%q size=%g unruled=%v footer=%d title=%v break=%d thead=%v narrow=%v",
		o.Paper, o.Landscape, o.Font, o.FontSize, o.Unruled, o.Footer, o.RunningTitle, o.BreakRows, o.RepeatHead, o.Narrow)
}

// PDFFonts are CJK fonts of Debian's packages that .ci/run installs: fonts-noto-cjk
// (OpenType CFF: Chromium embeds them as Type 3 fonts, glyphs drawn as paths, whose
// measures PDFium reads less well), fonts-arphic-uming (a 宋体 like the reports' body
// text) and fonts-wqy-zenhei (a 黑体), both TrueType, embedded as CID TrueType fonts as
// Word's PDF export does.
var PDFFonts = []string{"Noto Serif CJK SC", "Noto Sans CJK SC", "Noto Sans Mono CJK SC", "AR PL UMing CN", "WenQuanYi Zen Hei"}

// RandomPDFOptions picks a paper, font and page breaking.
func RandomPDFOptions(rng *rand.Rand) PDFOptions {
	o := PDFOptions{
		Paper:        []string{"A4", "Letter"}[rng.IntN(2)],
		Landscape:    rng.IntN(4) == 0,
		Font:         PDFFonts[rng.IntN(len(PDFFonts))],
		FontSize:     []float64{9, 10.5, 12, 14}[rng.IntN(4)],
		Unruled:      rng.IntN(4) == 0,
		Footer:       rng.IntN(4),
		RunningTitle: rng.IntN(3) == 0,
		RepeatHead:   rng.IntN(3) == 0,
		Narrow:       rng.IntN(4) == 0,
	}
	if rng.IntN(2) == 0 {
		o.BreakRows = 1 + rng.IntN(12)
	}
	return o
}

// Printer prints HTML to PDF with headless Chromium (Debian's chromium package) through
// the DevTools protocol. One browser serves every call; Close stops it.
type Printer struct {
	ctx    context.Context
	cancel func()
}

// ChromiumPath is the browser tests print with: GONGKAI_TEST_CHROMIUM, else chromium
// on PATH, else "".
func ChromiumPath() string {
	if p := os.Getenv("GONGKAI_TEST_CHROMIUM"); p != "" {
		return p
	}
	p, _ := exec.LookPath("chromium")
	return p
}

// NewPrinter starts the browser at path.
func NewPrinter(path string) (*Printer, error) {
	if path == "" {
		return nil, errors.New("gen: no chromium to print PDF with")
	}
	dir, err := os.MkdirTemp("", "gongkai-gen-chromium-")
	if err != nil {
		return nil, err
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(dir),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	p := &Printer{ctx: ctx, cancel: func() { cancelC(); cancelA(); os.RemoveAll(dir) }}
	// The first action starts the browser and binds it to ctx: no shorter context.
	if err := chromedp.Do(ctx); err != nil {
		p.cancel()
		return nil, fmt.Errorf("gen: start chromium %s: %w", path, err)
	}
	return p, nil
}

// Close stops the browser.
func (p *Printer) Close() { p.cancel() }

// PDF prints an HTML report (Render's HTML styles, RenderVariant, RenderLayout) as a
// PDF file with options o.
func (p *Printer) PDF(htmlDoc []byte, o PDFOptions) ([]byte, error) {
	page := PrintableHTML(htmlDoc, o)
	ctx, cancel := context.WithTimeout(p.ctx, 60*time.Second)
	defer cancel()
	url := "data:text/html;charset=utf-8;base64," + base64.StdEncoding.EncodeToString(page)
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		return nil, fmt.Errorf("gen: load page: %w", err)
	}
	paper := chromedp.PaperA4
	if o.Paper == "Letter" {
		paper = chromedp.PaperLetter
	}
	opts := []chromedp.PDFOption{chromedp.PDFPaper(paper), chromedp.PDFMargin(0.6)}
	if o.Landscape {
		opts = append(opts, chromedp.PDFLandscape())
	}
	if o.Footer != 0 || o.RunningTitle {
		head, foot := "<span></span>", "<span></span>"
		style := `style="font-size:9px;width:100%;text-align:center;font-family:'` + o.fontFamily() + `'"`
		if o.RunningTitle {
			head = `<div ` + style + `><span class="title"></span></div>`
		}
		switch o.Footer {
		case 1:
			foot = `<div ` + style + `>第 <span class="pageNumber"></span> 页 共 <span class="totalPages"></span> 页</div>`
		case 2:
			foot = `<div ` + style + `>- <span class="pageNumber"></span> -</div>`
		case 3:
			foot = `<div ` + style + `><span class="pageNumber"></span></div>`
		}
		opts = append(opts, chromedp.PDFHeaderTemplate(head), chromedp.PDFFooterTemplate(foot))
	}
	data, err := chromedp.Run(ctx, chromedp.PrintToPDF(opts...))
	if err != nil {
		return nil, fmt.Errorf("gen: print to PDF: %w", err)
	}
	return data, nil
}

func (o PDFOptions) fontFamily() string {
	if o.Font == "" {
		return PDFFonts[0]
	}
	return o.Font
}

// PrintableHTML is the page Printer.PDF prints: htmlDoc with a style sheet for the font,
// the ruling and the page breaks of o; the header rows of every table in a <thead> when
// o.RepeatHead; a page break before row o.BreakRows.
func PrintableHTML(htmlDoc []byte, o PDFOptions) []byte {
	size := o.FontSize
	if size == 0 {
		size = 10.5
	}
	css := "<style>\nbody,p,td,th,span,div{font-family:'" + o.fontFamily() + "' !important;font-size:" +
		strconv.FormatFloat(size, 'f', -1, 64) + "pt !important;}\n" +
		"table{border-collapse:collapse !important;}\n" +
		"tr{break-inside:avoid;}\n"
	if o.Unruled {
		css += "table,td,th{border:none !important;}\ntd,th{padding:1pt 6pt !important;}\n"
	} else {
		css += "td,th{border:0.75pt solid #000 !important;padding:1pt 3pt;}\n" +
			// Word's spacer row that fixes the column widths stays unseen.
			"td[style*=\"border:none\"]{border:none !important;}\n"
	}
	if o.Narrow {
		css += "table{width:60% !important;}\n"
	}
	css += "</style>\n"
	s := string(htmlDoc)
	if i := strings.Index(strings.ToLower(s), "</head>"); i >= 0 {
		s = s[:i] + css + s[i:]
	} else {
		s = "<!DOCTYPE html><html><head><meta charset=\"utf-8\">" + css + "</head><body>" + s + "</body></html>"
	}
	if o.RepeatHead || o.BreakRows > 0 {
		s = breakTables(s, o)
	}
	return []byte(s)
}

// breakTables puts the leading rows without figures of every table in a <thead> and
// marks figure row o.BreakRows with a page break.
func breakTables(s string, o PDFOptions) string {
	var b strings.Builder
	for {
		i := indexFold(s, "<table")
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		j := indexFold(s[i:], "</table>")
		if j < 0 {
			b.WriteString(s)
			return b.String()
		}
		j += i + len("</table>")
		b.WriteString(s[:i])
		b.WriteString(breakTable(s[i:j], o))
		s = s[j:]
	}
}

func breakTable(t string, o PDFOptions) string {
	// Split into the part before the first <tr, the rows, and the rest.
	var rows []string
	first := indexFold(t, "<tr")
	if first < 0 {
		return t
	}
	head, rest := t[:first], t[first:]
	for {
		k := indexFold(rest[3:], "<tr")
		if k < 0 {
			break
		}
		rows = append(rows, rest[:k+3])
		rest = rest[k+3:]
	}
	end := indexFold(rest, "</tr>")
	if end < 0 {
		return t
	}
	rows = append(rows, rest[:end+5])
	tail := rest[end+5:]
	var b strings.Builder
	b.WriteString(strings.Replace(strings.Replace(head, "<tbody>", "", 1), "<TBODY>", "", 1))
	n := 0 // header rows
	for n < len(rows) && !hasFigure(rows[n]) {
		n++
	}
	if n == len(rows) {
		return t
	}
	if o.RepeatHead && n > 0 {
		b.WriteString("<thead>")
		for _, r := range rows[:n] {
			b.WriteString(r)
		}
		b.WriteString("</thead>")
		rows = rows[n:]
		n = 0
	}
	b.WriteString("<tbody>")
	for k, r := range rows {
		if o.BreakRows > 0 && k == n+o.BreakRows && k < len(rows) {
			r = "<tr style=\"break-before:page\"" + r[3:]
		}
		b.WriteString(r)
	}
	b.WriteString("</tbody>")
	b.WriteString(strings.Replace(strings.Replace(tail, "</tbody>", "", 1), "</TBODY>", "", 1))
	return b.String()
}

// hasFigure reports a table row with an ASCII or full-width digit in a cell's text.
func hasFigure(row string) bool {
	in := false
	for _, r := range row {
		switch {
		case r == '<':
			in = true
		case r == '>':
			in = false
		case !in && (r >= '0' && r <= '9' || r >= '０' && r <= '９'):
			return true
		}
	}
	return false
}

// indexFold is the index of the lower-case ASCII sub in s, in any case, or -1.
func indexFold(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}
