package web

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"gongkai/internal/foirequest"
	"gongkai/internal/workday"
)

// The reply letter through the console: the clerk drafts a 部分公开 letter (two parts,
// each withheld part with its reason and basis) with a file and edits it; the reply cannot
// go out directly nor before approval; the author cannot approve; a 审核人 approves; it
// goes out with the file and its record names both.
func TestReplyLetterConsole(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		clerkC := e.login("wj.jingban")
		id := registerByForm(t, clerkC, "2025年本区基层医疗机构名单及联系人")
		casePath := "/console/applications/" + id
		today := workday.Format(workday.Of(timeNow()))

		// The case page offers the draft instead of a direct reply.
		_, body := clerkC.get(casePath)
		if !strings.Contains(body, `id="draft-reply"`) || strings.Contains(body, `id="form-replied"`) {
			t.Fatal("the case page offers a direct reply where letters are reviewed")
		}
		resp, body := postMultipart(t, clerkC, casePath+"/events", url.Values{"type": {"replied"}, "day": {today}, "reply": {"partial"},
			"reason": {"联系人手机号码属于个人隐私"}}, "files", "名单.txt", []byte("名单"))
		if resp.StatusCode != http.StatusConflict || !strings.Contains(errorText(body), "审核") {
			t.Fatalf("direct reply: %d %q", resp.StatusCode, errorText(body))
		}

		// A 部分公开 draft without its withheld part is refused, what was typed kept.
		clerkC.get(casePath + "/reply")
		draft := url.Values{"reply": {"partial"}, "disclosed": {"各基层医疗机构的名称、地址和执业范围"}}
		resp, body = postMultipart(t, clerkC, casePath+"/reply", draft, "", "", nil)
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(errorText(body), "不予公开的内容") || !strings.Contains(body, "各基层医疗机构的名称、地址和执业范围") {
			t.Fatalf("draft without a withheld part: %d %q", resp.StatusCode, errorText(body))
		}
		draft["what"] = []string{"联系人手机号码", ""}
		draft["why"] = []string{"属于个人隐私，公开会对第三方合法权益造成损害", ""}
		draft["basis"] = []string{"《中华人民共和国政府信息公开条例》第十五条", ""}
		resp, body = postMultipart(t, clerkC, casePath+"/reply", draft, "files", "基层医疗机构名单.txt", []byte("名单内容"))
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("save draft: %d %q", resp.StatusCode, errorText(body))
		}
		_, body = clerkC.get(casePath + "/reply")
		for _, want := range []string{"一、予以公开的内容", "二、不予公开的内容", "（一）联系人手机号码。理由：属于个人隐私", "基层医疗机构名单.txt", "待审核"} {
			if !strings.Contains(body, want) {
				t.Errorf("draft page lacks %q", want)
			}
		}
		if strings.Contains(body, `id="approve"`) || strings.Contains(body, `id="issue"`) {
			t.Fatal("the author is offered approval or issue before review")
		}
		// The clerk edits the text.
		m := regexp1(`(?s)<textarea id="body" name="body" rows="16">(.*?)</textarea>`, body)
		draft.Set("body", unescape(m)+"\n\n特此补充：联系人号码可向各机构另行查询。")
		if resp, body := postMultipart(t, clerkC, casePath+"/reply", draft, "", "", nil); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("edit: %d %q", resp.StatusCode, errorText(body))
		}
		// Neither issue nor self-approval.
		clerkC.get(casePath + "/reply")
		if resp, body := clerkC.post(casePath+"/reply/issue", url.Values{"day": {today}}); resp.StatusCode != http.StatusConflict || !strings.Contains(errorText(body), "尚未经审核") {
			t.Fatalf("issue before approval: %d %q", resp.StatusCode, errorText(body))
		}
		if resp, _ := clerkC.post(casePath+"/reply/approve", nil); resp.StatusCode != http.StatusForbidden {
			t.Fatalf("clerk approves: %d", resp.StatusCode)
		}
		// Another agency's reviewer cannot see it.
		other := e.login("yb.shenhe")
		if resp, _ := other.get(casePath + "/reply"); resp.StatusCode != http.StatusNotFound {
			t.Fatalf("other agency reads the draft: %d", resp.StatusCode)
		}
		// The 审核人 approves and the reply goes out.
		rev := e.login("wj.shenhe")
		_, body = rev.get(casePath + "/reply")
		if !strings.Contains(body, `id="approve"`) {
			t.Fatal("the reviewer is not offered approval")
		}
		if resp, body := rev.post(casePath+"/reply/approve", nil); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("approve: %d %q", resp.StatusCode, errorText(body))
		}
		_, body = clerkC.get(casePath + "/reply")
		if !strings.Contains(body, "审核通过") || !strings.Contains(body, `id="issue"`) {
			t.Fatal("the approval is not shown to the clerk")
		}
		if resp, body := clerkC.post(casePath+"/reply/issue", url.Values{"day": {today}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("issue: %d %q", resp.StatusCode, errorText(body))
		}
		a := e.app(mustInt(t, id))
		last := a.Events[len(a.Events)-1]
		if a.State != foirequest.StateReplied || last.ReviewedBy == "" || last.DraftedBy == "" || last.ReviewedBy == last.DraftedBy {
			t.Fatalf("issued: %s %+v", a.State, last)
		}
		_, body = clerkC.get(casePath + "/letter?kind=reply")
		if !strings.Contains(body, `id="letter-record"`) || !strings.Contains(body, "审核后发出") || !strings.Contains(body, "特此补充") {
			t.Fatal("the letter page lacks its record or the edited text")
		}
		_, body = clerkC.get(casePath)
		if !strings.Contains(body, "基层医疗机构名单.txt") || !strings.Contains(body, "审核") {
			t.Fatal("the history lacks the letter's file or its approval")
		}
		// The agency's administrator turns the review off.
		adm := e.login("wj.admin")
		adm.get("/console/agencies/" + itoa(e.user("wj.admin").AgencyID) + "/edit")
		if resp, _ := adm.post("/console/agencies/"+itoa(e.user("wj.admin").AgencyID)+"/reply-review", url.Values{}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("turn review off: %d", resp.StatusCode)
		}
		id2 := registerByForm(t, clerkC, "2025年本区药品零售企业名单")
		_, body = clerkC.get("/console/applications/" + id2)
		if strings.Contains(body, `id="draft-reply"`) || !strings.Contains(body, `id="form-replied"`) {
			t.Fatal("without review the case page does not offer the direct reply")
		}
	})
}

// regexp1 is the first group of pattern's first match in s ("" when none).
func regexp1(pattern, s string) string {
	if m := regexp.MustCompile(pattern).FindStringSubmatch(s); m != nil {
		return m[1]
	}
	return ""
}

func unescape(s string) string { return html.UnescapeString(s) }
