package web

import (
	"context"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"gongkai/internal/auditlog"
	"gongkai/internal/store"
)

func TestAuditLabels(t *testing.T) {
	for action, want := range map[string]string{
		"application.create":               "登记申请",
		"application.replied":              "作出答复",
		"application.correction_requested": "发出补正通知",
		"catalog.submit":                   "提交保密审查",
		"annual_report.publish":            "发布年度报告",
		"oversight.notice.send":            "发出督办",
		"oversight.notice.answer":          "答复督办",
		"something.unknown":                "something.unknown",
		"application.no_such_step":         "application.no_such_step",
	} {
		if got := auditActionLabel(action); got != want {
			t.Errorf("auditActionLabel(%q) = %q, want %q", action, got, want)
		}
	}
	if got := auditEntityLabel("catalog_item"); got != "信息" {
		t.Errorf("auditEntityLabel(catalog_item) = %q", got)
	}
	if got := auditEntityLabel("x"); got != "x" {
		t.Errorf("auditEntityLabel(x) = %q", got)
	}
}

// Every audit row of the demo data and of this steps (reply letters, their
// approval, the 保密审查 checklist, the review setting) is shown with Chinese labels: every
// action named, every changed field named, no code of the domain left as it is; the
// 操作日志 page carries no JSON.
func TestAuditDetailsLabelEveryField(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		// A catalog item through its review, and the review setting of reply letters.
		clerkC := e.login("wj.jingban")
		clerkC.get("/console/catalog/new")
		resp, body := clerkC.post("/console/catalog", itemForm("操作日志标签测试件"))
		id := createdItemID(t, resp, body)
		e.step(clerkC, id, "submit", nil)
		e.step(e.login("wj.shenhe"), id, "reject_review", url.Values{"reason": {"含个人信息"}, "clear": {"state_secret"}})
		adm := e.login("wj.admin")
		agencyID := itoa(e.user("wj.admin").AgencyID)
		adm.get("/console/agencies/" + agencyID + "/edit")
		adm.post("/console/agencies/"+agencyID+"/reply-review", url.Values{})

		var entries []auditlog.Entry
		for f := (store.AuditFilter{Limit: 500}); ; {
			page, err := e.db.ListAudit(context.Background(), f)
			if err != nil {
				t.Fatal(err)
			}
			entries = append(entries, page...)
			if len(page) < f.Limit {
				break
			}
			f.BeforeSeq = page[len(page)-1].Seq
		}
		code := regexp.MustCompile(`^[a-z][a-z_.]*$`)
		seen := map[string]bool{}
		for _, en := range entries {
			if l := auditActionLabel(en.Action); l == en.Action {
				t.Errorf("action %q has no Chinese name", en.Action)
			}
			if l := auditEntityLabel(en.Entity); l == en.Entity {
				t.Errorf("entity %q has no Chinese name", en.Entity)
			}
			for _, d := range auditDetails(en.Entity, en.Before, en.After) {
				seen[en.Action] = true
				if strings.Contains(d.Field, "其他字段") || strings.ContainsAny(d.Field, "abcdefghijklmnopqrstuvwxyz_") {
					t.Errorf("%s: field %q has no Chinese name", en.Action, d.Field)
				}
				if strings.HasSuffix(d.Field, "用户名") {
					continue
				}
				for _, v := range []string{d.Before, d.After} {
					if code.MatchString(v) {
						t.Errorf("%s: %s shows the code %q", en.Action, d.Field, v)
					}
				}
			}
		}
		for _, a := range []string{"application.letter_drafted", "application.letter_approved", "application.replied", "catalog.reject_review", "agency.reply_review"} {
			if !seen[a] {
				t.Errorf("no details of %s seen", a)
			}
		}
		_, page := e.login("admin").get("/console/audit")
		if strings.Contains(page, "&#34;") || strings.Contains(page, `"state"`) || !strings.Contains(page, "变更前") {
			t.Error("the 操作日志 shows JSON")
		}
		if !strings.Contains(page, "确认不涉及") || !strings.Contains(page, "国家秘密") {
			t.Error("the 操作日志 lacks the 保密审查's checklist")
		}
	})
}
