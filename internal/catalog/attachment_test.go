package catalog

import (
	"archive/zip"
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"gongkai/internal/apperr"
)

func zipWith(t *testing.T, names ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte("<?xml version=\"1.0\"?><x/>"))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// oleWith builds the start of a compound file: the 512-byte header and one directory
// sector whose entries carry the given names (UTF-16LE, as in real files).
func oleWith(names ...string) []byte {
	b := make([]byte, 1024)
	copy(b, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	for i, n := range append([]string{"Root Entry"}, names...) {
		off := 512 + 128*i
		for j, r := range n {
			b[off+2*j] = byte(r)
		}
		b[off+64] = byte(2*len(n) + 2)
	}
	return b
}

func imageBytes(t *testing.T, enc func(*bytes.Buffer, image.Image) error) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 4, 4))
	img.Set(1, 1, color.RGBA{200, 0, 0, 255})
	var buf bytes.Buffer
	if err := enc(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func realXLSX(t *testing.T) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	f.SetCellValue("Sheet1", "A1", "索引号")
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestDetectAttachment(t *testing.T) {
	pngBytes := imageBytes(t, func(b *bytes.Buffer, i image.Image) error { return png.Encode(b, i) })
	jpegBytes := imageBytes(t, func(b *bytes.Buffer, i image.Image) error { return jpeg.Encode(b, i, nil) })
	tests := []struct {
		name    string
		file    string
		content []byte
		want    AttachmentKind
		wantErr string
	}{
		{"pdf", "通知.pdf", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"), PDF, ""},
		{"pdf with junk before header", "a.pdf", append([]byte("\r\n  "), []byte("%PDF-1.4\n")...), PDF, ""},
		{"png", "图.png", pngBytes, PNG, ""},
		{"jpeg", "照片.jpg", jpegBytes, JPEG, ""},
		{"png named pdf", "伪装.pdf", pngBytes, PNG, ""},
		{"docx", "方案.docx", zipWith(t, "[Content_Types].xml", "_rels/.rels", "word/document.xml"), DOCX, ""},
		{"xlsx from excelize", "统计.xlsx", realXLSX(t), XLSX, ""},
		{"ofd", "公文.ofd", zipWith(t, "OFD.xml", "Doc_0/Document.xml"), OFD, ""},
		{"docx named xlsx", "x.xlsx", zipWith(t, "[Content_Types].xml", "word/document.xml"), DOCX, ""},
		{"plain zip", "材料.docx", zipWith(t, "readme.txt", "data/a.csv"), "", "压缩包"},
		{"pptx", "汇报.pptx", zipWith(t, "[Content_Types].xml", "ppt/presentation.xml"), "", "演示文稿"},
		{"doc", "旧文件.doc", oleWith("WordDocument", "1Table", "\x05SummaryInformation"), DOC, ""},
		{"xls", "旧表格.xls", oleWith("Workbook", "\x05SummaryInformation"), XLS, ""},
		{"xls excel 5", "旧表格.xls", oleWith("Book"), XLS, ""},
		{"doc with embedded workbook", "a.doc", oleWith("WordDocument", "Workbook"), DOC, ""},
		{"ole unknown", "a.doc", oleWith("Contents"), "", "无法确认"},
		{"encrypted ooxml", "a.docx", oleWith("EncryptedPackage"), "", "加密"},
		{"html claimed pdf", "a.pdf", []byte("<html><script>alert(1)</script></html>"), "", "不是允许的类型"},
		{"exe", "setup.exe", []byte("MZ\x90\x00\x03"), "", "不是允许的类型"},
		{"svg", "a.png", []byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`), "", "不是允许的类型"},
		{"truncated zip header", "a.docx", []byte("PK\x03\x04\x14\x00"), "", "压缩包"},
		{"empty", "a.pdf", nil, "", "空文件"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DetectAttachment(tt.file, tt.content, int64(len(tt.content)))
			if tt.wantErr != "" {
				if err == nil || !apperr.Is(err, apperr.Invalid) || !strings.Contains(apperr.MessageOf(err), tt.wantErr) {
					t.Fatalf("DetectAttachment = %q, %v; want invalid error containing %q", got, err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("DetectAttachment = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func TestDetectAttachmentSizeLimit(t *testing.T) {
	head := []byte("%PDF-1.7\n")
	if _, err := DetectAttachment("a.pdf", head, DefaultMaxAttachmentSize); err != nil {
		t.Fatalf("at the limit: %v", err)
	}
	_, err := DetectAttachment("a.pdf", head, DefaultMaxAttachmentSize+1)
	if !apperr.Is(err, apperr.Invalid) || !strings.Contains(apperr.MessageOf(err), "超过上限50 MB") {
		t.Fatalf("over the default limit: %v", err)
	}
	p := AttachmentPolicy{MaxSize: 10 << 20}
	_, err = p.Detect("a.pdf", head, 10<<20+1)
	if !apperr.Is(err, apperr.Invalid) || !strings.Contains(apperr.MessageOf(err), "超过上限10 MB") {
		t.Fatalf("over a configured limit: %v", err)
	}
}

func TestSafeAttachmentName(t *testing.T) {
	tests := []struct {
		name string
		kind AttachmentKind
		want string
	}{
		{"通知.pdf", PDF, "通知.pdf"},
		{"照片.JPEG", JPEG, "照片.JPEG"},
		{"照片.jpg", JPEG, "照片.jpg"},
		{"伪装.pdf", PNG, "伪装.png"},
		{"方案", DOCX, "方案.docx"},
		{`C:\Users\x\桌面\方案.docx`, DOCX, "方案.docx"},
		{"../../etc/passwd", PDF, "passwd.pdf"},
		{"a<b>|c?.pdf", PDF, "abc.pdf"},
		{"关于印发《实施方案》的通知.v2", PDF, "关于印发《实施方案》的通知.v2.pdf"},
		{"", PDF, "附件.pdf"},
		{"...", OFD, "附件.ofd"},
		{"line\nbreak.xls", XLS, "linebreak.xls"},
		{strings.Repeat("长", 150) + ".pdf", PDF, strings.Repeat("长", 100) + ".pdf"},
	}
	for _, tt := range tests {
		if got := SafeAttachmentName(tt.name, tt.kind); got != tt.want {
			t.Errorf("SafeAttachmentName(%q, %s) = %q, want %q", tt.name, tt.kind, got, tt.want)
		}
	}
}

func FuzzDetectAttachment(f *testing.F) {
	f.Add([]byte("%PDF-1.7"))
	f.Add([]byte("PK\x03\x04\x14\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x11\x00\x00\x00word/document.xml"))
	f.Add(oleWith("WordDocument"))
	f.Fuzz(func(t *testing.T, b []byte) {
		k, err := DetectAttachment("f", b, int64(len(b)))
		if err == nil && !k.IsValid() {
			t.Fatalf("kind %q without error", k)
		}
		if err != nil && !apperr.Is(err, apperr.Invalid) {
			t.Fatalf("error not invalid: %v", err)
		}
	})
}
