package reader

import (
	"bytes"
	"fmt"

	ar "gongkai/internal/annualreport"
)

// isPDF reports a PDF file: "%PDF-" within its first kilobyte (some writers put bytes
// before it).
func isPDF(data []byte) bool {
	return bytes.Contains(data[:min(len(data), 1024)], pdfMagic)
}

// readPDF reads a PDF report: its text and ruling lines through PDFium, rebuilt into
// lines and tables (layoutPDF), read by the HTML reader.
func readPDF(name string, data []byte) (rep *ar.Report) {
	defer func() {
		if r := recover(); r != nil {
			// A layout this reader did not foresee: say so, never crash the caller.
			rep = unreadable(name, "PDF 文件的版面无法识别，未读取")
		}
	}()
	if len(data) > maxPDFBytes {
		return unreadable(name, fmt.Sprintf("PDF 文件超过 %d MB，未读取", maxPDFBytes>>20))
	}
	doc, err := extractPDF(data)
	if err != nil {
		return unreadable(name, pdfError(err))
	}
	if doc.pageCount == 0 {
		return unreadable(name, "PDF 文件没有页面，无法读取")
	}
	if textChars(doc.pages) == 0 {
		return readScanned(name, data, doc.pageCount)
	}
	h, positional := layoutPDFTables(doc.pages)
	rep = ReadText(name, h)
	if positional {
		guardBySums(rep, "无框线")
		secondReading(rep, name, doc.pages)
	}
	if doc.pageCount > len(doc.pages) {
		rep.Findings = append(rep.Findings, ar.Finding{Rule: ar.RuleUnreadable,
			Message: fmt.Sprintf("PDF 共 %d 页，只读取了前 %d 页", doc.pageCount, len(doc.pages))})
	}
	return rep
}

// textChars counts the characters of the pages that are not white space.
func textChars(pages []pdfPage) int {
	n := 0
	for _, p := range pages {
		for _, c := range p.Chars {
			if c.R > ' ' {
				n++
			}
		}
	}
	return n
}

// unreadable is the report of a file that could not be read at all.
func unreadable(name, msg string) *ar.Report {
	return &ar.Report{File: name, Format: ar.FormatNarrative, Cells: ar.Cells{},
		Findings: []ar.Finding{{Rule: ar.RuleUnreadable, Message: msg}}}
}
