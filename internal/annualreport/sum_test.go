package annualreport

import "testing"

func TestSum(t *testing.T) {
	rule := Note{Table: TableAppeals, Text: "注：计数规则。"}
	part := func(v float64, notes ...Note) *Report {
		r := NewReport("某局", 2025, Format2021)
		for _, id := range CellIDs(Format2021) {
			r.Cells.Set(id, v)
		}
		FillDerived(r)
		r.Notes = notes
		return r
	}
	a, b := part(1, rule), part(2, rule)
	b.Cells.SetNull("active_2021.licensing.decisions")
	s := Sum("某区人民政府", 2025, Format2021, []*Report{a, b})
	if v, _ := s.Cells.Get("appeals.reconsideration.total"); v != 3 {
		t.Errorf("sum = %v", v)
	}
	if _, ok := s.Cells.Get("active_2021.licensing.decisions"); ok {
		t.Error("a cell blank in one part is not blank in the sum")
	}
	if s.NoteOf(TableAppeals) != rule.Text {
		t.Errorf("the note every part prints is missing: %+v", s.Notes)
	}
	if s = Sum("某区人民政府", 2025, Format2021, []*Report{a, part(2)}); len(s.Notes) != 0 {
		t.Errorf("a note one part lacks: %+v", s.Notes)
	}
	if s = Sum("某区人民政府", 2025, Format2021, nil); len(s.Notes) != 0 {
		t.Errorf("notes without parts: %+v", s.Notes)
	}
}
