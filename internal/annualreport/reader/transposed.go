package reader

import (
	"fmt"
	"strings"

	ar "gongkai/internal/annualreport"
)

// Transposed tables: some reports turn table 三 or the first block of table 二 on its
// side — one line per column (自然人 0 1 0 …; 本年制发件数 0 2), the row labels across
// the top. They are read only when the table gave no figure the normal way, only when a
// column label is followed by exactly as many figures as the table has rows, and the
// rows are taken in statutory order; the consistency rules then check the result.

var transposedAppColumns = map[string]string{
	"自然人": "natural_person", "商业企业": "business", "科研机构": "research", "社会公益组织": "public_interest",
	"法律服务机构": "legal_service", "其他": "other_org", "总计": "total", "合计": "total",
}

// hasFigures reports whether any cell whose id starts with prefix has a figure.
func (a *assembler) hasFigures(prefix string) bool {
	for _, id := range ar.CellIDs(a.f) {
		if strings.HasPrefix(id, prefix) {
			if _, ok := a.rep.Cells.Get(id); ok {
				return true
			}
		}
	}
	return false
}

func (a *assembler) transposed() {
	if !a.hasFigures(ar.TableApplications + ".") {
		a.transposedApplications()
	}
	active := ar.TableActive2021
	cols := []string{"本年制发件数", "本年废止件数", "现行有效件数"}
	if a.f == ar.Format2019 {
		active = ar.TableActive2019
		cols = []string{"本年新制作数量", "本年新公开数量", "对外公开总数量"}
	}
	if !a.hasFigures(active+".regulations.") && !a.hasFigures(active+".normative_docs.") {
		a.transposedActive(active, cols)
	}
}

func (a *assembler) transposedApplications() {
	var rows []string
	for _, t := range ar.Tables(a.f) {
		if t.ID == ar.TableApplications {
			for _, r := range t.Rows {
				rows = append(rows, r.ID)
			}
		}
	}
	got := map[string][]cellVal{}
	header := map[string]bool{} // row labels seen across the top
	first := -1
	for i := range a.toks {
		t := &a.toks[i]
		if t.kind != tLabel || !t.m().ok {
			continue
		}
		bare := t.bare()
		col, ok := transposedAppColumns[bare]
		if !ok || t.m().num != "" { // column lines carry no item number; "3.其他" is a row
			if first < 0 {
				if key := transposedRowKey(a.f, t); key != "" {
					header[key] = true
				}
			}
			continue
		}
		if first < 0 {
			// Every statutory row must be named across the top, or the figures cannot
			// be placed.
			if len(header) != len(rows) {
				return
			}
			first = i
		}
		vals, end := a.collect(i)
		if v, st := fit(vals, len(rows)); st == fitOK {
			if prev, dup := got[col]; dup && !sameVals(prev, v) {
				a.rep.Findings = append(a.rep.Findings, ar.Finding{Rule: ar.RuleAmbiguous, Cell: ar.Cell(ar.TableApplications, rows[0], col),
					Message: fmt.Sprintf("三、收到和处理政府信息公开申请情况（横排）“%s”列出现多次且数字不一致，无法确定", t.text)})
				got[col] = nil
				continue
			}
			got[col] = v
			a.consume(i, end)
		}
	}
	if len(got) == 0 {
		return
	}
	trial := &ar.Report{Format: a.f, Cells: make(ar.Cells, len(rows)*len(got))}
	for col, vals := range got {
		for k, v := range vals {
			if !v.blank {
				trial.Cells.Set(ar.Cell(ar.TableApplications, rows[k], col), v.v)
			}
		}
	}
	// A sideways table is not the statutory layout: its figures are kept only when the
	// sums of table 三 hold.
	for _, f := range ar.Check(trial) {
		if strings.HasPrefix(f.Rule, "table3_") {
			a.rep.Findings = append(a.rep.Findings, ar.Finding{Rule: ar.RuleUnreadable, Cell: ar.Cell(ar.TableApplications, rows[0], "natural_person"),
				Message: "三、收到和处理政府信息公开申请情况为横排表格，按法定顺序读出的数字不符合勾稽关系，未采用"})
			return
		}
	}
	for id, v := range trial.Cells {
		if v != nil {
			a.set(id, *v)
		}
	}
}

// transposedRowKey names the table 三 row a label across the top of a sideways table stands for.
func transposedRowKey(f ar.Format, t *token) string {
	switch t.m().e.kind {
	case kAppRow:
		return t.m().e.row
	case kAppSpecial:
		switch {
		case t.m().e.row == "其他处理" && f == ar.Format2019:
			return "other"
		case t.m().e.row == "其他" && t.m().num == "3." && f == ar.Format2021:
			return "other.other"
		case t.m().e.row == "总计" && t.m().num == "(七)":
			return "total"
		}
	}
	return ""
}

func (a *assembler) transposedActive(table string, cols []string) {
	// The order of 规章 and 规范性文件 across the top decides which figure is which.
	regAt, normAt := -1, -1
	for i := range a.toks {
		t := &a.toks[i]
		if t.kind == tLabel && t.m().ok && t.m().e.kind == kActiveRow {
			switch t.m().e.row {
			case "regulations":
				if regAt < 0 {
					regAt = i
				}
			case "normative_docs":
				if normAt < 0 {
					normAt = i
				}
			}
		}
	}
	if regAt < 0 || normAt < 0 {
		return
	}
	rows := []string{"regulations", "normative_docs"}
	if normAt < regAt {
		rows = []string{"normative_docs", "regulations"}
	}
	colIDs := ar.RowColumns(a.f, table+".regulations")
	// A column label of a sideways table follows both row labels across its top. One
	// before them heads a table printed the usual way whose rows were left unread (digits
	// wrapped in narrow cells: "2  2" under 现行有效件数 are parts of figures, not its
	// two rows).
	for i := max(regAt, normAt) + 1; i < len(a.toks); i++ {
		t := &a.toks[i]
		if t.kind != tLabel || !t.m().ok || t.m().e.kind != kHeader {
			continue
		}
		bare := t.bare()
		for k, c := range cols {
			if bare != c {
				continue
			}
			vals, end := a.collect(i)
			if v, st := fit(vals, 2); st == fitOK {
				a.consume(i, end)
				for r, cv := range v {
					if !cv.blank {
						a.set(ar.Cell(table, rows[r], colIDs[k]), cv.v)
					}
				}
			}
		}
	}
}
