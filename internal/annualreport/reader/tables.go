package reader

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode/utf8"

	ar "gongkai/internal/annualreport"
)

type cellVal struct {
	v     float64
	blank bool
	bad   bool // an unreadable figure (unreadableFigure): the row cannot be placed
	mark  bool // a blank written as a mark ("—", "/"), not an empty piece
	yuan  bool // written in 元, not in the 万元 of the amount columns
	lost  bool // blank because the text dropped the cell (arith.go): it stands for nothing
}

type fitStatus uint8

const (
	fitEmpty    fitStatus = iota // no figure at all: every cell blank
	fitOK                        // exactly the expected cells
	fitPartial                   // fewer figures than cells and no way to place them
	fitOverfull                  // more figures than cells
	fitRefused                   // placed, then left unread with a finding already given
)

// fit matches collected values to n cells. Empty pieces beyond n at the end are
// dropped (they belong to the table's debris or an empty 备注 column).
func fit(vals []cellVal, n int) ([]cellVal, fitStatus) {
	nums := 0
	for _, v := range vals {
		if v.bad {
			return nil, fitPartial
		}
		if !v.blank {
			nums++
		}
	}
	if nums == 0 {
		return nil, fitEmpty
	}
	if extra := len(vals) - n; extra > 0 {
		// Empty pieces after the row's cells are debris ("|||") or an empty column
		// beyond the table's; a blank mark is a cell. Dropping empty pieces before
		// the cells would let a figure of the next row in.
		lead := vals[0].blank && !vals[0].mark
		trail := 0
		for trail < len(vals) && vals[len(vals)-1-trail].blank && !vals[len(vals)-1-trail].mark {
			trail++
		}
		if trail >= extra && !lead {
			vals = vals[:n]
		}
	}
	switch {
	case len(vals) == n:
		return vals, fitOK
	case len(vals) < n:
		return nil, fitPartial
	}
	return nil, fitOverfull
}

type cand struct {
	vals   []cellVal
	status fitStatus
	line   int
	from   int // token range consumed
	to     int
	blanks int // blank cells read (a row printed with every cell blank has as many as cells)
	// remarks: the table has a 备注 column after the figures (a blank last is its cell)
	remarks bool
}

// collect gathers the figures and blank marks that follow the row label at toks[i]:
// up to the next recognised label, or an unrecognised one once figures have begun.
//
// The figures are appended to the assembler's arena (they live as long as it does).
func (a *assembler) collect(i int) (vals []cellVal, end int) {
	if cap(a.arena)-len(a.arena) < 32 {
		a.arena = make([]cellVal, 0, 32+2*cap(a.arena))
	}
	buf := a.arena[len(a.arena):]
	vals, end = collectTo(buf, a.toks, i)
	if len(vals) == 0 {
		return nil, end
	}
	if len(vals) <= cap(buf) { // still in the arena
		a.arena = a.arena[:len(a.arena)+len(vals)]
	}
	return vals[:len(vals):len(vals)], end
}

// collectTo is collect appending to vals.
func collectTo(vals []cellVal, toks []token, i int) ([]cellVal, int) {
	skipped := 0
	j := i + 1
	for ; j < len(toks) && j < i+300; j++ {
		t := &toks[j]
		switch t.kind {
		case tNum:
			vals = append(vals, cellVal{v: t.val, yuan: strings.HasSuffix(t.text, "元") && !strings.HasSuffix(t.text, "万元")})
		case tBlank:
			vals = append(vals, cellVal{blank: true, mark: t.text != ""})
		case tLabel:
			if t.text == unreadableFigure {
				vals = append(vals, cellVal{bad: true})
				continue
			}
			if t.m().ok || t.long || len(vals) > 0 || !skippable(t, toks[i].line) {
				return vals, j
			}
			skipped++
			if skipped > 3 {
				return vals, j
			}
		}
	}
	return vals, j
}

// skippable reports an unknown label that may sit between a row label and its figures:
// the rest of a label split over lines ("计这一情形，不计其他情形）"). Words on the row
// label's own line ("行政许可 共办理 25 件"), and anything with figures or a full stop,
// end the row instead.
func skippable(t *token, rowLine int) bool {
	return t.line != rowLine && utf8.RuneCountInString(t.text) <= 40 && !strings.ContainsAny(t.text, "。；;0123456789０１２３４５６７８９")
}

// assembler reads the tables of one report.
type assembler struct {
	toks     []token
	f        ar.Format
	rep      *ar.Report
	consumed []bool
	slab     []float64
	// single6 holds the figures of a 2021 table 三 whose （六）其他处理 is printed as one
	// row, the 2019 way; single6At is its line (0 when there is none).
	single6   []cellVal
	single6At int
	arena     []cellVal // the figures collected
	// sub6 holds, in a 2019 table 三, the three （六） rows of the 2021 format.
	sub6 map[string][]cand
	// subtotalBad: a 小计 column of table 三 is not the sum of its five columns, so the
	// columns may be misread.
	subtotalBad bool
	seenRows    map[string][]cand // row key → its occurrences
	lines       []string          // the text's lines: toks[k].line is lines[toks[k].line-1]
	// blanksVanish: the text prints a cell per line and leaves empty cells out.
	blanksVanish bool
	// pipeOffsets: pipes beyond their cells in the rows of tables 二 and 三 printed
	// one per line between pipes (one value unless blanks were collapsed).
	pipeOffsets map[int]bool
	// inferred: figures read by arithmetic (flat.go).
	inferred inference
	// flatText: table 三's rows run their figures together (flat.go).
	flatText bool
	// appHeadCut: table 三's header laid out in columns by a converter with its words
	// cut over lines (not all recognised): its rows are believed only where their sums
	// hold.
	appHeadCut bool
	// strict: no column order assumed from the national form; only headers read, or
	// their words seen standing in order, tell it (readText).
	strict bool
}

// set stores a figure; figures live in slabs rather than one allocation each.
func (a *assembler) set(id string, v float64) {
	if len(a.slab) == cap(a.slab) {
		a.slab = make([]float64, 0, 256)
	}
	a.slab = append(a.slab, v)
	a.rep.Cells[id] = &a.slab[len(a.slab)-1]
}

func (a *assembler) consume(from, to int) {
	for k := from; k < to && k < len(a.consumed); k++ {
		a.consumed[k] = true
	}
}

var outcomeRow = func() map[string]bool {
	m := map[string]bool{}
	for _, f := range []ar.Format{ar.Format2019, ar.Format2021} {
		for _, r := range ar.OutcomeRows(f) {
			m[r] = true
		}
	}
	return m
}()

// rowKey resolves the label at toks[i] to "table.row", or "".
func (a *assembler) rowKey(t *token, last string) string {
	switch t.m().e.kind {
	case kActiveRow:
		if (t.m().e.row == "other_services" || t.m().e.row == "procurement") && a.f != ar.Format2019 {
			return ""
		}
		if a.f == ar.Format2019 {
			return t.m().e.key19
		}
		return t.m().e.key21
	case kAppRow:
		if strings.HasPrefix(t.m().e.row, "other.") && a.f != ar.Format2021 {
			return ""
		}
		return t.m().e.key21
	case kAppSpecial:
		lastRow := strings.TrimPrefix(last, ar.TableApplications+".")
		switch t.m().e.row {
		case "其他处理":
			if a.f == ar.Format2019 {
				return ar.TableApplications + ".other"
			}
		case "其他":
			if a.f == ar.Format2021 && (lastRow == "other.fee_unpaid" || (t.m().num == "3." && strings.HasPrefix(lastRow, "other."))) {
				return ar.TableApplications + ".other.other"
			}
		case "总计":
			if t.m().num == "(七)" || (strings.HasPrefix(last, ar.TableApplications+".") && outcomeRow[lastRow]) {
				return ar.TableApplications + ".total"
			}
		}
	}
	return ""
}

// sortedKeys lists the rows of cands in a fixed order, so that the findings they give
// come out the same on every run.
func sortedKeys(cands map[string][]cand) []string {
	keys := make([]string, 0, len(cands))
	for k := range cands {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// columns returns the column ids of row key ("table.row") in format f.
func columns(f ar.Format, key string) []string { return ar.RowColumns(f, key) }

func (a *assembler) rows() {
	cands := make(map[string][]cand, 48)
	order := make([]string, 0, 48)
	last := ""
	remarks := false // the table has a 备注 column after the figures
	perm, orderKnown := a.appColumnOrder()
	for i := range a.toks {
		t := &a.toks[i]
		if t.kind != tLabel || !t.m().ok {
			continue
		}
		switch {
		case t.m().e.kind == kSection:
			remarks = false
		case t.m().e.kind == kHeader && t.m().e.row == "备注":
			remarks = true
		}
		key := a.rowKey(t, last)
		if key == "" {
			if a.f == ar.Format2021 && t.m().e.kind == kAppSpecial && t.m().e.row == "其他处理" {
				a.singleOther(i, perm, orderKnown)
			}
			if sub := a.subOtherRow(t, last); sub != "" {
				// A 2019 table 三 with the three （六） rows of 2021: their sum is the one row.
				vals, end := a.collect(i)
				got, st := a.appFit(vals, false, perm, orderKnown)
				if a.sub6 == nil {
					a.sub6 = map[string][]cand{}
				}
				a.sub6[sub] = append(a.sub6[sub], cand{vals: got, status: st, line: t.line, from: i, to: end})
				last = ar.TableApplications + "." + sub
			}
			continue
		}
		last = key
		cols := columns(a.f, key)
		vals, end := a.collect(i)
		var got []cellVal
		var st fitStatus
		if strings.HasPrefix(key, ar.TableApplications+".") {
			got, st = a.appFit(vals, remarks, perm, orderKnown)
		} else {
			got, st = fitRemarks(vals, len(cols), remarks)
			got, st = a.activeOrder(i, key, cols, got, st)
		}
		if _, seen := cands[key]; !seen {
			order = append(order, key)
		}
		cands[key] = append(cands[key], cand{vals: got, status: st, line: t.line, from: i, to: end, blanks: len(vals), remarks: remarks})
	}
	a.cutHeaderRows(cands, perm)
	a.wrappedFigureRows(cands)
	width := len(ar.ApplicationColumns)
	if perm != nil {
		width = len(perm)
	}
	a.collapsedRuns(cands, width)
	a.vanishedBlanks(cands)
	if perm != nil {
		a.checkPermuted(cands, a.subtotalBad)
	}
	a.mixedLines(cands)
	a.noteShortRows(cands)
	if !orderKnown {
		a.formOrder(cands)
	}
	a.flatApplications(cands, perm, orderKnown)
	a.flatActive(cands)
	if !orderKnown {
		a.unknownOrder(cands)
	}
	if key := ar.TableApplications + ".other"; a.f == ar.Format2019 && len(a.sub6) == 3 && allEmpty(cands[key]) {
		if c, ok := a.sumSubOther(); ok {
			if _, seen := cands[key]; !seen {
				order = append(order, key)
			}
			cands[key] = append(cands[key], c)
		}
	}
	copies := a.tableCopies(cands)
	for _, key := range order {
		if a.copyMissing(key, cands[key], copies) {
			continue
		}
		a.resolve(key, columns(a.f, key), cands[key])
	}
	a.seenRows = cands
}

func (a *assembler) anyFigure(ids []string) bool {
	for _, id := range ids {
		if _, ok := a.rep.Cells.Get(id); ok {
			return true
		}
	}
	return false
}

// missingRows reports the rows of a table that is present but lacks them altogether.
func (a *assembler) missingRows() {
	for _, t := range ar.Tables(a.f) {
		if t.ID == ar.TableAppeals || !a.tableSeen(t.ID) {
			continue
		}
		for _, r := range t.Rows {
			key := t.ID + "." + r.ID
			if _, ok := a.seenRows[key]; ok {
				continue
			}
			if a.single6 != nil && strings.HasPrefix(r.ID, "other.") {
				continue // reported with the single row
			}
			ids := ar.RowCells(a.f, key)
			if a.anyFigure(ids) {
				continue // read another way (a sideways table)
			}
			a.rep.Findings = append(a.rep.Findings, ar.Finding{Rule: ar.RuleMissingRow, Cell: ids[0], Cells: append([]string(nil), ids...),
				Message: "未找到“" + r.Label + "”行"})
		}
	}
}

// resolve chooses among the occurrences of one row label: the complete ones must agree.
func (a *assembler) resolve(key string, cols []string, cs []cand) {
	ids := ar.RowCells(a.f, key)
	var okBuf [4]cand
	ok := okBuf[:0]
	bad := -1
	for k, c := range cs {
		switch c.status {
		case fitOK:
			ok = append(ok, c)
		case fitPartial, fitOverfull:
			if bad < 0 {
				bad = k
			}
		case fitEmpty, fitRefused:
			a.consume(c.from, c.to)
		}
	}
	if len(ok) > 0 {
		first := ok[0]
		if c, found := blankRow(cs, len(cols)); found {
			ok = append(ok, c) // a second table with this row blank: it disagrees
		}
		if bad >= 0 {
			// The row printed again and unreadable there: which is this report's?
			a.consume(cs[bad].from, cs[bad].to)
			a.rep.Findings = append(a.rep.Findings, ar.Finding{
				Rule: ar.RuleAmbiguous, Cell: ids[0], Cells: append([]string(nil), ids...),
				Message: fmt.Sprintf("“%s”行出现多次（第%d行与第%d行），其中一处数字无法确定所属的单元格，无法确定", a.rowLabel(ids), first.line, cs[bad].line),
			})
			return
		}
		for _, c := range ok[1:] {
			if !sameVals(c.vals, first.vals) {
				a.rep.Findings = append(a.rep.Findings, ar.Finding{
					Rule: ar.RuleAmbiguous, Cell: ids[0], Cells: append([]string(nil), ids...),
					Message: fmt.Sprintf("“%s”行出现多次且数字不一致（第%d行与第%d行），无法确定", a.rowLabel(ids), first.line, c.line),
				})
				return
			}
		}
		for _, c := range ok {
			a.consume(c.from, c.to)
		}
		for k, v := range first.vals {
			switch {
			case v.blank:
				a.rep.Cells.SetNull(ids[k])
			case v.yuan && ar.IsAmount(ids[k]):
				a.rep.Cells.SetNull(ids[k])
				a.rep.Findings = append(a.rep.Findings, ar.Finding{Rule: ar.RuleUnreadable, Cell: ids[k],
					Message: fmt.Sprintf("“%s”（第%d行）以元为单位填写，而该栏单位为万元，未读取", a.rowLabel(ids), first.line)})
			default:
				a.set(ids[k], v.v)
			}
		}
		return
	}
	if bad >= 0 {
		c := cs[bad]
		a.consume(c.from, c.to)
		n := 0
		for _, v := range c.vals {
			if !v.blank {
				n++
			}
		}
		vals, _ := a.collect(c.from)
		nums := make([]string, 0, len(vals))
		for _, v := range vals {
			if v.blank {
				nums = append(nums, "空")
			} else if v.bad {
				nums = append(nums, "无法识别")
			} else {
				nums = append(nums, ar.FormatNumber(v.v))
			}
		}
		a.rep.Findings = append(a.rep.Findings, ar.Finding{
			Rule: ar.RuleUnreadable, Cell: ids[0], Cells: append([]string(nil), ids...),
			Message: fmt.Sprintf("“%s”行（第%d行）读到%d项（%s），应为%d项，无法确定各数字所属的单元格", a.rowLabel(ids), c.line, len(vals), strings.Join(nums, "、"), len(cols)),
		})
	}
}

// rowLabel is the label of the row of cells ids, for messages.
func (a *assembler) rowLabel(ids []string) string {
	label := ar.CellLabel(a.f, ids[0])
	if n := strings.LastIndex(label, "·"); n > 0 {
		label = label[:n]
	}
	return label
}

func sameVals(a, b []cellVal) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

var appealHeaders = map[string]bool{
	"行政复议": true, "行政诉讼": true, "结果维持": true, "结果纠正": true, "其他结果": true,
	"尚未审结": true, "总计": true, "合计": true, "未经复议直接起诉": true, "复议后起诉": true, "备注": true,
}

type seg struct {
	label string
	vals  []cellVal
}

// appeals reads table 四 from every 行政复议 anchor.
// appealIDs are the fifteen cells of table 四 in printed order.
var appealIDs = func() []string {
	var ids []string
	for _, g := range ar.AppealGroups {
		for _, c := range ar.AppealColumns {
			ids = append(ids, ar.Cell(ar.TableAppeals, g, c))
		}
	}
	return ids
}()

func (a *assembler) appeals() {
	ids := appealIDs
	type result struct {
		vals     []cellVal
		ok       bool
		line     int
		from, to int
		nums     int
		order    bool // placed, but the column order is unclear
		rows     bool // several data rows, none of them this year's
		lost     bool // no figure reached: unrecognised text after the headers
		heads    int  // header cells read after the anchor (a table has several)
	}
	var results []result
	for i := range a.toks {
		t := &a.toks[i]
		if t.kind != tLabel || !t.m().ok || t.m().e.kind != kAppealGroup || t.m().e.row != "reconsideration" {
			continue
		}
		var segBuf [16]seg
		segs := append(segBuf[:0], seg{label: "行政复议"})
		skipped, nums := 0, 0
		cutHead := false // result headers cut into pieces: a PDF's text layer
		j := i + 1
	walk:
		for ; j < len(a.toks) && j < i+400; j++ {
			u := &a.toks[j]
			switch u.kind {
			case tNum:
				nums++
				segs[len(segs)-1].vals = append(segs[len(segs)-1].vals, cellVal{v: u.val})
			case tBlank:
				segs[len(segs)-1].vals = append(segs[len(segs)-1].vals, cellVal{blank: true})
			case tLabel:
				if u.text == unreadableFigure {
					nums++
					segs[len(segs)-1].vals = append(segs[len(segs)-1].vals, cellVal{bad: true})
					continue
				}
				bare := u.bare()
				if u.m().ok && appealHeaders[bare] {
					segs = append(segs, seg{label: bare})
					continue
				}
				if nums == 0 && appealHeadPiece(u.c()) {
					// The result headers of a PDF's text, cut into pieces and stacked
					// ("结果 结果 其他 尚未 总" / "维持 纠正 结果 审结 计", or one character
					// per line): they only say the columns are the statutory ones.
					cutHead = true
					continue
				}
				if u.m().ok || u.long || nums > 0 {
					break walk
				}
				skipped++
				if skipped > 3 {
					break walk
				}
			}
		}
		if nums == 0 {
			// A table printed with every cell blank is an occurrence all the same.
			blank := blankAppeals(segs)
			results = append(results, result{vals: blank, ok: blank != nil, line: t.line, from: i, to: j, lost: blank == nil && skipped > 3})
			continue
		}
		if rowVals, end, multi := a.appealYearRow(i, j, segs); multi {
			// Several data rows (last year's beside this year's): this year's, or none.
			if rowVals == nil {
				results = append(results, result{line: t.line, from: i, to: end, nums: nums, rows: true, heads: len(segs)})
				continue
			}
			segs[len(segs)-1].vals, j = rowVals, end
		}
		serialHead := false // a 序号 column: the data row starts with its serial number
		for k := i - 1; k >= 0 && k >= i-4; k-- {
			if a.toks[k].kind == tLabel && (a.toks[k].text == "序号" || a.toks[k].text == "编号") {
				serialHead = true
			}
		}
		vals, ok := appealLayout(segs, serialHead)
		if (!ok || a.flatText) && !serialHead {
			if v, fok := a.flatAppeals(i, j); fok {
				vals, ok = v, true
			}
		}
		orderBad := false
		if ok {
			raw := vals
			if vals, ok = a.appealOrder(i, segs, vals); !ok {
				vals, ok = a.appealFormOrder(i, j, raw)
			}
			orderBad = !ok
		}
		if ok && cutHead && !appealSumsHold(vals) {
			// Under headers cut over lines the figures stand where the converter put
			// them, and a figure cut from its unit or its line lands in another cell:
			// the table is believed only where its sums hold.
			ok, orderBad = false, true
		}
		if ok && a.blanksVanish && !appealSumsHold(vals) {
			ok, orderBad = false, true // a page number may stand in for an empty cell
		}
		if ok && a.appealCollapsed(i, j) {
			ok, orderBad = false, true // empty cells collapsed into runs of pipes
		}
		results = append(results, result{vals: vals, ok: ok, line: t.line, from: i, to: j, nums: nums, order: orderBad, heads: len(segs)})
	}
	if len(results) == 0 {
		return
	}
	var good []result
	var bad *result
	for k := range results {
		r := &results[k]
		a.consume(r.from, r.to)
		if r.ok {
			good = append(good, *r)
		} else if (r.nums > 0 || r.lost) && bad == nil {
			bad = r
		}
	}
	if len(good) > 0 {
		if bad != nil && (bad.nums >= 5 || bad.heads >= 3) {
			// The table printed again and unreadable there: which is this report's?
			a.rep.Findings = append(a.rep.Findings, ar.Finding{Rule: ar.RuleAmbiguous, Cell: ids[0], Cells: append([]string(nil), ids...),
				Message: fmt.Sprintf("四、政府信息公开行政复议、行政诉讼情况表出现多次（第%d行与第%d行），其中一处数字无法确定所属的单元格，无法确定", good[0].line, bad.line)})
			return
		}
		for _, g := range good[1:] {
			if !sameVals(g.vals, good[0].vals) {
				a.rep.Findings = append(a.rep.Findings, ar.Finding{Rule: ar.RuleAmbiguous, Cell: ids[0], Cells: append([]string(nil), ids...),
					Message: fmt.Sprintf("四、政府信息公开行政复议、行政诉讼情况表出现多次且数字不一致（第%d行与第%d行），无法确定", good[0].line, g.line)})
				return
			}
		}
		for k, v := range good[0].vals {
			if !v.blank {
				a.set(ids[k], v.v)
			}
		}
		return
	}
	if bad != nil {
		msg := fmt.Sprintf("四、政府信息公开行政复议、行政诉讼情况表（第%d行起）读到%d个数字，应为15个，无法确定各数字所属的单元格", bad.line, bad.nums)
		if bad.lost {
			msg = fmt.Sprintf("四、政府信息公开行政复议、行政诉讼情况表（第%d行起）的标题之后夹有无法识别的文字，未找到该表数字", bad.line)
		}
		if bad.rows {
			msg = fmt.Sprintf("四、政府信息公开行政复议、行政诉讼情况表（第%d行起）有多行数字（如上年与本年对比），无法确定哪一行属于本年度，未读取该表数字", bad.line)
		}
		if bad.order {
			msg = fmt.Sprintf("四、政府信息公开行政复议、行政诉讼情况表（第%d行起）的列标题顺序无法确定，或按列标题读取后总计与各项之和不符，未读取该表数字", bad.line)
		}
		a.rep.Findings = append(a.rep.Findings, ar.Finding{Rule: ar.RuleUnreadable, Cell: ids[0], Cells: append([]string(nil), ids...), Message: msg})
	}
}

// appealLayout places the figures of table 四: fifteen after the headers; five after
// each of 行政复议, 未经复议直接起诉, 复议后起诉; or three after each result label (transposed).
// appealHeadChars are the characters of table 四's result headers.
const appealHeadChars = "结果维持纠正其他尚未审总计"

// appealHeadPiece reports a label made only of table 四's result header characters, a
// piece of a header broken by a PDF's text layer ("结", "尚未总", "维持纠正结果审结计").
func appealHeadPiece(s string) bool {
	for _, r := range s {
		if !strings.ContainsRune(appealHeadChars, r) {
			return false
		}
	}
	return s != ""
}

func appealLayout(segs []seg, serialHead bool) ([]cellVal, bool) {
	var withNums []int
	for k, s := range segs {
		for _, v := range s.vals {
			if !v.blank {
				withNums = append(withNums, k)
				break
			}
		}
	}
	remarks := false
	for _, s := range segs {
		if s.label == "备注" {
			remarks = true
		}
	}
	if len(withNums) == 1 && withNums[0] == len(segs)-1 {
		vals := segs[len(segs)-1].vals
		if serialHead {
			// The row starts with its serial number: sixteen cells, or it cannot be told
			// whether the first is the serial number or a figure.
			if (len(vals) == 16 || (remarks && len(vals) == 17)) && !vals[0].blank && vals[0].v == 1 {
				vals = vals[1:]
			} else {
				return nil, false
			}
		}
		switch {
		case remarks && len(vals) == 16:
			vals = vals[:15]
		case remarks && len(vals) == 15 && vals[14].blank:
			return nil, false // one short of figures plus 备注
		}
		if vals, st := fit(vals, 15); st == fitOK {
			return vals, true
		}
		return nil, false
	}
	groups := map[string]int{"行政复议": 0, "未经复议直接起诉": 1, "复议后起诉": 2}
	out := make([]cellVal, 15)
	filled := 0
	for _, k := range withNums {
		g, ok := groups[segs[k].label]
		if !ok {
			filled = -1
			break
		}
		gv := segs[k].vals
		if remarks && len(gv) == 6 {
			gv = gv[:5]
		} else if remarks && len(gv) == 5 && gv[4].blank {
			filled = -1
			break
		}
		vals, st := fit(gv, 5)
		if st != fitOK {
			filled = -1
			break
		}
		copy(out[g*5:], vals)
		filled++
	}
	if filled == 3 {
		return out, true
	}
	results := map[string]int{"结果维持": 0, "结果纠正": 1, "其他结果": 2, "尚未审结": 3, "总计": 4, "合计": 4}
	filled = 0
	for _, k := range withNums {
		c, ok := results[segs[k].label]
		if !ok {
			return nil, false
		}
		vals, st := fit(segs[k].vals, 3)
		if st != fitOK {
			return nil, false
		}
		for g := 0; g < 3; g++ {
			out[g*5+c] = vals[g]
		}
		filled++
	}
	if filled == 5 {
		return out, true
	}
	return nil, false
}

var legacyUnits = map[string]string{"条": "items", "场": "sessions", "期": "issues"}

func isUnit(c string) bool {
	switch c {
	case "条", "场", "期", "个", "件", "人(次)", "人次", "元", "万元", "项", "次", "人":
		return true
	}
	return false
}

// legacyTable reads the pre-2019 statistics table: label, unit, figure, 备注.
func (a *assembler) legacyTable() {
	if a.legacyRunning() {
		a.legacyFlat() // this year's figure beside a running total: flat_legacy.go
		return
	}
	a.eachLegacyRow(func(i int, row string, rc []string) {
		unit := ""
		taken := 0
		skipped := 0
		j := i + 1
	walk:
		for ; j < len(a.toks) && j < i+40; j++ {
			u := &a.toks[j]
			switch u.kind {
			case tLabel:
				if isUnit(u.c()) {
					unit = u.c()
					continue
				}
				if u.m().ok || u.long || taken > 0 {
					break walk
				}
				skipped++
				if skipped > 2 {
					break walk
				}
			case tNum:
				col := rc[0]
				if len(rc) > 1 {
					c, ok := legacyUnits[unit]
					if !ok {
						continue
					}
					col = c
				} else if taken > 0 {
					break walk
				}
				id := ar.Cell(ar.TableLegacy, row, col)
				if _, done := a.rep.Cells.Get(id); !done {
					a.set(id, u.val)
				}
				taken++
			}
		}
		a.consume(i, j)
		for _, c := range rc {
			id := ar.Cell(ar.TableLegacy, row, c)
			if _, ok := a.rep.Cells[id]; !ok {
				a.rep.Cells.SetNull(id)
			}
		}
	})
}

// eachLegacyRow calls fn, in token order, for each row label of the pre-2019 statistics
// table: the token's index, the row it names (under 行政诉讼 the second row a shared label
// names) and that row's columns. Labels are judged as the walk reaches them, so tokens an
// earlier row consumed are passed over as before.
func (a *assembler) eachLegacyRow(fn func(i int, row string, cols []string)) {
	cols := legacyColumns()
	group := ""
	for i := range a.toks {
		t := &a.toks[i]
		if t.kind != tLabel || !t.m().ok || t.m().e.kind != kLegacyRow {
			continue
		}
		row := t.m().e.row
		switch row {
		case "reconsiderations", "reconsiderations_legacy":
			group = "reconsideration"
		case "litigations":
			group = "litigation"
		}
		if t.m().e.row2 != "" && group == "litigation" {
			row = t.m().e.row2
		}
		fn(i, row, cols[row])
	}
}

// strays reports figures printed next to table headers that no cell took.
func (a *assembler) strays() {
	var prev *token
	for i := range a.toks {
		t := &a.toks[i]
		if t.kind == tLabel {
			prev = t
			continue
		}
		if t.kind != tNum || a.consumed[i] || prev == nil || !prev.m().ok {
			continue
		}
		switch prev.m().e.kind {
		case kHeader, kAppSpecial, kAppealGroup:
			a.consumed[i] = true
			a.rep.Findings = append(a.rep.Findings, ar.Finding{Rule: ar.RuleUnreadable,
				Message: fmt.Sprintf("第%d行的数字“%s”位于表头“%s”之后，无法确定所属单元格", t.line, t.text, prev.text)})
		}
	}
}

// checkPermuted verifies table 三 read in a column order taken from its headers: when a
// complete row's 总计 is not the sum of the other columns, the order may be misread, so
// no row of the table is placed.
func (a *assembler) checkPermuted(cands map[string][]cand, subtotalBad bool) {
	var rows [][]cellVal
	for _, key := range sortedKeys(cands) {
		cs := cands[key]
		if !strings.HasPrefix(key, ar.TableApplications+".") {
			continue
		}
		for _, c := range cs {
			if c.status == fitOK {
				rows = append(rows, c.vals)
			}
		}
	}
	if !subtotalBad && totalsAgree(rows) {
		return
	}
	for _, key := range sortedKeys(cands) {
		cs := cands[key]
		if !strings.HasPrefix(key, ar.TableApplications+".") {
			continue
		}
		for k := range cs {
			if cs[k].status == fitOK {
				cs[k].vals, cs[k].status = nil, fitRefused
			}
		}
	}
	if a.single6 != nil {
		a.single6 = []cellVal{} // read in the same misread order: present but not readable
	}
	a.rep.Findings = append(a.rep.Findings, ar.Finding{Rule: ar.RuleUnreadable, Cell: ar.Cell(ar.TableApplications, "new", "natural_person"), Cells: a.tableCells(ar.TableApplications),
		Message: "三、收到和处理政府信息公开申请情况表的列顺序与法定格式不同，按列标题读取后总计与各列之和不符，未读取该表数字"})
}

var appealResultOf = map[string]int{"结果维持": 0, "结果纠正": 1, "其他结果": 2, "尚未审结": 3, "总计": 4, "合计": 4}

// appealOrder puts the figures of table 四 read in printed order into statutory order
// when its result headers are printed in another order: the same order in every group
// (fifteen headers after 行政复议), or one header row of five just before it (one
// group per row). Each group's 总计 must then equal the sum of its other four; if not,
// the table is not read.
func (a *assembler) appealOrder(anchor int, segs []seg, vals []cellVal) ([]cellVal, bool) {
	var seq []int
	for _, s := range segs {
		if p, ok := appealResultOf[s.label]; ok {
			seq = append(seq, p)
		}
	}
	runs := 3 // result headers may repeat for each of the three groups
	// The transposed layout (a result label before each row of three) keeps its own order.
	withVals := 0
	for _, s := range segs {
		if _, ok := appealResultOf[s.label]; ok && len(s.vals) > 0 {
			withVals++
		}
	}
	if withVals > 1 {
		return vals, true
	}
	if len(seq) == 0 {
		// Headers of five just before the anchor.
		for i := anchor - 1; i >= 0 && i >= anchor-12; i-- {
			t := &a.toks[i]
			if t.kind != tLabel {
				break
			}
			bare := t.bare()
			p, ok := appealResultOf[bare]
			if !ok {
				if bare == "行政诉讼" || bare == "备注" || bare == "" {
					continue
				}
				break
			}
			seq = append([]int{p}, seq...)
		}
		runs = 1
	}
	// Two result headers unrecognised or more could stand in either order (the group
	// sums do not show a swap): their words, where found, must not show another order.
	distinct := map[int]bool{}
	for _, p := range seq {
		distinct[p] = true
	}
	if len(distinct) < 4 {
		line := 0 // the line of the first figure: the headers stand above it
		for k := max(anchor, 0); k < len(a.toks) && k < anchor+400; k++ {
			if a.toks[k].kind == tNum || a.toks[k].kind == tBlank {
				line = a.toks[k].line
				break
			}
		}
		h := a.headerLines(line, "行政复议、行政诉讼")
		if appealHeaderContradicts(h) || a.strict && (!laidOut(h) || !headerInOrder(h, appealKeys)) {
			return nil, false
		}
		if len(seq) == 0 {
			return vals, true
		}
	}
	var perm []int
	switch len(seq) {
	case 5, 15:
		perm = seq[:5]
		for k := 5; k < len(seq); k++ {
			if seq[k] != perm[k%5] {
				return nil, false
			}
		}
	default:
		// Headers not all there: the statutory order, as printed by the form, unless
		// those recognised stand out of it.
		descents := 0
		for k := 1; k < len(seq); k++ {
			if seq[k] <= seq[k-1] {
				descents++
			}
		}
		if descents > runs-1 {
			return nil, false
		}
		return vals, true
	}
	seen := 0
	statutory := true
	for k, p := range perm {
		seen |= 1 << p
		if p != k {
			statutory = false
		}
	}
	if seen != 31 {
		return nil, false
	}
	if statutory {
		return vals, true
	}
	out := make([]cellVal, 15)
	for g := 0; g < 3; g++ {
		for k, p := range perm {
			out[g*5+p] = vals[g*5+k]
		}
		sum, complete := 0.0, true
		for _, v := range out[g*5 : g*5+4] {
			complete = complete && !v.blank
			sum += v.v
		}
		if complete && !out[g*5+4].blank && math.Abs(sum-out[g*5+4].v) > 1e-6 {
			return nil, false
		}
	}
	return out, true
}

// singleOther reads a 2021 （六）其他处理 label at toks[i] that has figures of its own: the
// three rows of the 2021 format printed as the one row of 2019.
func (a *assembler) singleOther(i int, perm []int, orderKnown bool) {
	vals, end := a.collect(i)
	got, st := a.appFit(vals, false, perm, orderKnown)
	if st == fitEmpty {
		return
	}
	// Its 总计 is the sum of its six columns where all are printed, as in every row.
	if st != fitOK || (a.single6 != nil && !sameVals(a.single6, got)) || rowSumFails(got) {
		a.single6, a.single6At = []cellVal{}, a.toks[i].line // present but not readable
		a.consume(i, end)
		return
	}
	if a.single6 == nil {
		a.single6, a.single6At = got, a.toks[i].line
	}
	a.consume(i, end)
}

// rowSumFails reports a row of table 三 (seven cells in statutory order) whose six
// columns are all printed and do not add up to its 总计.
func rowSumFails(vals []cellVal) bool {
	if len(vals) != len(ar.ApplicationColumns) {
		return false
	}
	for _, v := range vals {
		if v.blank || v.bad {
			return false
		}
	}
	return !sumHolds(vals[:6], vals[6])
}

// applySingleOther records the one-row （六）其他处理 of a 2021 table 三 as the sum of the
// three rows (the derived applications.other cells) when none of the three has a
// figure; the three rows stay blank with one finding.
func (a *assembler) applySingleOther() {
	if a.single6 == nil {
		return
	}
	var sub []string
	for _, row := range []string{"other.no_correction", "other.fee_unpaid", "other.other"} {
		sub = append(sub, ar.RowCells(a.f, ar.TableApplications+"."+row)...)
	}
	if a.anyFigure(sub) {
		// A subtotal row above the three: it must be their sum.
		agree := len(a.single6) > 0
		for k, c := range ar.ApplicationColumns {
			if !agree {
				break
			}
			d, dok := a.rep.Cells.Get(ar.Cell(ar.TableApplications, "other", c))
			v := a.single6[k]
			agree = v.blank || !dok || math.Abs(d-v.v) < 1e-6
		}
		if !agree {
			a.rep.Findings = append(a.rep.Findings, ar.Finding{Rule: ar.RuleAmbiguous, Cell: sub[0], Cells: sub,
				Message: fmt.Sprintf("“（六）其他处理”合计行（第%d行）与其下三个分项之和不符，请核对", a.single6At)})
		}
		return
	}
	msg := fmt.Sprintf("“（六）其他处理”按2019年格式填为一行（第%d行），已读取为三项之和，三个分项无法区分", a.single6At)
	if len(a.single6) == 0 {
		msg = fmt.Sprintf("“（六）其他处理”按2019年格式填为一行（第%d行），但数字无法确定所属单元格，三个分项无法区分", a.single6At)
	} else {
		for k, c := range ar.ApplicationColumns {
			if v := a.single6[k]; !v.blank {
				a.set(ar.Cell(ar.TableApplications, "other", c), v.v)
			}
		}
	}
	a.rep.Findings = append(a.rep.Findings, ar.Finding{Rule: ar.RuleUnreadable, Cell: sub[0], Cells: sub, Message: msg})
}

// subOtherRow returns the 2021 （六） row ("other.no_correction", "other.fee_unpaid",
// "other.other") that the label t names in a 2019-format table, or "".
func (a *assembler) subOtherRow(t *token, last string) string {
	if a.f != ar.Format2019 {
		return ""
	}
	switch {
	case t.m().e.kind == kAppRow && strings.HasPrefix(t.m().e.row, "other."):
		return t.m().e.row
	case t.m().e.kind == kAppSpecial && t.m().e.row == "其他" && last == ar.TableApplications+".other.fee_unpaid":
		return "other.other"
	}
	return ""
}

// sumSubOther adds up the three （六） rows, each read once and consistently, into the
// one （六）其他处理 row of the 2019 format; a column is blank when any part is.
func (a *assembler) sumSubOther() (cand, bool) {
	sum := make([]cellVal, len(ar.ApplicationColumns))
	first := -1
	for _, row := range []string{"other.no_correction", "other.fee_unpaid", "other.other"} {
		cs := a.sub6[row]
		var ok []cand
		for _, c := range cs {
			switch c.status {
			case fitOK:
				ok = append(ok, c)
			case fitPartial, fitOverfull:
				return cand{}, false
			}
		}
		if len(ok) == 0 {
			return cand{}, false
		}
		for _, c := range ok[1:] {
			if !sameVals(c.vals, ok[0].vals) {
				return cand{}, false
			}
		}
		for k, v := range ok[0].vals {
			if v.blank || v.yuan {
				sum[k].blank = true
			}
			sum[k].v += v.v
		}
		if first < 0 {
			first = ok[0].from
		}
	}
	for _, cs := range a.sub6 {
		for _, c := range cs {
			a.consume(c.from, c.to)
		}
	}
	for k := range sum {
		if sum[k].blank {
			sum[k].v = 0
		}
	}
	return cand{vals: sum, status: fitOK, line: a.toks[first].line, from: first, to: first}, true
}

func allEmpty(cs []cand) bool {
	for _, c := range cs {
		if c.status != fitEmpty {
			return false
		}
	}
	return true
}

// fitRemarks is fit for a table that may have a 备注 column after the figures.
func fitRemarks(vals []cellVal, n int, remarks bool) ([]cellVal, fitStatus) {
	switch {
	case remarks && len(vals) == n+1:
		return fit(vals[:n], n)
	case remarks && len(vals) == n && vals[len(vals)-1].blank:
		// With a 备注 column a row one cell short cannot be placed.
		got, st := fit(vals, n)
		if st == fitOK {
			return nil, fitPartial
		}
		return got, st
	}
	return fit(vals, n)
}

// appFit places the figures of a table 三 row: in the printed column order perm (nil
// for the statutory one), a 小计 column checked against its five columns and left out.
func (a *assembler) appFit(vals []cellVal, remarks bool, perm []int, orderKnown bool) ([]cellVal, fitStatus) {
	n := len(ar.ApplicationColumns)
	if perm != nil {
		n = len(perm)
	}
	got, st := fitRemarks(vals, n, remarks)
	if st != fitOK {
		return got, st
	}
	if !orderKnown {
		return nil, fitPartial
	}
	if perm == nil {
		return got, st
	}
	out := make([]cellVal, len(ar.ApplicationColumns))
	sub := -1
	for k, p := range perm {
		if p == subtotalCol {
			sub = k
			continue
		}
		out[p] = got[k]
	}
	if sub >= 0 && !got[sub].blank {
		sum, complete := 0.0, true
		for _, v := range out[1:6] {
			complete = complete && !v.blank
			sum += v.v
		}
		if complete && math.Abs(sum-got[sub].v) > 1e-6 {
			a.subtotalBad = true
		}
	}
	return out, fitOK
}

// cutHeaderRows leaves unread the rows of table 三, laid out in columns under a header
// whose words a converter cut over lines, whose 总计 is not the sum of their six columns
// (or that hold a blank, which leaves the sum unchecked): such text puts a figure cut
// from its line or its unit in another cell, and the row's own sum is the only check.
func (a *assembler) cutHeaderRows(cands map[string][]cand, perm []int) {
	if !a.appHeadCut || perm != nil {
		return
	}
	var unread []string
	for _, key := range sortedKeys(cands) {
		if !strings.HasPrefix(key, ar.TableApplications+".") {
			continue
		}
		cs := cands[key]
		for k := range cs {
			c := &cs[k]
			if c.status != fitOK || len(c.vals) != len(ar.ApplicationColumns) || !a.spacedColumns(*c) {
				continue
			}
			if sumHolds(c.vals[:6], c.vals[6]) {
				continue
			}
			c.vals, c.status = nil, fitRefused
			unread = append(unread, ar.RowCells(a.f, key)...)
		}
	}
	if len(unread) > 0 {
		a.rep.Findings = append(a.rep.Findings, ar.Finding{Rule: ar.RuleUnreadable, Cell: unread[0], Cells: unread,
			Message: "三、收到和处理政府信息公开申请情况表的列标题被拆分排版，部分行的总计与各列之和不符或含空格，无法确定各数字所属的单元格，未读取这些行"})
	}
}

// wrappedFigureRows leaves unread the rows, in text laid out in columns, whose label
// goes on over the next line beside figures of its own ("6.属于四类过 0 1 0 0 0 01" over
// "程性信息 7 7"): a converter wrapped figures of narrow cells with the label, and the
// digits of the line below belong to the figures above (1 and 7 make 17), so no figure of
// the row can be believed — its sum may even hold without them.
func (a *assembler) wrappedFigureRows(cands map[string][]cand) {
	var unread []string
	for _, key := range sortedKeys(cands) {
		cs := cands[key]
		for k := range cs {
			c := &cs[k]
			if c.status != fitOK || c.to <= c.from+1 || c.to >= len(a.toks) || !a.spacedColumns(*c) {
				continue
			}
			next := &a.toks[c.to]
			if next.kind != tLabel || next.m().ok || next.line != a.toks[c.to-1].line+1 {
				continue
			}
			figures := false
			for j := c.to + 1; j < len(a.toks) && a.toks[j].line == next.line; j++ {
				figures = figures || a.toks[j].kind == tNum
			}
			if !figures {
				continue
			}
			c.vals, c.status = nil, fitRefused
			unread = append(unread, ar.RowCells(a.f, key)...)
		}
	}
	if len(unread) > 0 {
		a.rep.Findings = append(a.rep.Findings, ar.Finding{Rule: ar.RuleUnreadable, Cell: unread[0], Cells: unread,
			Message: "部分行的数字被拆分到下一行（与行标题一同折行），无法确定各数字，未读取这些行"})
	}
	a.strayDigitRows(cands)
}

// strayDigitRows leaves unread the rows, in text laid out in columns, beside whose
// figure line (within three lines above or below, up to another row's figure line)
// stands a line with figures of no row ("要另行制作  763 790" under "2.没有现成信息需 - 0 0
// 0 0 4 4"; "４, ２," over a row): a converter wrapped the digits of figures wider than
// their cells over several lines, above or below, so the figures on the row's line may be
// only parts of them (4 of 4763) — and a sum may hold over the parts. Which row a stray
// digit belongs to is not known, so every row next to one is left unread.
func (a *assembler) strayDigitRows(cands map[string][]cand) {
	firstFig := func(c *cand) int {
		for j := c.from + 1; j < c.to && j < len(a.toks); j++ {
			if a.toks[j].kind == tNum {
				return a.toks[j].line
			}
		}
		return -1
	}
	rowLines := map[int]bool{}
	for _, cs := range cands {
		for k := range cs {
			if l := firstFig(&cs[k]); l > 0 {
				rowLines[l] = true
			}
		}
	}
	stray := func(l int) bool {
		if l < 1 || l > len(a.lines) {
			return false
		}
		for _, f := range strings.FieldsFunc(a.lines[l-1], isSpaceRune) {
			if figureField(f) {
				return true
			}
		}
		return false
	}
	// The text is laid out in columns when a line of it is (a row whose cells are one
	// space apart stands among such lines); a row there prints its figures on one line.
	laid := laidOut(a.lines)
	oneLine := func(c *cand, l int) bool {
		n := 0
		for j := c.from + 1; j < c.to && j < len(a.toks); j++ {
			if t := &a.toks[j]; t.kind == tNum || t.kind == tBlank {
				if t.line != l {
					return false
				}
				n++
			}
		}
		return n >= 2
	}
	var unread []string
	for _, key := range sortedKeys(cands) {
		cs := cands[key]
		for k := range cs {
			c := &cs[k]
			if c.status == fitRefused || c.status == fitEmpty {
				continue
			}
			l := firstFig(c)
			if l < 0 || !a.spacedColumns(*c) && !(laid && oneLine(c, l)) {
				continue
			}
			found := false
			for _, dir := range []int{-1, 1} {
				for d := 1; d <= 3 && !found; d++ {
					m := l + dir*d
					if rowLines[m] || m < 1 || m > len(a.lines) {
						break
					}
					found = stray(m)
				}
			}
			if !found {
				continue
			}
			a.consume(c.from, c.to)
			c.vals, c.status = nil, fitRefused
			unread = append(unread, ar.RowCells(a.f, key)...)
		}
	}
	if len(unread) > 0 {
		a.rep.Findings = append(a.rep.Findings, ar.Finding{Rule: ar.RuleUnreadable, Cell: unread[0], Cells: unread,
			Message: "部分行的上下相邻行中有不属于任何行的数字（窄单元格中的数字被折行），本行数字可能只是其中一部分，未读取这些行"})
	}
}

// figureField reports a field of a line made only of digits (half or full width) and
// thousands or decimal marks, with a digit, a unit after them or not: a figure or a
// part of one.
func figureField(f string) bool {
	for _, u := range gluedUnits {
		if g, ok := strings.CutSuffix(f, u); ok && g != "" {
			f = g // "6件": the unit a table 二 prints after its figures
			break
		}
	}
	digit := false
	for _, r := range f {
		switch {
		case r >= '0' && r <= '9' || r >= '０' && r <= '９':
			digit = true
		case r == ',' || r == '，' || r == '.' || r == '．':
		default:
			return false
		}
	}
	return digit
}

// legacyColumns are the columns of each row of the pre-2019 statistics table.
func legacyColumns() map[string][]string {
	cols := map[string][]string{}
	for _, r := range ar.Tables(ar.FormatLegacy)[0].Rows {
		cols[r.ID] = r.Columns
	}
	return cols
}
