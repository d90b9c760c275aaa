package reportfile

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	ar "gongkai/internal/annualreport"
)

// The sheets of the workbook: one per statutory table, then the checks.
var sheetNames = map[string]string{
	ar.TableActive2021:   "表二 主动公开",
	ar.TableActive2019:   "表二 主动公开",
	ar.TableApplications: "表三 依申请公开",
	ar.TableAppeals:      "表四 复议诉讼",
}

// CheckSheet is the name of the workbook's sheet of consistency checks.
const CheckSheet = "勾稽关系校验"

// Check results as the check sheet's formulas print them.
const (
	Holds   = "相符"
	Fails   = "不符"
	Blank   = "有空白单元格"
	AllHold = "全部相符"
	NotAll  = "有不相符或空白的项目"
)

// gridStart is the row a table's grid starts on: under the report's title (on the first
// sheet only: a title repeated in every sheet reads, to the reader, as a page's running
// head and is dropped with the figure before it) and the section's heading. Every sheet
// prints the title in its page header.
func gridStart(sheet int) int {
	if sheet == 0 {
		return 3
	}
	return 2
}

// XLSX writes r's statutory tables as a workbook: one sheet per table, laid out as the
// national form with its merged cells, under the report's title and the section's
// heading; every 总计 a formula (SUM of the cells it totals) and a sheet of the
// consistency rules 1–4 (annualreport.Equations) as formulas that say 相符 or 不符, so
// the workbook checks itself when a figure is changed. Every formula cell also holds its
// value, so a reader without a calculation engine sees the figures as published. A 总计
// that does not equal the sum of its parts (a report with findings) is written as the
// figure published, not as a formula, and its check says 不符.
func XLSX(r *ar.Report, published time.Time) ([]byte, error) {
	grids := ar.Grid(r)
	if len(grids) == 0 {
		return nil, fmt.Errorf("reportfile: the %s format has no statutory tables", r.Format)
	}
	x := excelize.NewFile()
	defer x.Close()
	st, err := newStyles(x)
	if err != nil {
		return nil, err
	}
	props := &excelize.DocProperties{Title: ar.Title(r), Creator: r.Agency, Language: "zh-CN", Category: "政府信息公开工作年度报告"}
	if !published.IsZero() {
		props.Created = published.UTC().Format(time.RFC3339)
		props.Modified = props.Created
	}
	if err := x.SetDocProps(props); err != nil {
		return nil, err
	}

	// Where each figure is: cell id → sheet-qualified reference.
	refs := map[string]string{}
	local := map[string]string{} // cell id → reference within its own sheet
	for i, t := range grids {
		for _, p := range place(t) {
			if p.cell.Value {
				ref, _ := excelize.CoordinatesToCellName(p.col+1, p.row+gridStart(i))
				local[p.cell.Cell] = ref
				refs[p.cell.Cell] = quoteSheet(sheetNames[t.ID]) + "!" + ref
			}
		}
	}
	// 总计 cells: the formula of the first equation that totals them, when the report's
	// figures satisfy it.
	formulas := map[string]string{}
	for _, eq := range ar.Equations(r.Format) {
		if eq.Rule == ar.RuleColumnBalance || formulas[eq.Left[0]] != "" {
			continue
		}
		total, ok := r.Cells.Get(eq.Left[0])
		if sum, all := sumOf(r.Cells, eq.Right); ok && all && math.Abs(sum-total) < 1e-9 {
			formulas[eq.Left[0]] = "SUM(" + refList(eq.Right, local) + ")"
		}
	}

	for i, t := range grids {
		name := sheetNames[t.ID]
		if i == 0 {
			if err := x.SetSheetName("Sheet1", name); err != nil {
				return nil, err
			}
		} else if _, err := x.NewSheet(name); err != nil {
			return nil, err
		}
		if err := writeTableSheet(x, st, name, gridStart(i), r, t, formulas); err != nil {
			return nil, err
		}
	}
	if err := writeCheckSheet(x, st, r, refs); err != nil {
		return nil, err
	}
	x.SetActiveSheet(0)
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		return nil, fmt.Errorf("reportfile: xlsx: %w", err)
	}
	return buf.Bytes(), nil
}

type styles struct {
	title, heading, head, label, figure, text int
}

func newStyles(x *excelize.File) (styles, error) {
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	font := &excelize.Font{Family: "仿宋", Size: 11}
	var s styles
	var err error
	for _, d := range []struct {
		to    *int
		style excelize.Style
	}{
		{&s.title, excelize.Style{Font: &excelize.Font{Family: "宋体", Size: 16, Bold: true}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&s.heading, excelize.Style{Font: &excelize.Font{Family: "黑体", Size: 12}, Alignment: &excelize.Alignment{Vertical: "center"}}},
		{&s.head, excelize.Style{Font: font, Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&s.label, excelize.Style{Font: font, Border: border, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center", WrapText: true}}},
		{&s.figure, excelize.Style{Font: font, Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}}},
		{&s.text, excelize.Style{Font: font, Border: border, Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}}},
	} {
		if *d.to, err = x.NewStyle(&d.style); err != nil {
			return s, err
		}
	}
	return s, nil
}

// writeTableSheet writes one statutory table on its sheet.
func writeTableSheet(x *excelize.File, st styles, name string, start int, r *ar.Report, t ar.GridTable, formulas map[string]string) error {
	width := gridWidth(t)
	if err := pageSetup(x, name, r, width > 6); err != nil {
		return err
	}
	sw, err := x.NewStreamWriter(name)
	if err != nil {
		return err
	}
	for i, w := range columnWidths(t, 12*width+24) {
		if err := sw.SetColWidth(i+1, i+1, float64(w)); err != nil {
			return err
		}
	}
	rows := make([][]any, len(t.Rows))
	for i := range rows {
		rows[i] = make([]any, width)
	}
	var merges [][2]string
	for _, p := range place(t) {
		c := p.cell
		style := st.label
		switch {
		case c.Value:
			style = st.figure
		case c.Head, c.RowSpan > 1, t.ID != ar.TableApplications:
			style = st.head
		}
		// Every place the cell covers carries its borders.
		for rr := p.row; rr < p.row+c.RowSpan && rr < len(rows); rr++ {
			for cc := p.col; cc < p.col+c.ColSpan && cc < width; cc++ {
				rows[rr][cc] = excelize.Cell{StyleID: style}
			}
		}
		cell := excelize.Cell{StyleID: style, Value: c.Text}
		if c.Value {
			cell.Value = nil
			if v, ok := r.Cells.Get(c.Cell); ok {
				cell.Value = v
			}
			cell.Formula = formulas[c.Cell]
		}
		rows[p.row][p.col] = cell
		if c.ColSpan > 1 || c.RowSpan > 1 {
			from, _ := excelize.CoordinatesToCellName(p.col+1, p.row+start)
			to, _ := excelize.CoordinatesToCellName(p.col+c.ColSpan, p.row+c.RowSpan-1+start)
			merges = append(merges, [2]string{from, to})
		}
	}
	// Above the grid: the title (first sheet), the section's heading.
	heads := []excelize.Cell{{StyleID: st.heading, Value: t.Section}}
	heights := []float64{22}
	if start == 3 {
		heads = append([]excelize.Cell{{StyleID: st.title, Value: ar.Title(r)}}, heads...)
		heights = append([]float64{30}, heights...)
	}
	for k, h := range heads {
		first, _ := excelize.CoordinatesToCellName(1, k+1)
		last, _ := excelize.CoordinatesToCellName(width, k+1)
		if err := sw.SetRow(first, []any{h}, excelize.RowOpts{Height: heights[k]}); err != nil {
			return err
		}
		if err := sw.MergeCell(first, last); err != nil {
			return err
		}
	}
	for i, row := range rows {
		if err := sw.SetRow("A"+strconv.Itoa(i+start), row); err != nil {
			return err
		}
	}
	for _, m := range merges {
		if err := sw.MergeCell(m[0], m[1]); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// pageSetup prints a sheet on A4 (landscape for a wide table), one page wide, the report's
// title at the head of every page and the page number at its foot. It is set before the
// sheet's rows are streamed: the stream writer writes the sheet's settings as they are
// when it starts.
func pageSetup(x *excelize.File, sheet string, r *ar.Report, landscape bool) error {
	a4, orient, one, zero, fit := 9, "portrait", 1, 0, true
	if landscape {
		orient = "landscape"
	}
	if err := x.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &a4, Orientation: &orient, FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return err
	}
	if err := x.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	title := strings.ReplaceAll(ar.Title(r), "&", "&&")
	return x.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		OddHeader: "&C" + title,
		OddFooter: "&C第 &P 页，共 &N 页",
	})
}

// writeCheckSheet writes the consistency rules as formulas: one row per equation, and
// the verdict on them all.
func writeCheckSheet(x *excelize.File, st styles, r *ar.Report, refs map[string]string) error {
	if _, err := x.NewSheet(CheckSheet); err != nil {
		return err
	}
	if err := pageSetup(x, CheckSheet, r, false); err != nil {
		return err
	}
	eqs := ar.Equations(r.Format)
	first, lastRow := 4, 4+len(eqs)-1
	// 不符 and 有空白 stand out (set before the rows are streamed, as pageSetup).
	red, err := x.NewConditionalStyle(&excelize.Style{Font: &excelize.Font{Color: "9C0006"}, Fill: excelize.Fill{Type: "pattern", Color: []string{"FFC7CE"}, Pattern: 1}})
	if err != nil {
		return err
	}
	if err := x.SetConditionalFormat(CheckSheet, "B2", []excelize.ConditionalFormatOptions{
		{Type: "cell", Criteria: "!=", Format: &red, Value: `"` + AllHold + `"`},
	}); err != nil {
		return err
	}
	if err := x.SetConditionalFormat(CheckSheet, fmt.Sprintf("B%d:B%d", first, lastRow), []excelize.ConditionalFormatOptions{
		{Type: "cell", Criteria: "!=", Format: &red, Value: `"` + Holds + `"`},
	}); err != nil {
		return err
	}
	sw, err := x.NewStreamWriter(CheckSheet)
	if err != nil {
		return err
	}
	if err := sw.SetColWidth(1, 1, 72); err != nil {
		return err
	}
	if err := sw.SetColWidth(2, 2, 16); err != nil {
		return err
	}
	results := make([]string, len(eqs))
	all := true
	for i, eq := range eqs {
		results[i] = verdict(r.Cells, eq)
		all = all && results[i] == Holds
	}
	overall := NotAll
	if all {
		overall = AllHold
	}
	if err := sw.SetRow("A1", []any{excelize.Cell{StyleID: st.title, Value: ar.Title(r) + "（勾稽关系校验）"}}, excelize.RowOpts{Height: 30}); err != nil {
		return err
	}
	if err := sw.MergeCell("A1", "B1"); err != nil {
		return err
	}
	if err := sw.SetRow("A2", []any{
		excelize.Cell{StyleID: st.text, Value: "全部校验项目"},
		excelize.Cell{StyleID: st.figure, Value: overall, Formula: fmt.Sprintf(`IF(COUNTIF(B%d:B%d,"%s")=%d,"%s","%s")`, first, lastRow, Holds, len(eqs), AllHold, NotAll)},
	}); err != nil {
		return err
	}
	if err := sw.SetRow("A3", []any{excelize.Cell{StyleID: st.head, Value: "校验项目"}, excelize.Cell{StyleID: st.head, Value: "结果"}}); err != nil {
		return err
	}
	for i, eq := range eqs {
		if err := sw.SetRow("A"+strconv.Itoa(first+i), []any{
			excelize.Cell{StyleID: st.text, Value: eq.Label},
			excelize.Cell{StyleID: st.figure, Value: results[i], Formula: checkFormula(eq, refs)},
		}); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// checkFormula is the formula of one equation's check: 有空白单元格 when one of its cells
// holds no figure, else 相符 or 不符.
func checkFormula(eq ar.Equation, refs map[string]string) string {
	cells := append(append([]string(nil), eq.Left...), eq.Right...)
	return fmt.Sprintf(`IF(COUNT(%s)<%d,"%s",IF(ROUND(SUM(%s)-SUM(%s),6)=0,"%s","%s"))`,
		refList(cells, refs), len(cells), Blank, refList(eq.Left, refs), refList(eq.Right, refs), Holds, Fails)
}

// verdict is what checkFormula computes, for the value cached with it.
func verdict(c ar.Cells, eq ar.Equation) string {
	l, okL := sumOf(c, eq.Left)
	rt, okR := sumOf(c, eq.Right)
	switch {
	case !okL || !okR:
		return Blank
	case math.Round((l-rt)*1e6) == 0:
		return Holds
	}
	return Fails
}

// sumOf adds the figures of ids; all is false when one is blank.
func sumOf(c ar.Cells, ids []string) (sum float64, all bool) {
	all = true
	for _, id := range ids {
		v, ok := c.Get(id)
		all = all && ok
		sum += v
	}
	return sum, all
}

// refList is the references of ids separated by commas, runs of neighbours as ranges
// (within one sheet).
func refList(ids []string, refs map[string]string) string {
	return strings.Join(runs(ids, refs), ",")
}

// runs groups consecutive ids whose cells are neighbours in one row or one column into
// ranges: D4,D5,D6 → D4:D6.
func runs(ids []string, refs map[string]string) []string {
	type at struct {
		sheet    string
		col, row int
	}
	parse := func(ref string) (at, bool) {
		sheet, cell := "", ref
		if i := strings.LastIndexByte(ref, '!'); i >= 0 {
			sheet, cell = ref[:i+1], ref[i+1:]
		}
		c, r, err := excelize.CellNameToCoordinates(cell)
		return at{sheet, c, r}, err == nil
	}
	var out []string
	for i := 0; i < len(ids); {
		start, ok := parse(refs[ids[i]])
		j := i + 1
		if ok {
			for ; j < len(ids); j++ {
				p, ok := parse(refs[ids[j]])
				n := j - i
				if !ok || p.sheet != start.sheet || !((p.col == start.col && p.row == start.row+n) || (p.row == start.row && p.col == start.col+n)) {
					break
				}
			}
		}
		if j-i > 1 {
			end := refs[ids[j-1]]
			if k := strings.LastIndexByte(end, '!'); k >= 0 {
				end = end[k+1:]
			}
			out = append(out, refs[ids[i]]+":"+end)
		} else {
			out = append(out, refs[ids[i]])
		}
		i = j
	}
	return out
}

// quoteSheet quotes a sheet name for a formula.
func quoteSheet(name string) string { return "'" + strings.ReplaceAll(name, "'", "''") + "'" }
