package reader

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	ar "gongkai/internal/annualreport"
	"gongkai/internal/annualreport/testreports"
)

// checkVariant reads truth printed in variant v and wants every cell exactly.
func checkVariant(t *testing.T, truth *ar.Report, v testreports.Variant) {
	t.Helper()
	data := testreports.RenderVariant(truth, v)
	got := Read("variant", data)
	expect := truth
	if v.OtherRows && truth.Format == ar.Format2021 {
		// The one row is the sum of the three, which stay blank with one finding.
		expect = ar.NewReport(truth.Agency, truth.Year, truth.Format)
		for id, c := range truth.Cells {
			expect.Cells[id] = c
		}
		var sub []string
		for _, row := range []string{"other.no_correction", "other.fee_unpaid", "other.other"} {
			sub = append(sub, ar.RowCells(truth.Format, ar.TableApplications+"."+row)...)
		}
		for _, id := range sub {
			expect.Cells.SetNull(id)
		}
		expect.Findings = []ar.Finding{{Rule: ar.RuleUnreadable, Cell: sub[0], Cells: sub}}
	}
	bad := diffCells(expect, got)
	if got.Agency != truth.Agency || got.Year != truth.Year || got.Format != truth.Format {
		bad = append(bad, fmt.Sprintf("meta: want %s %d %s got %s %d %s", truth.Agency, truth.Year, truth.Format, got.Agency, got.Year, got.Format))
	}
	want := findingKeys(append(expect.Findings, ar.Check(expect)...))
	have := findingKeys(got.Findings)
	if fmt.Sprint(want) != fmt.Sprint(have) {
		bad = append(bad, fmt.Sprintf("findings: want %v got %v: %v", want, have, got.Findings))
	}
	if len(bad) > 0 {
		_ = os.WriteFile(os.TempDir()+"/variant_fail.txt", data, 0o644)
		t.Fatalf("variant %+v:\n%v\n--- file ---\n%s", v, bad, data)
	}
}

// TestVariantLayouts reads each layout the national form does not show, one at a time.
func TestVariantLayouts(t *testing.T) {
	cases := []struct {
		name string
		v    testreports.Variant
	}{
		{"word export", testreports.Variant{Word: true}},
		{"word export, figures split over spans", testreports.Variant{Word: true, SplitSpan: true}},
		{"wps th headers", testreports.Variant{TH: true}},
		{"serial column html", testreports.Variant{Word: true, Serial: true}},
		{"serial column text", testreports.Variant{Text: true, Serial: true}},
		{"applications columns reordered, two-row header", testreports.Variant{Word: true, AppOrder: []int{6, 0, 3, 1, 2, 5, 4}}},
		{"applications total first, flat header", testreports.Variant{FlatHead: true, AppOrder: []int{6, 0, 1, 2, 3, 4, 5}}},
		{"applications columns reordered, text", testreports.Variant{Text: true, FlatHead: true, AppOrder: []int{0, 6, 5, 4, 3, 2, 1}}},
		{"appeal results reordered", testreports.Variant{Word: true, AppealOrd: []int{4, 0, 1, 2, 3}}},
		{"chinese numerals", testreports.Variant{Word: true, Chinese: true}},
		{"chinese numerals text", testreports.Variant{Text: true, Chinese: true}},
		{"units", testreports.Variant{Units: true}},
		{"units apart from the figures", testreports.Variant{Word: true, Units: true, UnitSpace: true}},
		{"units apart from the figures, text", testreports.Variant{Text: true, Units: true, UnitSpace: true, Chinese: true}},
		{"dash blanks", testreports.Variant{Word: true, Blank: "—"}},
		{"slash blanks", testreports.Variant{Text: true, Blank: "/"}},
		{"无 blanks", testreports.Variant{Blank: "无"}},
		{"other rows of the other format", testreports.Variant{Word: true, OtherRows: true}},
		{"other rows of the other format, text, reordered", testreports.Variant{Text: true, OtherRows: true, FlatHead: true, AppOrder: []int{6, 5, 4, 3, 2, 1, 0}}},
		{"word template rowspans", testreports.Variant{Word: true, Rowspans: true}},
		{"word template rowspans, serial column", testreports.Variant{Word: true, TH: true, Rowspans: true, Serial: true}},
		{"subtotal column", testreports.Variant{Word: true, Subtotal: true}},
		{"subtotal column, flat header reordered, text", testreports.Variant{Text: true, Subtotal: true, FlatHead: true, AppOrder: []int{6, 0, 1, 2, 3, 4, 5}}},
		{"subtotal column, two-row header reordered, rowspans", testreports.Variant{Subtotal: true, Rowspans: true, AppOrder: []int{6, 5, 4, 3, 2, 1, 0}}},
		{"（六） subtotal row above its three rows", testreports.Variant{Word: true, OtherSubtotal: true}},
		{"appeal headers in three rows", testreports.Variant{Word: true, AppealHead3: true}},
		{"appeal headers in three rows, reordered, text", testreports.Variant{Text: true, AppealHead3: true, AppealOrd: []int{1, 0, 3, 2, 4}}},
		{"everything", testreports.Variant{Word: true, TH: true, Serial: true, Chinese: true, Units: true, SplitSpan: true, Blank: "—",
			AppOrder: []int{0, 5, 4, 3, 2, 1, 6}, AppealOrd: []int{3, 2, 1, 0, 4}}},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(uint64(i), 7))
			for k := 0; k < 6; k++ {
				f := ar.Format2021
				if k%2 == 1 {
					f = ar.Format2019
				}
				blank := 0.0
				if k >= 4 {
					blank = 0.05
				}
				checkVariant(t, testreports.Random(rng, f, blank), c.v)
			}
		})
	}
}

// variantRuns is how many random cases a test reads (short: fewer) and its generator;
// GONGKAI_VARIANT_SEED=N reads ten times as many from another seed.
func variantRuns(n, short int, seed, stream uint64) (int, *rand.Rand) {
	if testing.Short() {
		n = short
	}
	if s := os.Getenv("GONGKAI_VARIANT_SEED"); s != "" {
		fmt.Sscan(s, &seed)
		n *= 10
	}
	return n, rand.New(rand.NewPCG(seed, stream))
}

// TestVariantRoundTrip reads random combinations of the variants.
func TestVariantRoundTrip(t *testing.T) {
	n, rng := variantRuns(600, 150, 3, 4)
	for i := 0; i < n; i++ {
		f := ar.Format2021
		if i%2 == 1 {
			f = ar.Format2019
		}
		blank := 0.0
		if i%4 == 0 {
			blank = 0.05
		}
		checkVariant(t, testreports.Random(rng, f, blank), testreports.RandomVariant(rng))
	}
}

// TestLaterReportOn2019Table: a report for 2022 that still prints the 2019 table 二 (and
// the 2021 table 三) reads in the 2019 format, its three （六） rows added up.
func TestLaterReportOn2019Table(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	for k := 0; k < 6; k++ {
		truth := testreports.Random(rng, ar.Format2019, 0)
		truth.Year = 2022
		checkVariant(t, truth, testreports.Variant{Word: k%2 == 0, Text: k%2 == 1, OtherRows: true})
	}
}

// TestVariantDamageNeverWrong leaves one figure cell out of a row of a random variant:
// the reader may leave cells blank but never reads a wrong figure, nor the dropped one.
func TestVariantDamageNeverWrong(t *testing.T) {
	n, rng := variantRuns(400, 100, 5, 8)
	for i := 0; i < n; i++ {
		f := []ar.Format{ar.Format2019, ar.Format2021}[i%2]
		truth := testreports.Random(rng, f, 0.03*float64(i%2))
		v := testreports.RandomVariant(rng)
		v.OtherRows = false
		ids := ar.CellIDs(f)
		v.DropCell = ids[rng.IntN(len(ids))]
		data := testreports.RenderVariant(truth, v)
		got := Read("d", data)
		for _, id := range ids {
			b, bok := got.Cells.Get(id)
			a, aok := truth.Cells.Get(id)
			if bok && (!aok || a != b) {
				t.Fatalf("case %d variant %+v: wrong figure %s: got %v, truth %v (%v)\n%s", i, v, id, b, a, aok, data)
			}
		}
		if _, ok := got.Cells.Get(v.DropCell); ok {
			t.Fatalf("case %d variant %+v: dropped cell %s was read\n%s", i, v, v.DropCell, data)
		}
	}
}

// TestRefusedLayoutsNeverWrong: layouts the reader does not read must leave cells blank
// (with findings), never fill them wrongly.
func TestRefusedLayoutsNeverWrong(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	for k := 0; k < 20; k++ {
		f := []ar.Format{ar.Format2019, ar.Format2021}[k%2]
		truth := testreports.Random(rng, f, 0)
		var cases []struct{ name, text string }
		// PDF text extracted column by column: the labels of table 三, then each column.
		var b strings.Builder
		b.WriteString(ar.Title(truth) + "\n三、收到和处理政府信息公开申请情况\n自然人\n法人或其他组织\n总计\n商业企业\n科研机构\n社会公益组织\n法律服务机构\n其他\n")
		rows := ar.Tables(f)[1].Rows
		for _, r := range rows {
			b.WriteString(r.Label + "\n")
		}
		for _, c := range ar.ApplicationColumns {
			for _, r := range rows {
				v, _ := truth.Cells.Get(ar.Cell(ar.TableApplications, r.ID, c))
				b.WriteString(ar.FormatNumber(v) + "\n")
			}
		}
		cases = append(cases, struct{ name, text string }{"pdf columns", b.String()})
		// One figure split over two paragraphs of one HTML cell.
		var h strings.Builder
		h.WriteString("<html><body><p>" + ar.Title(truth) + "</p><p>三、收到和处理政府信息公开申请情况</p><table>")
		h.WriteString("<tr><td>自然人</td><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td><td>总计</td></tr>")
		for _, r := range rows {
			h.WriteString("<tr><td>" + r.Label + "</td>")
			for _, c := range ar.ApplicationColumns {
				v, _ := truth.Cells.Get(ar.Cell(ar.TableApplications, r.ID, c))
				s := ar.FormatNumber(v)
				if len(s) >= 2 {
					s = "<p>" + s[:1] + "</p><p>" + s[1:] + "</p>"
				}
				h.WriteString("<td>" + s + "</td>")
			}
			h.WriteString("</tr>")
		}
		h.WriteString("</table></body></html>")
		cases = append(cases, struct{ name, text string }{"figure split over paragraphs", h.String()})
		// Blanks collapsed by the crawler: "||" runs with no marker.
		var c strings.Builder
		c.WriteString(ar.Title(truth) + "\n三、收到和处理政府信息公开申请情况\n自然人|法人或其他组织|总计\n商业企业|科研机构|社会公益组织|法律服务机构|其他\n")
		for _, r := range rows {
			c.WriteString(r.Label)
			for _, col := range ar.ApplicationColumns {
				v, _ := truth.Cells.Get(ar.Cell(ar.TableApplications, r.ID, col))
				if v == 0 && rng.IntN(2) == 0 {
					continue // the blank cell vanished
				}
				c.WriteString("|" + ar.FormatNumber(v))
			}
			c.WriteString("\n")
		}
		cases = append(cases, struct{ name, text string }{"collapsed blanks", c.String()})
		for _, tc := range cases {
			got := ReadText("r", tc.text)
			for _, id := range ar.CellIDs(f) {
				b, bok := got.Cells.Get(id)
				a, _ := truth.Cells.Get(id)
				if bok && a != b {
					t.Fatalf("%s: wrong figure %s: got %v, truth %v\n%s", tc.name, id, b, a, tc.text)
				}
			}
		}
	}
}

// TestYuanInAmountColumn: a fee written in 元 is not read into the 万元 column.
func TestYuanInAmountColumn(t *testing.T) {
	for _, fee := range []string{"5000元", "5000 元"} {
		text := "某局2022年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（八）项\n信息内容 本年收费金额（单位：万元）\n行政事业性收费 " + fee + "\n"
		r := ReadText("y", text)
		if v, ok := r.Cells.Get("active_2021.fees.amount_10k_yuan"); ok {
			t.Errorf("%s: read %v into a 万元 cell", fee, v)
		}
		named := false
		for _, f := range r.Findings {
			named = named || (f.Rule == ar.RuleUnreadable && f.Cell == "active_2021.fees.amount_10k_yuan")
		}
		if !named {
			t.Errorf("%s: no finding: %v", fee, r.Findings)
		}
	}
	r := ReadText("w", "某局2022年政府信息公开工作年度报告\n第二十条第（八）项\n信息内容 本年收费金额（单位：万元）\n行政事业性收费 0.5 万元\n")
	wantCell(t, r, "active_2021.fees.amount_10k_yuan", 0.5)
}

// TestHeadersAfterAMention: a mention of 本年新收政府信息公开申请数量 in the text before
// table 三 does not hide the table's own reordered headers.
func TestHeadersAfterAMention(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 18))
	truth := testreports.Random(rng, ar.Format2021, 0)
	data := string(testreports.RenderVariant(truth, testreports.Variant{Text: true, FlatHead: true, AppOrder: []int{6, 5, 4, 3, 2, 1, 0}}))
	const sec = "三、收到和处理政府信息公开申请情况\n"
	data = strings.Replace(data, sec, sec+"本年新收政府信息公开申请数量\n情况见下表。\n", 1)
	got := ReadText("m", data)
	for _, id := range ar.CellIDs(truth.Format) {
		a, aok := truth.Cells.Get(id)
		b, bok := got.Cells.Get(id)
		if strings.HasPrefix(id, ar.TableApplications+".new.") {
			if bok && (!aok || a != b) {
				t.Fatalf("wrong figure %s: %v, truth %v\n%s", id, b, a, data)
			}
			continue
		}
		if aok != bok || a != b {
			t.Fatalf("%s: got %v(%v), truth %v\n%s", id, b, bok, a, data)
		}
	}
}

// TestPartialHeadersOutOfOrder: with one header unrecognised (split over two lines) and
// the others out of the statutory order, table 三 is not read by position.
func TestPartialHeadersOutOfOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 20))
	truth := testreports.Random(rng, ar.Format2021, 0)
	data := string(testreports.RenderVariant(truth, testreports.Variant{Text: true, FlatHead: true, AppOrder: []int{6, 0, 1, 2, 3, 4, 5}}))
	data = strings.Replace(data, "| 社会公益组织 |", "| 社会公益\n组织 |", 1)
	got := ReadText("p", data)
	noneRead(t, got, ar.TableApplications, "by an unclear column order", data)
	found := false
	for _, f := range got.Findings {
		found = found || (f.Rule == ar.RuleUnreadable && f.Cell == "applications.new.natural_person")
	}
	if !found {
		t.Errorf("no finding for the unclear column order: %v", got.Findings)
	}
}

// TestPartialAppealHeadersOutOfOrder: table 四 with a result header split over two lines
// and the others out of order is not read by position.
func TestPartialAppealHeadersOutOfOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 24))
	truth := testreports.Random(rng, ar.Format2021, 0)
	data := string(testreports.RenderVariant(truth, testreports.Variant{Text: true, AppealOrd: []int{4, 3, 2, 1, 0}}))
	data = strings.ReplaceAll(data, "| 尚未审结 |", "| 尚未\n审结 |")
	noneRead(t, ReadText("p", data), ar.TableAppeals, "by an unclear column order", data)
}

// noneRead fails when any cell of table was read from data.
func noneRead(t *testing.T, got *ar.Report, table, why, data string) {
	t.Helper()
	for id, v := range got.Cells {
		if v != nil && strings.HasPrefix(id, table+".") {
			t.Fatalf("%s read as %v %s\n%s", id, *v, why, data)
		}
	}
}

// TestPageInLayoutTables: older government sites wrap the whole article — title,
// paragraphs and the report's own tables — in tables that lay out the page. The report's
// tables inside are read exactly as they are on a page without them.
func TestPageInLayoutTables(t *testing.T) {
	n, rng := variantRuns(150, 40, 31, 32)
	for i := 0; i < n; i++ {
		truth := testreports.Random(rng, []ar.Format{ar.Format2019, ar.Format2021}[i%2], 0.03)
		v := testreports.RandomVariant(rng)
		v.Text, v.DropCell, v.OtherRows = false, "", false
		page := string(testreports.RenderVariant(truth, v))
		if k := strings.Index(page, "<body"); k >= 0 {
			page = page[k+strings.Index(page[k:], ">")+1:]
		}
		page = strings.Replace(page, "</body></html>", "", 1)
		wrapped := "<html><head><meta charset=utf-8><title>政府信息公开</title></head><body>" +
			"<table width=1000 border=0><tr><td><table><tr><td><a href=/>首页</a></td><td>政务公开</td><td>年度报告</td></tr></table></td></tr>" +
			"<tr><td class=content><table width=100%><tr><td>" + page + "</td></tr></table></td></tr>" +
			"<tr><td>主办：某市人民政府办公室 联系电话：0123-4567890</td></tr></table></body></html>"
		got := Read("page.html", []byte(wrapped))
		if d := diffCells(truth, got); len(d) > 0 || got.Agency != truth.Agency || got.Year != truth.Year {
			t.Fatalf("variant %+v: %s %d, %v", v, got.Agency, got.Year, d)
		}
	}
}
