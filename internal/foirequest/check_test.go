package foirequest

import "fmt"

// checkTable3 verifies rules 1–3 of the consistency rules (DOMAIN.md §4) on 2021-format
// cells and returns one Chinese message per failure, naming the cell.
func checkTable3(cells map[string]int) []string {
	var out []string
	for _, c := range Table3Columns {
		sum := 0
		for _, r := range Table3OutcomeRows {
			sum += cells[Cell(r, c)]
		}
		if t := cells[Cell("total", c)]; t != sum {
			out = append(out, fmt.Sprintf("%s：三（七）总计为%d，各项办理结果之和为%d", Cell("total", c), t, sum))
		}
		if l, r := cells[Cell("new", c)]+cells[Cell("carried_in", c)], cells[Cell("total", c)]+cells[Cell("carried_out", c)]; l != r {
			out = append(out, fmt.Sprintf("%s：一+二=%d，三（七）+四=%d，不相等", Cell("carried_out", c), l, r))
		}
	}
	for _, r := range append([]string{"new", "carried_in", "total", "carried_out"}, Table3OutcomeRows...) {
		sum := 0
		for _, c := range Table3Columns[:6] {
			sum += cells[Cell(r, c)]
		}
		if t := cells[Cell(r, "total")]; t != sum {
			out = append(out, fmt.Sprintf("%s：总计为%d，各类申请人之和为%d", Cell(r, "total"), t, sum))
		}
	}
	return out
}
