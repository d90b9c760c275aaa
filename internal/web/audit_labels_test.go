package web

import "testing"

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
