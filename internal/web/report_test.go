package web

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"gongkai/internal/annualreport"
	"gongkai/internal/annualreport/testreports"
	"gongkai/internal/store"
)

func TestOwnReportPublication(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		ctx := context.Background()
		wj, _ := store.AgencyByName(ctx, e.db, "清河区卫生健康局")
		clerk := e.login("wj.jingban")
		resp, body := clerk.get("/console/reports/2024")
		if resp.StatusCode != 200 || !strings.Contains(body, "清河区卫生健康局2024年政府信息公开工作年度报告") {
			t.Fatalf("report page: %d", resp.StatusCode)
		}
		resp, body = clerk.post("/console/reports/2024", url.Values{"overview": {""}, "problems": {"x"}, "fee_yuan": {"-1"}})
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "信息处理费") {
			t.Fatalf("bad fee accepted: %d", resp.StatusCode)
		}
		resp, _ = clerk.post("/console/reports/2024", url.Values{"overview": {"2024年，我局认真贯彻《条例》。"}, "problems": {"公开深度不够。"}, "fee_yuan": {"0"}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("save: %d", resp.StatusCode)
		}
		// Only a 负责人 publishes.
		if resp, _ := clerk.post("/console/reports/2024/publish", nil); resp.StatusCode != http.StatusForbidden {
			t.Fatalf("clerk publishes: %d", resp.StatusCode)
		}
		head := e.login("wj.fuze")
		// Nobody entered 2024's monthly figures: each month is named, the cells say why,
		// and the report does not publish.
		_, page := head.get("/console/reports/2024")
		for _, want := range []string{"月度数据未录入", "2024年1月行政许可等数据未录入", "2024年12月行政许可等数据未录入", `class="n blank-why"`} {
			if !strings.Contains(page, want) {
				t.Errorf("the report page lacks %q", want)
			}
		}
		if resp, body := head.post("/console/reports/2024/publish", nil); resp.StatusCode != http.StatusConflict || !strings.Contains(body, "未通过校验") {
			t.Fatalf("published without the monthly figures: %d", resp.StatusCode)
		}
		// The clerk enters them: a month without any decision is an explicit 0.
		clerk.get("/console/catalog/figures?year=2024")
		months := url.Values{"year": {"2024"}}
		for m := 1; m <= 12; m++ {
			k := fmt.Sprintf("m%d_", m)
			months.Set(k+"licensing", itoa(int64(20+m)))
			months.Set(k+"penalty", "0")
			months.Set(k+"enforcement", "0")
			months.Set(k+"fees", "0")
		}
		if resp, _ := clerk.post("/console/catalog/figures", months); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("entering 2024's months: %d", resp.StatusCode)
		}
		head.get("/console/reports/2024")
		resp, body = head.post("/console/reports/2024/publish", nil)
		// The records now give every figure, so the report is consistent and publishes.
		o, err := e.db.Reports().Published(ctx, wj.ID, 2024)
		if resp.StatusCode != http.StatusSeeOther || err != nil {
			t.Fatalf("publish: status %d, %v: %s", resp.StatusCode, err, body)
		}
		if len(o.Snapshot.Findings) != 0 {
			t.Fatalf("published with findings: %+v", o.Snapshot.Findings)
		}
		anon := e.anon()
		resp, body = anon.get("/agencies/" + itoa(wj.ID) + "/reports/2024")
		if resp.StatusCode != 200 || !strings.Contains(body, "2024年，我局认真贯彻") || !strings.Contains(body, "行政许可") {
			t.Fatalf("portal report: %d", resp.StatusCode)
		}
		if !strings.Contains(body, "本年度未收取信息处理费。无其他需要报告的事项。") {
			t.Errorf("portal report lacks section 六 as saved")
		}
		// The console's preview prints the very tables the portal shows.
		_, console := head.get("/console/reports/2024")
		if got, want := reportTableMarkup(console), reportTableMarkup(body); len(want) != 3 || strings.Join(got, "") != strings.Join(want, "") {
			t.Errorf("the console's tables differ from the portal's (%d, %d tables)", len(got), len(want))
		}
		// The narrative edited after publication does not change the published page...
		clerk.get("/console/reports/2024")
		clerk.post("/console/reports/2024", url.Values{"overview": {"改写后的正文"}, "problems": {"x"}})
		if _, body = anon.get("/agencies/" + itoa(wj.ID) + "/reports/2024"); strings.Contains(body, "改写后的正文") {
			t.Fatal("draft narrative leaked into the published report")
		}
		// ...and republication needs a reason.
		head.get("/console/reports/2024")
		if resp, _ := head.post("/console/reports/2024/publish", nil); resp.StatusCode != http.StatusBadRequest {
			t.Fatalf("republish without reason: %d", resp.StatusCode)
		}
		if resp, _ := head.post("/console/reports/2024/publish", url.Values{"reason": {"更正正文"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("republish with reason: %d", resp.StatusCode)
		}
		if resp, _ := e.anon().get("/agencies/" + itoa(wj.ID) + "/reports/2019"); resp.StatusCode != http.StatusNotFound {
			t.Fatalf("unpublished year: %d", resp.StatusCode)
		}
	})
}

var reportTableRE = regexp.MustCompile(`(?s)<table class="report-table".*?</table>`)

// reportTableMarkup is the statutory tables of a page, as printed.
func reportTableMarkup(page string) []string { return reportTableRE.FindAllString(page, -1) }

// TestImportPublishedReports is the journey of 政务公开办 collecting the reports other
// agencies published: upload several files at once (synthetic reports of our own,
// annualreport/testreports, in two layouts), a file of an unsupported type refused by name, every
// report read, and the summary workbook with a row per report and its figures in their
// columns.
func TestImportPublishedReports(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) { testImportPublishedReports(t, e) })
}

func testImportPublishedReports(t *testing.T, e *testEnv) {
	gkb := e.login("gkb")
	gkb.get("/console/imports")
	type upload struct {
		name    string
		data    []byte
		agency  string
		figure  float64 // its 行政许可 处理决定数 (table 二), the workbook's check
		hasFigs bool
	}
	rng := rand.New(rand.NewPCG(9, 2026))
	var files []upload
	for i, style := range []testreports.Style{testreports.TabLines, testreports.HTML, testreports.RowTabs} {
		r := testreports.Random(rng, annualreport.Format2021, 0)
		r.Agency = fmt.Sprintf("示例%s区第%d局", []string{"甲", "乙", "丙"}[i], i+1)
		v, ok := r.Cells.Get("active_2021.licensing.decisions")
		ext := ".txt"
		if style == testreports.HTML {
			ext = ".html"
		}
		files = append(files, upload{name: fmt.Sprintf("report-%d%s", i+1, ext), data: testreports.Render(rng, r, testreports.Options{Style: style, Blank: "—"}).Data,
			agency: r.Agency, figure: v, hasFigs: ok})
	}
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("_csrf", gkb.csrf)
	for _, f := range files {
		fw, _ := mw.CreateFormFile("files", f.name)
		fw.Write(f.data)
	}
	fw, _ := mw.CreateFormFile("files", "evil.exe")
	fw.Write([]byte("MZ"))
	mw.Close()
	req, _ := http.NewRequest("POST", gkb.base+"/console/imports", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, body := gkb.do(req)
	if resp.StatusCode != 200 {
		t.Fatalf("import: %d", resp.StatusCode)
	}
	if !strings.Contains(body, "evil.exe") || !strings.Contains(body, "不支持的文件类型") {
		t.Errorf("the file of an unsupported type is not refused by name")
	}
	for _, f := range files {
		if !strings.Contains(body, f.agency) {
			t.Errorf("import page lacks %s (%s)", f.agency, f.name)
		}
	}
	// The summary workbook: a row per imported report, its figures in their columns.
	if !strings.Contains(body, `href="/console/imports.xlsx"`) {
		t.Errorf("no link to the summary workbook")
	}
	resp, xlsx := gkb.get("/console/imports.xlsx")
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("workbook: %d %q", resp.StatusCode, resp.Header.Get("Content-Disposition"))
	}
	x, err := excelize.OpenReader(strings.NewReader(xlsx))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := x.GetRows("数据")
	if len(rows) != 2+len(files) {
		t.Fatalf("workbook has %d rows for %d reports", len(rows), len(files))
	}
	col := -1
	for i, id := range rows[1] {
		if id == "active_2021.licensing.decisions" {
			col = i
		}
	}
	if col < 0 {
		t.Fatal("no column active_2021.licensing.decisions")
	}
	for _, f := range files {
		var row []string
		for _, r := range rows[2:] {
			if strings.Contains(strings.Join(r, " "), f.name) {
				row = r
			}
		}
		if row == nil {
			t.Errorf("%s has no row in the workbook", f.name)
			continue
		}
		got, want := "", ""
		if col < len(row) {
			got = row[col]
		}
		if f.hasFigs {
			want = strconv.FormatFloat(f.figure, 'f', -1, 64)
		}
		if got != want {
			t.Errorf("%s: 行政许可 %q in the workbook, want %q", f.name, got, want)
		}
	}
	// A clerk of a department may not import, nor download the summary.
	clerk := e.login("wj.jingban")
	if resp, _ := clerk.get("/console/imports"); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("clerk on imports: %d", resp.StatusCode)
	}
	if resp, _ := clerk.get("/console/imports.xlsx"); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("clerk downloads the summary: %d", resp.StatusCode)
	}
}

func TestReportOnConsoleHome(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		now := time.Now()
		y := now.Year()
		// The demo published 卫健局's report of last year: this year's is the one in progress.
		_, home := e.login("wj.jingban").get("/console/")
		want := fmt.Sprintf(`href="/console/reports/%d">%d年度报告（%d年1月31日前发布）`, y, y, y+1)
		if !strings.Contains(home, want) || !strings.Contains(home, fmt.Sprintf("%d年度报告</a><span class=\"value\">已发布", y-1)) {
			t.Errorf("卫健局 home lacks the report widget %q", want)
		}
		if !strings.Contains(home, fmt.Sprintf(`class="button secondary" href="/console/reports/%d"`, y)) {
			t.Errorf("the home button does not lead to this year's report")
		}
		// 政务公开办 has published none: last year's is still the one to do.
		_, home = e.login("gkb").get("/console/")
		want = fmt.Sprintf(`%d年度报告（%d年1月31日前发布）</a><span class="value">未编写`, y-1, y)
		if now.After(time.Date(y, time.January, 31, 23, 59, 59, 0, now.Location())) {
			want += "，已逾期"
		}
		if !strings.Contains(home, want) {
			t.Errorf("政务公开办 home lacks %q", want)
		}
		// A reviewer has no report work.
		if _, home := e.login("wj.shenhe").get("/console/"); strings.Contains(home, "年度报告（") {
			t.Errorf("a reviewer sees the report widget")
		}
	})
}
