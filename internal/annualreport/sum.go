package annualreport

// Sum adds up several reports of one format cell by cell, as the government-level report
// sums its agencies' (name is the government's). A cell is blank when it is blank in any
// part, so that a gap is never hidden by the sum; with no parts every cell is blank.
func Sum(name string, year int, f Format, parts []*Report) *Report {
	out := NewReport(name, year, f)
	for id := range out.Cells {
		var sum float64
		ok := len(parts) > 0
		for _, p := range parts {
			v := p.Cells[id]
			if v == nil {
				ok = false
				break
			}
			sum += *v
		}
		if ok {
			out.Cells[id] = Num(sum)
		}
	}
	FillDerived(out)
	out.Sections = []string{"一", "二", "三", "四", "五", "六"}
	out.Findings = Check(out)
	return out
}
