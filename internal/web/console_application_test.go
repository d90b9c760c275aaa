package web

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/foirequest"
	"gongkai/internal/store"
	"gongkai/internal/workday"
)

const testIDNumber = "11010519491231002X"

var timeNow = time.Now

func intakeValues(desc string) url.Values {
	today := workday.Format(workday.Of(timeNow()))
	return url.Values{
		"channel": {"in_person"}, "submitted": {today}, "kind": {"natural_person"}, "name": {"测试甲"},
		"id_type": {"resident_id"}, "id_number": {testIDNumber}, "phone": {"13812345678"},
		"description": {desc}, "delivery": {"email"},
	}
}

var caseURLRe = regexp.MustCompile(`^/console/applications/(\d+)`)

// registerByForm registers an application through the console and returns its id.
func registerByForm(t *testing.T, c *client, desc string) string {
	t.Helper()
	c.get("/console/applications/new")
	resp, body := c.post("/console/applications", intakeValues(desc))
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("register: %d %s", resp.StatusCode, errorText(body))
	}
	m := caseURLRe.FindStringSubmatch(resp.Header.Get("Location"))
	if m == nil {
		t.Fatalf("register redirected to %q", resp.Header.Get("Location"))
	}
	return m[1]
}

var errorRe = regexp.MustCompile(`class="error" role="alert">([^<]*)<`)

func errorText(body string) string {
	if m := errorRe.FindStringSubmatch(body); m != nil {
		return m[1]
	}
	return ""
}

func postMultipart(t *testing.T, c *client, path string, fields url.Values, fileField, fileName string, data []byte) (*http.Response, string) {
	t.Helper()
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
	if fileName != "" {
		fw, _ := mw.CreateFormFile(fileField, fileName)
		fw.Write(data)
	}
	mw.Close()
	req, _ := http.NewRequest("POST", c.base+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.do(req)
}

func TestApplicationConsole(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		e.noReview("wj.jingban")
		clerkC := e.login("wj.jingban")
		id := registerByForm(t, clerkC, "2025年本区医疗机构不良事件通报")
		_, body := clerkC.get("/console/applications/" + id)
		if !strings.Contains(body, testIDNumber) || !strings.Contains(body, "13812345678") || !strings.Contains(body, "〔") {
			t.Fatal("clerk of the agency does not see the applicant in full")
		}
		// The list shows it with its due date.
		_, body = clerkC.get("/console/applications?q=" + url.QueryEscape("不良事件"))
		if !strings.Contains(body, "2025年本区医疗机构不良事件通报") || !strings.Contains(body, "剩") {
			t.Fatal("list does not show the application")
		}

		// Duplicate submission is refused with a clear message (a conflict: 409, the one
		// apperr map).
		clerkC.get("/console/applications/new")
		resp, body := clerkC.post("/console/applications", intakeValues("2025年本区医疗机构不良事件通报"))
		if resp.StatusCode != http.StatusConflict || !strings.Contains(errorText(body), "请勿重复提交") {
			t.Fatalf("duplicate: %d %q", resp.StatusCode, errorText(body))
		}
		// Unknown channel and future date.
		form := intakeValues("另一项申请")
		form.Set("channel", "pigeon")
		if resp, body := clerkC.post("/console/applications", form); resp.StatusCode != http.StatusBadRequest || !strings.Contains(errorText(body), "未知的申请渠道") {
			t.Fatalf("unknown channel: %d %q", resp.StatusCode, errorText(body))
		}
		form = intakeValues("另一项申请")
		form.Set("submitted", "2099-01-01")
		if resp, _ := clerkC.post("/console/applications", form); resp.StatusCode != http.StatusBadRequest {
			t.Fatalf("future day: %d", resp.StatusCode)
		}

		// Another agency's staff: 404 for reading and writing.
		other := e.login("yb.jingban")
		if resp, _ := other.get("/console/applications/" + id); resp.StatusCode != http.StatusNotFound {
			t.Fatalf("other agency reads: %d", resp.StatusCode)
		}
		if resp, _ := other.get("/console/applications/" + id + "/explain"); resp.StatusCode != http.StatusNotFound {
			t.Fatalf("other agency reads explanation: %d", resp.StatusCode)
		}
		if resp, _ := other.post("/console/applications/"+id+"/events", url.Values{"type": {"accepted"}, "day": {workday.Format(workday.Of(timeNow()))}}); resp.StatusCode != http.StatusNotFound {
			t.Fatalf("other agency writes: %d", resp.StatusCode)
		}
		if _, body := other.get("/console/applications"); strings.Contains(body, "不良事件") {
			t.Fatal("other agency lists the application")
		}

		// 政务公开办 of the government reads it, masked.
		gkb := e.login("gkb")
		resp, body = gkb.get("/console/applications/" + id)
		if resp.StatusCode != http.StatusOK || strings.Contains(body, testIDNumber) || strings.Contains(body, "13812345678") || !strings.Contains(body, foirequest.MaskID(testIDNumber)) {
			t.Fatalf("open office view: %d masked=%v", resp.StatusCode, !strings.Contains(body, testIDNumber))
		}
		if strings.Contains(body, `id="actions"`) {
			t.Error("open office of another agency gets action forms")
		}
		sys := e.login("admin")
		if _, body := sys.get("/console/applications/" + id); strings.Contains(body, testIDNumber) || strings.Contains(body, `id="actions"`) {
			t.Error("system administrator sees the applicant in full or gets action forms")
		}
		if resp, _ := sys.post("/console/applications/"+id+"/events", url.Values{"type": {"accepted"}, "day": {workday.Format(workday.Of(timeNow()))}}); resp.StatusCode != http.StatusForbidden {
			t.Fatalf("system administrator records a step: %d", resp.StatusCode)
		}
		if resp, _ := gkb.post("/console/applications/"+id+"/events", url.Values{"type": {"accepted"}, "day": {workday.Format(workday.Of(timeNow()))}}); resp.StatusCode != http.StatusForbidden {
			t.Fatalf("open office writes: %d", resp.StatusCode)
		}

		// CSRF: a POST without the token is refused and writes nothing.
		appID := mustInt(t, id)
		before := e.app(appID)
		clerkC.get("/console/applications/" + id)
		if resp, _ := clerkC.postRaw("/console/applications/"+id+"/events", url.Values{"type": {"accepted"}, "day": {workday.Format(workday.Of(timeNow()))}}); resp.StatusCode != http.StatusForbidden {
			t.Fatalf("no CSRF token: %d", resp.StatusCode)
		}
		// An illegal step is refused (409) and writes nothing.
		resp, body = clerkC.post("/console/applications/"+id+"/events", url.Values{"type": {"corrected"}, "day": {workday.Format(workday.Of(timeNow()))}})
		if resp.StatusCode != http.StatusConflict || errorText(body) == "" {
			t.Fatalf("illegal step: %d %q", resp.StatusCode, errorText(body))
		}
		after := e.app(appID)
		if len(after.Events) != len(before.Events) {
			t.Fatal("refused steps were written")
		}

		// Accept; only a 负责人 may approve an extension.
		today := workday.Format(workday.Of(timeNow()))
		clerkC.get("/console/applications/" + id)
		if resp, body := clerkC.post("/console/applications/"+id+"/events", url.Values{"type": {"accepted"}, "day": {today}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("accept: %d %q", resp.StatusCode, errorText(body))
		}
		clerkC.get("/console/applications/" + id)
		ext := func() url.Values {
			return url.Values{"type": {"extended"}, "day": {today}, "days": {"10"}, "reason": {"需调取历年档案"}}
		}
		if resp, _ := clerkC.post("/console/applications/"+id+"/events", ext()); resp.StatusCode != http.StatusForbidden {
			t.Fatalf("clerk extends: %d", resp.StatusCode)
		}
		reviewerC := e.login("wj.shenhe")
		reviewerC.get("/console/applications/" + id)
		if resp, _ := reviewerC.post("/console/applications/"+id+"/events", ext()); resp.StatusCode != http.StatusForbidden {
			t.Fatalf("reviewer extends: %d", resp.StatusCode)
		}
		headC := e.login("wj.fuze")
		_, body = headC.get("/console/applications/" + id)
		if !strings.Contains(body, `id="form-extended"`) {
			t.Fatal("head has no extension form")
		}
		if resp, body := headC.post("/console/applications/"+id+"/events", ext()); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("head extends: %d %q", resp.StatusCode, errorText(body))
		}
		got := e.app(appID)
		last := got.Events[len(got.Events)-1]
		if last.Type != foirequest.EventExtended || last.ApprovedBy != "赵刚" || last.Days != 10 {
			t.Fatalf("extension stored as %+v", last)
		}

		// Reply with a withholding type needs a reason; with one and a file it closes the case.
		clerkC.get("/console/applications/" + id)
		resp, body = postMultipart(t, clerkC, "/console/applications/"+id+"/events", url.Values{"type": {"replied"}, "day": {today}, "reply": {"withheld.third_party"}}, "files", "答复书.txt", []byte("答复书正文"))
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(errorText(body), "说明理由") {
			t.Fatalf("withholding reply without reason: %d %q", resp.StatusCode, errorText(body))
		}
		resp, body = postMultipart(t, clerkC, "/console/applications/"+id+"/events", url.Values{"type": {"replied"}, "day": {today}, "reply": {"withheld.third_party"}, "reason": {"涉及第三方商业秘密，第三方不同意公开"}}, "files", "答复书.txt", []byte("答复书正文"))
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("reply: %d %q", resp.StatusCode, errorText(body))
		}
		got = e.app(appID)
		files := e.files(appID)
		if got.State != foirequest.StateReplied || len(files) != 1 || files[0].EventSeq != len(got.Events) {
			t.Fatalf("after reply: %s, %d files", got.State, len(files))
		}
		fileURL := "/console/applications/" + id + "/files/" + itoa(files[0].ID)
		if resp, body := clerkC.get(fileURL); resp.StatusCode != http.StatusOK || body != "答复书正文" {
			t.Fatalf("download: %d", resp.StatusCode)
		}
		if resp, _ := other.get(fileURL); resp.StatusCode != http.StatusNotFound {
			t.Fatalf("other agency downloads: %d", resp.StatusCode)
		}
		_, body = clerkC.get("/console/applications/" + id + "/explain")
		if !strings.Contains(body, "答复期限届满日") || !strings.Contains(body, "赵刚同意") {
			t.Fatal("explanation page")
		}
		// Dashboard widget.
		_, body = clerkC.get("/console/")
		if !strings.Contains(body, "依申请公开") || !strings.Contains(body, "/console/applications?status=overdue") {
			t.Fatal("dashboard widget missing")
		}
	})
}

func TestCalendarConsole(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		ctx := context.Background()
		clerkC := e.login("wj.jingban")
		if resp, _ := clerkC.get("/console/calendar"); resp.StatusCode != http.StatusForbidden {
			t.Fatalf("clerk opens the calendar: %d", resp.StatusCode)
		}
		id := registerByForm(t, clerkC, "卫生健康系统2026年度预算公开说明")
		before := e.app(mustInt(t, id))
		// Declare the first counted working day off: the due day moves by one working day.
		cal, _ := store.Calendar(ctx, e.db)
		off := cal.Add(before.Received, 1)
		admin := e.login("admin")
		admin.get("/console/calendar")
		resp, _ := admin.post("/console/calendar", url.Values{"day": {workday.Format(off)}, "working": {"0"}, "reason": {"区域性停工（测试）"}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("add override: %d", resp.StatusCode)
		}
		resp, body := admin.get(resp.Header.Get("Location"))
		after := e.app(mustInt(t, id))
		if resp.StatusCode != http.StatusOK || !strings.Contains(body, before.Number) || !strings.Contains(body, workday.Format(after.Due)) || after.Due.Equal(before.Due) {
			t.Fatalf("moved cases not shown: %d, due %s → %s", resp.StatusCode, workday.Format(before.Due), workday.Format(after.Due))
		}
		// 医保局's administrator sees the override but not the other agency's moved case.
		yb := e.login("yb.admin")
		_, body = yb.get(resp.Request.URL.RequestURI())
		if strings.Contains(body, before.Number) {
			t.Error("another agency's administrator sees the moved case")
		}
		// A bad CSV changes nothing.
		admin.get("/console/calendar")
		resp, body = postMultipart(t, admin, "/console/calendar/upload", url.Values{}, "csv", "bad.csv", []byte("date,working,reason\n2026-13-01,休息,坏日期\n"))
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "第2行") {
			t.Fatalf("bad csv: %d", resp.StatusCode)
		}
		// A good CSV is applied.
		admin.get("/console/calendar")
		resp, _ = postMultipart(t, admin, "/console/calendar/upload", url.Values{}, "csv", "ok.csv", []byte("date,working,reason\n2030-10-09,休息,远期测试\n"))
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("good csv: %d", resp.StatusCode)
		}
		if ovs, _ := e.db.Workdays().Overrides(ctx); len(ovs) != 2 {
			t.Fatalf("%d overrides after the upload", len(ovs))
		}
		// Deleting the override moves the case back.
		admin.get("/console/calendar")
		if resp, _ := admin.post("/console/calendar/delete", url.Values{"day": {workday.Format(off)}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("delete: %d", resp.StatusCode)
		}
		back := e.app(mustInt(t, id))
		if !back.Due.Equal(before.Due) {
			t.Errorf("due after delete %s, want %s", workday.Format(back.Due), workday.Format(before.Due))
		}
	})
}

func mustInt(t *testing.T, s string) int64 {
	t.Helper()
	var n int64
	for _, c := range s {
		if c < '0' || c > '9' {
			t.Fatalf("not a number: %q", s)
		}
		n = n*10 + int64(c-'0')
	}
	return n
}

func TestRemindersOnConsoleHome(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		ctx := context.Background()
		if _, err := e.db.Applications().Remind(ctx, account.System(), workday.Of(timeNow())); err != nil {
			t.Fatal(err)
		}
		c := e.login("wj.jingban")
		_, body := c.get("/console/")
		if !strings.Contains(body, "我的提醒") || !strings.Contains(body, "请尽快答复") {
			t.Fatal("unread reminders not on the console home")
		}
		if _, body := c.get("/console/reminders"); !strings.Contains(body, "全部标为已读") {
			t.Fatal("reminder page")
		}
		if resp, _ := c.post("/console/reminders/read", nil); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("mark read: %d", resp.StatusCode)
		}
		if _, body := c.get("/console/"); strings.Contains(body, "我的提醒") {
			t.Error("reminders still shown after marking them read")
		}
		// Another agency's clerk has only their own agency's reminders.
		yb := e.login("yb.jingban")
		_, body = yb.get("/console/reminders")
		if strings.Contains(body, "卫健依申") {
			t.Error("another agency's reminders shown")
		}
	})
}

// TestWaitingStatesOnConsole: a notice records how it was sent; the case page, the list
// and the console home show the waiting state's own end; new applications are reminded.
func TestWaitingStatesOnConsole(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		ctx := context.Background()
		c := e.login("wj.jingban")
		id := registerByForm(t, c, "2025年本区公共卫生服务项目资金分配表")
		today := workday.Format(workday.Of(timeNow()))
		if resp, _ := c.post("/console/applications/"+id+"/events", url.Values{"type": {"accepted"}, "day": {today}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("accept: %d", resp.StatusCode)
		}
		fee := url.Values{"type": {"fee_notified"}, "day": {today}, "fee_method": {"page"}, "pages": {"40"}, "reason": {"按量计收"}}
		if resp, body := c.post("/console/applications/"+id+"/events", fee); resp.StatusCode != http.StatusBadRequest || !strings.Contains(errorText(body), "送达方式") {
			t.Fatalf("notice without method: %d %q", resp.StatusCode, errorText(body))
		}
		fee.Set("method", "mail")
		if resp, body := c.post("/console/applications/"+id+"/events", fee); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("fee notice: %d %q", resp.StatusCode, errorText(body))
		}
		_, body := c.get("/console/applications/" + id)
		if !strings.Contains(body, `id="wait-due"`) || !strings.Contains(body, "缴费期限至") || !strings.Contains(body, "收到日期为推定") ||
			!strings.Contains(body, "签收日期未知（按在途5日推定）") || !strings.Contains(body, `id="form-notice_received"`) {
			t.Fatal("case page does not show the fee period and its assumed receipt")
		}
		if !strings.Contains(body, "第31—40页10页×10元＝100元") {
			t.Fatal("case page does not show the fee computation")
		}
		if _, body := c.get("/console/applications/" + id + "/letter?kind=fee"); !strings.Contains(body, "按量计收（国办函〔2020〕109号第五条，超额累进）：共40页") {
			t.Fatal("fee notice does not show the computation")
		}
		_, body = c.get("/console/applications?q=" + url.QueryEscape("资金分配表"))
		if !strings.Contains(body, "缴费期限至") {
			t.Fatal("list does not show the waiting state's end")
		}
		_, body = c.get("/console/applications/" + id + "/explain")
		if !strings.Contains(body, "缴费期限：自申请人收到收费通知之日起20个工作日") {
			t.Fatal("explanation does not name the fee period")
		}
		// A registered application nobody acted on is in the clerk's reminders.
		newID := registerByForm(t, c, "2025年本区家庭医生签约服务情况")
		if _, err := e.db.Applications().Remind(ctx, account.System(), workday.Of(timeNow())); err != nil {
			t.Fatal(err)
		}
		_, body = c.get("/console/")
		if !strings.Contains(body, "等待补正、征求意见或缴费") || !strings.Contains(body, "/console/applications/"+newID) || !strings.Contains(body, "新申请待受理") {
			t.Fatal("console home lacks the waiting count or the new application's reminder")
		}
	})
}

// TestExtensionRequestOnConsole: the 经办人 asks for an extension on the case page, the
// 负责人 finds the task on the console home and refuses or approves it.
func TestExtensionRequestOnConsole(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		c := e.login("wj.jingban")
		id := registerByForm(t, c, "2025年本区疾病预防控制专项经费明细")
		today := workday.Format(workday.Of(timeNow()))
		if resp, _ := c.post("/console/applications/"+id+"/events", url.Values{"type": {"accepted"}, "day": {today}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("accept: %d", resp.StatusCode)
		}
		_, body := c.get("/console/applications/" + id)
		if !strings.Contains(body, `id="form-extension_requested"`) || strings.Contains(body, `id="form-extension_refused"`) {
			t.Fatal("clerk's case page: no request form, or a refusal form")
		}
		ask := url.Values{"type": {"extension_requested"}, "day": {today}, "days": {"10"}, "reason": {"需向三个科室调取资料"}}
		if resp, body := c.post("/console/applications/"+id+"/events", ask); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("request: %d %q", resp.StatusCode, errorText(body))
		}
		// The clerk cannot decide.
		refuse := url.Values{"type": {"extension_refused"}, "day": {today}, "reason": {"可按期答复"}}
		if resp, _ := c.post("/console/applications/"+id+"/events", refuse); resp.StatusCode != http.StatusForbidden {
			t.Fatalf("clerk refuses: %d", resp.StatusCode)
		}
		boss := e.login("wj.fuze")
		_, body = boss.get("/console/")
		if !strings.Contains(body, "延期审批") || !strings.Contains(body, "/console/applications/"+id+"#actions") {
			t.Fatal("the head's console home lacks the task")
		}
		_, body = boss.get("/console/applications/" + id)
		if !strings.Contains(body, `id="extension-request"`) || !strings.Contains(body, "需向三个科室调取资料") || !strings.Contains(body, `id="form-extension_refused"`) {
			t.Fatal("the head's case page lacks the request")
		}
		refuse.Del("_csrf") // set to the clerk's token by the clerk's attempt
		if resp, body := boss.post("/console/applications/"+id+"/events", refuse); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("head refuses: %d %q", resp.StatusCode, errorText(body))
		}
		if _, body = boss.get("/console/"); strings.Contains(body, "/console/applications/"+id+"#actions") {
			t.Fatal("a decided request is still a task")
		}
		_, body = boss.get("/console/applications/" + id)
		if !strings.Contains(body, "不同意延长答复期限") {
			t.Fatal("history lacks the refusal")
		}
	})
}
