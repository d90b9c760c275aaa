package reader

import (
	"math"
	"strings"

	ar "gongkai/internal/annualreport"
)

// A second reading of a PDF whose tables have no ruling lines: its text laid out in
// columns (layoutText), read by the text reader in its strict mode (headers cut over
// lines joined where they stand, labels printed around their figures put back; the
// columns' order only from headers read or seen standing in order, never assumed from
// the national form), places figures where the reading by position gave up.
// A table 三 or 四 that the first reading left wholly unread is taken from the second
// only where every row read is whole and sums to its 总计, and the table's own
// arithmetic ties its columns: 一 + 二 = （七）总计 + 四 for every column (all four rows
// read), and, when every result row is read, the result rows sum to （七）总计. Table 二
// (no sums) is never taken from it.

// secondReading fills rep's unread tables 三 and 四 from the layout text of pages.
func secondReading(rep *ar.Report, name string, pages []pdfPage) {
	if rep.Format != ar.Format2019 && rep.Format != ar.Format2021 {
		return
	}
	var alt *ar.Report
	for _, tbl := range []struct {
		prefix string
		holds  func(*ar.Report) bool
		label  string
	}{
		{ar.TableApplications + ".", applicationsHold, "三、收到和处理政府信息公开申请情况"},
		{ar.TableAppeals + ".", appealsHold, "四、政府信息公开行政复议、行政诉讼情况"},
	} {
		ids := append(append([]string(nil), ar.CellIDs(rep.Format)...), ar.DerivedCells(rep.Format)...)
		read := false
		for _, id := range ids {
			if _, ok := rep.Cells.Get(id); ok && strings.HasPrefix(id, tbl.prefix) {
				read = true
				break
			}
		}
		if read {
			continue // the reading by position stands
		}
		if alt == nil {
			alt = readText(name, layoutText(pages), true)
			if alt.Format != rep.Format {
				return
			}
		}
		if !tbl.holds(alt) {
			continue
		}
		n := 0
		for _, id := range ids {
			if !strings.HasPrefix(id, tbl.prefix) {
				continue
			}
			if v, ok := alt.Cells.Get(id); ok {
				rep.Cells.Set(id, v)
				n++
				if how := alt.How[id]; how != "" {
					if rep.How == nil {
						rep.How = map[string]string{}
					}
					rep.How[id] = how
				}
			}
		}
		if n == 0 {
			continue
		}
		kept := rep.Findings[:0]
		for _, f := range rep.Findings {
			if !strings.HasPrefix(f.Cell, tbl.prefix) && !anyPrefix(f.Cells, tbl.prefix) {
				kept = append(kept, f)
			}
		}
		rep.Findings = kept
		for _, f := range alt.Findings {
			if strings.HasPrefix(f.Cell, tbl.prefix) || anyPrefix(f.Cells, tbl.prefix) {
				rep.Findings = append(rep.Findings, f)
			}
		}
		rep.Findings = append(rep.Findings, ar.Finding{Rule: ar.RuleInferred,
			Message: tbl.label + "表无框线：按版面文字重新读取，所读各行总计与各列之和相符、表内勾稽关系成立，其余各行未读取"})
	}
}

// applicationsHold reports a table 三 read in part whose rows read are whole and sum to
// their 总计, with rows 一, 二, （七）总计 and 四 read and balancing in every column, and the
// result rows summing to （七）总计 when all of them are read.
func applicationsHold(r *ar.Report) bool {
	var rows []string
	for _, t := range ar.Tables(r.Format) {
		if t.ID == ar.TableApplications {
			for _, row := range t.Rows {
				rows = append(rows, row.ID)
			}
		}
	}
	cols := ar.ApplicationColumns
	get := func(row, col string) (float64, bool) { return r.Cells.Get(ar.Cell(ar.TableApplications, row, col)) }
	whole := map[string]bool{}
	for _, row := range rows {
		n, sum := 0, 0.0
		for k, col := range cols {
			if v, ok := get(row, col); ok {
				n++
				if k < 6 {
					sum += v
				}
			}
		}
		switch {
		case n == 0:
			continue
		case n < len(cols):
			return false // a row read in part: its sum cannot be checked
		}
		total, _ := get(row, "total")
		if math.Abs(sum-total) > 1e-6 {
			return false
		}
		whole[row] = true
	}
	for _, row := range []string{"new", "carried_in", "total", "carried_out"} {
		if !whole[row] {
			return false
		}
	}
	allResults := true
	for _, row := range rows {
		switch row {
		case "new", "carried_in", "total", "carried_out":
		default:
			allResults = allResults && whole[row]
		}
	}
	for _, col := range cols {
		a, _ := get("new", col)
		b, _ := get("carried_in", col)
		c, _ := get("total", col)
		d, _ := get("carried_out", col)
		if math.Abs(a+b-c-d) > 1e-6 {
			return false
		}
		if allResults {
			sum := 0.0
			for _, row := range rows {
				switch row {
				case "new", "carried_in", "total", "carried_out":
				default:
					v, _ := get(row, col)
					sum += v
				}
			}
			if math.Abs(sum-c) > 1e-6 {
				return false
			}
		}
	}
	return true
}

// appealsHold reports a table 四 read whole whose groups sum to their 总计.
func appealsHold(r *ar.Report) bool {
	var vals []cellVal
	for _, g := range ar.AppealGroups {
		for _, col := range ar.AppealColumns {
			v, ok := r.Cells.Get(ar.Cell(ar.TableAppeals, g, col))
			if !ok {
				return false
			}
			vals = append(vals, cellVal{v: v})
		}
	}
	return appealSumsHold(vals)
}
