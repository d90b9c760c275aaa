package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gongkai/internal/foirequest"
	"gongkai/internal/workday"
)

// A 予以公开 or 部分公开 reply to an application asked for by e-mail is refused without its
// material, and accepted with a file or with another form of delivery and its day.
func TestReplyMaterialRefused(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		e.noReview("wj.jingban")
		clerkC := e.login("wj.jingban")
		today := workday.Format(workday.Of(timeNow()))
		for _, tt := range []struct {
			desc   string
			fields url.Values
			file   string
		}{
			{"2025年本区基层医疗机构名单（附件）", url.Values{}, "名单.txt"},
			{"2025年本区基层医疗机构名单（现场查阅）", url.Values{"handover": {"on_site"}, "handover_day": {today}}, ""},
		} {
			id := registerByForm(t, clerkC, tt.desc)
			path := "/console/applications/" + id + "/events"
			clerkC.get("/console/applications/" + id)
			reply := func() url.Values {
				return url.Values{"type": {"replied"}, "day": {today}, "reply": {"partial"}, "reason": {"联系人手机号码属于个人隐私，依照第十五条不予公开"}}
			}
			// Without material: refused on the form, nothing written.
			resp, body := postMultipart(t, clerkC, path, reply(), "", "", nil)
			if resp.StatusCode != http.StatusBadRequest || !strings.Contains(errorText(body), "须附上公开的政府信息文件") {
				t.Fatalf("reply without material: %d %q", resp.StatusCode, errorText(body))
			}
			if got := e.app(mustInt(t, id)); got.State.Closed() {
				t.Fatal("a refused reply closed the case")
			}
			// Another form named without its day: refused.
			if tt.file == "" {
				f := reply()
				f.Set("handover", "on_site")
				resp, body = postMultipart(t, clerkC, path, f, "", "", nil)
				if resp.StatusCode != http.StatusBadRequest || !strings.Contains(errorText(body), "请填写提供或查阅的日期") {
					t.Fatalf("handover without a day: %d %q", resp.StatusCode, errorText(body))
				}
			}
			f := reply()
			for k, v := range tt.fields {
				f[k] = v
			}
			resp, body = postMultipart(t, clerkC, path, f, "files", tt.file, []byte("名单内容"))
			if resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("reply with material: %d %q", resp.StatusCode, errorText(body))
			}
			got := e.app(mustInt(t, id))
			last := got.Events[len(got.Events)-1]
			if last.Type != foirequest.EventReplied || (tt.file == "" && (last.Handover != foirequest.DeliveryOnSite || last.HandoverDay.IsZero())) {
				t.Fatalf("stored %+v", last)
			}
			if tt.file == "" {
				_, body := clerkC.get("/console/applications/" + id)
				if !strings.Contains(body, "以现场查阅提供") {
					t.Error("the history does not name the form of delivery")
				}
			}
		}
	})
}
