package testreports

import (
	"math/rand/v2"
	"strconv"
	"strings"

	ar "gongkai/internal/annualreport"
)

// The pre-2019 statistics table (政府信息公开工作统计表, seed 001's shape), flattened the
// way site text exports print it: each row's label, unit, this year's figure and the
// running total (累计) on one line, the figures run together or spaced.

// legacyRows are the rows of the 2008-era table the generator prints, in order, with
// their units; a row with two units prints a line per unit.
var legacyRows = []struct {
	id, label string
	units     []string // printed units, one per column of the row
}{
	{"active_website", "1.政府（部门）网站公开（不含政府信息公开网站）", []string{"条"}},
	{"press_conference", "2.新闻发布会", []string{"场", "条"}},
	{"gazette", "3.政府公报", []string{"期", "条"}},
	{"active_other", "4.其他便于公众知晓的方式", []string{"条"}},
	{"reading_points", "设立公开查阅点数", []string{"个"}},
	{"reading_visits", "公开查阅点查阅数", []string{"人次"}},
	{"applications", "全年收到政府信息公开申请数", []string{"件"}},
	{"applications_in_person", "其中：1.现场书面申请数", []string{"件"}},
	{"applications_email", "2.电子邮件形式申请数", []string{"件"}},
	{"applications_fax", "3.传真形式申请数", []string{"件"}},
	{"applications_mail", "4.信函邮寄形式申请数", []string{"件"}},
	{"applications_other", "5.其他形式申请数", []string{"件"}},
	{"replies_granted", "其中：1.同意公开数", []string{"件"}},
	{"replies_partial", "2.同意部分公开数", []string{"件"}},
	{"replies_withheld", "8.不予公开总数", []string{"件"}},
	{"withheld_state_secret", "其中：（1）“国家秘密”数", []string{"件"}},
	{"withheld_trade_secret", "（2）“商业秘密”数", []string{"件"}},
	{"withheld_privacy", "（3）“个人隐私”数", []string{"件"}},
	{"withheld_process", "（4）“过程中信息且影响安全稳定”数", []string{"件"}},
	{"withheld_safety", "（5）“危及安全和稳定”数", []string{"件"}},
	{"withheld_other_law", "（6）“法律法规规定的其他情形”数", []string{"件"}},
	{"reconsiderations", "因政府信息公开被行政复议数", []string{"件"}},
	{"fees_charged", "依申请公开收费金额", []string{"元"}},
}

// Legacy is a generated pre-2019 report: this year's figures (the cells) and the
// running totals the table prints beside them.
type Legacy struct {
	Report     *ar.Report
	Cumulative map[string]float64 // cell id → 累计
}

// RandomLegacy returns a pre-2019 report whose figures satisfy the table's sums, this
// year's and the running totals' (each at least this year's). twins draws counts from
// 0, 1, 10, 11 so that run together they can be cut in several ways.
func RandomLegacy(rng *rand.Rand, twins bool) Legacy {
	year := 2009 + rng.IntN(10)
	r := ar.NewReport(Agency(rng), year, ar.FormatLegacy)
	r.Cells = ar.Cells{}
	cum := map[string]float64{}
	count := func() float64 {
		if twins {
			return []float64{0, 0, 1, 10, 11, 1}[rng.IntN(6)]
		}
		return small(rng)
	}
	tbl := ar.Tables(ar.FormatLegacy)[0]
	cols := map[string][]string{}
	for _, row := range tbl.Rows {
		cols[row.ID] = row.Columns
	}
	for _, row := range legacyRows {
		for _, c := range cols[row.id] {
			id := ar.Cell(ar.TableLegacy, row.id, c)
			v := count()
			r.Cells.Set(id, v)
			cum[id] = v + count()
		}
	}
	for _, g := range ar.LegacySums {
		col := cols[g[0]][0]
		var this, all float64
		for _, part := range g[1:] {
			id := ar.Cell(ar.TableLegacy, part, col)
			v, _ := r.Cells.Get(id)
			this += v
			all += cum[id]
		}
		id := ar.Cell(ar.TableLegacy, g[0], col)
		r.Cells.Set(id, this)
		cum[id] = all
	}
	return Legacy{Report: r, Cumulative: cum}
}

// RenderLegacyFlat prints a pre-2019 report with its statistics table flattened: a
// line per row and unit, "label unit this-year cumulative", the two figures run
// together or spaced as o.Spaces says (SpacesAll: apart), full-width when o.FullWidth,
// the unit glued to the label when o.Glued.
func RenderLegacyFlat(rng *rand.Rand, l Legacy, o FlatOptions) []byte {
	r := l.Report
	w := &writer{o: Options{Style: RowSpaces}, rng: rng}
	f := &flatWriter{w: w, o: o, rng: rng}
	year := strconv.Itoa(r.Year)
	w.line(r.Agency + year + "年政府信息公开工作年度报告")
	w.line("一、概述")
	w.narrative(1 + rng.IntN(2))
	w.line("二、主动公开政府信息情况")
	w.narrative(1)
	w.line(year + "年" + r.Agency + "政府信息公开工作统计表")
	w.line("统计指标 单位 本年度 累计")
	tbl := ar.Tables(ar.FormatLegacy)[0]
	cols := map[string][]string{}
	for _, row := range tbl.Rows {
		cols[row.ID] = row.Columns
	}
	for _, row := range legacyRows {
		for k, unit := range row.units {
			id := ar.Cell(ar.TableLegacy, row.id, cols[row.id][k])
			this, _ := r.Cells.Get(id)
			figs := []ar.GridCell{{Text: ar.FormatNumber(this), Value: true}, {Text: ar.FormatNumber(l.Cumulative[id]), Value: true}}
			label := row.label
			if k > 0 {
				label = ""
			}
			sep := " "
			if o.Glued {
				sep = ""
			}
			line := strings.TrimSpace(label + sep + unit)
			run := f.run(figs)
			if !o.Glued || f.rng.IntN(2) == 0 {
				line += " "
			}
			w.b.WriteString(line + run + "\n")
		}
	}
	w.line("三、存在的主要问题及改进措施")
	w.narrative(1)
	return []byte(w.b.String())
}
