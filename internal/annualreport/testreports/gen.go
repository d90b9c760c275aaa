// Package testreports makes synthetic annual reports for tests and benchmarks: random figures
// that satisfy every consistency rule, rendered in the layouts published reports come
// in (cells on their own lines, '|' debris, tab-indented cells, one row per line,
// Markdown, HTML and Word-exported HTML) with the damage real pages show (full-width
// digits, thousands commas, blank marks, chrome, CRLF, BOM, GBK, traditional
// characters with pinyin, repeated headers, a 备注 column, dropped cells, merged lines).
package testreports

import (
	"math"
	"math/rand/v2"

	ar "gongkai/internal/annualreport"
)

var places = []string{"榆阳区", "船山区", "赣榆区", "云冈区", "海淀区", "浦东新区", "武侯区", "天河区", "萧山区", "南明区", "长安区", "鼓楼区"}
var departments = []string{"卫生健康委员会", "医疗保障局", "民政局", "教育局", "住房和城乡建设局", "人民政府办公室", "市场监督管理局", "自然资源局", "司法局", "财政局", "交通运输局", "文化和旅游局"}

// Agency returns a random agency name.
func Agency(rng *rand.Rand) string {
	return places[rng.IntN(len(places))] + departments[rng.IntN(len(departments))]
}

// small returns a count that is usually 0 and sometimes large.
func small(rng *rand.Rand) float64 {
	switch rng.IntN(10) {
	case 0, 1, 2, 3:
		return 0
	case 9:
		return float64(rng.IntN(5000))
	}
	return float64(rng.IntN(30))
}

// Random returns a report of format f (2019 or 2021) whose figures satisfy every
// consistency rule. blankRate is the share of figure cells left blank (0 for none);
// a blank cell never takes part in a sum, so a blank report stays consistent.
func Random(rng *rand.Rand, f ar.Format, blankRate float64) *ar.Report {
	return random(rng, f, blankRate, small)
}

// random is Random with the counts of tables 二 and 三 drawn by count.
func random(rng *rand.Rand, f ar.Format, blankRate float64, count func(*rand.Rand) float64) *ar.Report {
	year := 2021 + rng.IntN(5)
	if f == ar.Format2019 {
		year = 2019 + rng.IntN(2)
	}
	r := ar.NewReport(Agency(rng), year, f)
	c := r.Cells
	// Table 二.
	tables := ar.Tables(f)
	for _, row := range tables[0].Rows {
		for _, col := range row.Columns {
			id := ar.Cell(tables[0].ID, row.ID, col)
			switch {
			case ar.IsAmount(id):
				c.Set(id, math.Round(rng.Float64()*rng.Float64()*5000*100)/100)
			case ar.MayBeNegative(id):
				c.Set(id, float64(rng.IntN(21)-10))
			default:
				c.Set(id, count(rng))
			}
		}
	}
	// Table 三: outcomes per column, then the totals that make every rule hold.
	outcomes := ar.OutcomeRows(f)
	rowTotals := map[string]float64{}
	for _, col := range ar.ApplicationColumns[:6] {
		var total float64
		for _, row := range outcomes {
			v := count(rng)
			if rng.IntN(3) > 0 {
				v = 0
			}
			c.Set(cellA(row, col), v)
			total += v
			rowTotals[row] += v
		}
		out := float64(rng.IntN(4))
		in := float64(rng.IntN(int(total+out) + 1))
		if in > 5 {
			in = float64(rng.IntN(6))
		}
		c.Set(cellA("total", col), total)
		c.Set(cellA("carried_out", col), out)
		c.Set(cellA("carried_in", col), in)
		c.Set(cellA("new", col), total+out-in)
		for _, row := range []string{"total", "carried_out", "carried_in", "new"} {
			v, _ := c.Get(cellA(row, col))
			rowTotals[row] += v
		}
	}
	for row, t := range rowTotals {
		c.Set(cellA(row, "total"), t)
	}
	// Table 四.
	for _, g := range ar.AppealGroups {
		var t float64
		for _, col := range ar.AppealColumns[:4] {
			v := float64(rng.IntN(3))
			if rng.IntN(2) == 0 {
				v = 0
			}
			c.Set(ar.Cell(ar.TableAppeals, g, col), v)
			t += v
		}
		c.Set(ar.Cell(ar.TableAppeals, g, "total"), t)
	}
	if blankRate > 0 {
		for _, id := range ar.CellIDs(f) {
			if rng.Float64() < blankRate {
				c.SetNull(id)
			}
		}
	}
	ar.FillDerived(r)
	return r
}

func cellA(row, col string) string { return ar.Cell(ar.TableApplications, row, col) }
