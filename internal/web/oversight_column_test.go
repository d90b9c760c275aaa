package web

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"gongkai/internal/oversight"
	"gongkai/internal/workday"
)

// The column's figures on the overview page and in its workbook are the Oversight door's:
// each agency's 法定主动公开内容缺项, 解读 ratio and 政民互动 past due, each linking to where
// the gap is seen (which the office may open), and the totals.
func TestOversightColumnCells(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		gkb := e.login("gkb")
		now := time.Now()
		ov, err := e.db.Oversight().Overview(context.Background(), e.user("gkb"), workday.Of(now).Year(), now)
		if err != nil {
			t.Fatal(err)
		}
		_, body := gkb.get("/console/oversight?sort=gaps&desc=1")
		cell := func(href string) string {
			m := regexp.MustCompile(regexp.QuoteMeta(`<a href="`+href+`">`) + `(?:<span class="badge bad">)?([^<]*)<`).FindStringSubmatch(body)
			if m == nil {
				return "(missing)"
			}
			return html.UnescapeString(m[1])
		}
		some := map[string]bool{}
		for _, r := range ov.Rows {
			for _, c := range []struct{ href, want string }{
				{fmt.Sprintf("/console/catalog/headings?agency=%d", r.AgencyID), fmt.Sprint(r.HeadingGaps)},
				{fmt.Sprintf("/console/catalog?agency=%d&amp;state=published&amp;year=%d&amp;uninterpreted=1\" title=\"尚无政策解读的规章和行政规范性文件", r.AgencyID, ov.Year), r.InterpretationPercent()},
				{fmt.Sprintf("/console/interaction?agency=%d&amp;state=received", r.AgencyID), fmt.Sprint(r.QuestionsOverdue)},
			} {
				if got := cell(c.href); got != c.want {
					t.Errorf("%s: cell %s = %q, want %q", r.Agency, c.href, got, c.want)
				}
				// Where the gap is seen opens for the office.
				href, _, _ := strings.Cut(html.UnescapeString(c.href), `"`)
				if some[href] {
					continue
				}
				some[href] = true
				if resp, page := gkb.get(href); resp.StatusCode != 200 {
					t.Errorf("%s: %d %.200s", href, resp.StatusCode, page)
				}
			}
			if r.HeadingGaps > 0 {
				some["gaps"] = true
			}
			if r.Documents > 0 {
				some["documents"] = true
				// The documents no 解读 covers are listed where the ratio links to.
				_, list := gkb.get(fmt.Sprintf("/console/catalog?agency=%d&state=published&year=%d&uninterpreted=1", r.AgencyID, ov.Year))
				if want := fmt.Sprintf("共 %d 条", r.Documents-r.Interpreted); !strings.Contains(list, want) {
					t.Errorf("%s: the list of documents without 解读 lacks %q", r.Agency, want)
				}
			}
		}
		// The demo data gives the columns something to show.
		if !some["gaps"] || !some["documents"] {
			t.Errorf("demo data: no gap or no document of the year in the overview")
		}
		total := oversight.Totals(ov.Rows)
		if !strings.Contains(body, fmt.Sprintf("%d / %d（解读 %d 篇）", total.Interpreted, total.Documents, total.Interpretations)) {
			t.Errorf("page lacks the 解读 totals %d / %d", total.Interpreted, total.Documents)
		}
		_, headings := gkb.get(fmt.Sprintf("/console/catalog/headings?agency=%d", ov.Rows[0].AgencyID))
		if !strings.Contains(headings, "<h1>"+ov.Rows[0].Agency+"：法定主动公开内容</h1>") {
			t.Errorf("the agency's headings page does not name %s", ov.Rows[0].Agency)
		}
		if strings.Contains(headings, `action="/console/catalog/headings"`) {
			t.Error("the office is offered to edit an agency's headings")
		}

		_, xl := gkb.get("/console/oversight/export.xlsx?sort=agency")
		f, err := excelize.OpenReader(bytes.NewReader([]byte(xl)))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := f.GetRows(oversight.SheetName)
		if err != nil {
			t.Fatal(err)
		}
		if got := rows[1][10:16]; strings.Join(got, "|") != "法定主动公开内容缺项|政策解读（篇）|规章和行政规范性文件（件）|其中已有解读|政策解读覆盖率|政民互动超期未答复" {
			t.Errorf("workbook head %v", got)
		}
		oversight.Sort(ov.Rows, "agency", false)
		for i, r := range ov.Rows {
			n := i + 3
			want := []int{r.HeadingGaps, r.Interpretations, r.Documents, r.Interpreted, -1, r.QuestionsOverdue}
			for j, col := range []string{"K", "L", "M", "N", "O", "P"} {
				v, err := f.GetCellValue(oversight.SheetName, fmt.Sprintf("%s%d", col, n))
				if err != nil {
					t.Fatal(err)
				}
				if col == "O" {
					formula, _ := f.GetCellFormula(oversight.SheetName, fmt.Sprintf("O%d", n))
					ratio, ok := r.Interpretation()
					if formula != fmt.Sprintf(`IF(M%d=0,"—",N%d/M%d)`, n, n, n) || (ok && v != fmt.Sprint(ratio)) || (!ok && v != "—") {
						t.Errorf("%s: ratio cell %q = %q, want %v %v", r.Agency, formula, v, ratio, ok)
					}
					continue
				}
				if v != fmt.Sprint(want[j]) {
					t.Errorf("%s: %s%d = %s, want %d", r.Agency, col, n, v, want[j])
				}
			}
		}
		last := len(rows)
		for col, want := range map[string]int{"K": total.HeadingGaps, "M": total.Documents, "N": total.Interpreted, "P": total.QuestionsOverdue} {
			v, _ := f.GetCellValue(oversight.SheetName, fmt.Sprintf("%s%d", col, last))
			formula, _ := f.GetCellFormula(oversight.SheetName, fmt.Sprintf("%s%d", col, last))
			if v != fmt.Sprint(want) || formula != fmt.Sprintf("SUM(%s3:%s%d)", col, col, last-1) {
				t.Errorf("total %s = %s (%s), want %d", col, v, formula, want)
			}
		}
	})
}
