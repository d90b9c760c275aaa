package annualreport

import (
	"bytes"
	"encoding/json"
	"maps"
	"math"
	"sort"
	"strconv"
)

// Cells maps a cell id to its figure; a nil value is a blank or unreadable cell.
type Cells map[string]*float64

// Num returns a pointer to v, for building Cells.
func Num(v float64) *float64 { return &v }

// Get returns the figure of cell id and whether it is present and not blank.
func (c Cells) Get(id string) (float64, bool) {
	v, ok := c[id]
	if !ok || v == nil {
		return 0, false
	}
	return *v, true
}

// Set stores v in cell id.
func (c Cells) Set(id string, v float64) { c[id] = &v }

// SetNull marks cell id as blank.
func (c Cells) SetNull(id string) { c[id] = nil }

// Sorted returns the ids of c in statutory order for format f, then any others sorted.
func (c Cells) Sorted(f Format) []string {
	seen := make(map[string]bool, len(c))
	var ids []string
	for _, id := range append(CellIDs(f), DerivedCells(f)...) {
		if _, ok := c[id]; ok && !seen[id] {
			ids = append(ids, id)
			seen[id] = true
		}
	}
	var rest []string
	for id := range c {
		if !seen[id] {
			rest = append(rest, id)
		}
	}
	sort.Strings(rest)
	return append(ids, rest...)
}

// Rule names of findings.
const (
	RuleBlankCell          = "blank_cell"
	RuleColumnBalance      = "table3_column_balance" // 一 + 二 = （七）总计 + 四, every column
	RuleTotalRows          = "table3_total_rows"     // （七）总计 = sum of the outcome rows
	RuleTotalColumn        = "table3_total_column"   // 总计 = 自然人 + the five 法人或其他组织 columns
	RuleAppealGroupTotal   = "table4_group_total"    // 总计 = 维持 + 纠正 + 其他 + 尚未审结
	RuleNonNegativeInteger = "non_negative_integer"
	RuleCrossYearCarryOver = "cross_year_carry_over"
	RuleCrossYearInForce   = "cross_year_in_force"
	RuleCrossYearPrevItems = "cross_year_prev_items"
	RuleCrossYearAgency    = "cross_year_mismatch"
	RuleNarrativeOnly      = "narrative_only"
	RuleUnreadable         = "unreadable"
	RuleAmbiguous          = "ambiguous"
	RuleMissingTable       = "missing_table"
	RuleMissingRow         = "missing_row"
)

// Finding is one problem found in a report. Rule is an English snake_case name,
// Message is Chinese. For equations, Left and Right are the two sides and Cells the
// cells on both sides; Cell is the cell the finding is reported on.
type Finding struct {
	Rule    string   `json:"rule"`
	Cell    string   `json:"cell,omitempty"`
	Message string   `json:"message"`
	Cells   []string `json:"cells,omitempty"`
	Left    *float64 `json:"left,omitempty"`
	Right   *float64 `json:"right,omitempty"`
}

// Report is one annual report: read from a published page or computed from records.
type Report struct {
	File     string   `json:"file,omitempty"`
	Agency   string   `json:"agency"`
	Year     int      `json:"year"`
	Format   Format   `json:"format"`
	Sections []string `json:"sections,omitempty"` // "一" … "六", those present
	// Narrative is what the agency wrote for sections 一, 五 and 六 of its own report; nil
	// for a report read from a published page, or when nothing was saved yet.
	Narrative *Narrative `json:"narrative,omitempty"`
	Cells     Cells      `json:"cells"`
	Findings  []Finding  `json:"findings"`
}

// NewReport returns a report of format f with every cell of the format present and blank.
func NewReport(agency string, year int, f Format) *Report {
	if t := blankCells[f]; t != nil {
		// Cloning a map copies its tables; filling one inserts key by key.
		return &Report{Agency: agency, Year: year, Format: f, Cells: maps.Clone(t)}
	}
	return &Report{Agency: agency, Year: year, Format: f, Cells: Cells{}}
}

// blankCells holds, per format, every cell blank, with room for the derived cells.
var blankCells = func() map[Format]Cells {
	m := map[Format]Cells{}
	for _, f := range []Format{Format2021, Format2019, FormatLegacy} {
		c := make(Cells, len(CellIDs(f))+len(DerivedCells(f)))
		for _, id := range CellIDs(f) {
			c.SetNull(id)
		}
		m[f] = c
	}
	return m
}()

// FillDerived computes the derived cells of r's format (2021: applications.other.*)
// from the rows they sum; a derived cell is blank when any part is blank.
func FillDerived(r *Report) {
	if r.Format != Format2021 {
		return
	}
	for _, c := range ApplicationColumns {
		sum, ok := sumCells(r.Cells, []string{
			Cell(TableApplications, "other.no_correction", c),
			Cell(TableApplications, "other.fee_unpaid", c),
			Cell(TableApplications, "other.other", c),
		})
		if ok {
			r.Cells.Set(Cell(TableApplications, "other", c), sum)
		} else {
			r.Cells.SetNull(Cell(TableApplications, "other", c))
		}
	}
}

func sumCells(c Cells, ids []string) (float64, bool) {
	var s float64
	for _, id := range ids {
		v, ok := c.Get(id)
		if !ok {
			return 0, false
		}
		s += v
	}
	return s, true
}

// FormatNumber prints a figure the way reports print it: integers without a decimal point.
func FormatNumber(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// MarshalJSON writes the report with its cells in statutory order (then any others).
func (r *Report) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(`{"file":`)
	writeJSONString(&b, r.File)
	b.WriteString(`,"agency":`)
	writeJSONString(&b, r.Agency)
	b.WriteString(`,"year":`)
	b.WriteString(strconv.Itoa(r.Year))
	b.WriteString(`,"format":`)
	writeJSONString(&b, string(r.Format))
	b.WriteString(`,"sections":`)
	secs := r.Sections
	if secs == nil {
		secs = []string{}
	}
	sb, err := json.Marshal(secs)
	if err != nil {
		return nil, err
	}
	b.Write(sb)
	if r.Narrative != nil {
		b.WriteString(`,"narrative":`)
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(r.Narrative); err != nil {
			return nil, err
		}
		b.Truncate(b.Len() - 1) // Encode's newline
	}
	b.WriteString(`,"cells":{`)
	for i, id := range r.Cells.Sorted(r.Format) {
		if i > 0 {
			b.WriteByte(',')
		}
		writeJSONString(&b, id)
		b.WriteByte(':')
		if v := r.Cells[id]; v == nil || math.IsNaN(*v) || math.IsInf(*v, 0) {
			b.WriteString("null")
		} else {
			b.WriteString(FormatNumber(*v))
		}
	}
	b.WriteString(`},"findings":`)
	fs := r.Findings
	if fs == nil {
		fs = []Finding{}
	}
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(fs); err != nil {
		return nil, err
	}
	b.Truncate(b.Len() - 1) // Encode's newline
	b.WriteByte('}')
	return b.Bytes(), nil
}

// UnmarshalJSON reads what MarshalJSON writes.
func (r *Report) UnmarshalJSON(data []byte) error {
	type plain Report
	var p plain
	if err := json.Unmarshal(data, &p); err != nil {
		return err
	}
	*r = Report(p)
	if r.Cells == nil {
		r.Cells = Cells{}
	}
	return nil
}

func writeJSONString(b *bytes.Buffer, s string) {
	var tmp bytes.Buffer
	enc := json.NewEncoder(&tmp)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	b.Write(bytes.TrimRight(tmp.Bytes(), "\n"))
}
