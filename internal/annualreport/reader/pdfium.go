package reader

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/enums"
	pdferrors "github.com/klippa-app/go-pdfium/errors"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
)

// Limits of one PDF read. A file past them is read as far as they allow, or not at all,
// with a finding that says so; see README and docs/architecture.md.
const (
	// maxPDFBytes: larger files are not opened (a report is rarely over 20 MB).
	maxPDFBytes = 64 << 20
	// maxPDFPages: pages after this are not read.
	maxPDFPages = 100
	// pdfMemoryPages: the WebAssembly memory of one PDFium instance, in 64 KiB pages
	// (256 MiB). A decompression bomb runs out of it and stops with an error.
	pdfMemoryPages = 4096
	// maxPageChars and maxPageObjects: text characters and drawing objects read per page.
	maxPageChars   = 40000
	maxPageObjects = 20000
	// maxPathSegments: the segments of one path read for ruling lines.
	maxPathSegments = 400
)

// pdfiumEngine is the one PDFium of the process: pdfium.wasm compiled once (3–4 s, kept
// in wazero's compilation cache under os.UserCacheDir when it can be written, so later
// runs start in a fraction of that) and a pool of instances, at most one per CPU, kept
// from file to file. It is built by the first PDF read, not at start-up.
type pdfiumEngine struct {
	once  sync.Once
	pool  pdfium.Pool
	err   error
	start time.Duration // how long the start took
}

var engine pdfiumEngine

// pdfiumPool returns the process's PDFium pool, starting it on first use.
func pdfiumPool() (pdfium.Pool, error) {
	engine.once.Do(func() {
		t0 := time.Now()
		defer func() { engine.start = time.Since(t0) }()
		// No WithCloseOnContextDone: it makes every call into PDFium four times slower
		// (a goroutine per call, checks in every loop). The time limit is checked
		// between calls instead (pdfExtractor.check).
		cfg := wazero.NewRuntimeConfig().
			WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling).
			WithMemoryLimitPages(pdfMemoryPages)
		if dir, err := os.UserCacheDir(); err == nil {
			dir = filepath.Join(dir, "gongkai", "wazero")
			if os.MkdirAll(dir, 0o700) == nil {
				if cache, err := wazero.NewCompilationCacheWithDir(dir); err == nil {
					cfg = cfg.WithCompilationCache(cache)
				}
			}
		}
		n := min(runtime.GOMAXPROCS(0), 8)
		engine.pool, engine.err = webassembly.Init(webassembly.Config{
			MinIdle:       0,
			MaxIdle:       n,
			MaxTotal:      n,
			ReuseWorkers:  true,
			RuntimeConfig: cfg,
			FSConfig:      wazero.NewFSConfig(), // no file system: PDFium reads only the bytes given
			Stdout:        io.Discard,
			Stderr:        io.Discard,
		})
		if engine.err != nil {
			engine.err = fmt.Errorf("reader: start pdfium: %w", engine.err)
			return
		}
		// One instance made now and kept in the pool: its start is part of the one-time
		// start, not of the first file's read.
		inst, err := engine.pool.GetInstance(maxPDFTime)
		if err != nil {
			engine.err = fmt.Errorf("reader: start pdfium instance: %w", err)
			return
		}
		inst.Close()
	})
	return engine.pool, engine.err
}

// StartPDF starts PDFium now rather than at the first PDF read, so that a benchmark or a
// server can leave the one-time start out of its timings.
func StartPDF() error {
	_, err := pdfiumPool()
	return err
}

// maxPDFTime is the time limit of one file's read, PDFium's start excluded (a variable
// for the tests only).
var maxPDFTime = 30 * time.Second

// errPDFTimeout: the read took longer than maxPDFTime and was stopped.
var errPDFTimeout = errors.New("reader: pdf read stopped after the time limit")

// pdfDoc is what one PDF holds for the reader: its pages' text with positions and ruling
// lines, and how many pages it has in all.
type pdfDoc struct {
	pages     []pdfPage
	pageCount int
	images    int // image objects on the pages read
}

// extractPDF opens data in a PDFium instance and reads the text and ruling lines of its
// first maxPDFPages pages, stopping at maxPDFTime. An instance that failed is killed and
// a fresh one takes its place.
func extractPDF(data []byte) (doc *pdfDoc, err error) {
	pool, err := pdfiumPool()
	if err != nil {
		return nil, err
	}
	inst, err := pool.GetInstance(maxPDFTime)
	if err != nil {
		return nil, fmt.Errorf("reader: pdfium instance: %w", err)
	}
	defer func() {
		if r := recover(); r != nil {
			doc, err = nil, fmt.Errorf("reader: pdfium: %v", r)
		}
		if err != nil && !errors.Is(err, errPDFTimeout) {
			inst.Kill() // a trap or an error may leave the instance in any state
			return
		}
		inst.Close()
	}()
	x := &pdfExtractor{inst: inst, deadline: time.Now().Add(maxPDFTime)}
	return x.document(data)
}

type pdfExtractor struct {
	inst     pdfium.Pdfium
	deadline time.Time
}

// check stops a read past its time limit. It runs between calls into PDFium: one call
// (one page's content, at most pdfMemoryPages of it) is not interrupted.
func (x *pdfExtractor) check() error {
	if time.Now().After(x.deadline) {
		return errPDFTimeout
	}
	return nil
}

func (x *pdfExtractor) document(data []byte) (*pdfDoc, error) {
	opened, err := x.inst.OpenDocument(&requests.OpenDocument{File: &data})
	if err != nil {
		return nil, err
	}
	defer x.inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: opened.Document})
	count, err := x.inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: opened.Document})
	if err != nil {
		return nil, err
	}
	doc := &pdfDoc{pageCount: count.PageCount}
	for i := 0; i < count.PageCount && i < maxPDFPages; i++ {
		if err := x.check(); err != nil {
			return nil, err
		}
		p, err := x.page(opened.Document, i, &doc.images)
		if err != nil {
			return nil, fmt.Errorf("page %d: %w", i+1, err)
		}
		doc.pages = append(doc.pages, p)
	}
	return doc, nil
}

// page reads one page: its characters with their boxes and its ruling lines, turned so
// that the text reads left to right, top to bottom, in points from the top left corner.
func (x *pdfExtractor) page(doc references.FPDF_DOCUMENT, index int, images *int) (pdfPage, error) {
	loaded, err := x.inst.FPDF_LoadPage(&requests.FPDF_LoadPage{Document: doc, Index: index})
	if err != nil {
		return pdfPage{}, err
	}
	ref := loaded.Page
	defer x.inst.FPDF_ClosePage(&requests.FPDF_ClosePage{Page: ref})
	page := requests.Page{ByReference: &ref}
	w, err := x.inst.FPDF_GetPageWidthF(&requests.FPDF_GetPageWidthF{Page: page})
	if err != nil {
		return pdfPage{}, err
	}
	h, err := x.inst.FPDF_GetPageHeightF(&requests.FPDF_GetPageHeightF{Page: page})
	if err != nil {
		return pdfPage{}, err
	}
	p := pdfPage{W: float64(w.PageWidth), H: float64(h.PageHeight)}
	text, err := x.inst.GetPageTextStructured(&requests.GetPageTextStructured{Page: page, Mode: requests.GetPageTextStructuredModeChars})
	if err != nil {
		return pdfPage{}, err
	}
	angles := map[int]int{} // quarter turns → characters
	for k, c := range text.Chars {
		if k >= maxPageChars {
			break
		}
		r := []rune(c.Text)
		if len(r) != 1 {
			continue
		}
		pos := c.PointPosition
		if pos.Right < pos.Left || pos.Top < pos.Bottom || math.IsNaN(pos.Left+pos.Right+pos.Top+pos.Bottom) {
			continue
		}
		if r[0] != ' ' && r[0] != '\r' && r[0] != '\n' {
			angles[quarterTurns(c.Angle)]++
		}
		p.Chars = append(p.Chars, pdfChar{R: r[0], X0: pos.Left, X1: pos.Right, Y0: p.H - pos.Top, Y1: p.H - pos.Bottom})
	}
	objs, err := x.inst.FPDFPage_CountObjects(&requests.FPDFPage_CountObjects{Page: page})
	if err != nil {
		return pdfPage{}, err
	}
	for k := 0; k < objs.Count && k < maxPageObjects; k++ {
		if k%256 == 0 {
			if err := x.check(); err != nil {
				return pdfPage{}, err
			}
		}
		o, err := x.inst.FPDFPage_GetObject(&requests.FPDFPage_GetObject{Page: page, Index: k})
		if err != nil {
			return pdfPage{}, err
		}
		t, err := x.inst.FPDFPageObj_GetType(&requests.FPDFPageObj_GetType{PageObject: o.PageObject})
		if err != nil {
			return pdfPage{}, err
		}
		switch t.Type {
		case enums.FPDF_PAGEOBJ_IMAGE:
			*images++
		case enums.FPDF_PAGEOBJ_PATH:
			if err := x.rules(o.PageObject, &p); err != nil {
				return pdfPage{}, err
			}
		}
	}
	// A page whose text runs down or up (a table turned on its side to fit) is turned
	// back, so that its lines run across.
	best, most := 0, 0
	for q, n := range angles {
		if n > most {
			best, most = q, n
		}
	}
	// PDFium measures the angle clockwise on the page as shown (y down): text at a
	// quarter turn clockwise is turned back by three quarter turns clockwise.
	p.turn((4 - best) % 4)
	return p, nil
}

// quarterTurns rounds an angle in radians to the nearest quarter turn, 0–3.
func quarterTurns(a float64) int {
	q := int(math.Round(a/(math.Pi/2))) % 4
	if q < 0 {
		q += 4
	}
	return q
}

// rules adds the ruling lines of one path object: the object itself when it is thin
// (a border drawn as a line or a filled hairline rectangle), else the straight segments
// of its outline when it is stroked (a table drawn as one path).
func (x *pdfExtractor) rules(obj references.FPDF_PAGEOBJECT, p *pdfPage) error {
	b, err := x.inst.FPDFPageObj_GetBounds(&requests.FPDFPageObj_GetBounds{PageObject: obj})
	if err != nil {
		return nil // a path with no bounds draws nothing
	}
	r := pdfRule{X0: float64(b.Left), X1: float64(b.Right), Y0: p.H - float64(b.Top), Y1: p.H - float64(b.Bottom)}
	if r.thin() {
		p.Rules = append(p.Rules, r)
		return nil
	}
	mode, err := x.inst.FPDFPath_GetDrawMode(&requests.FPDFPath_GetDrawMode{PageObject: obj})
	if err != nil || !mode.Stroke {
		return nil // a filled area (shading, a background), not a line
	}
	n, err := x.inst.FPDFPath_CountSegments(&requests.FPDFPath_CountSegments{PageObject: obj})
	if err != nil || n.Count > maxPathSegments {
		return nil
	}
	m, err := x.inst.FPDFPageObj_GetMatrix(&requests.FPDFPageObj_GetMatrix{PageObject: obj})
	if err != nil {
		return nil
	}
	mat := m.Matrix
	var start, prev [2]float64
	have := false
	for k := 0; k < n.Count; k++ {
		seg, err := x.inst.FPDFPath_GetPathSegment(&requests.FPDFPath_GetPathSegment{PageObject: obj, Index: k})
		if err != nil {
			return nil
		}
		pt, err := x.inst.FPDFPathSegment_GetPoint(&requests.FPDFPathSegment_GetPoint{PathSegment: seg.PathSegment})
		if err != nil {
			return nil
		}
		typ, err := x.inst.FPDFPathSegment_GetType(&requests.FPDFPathSegment_GetType{PathSegment: seg.PathSegment})
		if err != nil {
			return nil
		}
		cl, err := x.inst.FPDFPathSegment_GetClose(&requests.FPDFPathSegment_GetClose{PathSegment: seg.PathSegment})
		if err != nil {
			return nil
		}
		px := float64(mat.A)*float64(pt.X) + float64(mat.C)*float64(pt.Y) + float64(mat.E)
		py := p.H - (float64(mat.B)*float64(pt.X) + float64(mat.D)*float64(pt.Y) + float64(mat.F))
		cur := [2]float64{px, py}
		switch typ.Type {
		case enums.FPDF_SEGMENT_MOVETO:
			start, have = cur, true
		case enums.FPDF_SEGMENT_LINETO:
			if have {
				p.addSegment(prev, cur)
			}
		}
		prev = cur
		if cl.IsClose && have {
			p.addSegment(cur, start)
			prev = start
		}
	}
	return nil
}

// pdfError turns what went wrong into the finding's words.
func pdfError(err error) string {
	switch {
	case errors.Is(err, pdferrors.ErrPassword), errors.Is(err, pdferrors.ErrSecurity):
		return "PDF 文件已加密（需要密码），无法读取"
	case errors.Is(err, errPDFTimeout):
		return fmt.Sprintf("PDF 文件在 %d 秒内未能读完（可能是损坏或恶意构造的文件），未读取", int(maxPDFTime/time.Second))
	case errors.Is(err, pdferrors.ErrFormat), errors.Is(err, pdferrors.ErrFile):
		return "不是有效的 PDF 文件（文件损坏或不完整），无法读取"
	}
	return "PDF 文件无法读取（文件损坏、不完整或超出读取限制）"
}
