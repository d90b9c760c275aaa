package web

import (
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gongkai/internal/foirequest"
)

// A draft reply letter shows on the home page and in the list of letters waiting of the
// agency's 审核人 and 负责人, linked to the draft, with the data escaped; the author, a
// clerk and another agency's reviewer see nothing of it (the list is refused to a clerk);
// once approved it leaves both.
func TestLettersWaitingConsole(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		clerkC := e.login("wj.jingban")
		clerkC.get("/console/applications/new")
		form := intakeValues("本区2025年养老机构名单")
		form.Set("name", `测试<b id="x">甲</b>`)
		resp, body := clerkC.post("/console/applications", form)
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("register: %d %s", resp.StatusCode, errorText(body))
		}
		id := caseURLRe.FindStringSubmatch(resp.Header.Get("Location"))[1]
		number := e.app(mustInt(t, id)).Number
		replyPath := "/console/applications/" + id + "/reply"

		rev, boss, other := e.login("wj.shenhe"), e.login("wj.fuze"), e.login("yb.shenhe")
		if _, body := rev.get("/console/"); strings.Contains(body, "答复书待审核") {
			t.Fatal("the widget shows with nothing waiting")
		}
		if _, body := rev.get(lettersWaitingPath); !strings.Contains(body, "没有待您审核的答复书") {
			t.Fatal("the empty list does not say so")
		}

		clerkC.get(replyPath)
		draft := url.Values{"reply": {string(foirequest.ReplyNonexistent)}, "disclosed": {"经检索，本机关未制作该信息"}}
		if resp, body := postMultipart(t, clerkC, replyPath, draft, "", "", nil); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("save draft: %d %q", resp.StatusCode, errorText(body))
		}
		label := foirequest.ReplyNonexistent.Label()
		for name, c := range map[string]*client{"审核人": rev, "负责人": boss} {
			resp, body := c.get("/console/")
			if resp.StatusCode != http.StatusOK || !strings.Contains(body, "答复书待审核（1件）") || !strings.Contains(body, `href="`+replyPath+`"`) ||
				!strings.Contains(body, html.EscapeString(number+"："+label)) || !strings.Contains(body, `href="`+lettersWaitingPath+`"`) {
				t.Errorf("%s's home page lacks the letter waiting", name)
			}
			resp, body = c.get(lettersWaitingPath)
			if resp.StatusCode != http.StatusOK || !strings.Contains(body, number) || !strings.Contains(body, `href="`+replyPath+`"`) || !strings.Contains(body, label) {
				t.Errorf("%s's list lacks the letter: %d", name, resp.StatusCode)
			}
			if strings.Contains(body, `<b id="x">`) || !strings.Contains(body, `测试&lt;b id=&#34;x&#34;&gt;甲&lt;/b&gt;`) {
				t.Errorf("%s's list does not escape the applicant's name", name)
			}
			if _, body := c.get("/console/applications"); !strings.Contains(body, `id="letters-waiting-link"`) {
				t.Errorf("%s's application list does not link the letters waiting", name)
			}
		}
		// The author (a clerk) and another agency's reviewer see nothing.
		if _, body := clerkC.get("/console/"); strings.Contains(body, "答复书待审核") {
			t.Error("the author's home page shows their own draft as waiting")
		}
		if resp, _ := clerkC.get(lettersWaitingPath); resp.StatusCode != http.StatusForbidden {
			t.Errorf("a clerk opens the list: %d", resp.StatusCode)
		}
		if _, body := clerkC.get("/console/applications"); strings.Contains(body, `id="letters-waiting-link"`) {
			t.Error("a clerk is offered the list")
		}
		if _, body := other.get("/console/"); strings.Contains(body, "答复书待审核") {
			t.Error("another agency's reviewer sees the letter on the home page")
		}
		if resp, body := other.get(lettersWaitingPath); resp.StatusCode != http.StatusOK || strings.Contains(body, number) {
			t.Errorf("another agency's reviewer lists the letter: %d", resp.StatusCode)
		}

		// Approved, it leaves the lists.
		rev.get(replyPath)
		if resp, body := rev.post(replyPath+"/approve", nil); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("approve: %d %q", resp.StatusCode, errorText(body))
		}
		if _, body := boss.get("/console/"); strings.Contains(body, "答复书待审核") {
			t.Error("an approved letter still waits on the home page")
		}
		if _, body := boss.get(lettersWaitingPath); strings.Contains(body, number) {
			t.Error("an approved letter is still listed")
		}
	})
}
