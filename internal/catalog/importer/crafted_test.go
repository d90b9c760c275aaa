package importer

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"gongkai/internal/apperr"
)

// craftedXLSX builds an .xlsx by hand, part by part, the way an attacker would: the sheet
// and the shared strings are written by the given functions, streamed into the zip.
func craftedXLSX(t *testing.T, sheet func(w io.Writer), sst func(w io.Writer)) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	part := func(name string, write func(w io.Writer)) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		write(w)
	}
	str := func(s string) func(io.Writer) { return func(w io.Writer) { io.WriteString(w, s) } }
	part("[Content_Types].xml", str(`<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`))
	part("_rels/.rels", str(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`))
	part("xl/workbook.xml", str(`<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`))
	part("xl/_rels/workbook.xml.rels", str(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`))
	part("xl/worksheets/sheet1.xml", func(w io.Writer) {
		io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
		io.WriteString(w, `<row r="1"><c r="A1" t="inlineStr"><is><t>名称</t></is></c><c r="B1" t="inlineStr"><is><t>发布日期</t></is></c><c r="C1" t="inlineStr"><is><t>发布机构</t></is></c></row>`)
		sheet(w)
		io.WriteString(w, `</sheetData></worksheet>`)
	})
	part("xl/sharedStrings.xml", func(w io.Writer) {
		io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
		if sst != nil {
			sst(w)
		}
		io.WriteString(w, `</sst>`)
	})
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func dataRow(w io.Writer, r int, extra string) {
	fmt.Fprintf(w, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>第%d条信息</t></is></c><c r="B%d" t="inlineStr"><is><t>2024-01-02</t></is></c><c r="C%d" t="inlineStr"><is><t>某局</t></is></c>%s</row>`, r, r, r, r, r, extra)
}

// heapGrowth runs fn and reports the highest the heap rose above where it stood.
func heapGrowth(fn func()) uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base := ms.HeapAlloc
	var peak atomic.Uint64
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapAlloc > peak.Load() {
				peak.Store(ms.HeapAlloc)
			}
			select {
			case <-stop:
				return
			case <-time.After(2 * time.Millisecond):
			}
		}
	}()
	fn()
	close(stop)
	<-done
	if p := peak.Load(); p > base {
		return p - base
	}
	return 0
}

// importMemoryBound is the stated bound on the heap an import may add, whatever the file:
// the file (MaxFileSize), the parts excelize keeps in memory (maxInMemory), the text of the
// rows (MaxText) and the same again for the collector's slack.
const importMemoryBound = 2*(MaxFileSize+maxInMemory+MaxText) + 32<<20

// TestCraftedXLSXStaysBounded: small files crafted to blow up a spreadsheet reader are
// refused at a stated limit, or read, within importMemoryBound.
func TestCraftedXLSXStaysBounded(t *testing.T) {
	tests := []struct {
		name   string
		sheet  func(w io.Writer)
		sst    func(w io.Writer)
		rows   int    // rows read when it is not refused
		refuse string // part of the message when refused
	}{
		{"cells at the last column on every row", func(w io.Writer) {
			for r := 2; r < 5002; r++ {
				dataRow(w, r, fmt.Sprintf(`<c r="XFD%d" t="inlineStr"><is><t>x</t></is></c>`, r))
			}
		}, nil, 0, "第1000列以外"},
		{"cells at column 900 on every row", func(w io.Writer) {
			for r := 2; r < 5002; r++ {
				dataRow(w, r, fmt.Sprintf(`<c r="AHP%d" t="inlineStr"><is><t>x</t></is></c>`, r))
			}
		}, nil, 5000, ""},
		{"a row far down", func(w io.Writer) { dataRow(w, 2, ""); dataRow(w, 1048576, "") }, nil, 0, "行"},
		{"a million shared strings", func(w io.Writer) { dataRow(w, 2, "") }, func(w io.Writer) {
			for i := 0; i < 1000000; i++ {
				io.WriteString(w, "<si><t>x</t></si>")
			}
		}, 0, "不同文字超过"},
		{"one shared string of 100 MB", func(w io.Writer) { dataRow(w, 2, `<c r="D2" t="s"><v>0</v></c>`) }, func(w io.Writer) {
			io.WriteString(w, "<si><t>")
			chunk := strings.Repeat("公", 1<<20)
			for i := 0; i < 33; i++ {
				io.WriteString(w, chunk)
			}
			io.WriteString(w, "</t></si>")
		}, 0, "单元格的内容超过"},
		{"an inline cell of 100 MB", func(w io.Writer) {
			fmt.Fprint(w, `<row r="2"><c r="A2" t="inlineStr"><is><t>`)
			chunk := strings.Repeat("a", 1<<20)
			for i := 0; i < 100; i++ {
				io.WriteString(w, chunk)
			}
			fmt.Fprint(w, `</t></is></c></row>`)
		}, nil, 0, "单元格的内容超过"},
		{"three hundred thousand rows", func(w io.Writer) {
			for r := 2; r < 300002; r++ {
				dataRow(w, r, "")
			}
		}, nil, 0, "超过20000行"},
		{"wide rows", func(w io.Writer) {
			for r := 2; r < 200; r++ {
				var cells strings.Builder
				for c := 4; c < 300; c++ {
					fmt.Fprintf(&cells, `<c r="%s%d" t="inlineStr"><is><t>x</t></is></c>`, colName(c), r)
				}
				dataRow(w, r, cells.String())
			}
		}, nil, 0, "最多100列"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := craftedXLSX(t, tt.sheet, tt.sst)
			var p Preview
			var err error
			grew := heapGrowth(func() { p, err = Read(bytes.NewReader(data), Options{Publisher: "某局"}) })
			t.Logf("%d KB file: heap +%d MiB (bound %d MiB)", len(data)>>10, grew>>20, importMemoryBound>>20)
			if grew > importMemoryBound {
				t.Errorf("heap grew %d MiB, bound %d MiB", grew>>20, importMemoryBound>>20)
			}
			if tt.refuse != "" {
				if err == nil || apperr.CodeOf(err) != apperr.Invalid || !strings.Contains(apperr.MessageOf(err), tt.refuse) {
					t.Fatalf("want refusal with %q, got %v", tt.refuse, err)
				}
				return
			}
			if err != nil || len(p.Rows) != tt.rows {
				t.Fatalf("rows %d, err %v, problems %v", len(p.Rows), err, p.Problems[:min(3, len(p.Problems))])
			}
		})
	}
}

// colName is the spreadsheet name of 1-based column c (1 → A, 27 → AA).
func colName(c int) string {
	s := ""
	for c > 0 {
		c--
		s = string(rune('A'+c%26)) + s
		c /= 26
	}
	return s
}

// FuzzScanPart: the streaming count agrees with a count over the whole part, wherever the
// 64 KiB reads cut it, and the longest stretch bounds every element.
func FuzzScanPart(f *testing.F) {
	f.Add([]byte("<si><t>a</t></si><si/><sid>"), 3)
	f.Add([]byte(`<c r="XFD1"/><col/><c r="B2">`), 70000)
	f.Fuzz(func(t *testing.T, body []byte, pad int) {
		pad = pad % (200 << 10)
		if pad < 0 {
			pad = -pad
		}
		part := append(bytes.Repeat([]byte{' '}, pad), body...)
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		w, _ := zw.Create("x.xml")
		w.Write(part)
		zw.Close()
		zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
		if err != nil {
			t.Fatal(err)
		}
		for _, tag := range []string{"<si", "<c"} {
			n, longest, _, err := scanPart(zr.File[0], tag)
			if err != nil {
				t.Fatal(err)
			}
			want, last := 0, 0
			var longestWant int64
			for i := 0; i+len(tag) < len(part); i++ {
				if string(part[i:i+len(tag)]) != tag {
					continue
				}
				if c := part[i+len(tag)]; c == '>' || c == ' ' || c == '/' || c == '\t' || c == '\n' || c == '\r' {
					want++
					longestWant = max(longestWant, int64(i-last))
					last = i
				}
			}
			longestWant = max(longestWant, int64(len(part)-last))
			if n != want || longest != longestWant {
				t.Fatalf("%s: count %d longest %d, want %d %d", tag, n, longest, want, longestWant)
			}
		}
	})
}
