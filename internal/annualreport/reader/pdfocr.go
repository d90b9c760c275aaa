package reader

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"os/exec"
	"strings"
	"sync"
	"time"

	"github.com/klippa-app/go-pdfium/requests"

	ar "gongkai/internal/annualreport"
)

// OCR of scanned PDFs, where Debian's tesseract-ocr with its Simplified Chinese data
// (tesseract-ocr-chi-sim) is installed: the pages rendered by PDFium at ocrDPI, read by
// tesseract, and the text read as any other. OCR misreads figures, so what it reads is
// believed only where the arithmetic checks it (guardBySums); table 二, which has no
// sums, is not taken from OCR at all.
const (
	ocrDPI      = 200
	maxOCRPages = 20
	ocrTimeout  = 60 * time.Second // one page
)

var (
	ocrOnce sync.Once
	ocrPath string
)

// tesseractChiSim is tesseract's path when it is installed with chi_sim, or "".
func tesseractChiSim() string {
	ocrOnce.Do(func() {
		p, err := exec.LookPath("tesseract")
		if err != nil {
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		out, err := exec.CommandContext(ctx, p, "--list-langs").CombinedOutput()
		if err == nil && strings.Contains(string(out), "chi_sim") {
			ocrPath = p
		}
	})
	return ocrPath
}

// renderPages renders the first pages of a PDF as PNG images in gray.
func renderPages(data []byte, n int) ([][]byte, error) {
	pool, err := pdfiumPool()
	if err != nil {
		return nil, err
	}
	inst, err := pool.GetInstance(maxPDFTime)
	if err != nil {
		return nil, err
	}
	defer inst.Close()
	doc, err := inst.OpenDocument(&requests.OpenDocument{File: &data})
	if err != nil {
		return nil, err
	}
	defer inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: doc.Document})
	var out [][]byte
	for i := 0; i < n; i++ {
		r, err := inst.RenderPageInDPI(&requests.RenderPageInDPI{DPI: ocrDPI, ImageFormat: requests.RenderImageFormatGrayscale,
			Page: requests.Page{ByIndex: &requests.PageByIndex{Document: doc.Document, Index: i}}})
		if err != nil {
			return nil, err
		}
		var b bytes.Buffer
		err = png.Encode(&b, r.Result.RenderedImage)
		r.Cleanup()
		if err != nil {
			return nil, err
		}
		out = append(out, b.Bytes())
	}
	return out, nil
}

// readScanned reads a PDF of page images by OCR.
func readScanned(name string, data []byte, pages int) *ar.Report {
	const scanned = "扫描件，无可提取文字"
	tess := tesseractChiSim()
	if tess == "" {
		return unreadable(name, scanned+"：PDF 只有图片，没有文字层；本机未安装 OCR（Debian：apt install tesseract-ocr tesseract-ocr-chi-sim），无法读取其中的数字")
	}
	imgs, err := renderPages(data, min(pages, maxOCRPages))
	if err != nil {
		return unreadable(name, scanned+"：页面无法渲染，未能 OCR 识别")
	}
	var text strings.Builder
	for _, img := range imgs {
		ctx, cancel := context.WithTimeout(context.Background(), ocrTimeout)
		cmd := exec.CommandContext(ctx, tess, "stdin", "stdout", "-l", "chi_sim", "--psm", "6")
		cmd.Stdin = bytes.NewReader(img)
		out, err := cmd.Output()
		cancel()
		if err != nil {
			return unreadable(name, scanned+"：OCR（tesseract）识别失败或超时")
		}
		text.Write(out)
		text.WriteByte('\n')
	}
	rep := ReadText(name, text.String())
	guardBySums(rep, "为 OCR 识别")
	dropActive(rep)
	note := fmt.Sprintf("%s：已用 OCR（tesseract）识别前 %d 页；OCR 识别的数字只在表内勾稽关系成立时采用，第二部分表格的数字不采用", scanned, len(imgs))
	if pages > len(imgs) {
		note += fmt.Sprintf("（共 %d 页，其余页未识别）", pages)
	}
	rep.Findings = append(rep.Findings, ar.Finding{Rule: ar.RuleUnreadable, Message: note})
	return rep
}

// dropActive leaves table 二 blank: its figures have no sums to check an OCR reading by.
func dropActive(rep *ar.Report) {
	for _, t := range ar.Tables(rep.Format) {
		if t.ID != ar.TableActive2019 && t.ID != ar.TableActive2021 {
			continue
		}
		for _, id := range ar.CellIDs(rep.Format) {
			if strings.HasPrefix(id, t.ID+".") {
				rep.Cells.SetNull(id)
			}
		}
		kept := rep.Findings[:0]
		for _, f := range rep.Findings {
			if !strings.HasPrefix(f.Cell, t.ID+".") {
				kept = append(kept, f)
			}
		}
		rep.Findings = kept
	}
}
