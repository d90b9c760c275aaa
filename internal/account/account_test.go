package account

import "testing"

func TestPassword(t *testing.T) {
	h, err := HashPassword("正确的密码123")
	if err != nil {
		t.Fatal(err)
	}
	if !CheckPassword(h, "正确的密码123") {
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
