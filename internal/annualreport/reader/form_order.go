package reader

import (
	"fmt"
	"strings"

	ar "gongkai/internal/annualreport"
)

// Column order from the national form. A converter that lays a PDF's text out in
// columns (pdftotext -layout) cuts table 三's header words into pieces stacked over
// several lines and prints a header cell centred over two lines where it falls (自然人
// below 法人或其他组织), so the headers it recognises come out of order and the order they
// give cannot be trusted.
// The report is in a national format, whose column order is fixed: a row of exactly
// seven figures is read in that order when its 总计 is the sum of its other six — a
// row whose figures were printed in another order rarely passes — and a finding says
// so. A row that does not pass, or holds a blank (no sum to check), is not read.

// formOrder reads, in a table 三 laid out in columns whose header order could not be
// told, the rows of seven figures whose own sum holds, in the national form's order.
// In other texts (cells between pipes, a cell per line) headers read out of order are
// the table's own order, and the table is not read.
func (a *assembler) formOrder(cands map[string][]cand) {
	if a.single6 != nil || a.sub6 != nil {
		return
	}
	laid, rows := 0, 0
	for key, cs := range cands {
		if !strings.HasPrefix(key, ar.TableApplications+".") {
			continue
		}
		for _, c := range cs {
			if c.status == fitPartial {
				rows++
				if a.spacedColumns(c) {
					laid++
				}
			}
		}
	}
	if rows == 0 || laid*2 <= rows {
		return
	}
	a.inferred.formOrder = true
	for _, key := range sortedKeys(cands) {
		if !strings.HasPrefix(key, ar.TableApplications+".") {
			continue
		}
		cs := cands[key]
		for k := range cs {
			c := &cs[k]
			if c.status != fitPartial {
				continue
			}
			vals, _ := a.collect(c.from)
			got, st := fitRemarks(vals, len(ar.ApplicationColumns), c.remarks)
			if st != fitOK || !sumHolds(got[:6], got[6]) {
				continue
			}
			c.vals, c.status = got, fitOK
			for _, id := range ar.RowCells(a.f, key) {
				a.markHow(id, howFormOrder)
			}
			a.inferred.formRows++
		}
	}
}

// unknownOrder reports a table 三 whose header order could not be told: the rows read
// in the national form's order, and those left unread.
func (a *assembler) unknownOrder(cands map[string][]cand) {
	var unread []string
	for _, key := range sortedKeys(cands) {
		if !strings.HasPrefix(key, ar.TableApplications+".") {
			continue
		}
		cs := cands[key]
		for k := range cs {
			c := &cs[k]
			if c.status == fitPartial || c.status == fitOverfull {
				a.consume(c.from, c.to)
				c.vals, c.status = nil, fitRefused
				unread = append(unread, ar.RowCells(a.f, key)...)
			}
		}
	}
	if a.inferred.formRows == 0 {
		a.rep.Findings = append(a.rep.Findings, ar.Finding{Rule: ar.RuleUnreadable, Cell: ar.Cell(ar.TableApplications, "new", "natural_person"), Cells: a.tableCells(ar.TableApplications),
			Message: "三、收到和处理政府信息公开申请情况表的列标题顺序无法确定，未读取该表数字"})
		return
	}
	a.rep.Findings = append(a.rep.Findings, ar.Finding{Rule: ar.RuleInferred,
		Message: fmt.Sprintf("三、收到和处理政府信息公开申请情况表的列标题无法识别，已按法定格式的列顺序读取总计等于各列之和的%d行", a.inferred.formRows)})
	if len(unread) > 0 {
		a.rep.Findings = append(a.rep.Findings, ar.Finding{Rule: ar.RuleUnreadable, Cell: unread[0], Cells: unread,
			Message: "三、收到和处理政府信息公开申请情况表的列标题无法识别，其余各行无法按总计核对列顺序，未读取"})
	}
}

// appealFormOrder reads table 四's fifteen figures, printed in order, in the national
// form's order when its headers could not be told apart but the text is laid out in
// columns and each group's 总计 is the sum of its four results.
func (a *assembler) appealFormOrder(from, to int, vals []cellVal) ([]cellVal, bool) {
	if !a.spacedColumns(cand{from: from, to: to}) || !appealSumsHold(vals) {
		return nil, false
	}
	for _, id := range appealIDs {
		a.markHow(id, howFormOrder)
	}
	a.rep.Findings = append(a.rep.Findings, ar.Finding{Rule: ar.RuleInferred,
		Message: "四、政府信息公开行政复议、行政诉讼情况表的列标题无法识别，已按法定格式的列顺序读取（各项总计与其分项之和相符）"})
	return vals, true
}
