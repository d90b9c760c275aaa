// Package workbook writes annual reports side by side as an Excel workbook, for the
// 政务公开办 and researchers who compare agencies and years in a spreadsheet: one row per
// report and one column per cell, and a sheet of the findings.
package workbook

import (
	"bytes"
	"fmt"
	"sort"

	"github.com/xuri/excelize/v2"

	ar "gongkai/internal/annualreport"
)

const (
	figuresSheet  = "数据"
	findingsSheet = "问题"
)

// Columns are the cells written, in statutory order: those of the 2021 format, then
// those only the 2019 format has, then any other cell the reports hold (legacy rows).
func Columns(reports []*ar.Report) []string {
	seen := map[string]bool{}
	var cols []string
	add := func(id string) {
		if !seen[id] {
			seen[id] = true
			cols = append(cols, id)
		}
	}
	for _, f := range []ar.Format{ar.Format2021, ar.Format2019} {
		for _, id := range ar.CellIDs(f) {
			add(id)
		}
		for _, id := range ar.DerivedCells(f) {
			add(id)
		}
	}
	var extra []string
	for _, r := range reports {
		for id := range r.Cells {
			if !seen[id] {
				seen[id] = true
				extra = append(extra, id)
			}
		}
	}
	sort.Strings(extra)
	return append(cols, extra...)
}

// label is the Chinese label of a cell in the first format that defines it.
func label(id string) string {
	for _, f := range []ar.Format{ar.Format2021, ar.Format2019, ar.FormatLegacy} {
		if l := ar.CellLabel(f, id); l != id {
			return l
		}
	}
	return id
}

// Write returns the workbook of reports as XLSX bytes. Blank and unreadable cells stay
// empty: a blank is not a zero.
func Write(reports []*ar.Report) ([]byte, error) {
	x := excelize.NewFile()
	defer x.Close()
	if err := x.SetSheetName("Sheet1", figuresSheet); err != nil {
		return nil, err
	}
	cols := Columns(reports)
	head := []any{"文件", "机关", "年度", "格式", "问题数"}
	ids := []any{"file", "agency", "year", "format", "findings"}
	for _, id := range cols {
		head = append(head, label(id))
		ids = append(ids, id)
	}
	if err := setRow(x, figuresSheet, 1, head); err != nil {
		return nil, err
	}
	if err := setRow(x, figuresSheet, 2, ids); err != nil {
		return nil, err
	}
	for i, r := range reports {
		row := []any{r.File, r.Agency, yearCell(r.Year), r.Format.Label(), len(r.Findings)}
		for _, id := range cols {
			if v, ok := r.Cells.Get(id); ok {
				row = append(row, v)
			} else {
				row = append(row, nil)
			}
		}
		if err := setRow(x, figuresSheet, i+3, row); err != nil {
			return nil, err
		}
	}
	if err := x.SetPanes(figuresSheet, &excelize.Panes{Freeze: true, XSplit: 3, YSplit: 2, TopLeftCell: "D3", ActivePane: "bottomRight"}); err != nil {
		return nil, err
	}

	if _, err := x.NewSheet(findingsSheet); err != nil {
		return nil, err
	}
	if err := setRow(x, findingsSheet, 1, []any{"文件", "机关", "年度", "规则", "单元格", "说明"}); err != nil {
		return nil, err
	}
	n := 2
	for _, r := range reports {
		for _, f := range r.Findings {
			if err := setRow(x, findingsSheet, n, []any{r.File, r.Agency, yearCell(r.Year), f.Rule, f.Cell, f.Message}); err != nil {
				return nil, err
			}
			n++
		}
	}
	if err := inferredSheet(x, reports); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func setRow(x *excelize.File, sheet string, row int, values []any) error {
	cell, err := excelize.CoordinatesToCellName(1, row)
	if err != nil {
		return err
	}
	if err := x.SetSheetRow(sheet, cell, &values); err != nil {
		return fmt.Errorf("workbook: row %d: %w", row, err)
	}
	return nil
}

func yearCell(y int) any {
	if y == 0 {
		return nil
	}
	return y
}

// inferredSheet lists the figures read by arithmetic rather than from their place in
// the text (Report.How), so that a reader of the workbook can check them.
func inferredSheet(x *excelize.File, reports []*ar.Report) error {
	if _, err := x.NewSheet(inferredSheetName); err != nil {
		return err
	}
	if err := setRow(x, inferredSheetName, 1, []any{"文件", "机关", "年度", "单元格", "项目", "数字", "读取方式"}); err != nil {
		return err
	}
	n := 2
	for _, r := range reports {
		for _, id := range r.Cells.Sorted(r.Format) {
			how, ok := r.How[id]
			if !ok {
				continue
			}
			v, _ := r.Cells.Get(id)
			if err := setRow(x, inferredSheetName, n, []any{r.File, r.Agency, yearCell(r.Year), id, label(id), v, howLabels[how]}); err != nil {
				return err
			}
			n++
		}
	}
	return nil
}

// inferredSheetName is the sheet of figures read by arithmetic.
const inferredSheetName = "推断的数字"

// howLabels say in Chinese how a figure was read (Report.How).
var howLabels = map[string]string{
	"sum":        "数字连在一起或缺少空白单元格，按表中各项之和确定",
	"form-order": "列标题无法识别，按法定格式的列顺序读取（总计与各项之和相符）",
}
