package oversight

import (
	"bytes"
	"fmt"
	"strconv"

	"github.com/xuri/excelize/v2"
)

// SheetName is the name of the overview workbook's sheet.
const SheetName = "各机关政务公开情况"

// XLSXHead is the overview workbook's header line.
var XLSXHead = []string{"机关", "办理中的申请", "即将到期", "已超期", "逾期发布（第二十六条）", "超过20个工作日仍未发布", "年度报告", "报告校验问题", "未答复督办", "其中已逾期",
	"法定主动公开内容缺项", "政策解读（篇）", "规章和行政规范性文件（件）", "其中已有解读", "政策解读覆盖率", "政民互动超期未答复", "透明度得分"}

// The workbook's columns of the 解读 ratio: documents, interpreted, the ratio.
const (
	xlsxDocuments   = "M"
	xlsxInterpreted = "N"
)

// ratioCell is the 解读 ratio of line n as a formula over the line's cells (InterpretationRatio),
// with its value cached; "—" without documents.
func ratioCell(n int, interpreted, documents int) excelize.Cell {
	v, ok := InterpretationRatio(interpreted, documents)
	var cached any = "—"
	if ok {
		cached = v
	}
	return excelize.Cell{Value: cached,
		Formula: fmt.Sprintf(`IF(%s%d=0,"—",%s%d/%s%d)`, xlsxDocuments, n, xlsxInterpreted, n, xlsxDocuments, n)}
}

// XLSX writes the overview as a workbook: one sheet with the title, the columns as shown
// on the page, one line per agency in the order given and the totals, each total a SUM
// formula over the agencies' cells with its value cached, so the sheet checks itself and
// a reader without a calculation engine sees the figures.
func XLSX(title string, rows []Row) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", SheetName); err != nil {
		return nil, err
	}
	sw, err := f.NewStreamWriter(SheetName)
	if err != nil {
		return nil, err
	}
	if err := sw.SetColWidth(1, 1, 28); err != nil {
		return nil, err
	}
	if err := sw.SetColWidth(2, len(XLSXHead), 14); err != nil {
		return nil, err
	}
	if err := sw.SetRow("A1", []any{title}); err != nil {
		return nil, err
	}
	head := make([]any, len(XLSXHead))
	for i, h := range XLSXHead {
		head[i] = h
	}
	if err := sw.SetRow("A2", head); err != nil {
		return nil, err
	}
	const first = 3
	for i, r := range rows {
		var score any = "—"
		if r.Scored {
			score = r.Score
		}
		n := first + i
		line := []any{r.Agency, r.Open, r.DueSoon, r.Overdue, r.LatePublished, r.Unpublished,
			fmt.Sprintf("%d年度：%s", r.ReportYear, r.Report.Label()), r.Findings, r.NoticesOpen, r.NoticesOverdue,
			r.HeadingGaps, r.Interpretations, r.Documents, r.Interpreted, ratioCell(n, r.Interpreted, r.Documents), r.QuestionsOverdue, score}
		if err := sw.SetRow("A"+strconv.Itoa(first+i), line); err != nil {
			return nil, err
		}
	}
	t := Totals(rows)
	last := first + len(rows) - 1
	sum := func(col, v int) any {
		if len(rows) == 0 {
			return 0
		}
		name, _ := excelize.ColumnNumberToName(col)
		return excelize.Cell{Value: v, Formula: fmt.Sprintf("SUM(%s%d:%s%d)", name, first, name, last)}
	}
	total := []any{"合计", sum(2, t.Open), sum(3, t.DueSoon), sum(4, t.Overdue), sum(5, t.LatePublished), sum(6, t.Unpublished),
		"", sum(8, t.Findings), sum(9, t.NoticesOpen), sum(10, t.NoticesOverdue),
		sum(11, t.HeadingGaps), sum(12, t.Interpretations), sum(13, t.Documents), sum(14, t.Interpreted),
		ratioCell(first+len(rows), t.Interpreted, t.Documents), sum(16, t.QuestionsOverdue)}
	if err := sw.SetRow("A"+strconv.Itoa(first+len(rows)), total); err != nil {
		return nil, err
	}
	if err := sw.Flush(); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
