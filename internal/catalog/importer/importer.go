// Package importer reads an existing 政府信息公开目录 from CSV or XLSX into catalog items,
// as a preview: every row that parsed, and every problem with its row number and column,
// in Chinese. Nothing is saved here; the caller imports all rows or none.
package importer

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"html"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"gongkai/internal/apperr"
	"gongkai/internal/catalog"
	"gongkai/internal/textcheck"
)

// Field is a column of the catalog import.
type Field string

const (
	FIndexNo   Field = "index_no"
	FTitle     Field = "title"
	FTopic     Field = "topic"
	FPublisher Field = "publisher"
	FWritten   Field = "written_on"
	FPublished Field = "published_on"
	FDocNo     Field = "doc_no"
	FKeywords  Field = "keywords"
	FValidity  Field = "validity"
	FSummary   Field = "summary"
	FBody      Field = "body"
	FKind      Field = "kind"
	FEndedOn   Field = "ended_on"
)

type fieldSpec struct {
	field Field
	label string   // canonical Chinese header
	names []string // headers accepted, after normalisation
}

// fields lists the columns in template order; the first name is the canonical header.
var fields = []fieldSpec{
	{FIndexNo, "索引号", []string{"索引号", "索引编号", "信息索引号"}},
	{FTitle, "名称", []string{"名称", "标题", "信息名称", "文件名称", "题名", "信息标题"}},
	{FTopic, "主题分类", []string{"主题分类", "分类", "信息分类", "主题", "所属分类"}},
	{FPublisher, "发布机构", []string{"发布机构", "发文机关", "发文机构", "发布单位", "发文单位", "来源"}},
	{FWritten, "成文日期", []string{"成文日期", "发文日期", "生成日期", "形成日期", "印发日期"}},
	{FPublished, "发布日期", []string{"发布日期", "公开日期", "发布时间", "公开时间"}},
	{FDocNo, "文号", []string{"文号", "发文字号", "发文文号", "文件编号"}},
	{FKeywords, "主题词", []string{"主题词", "关键词", "关键字"}},
	{FValidity, "效力状态", []string{"效力状态", "有效性", "效力", "时效性", "状态"}},
	{FSummary, "内容概述", []string{"内容概述", "摘要", "内容摘要", "概述"}},
	{FBody, "正文", []string{"正文", "内容", "全文", "正文内容"}},
	{FKind, "文件类别", []string{"文件类别", "文件类型", "信息类别", "文种类别"}},
	{FEndedOn, "废止日期", []string{"废止日期", "失效日期", "失效废止日期", "废止失效日期"}},
}

// TemplateHeaders is the header row of the import template, in order.
func TemplateHeaders() []string {
	out := make([]string, len(fields))
	for i, f := range fields {
		out[i] = f.label
	}
	return out
}

// Options tune an import.
type Options struct {
	Taxonomy    *catalog.Taxonomy // nil: catalog.DefaultTaxonomy()
	Publisher   string            // 发布机构 for rows that leave it blank
	DefaultKind catalog.DocKind   // 文件类别 when the file has no such column; "" = 普通信息
	MaxRows     int               // 0: 20000
}

// Row is one parsed row.
type Row struct {
	Line int          // row number as the spreadsheet shows it (the header row included)
	Item catalog.Item // State empty: pass it through catalog.Imported before saving
}

// Problem is one reason a row cannot be imported.
type Problem struct {
	Line    int    // row number as the spreadsheet shows it; 0 for the file as a whole
	Column  string // the column's header as written in the file ("" for the row as a whole)
	Message string // Chinese
}

// String renders the problem for a list: 第5行“成文日期”：日期“2021-02-30”不是有效的日期.
func (p Problem) String() string {
	var b strings.Builder
	if p.Line > 0 {
		fmt.Fprintf(&b, "第%d行", p.Line)
	}
	if p.Column != "" {
		b.WriteString("“" + p.Column + "”")
	}
	if b.Len() > 0 {
		b.WriteString("：")
	}
	b.WriteString(p.Message)
	return b.String()
}

// Mapping tells which file column feeds which field.
type Mapping struct {
	Header string // as written in the file
	Field  Field  // "" when the column is ignored
	Label  string // canonical Chinese name of the field; "" when ignored
}

// Preview is the result of reading a file: show it, then import all Rows if OK.
type Preview struct {
	Columns  []Mapping
	Rows     []Row
	Problems []Problem
}

// OK reports whether every row parsed.
func (p Preview) OK() bool { return len(p.Problems) == 0 }

// Err is nil when OK, else an apperr.Invalid listing the first ten problems.
func (p Preview) Err() error {
	if p.OK() {
		return nil
	}
	var parts []string
	for i, pr := range p.Problems {
		if i == 10 {
			parts = append(parts, fmt.Sprintf("等共%d个问题", len(p.Problems)))
			break
		}
		parts = append(parts, pr.String())
	}
	return apperr.New(apperr.Invalid, "导入文件有错误，未导入任何信息："+strings.Join(parts, "；"))
}

// Header maps the columns of a file to fields.
type Header struct {
	names []string
	col   map[Field]int
}

func normHeader(s string) string {
	s = strings.TrimPrefix(s, "\ufeff")
	s = strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\u3000', '\t', '\n', '\r', '[', ']', '【', '】', '(', ')', '（', '）', ':', '：', '*', '/', '、':
			return -1
		}
		return r
	}, s)
	return s
}

// ParseHeader recognises a header row. The 名称 column is required; unknown columns are
// ignored (see Header.Mappings); a field named twice is an error.
func ParseHeader(record []string) (Header, error) {
	h := Header{names: record, col: map[Field]int{}}
	for i, name := range record {
		n := normHeader(name)
		if n == "" {
			continue
		}
		for _, f := range fields {
			if !contains(f.names, n) {
				continue
			}
			if j, dup := h.col[f.field]; dup {
				return Header{}, apperr.Newf(apperr.Invalid, "“%s”列和“%s”列都表示%s，请删除其中一列", strings.TrimSpace(record[j]), strings.TrimSpace(name), f.label)
			}
			h.col[f.field] = i
			break
		}
	}
	if _, ok := h.col[FTitle]; !ok {
		return Header{}, apperr.New(apperr.Invalid, "找不到“名称”列（也可写作“标题”“信息名称”）；请确认第一行是表头")
	}
	return h, nil
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// Mappings lists every column of the file with the field it feeds.
func (h Header) Mappings() []Mapping {
	out := make([]Mapping, len(h.names))
	for i, n := range h.names {
		out[i] = Mapping{Header: strings.TrimSpace(n)}
	}
	for _, f := range fields {
		if i, ok := h.col[f.field]; ok {
			out[i].Field, out[i].Label = f.field, f.label
		}
	}
	return out
}

// Has reports whether the file has a column for f.
func (h Header) Has(f Field) bool { _, ok := h.col[f]; return ok }

func (h Header) cell(record []string, f Field) string {
	i, ok := h.col[f]
	if !ok || i >= len(record) {
		return ""
	}
	return strings.TrimSpace(record[i])
}

func (h Header) colName(f Field) string {
	if i, ok := h.col[f]; ok {
		if n := strings.TrimSpace(h.names[i]); n != "" {
			return n
		}
	}
	for _, s := range fields {
		if s.field == f {
			return s.label
		}
	}
	return string(f)
}

// fieldByLabel maps catalog.FieldProblem labels to import fields.
var fieldByLabel = map[string]Field{
	"名称": FTitle, "主题分类": FTopic, "发布机构": FPublisher, "成文日期": FWritten, "发布日期": FPublished,
	"文号": FDocNo, "主题词": FKeywords, "效力状态": FValidity, "内容概述": FSummary, "正文": FBody,
	"文件类别": FKind, "失效或废止日期": FEndedOn,
}

// ParseRow turns one record into an item. line is the row number shown to the user.
// It never panics, whatever the record holds.
func ParseRow(h Header, record []string, line int, opt Options) (catalog.Item, []Problem) {
	tax := opt.Taxonomy
	if tax == nil {
		tax = catalog.DefaultTaxonomy()
	}
	var ps []Problem
	add := func(f Field, format string, a ...any) {
		ps = append(ps, Problem{Line: line, Column: h.colName(f), Message: fmt.Sprintf(format, a...)})
	}
	addErr := func(f Field, err error) { add(f, "%s", apperr.MessageOf(err)) }
	// The boundary check of every mapped cell first: bytes, control characters, length.
	for _, f := range fields {
		i, ok := h.col[f.field]
		if !ok || i >= len(record) {
			continue
		}
		rule := cellRules[f.field]
		rule.Label = h.colName(f.field)
		if p := rule.Check(record[i]); p != nil {
			ps = append(ps, Problem{Line: line, Column: rule.Label, Message: cellMessage(p)})
		}
	}
	if len(ps) > 0 {
		return catalog.Item{}, ps
	}

	it := catalog.Item{
		IndexNo:   h.cell(record, FIndexNo),
		Title:     h.cell(record, FTitle),
		Publisher: h.cell(record, FPublisher),
		DocNo:     h.cell(record, FDocNo),
		Keywords:  catalog.SplitKeywords(h.cell(record, FKeywords)),
		Summary:   h.cell(record, FSummary),
		Validity:  catalog.Valid,
		Kind:      opt.DefaultKind,
	}
	if it.Kind == "" {
		it.Kind = catalog.General
	}
	if it.Publisher == "" {
		it.Publisher = strings.TrimSpace(opt.Publisher)
	}
	if it.Title == "" {
		add(FTitle, "不能为空")
	}
	if it.Publisher == "" {
		add(FPublisher, "不能为空（可在导入时指定默认发布机构）")
	}
	if it.IndexNo != "" && (strings.ContainsAny(it.IndexNo, " \t\u3000") || utf8.RuneCountInString(it.IndexNo) > 60) {
		add(FIndexNo, "“%s”不是有效的索引号（不能含空格，不超过60个字符）", it.IndexNo)
	}
	if s := h.cell(record, FTopic); s == "" {
		it.Topic = "other"
	} else if tp, err := tax.Match(s); err != nil {
		addErr(FTopic, err)
	} else {
		it.Topic = tp.Code
	}
	date := func(f Field) time.Time {
		s := h.cell(record, f)
		if s == "" {
			return time.Time{}
		}
		d, err := ParseDate(s)
		if err != nil {
			addErr(f, err)
		}
		return d
	}
	it.WrittenOn = date(FWritten)
	it.PublishedOn = date(FPublished)
	ended := date(FEndedOn)
	if it.PublishedOn.IsZero() {
		it.PublishedOn = it.WrittenOn
	}
	if it.WrittenOn.IsZero() && it.PublishedOn.IsZero() && h.cell(record, FWritten) == "" && h.cell(record, FPublished) == "" {
		add(FWritten, "成文日期和发布日期不能都为空")
	}
	if s := h.cell(record, FValidity); s != "" {
		v, err := catalog.ParseValidity(s)
		if err != nil {
			addErr(FValidity, err)
		} else {
			it.Validity = v
		}
	}
	if !ended.IsZero() {
		if it.Validity == catalog.Valid {
			add(FEndedOn, "效力状态为有效时不应填写废止日期")
		} else {
			it.ValidityChangedOn = ended
		}
	}
	if s := h.cell(record, FKind); s != "" {
		k, err := catalog.ParseDocKind(s)
		if err != nil {
			addErr(FKind, err)
		} else {
			it.Kind = k
		}
	}
	it.BodyHTML = bodyHTML(h.cell(record, FBody))

	if len(ps) == 0 {
		for _, p := range it.Problems(tax, false) {
			f, ok := fieldByLabel[p.Field]
			col := p.Field
			if ok {
				col = h.colName(f)
			}
			ps = append(ps, Problem{Line: line, Column: col, Message: p.Problem})
		}
	}
	if len(ps) > 0 {
		return catalog.Item{}, ps
	}
	return it, nil
}

// cellRules are the boundary rules of the cells of each column (textcheck), the label
// being the column's header in the file.
var cellRules = map[Field]textcheck.Rule{
	FIndexNo:   textcheck.LineOf("", 60),
	FTitle:     textcheck.LineOf("", 500),
	FTopic:     textcheck.LineOf("", 100),
	FPublisher: textcheck.LineOf("", 200),
	FWritten:   textcheck.LineOf("", 40),
	FPublished: textcheck.LineOf("", 40),
	FDocNo:     textcheck.LineOf("", 100),
	FKeywords:  textcheck.LineOf("", 500),
	FValidity:  textcheck.LineOf("", 50),
	FSummary:   textcheck.TextOf("", 10000),
	FBody:      textcheck.TextOf("", 500000),
	FKind:      textcheck.LineOf("", 50),
	FEndedOn:   textcheck.LineOf("", 40),
}

// cellMessage is a boundary problem of a cell without the column's name (the Problem
// names it), and with the hint about encodings where bytes are the trouble.
func cellMessage(p *textcheck.Problem) string {
	msg := strings.TrimPrefix(p.Error(), "“"+p.Label+"”")
	if p.Reason == textcheck.BadUTF8 {
		msg += "（文件编码应为UTF-8或GB18030）"
	}
	return msg
}

// bodyHTML sanitises an HTML body; plain text becomes one paragraph per line.
func bodyHTML(s string) string {
	if s == "" {
		return ""
	}
	if strings.Contains(s, "<") && strings.Contains(s, ">") {
		return catalog.SanitizeBody(s)
	}
	var b strings.Builder
	for _, line := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			b.WriteString("<p>" + html.EscapeString(line) + "</p>")
		}
	}
	return b.String()
}

// Limits of an import. Each is stated to the user when reached; together they bound the
// memory an import takes whatever the file holds (TestCraftedXLSXStaysBounded).
const (
	// MaxFileSize bounds an import file as uploaded.
	MaxFileSize = 64 << 20
	// DefaultMaxRows bounds the data rows (Options.MaxRows overrides).
	DefaultMaxRows = 20000
	// MaxColumns bounds the non-empty cells of a row.
	MaxColumns = 100
	// MaxText bounds the text of all cells together, in bytes.
	MaxText = 64 << 20
	// An XLSX file is a zip of XML parts. excelize keeps the parts in memory, except
	// worksheets and the shared strings above inMemoryPart, which it streams from
	// temporary files: maxInMemory bounds the first together, maxUnzipped all parts
	// together, maxSharedStrings the shared strings (excelize indexes them in memory) and
	// maxCellBytes the XML of one cell or one shared string.
	maxUnzipped      = 256 << 20
	maxInMemory      = 32 << 20
	inMemoryPart     = 4 << 20
	maxSharedStrings = 300000
	maxCellBytes     = 4 << 20
	// maxColumnRef bounds the column a cell may sit in (a cell at column XFD would make
	// every row 16,384 cells wide).
	maxColumnRef = 1000
	// maxRowNumber bounds the row numbers an XLSX worksheet may use (gaps are read as
	// blank rows, so a far row number costs time).
	maxRowNumber = 200000
)

// Read detects the format from the content (XLSX is a zip file) and reads the catalog.
func Read(r io.Reader, opt Options) (Preview, error) {
	data, err := readAll(r)
	if err != nil {
		return Preview{}, err
	}
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return readXLSX(data, opt)
	}
	if bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}) {
		return Preview{}, apperr.New(apperr.Invalid, "不支持Excel 97-2003（.xls）格式，请另存为.xlsx或CSV后导入")
	}
	return readCSV(data, opt)
}

func readAll(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, apperr.Wrap(apperr.Invalid, "无法读取导入文件", err)
	}
	if len(data) > MaxFileSize {
		return nil, apperr.Newf(apperr.Invalid, "导入文件超过%d MB", MaxFileSize>>20)
	}
	return data, nil
}

// ReadCSV reads a CSV catalog (UTF-8 with or without BOM, or GB18030/GBK as Excel saves it).
func ReadCSV(r io.Reader, opt Options) (Preview, error) {
	data, err := readAll(r)
	if err != nil {
		return Preview{}, err
	}
	return readCSV(data, opt)
}

// ReadXLSX reads the first worksheet that has a header row.
func ReadXLSX(r io.Reader, opt Options) (Preview, error) {
	data, err := readAll(r)
	if err != nil {
		return Preview{}, err
	}
	return readXLSX(data, opt)
}

// rowSource yields the records of a file one by one; ok is false at the end.
type rowSource func() (rec []string, ok bool, err error)

func readCSV(data []byte, opt Options) (Preview, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		dec, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
		if err != nil {
			return Preview{}, apperr.Wrap(apperr.Invalid, "无法识别导入文件的编码，请保存为UTF-8编码的CSV", err)
		}
		data = dec
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	n := 0
	return preview(func() ([]string, bool, error) {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil, false, nil
		}
		if err != nil {
			line := n + 1
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.StartLine
			}
			return nil, false, apperr.Wrap(apperr.Invalid, fmt.Sprintf("CSV文件第%d行格式错误", line), err)
		}
		n++
		return rec, true, nil
	}, opt)
}

func readXLSX(data []byte, opt Options) (Preview, error) {
	if err := checkXLSX(data); err != nil {
		return Preview{}, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: maxUnzipped, UnzipXMLSizeLimit: inMemoryPart})
	if err != nil {
		return Preview{}, apperr.Wrap(apperr.Invalid, "无法打开Excel文件，请确认是.xlsx格式", err)
	}
	defer f.Close()
	var firstErr error
	for _, sheet := range f.GetSheetList() {
		p, err := readSheet(f, sheet, opt)
		if err == nil {
			return p, nil
		}
		if firstErr == nil || errors.Is(err, errLimit) {
			firstErr = err
		}
		if errors.Is(err, errLimit) {
			break
		}
	}
	if firstErr == nil {
		firstErr = apperr.New(apperr.Invalid, "Excel文件没有工作表")
	}
	return Preview{}, firstErr
}

// errLimit marks an import stopped at one of its limits.
var errLimit = errors.New("import limit reached")

func limitErr(format string, a ...any) error {
	return apperr.Wrap(apperr.Invalid, fmt.Sprintf(format, a...), errLimit)
}

// readSheet streams one worksheet's rows (excelize's Rows iterator) into a preview.
func readSheet(f *excelize.File, sheet string, opt Options) (Preview, error) {
	rows, err := f.Rows(sheet)
	if err != nil {
		return Preview{}, apperr.Wrap(apperr.Invalid, "无法读取工作表“"+sheet+"”", err)
	}
	defer rows.Close()
	n := 0
	return preview(func() ([]string, bool, error) {
		if !rows.Next() {
			if err := rows.Error(); err != nil {
				return nil, false, limitErr("工作表“%s”的行号超出范围", sheet)
			}
			return nil, false, nil
		}
		n++
		if n > maxRowNumber {
			return nil, false, limitErr("工作表“%s”超过%d行（含空行），请删除多余的行或分批导入", sheet, maxRowNumber)
		}
		rec, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, false, apperr.Wrap(apperr.Invalid, fmt.Sprintf("无法读取工作表“%s”第%d行", sheet, n), err)
		}
		return rec, true, nil
	}, opt)
}

// checkXLSX looks inside the zip before excelize opens it — the parts' sizes, the number
// of shared strings, the size of each cell — so that a small crafted file cannot make the
// import take gigabytes.
func checkXLSX(data []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return apperr.Wrap(apperr.Invalid, "无法打开Excel文件，请确认是.xlsx格式", err)
	}
	tooBig := limitErr("Excel文件解压后过大（全部内容最多%d MB），请删除多余的内容或分批导入", maxUnzipped>>20)
	var total, inMemory uint64
	for _, zf := range zr.File {
		size := zf.UncompressedSize64 // archive/zip refuses to read past it
		total += size
		name := strings.ToLower(strings.ReplaceAll(zf.Name, "\\", "/"))
		sheet, sst := strings.HasPrefix(name, "xl/worksheets/sheet"), name == "xl/sharedstrings.xml"
		if !(sheet || sst) || size <= inMemoryPart {
			inMemory += size
		}
		if total > maxUnzipped || inMemory > maxInMemory {
			return tooBig
		}
		if !sheet && !sst {
			continue
		}
		tag := "<c"
		if sst {
			tag = "<si"
		}
		n, longest, maxCol, err := scanPart(zf, tag)
		if err != nil {
			return apperr.Wrap(apperr.Invalid, "无法读取Excel文件的内容", err)
		}
		if maxCol > maxColumnRef {
			return limitErr("Excel文件中有第%d列以外的单元格，请删除多余的列后再导入", maxColumnRef)
		}
		if sst && n > maxSharedStrings {
			return limitErr("Excel文件的不同文字超过%d项，请分批导入", maxSharedStrings)
		}
		if longest > maxCellBytes {
			return limitErr("Excel文件中有单元格的内容超过%d MB", maxCellBytes>>20)
		}
	}
	return nil
}

// scanPart streams a zip part and counts the elements starting with tag ("<si", "<c"),
// the longest stretch of XML from one to the next (or to the end) — an upper bound of the
// size of one element — and the highest column a cell reference (r="XFD7") names.
func scanPart(zf *zip.File, tag string) (count int, longest int64, maxCol int, err error) {
	rc, err := zf.Open()
	if err != nil {
		return 0, 0, 0, err
	}
	defer rc.Close()
	const look = 64 // bytes after a tag where its reference attribute must be
	buf := make([]byte, 64<<10)
	t := []byte(tag)
	var pos, last int64 // offset of buf[0] in the part; offset of the last element found
	carry := 0
	for {
		m, rerr := rc.Read(buf[carry:])
		eof := errors.Is(rerr, io.EOF)
		if rerr != nil && !eof {
			return count, longest, maxCol, rerr
		}
		chunk := buf[:carry+m]
		next := 0 // where the next round starts
		for i := 0; ; {
			j := bytes.Index(chunk[i:], t)
			if j < 0 {
				next = max(next, len(chunk)-len(t))
				break
			}
			k := i + j + len(t)
			if !eof && k+look > len(chunk) {
				next = i + j // decide it in the next round, with what follows
				break
			}
			// "<si>" or "<c r=…", not "<sid…" or "<col…".
			if k < len(chunk) {
				if c := chunk[k]; c == '>' || c == ' ' || c == '/' || c == '\t' || c == '\n' || c == '\r' {
					count++
					at := pos + int64(i+j)
					longest = max(longest, at-last)
					last = at
					maxCol = max(maxCol, refColumn(chunk[k:min(k+look, len(chunk))]))
				}
			}
			i = k
			next = k
		}
		if eof {
			return count, max(longest, pos+int64(len(chunk))-last), maxCol, nil
		}
		next = max(0, min(next, len(chunk)))
		pos += int64(next)
		carry = copy(buf, chunk[next:])
		if carry > len(buf)/2 { // cannot happen with look far below the buffer
			return count, longest, maxCol, errors.New("scan: no progress")
		}
	}
}

// refColumn is the column number of the r="…" attribute at the start of b, 0 without one.
func refColumn(b []byte) int {
	i := bytes.Index(b, []byte(`r="`))
	if i < 0 {
		return 0
	}
	col := 0
	for _, c := range b[i+3:] {
		if c < 'A' || c > 'Z' {
			break
		}
		col = col*26 + int(c-'A') + 1
		if col > 1<<20 {
			break
		}
	}
	return col
}

// headerSearchRows: a title row or two ("某某局政府信息公开目录") may precede the header.
const headerSearchRows = 5

// preview reads records from next: the header among the first rows, then each data row
// parsed at once (the records are not kept), within the limits above.
func preview(next rowSource, opt Options) (Preview, error) {
	if opt.Taxonomy == nil {
		opt.Taxonomy = catalog.DefaultTaxonomy()
	}
	maxRows := opt.MaxRows
	if maxRows <= 0 {
		maxRows = DefaultMaxRows
	}
	var (
		h      Header
		start  = -1
		hdrErr error
		text   int
	)
	i := -1
	read := func() ([]string, bool, error) {
		rec, ok, err := next()
		if !ok || err != nil {
			return nil, ok, err
		}
		i++
		cells := 0
		for _, c := range rec {
			text += len(c)
			if c != "" {
				cells++
			}
		}
		if cells > MaxColumns {
			return nil, false, limitErr("第%d行有%d个非空单元格，最多%d列", i+1, cells, MaxColumns)
		}
		if text > MaxText {
			return nil, false, limitErr("导入文件的文字内容超过%d MB，请分批导入", MaxText>>20)
		}
		return rec, true, nil
	}
	for start < 0 && i+1 < headerSearchRows {
		rec, ok, err := read()
		if err != nil {
			return Preview{}, err
		}
		if !ok {
			break
		}
		if blank(rec) {
			continue
		}
		hh, err := ParseHeader(rec)
		if err == nil {
			h, start = hh, i
			break
		}
		if hdrErr == nil || strings.Contains(apperr.MessageOf(err), "都表示") {
			hdrErr = err
		}
	}
	if start < 0 {
		if hdrErr == nil {
			hdrErr = apperr.New(apperr.Invalid, "导入文件为空")
		}
		return Preview{}, hdrErr
	}
	p := Preview{Columns: h.Mappings()}
	seenIndex := map[string]int{}
	dataRows := 0
	for {
		rec, ok, err := read()
		if err != nil {
			return Preview{}, err
		}
		if !ok {
			break
		}
		if blank(rec) {
			continue
		}
		dataRows++
		if dataRows > maxRows {
			return Preview{}, limitErr("导入文件超过%d行，请分批导入", maxRows)
		}
		line := i + 1
		it, ps := ParseRow(h, rec, line, opt)
		if no := h.cell(rec, FIndexNo); no != "" {
			if prev, dup := seenIndex[no]; dup {
				ps = append(ps, Problem{Line: line, Column: h.colName(FIndexNo), Message: fmt.Sprintf("索引号“%s”与第%d行重复", no, prev)})
			} else {
				seenIndex[no] = line
			}
		}
		if len(ps) > 0 {
			p.Problems = append(p.Problems, ps...)
			continue
		}
		p.Rows = append(p.Rows, Row{Line: line, Item: it})
	}
	if len(p.Rows) == 0 && len(p.Problems) == 0 {
		p.Problems = append(p.Problems, Problem{Message: "表头之后没有数据行"})
	}
	return p, nil
}

func blank(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}
