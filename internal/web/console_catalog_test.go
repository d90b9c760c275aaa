package web

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"gongkai/internal/account"
	"gongkai/internal/apperr"
	"gongkai/internal/catalog"
	"gongkai/internal/demo"
	"gongkai/internal/store"
)

// postMultipart sends a multipart form with files (name → content) and the CSRF token of
// the last page seen.
func (c *client) postMultipart(path string, fields url.Values, files map[string][2]string) (*http.Response, string) {
	c.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	if fields.Get("_csrf") == "" {
		fields.Set("_csrf", c.csrf)
	}
	for k, vs := range fields {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	for field, f := range files {
		w, _ := mw.CreateFormFile(field, f[0])
		w.Write([]byte(f[1]))
	}
	mw.Close()
	req, _ := http.NewRequest("POST", c.base+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.do(req)
}

var itemLocation = regexp.MustCompile(`^/console/catalog/(\d+)`)

func createdItemID(t *testing.T, resp *http.Response, body string) int64 {
	t.Helper()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: status %d\n%s", resp.StatusCode, body)
	}
	m := itemLocation.FindStringSubmatch(resp.Header.Get("Location"))
	if m == nil {
		t.Fatalf("save redirected to %q", resp.Header.Get("Location"))
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	return id
}

func itemForm(title string) url.Values {
	return url.Values{
		"title": {title}, "topic": {"policy_documents"}, "kind": {"normative"}, "publisher": {"清河区卫生健康局"},
		"written_on": {"2026-01-05"}, "doc_no": {"清卫规〔2026〕1号"}, "keywords": {"卫生；管理"}, "validity": {"valid"},
		"summary": {"概述"}, "body": {`<p>正文内容</p><script>alert("x")</script><p onclick="steal()">第二段</p>`},
	}
}

func (e *testEnv) step(c *client, id int64, action string, extra url.Values) (*http.Response, string) {
	e.t.Helper()
	c.get(fmt.Sprintf("/console/catalog/%d", id))
	if extra == nil {
		extra = url.Values{}
	}
	extra.Set("action", action)
	if action == "pass_review" && extra["clear"] == nil {
		extra["clear"] = allClear()
		extra.Set("opinion", "经审查，不涉及国家秘密等不宜公开的内容，同意公开")
	}
	return c.post(fmt.Sprintf("/console/catalog/%d/step", id), extra)
}

func TestCatalogConsoleWorkflow(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		clerkC := e.login("wj.jingban")
		if resp, body := clerkC.get("/console/catalog/new"); resp.StatusCode != 200 || !strings.Contains(body, "新建信息") {
			t.Fatalf("new form: %d", resp.StatusCode)
		}
		resp, body := clerkC.post("/console/catalog", itemForm("清河区医疗机构管理办法"))
		id := createdItemID(t, resp, body)

		_, page := clerkC.get(fmt.Sprintf("/console/catalog/%d", id))
		if strings.Contains(page, "<script>alert") || strings.Contains(page, "steal()") {
			t.Fatal("script from the body reached the console page")
		}
		if !strings.Contains(page, "正文内容") || !strings.Contains(page, "act-submit") {
			t.Fatalf("item page lacks body or submit button:\n%s", page)
		}

		// A clerk may not pass 保密审查; a reviewer cannot approve before review.
		if resp, body := e.step(clerkC, id, "submit", nil); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("submit: %d\n%s", resp.StatusCode, body)
		}
		if resp, body := e.step(clerkC, id, "pass_review", nil); resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "审") {
			t.Fatalf("clerk passing review: %d", resp.StatusCode)
		}
		reviewerC := e.login("wj.shenhe")
		if _, home := reviewerC.get("/console/"); !strings.Contains(home, "待我保密审查") {
			t.Error("reviewer dashboard lacks the catalog widget")
		}
		if resp, _ := e.step(reviewerC, id, "reject_review", nil); resp.StatusCode != http.StatusBadRequest {
			t.Fatalf("rejection without reason: %d", resp.StatusCode)
		}
		if resp, body := e.step(reviewerC, id, "pass_review", nil); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("pass review: %d\n%s", resp.StatusCode, body)
		}
		public := e.anon()
		if resp, _ := public.get(fmt.Sprintf("/items/%d", id)); resp.StatusCode != http.StatusNotFound {
			t.Fatalf("unpublished item on the portal: %d", resp.StatusCode)
		}
		headC := e.login("wj.fuze")
		resp, _ = e.step(headC, id, "approve", nil)
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("approve: %d", resp.StatusCode)
		}
		if !strings.Contains(resp.Header.Get("Location"), "11610802016083285C%2F2026-") {
			t.Errorf("approval notice lacks the 索引号: %s", resp.Header.Get("Location"))
		}
		it, err := store.ItemByID(context.Background(), e.db, id)
		if err != nil || it.State != catalog.Published || !strings.HasPrefix(it.IndexNo, "11610802016083285C/2026-") {
			t.Fatalf("after approval: %+v %v", it.State, err)
		}
		if strings.Contains(it.BodyHTML, "script") || strings.Contains(it.BodyHTML, "onclick") {
			t.Fatalf("stored body not sanitised: %q", it.BodyHTML)
		}
		resp, portal := public.get(fmt.Sprintf("/items/%d", id))
		if resp.StatusCode != 200 || !strings.Contains(portal, "正文内容") || strings.Contains(portal, "<script>alert") || strings.Contains(portal, "steal()") {
			t.Fatalf("portal page: %d, script reached it or body missing", resp.StatusCode)
		}
		// Another agency's staff cannot see it.
		if resp, _ := e.login("yb.jingban").get(fmt.Sprintf("/console/catalog/%d", id)); resp.StatusCode != http.StatusNotFound {
			t.Errorf("other agency sees the item: %d", resp.StatusCode)
		}
		// 效力状态 change by the head.
		resp, body = e.step(headC, id, "change_validity", url.Values{"validity": {"repealed"}, "effective_on": {"2026-03-01"}, "reason": {"已修订"}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("change validity: %d\n%s", resp.StatusCode, body)
		}
		if _, page := headC.get(fmt.Sprintf("/console/catalog/%d", id)); !strings.Contains(page, "废止") || !strings.Contains(page, "已修订") {
			t.Error("history or validity not shown")
		}
	})
}

// allClear is every point of the 保密审查 checklist, as the form sends them.
func allClear() []string {
	var out []string
	for _, c := range catalog.SecrecyChecks {
		out = append(out, string(c))
	}
	return out
}

// One person holding 审核人 and 负责人 reviews a colleague's item and may not approve it;
// the checklist is required; the 保密审查单 prints the review.
func TestCatalogConsoleTwoPersons(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		ctx := context.Background()
		ag, _ := store.AgencyByName(ctx, e.db, "清河区卫生健康局")
		hash, _ := account.DefaultPasswords().Hash(context.Background(), demo.Password)
		err := e.db.InTx(ctx, func(tx *store.Tx) error {
			u := account.User{AgencyID: ag.ID, Username: "wj.shenfu", DisplayName: "审批兼审核", PasswordHash: hash, Roles: []account.Role{account.Reviewer, account.Head}}
			return tx.Users().Create(ctx, account.System(), &u)
		})
		if err != nil {
			t.Fatal(err)
		}
		clerkC := e.login("wj.jingban")
		clerkC.get("/console/catalog/new")
		resp, body := clerkC.post("/console/catalog", itemForm("两人审查测试件"))
		id := createdItemID(t, resp, body)
		if resp, _ := e.step(clerkC, id, "submit", nil); resp.StatusCode != http.StatusSeeOther {
			t.Fatal("submit failed")
		}
		both := e.login("wj.shenfu")
		_, page := both.get(fmt.Sprintf("/console/catalog/%d", id))
		if !strings.Contains(page, `id="clear-pass_review-privacy"`) || !strings.Contains(page, `id="opinion-pass_review"`) {
			t.Fatal("the review form has no checklist")
		}
		partial := url.Values{"clear": {"state_secret", "work_secret"}, "opinion": {"同意"}}
		if resp, body := e.step(both, id, "pass_review", partial); resp.StatusCode != http.StatusBadRequest || !strings.Contains(errorText(body), "商业秘密、个人隐私") {
			t.Fatalf("pass with the checklist half done: %d %q", resp.StatusCode, errorText(body))
		}
		if resp, body := e.step(both, id, "pass_review", nil); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("pass review: %d %q", resp.StatusCode, errorText(body))
		}
		_, page = both.get(fmt.Sprintf("/console/catalog/%d", id))
		if strings.Contains(page, `id="act-approve"`) {
			t.Error("the reviewer is offered approval")
		}
		audits := auditRows(t, e.db)
		if resp, body := e.step(both, id, "approve", nil); resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "既进行保密审查又进行审批") {
			t.Fatalf("the reviewer approves: %d", resp.StatusCode)
		}
		if auditRows(t, e.db) != audits {
			t.Error("a refused approval was audited")
		}
		if resp, body := e.step(e.login("wj.fuze"), id, "approve", nil); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("another head approves: %d %q", resp.StatusCode, errorText(body))
		}
		_, sheet := clerkC.get(fmt.Sprintf("/console/catalog/%d/secrecy", id))
		for _, want := range []string{"政府信息公开保密审查单", "两人审查测试件", "保密审查通过，同意公开", "个人隐私", "☑ 不涉及", "审批兼审核", "同意公开"} {
			if !strings.Contains(sheet, want) {
				t.Errorf("保密审查单 lacks %q", want)
			}
		}
		if strings.Contains(sheet, "☐") {
			t.Error("保密审查单 shows a point not confirmed")
		}
		if resp, _ := e.login("yb.jingban").get(fmt.Sprintf("/console/catalog/%d/secrecy", id)); resp.StatusCode != http.StatusNotFound {
			t.Errorf("another agency reads the 保密审查单: %d", resp.StatusCode)
		}
	})
}

func TestCatalogConsoleSelfApprovalRefused(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		ctx := context.Background()
		ag, _ := store.AgencyByName(ctx, e.db, "清河区卫生健康局")
		hash, _ := account.DefaultPasswords().Hash(context.Background(), demo.Password)
		err := e.db.InTx(ctx, func(tx *store.Tx) error {
			u := account.User{AgencyID: ag.ID, Username: "wj.quanneng", DisplayName: "全能用户", PasswordHash: hash, Roles: []account.Role{account.Clerk, account.Reviewer, account.Head}}
			return tx.Users().Create(ctx, account.System(), &u)
		})
		if err != nil {
			t.Fatal(err)
		}
		c := e.login("wj.quanneng")
		c.get("/console/catalog/new")
		resp, body := c.post("/console/catalog", itemForm("自己起草自己审查"))
		id := createdItemID(t, resp, body)
		if resp, _ := e.step(c, id, "submit", nil); resp.StatusCode != http.StatusSeeOther {
			t.Fatal("submit failed")
		}
		_, page := c.get(fmt.Sprintf("/console/catalog/%d", id))
		if strings.Contains(page, `id="act-pass_review"`) {
			t.Error("the author is offered the review button on their own draft")
		}
		audits := auditRows(t, e.db)
		resp, body = e.step(c, id, "pass_review", nil)
		if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "本人") && !strings.Contains(body, "自己") {
			t.Fatalf("self review: %d\n%s", resp.StatusCode, body)
		}
		if auditRows(t, e.db) != audits {
			t.Error("refused self review was audited as done")
		}
	})
}

func auditRows(t *testing.T, db *store.DB) int {
	var n int
	if err := db.QueryRow(context.Background(), `SELECT COUNT(*) FROM audit_log`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

var testPDF = "%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"

func TestCatalogConsoleAttachments(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		c := e.login("wj.jingban")
		c.get("/console/catalog/new")
		// HTML disguised as a PDF is refused, with the reason, and nothing is saved.
		resp, body := c.postMultipart("/console/catalog", itemForm("带伪装附件"), map[string][2]string{"files": {"通知.pdf", "<html><script>alert(1)</script></html>"}})
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "不是允许的类型") {
			t.Fatalf("disguised HTML: %d", resp.StatusCode)
		}
		resp, body = c.postMultipart("/console/catalog", itemForm("带附件"), map[string][2]string{"files": {`关于"印发"的通知.exe`, testPDF}})
		id := createdItemID(t, resp, body)
		resp, data := c.get(fmt.Sprintf("/console/catalog/%d/files/0", id))
		if resp.StatusCode != 200 || data != testPDF {
			t.Fatalf("download: %d", resp.StatusCode)
		}
		h := resp.Header
		if h.Get("Content-Type") != "application/pdf" || h.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("headers: %v", h)
		}
		cd := h.Get("Content-Disposition")
		if !strings.HasPrefix(cd, "attachment;") || !strings.Contains(cd, "filename*=") || !strings.Contains(cd, ".pdf") {
			t.Errorf("Content-Disposition %q", cd)
		}
		if resp, _ := e.login("yb.jingban").get(fmt.Sprintf("/console/catalog/%d/files/0", id)); resp.StatusCode != http.StatusNotFound {
			t.Errorf("other agency downloads the file: %d", resp.StatusCode)
		}
	})
}

func TestCatalogConsoleImportAllOrNothing(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		ctx := context.Background()
		ag, _ := store.AgencyByName(ctx, e.db, "清河区卫生健康局")
		count := func() int {
			_, n, err := store.CatalogItems(ctx, e.db, store.CatalogFilter{AgencyID: ag.ID})
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
		before := count()
		c := e.login("wj.jingban")
		c.get("/console/catalog/import")
		bad := "索引号,名称,主题分类,发布机构,成文日期,发布日期\n" +
			"11610802016083285C/2019-00001,甲通知,政策文件,清河区卫生健康局,2019-03-01,2019-03-02\n" +
			"11610802016083285C/2019-00002,乙通知,政策文件,清河区卫生健康局,2019-02-30,2019-03-02\n"
		resp, body := c.postMultipart("/console/catalog/import", url.Values{}, map[string][2]string{"file": {"目录.csv", bad}})
		if resp.StatusCode != 200 || !strings.Contains(body, "第3行") || strings.Contains(body, "confirm-import") {
			t.Fatalf("bad file preview: %d\n%s", resp.StatusCode, body)
		}
		good := strings.Replace(bad, "2019-02-30", "2019-02-28", 1)
		resp, body = c.postMultipart("/console/catalog/import", url.Values{}, map[string][2]string{"file": {"目录.csv", good}})
		if !strings.Contains(body, "confirm-import") {
			t.Fatalf("good file not offered for import: %d\n%s", resp.StatusCode, body)
		}
		data := regexp.MustCompile(`name="data" value="([^"]+)"`).FindStringSubmatch(body)
		digest := regexp.MustCompile(`name="digest" value="([^"]+)"`).FindStringSubmatch(body)
		form := url.Values{"data": {html.UnescapeString(data[1])}, "digest": {digest[1]}}
		resp, body = c.postMultipart("/console/catalog/import/confirm", form, nil)
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("confirm: %d\n%s", resp.StatusCode, body)
		}
		if got := count(); got != before+2 {
			t.Fatalf("imported %d items, want 2", got-before)
		}
		// The same file again: its 索引号 are taken, so nothing at all is imported.
		form.Set("_csrf", c.csrf)
		resp, body = c.postMultipart("/console/catalog/import/confirm", form, nil)
		if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "未导入任何信息") {
			t.Fatalf("second import: %d", resp.StatusCode)
		}
		if got := count(); got != before+2 {
			t.Fatalf("a failed import left %d items", got-before-2)
		}
	})
}

func TestCatalogConsoleFigures(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		ctx := context.Background()
		ag, _ := store.AgencyByName(ctx, e.db, "清河区卫生健康局")
		c := e.login("wj.jingban")
		c.get("/console/catalog/figures?year=2019")
		resp, body := c.post("/console/catalog/figures", url.Values{"year": {"2019"}, "m1_licensing": {"12"}, "m1_penalty": {"0"}, "m1_enforcement": {"0"}, "m1_fees": {"1,234.50"}, "m2_penalty": {"-1"}})
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "2月") {
			t.Fatalf("negative figure: %d", resp.StatusCode)
		}
		// A blank is not a zero: a month is entered with all four figures.
		resp, body = c.post("/console/catalog/figures", url.Values{"year": {"2019"}, "m1_licensing": {"12"}, "m1_fees": {"1,234.50"}})
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "1月：行政处罚未填写（没有的请填 0）") {
			t.Fatalf("a month partly filled in: %d", resp.StatusCode)
		}
		if figs, _ := store.MonthlyFigures(ctx, e.db, ag.ID, 2019); len(figs) != 0 {
			t.Fatalf("a refused form saved %+v", figs)
		}
		resp, _ = c.post("/console/catalog/figures", url.Values{"year": {"2019"}, "m1_licensing": {"12"}, "m1_penalty": {"0"}, "m1_enforcement": {"0"}, "m1_fees": {"1,234.50"}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("save: %d", resp.StatusCode)
		}
		csv := "月份,行政许可,行政处罚,行政强制,行政事业性收费（元）\n2月,3,4,0,0\n3月,1,0,0,100\n合计,4,4,0,100\n"
		c.get("/console/catalog/figures?year=2019")
		resp, body = c.postMultipart("/console/catalog/figures/import", url.Values{"year": {"2019"}}, map[string][2]string{"file": {"figures.csv", csv}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("import: %d\n%s", resp.StatusCode, body)
		}
		figs, _ := store.MonthlyFigures(ctx, e.db, ag.ID, 2019)
		sum, _ := catalog.SumYear(figs, 2019)
		if sum.Licensing != 16 || sum.Penalty != 4 || sum.Fees != 133450 {
			t.Fatalf("sum = %+v", sum)
		}
		_, page := c.get("/console/catalog/figures?year=2019")
		if !strings.Contains(page, "4月") || !strings.Contains(page, "missing-months") {
			t.Error("missing months not warned")
		}
		// An entered zero shows as 0, a month not entered as blank.
		if !strings.Contains(page, `name="m2_enforcement" value="0"`) || !strings.Contains(page, `name="m4_enforcement" value=""`) {
			t.Error("the form does not tell a zero from a month not entered")
		}
		if !strings.Contains(page, "doc-counts") {
			t.Error("figures page lacks the document counts")
		}
	})
}

func TestParseMonthlyFigures(t *testing.T) {
	const h = "月份,行政许可,行政处罚,行政强制,行政事业性收费（元）\n"
	tests := []struct {
		name, in string
		months   int
		err      string
	}{
		{"plain", h + "1,2,3,0,0\n2月,0,1,0,0\n", 2, ""},
		{"year in month", h + "2025年3月,5,0,0,0\n2025-04,6,0,0,0\n", 2, ""},
		{"wan yuan", "月份,行政许可,行政处罚,行政强制,行政事业性收费（万元）\n1,0,0,0,0.5\n", 1, ""},
		{"a month listed, not filled in", h + "1,2,3,0,0\n2月,,,,\n3月,0,0,0,0\n", 2, ""},
		{"other year", h + "2024年3月,5,0,0,0\n", 0, "不是2025年"},
		{"duplicate", h + "1,1,0,0,0\n1月,2,0,0,0\n", 0, "重复"},
		{"bad month", h + "13,1,0,0,0\n", 0, "月份"},
		{"no header", "a,b\n1,2\n", 0, "表头"},
		{"fraction", h + "1,0,1.5,0,0\n", 0, "整数"},
		{"a column missing", "月份,行政许可,行政处罚\n1,2,3\n", 0, "表头缺少“行政强制”“行政事业性收费”列"},
		{"a blank is not a zero", h + "1,2,,0,0\n", 0, "第2行：行政处罚未填写（没有的请填 0）"},
		{"a blank fee is not a zero", h + "1,2,0,0,\n", 0, "行政事业性收费未填写"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			figs, err := ParseMonthlyFigures([]byte(tt.in), 2025)
			if tt.err != "" {
				if !apperr.Is(err, apperr.Invalid) || !strings.Contains(apperr.MessageOf(err), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil || len(figs) != tt.months {
				t.Fatalf("figs = %+v, %v", figs, err)
			}
		})
	}
	figs, _ := ParseMonthlyFigures([]byte("月份,行政许可,行政处罚,行政强制,行政事业性收费（万元）\n1,0,0,0,0.5\n"), 2025)
	if figs[0].Fees != 500000 {
		t.Errorf("0.5万元 = %d 分", figs[0].Fees)
	}
	// XLSX with a title row above the header, as spreadsheets made by hand have.
	x := excelize.NewFile()
	x.SetSheetRow("Sheet1", "A1", &[]any{"2025年月度数据"})
	x.SetSheetRow("Sheet1", "A2", &[]any{"月份", "行政许可", "行政处罚", "行政强制", "行政事业性收费（元）"})
	x.SetSheetRow("Sheet1", "A3", &[]any{"1月", 3, 1, 0, 99.5})
	x.SetSheetRow("Sheet1", "A4", &[]any{"2月", 4, 0, 1, 0})
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		t.Fatal(err)
	}
	figs, err := ParseMonthlyFigures(buf.Bytes(), 2025)
	if err != nil || len(figs) != 2 || figs[0].Fees != 9950 || figs[1].Enforcement != 1 {
		t.Fatalf("xlsx: %+v, %v", figs, err)
	}
}

func FuzzParseMonthlyFigures(f *testing.F) {
	f.Add([]byte("月份,行政许可,行政处罚,行政强制,行政事业性收费（元）\n1,2,3,4,5.5\n"))
	f.Add([]byte("月份,行政许可,行政处罚,行政强制,行政事业性收费（万元）\n2025年1月,0,0,0,0.000001\n"))
	f.Add([]byte("PK\x03\x04garbage"))
	f.Fuzz(func(t *testing.T, data []byte) {
		figs, err := ParseMonthlyFigures(data, 2025)
		if err != nil {
			if !apperr.Is(err, apperr.Invalid) {
				t.Fatalf("non-invalid error %v", err)
			}
			return
		}
		if _, err := catalog.SumYear(figs, 2025); err != nil {
			t.Fatalf("parsed figures do not sum: %v", err)
		}
	})
}

func TestCatalogFromApplication(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		ctx := context.Background()
		ag, _ := store.AgencyByName(ctx, e.db, "清河区卫生健康局")
		var appID int64
		var applicant string
		err := e.db.QueryRow(ctx, `SELECT id, applicant_name FROM applications WHERE agency_id = ? AND outcome IN ('granted', 'partial') ORDER BY id LIMIT 1`, ag.ID).Scan(&appID, &applicant)
		if err != nil {
			t.Fatalf("no replied application in the demo data: %v", err)
		}
		c := e.login("wj.jingban")
		_, page := c.get(fmt.Sprintf("/console/applications/%d", appID))
		if !strings.Contains(page, "to-catalog") {
			t.Error("application page lacks the 转为主动公开 button")
		}
		resp, body := c.post(fmt.Sprintf("/console/applications/%d/to-catalog", appID), url.Values{})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("to-catalog: %d\n%s", resp.StatusCode, body)
		}
		id := createdItemID(t, resp, body)
		it, err := store.ItemByID(ctx, e.db, id)
		if err != nil || it.State != catalog.Draft || len(it.FromApplications) != 1 || it.FromApplications[0] != appID {
			t.Fatalf("draft = %+v, %v", it, err)
		}
		if strings.Contains(it.Title+it.Summary+it.BodyHTML, applicant) {
			t.Error("the draft carries the applicant's name")
		}
		items, _, _ := store.CatalogItems(ctx, e.db, store.CatalogFilter{ApplicationID: appID})
		if len(items) != 1 {
			t.Errorf("items linked to the application: %d", len(items))
		}
	})
}

func TestCatalogSettings(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		c := e.login("wj.admin")
		_, page := c.get("/console/catalog/settings")
		if !strings.Contains(page, "index-example") || !strings.Contains(page, "11610802016083285C/") {
			t.Fatalf("settings page lacks the example:\n%s", page)
		}
		resp, body := c.post("/console/catalog/settings/index", url.Values{"index_pattern": {"{code}/{year}"}})
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "seq") && !strings.Contains(body, "顺序号") && !strings.Contains(body, "序号") {
			t.Fatalf("pattern without serial: %d", resp.StatusCode)
		}
		c.get("/console/catalog/settings")
		if resp, _ := c.post("/console/catalog/settings/index", url.Values{"index_pattern": {"QW-{year}-{seq:4}"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("valid pattern: %d", resp.StatusCode)
		}
		if resp, _ := e.login("wj.jingban").get("/console/catalog/settings"); resp.StatusCode != http.StatusForbidden {
			t.Errorf("clerk opens settings: %d", resp.StatusCode)
		}
		// The same field on the agency form, saved with the agency in one transaction.
		ag, _ := store.AgencyByName(context.Background(), e.db, "清河区卫生健康局")
		edit := fmt.Sprintf("/console/agencies/%d", ag.ID)
		_, form := c.get(edit + "/edit")
		if !strings.Contains(form, `value="QW-{year}-{seq:4}"`) {
			t.Fatalf("agency form lacks the 索引号格式 field")
		}
		fields := url.Values{"name": {ag.Name}, "short_name": {ag.ShortName}, "credit_code": {ag.CreditCode}, "office_name": {ag.OfficeName},
			"office_address": {ag.OfficeAddress}, "office_postcode": {ag.OfficePostcode}, "office_phone": {ag.OfficePhone},
			"office_hours": {ag.OfficeHours}, "office_email": {ag.OfficeEmail}, "website": {ag.Website}}
		fields.Set("index_pattern", "{code}-{year}")
		if resp, body := c.post(edit, fields); resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "索引号格式") {
			t.Fatalf("bad pattern on the agency form: %d", resp.StatusCode)
		} else if !strings.Contains(body, `value="{code}-{year}"`) {
			t.Errorf("the refused form lost the pattern the user typed")
		}
		c.get(edit + "/edit")
		fields.Set("index_pattern", "{code}/{year}-{seq:6}")
		if resp, _ := c.post(edit, fields); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("agency form: %d", resp.StatusCode)
		}
		if src, _ := store.AgencyIndexPatternSource(context.Background(), e.db, ag.ID); src != "{code}/{year}-{seq:6}" {
			t.Errorf("pattern = %q", src)
		}
	})
}

func TestCatalogConsoleList(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		c := e.login("wj.jingban")
		resp, page := c.get("/console/catalog")
		if resp.StatusCode != 200 || !strings.Contains(page, "catalog-items") {
			t.Fatalf("list: %d", resp.StatusCode)
		}
		for _, q := range []string{"?state=published", "?late=1", "?topic=policy_documents&kind=normative&year=2026", "?state=x"} {
			resp, _ := c.get("/console/catalog" + q)
			want := 200
			if q == "?state=x" {
				want = 400
			}
			if resp.StatusCode != want {
				t.Errorf("%s: %d", q, resp.StatusCode)
			}
		}
		gkb := e.login("gkb")
		if _, page := gkb.get("/console/catalog?agency=1"); !strings.Contains(page, "catalog-items") {
			t.Error("政务公开办 cannot read the departments' catalogs")
		}
	})
}

func TestContentDisposition(t *testing.T) {
	for _, name := range []string{`关于"印发"的通知.pdf`, "plain.pdf", "a;b%c\r\n.docx", "空 格+和&号.xlsx"} {
		cd := contentDisposition(name)
		if strings.ContainsAny(cd, "\r\n") || strings.Count(cd, `"`) != 2 {
			t.Errorf("%q: unsafe header %q", name, cd)
		}
		i := strings.Index(cd, "filename*=UTF-8''")
		if i < 0 {
			t.Fatalf("%q: no filename*: %q", name, cd)
		}
		enc := cd[i+len("filename*=UTF-8''"):]
		if strings.ContainsAny(enc, ` ;"'%`[:4]) {
			t.Errorf("%q: filename* not encoded: %q", name, enc)
		}
		if got, err := url.PathUnescape(enc); err != nil || got != name {
			t.Errorf("%q: filename* decodes to %q, %v", name, got, err)
		}
	}
}
