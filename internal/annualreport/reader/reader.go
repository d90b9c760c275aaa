// Package reader reads published annual reports (政府信息公开工作年度报告) from plain
// text, HTML, Markdown or Word (.docx), however damaged by copying and crawling, into an
// annualreport.Report: agency, year, format, sections, every cell, and findings.
//
// Tables are located by their statutory labels, figures are placed by structure and
// verified by the consistency rules; where structure is ambiguous the cells are left
// blank with a finding rather than guessed.
package reader

import (
	"bytes"
	"strings"
	"sync"

	ar "gongkai/internal/annualreport"
)

// Read reads one report. name is the file name reported back; data is the raw file
// (UTF-8, UTF-16 with BOM, GBK or Big5 text, HTML, a Word/WPS .docx file, a PDF, or an
// old Word .doc / WPS file when LibreOffice is installed). Read never panics on any input and never returns
// nil: an unreadable file is a report whose findings say why.
func Read(name string, data []byte) *ar.Report {
	if rep, ok := readXLSX(name, data); ok {
		return rep
	}
	switch {
	case isPDF(data):
		return readPDF(name, data)
	case bytes.HasPrefix(data, oleMagic) && !isSpreadsheet(name):
		return readDOC(name, data)
	}
	text, msg, ok := container(data)
	if !ok {
		text, msg = decode(data)
	}
	if msg != "" {
		return &ar.Report{File: name, Format: ar.FormatNarrative, Cells: ar.Cells{},
			Findings: []ar.Finding{{Rule: ar.RuleUnreadable, Message: msg}}}
	}
	return ReadText(name, text)
}

// Extensions are the file name extensions of the files Read understands, for a caller
// that picks report files out of a folder or an upload.
var Extensions = []string{".txt", ".html", ".htm", ".md", ".docx", ".xlsx", ".pdf", ".doc", ".wps"}

// isSpreadsheet reports an old Excel file by its name: OLE files are Word, WPS or Excel.
func isSpreadsheet(name string) bool {
	name = strings.ToLower(name)
	return strings.HasSuffix(name, ".xls") || strings.HasSuffix(name, ".et")
}

// Supported reports whether name ends in one of Extensions (in any case).
func Supported(name string) bool {
	name = strings.ToLower(name)
	for _, e := range Extensions {
		if strings.HasSuffix(name, e) {
			return true
		}
	}
	return false
}

// ReadText reads one report already decoded to a string.
func ReadText(name, text string) *ar.Report { return readText(name, text, false) }

// readText is ReadText; strict: the columns' order is taken only from headers read or
// seen standing in order, never assumed from the national form (the second reading of
// a PDF without ruling lines, pdfsecond.go).
func readText(name, text string, strict bool) *ar.Report {
	if looksHTML(text) {
		text = htmlToText(text)
	}
	if hasPinyin(text) {
		text = stripPinyin(text)
	}
	if isTraditional(text) {
		text = toSimplified(text)
	}
	if t, ok := splitRowRuns(text); ok {
		text = t // a table run together on one line: a row per line (flat_lines.go)
	}
	lines := splitLines(text)
	if t, ok := dropPageFooters(text, lines); ok {
		releaseLines(lines)
		text, lines = t, splitLines(t)
	}
	if t, ok := centredLabels(lines); ok {
		releaseLines(lines)
		text, lines = t, splitLines(t)
	}
	toks := joinWrapped(tokenize(text, lines, hasChineseFigures(text)))
	agency, year := detectMeta(lines)
	f := detectFormat(toks, year)

	rep := ar.NewReport(agency, year, f)
	rep.File = name
	if f == ar.FormatLegacy {
		// Pre-2019 tables differ from place to place: only the rows found are cells.
		rep.Cells = ar.Cells{}
	}
	secs, start := sections(toks)
	rep.Sections = secs

	a := &assembler{toks: toks, f: f, rep: rep, consumed: make([]bool, len(toks)), lines: lines, strict: strict}
	switch f {
	case ar.Format2019, ar.Format2021:
		a.rows()
		a.transposed()
		a.appeals()
		a.strays()
		a.missingTables(lines, start)
		a.missingRows()
		ar.FillDerived(rep)
		a.applySingleOther()
	case ar.FormatLegacy:
		a.legacyTable()
	case ar.FormatNarrative:
		if figureLines(toks) >= 8 {
			// Lines of figures alone, yet no statutory table: a table this reader does
			// not know (a local statistics form, a layout it cannot place). Say so
			// rather than call the report text only.
			rep.Findings = append(rep.Findings, ar.Finding{Rule: ar.RuleUnreadable, Message: "报告附有统计表格，但表格格式无法识别，表中数字未读取"})
		} else {
			rep.Findings = append(rep.Findings, ar.Finding{Rule: ar.RuleNarrativeOnly, Message: "报告未附政府信息公开统计表格，仅有文字说明"})
		}
		rep.Findings = append(rep.Findings, statements(lines, start, map[string]bool{"二": true, "三": true, "四": true, "六": true})...)
	}
	a.finishHow()
	if agency == "" {
		rep.Findings = append(rep.Findings, ar.Finding{Rule: ar.RuleUnreadable, Message: "未能识别报告机关名称"})
	}
	if year == 0 {
		rep.Findings = append(rep.Findings, ar.Finding{Rule: ar.RuleUnreadable, Message: "未能识别报告年度"})
	}
	rep.Findings = append(rep.Findings, ar.Check(rep)...)
	if rep.Findings == nil {
		rep.Findings = []ar.Finding{}
	}
	releaseTokens(toks)
	releaseLines(lines)
	return rep
}

// figureLines counts the lines that hold figures and no text: the cells of a table, not
// figures in sentences.
func figureLines(toks []token) int {
	n, line, figures, text := 0, -1, false, false
	flush := func() {
		if figures && !text {
			n++
		}
	}
	for i := range toks {
		t := &toks[i]
		if t.line != line {
			flush()
			line, figures, text = t.line, false, false
		}
		switch t.kind {
		case tNum:
			figures = true
		case tLabel:
			text = true
		}
	}
	flush()
	return n
}

// linePool keeps line slices from report to report.
var linePool sync.Pool // *[]string

// splitLines is strings.Split(text, "\n") into a pooled slice; give it back with
// releaseLines.
func splitLines(text string) []string {
	var lines []string
	if p, ok := linePool.Get().(*[]string); ok {
		lines = (*p)[:0]
	}
	for {
		i := strings.IndexByte(text, '\n')
		if i < 0 {
			return append(lines, text)
		}
		lines = append(lines, text[:i])
		text = text[i+1:]
	}
}

func releaseLines(lines []string) {
	if cap(lines) > 1<<16 {
		return
	}
	clear(lines)
	linePool.Put(&lines)
}

// detectFormat decides the format from the labels present, then from the year.
func detectFormat(toks []token, year int) ar.Format {
	s21, s19 := 0, 0
	var rows, legacy distinct3 // distinct rows named, counted up to three
	appeal := false
	headers := 0 // statutory column and group headers (第二十条第（五）项, 信息内容, 自然人 …)
	for i := range toks {
		t := &toks[i]
		if t.kind != tLabel || !t.m().ok {
			continue
		}
		switch t.m().e.sig {
		case sig2021:
			s21++
		case sig2019:
			s19++
		}
		// （六）其他处理 with its own figures is the 2019 format's single row.
		if t.m().e.kind == kAppSpecial && t.m().e.row == "其他处理" && i+1 < len(toks) && toks[i+1].kind == tNum {
			s19++
		}
		switch t.m().e.kind {
		case kActiveRow, kAppRow:
			rows.add(t.m().e.row)
		case kAppealGroup:
			appeal = true
		case kHeader:
			headers++
		case kLegacyRow:
			legacy.add(t.m().e.row)
		}
	}
	tabled := rows.n >= 3 || appeal || (rows.n >= 1 && headers >= 2)
	switch {
	case tabled && s21 > s19:
		return ar.Format2021
	case tabled && s19 > s21:
		return ar.Format2019
	case tabled && year >= 2021:
		return ar.Format2021
	case tabled && year != 0:
		return ar.Format2019
	case tabled:
		return ar.Format2021
	case legacy.n >= 3:
		return ar.FormatLegacy
	}
	return ar.FormatNarrative
}

// distinct3 counts distinct strings up to three.
type distinct3 struct {
	seen [3]string
	n    int
}

func (d *distinct3) add(s string) {
	if d.n == len(d.seen) {
		return
	}
	for _, x := range d.seen[:d.n] {
		if x == s {
			return
		}
	}
	d.seen[d.n] = s
	d.n++
}

// missingTables reports statutory tables with no row found at all, and the sentences
// that stand in for them.
func (a *assembler) missingTables(lines []string, start map[string]int) {
	want := map[string]bool{}
	all := ar.CellIDs(a.f)
	for _, t := range ar.Tables(a.f) {
		found := false
		prefix := t.ID + "."
		var ids []string
		for _, id := range all {
			if strings.HasPrefix(id, prefix) {
				ids = append(ids, id)
				if _, ok := a.rep.Cells.Get(id); ok {
					found = true
					break
				}
			}
		}
		if found || a.tableSeen(t.ID) {
			continue
		}
		a.rep.Findings = append(a.rep.Findings, ar.Finding{Rule: ar.RuleMissingTable, Cell: ids[0], Cells: ids,
			Message: "未找到表格：" + t.Label})
		switch t.ID {
		case ar.TableApplications:
			want["三"] = true
		case ar.TableAppeals:
			want["四"] = true
		default:
			want["二"] = true
		}
	}
	if len(want) > 0 {
		a.rep.Findings = append(a.rep.Findings, statements(lines, start, want)...)
	}
}

// tableSeen reports whether any row label of table id appeared, even with blank cells.
func (a *assembler) tableSeen(id string) bool {
	for i := range a.toks {
		t := &a.toks[i]
		if t.kind != tLabel || !t.m().ok {
			continue
		}
		switch {
		case id == ar.TableAppeals && t.m().e.kind == kAppealGroup:
			return true
		case id == ar.TableApplications && t.m().e.kind == kAppRow:
			return true
		case (id == ar.TableActive2019 || id == ar.TableActive2021) && t.m().e.kind == kActiveRow:
			return true
		}
	}
	return false
}
