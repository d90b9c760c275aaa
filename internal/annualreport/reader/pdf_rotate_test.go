package reader

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/klippa-app/go-pdfium/enums"
	"github.com/klippa-app/go-pdfium/requests"
	"github.com/klippa-app/go-pdfium/structs"

	"gongkai/internal/annualreport/testreports"
)

// rotatePDF turns every page of a PDF with PDFium: with content, the drawing itself is
// turned q quarter turns anticlockwise on a page of the turned size (a table laid on its
// side to fit, its text running up or down the page); without, only the page's /Rotate
// is set (a viewer turns it).
func rotatePDF(t *testing.T, data []byte, q int, content bool) []byte {
	t.Helper()
	pool, err := pdfiumPool()
	if err != nil {
		t.Fatal(err)
	}
	inst, err := pool.GetInstance(time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	defer inst.Close()
	doc, err := inst.OpenDocument(&requests.OpenDocument{File: &data})
	if err != nil {
		t.Fatal(err)
	}
	defer inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: doc.Document})
	n, err := inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: doc.Document})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n.PageCount; i++ {
		page := requests.Page{ByIndex: &requests.PageByIndex{Document: doc.Document, Index: i}}
		if !content {
			if _, err := inst.FPDFPage_SetRotation(&requests.FPDFPage_SetRotation{Page: page, Rotate: enums.FPDF_PAGE_ROTATION(q % 4)}); err != nil {
				t.Fatal(err)
			}
			continue
		}
		w, _ := inst.FPDF_GetPageWidthF(&requests.FPDF_GetPageWidthF{Page: page})
		h, _ := inst.FPDF_GetPageHeightF(&requests.FPDF_GetPageHeightF{Page: page})
		W, H := w.PageWidth, h.PageHeight
		// (x, y) → (H − y, x): a quarter turn anticlockwise, back onto the page.
		m := structs.FPDF_FS_MATRIX{A: 0, B: 1, C: -1, D: 0, E: H, F: 0}
		nw, nh := H, W
		if q == 3 { // (x, y) → (y, W − x)
			m = structs.FPDF_FS_MATRIX{A: 0, B: -1, C: 1, D: 0, E: 0, F: W}
		}
		// The whole content wrapped in the turn (PDFium puts the matrix before the
		// page's content stream), then the page's size turned.
		if _, err := inst.FPDFPage_TransFormWithClip(&requests.FPDFPage_TransFormWithClip{Page: page, Matrix: &m,
			ClipRect: &structs.FPDF_FS_RECTF{Left: 0, Top: nh, Right: nw, Bottom: 0}}); err != nil {
			t.Fatal(err)
		}
		if _, err := inst.FPDFPage_SetMediaBox(&requests.FPDFPage_SetMediaBox{Page: page, Right: nw, Top: nh}); err != nil {
			t.Fatal(err)
		}
	}
	out, err := inst.FPDF_SaveAsCopy(&requests.FPDF_SaveAsCopy{Document: doc.Document, Flags: requests.SaveFlagNoIncremental})
	if err != nil || out.FileBytes == nil {
		t.Fatalf("save: %v", err)
	}
	return *out.FileBytes
}

// TestPDFRotated: pages turned by /Rotate, and tables whose text runs up or down the
// page, read as the upright file does.
func TestPDFRotated(t *testing.T) {
	p := pdfPrinter(t)
	rng := rand.New(rand.NewPCG(61, 62))
	for i := 0; i < 4; i++ {
		c := randomPDFCase(rng, i)
		o := testreports.RandomPDFOptions(rng)
		o.Font = "AR PL UMing CN"
		pdf, err := p.PDF(c.html, o)
		if err != nil {
			t.Fatal(err)
		}
		upright := Read("upright.pdf", pdf)
		for _, r := range []struct {
			q       int
			content bool
		}{{1, false}, {1, true}, {3, true}} {
			name := fmt.Sprintf("case %d, %d quarter turns, content %v", i, r.q, r.content)
			turned := rotatePDF(t, pdf, r.q, r.content)
			got := Read("turned.pdf", turned)
			if len(diffCells(upright, got)) > 0 {
				t.Log(got.Findings)
			}
			if bad := diffCells(upright, got); len(bad) > 0 {
				t.Errorf("%s (%s): cells differ from the upright file: %v", name, c.name, bad)
			}
			if got.Agency != upright.Agency || got.Year != upright.Year {
				t.Errorf("%s: %s %d, upright %s %d", name, got.Agency, got.Year, upright.Agency, upright.Year)
			}
		}
	}
}
