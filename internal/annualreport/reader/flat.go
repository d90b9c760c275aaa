package reader

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	ar "gongkai/internal/annualreport"
)

// Rows whose figures run together, or lost their empty cells: the atoms of each row,
// and table 三 read through the form's sums (arith.go).

// How a figure was read, when not from its place in the text (Report.How).
const (
	howSum       = "sum"        // cut from figures run together or placed among dropped cells by the form's sums
	howFormOrder = "form-order" // column order of the national form, the header unreadable, the row's sum checked
)

// gapKind classifies the text between two figures of a row.
type gapKind uint8

const (
	gapSoft gapKind = iota // spaces or nothing: a hint, not a cell boundary
	gapCell                // '|', a tab, or a line break: a cell boundary
)

// figTok is one figure token of a row with what stands on either side of it.
type figTok struct {
	k           int // token index
	left, right gapKind
	line        int
}

// isSpaceRune reports the spaces a run of figures may hold.
func isSpaceRune(r rune) bool { return r == ' ' || r == '\u3000' || r == '\u00a0' }

// gapOf classifies the text between two figures on one line.
func gapOf(s string) gapKind {
	for _, r := range s {
		if !isSpaceRune(r) {
			return gapCell
		}
	}
	return gapSoft
}

// digitsOf returns w's digits in ASCII when w is nothing but digits (ASCII or
// full-width) and decimal points, else "".
func digitsOf(w string) string {
	if w == "" {
		return ""
	}
	ascii := true
	for i := 0; i < len(w); i++ {
		if (w[i] < '0' || w[i] > '9') && w[i] != '.' && w[i] != '-' {
			ascii = false
			break
		}
	}
	d := w
	if !ascii {
		var b strings.Builder
		for _, r := range w {
			switch {
			case r >= '0' && r <= '9':
				b.WriteRune(r)
			case r >= '０' && r <= '９':
				b.WriteByte(byte('0' + r - '０'))
			case r == '.' || r == '．':
				b.WriteByte('.')
			case r == '-' || r == '－' || r == '−':
				b.WriteByte('-')
			default:
				return ""
			}
		}
		d = b.String()
	}
	// A minus sign starts a figure: never last, never twice in a row; a digit somewhere.
	if d[len(d)-1] == '-' || strings.Contains(d, "--") || strings.Trim(d, ".-") == "" {
		return ""
	}
	return d
}

// numericLabel reports a token read as a label that is nothing but figure material:
// figures run together across a minus sign ("5-6"), which the tokenizer cannot read.
func numericLabel(t *token) bool {
	return t.kind == tLabel && t.text != unreadableFigure && !t.m().ok && digitsOf(t.text) != ""
}

// rowAtoms turns the figures of candidate c (the tokens after its label) into atoms.
// Figures joined by nothing but spaces make one run; a lone figure is a run too when it
// is the only figure of a bare line (no '|' or tab on either side), since it may hold
// the whole row. ok is false when the row holds an unreadable figure or text between
// its figures. runs reports whether any atom is a run.
func (a *assembler) rowAtoms(c cand) (atoms []atom, runs bool, ok bool) {
	atoms, runs, _, ok = a.rowAtomsGaps(c)
	return atoms, runs, ok
}

// rowAtomsGaps is rowAtoms, and whether the row may have lost empty cells: its figures
// stand on one line (a row per line, as Markdown or a PDF's text laid out prints it),
// and it prints no blank of its own (a row that prints its blanks does not drop them).
// A row printed a cell per line (HTML, Word, PDF lines) that lacks a cell has lost a
// figure, not an empty cell.
func (a *assembler) rowAtomsGaps(c cand) (atoms []atom, runs, gaps bool, ok bool) {
	var figs []figTok
	// In a text laid out in columns, two spaces or more between figures part cells; a
	// single space stays a hint.
	columns := a.spacedColumns(c)
	// The tokenizer ends a row at figures it cannot read ("5-6"): the row goes on past
	// them to the end of their line.
	cut := c.to < len(a.toks) && c.to > c.from+1 && numericLabel(&a.toks[c.to]) && a.toks[c.to].line == a.toks[c.to-1].line
	var sp lineSpans
	for k := c.from + 1; k < len(a.toks); k++ {
		t := &a.toks[k]
		numeric := len(figs) > 0 && numericLabel(t)
		if k >= c.to && !(cut && t.line == a.toks[c.to].line && (numeric || t.kind != tLabel)) {
			if len(figs) > 0 && t.kind == tLabel && !t.m().ok && t.line == figs[len(figs)-1].line && startsWithMark(t.text) {
				// "0 无第二十条…": the row's last blank glued to the text after it; its
				// cells cannot be counted.
				return nil, false, false, false
			}
			break
		}
		switch {
		case numeric:
		case t.kind == tLabel:
			if t.text == unreadableFigure || len(figs) > 0 {
				return nil, false, false, false
			}
			continue // the rest of a label broken over lines
		}
		f := figTok{k: k, left: gapSoft, right: gapSoft, line: t.line}
		text := sp.of(a, k)
		if s, e := sp.at(k); s >= 0 {
			before, after := text[:s], text[e:]
			if p := sp.prev(k); p >= 0 {
				if _, pe := sp.at(p); pe >= 0 && pe <= s {
					before = text[pe:s]
				}
			}
			if n := sp.next(k); n >= 0 {
				if ns, _ := sp.at(n); ns >= e {
					after = text[e:ns]
				}
			}
			f.left, f.right = gapOf(before), gapOf(after)
			if columns && strings.Contains(before, "  ") {
				f.left = gapCell // a column boundary of a text laid out in columns
			}
			if columns && strings.Contains(after, "  ") {
				f.right = gapCell
			}
		} else if t.kind == tBlank {
			f.left, f.right = gapCell, gapCell // an empty piece between two pipes
		}
		figs = append(figs, f)
	}
	if c.remarks && len(figs) > 0 && a.toks[figs[len(figs)-1].k].kind == tBlank {
		figs = figs[:len(figs)-1] // the 备注 cell
	}
	lines := map[int]bool{}
	gaps = len(figs) > 0
	for _, f := range figs {
		lines[f.line] = true
		if a.toks[f.k].kind == tBlank {
			gaps = false
		}
	}
	if len(lines) > 1 || len(figs) == 1 && a.toks[c.from].line != figs[0].line {
		gaps = false // a cell per line, or a figure alone on its line
	}
	if gaps {
		// Only a text laid out in columns (runs of spaces between its figures) or a
		// Markdown row drops its empty cells; a row with single spaces between its
		// figures that lacks one has lost a figure. And only a text with two such rows
		// short of cells or more: one short row alone has as likely lost a figure as an
		// empty cell, and the sums could place the others wrongly around it.
		gaps = a.laidOut(c) && a.inferred.shortRows >= 2
	}
	for i := 0; i < len(figs); i++ {
		t := &a.toks[figs[i].k]
		if t.kind == tBlank {
			atoms = append(atoms, atom{kind: atomBlank})
			continue
		}
		d := digitsOf(t.text)
		if d == "" {
			atoms = append(atoms, atom{kind: atomFigure, val: t.val})
			continue
		}
		// Join the digits that follow with nothing but spaces between.
		j := i
		for j+1 < len(figs) && figs[j+1].line == figs[j].line && figs[j+1].left == gapSoft {
			d2 := digitsOf(a.toks[figs[j+1].k].text)
			if d2 == "" || a.toks[figs[j+1].k].kind == tBlank {
				break
			}
			d += d2
			j++
		}
		// A figure alone between cell boundaries, in a row printed over several lines, or
		// alone on its line in a text that prints a cell per line, is one cell.
		if j == i && t.kind == tNum && !strings.Contains(d[1:], "-") && (figs[i].left == gapCell || figs[i].right == gapCell || len(lines) > 1 || a.inferred.cellPerLine && len(figs) == 1 && a.toks[c.from].line != figs[0].line) {
			atoms = append(atoms, atom{kind: atomFigure, val: t.val})
		} else {
			atoms = append(atoms, atom{kind: atomRun, digits: d})
			runs = true
		}
		i = j
	}
	return atoms, runs, gaps, true
}

// certainCells reports whether atoms give ncols cells one by one, no run among them.
func certainCells(atoms []atom, ncols int) bool {
	if len(atoms) != ncols {
		return false
	}
	for _, at := range atoms {
		if at.kind == atomRun && len(at.digits) > 1 {
			return false
		}
	}
	return true
}

// maxCells is the most cells atoms can fill.
func maxCells(atoms []atom) int {
	n := 0
	for _, at := range atoms {
		if at.kind == atomRun {
			n += len(at.digits) - strings.Count(at.digits, ".") - strings.Count(at.digits, "-")
		} else {
			n++
		}
	}
	return n
}

// flatRow is one row of a table read through its sums.
type flatRow struct {
	certain bool // the atoms give the cells one by one: read by position, not by the sums
	key     string
	cand    int // index of the occurrence in cands[key], -1 when the row is missing or unknown
	splits  [][]cellVal
	solved  bool // the row's figures come from the splits (not given cell by cell)
	capped  bool // too many splits to list
}

// flatApplications reads table 三 through its sums when some of its rows cannot be
// read cell by cell because their figures run together or lost their empty cells.
// Rows read cell by cell stay as they are and take part in the sums.
func (a *assembler) flatApplications(cands map[string][]cand, perm []int, orderKnown bool) {
	if perm != nil || !orderKnown && !a.inferred.formOrder || a.single6 != nil || a.sub6 != nil || a.subtotalBad {
		return
	}
	// Cheaply first: a row that cannot be read cell by cell, or a figure cut wrong.
	suspect := false
	for key, cs := range cands {
		if !strings.HasPrefix(key, ar.TableApplications+".") {
			continue
		}
		for _, c := range cs {
			if c.status == fitPartial || c.status == fitOverfull || c.status == fitOK && leadingZero(a.toks[c.from+1:c.to]) {
				suspect = true
			}
		}
	}
	if !suspect {
		return
	}
	a.noteCellPerLine(cands)
	tbl := ar.Tables(a.f)[1]
	rows := make([]flatRow, len(tbl.Rows))
	type pending struct {
		atoms []atom
		gaps  bool
	}
	split := make([]*pending, len(tbl.Rows))
	// Rows that lost empty cells (a Markdown row, a text laid out in columns) are read
	// by the sums whenever one is too short; rows with spaces between their figures only
	// when enough of them show the figures run together: in a text that spaces its
	// cells, a row a figure short has lost that figure, and its digits are not to be
	// cut.
	gapRows, runRows, figRows := 0, 0, 0
	whole := false // a row whose cells are all one run of digits, no space in it
	for r, row := range tbl.Rows {
		key := ar.TableApplications + "." + row.ID
		rows[r] = flatRow{key: key, cand: -1}
		occ := -1
		for k, c := range cands[key] {
			if occurrence(c, 7) {
				if occ >= 0 {
					occ = -2
					break
				}
				occ = k
			}
		}
		if occ < 0 {
			continue
		}
		c := cands[key][occ]
		switch c.status {
		case fitEmpty:
			rows[r].cand = occ
			rows[r].splits = [][]cellVal{blankVals(7)}
			continue
		case fitRefused:
			continue
		}
		atoms, runs, gaps, ok := a.rowAtomsGaps(c)
		if !ok {
			continue
		}
		figRows++
		rows[r].cand = occ
		if c.status == fitOK && !runs {
			rows[r].splits = [][]cellVal{c.vals}
			continue
		}
		if !runs && !gaps {
			// Cells given one by one and too few or too many: a figure lost or gained,
			// not for the sums to place.
			rows[r].cand = -1
			continue
		}
		if c.status != fitOK || leadingZero(a.toks[c.from+1:c.to]) {
			if gaps {
				gapRows++
			} else {
				runRows++
			}
			if len(atoms) == 1 && atoms[0].kind == atomRun && maxCells(atoms) >= 7 && c.to == c.from+2 {
				whole = true
			}
		}
		split[r] = &pending{atoms: atoms, gaps: gaps && (runs || maxCells(atoms) < 7)}
		rows[r].certain = certainCells(atoms, 7)
	}
	if gapRows == 0 && !whole && (runRows < 2 || runRows*3 < figRows) {
		return
	}
	for r, p := range split {
		if p == nil {
			continue
		}
		splits, ok := rowSplits(p.atoms, 7, p.gaps, appRowSums, a.workLeft())
		rows[r].splits, rows[r].solved, rows[r].capped = splits, true, !ok
		if !ok {
			rows[r].splits = nil
		}
	}
	a.flatText = true
	eqs := applicationEquations(a.f, tbl)
	a.solveRows(cands, rows, eqs, 7)
}

// leadingZero reports a figure token written with a leading zero ("01"): no cell holds
// one, so the figures were cut in the wrong place.
func leadingZero(toks []token) bool {
	for i := range toks {
		t := &toks[i]
		if t.kind == tNum && len(t.text) > 1 && t.text[0] == '0' && t.text[1] >= '0' && t.text[1] <= '9' {
			return true
		}
	}
	return false
}

func blankVals(n int) []cellVal {
	v := make([]cellVal, n)
	for k := range v {
		v[k].blank = true
	}
	return v
}

// applicationEquations are the column equations of table 三 over its rows (indices in
// tbl.Rows): （七）总计 is the sum of the result rows; 一 + 二 = （七）总计 + 四.
func applicationEquations(f ar.Format, tbl ar.Table) []equation {
	at := map[string]int{}
	for r, row := range tbl.Rows {
		at[row.ID] = r
	}
	total := equation{rows: []int{at["total"]}, signs: []float64{1}}
	for _, o := range ar.OutcomeRows(f) {
		total.rows = append(total.rows, at[o])
		total.signs = append(total.signs, -1)
	}
	balance := equation{rows: []int{at["new"], at["carried_in"], at["total"], at["carried_out"]}, signs: []float64{1, 1, -1, -1}}
	return []equation{total, balance}
}

// solveRows runs the search over rows and writes back into cands what it settles:
// a row all of whose remaining splits agree is read; cells on which they disagree are
// left blank with a finding naming the splits.
func (a *assembler) solveRows(cands map[string][]cand, rows []flatRow, eqs []equation, ncols int) {
	split := make([][][]cellVal, len(rows))
	for r := range rows {
		split[r] = rows[r].splits
	}
	seen, complete := solveTable(split, eqs)
	for r := range rows {
		fr := &rows[r]
		if !fr.solved || fr.cand < 0 {
			continue
		}
		c := &cands[fr.key][fr.cand]
		ids := ar.RowCells(a.f, fr.key)
		label := a.rowLabel(ids)
		switch {
		case fr.capped || !complete[r]:
			c.vals, c.status = nil, fitRefused
			a.consume(c.from, c.to)
			a.rep.Findings = append(a.rep.Findings, ar.Finding{Rule: ar.RuleUnreadable, Cell: ids[0], Cells: append([]string(nil), ids...),
				Message: fmt.Sprintf("“%s”行（第%d行）的数字连在一起或缺少空白单元格，可能的拆分过多，超出计算上限，未读取", label, c.line)})
			continue
		case len(seen[r]) == 0:
			c.vals, c.status = nil, fitRefused
			a.consume(c.from, c.to)
			why := "无论如何拆分，该行与表中各项之和都不相符"
			if len(fr.splits) == 0 {
				why = "无论如何拆分，该行总计都不等于各列之和"
			}
			a.rep.Findings = append(a.rep.Findings, ar.Finding{Rule: ar.RuleUnreadable, Cell: ids[0], Cells: append([]string(nil), ids...),
				Message: fmt.Sprintf("“%s”行（第%d行）的数字连在一起或缺少空白单元格，%s，未读取", label, c.line, why)})
			continue
		}
		options := seen[r]
		vals := append([]cellVal(nil), fr.splits[options[0]]...)
		var unsure []string
		for col := range vals {
			for _, o := range options[1:] {
				if fr.splits[o][col] != vals[col] {
					vals[col] = cellVal{blank: true}
					unsure = append(unsure, ids[col])
					break
				}
			}
		}
		c.vals, c.status = vals, fitOK
		for col, v := range vals {
			if !v.blank && !containsStr(unsure, ids[col]) && !fr.certain {
				a.markHow(ids[col], howSum)
			}
		}
		if len(unsure) > 0 {
			// Blank until the finding below names them.
			a.rep.Findings = append(a.rep.Findings, ar.Finding{Rule: ar.RuleAmbiguous, Cell: unsure[0], Cells: unsure,
				Message: fmt.Sprintf("“%s”行（第%d行）的数字连在一起或缺少空白单元格，符合表中各项之和的拆分不止一种（%s），无法确定", label, c.line, splitNames(fr.splits, options))})
			if a.inferred.unsure == nil {
				a.inferred.unsure = map[string]bool{}
			}
			for _, id := range unsure {
				a.inferred.unsure[id] = true
			}
		}
	}
}

func containsStr(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// splitNames prints up to three splits for a finding: "3、0、0、0、0、0、3；…".
func splitNames(splits [][]cellVal, options []int) string {
	var out []string
	for i, o := range options {
		if i == 3 {
			out = append(out, fmt.Sprintf("等%d种", len(options)))
			break
		}
		var cells []string
		for _, v := range splits[o] {
			if v.blank {
				cells = append(cells, "空")
			} else {
				cells = append(cells, ar.FormatNumber(v.v))
			}
		}
		out = append(out, strings.Join(cells, "、"))
	}
	return strings.Join(out, "；")
}

// inference is what the assembler records of figures read by arithmetic.
type inference struct {
	how    map[string]string // cell id → how it was read (howSum, howFormOrder)
	unsure map[string]bool   // cells the sums left open: never marked
	// cellPerLine: the text prints its table rows a cell per line (rows whose figures
	// stand on several lines): a figure alone on its line is a cell, not a row run
	// together.
	cellPerLine bool
	lineShape   bool // cellPerLine is known
	formRows    int  // rows of table 三 read in the national form's column order
	formOrder   bool // table 三's header order unclear in a text laid out in columns: the form's order holds
	// shortRows counts the rows of tables 二 and 三 on a Markdown row or a line laid out
	// in columns with fewer figures than cells (noteShortRows), and table 四's.
	shortRows   int
	work        int // work left for cutting runs of digits (maxReportWork), once started
	workStarted bool
}

// workLeft is the report's budget for cutting runs of digits.
func (a *assembler) workLeft() *int {
	if !a.inferred.workStarted {
		a.inferred.work, a.inferred.workStarted = maxReportWork, true
	}
	return &a.inferred.work
}

// noteCellPerLine sets inferred.cellPerLine when two rows or more have their figures
// on several lines.
func (a *assembler) noteCellPerLine(cands map[string][]cand) {
	if a.inferred.lineShape {
		return
	}
	a.inferred.lineShape = true
	n := 0
	for _, cs := range cands {
		for _, c := range cs {
			line := -1
			for k := c.from + 1; k < c.to && k < len(a.toks); k++ {
				if t := &a.toks[k]; t.kind == tNum {
					if line >= 0 && t.line != line {
						n++
						break
					}
					line = t.line
				}
			}
		}
	}
	a.inferred.cellPerLine = n >= 2
}

// markHow records how cell id was read, for Report.How.
func (a *assembler) markHow(id, how string) {
	if a.inferred.how == nil {
		a.inferred.how = map[string]string{}
	}
	a.inferred.how[id] = how
}

// finishHow keeps the marks of the cells that hold a figure in the end, and says in a
// finding per table how many were read through the sums.
func (a *assembler) finishHow() {
	bySum := map[string]int{}
	for id, how := range a.inferred.how {
		if _, ok := a.rep.Cells.Get(id); ok && !a.inferred.unsure[id] {
			if a.rep.How == nil {
				a.rep.How = map[string]string{}
			}
			a.rep.How[id] = how
			if how == howSum {
				bySum[tableOf(id)]++
			}
		}
	}
	for _, t := range ar.Tables(a.f) {
		if n := bySum[t.ID]; n > 0 {
			a.rep.Findings = append(a.rep.Findings, ar.Finding{Rule: ar.RuleInferred,
				Message: fmt.Sprintf("%s中%d个数字连在一起或缺少空白单元格，已按法定格式的勾稽关系（各项之和）唯一确定所属单元格", tableTitle(t), n)})
		}
	}
}

// tableTitle is a table's name for messages: "三、收到和处理政府信息公开申请情况表".
func tableTitle(t ar.Table) string {
	if t.ID == ar.TableLegacy {
		return "政府信息公开工作统计表"
	}
	return t.Label + "表"
}

// gluedFigure returns where the figure glued to the end of label text c begins
// ("行政许可3409" → 12), or 0: digits, with at most one decimal point between digits,
// after a character that is not a digit, a point or a bracket's item number.
func gluedFigure(c string) int {
	k := len(c)
	point := false
	for k > 0 {
		b := c[k-1]
		switch {
		case b >= '0' && b <= '9':
		case b == '.' && !point && k < len(c) && k > 1 && c[k-2] >= '0' && c[k-2] <= '9':
			point = true
		default:
			goto done
		}
		k--
	}
done:
	if k == 0 || k == len(c) {
		return 0
	}
	if b := c[k-1]; b == '.' || b == '(' || b == '-' {
		return 0
	}
	return k
}

// runTogetherLabels splits c, a text the label tables do not know, into statutory
// headers and labels printed with nothing between them, when it is nothing else
// ("自然人法人或其他组织总计", "结果维持结果纠正其他结果尚未审结总计"); nil otherwise. The
// split with the fewest parts is taken.
func runTogetherLabels(c string) []*labelInfo {
	n := utf8.RuneCountInString(c)
	if n < 4 || n > maxLabelRunes || !mayStartLabel(c) || strings.ContainsAny(c, "。；，,") {
		return nil
	}
	// Rune boundaries.
	at := make([]int, 0, n+1)
	for i := range c {
		at = append(at, i)
	}
	at = append(at, len(c))
	// best[i]: fewest parts covering c[at[i]:], from[i] the end of the first.
	const none = 1 << 30
	best := make([]int, len(at))
	next := make([]int, len(at))
	best[len(at)-1] = 0
	for i := len(at) - 2; i >= 0; i-- {
		best[i] = none
		for j := i + 2; j < len(at) && j-i <= 24; j++ {
			if best[j] == none || best[j]+1 >= best[i] {
				continue
			}
			// A part is a label exactly (not a label with a tail: 本年制发件数 takes any).
			rest, _ := stripNumbering(c[at[i]:at[j]])
			e := exact[rest]
			if e != nil && (e.kind == kHeader || e.kind == kAppealGroup || e.kind == kAppSpecial || e.kind == kActiveRow || e.kind == kAppRow) {
				best[i], next[i] = best[j]+1, j
			}
		}
	}
	if best[0] == none || best[0] < 2 {
		return nil
	}
	var parts []*labelInfo
	for i := 0; i < len(at)-1; i = next[i] {
		parts = append(parts, newLabelInfo(c[at[i]:at[next[i]]]))
	}
	return parts
}

// flatAppeals reads table 四 through its sums when its figures, after the headers that
// start at the anchor toks[from], run together or lost their empty cells: one data row
// of fifteen after the last header, or five after each of 行政复议, 未经复议直接起诉 and
// 复议后起诉. Cells the sums leave open are blank with a finding.
func (a *assembler) flatAppeals(from, to int) ([]cellVal, bool) {
	// The labels before the figures, and the figures after each.
	type part struct{ label, first, end int }
	var parts []part
	for k := from; k < to && k < len(a.toks); k++ {
		t := &a.toks[k]
		switch t.kind {
		case tLabel:
			if t.text == unreadableFigure {
				return nil, false
			}
			if len(parts) > 0 && parts[len(parts)-1].first >= 0 {
				parts = append(parts, part{label: k, first: -1})
			} else if len(parts) == 0 || t.m().ok && t.m().e.kind == kAppealGroup {
				parts = append(parts, part{label: k, first: -1})
			} else {
				parts[len(parts)-1].label = k
			}
		default:
			if len(parts) == 0 {
				return nil, false
			}
			p := &parts[len(parts)-1]
			if p.first < 0 {
				p.first = k
			}
			p.end = k + 1
		}
	}
	var withFigs []part
	for _, p := range parts {
		if p.first >= 0 {
			withFigs = append(withFigs, p)
		}
	}
	a.noteCellPerLine(a.seenRows)
	remarks := false // a 备注 column: a blank last is its cell
	for k := from; k < to && k < len(a.toks); k++ {
		if t := &a.toks[k]; t.kind == tLabel && t.bare() == "备注" {
			remarks = true
		}
	}
	if !a.flatText {
		// Without rows of table 三 run together, only a table laid out in columns, or one
		// run of digits, is read by the sums: a spaced row a figure short lost it.
		tokens := 0
		for _, p := range withFigs {
			for k := p.first; k < p.end; k++ {
				if a.toks[k].kind != tLabel {
					tokens++
				}
			}
		}
		if tokens > 1 && !a.laidOut(cand{from: withFigs[0].label, to: withFigs[0].end}) {
			return nil, false
		}
	}
	out := make([]cellVal, 15)
	var how []int // cells read by the sums
	switch len(withFigs) {
	case 1:
		p := withFigs[0]
		vals, inferred, ok := a.flatSplit(cand{from: p.label, to: p.end, line: a.toks[p.label].line, remarks: remarks}, 15, appealSums, appealIDs)
		if !ok {
			return nil, false
		}
		copy(out, vals)
		for c := range vals {
			if inferred {
				how = append(how, c)
			}
		}
	case 3:
		groups := map[string]int{"reconsideration": 0, "litigation_direct": 1, "litigation_after": 2}
		done := 0
		for _, p := range withFigs {
			t := &a.toks[p.label]
			g, ok := groups[t.m().e.row]
			if !t.m().ok || t.m().e.kind != kAppealGroup || !ok || done&(1<<g) != 0 {
				return nil, false
			}
			done |= 1 << g
			vals, inferred, ok := a.flatSplit(cand{from: p.label, to: p.end, line: t.line, remarks: remarks}, 5, []sumGroup{{0, 4}}, appealIDs[g*5:g*5+5])
			if !ok {
				return nil, false
			}
			copy(out[g*5:], vals)
			for c := range vals {
				if inferred {
					how = append(how, g*5+c)
				}
			}
		}
	default:
		return nil, false
	}
	for _, c := range how {
		if !out[c].blank {
			a.markHow(appealIDs[c], howSum)
		}
	}
	return out, true
}

// flatSplit reads the figures of candidate c into ncols cells through sums: every
// split of its atoms that satisfies them, and, cell by cell, the figure they agree on
// (blank with a finding where they do not). ok is false when no split fits, the work
// cap was reached, or the figures are given cell by cell already.
func (a *assembler) flatSplit(c cand, ncols int, sums []sumGroup, ids []string) (vals []cellVal, inferred, ok bool) {
	atoms, runs, gaps, ok := a.rowAtomsGaps(c)
	if !ok || len(atoms) == 0 {
		return nil, false, false
	}
	if !runs && !gaps {
		return nil, false, false // the cells are given one by one: not for the sums to place
	}
	kinds := make([]cellKind, ncols)
	for k, id := range ids {
		if ar.IsAmount(id) {
			kinds[k] |= cellDecimal
		}
		if ar.MayBeNegative(id) {
			kinds[k] |= cellNegative
		}
	}
	splits, ok := rowSplitsDec(atoms, ncols, gaps && (runs || maxCells(atoms) < ncols), sums, kinds, a.workLeft())
	if !ok || len(splits) == 0 {
		return nil, false, false
	}
	options := make([]int, len(splits))
	for k := range options {
		options[k] = k
	}
	return a.agree(splits, options, ids, c.line, len(sums) > 0), !certainCells(atoms, ncols), true
}

// agree returns the cells on which splits[options] agree, the others blank and named
// in a finding.
func (a *assembler) agree(splits [][]cellVal, options []int, ids []string, line int, sums bool) []cellVal {
	vals := append([]cellVal(nil), splits[options[0]]...)
	var unsure []string
	for col := range vals {
		for _, o := range options[1:] {
			if splits[o][col] != vals[col] {
				vals[col] = cellVal{blank: true}
				unsure = append(unsure, ids[col])
				break
			}
		}
	}
	if len(unsure) > 0 {
		which := "符合各项之和的拆分不止一种"
		if !sums {
			which = "该表没有可核对的合计，可能的拆分不止一种"
		}
		a.rep.Findings = append(a.rep.Findings, ar.Finding{Rule: ar.RuleAmbiguous, Cell: unsure[0], Cells: unsure,
			Message: fmt.Sprintf("“%s”（第%d行）的数字连在一起或缺少空白单元格，%s（%s），无法确定", a.rowLabel(ids), line, which, splitNames(splits, options))})
		if a.inferred.unsure == nil {
			a.inferred.unsure = map[string]bool{}
		}
		for _, id := range unsure {
			a.inferred.unsure[id] = true
		}
	}
	return vals
}

// flatActive reads the rows of table 二 whose figures run together or lost their empty
// cells, in a text where table 三's rows show the same (flatText) or where the row
// cannot be read otherwise. Table 二 has no sums: a cell is read only when every way of
// cutting the row's digits (a figure never starting with 0) gives it the same figure.
func (a *assembler) flatActive(cands map[string][]cand) {
	for _, key := range keysWhere(cands, func(c cand) bool { return c.status == fitPartial || c.status == fitOverfull || a.flatText }) {
		if strings.HasPrefix(key, ar.TableApplications+".") {
			continue
		}
		cs := cands[key]
		cols := columns(a.f, key)
		if len(cols) == 0 {
			continue
		}
		occ := -1
		for k, c := range cs {
			if occurrence(c, len(cols)) {
				if occ >= 0 {
					occ = -2
					break
				}
				occ = k
			}
		}
		if occ < 0 {
			continue
		}
		c := &cs[occ]
		if c.status != fitPartial && c.status != fitOverfull && !(c.status == fitOK && a.flatText) || !a.flatText && !a.laidOut(*c) {
			continue // a row with spaces between its figures, a figure short: lost, not run together
		}
		if _, inOrder, _ := a.activeColumnOrder(c.from, cols); !inOrder {
			continue
		}
		a.noteCellPerLine(cands)
		vals, inferred, ok := a.flatSplit(*c, len(cols), nil, ar.RowCells(a.f, key))
		if !ok {
			continue
		}
		c.vals, c.status = vals, fitOK
		for k, v := range vals {
			if !v.blank && inferred {
				a.markHow(ar.RowCells(a.f, key)[k], howSum)
			}
		}
	}
}

// laidOut reports whether the figures of candidate c stand on a Markdown row or a line
// laid out in columns (four spaces or more between cells): text that drops empty cells.
func (a *assembler) laidOut(c cand) bool {
	md, spaced := a.figureLine(c)
	return md || spaced
}

// spacedColumns reports whether the figures of candidate c stand on a line laid out in
// columns by runs of spaces (a PDF's text laid out by a converter), not between pipes.
func (a *assembler) spacedColumns(c cand) bool {
	md, spaced := a.figureLine(c)
	return spaced && !md
}

// figureLine describes the line of candidate c's first figure: a Markdown row (it
// starts with '|'), and cells spaced by four spaces or more.
func (a *assembler) figureLine(c cand) (md, spaced bool) {
	for k := c.from + 1; k < c.to && k < len(a.toks); k++ {
		if t := &a.toks[k]; t.kind == tNum && t.line >= 1 && t.line <= len(a.lines) {
			line := a.lines[t.line-1]
			return strings.HasPrefix(trimSpace(line), "|"), strings.Contains(line, "    ")
		}
	}
	return false, false
}

// mixedLines leaves unread the rows whose figures come from a Markdown row and another
// line: a row short of cells (its empty cells dropped) must not be made up to its
// number of cells by the figures of the line after it — those belong to another row
// whose label the converter printed elsewhere. Read left-aligned, such a row puts every
// figure in the wrong cell.
func (a *assembler) mixedLines(cands map[string][]cand) {
	mdLine := func(k int) bool {
		l := a.toks[k].line
		return l >= 1 && l <= len(a.lines) && strings.HasPrefix(trimSpace(a.lines[l-1]), "|")
	}
	for _, key := range keysWhere(cands, func(c cand) bool {
		return (c.status == fitOK || c.status == fitOverfull) && c.to-1 > c.from+1 && c.to <= len(a.toks) &&
			a.toks[c.from+1].line != a.toks[c.to-1].line && (mdLine(c.from+1) || mdLine(c.to-1))
	}) {
		cs := cands[key]
		for k := range cs {
			c := &cs[k]
			if c.status != fitOK && c.status != fitOverfull {
				continue
			}
			first, other, md, several := -1, -1, false, false
			line, n := -1, 0 // figures on the current line
			for i := c.from + 1; i < c.to && i < len(a.toks); i++ {
				t := &a.toks[i]
				if t.kind != tNum && t.kind != tBlank {
					continue
				}
				if t.line != line {
					line, n = t.line, 0
					if first < 0 {
						first = t.line
					} else if other < 0 {
						other = t.line
					}
					if t.line >= 1 && t.line <= len(a.lines) && strings.HasPrefix(trimSpace(a.lines[t.line-1]), "|") {
						md = true
					}
				}
				n++
				several = several || n >= 2
			}
			if other < 0 || !md || !several {
				continue
			}
			ids := ar.RowCells(a.f, key)
			if len(ids) == 0 {
				continue
			}
			a.consume(c.from, c.to)
			c.vals, c.status = nil, fitRefused
			a.rep.Findings = append(a.rep.Findings, ar.Finding{Rule: ar.RuleUnreadable, Cell: ids[0], Cells: append([]string(nil), ids...),
				Message: fmt.Sprintf("“%s”行的数字分处两行（第%d行与第%d行），该行缺少单元格，另一行的数字可能属于别的行，无法确定各数字所属的单元格", a.rowLabel(ids), first, other)})
		}
	}
}

// gluedUnits are the units a pre-2019 table prints between a row label and its figures.
var gluedUnits = []string{"人(次)", "人次", "件", "条", "场", "期", "个", "元", "项", "次"}

// splitGlued splits label text c into a row label and what is glued after it: its
// unit (pre-2019 tables) and its figure ("全年收到政府信息公开申请数件215" → label, "件",
// "215"). base is "" when nothing is glued.
func splitGlued(c string) (base, unit, digits string) {
	end := len(c)
	if k := gluedFigure(c); k > 0 {
		end, digits = k, c[k:]
	}
	for _, u := range gluedUnits {
		if strings.HasSuffix(c[:end], u) {
			unit = u
			break
		}
	}
	if unit == "" && digits == "" {
		return "", "", ""
	}
	return c[:end-len(unit)], unit, digits
}

// unitInfo caches the label infos of the glued units.
var unitInfo = func() map[string]*labelInfo {
	m := map[string]*labelInfo{}
	for _, u := range gluedUnits {
		m[u] = &labelInfo{c: u, bare: u}
	}
	return m
}()

func cachedUnit(u string) *labelInfo { return unitInfo[u] }

// skipFigure returns the position after the figure that starts text[at:] (digits,
// full-width digits, points, a minus sign), or at.
func skipFigure(text string, at int) int {
	for at < len(text) {
		r, n := utf8.DecodeRuneInString(text[at:])
		if !(r >= '0' && r <= '9' || r >= '０' && r <= '９' || r == '.' || r == '．' || r == '-' || r == '－') {
			break
		}
		at += n
	}
	return at
}

// lineSpans finds where the tokens of one line stand in it, in order: a label with a
// figure or a unit glued to it covers them, and they are placed inside its text.
type lineSpans struct {
	line       int
	text       string
	first      int      // index of the line's first token
	pos        [][2]int // start and end of each token from first on, -1 when not found
	toks       []token
	haveTokens bool
}

// of readies the spans of token k's line and returns the line.
func (sp *lineSpans) of(a *assembler, k int) string {
	t := &a.toks[k]
	if sp.haveTokens && sp.line == t.line {
		return sp.text
	}
	sp.line, sp.toks, sp.haveTokens = t.line, a.toks, true
	sp.text = ""
	if t.line >= 1 && t.line <= len(a.lines) {
		sp.text = a.lines[t.line-1]
	}
	first := k
	for first > 0 && a.toks[first-1].line == t.line {
		first--
	}
	sp.first, sp.pos = first, sp.pos[:0]
	cursor := 0
	for j := first; j < len(a.toks) && a.toks[j].line == t.line; j++ {
		u := &a.toks[j]
		if len(sp.pos) <= j-first {
			sp.pos = append(sp.pos, [2]int{-1, -1})
		}
		switch {
		case sp.pos[j-first][0] >= 0:
			continue // placed with the label before it
		case u.kind == tBlank && u.text == "":
			if i := strings.IndexByte(sp.text[cursor:], '|'); i >= 0 {
				sp.pos[j-first] = [2]int{cursor + i, cursor + i}
				cursor += i + 1
			}
			continue
		case u.glued:
			// glued to a unit before it ("条77"): its digits follow at once
			e := skipFigure(sp.text, cursor)
			sp.pos[j-first] = [2]int{cursor, e}
			cursor = e
			continue
		}
		i := strings.Index(sp.text[cursor:], u.text)
		if i < 0 || u.text == "" {
			continue
		}
		s, e := cursor+i, cursor+i+len(u.text)
		cursor = e
		if u.kind != tLabel || u.inner && u.lab != nil && u.lab == cachedUnit(u.text) {
			sp.pos[j-first] = [2]int{s, e}
			continue
		}
		// Parts glued to the label, from its end: the figure, then the unit before it.
		end := e
		g := j + 1
		var unitAt, figAt = -1, -1
		if g < len(a.toks) && a.toks[g].line == t.line && a.toks[g].inner && a.toks[g].lab != nil && a.toks[g].lab == cachedUnit(a.toks[g].text) {
			unitAt, g = g, g+1
		}
		if g < len(a.toks) && a.toks[g].line == t.line && a.toks[g].glued {
			figAt = g
		}
		if figAt >= 0 {
			fs := end
			for fs > s {
				r, n := utf8.DecodeLastRuneInString(sp.text[s:fs])
				if !(r >= '0' && r <= '9' || r >= '０' && r <= '９' || r == '.' || r == '．') {
					break
				}
				fs -= n
			}
			for len(sp.pos) <= figAt-first {
				sp.pos = append(sp.pos, [2]int{-1, -1})
			}
			sp.pos[figAt-first] = [2]int{fs, end}
			end = fs
		}
		if unitAt >= 0 {
			if ui := strings.LastIndex(sp.text[s:end], a.toks[unitAt].text); ui >= 0 {
				for len(sp.pos) <= unitAt-first {
					sp.pos = append(sp.pos, [2]int{-1, -1})
				}
				sp.pos[unitAt-first] = [2]int{s + ui, s + ui + len(a.toks[unitAt].text)}
				end = s + ui
			}
		}
		sp.pos[j-first] = [2]int{s, end}
	}
	return sp.text
}

// at is where token k stands on the line, -1 when not found.
func (sp *lineSpans) at(k int) (int, int) {
	i := k - sp.first
	if i < 0 || i >= len(sp.pos) {
		return -1, -1
	}
	return sp.pos[i][0], sp.pos[i][1]
}

// prev and next are the tokens before and after k on the line, -1 when none.
func (sp *lineSpans) prev(k int) int {
	if k-1 >= sp.first {
		return k - 1
	}
	return -1
}

func (sp *lineSpans) next(k int) int {
	if k+1 < len(sp.toks) && sp.toks[k+1].line == sp.line {
		return k + 1
	}
	return -1
}

// keysWhere lists, sorted, the rows of cands with an occurrence that keep accepts: the
// sorting (for findings in a fixed order) only for the few a pass looks at.
func keysWhere(cands map[string][]cand, keep func(cand) bool) []string {
	var keys []string
	for k, cs := range cands {
		for _, c := range cs {
			if keep(c) {
				keys = append(keys, k)
				break
			}
		}
	}
	sort.Strings(keys)
	return keys
}

// noteShortRows counts the rows of tables 二 and 三, and table 四's figures, that stand
// on a Markdown row or a line laid out in columns with fewer figures than cells: the
// evidence that the text drops its empty cells.
func (a *assembler) noteShortRows(cands map[string][]cand) {
	n := 0
	for _, cs := range cands {
		for _, c := range cs {
			if c.status == fitPartial && a.laidOut(c) {
				n++
			}
		}
	}
	// Table 四: its data after the last header, when a Markdown or laid-out line holds
	// figures but fewer than fifteen.
	for i := range a.toks {
		t := &a.toks[i]
		if t.kind != tLabel || !t.m().ok || t.m().e.kind != kAppealGroup || t.m().e.row != "reconsideration" {
			continue
		}
		last, figs := -1, 0
		for j := i + 1; j < len(a.toks) && j < i+200; j++ {
			u := &a.toks[j]
			if u.kind == tLabel {
				if u.m().ok && u.m().e.kind != kHeader && u.m().e.kind != kAppealGroup && u.m().e.kind != kAppSpecial || u.long {
					break
				}
				if figs > 0 {
					break
				}
				last = j
				continue
			}
			figs++
		}
		if last >= 0 && figs > 0 && figs < 15 && a.laidOut(cand{from: last, to: last + 1 + figs}) {
			n++
		}
		break
	}
	a.inferred.shortRows = n
}

// startsWithMark reports a text that begins with a blank mark glued to more text.
func startsWithMark(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return strings.ContainsRune(blankMarkRunes, r) && !strings.HasPrefix(s, "无法") && !strings.HasPrefix(s, "无正当")
}
