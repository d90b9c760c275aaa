package annualreport

import (
	"strings"
	"testing"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/apperr"
)

func TestAuthorisation(t *testing.T) {
	const gov, otherGov = 1, 2
	const own, sibling, foreign = 10, 11, 20
	p := func(agency, government int64, roles ...account.Role) account.Principal {
		return account.Principal{UserID: 1, AgencyID: agency, GovernmentID: government, Roles: roles}
	}
	clerk := p(own, gov, account.Clerk)
	head := p(own, gov, account.Head)
	reviewer := p(own, gov, account.Reviewer)
	office := p(12, gov, account.OpenOffice)
	officeElsewhere := p(21, otherGov, account.OpenOffice)
	admin := p(99, 9, account.SysAdmin)
	public := account.Public()
	tests := []struct {
		name                 string
		who                  account.Principal
		agency, government   int64
		read, draft, publish bool
		summarise            bool // of government
		deny                 apperr.Code
	}{
		{"clerk, own agency", clerk, own, gov, true, true, false, false, apperr.Forbidden},
		{"head, own agency", head, own, gov, true, true, true, false, apperr.Forbidden},
		{"reviewer, own agency", reviewer, own, gov, true, false, false, false, apperr.Forbidden},
		{"clerk, another agency", clerk, sibling, gov, false, false, false, false, apperr.NotFound},
		{"head, another agency", head, sibling, gov, false, false, false, false, apperr.NotFound},
		{"open office, its government", office, own, gov, true, false, false, true, apperr.Forbidden},
		{"open office, another government", officeElsewhere, own, gov, false, false, false, false, apperr.NotFound},
		{"sysadmin", admin, foreign, otherGov, true, true, true, true, apperr.Forbidden},
		{"public", public, own, gov, false, false, false, false, apperr.NotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CanRead(tt.who, tt.agency, tt.government); got != tt.read {
				t.Errorf("CanRead = %v, want %v", got, tt.read)
			}
			if got := CanDraft(tt.who, tt.agency, tt.government); got != tt.draft {
				t.Errorf("CanDraft = %v, want %v", got, tt.draft)
			}
			if got := CanPublish(tt.who, tt.agency, tt.government); got != tt.publish {
				t.Errorf("CanPublish = %v, want %v", got, tt.publish)
			}
			if got := CanSummarise(tt.who, tt.government); got != tt.summarise {
				t.Errorf("CanSummarise = %v, want %v", got, tt.summarise)
			}
			if got := CanImport(tt.who, tt.government); got != tt.summarise {
				t.Errorf("CanImport = %v, want %v", got, tt.summarise)
			}
			if got := apperr.CodeOf(Deny(tt.who, tt.agency, tt.government, "不允许")); got != tt.deny {
				t.Errorf("Deny code = %s, want %s", got, tt.deny)
			}
		})
	}
}

func TestFormatFor(t *testing.T) {
	for _, tt := range []struct {
		year int
		want Format
		code apperr.Code
	}{
		{2008, "", apperr.Invalid},
		{2015, "", apperr.Invalid},
		{2018, "", apperr.Invalid},
		{2019, Format2019, ""},
		{2020, Format2019, ""},
		{2021, Format2021, ""},
		{2025, Format2021, ""},
		{2101, "", apperr.Invalid},
	} {
		got, err := FormatFor(tt.year)
		if got != tt.want || (err == nil) != (tt.code == "") || err != nil && apperr.CodeOf(err) != tt.code {
			t.Errorf("FormatFor(%d) = %q, %v; want %q, %s", tt.year, got, err, tt.want, tt.code)
		}
	}
	if _, err := FormatFor(2015); err == nil || !containsAll(apperr.MessageOf(err), "2015", "2019") {
		t.Errorf("the refusal does not say which years: %v", err)
	}
}

func TestNarrative(t *testing.T) {
	n := Narrative{Overview: " 概述 ", Problems: "问题"}
	if err := n.Complete(); err != nil || n.Overview != "概述" {
		t.Fatal(err, n.Overview)
	}
	for _, tt := range []struct {
		n    Narrative
		want string
	}{
		{Narrative{}, "本年度未收取信息处理费。无其他需要报告的事项。"},
		{Narrative{FeeYuan: 300}, "本年度收取信息处理费300元。无其他需要报告的事项。"},
		{Narrative{FeeYuan: 12.5, Other: "无。"}, "本年度收取信息处理费12.5元。无。"},
		{Narrative{FeeYuan: 300, Other: "本年度收取信息处理费共计三百元。"}, "本年度收取信息处理费共计三百元。"},
	} {
		if got := tt.n.OtherText(); got != tt.want {
			t.Errorf("OtherText(%+v) = %q, want %q", tt.n, got, tt.want)
		}
	}
	for _, bad := range []Narrative{{Problems: "x"}, {Overview: "x"}, {Overview: "x", Problems: "y", FeeYuan: -1}} {
		if err := bad.Complete(); apperr.CodeOf(err) != apperr.Invalid {
			t.Errorf("Complete(%+v) = %v", bad, err)
		}
	}
	if err := (&Narrative{FeeYuan: -0.5}).Clean(); err == nil {
		t.Error("a negative fee passes Clean")
	}
	if err := (&Narrative{}).Clean(); err != nil {
		t.Errorf("an empty draft is refused: %v", err)
	}
}

func TestLate(t *testing.T) {
	cn := time.FixedZone("CST", 8*3600)
	onTime := time.Date(2025, 1, 31, 23, 0, 0, 0, cn)
	late := time.Date(2025, 2, 1, 0, 0, 1, 0, cn)
	for _, tt := range []struct {
		published bool
		at, now   time.Time
		want      bool
	}{
		{true, onTime, late, false},
		{true, late, late, true},
		{false, time.Time{}, onTime, false},
		{false, time.Time{}, late, true},
	} {
		if got := Late(2024, tt.published, tt.at, tt.now); got != tt.want {
			t.Errorf("Late(2024, %v, %v, %v) = %v", tt.published, tt.at, tt.now, got)
		}
	}
}

func containsAll(s string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}
