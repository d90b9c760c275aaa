package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"gongkai/internal/store"
)

var hiddenRe = regexp.MustCompile(`id="section-(person|org)"[^>]*>`)

// sections reports which applicant sections a page shows (not hidden).
func sections(body string) map[string]bool {
	out := map[string]bool{}
	for _, m := range hiddenRe.FindAllStringSubmatch(body, -1) {
		out[m[1]] = !strings.Contains(m[0], " hidden")
	}
	return out
}

// The portal's form shows the section of the applicant type chosen — also without
// JavaScript, by sending the type — and keeps only that section's fields; the console's
// intake reports every problem at once; the catalog form asks for a 主题分类.
func TestFormsSectionsAndEveryProblem(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		ag := e.user("wj.jingban").AgencyID
		path := "/agencies/" + itoa(ag) + "/apply"
		c := e.anon()
		_, body := c.get(path)
		if s := sections(body); !s["person"] || s["org"] {
			t.Fatalf("first page shows %v", s)
		}
		if !strings.Contains(body, `<noscript><button type="submit" name="action" value="kind"`) {
			t.Fatal("no way to choose the type without JavaScript")
		}
		before := len(e.appsOf(ag))
		resp, body := c.post(path, url.Values{"action": {"kind"}, "kind": {"business"}, "name": {"示例医药有限公司"}, "id_number": {portalIDNumber}})
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("choose kind: %d", resp.StatusCode)
		}
		if s := sections(body); s["person"] || !s["org"] || !strings.Contains(body, "示例医药有限公司") || strings.Contains(body, portalIDNumber) {
			t.Fatalf("after choosing 企业: %v", s)
		}
		if len(e.appsOf(ag)) != before {
			t.Fatal("choosing the type registered an application")
		}
		// An organisation's application keeps no identity number typed before the switch.
		v := applyValues("分区块测试：2025年本区药品抽检结果")
		v.Set("kind", "business")
		v.Set("name", "示例医药有限公司")
		v.Set("credit_code", "91999999MA0000032W")
		v.Set("contact_person", "王五")
		c.get(path)
		resp, body = c.post(path, v)
		if resp.StatusCode != http.StatusOK || !codeRe.MatchString(body) {
			t.Fatalf("apply as business: %d %s", resp.StatusCode, errorText(body))
		}
		found := false
		for _, a := range e.appsOf(ag) {
			if strings.HasPrefix(a.Description, "分区块测试：2025年本区药品抽检结果") {
				found = true
				if a.Applicant.IDNumber != "" || a.Applicant.ContactPerson != "王五" {
					t.Fatalf("an organisation's application as stored: %+v", a.Applicant)
				}
			}
		}
		if !found {
			t.Fatal("the organisation's application was not registered")
		}

		// The console's intake: every problem in one pass.
		clerkC := e.login("wj.jingban")
		clerkC.get("/console/applications/new")
		form := intakeValues("")
		form.Set("name", "")
		form.Set("phone", "")
		form.Set("delivery", "")
		resp, body = clerkC.post("/console/applications", form)
		msg := errorText(body)
		if resp.StatusCode != http.StatusBadRequest {
			t.Fatalf("intake: %d %q", resp.StatusCode, msg)
		}
		for _, want := range []string{"请填写申请人姓名", "请描述申请公开的政府信息", "请选择获取信息的方式"} {
			if !strings.Contains(msg, want) {
				t.Errorf("intake's message lacks %q: %s", want, msg)
			}
		}

		// The catalog form asks for a 主题分类.
		_, body = clerkC.get("/console/catalog/new")
		if !strings.Contains(body, `<select id="topic" name="topic" required><option value="" selected>请选择主题分类</option>`) {
			t.Fatal("the catalog form chooses a 主题分类 silently")
		}
	})
}

// appsOf lists the applications of an agency, as its clerk sees them.
func (e *testEnv) appsOf(agencyID int64) []store.Application {
	e.t.Helper()
	list, _, err := e.db.Applications().List(context.Background(), e.user("wj.jingban"), store.ApplicationFilter{AgencyIDs: []int64{agencyID}, Limit: 1000})
	if err != nil {
		e.t.Fatal(err)
	}
	return list
}
