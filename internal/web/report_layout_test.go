package web

import (
	"testing"

	"gongkai/internal/annualreport"
)

// TestReportLayout places every cell of every statutory table on a grid,
// honouring row and column spans, and checks that each row is exactly as wide
// as the table and that no two cells overlap.
func TestReportLayout(t *testing.T) {
	for _, f := range []annualreport.Format{annualreport.Format2019, annualreport.Format2021} {
		tables := reportLayout(annualreport.Grid(annualreport.NewReport("测试局", 2025, f)))
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
			if tb.ID == annualreport.TableApplications && width != 10 || tb.ID == annualreport.TableAppeals && width != 15 {
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

func TestTopLevel(t *testing.T) {
	for s, want := range map[string]bool{"一、本年新收": true, "四、结转下年度继续办理": true, "（七）总计": false, "1.属于国家秘密": false, "十二、其他": true, "行政许可": false} {
		if got := topLevel(s); got != want {
			t.Errorf("topLevel(%q) = %v", s, got)
		}
	}
}

func TestFormatLabel(t *testing.T) {
	for in, want := range map[any]string{
		annualreport.Format2021:      "2021年版",
		"2019":                       "2019年版",
		annualreport.FormatNarrative: "仅文字",
		"unknown":                    "unknown",
	} {
		if got := formatLabel(in); got != want {
			t.Errorf("formatLabel(%v) = %q, want %q", in, got, want)
		}
	}
}
