package web

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"gongkai/internal/annualreport"
	"gongkai/internal/oversight"
	"gongkai/internal/workday"
)

// The overview, its export and an agency's profile render for the 政务公开办, and the
// figures in the workbook are those of the Oversight door; agency staff are refused.
func TestOversightOverview(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		gkb := e.login("gkb")
		resp, body := gkb.get("/console/oversight?sort=open&desc=1")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("overview: %d %s", resp.StatusCode, body)
		}
		// Each column's link puts the agencies to follow up first: most overdue, the
		// report's worst state; the current column's link reverses it.
		for _, want := range []string{"清河区卫生健康局", "清河区医疗保障局", "第二十六条", `aria-sort="descending"`,
			`sort=overdue&amp;desc=1"`, `sort=report"`, `sort=open"`} {
			if !strings.Contains(body, want) {
				t.Errorf("overview lacks %q", want)
			}
		}
		ov, err := e.db.Oversight().Overview(context.Background(), e.user("gkb"), workday.Of(time.Now()).Year(), time.Now())
		if err != nil {
			t.Fatal(err)
		}
		resp, xl := gkb.get("/console/oversight/export.xlsx?sort=agency")
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != xlsxType {
			t.Fatalf("export: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		f, err := excelize.OpenReader(bytes.NewReader([]byte(xl)))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := f.GetRows(oversight.SheetName)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != len(ov.Rows)+3 {
			t.Fatalf("export has %d lines, want %d", len(rows), len(ov.Rows)+3)
		}
		oversight.Sort(ov.Rows, "agency", false)
		for i, r := range ov.Rows {
			got := rows[i+2]
			if got[0] != r.Agency || got[1] != fmt.Sprint(r.Open) || got[3] != fmt.Sprint(r.Overdue) {
				t.Errorf("export line %d = %v, want %s open %d overdue %d", i+3, got, r.Agency, r.Open, r.Overdue)
			}
		}
		total := oversight.Totals(ov.Rows)
		if got := rows[len(rows)-1]; got[0] != "合计" || got[1] != fmt.Sprint(total.Open) {
			t.Errorf("export total %v, want open %d", got, total.Open)
		}
		if formula, _ := f.GetCellFormula(oversight.SheetName, "B"+fmt.Sprint(len(rows))); !strings.HasPrefix(formula, "SUM(B3:") {
			t.Errorf("total open formula %q", formula)
		}
		resp, body = gkb.get(fmt.Sprintf("/console/oversight/agencies/%d", ov.Rows[0].AgencyID))
		if resp.StatusCode != http.StatusOK || !strings.Contains(body, "办理结果占比") || !strings.Contains(body, "公开透明度得分") {
			t.Fatalf("profile: %d", resp.StatusCode)
		}
		clerk := e.login("wj.jingban")
		if resp, _ := clerk.get("/console/oversight"); resp.StatusCode != http.StatusForbidden {
			t.Errorf("agency clerk got the overview: %d", resp.StatusCode)
		}

		// An agency not on gongkai, known from an imported report: listed under the table,
		// with a profile of its own; the name of an agency on gongkai leads to its page.
		r := annualreport.NewReport("清河区教育局", workday.Of(time.Now()).Year()-1, annualreport.Format2021)
		r.Cells.Set("applications.granted.total", 5)
		if _, err := e.db.Reports().Import(context.Background(), e.user("gkb"), "jyj.txt", "sha-jyj", r); err != nil {
			t.Fatal(err)
		}
		_, body = gkb.get("/console/oversight")
		if !strings.Contains(body, "未使用本系统的机关") || !strings.Contains(body, "清河区教育局") {
			t.Errorf("overview lacks the agency known from its report")
		}
		resp, body = gkb.get("/console/oversight/others?name=" + url.QueryEscape("清河区教育局"))
		if resp.StatusCode != http.StatusOK || !strings.Contains(body, "导入的年度报告") || strings.Contains(body, `id="score"`) {
			t.Errorf("imported agency's profile: %d", resp.StatusCode)
		}
		resp, _ = gkb.get("/console/oversight/others?name=" + url.QueryEscape("清河区卫生健康局"))
		if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/console/oversight/agencies/") {
			t.Errorf("an agency on gongkai by name: %d %s", resp.StatusCode, resp.Header.Get("Location"))
		}
	})
}

// A 督办 sent by the 政务公开办 is read and answered by the agency only; the office sees it
// answered, another agency does not see it at all.
func TestOversightNoticeRoundTrip(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		wj, err := e.db.Agencies().Get(context.Background(), e.user("wj.jingban").AgencyID)
		if err != nil {
			t.Fatal(err)
		}
		gkb := e.login("gkb")
		gkb.get("/console/notices")
		due := workday.Format(workday.Of(time.Now()).AddDate(0, 0, 14))
		resp, body := gkb.post("/console/notices", url.Values{"agency_id": {fmt.Sprint(wj.ID)}, "subject": {"超期未答复申请的整改"}, "body": {"请说明原因并报送整改措施。"}, "due": {due}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("send: %d %s", resp.StatusCode, body)
		}
		loc := resp.Header.Get("Location")
		path := loc[:strings.Index(loc, "?")]
		if resp, _ := e.login("yb.jingban").get(path); resp.StatusCode != http.StatusNotFound {
			t.Errorf("another agency reads the notice: %d", resp.StatusCode)
		}
		if resp, _ := gkb.post(path+"/answer", url.Values{"answer": {"我办已整改"}}); resp.StatusCode != http.StatusForbidden {
			t.Errorf("the office answered its own notice: %d", resp.StatusCode)
		}
		clerk := e.login("wj.jingban")
		_, body = clerk.get(path)
		if !strings.Contains(body, "超期未答复申请的整改") || !strings.Contains(body, `name="answer"`) {
			t.Fatalf("agency's notice page: %s", body)
		}
		if resp, body := clerk.post(path+"/answer", url.Values{"answer": {"已于本周逐件核查并全部答复。"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("answer: %d %s", resp.StatusCode, body)
		}
		if resp, _ := clerk.post(path+"/answer", url.Values{"answer": {"再答一次"}}); resp.StatusCode != http.StatusConflict {
			t.Errorf("second answer: %d", resp.StatusCode)
		}
		_, body = gkb.get(path)
		if !strings.Contains(body, "已于本周逐件核查并全部答复。") || !strings.Contains(body, "已答复") {
			t.Errorf("office does not see the answer")
		}
	})
}

// The report page puts section 一 drafted from the records in the form, unsaved.
func TestReportOverviewDraft(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		year := time.Now().Year()
		clerk := e.login("wj.jingban")
		_, body := clerk.get(fmt.Sprintf("/console/reports/%d", year))
		if !strings.Contains(body, `id="draft-overview"`) || strings.Contains(body, `id="overview-drafted"`) {
			t.Fatalf("report page without the draft link or already drafted")
		}
		resp, body := clerk.get(fmt.Sprintf("/console/reports/%d?draft=overview", year))
		if resp.StatusCode != http.StatusOK || !strings.Contains(body, `id="overview-drafted"`) {
			t.Fatalf("drafted page: %d", resp.StatusCode)
		}
		for _, want := range []string{fmt.Sprintf("%d年，清河区卫生健康局", year), "本年度主动公开政府信息", "新收政府信息公开申请"} {
			if !strings.Contains(body, want) {
				t.Errorf("draft lacks %q", want)
			}
		}
	})
}

// The office's home page sums the overview; an agency's clerk sees the 督办 to answer.
func TestOversightOnConsoleHome(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		_, body := e.login("gkb").get("/console/")
		for _, want := range []string{"各机关情况", "有超期未答复申请的机关", "督办事项", "尚未答复的督办"} {
			if !strings.Contains(body, want) {
				t.Errorf("office's home lacks %q", want)
			}
		}
		_, body = e.login("wj.jingban").get("/console/")
		if !strings.Contains(body, "待答复的督办") || strings.Contains(body, "各机关情况") {
			t.Errorf("clerk's home: 督办 widget missing or the overview shown")
		}
	})
}
