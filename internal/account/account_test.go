package account

import (
	"strings"
	"testing"
)

func TestPassword(t *testing.T) {
	h, err := HashPassword("正确的密码一二三四五")
	if err != nil {
		t.Fatal(err)
	}
	if !CheckPassword(h, "正确的密码一二三四五") {
		t.Fatal("right password refused")
	}
	if CheckPassword(h, "错误的密码123") {
		t.Fatal("wrong password accepted")
	}
	if _, err := HashPassword("short"); err == nil {
		t.Fatal("short password accepted")
	}
	if CheckPassword("garbage", "x") {
		t.Fatal("garbage hash accepted")
	}
}

func TestAuthorisation(t *testing.T) {
	clerkA := Principal{UserID: 1, AgencyID: 10, GovernmentID: 1, Roles: []Role{Clerk}}
	office := Principal{UserID: 2, AgencyID: 12, GovernmentID: 1, Roles: []Role{OpenOffice}}
	otherGov := Principal{UserID: 3, AgencyID: 20, GovernmentID: 2, Roles: []Role{OpenOffice}}
	admin := Principal{UserID: 4, AgencyID: 12, GovernmentID: 1, Roles: []Role{SysAdmin}}
	tests := []struct {
		name              string
		p                 Principal
		agency, gov       int64
		canRead, canWrite bool
	}{
		{"own agency", clerkA, 10, 1, true, true},
		{"other agency same government", clerkA, 11, 1, false, false},
		{"open office reads its government", office, 10, 1, true, false},
		{"open office of another government", otherGov, 10, 1, false, false},
		{"sysadmin", admin, 99, 9, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.p.CanRead(tt.agency, tt.gov); got != tt.canRead {
				t.Errorf("CanRead = %v, want %v", got, tt.canRead)
			}
			if got := tt.p.RequireWrite(tt.agency, tt.gov) == nil; got != tt.canWrite {
				t.Errorf("RequireWrite ok = %v, want %v", got, tt.canWrite)
			}
		})
	}
	if clerkA.RequireWrite(10, 1, Head) == nil {
		t.Error("clerk passed a head-only check")
	}
	if _, err := ParseRoles("经办人,head"); err != nil {
		t.Error(err)
	}
	if _, err := ParseRoles("boss"); err == nil {
		t.Error("unknown role accepted")
	}
}

// TestPolicy: the NIST SP 800-63B rule — length, the common list, the user name.
func TestPolicy(t *testing.T) {
	tests := []struct {
		user, pw string
		want     string // part of the message; "" accepted
	}{
		{"wj.jingban", "清河区卫健局信息公开", ""},
		{"wj.jingban", "Tiger-lily-2031", ""},
		{"wj.jingban", "12345678", "至少 10 位"},
		{"wj.jingban", "short", "至少 10 位"},
		{"wj.jingban", "1234567890", "过于常见"},
		{"wj.jingban", "Password123", "过于常见"},
		{"wj.jingban", "woaini1314520", "过于常见"},
		{"wj.jingban", "QWERTYUIOP", "过于常见"},
		{"wj.jingban", "gongkai-demo", "过于常见"},
		{"wj.jingban", "zhengwu123456", "过于常见"},
		{"wj.jingban", "abababababab", "一两个字符"},
		{"wj.jingban", "wj.jingban", "用户名"},
		{"wj.jingban", "WJ.JINGBAN-2025", "用户名"},
		{"wj.jingban", "nabgnij.jw", "用户名"},
		{"li", "li-is-my-name-2031", ""},
		{"", "Tiger-lily-2031", ""},
		{"x", strings.Repeat("长", 1000), "过长"},
	}
	for _, tt := range tests {
		err := CheckPolicy(tt.user, tt.pw)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s/%q refused: %v", tt.user, tt.pw, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%s/%q: %v, want %q", tt.user, tt.pw, err, tt.want)
		}
	}
	if n := len(commonPasswords()); n < 3000 || n > 10000 {
		t.Errorf("%d common passwords shipped", n)
	}
	for p := range commonPasswords() {
		if len([]rune(p)) < MinPasswordLength {
			t.Errorf("listed %q is shorter than the minimum: it needs no listing", p)
		}
	}
}
