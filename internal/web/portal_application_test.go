package web

import (
	"archive/zip"
	"bytes"
	"context"
	"gongkai/internal/account"
	"gongkai/internal/store/storetest"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"gongkai/internal/foirequest"
	"gongkai/internal/store"
	"gongkai/internal/workday"
)

const (
	portalIDNumber = "11010519491231002X"
	portalPhone    = "13812345678"
)

// applyValues is a complete, valid online application of a natural person.
func applyValues(desc string) url.Values {
	return url.Values{
		"kind": {"natural_person"}, "name": {"张三"}, "id_type": {"resident_id"}, "id_number": {portalIDNumber},
		"phone": {portalPhone}, "email": {"zhangsan@example.cn"}, "address": {"清河区人民路1号"}, "post_code": {"719000"},
		"description": {desc}, "doc_number": {"清卫发〔2024〕12号"}, "form": {"electronic"}, "way": {"email"}, "consent": {"yes"},
	}
}

var (
	trackingRe = regexp.MustCompile(`id="tracking">([2-9A-Z]{12})<`)
	codeRe     = regexp.MustCompile(`id="query-code">([2-9A-Z]{8})<`)
)

func wjAgencyID(t *testing.T, e *testEnv) int64 {
	t.Helper()
	a, err := store.AgencyByName(context.Background(), e.db, "清河区卫生健康局")
	if err != nil {
		t.Fatal(err)
	}
	return a.ID
}

func applicationCount(t *testing.T, e *testEnv) int {
	t.Helper()
	_, n, err := e.db.Applications().List(context.Background(), account.System(), store.ApplicationFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// submitApplication applies online as the public and returns the tracking number and code.
func submitApplication(t *testing.T, c *client, agencyID int64, desc string) (string, string) {
	t.Helper()
	path := "/agencies/" + itoa(agencyID) + "/apply"
	c.get(path)
	resp, body := c.post(path, applyValues(desc))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("apply: status %d\n%s", resp.StatusCode, body)
	}
	tm, cm := trackingRe.FindStringSubmatch(body), codeRe.FindStringSubmatch(body)
	if tm == nil || cm == nil {
		t.Fatalf("no tracking number or code on the success page:\n%s", body)
	}
	return tm[1], cm[1]
}

// track signs c in to the status page of an application.
func track(t *testing.T, c *client, tracking, code string) *http.Response {
	t.Helper()
	c.get("/track")
	resp, _ := c.post("/track", url.Values{"tracking": {tracking}, "code": {code}})
	return resp
}

func TestApplyFormValidation(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		c := e.anon()
		id := wjAgencyID(t, e)
		path := "/agencies/" + itoa(id) + "/apply"
		before := applicationCount(t, e) // the demo data has some
		resp, body := c.get(path)
		if resp.StatusCode != http.StatusOK || !strings.Contains(body, "个人信息保护说明") || !strings.Contains(body, `name="consent"`) {
			t.Fatalf("form: %d", resp.StatusCode)
		}
		cases := []struct {
			name string
			edit func(url.Values)
			want []string
		}{
			{"empty", func(v url.Values) {
				for k := range v {
					v.Del(k)
				}
				v.Set("kind", "natural_person")
			}, []string{"请填写申请人姓名", "请选择身份证件类型", "请至少填写一种联系方式（电话、电子邮箱或通信地址）",
				"请描述申请公开的政府信息（名称、文号或者便于查询的其他特征性描述）", "请选择获取信息的载体形式（纸质文本或电子文本）",
				"请阅读个人信息保护说明，并勾选同意后提交"}},
			{"bad id", func(v url.Values) { v.Set("id_number", "110105194912310021") }, []string{"居民身份证号码校验位不正确，请核对"}},
			{"bad phone and post code", func(v url.Values) { v.Set("phone", "12345"); v.Set("post_code", "7190") }, []string{"联系电话格式不正确", "邮政编码应为6位数字"}},
			{"no consent", func(v url.Values) { v.Del("consent") }, []string{"请阅读个人信息保护说明，并勾选同意后提交"}},
			{"paper by e-mail", func(v url.Values) { v.Set("form", "paper") }, []string{"纸质文本只能邮寄或当面领取"}},
			{"mail without address", func(v url.Values) { v.Set("form", "paper"); v.Set("way", "mail"); v.Del("address") }, []string{"选择邮寄的，请填写通信地址"}},
			{"organization", func(v url.Values) { v.Set("kind", "business"); v.Set("credit_code", "91110000X") }, []string{"统一社会信用代码应为18位", "请填写联系人姓名"}},
			{"unknown kind", func(v url.Values) { v.Set("kind", "alien") }, []string{"请选择申请人类型（自然人或法人或其他组织）"}},
		}
		for _, cs := range cases {
			t.Run(cs.name, func(t *testing.T) {
				v := applyValues("2024年度本区医疗机构执业登记情况统计表")
				cs.edit(v)
				c.get(path)
				resp, body := c.post(path, v)
				if resp.StatusCode != http.StatusBadRequest {
					t.Fatalf("status %d", resp.StatusCode)
				}
				for _, w := range cs.want {
					if !strings.Contains(body, `<span class="field-error" role="alert">`+w+`</span>`) {
						t.Errorf("no message %q next to a field", w)
					}
				}
			})
		}
		if n := applicationCount(t, e) - before; n != 0 {
			t.Errorf("%d applications stored from invalid forms", n)
		}
		// An organization of kind 其他 without a credit code is fine.
		v := applyValues("2024年度本区医疗机构执业登记情况统计表")
		v.Set("kind", "other_org")
		v.Set("name", "清河市某某读书会")
		v.Set("contact_person", "李四")
		c.get(path)
		if resp, body := c.post(path, v); resp.StatusCode != http.StatusOK {
			t.Fatalf("organization: %d\n%s", resp.StatusCode, body)
		}
	})
}

func TestApplyAndTrack(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		ctx := context.Background()
		id := wjAgencyID(t, e)
		citizen := e.anon()
		tracking, code := submitApplication(t, citizen, id, "2024年度本区医疗机构执业登记情况统计表")
		// As the handling 经办人 sees it: the applicant in full.
		a, err := e.db.Applications().GetByTracking(ctx, e.user("wj.jingban"), tracking)
		if err != nil {
			t.Fatal(err)
		}
		today := workday.Of(time.Now())
		if a.Intake.Channel != foirequest.ChannelOnline || !a.Received.Equal(today) || !a.Intake.Confirmed.Equal(today) ||
			a.Applicant.IDNumber != portalIDNumber || !strings.Contains(a.Description, "（文号：清卫发〔2024〕12号）") || a.Delivery != foirequest.DeliveryEmail {
			t.Errorf("stored application %+v", a.Application)
		}
		// A fresh browser with the right number and code sees the status, masked.
		other := e.anon()
		if resp := track(t, other, strings.ToLower(tracking[:4])+"-"+tracking[4:], code); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/track/"+tracking {
			t.Fatalf("track: %d %s", resp.StatusCode, resp.Header.Get("Location"))
		}
		resp, body := other.get("/track/" + tracking)
		if resp.StatusCode != http.StatusOK || !strings.Contains(body, "申请办理情况") || !strings.Contains(body, "已登记") ||
			!strings.Contains(body, "2024年度本区医疗机构执业登记情况统计表") || !strings.Contains(body, a.Number) {
			t.Fatalf("status page: %d\n%s", resp.StatusCode, body)
		}
		for _, masked := range []string{foirequest.MaskID(portalIDNumber), foirequest.MaskPhone(portalPhone), foirequest.MaskEmail("zhangsan@example.cn")} {
			if !strings.Contains(body, masked) {
				t.Errorf("status page lacks the masked %s", masked)
			}
		}
		for _, secret := range []string{portalIDNumber, portalPhone, "zhangsan@example.cn", "清河区人民路1号"} {
			if strings.Contains(body, secret) {
				t.Errorf("status page shows %s", secret)
			}
		}
		if !strings.Contains(body, dayCNForTest(a.Due)) {
			t.Errorf("status page lacks the due day %s", workday.Format(a.Due))
		}
		// Without the code: the query form, nothing of the application.
		stranger := e.anon()
		resp, body = stranger.get("/track/" + tracking)
		if resp.StatusCode != http.StatusOK || strings.Contains(body, "2024年度本区医疗机构") || !strings.Contains(body, "请输入查询码") {
			t.Errorf("status without code: %d", resp.StatusCode)
		}
		_, unknown := stranger.get("/track/ZZZZZZZZZZZZ")
		if strings.ReplaceAll(body, tracking, "") != strings.ReplaceAll(unknown, "ZZZZZZZZZZZZ", "") {
			t.Error("a known number without the code and an unknown number give different pages")
		}
	})
}

func dayCNForTest(t time.Time) string {
	return funcs()["dayCN"].(func(time.Time) string)(t)
}

func TestTrackWrongCodeAndUnknownNumberAlike(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		tracking, code := submitApplication(t, e.anon(), wjAgencyID(t, e), "本区2024年卫生健康统计公报")
		wrong := code[1:] + "2"
		if wrong == code {
			wrong = code[1:] + "3"
		}
		c := e.anon()
		c.get("/track")
		r1, b1 := c.post("/track", url.Values{"tracking": {tracking}, "code": {wrong}})
		c.get("/track")
		r2, b2 := c.post("/track", url.Values{"tracking": {"ABCDEFGHJKMN"}, "code": {wrong}})
		if r1.StatusCode != http.StatusNotFound || r2.StatusCode != http.StatusNotFound {
			t.Fatalf("statuses %d %d", r1.StatusCode, r2.StatusCode)
		}
		if !strings.Contains(b1, errTrackFailed) {
			t.Errorf("wrong code message missing")
		}
		if strings.ReplaceAll(b1, tracking, "") != strings.ReplaceAll(b2, "ABCDEFGHJKMN", "") {
			t.Error("wrong code and unknown number give different pages")
		}
		if len(r1.Cookies()) != 0 && r1.Cookies()[0].Name == trackCookie {
			t.Error("a wrong code set the track cookie")
		}
		// A forged or expired cookie is refused.
		resp, body := c.get("/track/" + tracking)
		if resp.StatusCode != http.StatusOK || strings.Contains(body, "本区2024年卫生健康统计公报") {
			t.Error("status page shown without a token")
		}
	})
}

func TestTrackRateLimit(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) { testTrackRateLimit(t, e) })
}

func testTrackRateLimit(t *testing.T, e *testEnv) {
	tracking, code := submitApplication(t, e.anon(), wjAgencyID(t, e), "本区2024年卫生健康统计公报")
	c := e.anon()
	for i := 0; i < store.TrackPerNumber.Max; i++ {
		c.get("/track")
		if resp, _ := c.post("/track", url.Values{"tracking": {tracking}, "code": {"WRONG" + itoa(int64(i))}}); resp.StatusCode != http.StatusNotFound {
			t.Fatalf("attempt %d: %d", i, resp.StatusCode)
		}
	}
	c.get("/track")
	resp, body := c.post("/track", url.Values{"tracking": {tracking}, "code": {code}})
	if resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, "查询错误次数过多") {
		t.Fatalf("after %d failures the right code: %d", store.TrackPerNumber.Max, resp.StatusCode)
	}
}

func TestApplyRateLimitAndCSRF(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		id := wjAgencyID(t, e)
		path := "/agencies/" + itoa(id) + "/apply"
		before := applicationCount(t, e) // the demo data has some
		c := e.anon()
		c.get(path)
		if resp, _ := c.postRaw(path, applyValues("没有令牌的申请")); resp.StatusCode != http.StatusForbidden {
			t.Fatalf("without CSRF token: %d", resp.StatusCode)
		}
		if resp, _ := c.postRaw("/track", url.Values{"tracking": {"ABCDEFGHJKMN"}, "code": {"X"}}); resp.StatusCode != http.StatusForbidden {
			t.Fatalf("track without CSRF token: %d", resp.StatusCode)
		}
		if n := applicationCount(t, e) - before; n != 0 {
			t.Fatalf("%d stored without a token", n)
		}
		for i := 0; i < applyLimit; i++ {
			submitApplication(t, c, id, "申请第"+itoa(int64(i+1))+"项信息")
		}
		c.get(path)
		resp, body := c.post(path, applyValues("申请第6项信息"))
		if resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, "每小时最多在线提交5件申请") {
			t.Fatalf("sixth submission: %d", resp.StatusCode)
		}
		if n := applicationCount(t, e) - before; n != applyLimit {
			t.Errorf("%d stored, want %d", n, applyLimit)
		}
		// The same application twice on one day is refused in Chinese.
		e2 := newEnvWith(t, storetest.Open(t, string(e.db.Dialect()))) // a fresh database of the same kind
		c2 := e2.anon()
		submitApplication(t, c2, wjAgencyID(t, e2), "同一申请")
		c2.get(path)
		if resp, body := c2.post(path, applyValues("同一申请")); resp.StatusCode != http.StatusConflict || !strings.Contains(body, "请勿重复提交") {
			t.Errorf("duplicate: %d", resp.StatusCode)
		}
	})
}

func TestTrackReplyLettersAndFiles(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) { testTrackReplyLettersAndFiles(t, e) })
}

func testTrackReplyLettersAndFiles(t *testing.T, e *testEnv) {
	ctx := context.Background()
	id := wjAgencyID(t, e)
	tracking, code := submitApplication(t, e.anon(), id, "2024年度本区医疗机构执业登记情况统计表")
	a := e.appByTracking(tracking)
	staff := e.user("wj.jingban")
	e.noReview("wj.jingban")
	apps := e.db.Applications()
	internal, err := apps.Attach(ctx, staff, a.ID, 1, store.ApplicationFile{Name: "身份证扫描件.pdf", ContentType: "application/pdf", Data: []byte("%PDF scan")})
	if err != nil {
		t.Fatal(err)
	}
	today := workday.Of(time.Now())
	if _, err := apps.Record(ctx, staff, a.ID, foirequest.Event{Type: foirequest.EventReplied, Day: today,
		Reply: foirequest.ReplyGranted, Reason: "该信息详见附件", Handover: foirequest.DeliveryPickup, HandoverDay: today}, time.Now()); err != nil {
		t.Fatal(err)
	}
	public, err := apps.Attach(ctx, staff, a.ID, 2, store.ApplicationFile{Name: "统计表.xlsx", ContentType: "text/html", Data: []byte("<script>alert(1)</script>")})
	if err != nil {
		t.Fatal(err)
	}
	c := e.anon()
	track(t, c, tracking, code)
	resp, body := c.get("/track/" + tracking)
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "答复：予以公开") || !strings.Contains(body, "本机关决定予以公开") ||
		!strings.Contains(body, "该信息详见附件。") || !strings.Contains(body, "统计表.xlsx") || strings.Contains(body, "身份证扫描件") {
		t.Fatalf("status after reply: %d\n%s", resp.StatusCode, body)
	}
	resp, data := c.get("/track/" + tracking + "/files/" + itoa(public.ID))
	if resp.StatusCode != http.StatusOK || data != "<script>alert(1)</script>" || !strings.HasPrefix(resp.Header.Get("Content-Disposition"), "attachment") ||
		resp.Header.Get("Content-Type") != "application/octet-stream" {
		t.Errorf("reply file: %d %q %q", resp.StatusCode, resp.Header.Get("Content-Disposition"), resp.Header.Get("Content-Type"))
	}
	resp, doc := c.get("/track/" + tracking + "/letter.docx?kind=reply")
	if resp.StatusCode != http.StatusOK || !strings.Contains(resp.Header.Get("Content-Type"), "wordprocessingml") || !strings.HasPrefix(doc, "PK") {
		t.Errorf("reply letter for the applicant: %d", resp.StatusCode)
	}
	if resp, _ := c.get("/track/" + tracking + "/letter.docx?kind=consultation"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("consultation letter on the portal: %d", resp.StatusCode)
	}
	if resp, _ := e.anon().get("/track/" + tracking + "/letter.docx?kind=reply"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("letter without the code: %d", resp.StatusCode)
	}
	if resp, _ := c.get("/track/" + tracking + "/files/" + itoa(internal.ID)); resp.StatusCode != http.StatusNotFound {
		t.Errorf("registration scan downloadable: %d", resp.StatusCode)
	}
	if resp, _ := e.anon().get("/track/" + tracking + "/files/" + itoa(public.ID)); resp.StatusCode != http.StatusNotFound {
		t.Errorf("file without the code: %d", resp.StatusCode)
	}

	// The console's letters of the same case.
	clerk := e.login("wj.jingban")
	resp, body = clerk.get("/console/applications/" + itoa(a.ID) + "/letter?kind=reply")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "政府信息公开申请答复书") || !strings.Contains(body, "张三：") ||
		strings.Contains(body, portalIDNumber) || !strings.Contains(body, "向清河区人民政府申请行政复议") {
		t.Fatalf("letter page: %d\n%s", resp.StatusCode, body)
	}
	resp, body = clerk.get("/console/applications/" + itoa(a.ID) + "/letter?kind=fee")
	if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "不能生成收费通知书") {
		t.Errorf("fee letter without a fee: %d", resp.StatusCode)
	}
	resp, doc = clerk.get("/console/applications/" + itoa(a.ID) + "/letter.docx?kind=reply")
	if resp.StatusCode != http.StatusOK || !strings.Contains(resp.Header.Get("Content-Type"), "wordprocessingml") {
		t.Fatalf("docx: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	z, err := zip.NewReader(strings.NewReader(doc), int64(len(doc)))
	if err != nil || len(z.File) == 0 {
		t.Fatalf("docx is not a zip: %v", err)
	}
	if resp, _ := e.login("yb.jingban").get("/console/applications/" + itoa(a.ID) + "/letter"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("another agency reads the letter: %d", resp.StatusCode)
	}
	if resp, _ := e.anon().get("/console/applications/" + itoa(a.ID) + "/letter"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("letter without signing in: %d", resp.StatusCode)
	}
}

// TestApplyNothingPersonalInLogs runs a submission and a query through a server that logs
// to a buffer: neither the identity number nor the phone may appear.
func TestApplyNothingPersonalInLogs(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		var buf bytes.Buffer
		srv, err := New(e.db, Options{Log: slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))})
		if err != nil {
			t.Fatal(err)
		}
		ts := httptest.NewServer(srv)
		defer ts.Close()
		le := &testEnv{t: t, db: e.db, srv: srv, ts: ts}
		c := le.anon()
		id := wjAgencyID(t, le)
		tracking, code := submitApplication(t, c, id, "日志测试申请")
		track(t, c, tracking, code)
		c.get("/track/" + tracking)
		// An invalid form is logged too (as a refusal): still nothing personal.
		path := "/agencies/" + itoa(id) + "/apply"
		c.get(path)
		bad := applyValues("x")
		bad.Set("phone", "1381234567890")
		c.post(path, bad)
		for _, secret := range []string{portalIDNumber, portalPhone, code, "zhangsan"} {
			if strings.Contains(buf.String(), secret) {
				t.Errorf("log contains %s", secret)
			}
		}
		if !strings.Contains(buf.String(), "/apply") {
			t.Error("the access log is empty: the test proves nothing")
		}
	})
}

// FuzzApplicationFrom: the form never panics, and a form the portal accepts field by field
// is one the domain registers (the per-field checks are never weaker than foirequest's).
func FuzzApplicationFrom(f *testing.F) {
	f.Add("natural_person", "张三", "resident_id", portalIDNumber, "", "", portalPhone, "a@b.cn", "", "", "申请内容", "", "electronic", "email")
	f.Add("business", "某公司", "", "", "91350100M000100Y43", "李四", "", "", "某地", "719000", "x", "文号", "paper", "mail")
	f.Add("other_org", " ", "passport", "E1", "", " ", "0912-3251234", "", "", "", "\x00", "", "paper", "online")
	f.Fuzz(func(t *testing.T, kind, name, idType, idNumber, credit, contact, phone, email, address, post, desc, doc, form, way string) {
		fields := applyFields{Kind: kind, Name: name, IDType: idType, IDNumber: idNumber, CreditCode: credit, ContactPerson: contact,
			Phone: phone, Email: email, Address: address, PostCode: post, Description: desc, DocNumber: doc, Form: form, Way: way, Consent: true}
		app, errs := applicationFrom(fields, 1)
		if len(errs) > 0 {
			return
		}
		today := workday.Day(2026, 3, 2)
		app.Intake = foirequest.Intake{Channel: foirequest.ChannelOnline, Submitted: today, Confirmed: today}
		if _, err := foirequest.Register(app, today, 0, time.Now()); err != nil {
			t.Fatalf("accepted by the form, refused by the domain: %v\n%+v", err, fields)
		}
	})
}
