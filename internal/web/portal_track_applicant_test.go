package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gongkai/internal/notify"
)

// TestTrackingPageApplicantSteps: on the tracking page the applicant answers a 补正 (a
// file of a refused type is refused with the form kept), and withdraws only when they
// confirm; without a mail server the case page says the messages go by hand, lists them,
// and records their delivery.
func TestTrackingPageApplicantSteps(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		ctx := context.Background()
		pub := e.anon()
		tracking, code := submitApplication(t, pub, wjAgencyID(t, e), "2025年度本区公共卫生服务项目资金分配表")
		app := e.appByTracking(tracking)
		clerk := e.login("wj.jingban")
		casePath := "/console/applications/" + itoa(app.ID)
		_, page := clerk.get(casePath)
		if !strings.Contains(page, "本系统未配置邮件服务器") || !strings.Contains(page, "受理回执") || !strings.Contains(page, "须人工送达") {
			t.Fatalf("case page without a mail server lacks the hand-delivery list")
		}
		resp, _ := clerk.postMultipart(casePath+"/events", url.Values{"type": {"correction_requested"}, "day": {e.srv.today().Format("2006-01-02")}, "days": {"10"}, "reason": {"请说明统计年度"}, "method": {"electronic"}}, nil)
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("补正 request: %d", resp.StatusCode)
		}
		if r := track(t, pub, tracking, code); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("track: %d", r.StatusCode)
		}
		_, status := pub.get("/track/" + tracking)
		if !strings.Contains(status, `id="wait-due"`) || !strings.Contains(status, "补正期限") || !strings.Contains(status, `id="form-corrected"`) || !strings.Contains(status, `id="form-withdrawn"`) || strings.Contains(status, `id="form-fee_paid"`) {
			t.Fatalf("tracking page's actions:\n%s", status)
		}
		resp, body := pub.postMultipart("/track/"+tracking+"/submit", url.Values{"type": {"corrected"}, "text": {"2025年度"}}, map[string][2]string{"files": {"说明.html", "<script>alert(1)</script>"}})
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "不是允许的类型") || !strings.Contains(body, ">2025年度</textarea>") {
			t.Fatalf("an HTML answer: %d", resp.StatusCode)
		}
		resp, body = pub.postMultipart("/track/"+tracking+"/submit", url.Values{"type": {"withdrawn"}}, nil)
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "请勾选确认撤回申请") {
			t.Fatalf("withdraw without confirming: %d", resp.StatusCode)
		}
		resp, _ = pub.postMultipart("/track/"+tracking+"/submit", url.Values{"type": {"corrected"}, "text": {"所需为2025年度"}}, map[string][2]string{"files": {"说明.pdf", "%PDF-1.7\n%%EOF\n"}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("answer: %d", resp.StatusCode)
		}
		// Another browser without the token cannot submit.
		other := e.anon()
		other.get("/track")
		if resp, body := other.postMultipart("/track/"+tracking+"/submit", url.Values{"type": {"withdrawn"}, "confirm": {"yes"}}, nil); resp.StatusCode != http.StatusOK || !strings.Contains(body, "查询已过期") {
			t.Fatalf("submit without the code: %d", resp.StatusCode)
		}
		if got := e.app(app.ID); got.State != "in_progress" {
			t.Fatalf("state %s", got.State)
		}
		// Hand delivery of the 补正 notice.
		f, err := e.db.Applications().Open(ctx, e.user("wj.jingban"), app.ID, e.srv.now())
		if err != nil {
			t.Fatal(err)
		}
		var notice int64
		for _, m := range f.Messages {
			if m.Kind == "correction_requested" && m.State == notify.Manual {
				notice = m.ID
			}
		}
		if notice == 0 {
			t.Fatalf("no 补正 notice to deliver by hand: %+v", f.Messages)
		}
		_, _ = clerk.get(casePath)
		resp, _ = clerk.post(casePath+"/messages/"+itoa(notice)+"/delivered", url.Values{"note": {"电话告知并邮寄"}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("delivered: %d", resp.StatusCode)
		}
		_, page = clerk.get(casePath)
		if !strings.Contains(page, "电话告知并邮寄") || !strings.Contains(page, "申请人通过查询页面提交补正：所需为2025年度") {
			t.Errorf("case page after delivery and the answer")
		}
		// 政务公开办 of the government reads the case with the address masked, and no form.
		gov := e.login("gkb")
		if _, page := gov.get(casePath); strings.Contains(page, "zhangsan@example.cn") || strings.Contains(page, "/delivered") {
			t.Errorf("政务公开办 sees the address or the delivery form")
		}
	})
}

// TestRecoverCodeAnswer: the recovery page answers the same for a wrong number, a wrong
// address and the right pair; without a mail server it says to ask the agency.
func TestRecoverCodeAnswer(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		pub := e.anon()
		tracking, _ := submitApplication(t, pub, wjAgencyID(t, e), "2025年度本区公共卫生服务项目资金分配表")
		_, page := pub.get("/track/recover?n=" + tracking)
		if !strings.Contains(page, "未开通邮件和短信通知") || strings.Contains(page, `id="recover"`) {
			t.Fatalf("recovery without a mail server:\n%s", page)
		}
		e.db.SetMessaging(notify.Settings{Email: true})
		pub.get("/track/recover")
		var answers []string
		for _, v := range []url.Values{
			{"tracking": {"ZZZZZZZZZZZZ"}, "contact": {"zhangsan@example.cn"}},
			{"tracking": {tracking}, "contact": {"lisi@example.cn"}},
			{"tracking": {tracking}, "contact": {"zhangsan@example.cn"}},
		} {
			resp, body := pub.post("/track/recover", v)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("recover: %d", resp.StatusCode)
			}
			i := strings.Index(body, `id="recover-done"`)
			if i < 0 {
				t.Fatalf("no answer:\n%s", body)
			}
			answers = append(answers, body[i:i+strings.Index(body[i:], "</p>")])
		}
		if answers[0] != answers[1] || answers[1] != answers[2] {
			t.Errorf("answers differ:\n%s", strings.Join(answers, "\n"))
		}
		f, err := e.db.Applications().Open(context.Background(), e.user("wj.jingban"), e.appByTracking(tracking).ID, e.srv.now())
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, m := range f.Messages {
			if m.Kind == notify.KindQueryCode {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%d new codes written, want 1", n)
		}
	})
}
