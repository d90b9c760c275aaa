package web

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func readSheet(t *testing.T, data []byte, sheet string) [][]string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// The 台账 and the catalog export as XLSX with the list's filters, in Chinese, the
// applicant masked for readers outside the case.
func TestExports(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		clerkC := e.login("wj.jingban")
		registerByForm(t, clerkC, "导出测试：2025年本区公立医院床位数")
		_, page := clerkC.get("/console/applications?q=" + url.QueryEscape("床位数"))
		if !strings.Contains(page, `href="/console/applications/export.xlsx?q=`) {
			t.Fatal("the list has no export link with its filter")
		}
		resp, body := clerkC.get("/console/applications/export.xlsx?q=" + url.QueryEscape("床位数"))
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != xlsxType || !strings.Contains(resp.Header.Get("Content-Disposition"), "attachment") {
			t.Fatalf("export: %d %s %s", resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Content-Disposition"))
		}
		rows := readSheet(t, []byte(body), "台账")
		if len(rows) != 3 || !strings.Contains(rows[0][0], "政府信息公开申请台账") || rows[1][0] != "申请编号" || rows[1][13] != "办理结果" {
			t.Fatalf("台账: %v", rows)
		}
		if got := rows[2]; got[2] != "测试甲" || got[3] != "自然人" || got[4] != "当面" || got[6] != "导出测试：2025年本区公立医院床位数" || got[7] != "电子邮件" || got[8] != "已登记" {
			t.Fatalf("row: %v", got)
		}
		// Everything, unfiltered: the demo's cases too; 政务公开办 sees them masked.
		_, body = e.login("gkb").get("/console/applications/export.xlsx")
		all := readSheet(t, []byte(body), "台账")
		if len(all) < 20 {
			t.Fatalf("unfiltered 台账 has %d rows", len(all))
		}
		if strings.Contains(body, testIDNumber) {
			t.Error("the export carries an identity number")
		}
		// Another agency's clerk asking for this agency: refused.
		if resp, _ := e.login("yb.jingban").get(fmt.Sprintf("/console/applications/export.xlsx?agency=%d", e.user("wj.jingban").AgencyID)); resp.StatusCode != http.StatusNotFound && resp.StatusCode != http.StatusForbidden {
			t.Errorf("another agency's export: %d", resp.StatusCode)
		}

		// The catalog, by state.
		_, page = clerkC.get("/console/catalog?state=published")
		if !strings.Contains(page, `id="export-catalog"`) {
			t.Fatal("the catalog has no export link")
		}
		resp, body = clerkC.get("/console/catalog/export.xlsx?state=published")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("catalog export: %d", resp.StatusCode)
		}
		cat := readSheet(t, []byte(body), "目录")
		if len(cat) < 3 || !strings.Contains(cat[0][0], "主动公开目录") || cat[1][0] != "索引号" || cat[1][2] != "主题分类" {
			t.Fatalf("catalog: %v", cat[:min(3, len(cat))])
		}
		for _, r := range cat[2:] {
			if len(r) < 10 || r[9] != "已发布" || r[0] == "" || strings.ContainsAny(r[2], "abcdefghijklmnopqrstuvwxyz_") {
				t.Fatalf("catalog row: %v", r)
			}
		}
	})
}
