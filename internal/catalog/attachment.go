package catalog

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"gongkai/internal/apperr"
)

// AttachmentKind is the file type of an attachment, always decided from the content.
type AttachmentKind string

const (
	PDF  AttachmentKind = "pdf"
	DOCX AttachmentKind = "docx"
	XLSX AttachmentKind = "xlsx"
	DOC  AttachmentKind = "doc"
	XLS  AttachmentKind = "xls"
	PNG  AttachmentKind = "png"
	JPEG AttachmentKind = "jpeg"
	OFD  AttachmentKind = "ofd" // GB/T 33190 版式文档
)

type kindInfo struct {
	label, contentType string
	exts               []string // first is canonical
}

var attachmentKinds = map[AttachmentKind]kindInfo{
	PDF:  {"PDF 文档", "application/pdf", []string{".pdf"}},
	DOCX: {"Word 文档", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", []string{".docx"}},
	XLSX: {"Excel 表格", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", []string{".xlsx"}},
	DOC:  {"Word 97-2003 文档", "application/msword", []string{".doc"}},
	XLS:  {"Excel 97-2003 表格", "application/vnd.ms-excel", []string{".xls"}},
	PNG:  {"PNG 图片", "image/png", []string{".png"}},
	JPEG: {"JPEG 图片", "image/jpeg", []string{".jpg", ".jpeg"}},
	OFD:  {"OFD 版式文档", "application/ofd", []string{".ofd"}},
}

// AttachmentKinds lists the accepted kinds in display order.
func AttachmentKinds() []AttachmentKind {
	return []AttachmentKind{PDF, OFD, DOCX, DOC, XLSX, XLS, PNG, JPEG}
}

// IsValid reports whether k is an accepted kind.
func (k AttachmentKind) IsValid() bool { _, ok := attachmentKinds[k]; return ok }

// Label is the Chinese name of the kind.
func (k AttachmentKind) Label() string {
	if i, ok := attachmentKinds[k]; ok {
		return i.label
	}
	return string(k)
}

// ContentType is the MIME type to serve the file with.
func (k AttachmentKind) ContentType() string {
	if i, ok := attachmentKinds[k]; ok {
		return i.contentType
	}
	return "application/octet-stream"
}

// Ext is the canonical file extension, with the dot.
func (k AttachmentKind) Ext() string {
	if i, ok := attachmentKinds[k]; ok {
		return i.exts[0]
	}
	return ""
}

// DefaultMaxAttachmentSize is the default upload limit: 50 MiB.
const DefaultMaxAttachmentSize int64 = 50 << 20

// DetectHeadSize is how many leading bytes the caller should pass to DetectAttachment
// (or the whole file when it is smaller). Office 97-2003 files keep their directory
// anywhere in the file; for those a longer head makes recognition more likely.
const DetectHeadSize = 1 << 20

// AttachmentPolicy is the configurable part of attachment checks.
type AttachmentPolicy struct {
	MaxSize int64 // bytes; 0 means DefaultMaxAttachmentSize
}

// DetectAttachment is AttachmentPolicy{}.Detect: the default 50 MiB limit.
func DetectAttachment(name string, head []byte, size int64) (AttachmentKind, error) {
	return AttachmentPolicy{}.Detect(name, head, size)
}

// Detect decides the kind of an uploaded file from its content: head is the first bytes
// of the file (see DetectHeadSize), size its full length. The name and any claimed
// content type are ignored for the decision (name only appears in messages); use
// SafeAttachmentName to give the stored file an extension that matches the result.
// Errors are apperr.Invalid with a Chinese message.
func (p AttachmentPolicy) Detect(name string, head []byte, size int64) (AttachmentKind, error) {
	limit := p.MaxSize
	if limit <= 0 {
		limit = DefaultMaxAttachmentSize
	}
	shown := displayName(name)
	if size <= 0 || len(head) == 0 {
		return "", apperr.Newf(apperr.Invalid, "附件“%s”是空文件", shown)
	}
	if size > limit {
		return "", apperr.Newf(apperr.Invalid, "附件“%s”大小为%s，超过上限%s", shown, formatSize(size), formatSize(limit))
	}
	if int64(len(head)) > size {
		head = head[:size]
	}
	switch {
	case bytes.HasPrefix(head, []byte("\x89PNG\r\n\x1a\n")):
		return PNG, nil
	case bytes.HasPrefix(head, []byte{0xFF, 0xD8, 0xFF}):
		return JPEG, nil
	case bytes.Contains(head[:min(len(head), 1024)], []byte("%PDF-")):
		return PDF, nil
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return detectZip(shown, head)
	case bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}):
		return detectOLE(shown, head)
	}
	return "", apperr.Newf(apperr.Invalid, "附件“%s”的文件内容不是允许的类型（PDF、OFD、Word、Excel、PNG、JPEG）", shown)
}

// detectZip reads the names of the local file headers found in head: a Word file keeps
// its parts under word/, an Excel file under xl/, an OFD file has OFD.xml at the root.
func detectZip(shown string, head []byte) (AttachmentKind, error) {
	var word, excel, ofd, pptx bool
	sig := []byte("PK\x03\x04")
	for off := 0; ; {
		i := bytes.Index(head[off:], sig)
		if i < 0 {
			break
		}
		h := head[off+i:]
		off += i + 4
		if len(h) < 30 {
			break
		}
		n := int(binary.LittleEndian.Uint16(h[26:28]))
		if 30+n > len(h) {
			break
		}
		entry := string(h[30 : 30+n])
		switch {
		case strings.HasPrefix(entry, "word/"):
			word = true
		case strings.HasPrefix(entry, "xl/"):
			excel = true
		case strings.HasPrefix(entry, "ppt/"):
			pptx = true
		case entry == "OFD.xml":
			ofd = true
		}
	}
	switch {
	case word && !excel && !ofd:
		return DOCX, nil
	case excel && !word && !ofd:
		return XLSX, nil
	case ofd && !word && !excel:
		return OFD, nil
	case pptx:
		return "", apperr.Newf(apperr.Invalid, "附件“%s”是演示文稿，不是允许的类型；请转换为 PDF 后上传", shown)
	}
	return "", apperr.Newf(apperr.Invalid, "附件“%s”是压缩包，不是 Word、Excel 或 OFD 文件；请勿上传压缩包", shown)
}

// detectOLE looks for the root stream names of a compound file: "WordDocument" for
// Word 97-2003, "Workbook" (or "Book", Excel 5) for Excel 97-2003. Directory entries
// store names in UTF-16LE. When both appear (an embedded object) the first one wins,
// since the main streams are written before embedded storages.
func detectOLE(shown string, head []byte) (AttachmentKind, error) {
	if idx(head, "EncryptedPackage") >= 0 {
		return "", apperr.Newf(apperr.Invalid, "附件“%s”已加密，请解除密码保护后上传", shown)
	}
	w := idx(head, "WordDocument")
	x := idx(head, "Workbook")
	if x < 0 {
		x = idx(head, "Book")
	}
	switch {
	case w >= 0 && (x < 0 || w < x):
		return DOC, nil
	case x >= 0:
		return XLS, nil
	}
	return "", apperr.Newf(apperr.Invalid, "附件“%s”是 Office 97-2003 格式，但无法确认是 Word 或 Excel 文件；请另存为 DOCX、XLSX 或 PDF 后上传", shown)
}

// idx finds the UTF-16LE encoding of an ASCII directory name, followed by its NUL.
func idx(b []byte, name string) int {
	u := make([]byte, 0, 2*len(name)+2)
	for i := 0; i < len(name); i++ {
		u = append(u, name[i], 0)
	}
	return bytes.Index(b, append(u, 0, 0))
}

// SafeAttachmentName returns a file name fit for storage and download: the last path
// element of name, without control characters or characters Windows forbids, at most 100
// characters, with an extension matching kind (a wrong one replaced, a missing one added).
func SafeAttachmentName(name string, kind AttachmentKind) string {
	name = strings.ReplaceAll(name, `\`, "/")
	name = path.Base("/" + name)
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || strings.ContainsRune(`<>:"/\|?*`, r) || r == utf8.RuneError {
			return -1
		}
		return r
	}, name)
	name = strings.Trim(name, " .\u3000")
	ext := strings.ToLower(path.Ext(name))
	info, ok := attachmentKinds[kind]
	if ok {
		matched := false
		for _, e := range info.exts {
			if ext == e {
				matched = true
			}
		}
		if !matched {
			if isKnownExt(ext) {
				name = strings.TrimSuffix(name, path.Ext(name))
			}
			name += info.exts[0]
		}
	}
	base := strings.TrimSuffix(name, path.Ext(name))
	if r := []rune(base); len(r) > 100 {
		name = string(r[:100]) + path.Ext(name)
		base = string(r[:100])
	}
	if strings.Trim(base, " .") == "" {
		name = "附件" + path.Ext(name)
	}
	return name
}

func isKnownExt(ext string) bool {
	switch ext {
	case ".pdf", ".docx", ".xlsx", ".doc", ".xls", ".png", ".jpg", ".jpeg", ".ofd", ".wps", ".et", ".txt", ".zip", ".rar", ".exe", ".html", ".htm", ".svg", ".gif", ".bmp", ".tif", ".tiff":
		return true
	}
	return false
}

func displayName(name string) string {
	name = path.Base("/" + strings.ReplaceAll(name, `\`, "/"))
	if r := []rune(name); len(r) > 60 {
		name = string(r[:60]) + "…"
	}
	if name == "/" || name == "" {
		return "（未命名）"
	}
	return name
}

func formatSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d 字节", n)
}
