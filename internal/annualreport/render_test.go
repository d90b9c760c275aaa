package annualreport

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// goldenReport is a report with a distinct figure in every cell, so that a figure under
// the wrong header shows in the golden file.
func goldenReport(f Format, narrative *Narrative) *Report {
	r := NewReport("示例区<卫生健康局>", 2025, f)
	if f == Format2019 {
		r.Year = 2020
	}
	for k, id := range CellIDs(f) {
		r.Cells.Set(id, float64(k+1))
	}
	r.Cells.SetNull(CellIDs(f)[2]) // one blank figure
	FillDerived(r)
	r.Narrative = narrative
	return r
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	p := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the rendering (go test ./internal/annualreport -update rewrites it):\n%s", p, firstDiff(got, string(want)))
	}
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return "line " + itoa(i+1) + ":\n got: " + x + "\nwant: " + y
		}
	}
	return ""
}

func itoa(n int) string { return FormatNumber(float64(n)) }

func TestRenderGolden(t *testing.T) {
	written := &Narrative{
		Overview: "本年度，我局坚持以公开为常态。\n（一）主动公开：<及时>发布政策文件。",
		Problems: "公开深度不够 & 解读形式单一。",
		Other:    "无其他需要报告的事项。",
		FeeYuan:  120.5,
	}
	for _, tt := range []struct {
		name string
		r    *Report
	}{
		{"report_2021", goldenReport(Format2021, written)},
		{"report_2019_unwritten", goldenReport(Format2019, nil)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			golden(t, tt.name+".txt", RenderText(tt.r))
			golden(t, tt.name+".html", RenderHTML(tt.r))
			var js strings.Builder
			enc := json.NewEncoder(&js)
			enc.SetIndent("", "  ")
			enc.SetEscapeHTML(false)
			if err := enc.Encode(tt.r); err != nil {
				t.Fatal(err)
			}
			golden(t, tt.name+".json", js.String())
		})
	}
}

// The saved narrative and the fee are printed in every output; nothing is made up.
func TestNarrativeInEveryOutput(t *testing.T) {
	n := &Narrative{Overview: "总体情况的原文", Problems: "问题与改进的原文", Other: "其他事项的原文", FeeYuan: 300}
	r := goldenReport(Format2021, n)
	js, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string]string{"text": RenderText(r), "html": RenderHTML(r), "json": string(js)} {
		for _, want := range []string{"总体情况的原文", "问题与改进的原文", "其他事项的原文"} {
			if !strings.Contains(out, want) {
				t.Errorf("%s lacks %q", name, want)
			}
		}
		if name != "json" && !strings.Contains(out, "本年度收取信息处理费300元。") {
			t.Errorf("%s lacks the fee", name)
		}
		if strings.Contains(out, "本年度未收取信息处理费") {
			t.Errorf("%s says no fee was collected", name)
		}
	}
	if !strings.Contains(string(js), `"fee_yuan":300`) {
		t.Errorf("json lacks the fee: %s", js)
	}
	var back Report
	if err := json.Unmarshal(js, &back); err != nil || back.Narrative == nil || *back.Narrative != *n {
		t.Errorf("narrative round trip: %+v %v", back.Narrative, err)
	}
	// Nothing saved: the sections say so, and no fee sentence is invented.
	r.Narrative = nil
	for name, out := range map[string]string{"text": RenderText(r), "html": RenderHTML(r)} {
		if strings.Count(out, "（尚未填写）") != 3 || strings.Contains(out, "信息处理费") {
			t.Errorf("%s without a narrative:\n%s", name, out)
		}
	}
}

// TestGridSpans places every cell of every statutory table on a grid, honouring row and
// column spans, and checks that each row is exactly as wide as the table and that no two
// cells overlap.
func TestGridSpans(t *testing.T) {
	for _, f := range []Format{Format2019, Format2021} {
		tables := Grid(NewReport("测试局", 2025, f))
		if len(tables) != 3 {
			t.Fatalf("%s: %d tables, want 3", f, len(tables))
		}
		for _, tb := range tables {
			var taken []map[int]bool // row -> occupied columns
			occupy := func(r, c int) bool {
				for len(taken) <= r {
					taken = append(taken, map[int]bool{})
				}
				if taken[r][c] {
					return false
				}
				taken[r][c] = true
				return true
			}
			for r, row := range tb.Rows {
				col := 0
				for _, c := range row {
					if c.ColSpan < 1 || c.RowSpan < 1 {
						t.Fatalf("%s %s: row %d cell %q has spans %d×%d", f, tb.ID, r, c.Text, c.ColSpan, c.RowSpan)
					}
					for len(taken) > r && taken[r][col] {
						col++
					}
					for dr := 0; dr < c.RowSpan; dr++ {
						for dc := 0; dc < c.ColSpan; dc++ {
							if !occupy(r+dr, col+dc) {
								t.Fatalf("%s %s: row %d cell %q overlaps at column %d", f, tb.ID, r, c.Text, col+dc)
							}
						}
					}
					col += c.ColSpan
				}
			}
			if len(taken) != len(tb.Rows) {
				t.Errorf("%s %s: row spans reach past the last row", f, tb.ID)
			}
			width := len(taken[0])
			if tb.ID == TableApplications && width != 10 || tb.ID == TableAppeals && width != 15 {
				t.Errorf("%s %s: table is %d columns wide", f, tb.ID, width)
			}
			for r, cols := range taken {
				if len(cols) != width {
					t.Errorf("%s %s: row %d covers %d columns, want %d", f, tb.ID, r, len(cols), width)
				}
			}
		}
	}
}

// Each figure of table 三 sits under its applicant column: the column a figure lands in,
// once the spans are honoured, is the column of its header.
func TestFiguresUnderTheirHeaders(t *testing.T) {
	for _, f := range []Format{Format2019, Format2021} {
		for _, tb := range Grid(goldenReport(f, nil)) {
			if tb.ID != TableApplications {
				continue
			}
			// Place the cells; remember the text at each (row, column).
			at := map[[2]int]GridCell{}
			for r, row := range tb.Rows {
				col := 0
				for _, c := range row {
					for {
						if _, ok := at[[2]int{r, col}]; !ok {
							break
						}
						col++
					}
					for dr := 0; dr < c.RowSpan; dr++ {
						for dc := 0; dc < c.ColSpan; dc++ {
							at[[2]int{r + dr, col + dc}] = c
						}
					}
					col += c.ColSpan
				}
			}
			header := func(col int) string {
				if h := at[[2]int{2, col}]; h.Text != "" && h.ColSpan == 1 {
					return h.Text
				}
				return at[[2]int{1, col}].Text
			}
			for r := 3; r < len(tb.Rows); r++ {
				for col := 0; col < 10; col++ {
					c := at[[2]int{r, col}]
					if !c.Value {
						continue
					}
					_, _, column, _ := SplitCell(c.Cell)
					if want := applicationColumns[column]; header(col) != want {
						t.Errorf("%s: %s sits under %q, want %q", f, c.Cell, header(col), want)
					}
				}
			}
		}
	}
}

func TestTitleLines(t *testing.T) {
	for _, tt := range []struct {
		agency string
		want   []string
	}{
		{"某局", []string{"某局2025年政府信息公开工作年度报告"}},
		{"清河区卫生健康局", []string{"清河区卫生健康局", "2025年政府信息公开工作年度报告"}},
		{"", []string{"2025年政府信息公开工作年度报告"}},
	} {
		r := NewReport(tt.agency, 2025, Format2021)
		if got := TitleLines(r); strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%q: %q", tt.agency, got)
		}
	}
}
