package web

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"gongkai/internal/annualreport"
	"gongkai/internal/store"
)

// The print page of a published report prints on A4 in the 公文 layout: Chromium's PDF
// has A4 pages (the page size comes from the style sheet), the portal's header and links
// are not printed, the report's title, its tables and the page numbers “— 1 —” are.
func TestBrowserReportPrint(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		ctx := newBrowser(t)
		bg := context.Background()
		wj, _ := store.AgencyByName(bg, e.db, "清河区卫生健康局")
		list, err := e.db.Reports().PublishedList(bg, wj.ID)
		if err != nil || len(list) == 0 {
			t.Fatalf("the demo published nothing: %v", err)
		}
		o := list[0]
		// The report page links its print page.
		err = chromedp.Do(ctx,
			chromedp.Navigate(e.ts.URL+"/agencies/"+itoa(wj.ID)+"/reports/"+strconv.Itoa(o.Year)),
			chromedp.Click(chromedp.CSS(`a[href$="/print"]`)),
			chromedp.WaitVisible(chromedp.ID("report-print")),
			chromedp.WaitVisible(chromedp.CSS("button.js-print")),
		)
		if err != nil {
			t.Fatal(err)
		}
		// On screen, the page is a sheet of A4 paper: 210 mm wide.
		width, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.getElementById("report-print").getBoundingClientRect().width`))
		if err != nil || width < 790 || width > 796 {
			t.Errorf("the sheet is %.1f px wide, want 210 mm (793.7 px): %v", width, err)
		}
		pdf, err := chromedp.Run(ctx, func(ctx context.Context, tg *chromedp.Target) ([]byte, error) {
			prefer := true
			res, err := cdp.Call(ctx, tg, cdppage.PrintToPDF, cdppage.PrintToPDFParams{PreferCSSPageSize: &prefer})
			return res.Data, err
		})
		if err != nil {
			t.Fatal(err)
		}
		// A4 is 595.28 × 841.89 points; Chromium writes whole numbers.
		boxes := regexp.MustCompile(`/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]`).FindAllSubmatch(pdf, -1)
		if len(boxes) < 3 {
			t.Fatalf("%d pages: the report with its three tables should fill three or more", len(boxes))
		}
		for _, b := range boxes {
			w, _ := strconv.ParseFloat(string(b[1]), 64)
			h, _ := strconv.ParseFloat(string(b[2]), 64)
			if w < 594 || w > 597 || h < 841 || h > 843 {
				t.Fatalf("a page of %s × %s points, not A4", b[1], b[2])
			}
		}
		// Lines break where the page is full, and pdftotext spaces characters as it sees fit:
		// the text is compared without white space.
		text := strings.Join(strings.Fields(pdfText(t, pdf)), "")
		snap, _ := e.db.Reports().Published(bg, wj.ID, o.Year)
		for _, want := range []string{annualreport.Title(snap.Snapshot), "三、收到和处理政府信息公开申请情况", "第二十条第（一）项", "—1—", "—2—", "—3—"} {
			if !strings.Contains(text, want) {
				t.Errorf("the printed report lacks %q", want)
			}
		}
		for _, absent := range []string{"政府信息公开平台", "返回年度报告", "打印"} {
			if strings.Contains(text, absent) {
				t.Errorf("the portal's %q is printed", absent)
			}
		}
	})
}

// pdfText is the text of a PDF as poppler's pdftotext reads it (Debian's poppler-utils,
// which CI installs).
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Fatal("pdftotext not installed (Debian's poppler-utils; .ci/run installs it)")
	}
	p := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(p, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	cmd := exec.Command(bin, "-enc", "UTF-8", p, "-")
	cmd.Stdout = &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	if os.Getenv("GONGKAI_KEEP_PDF") != "" {
		os.WriteFile(os.Getenv("GONGKAI_KEEP_PDF"), pdf, 0o644)
	}
	return out.String()
}
