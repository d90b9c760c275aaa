package catalog

import (
	"testing"

	"gongkai/internal/account"
)

func TestAuthorisation(t *testing.T) {
	const own = 1
	p := func(agency int64, roles ...account.Role) account.Principal {
		return account.Principal{UserID: 9, AgencyID: agency, GovernmentID: 1, Roles: roles}
	}
	for _, c := range []struct {
		name                                          string
		p                                             account.Principal
		read, write, review, approve, manage, figures bool
	}{
		{"经办人", p(own, account.Clerk), true, true, false, false, false, true},
		{"审核人", p(own, account.Reviewer), true, false, true, false, false, false},
		{"负责人", p(own, account.Head), true, false, false, true, false, true},
		{"机关管理员", p(own, account.AgencyAdmin), true, false, false, false, true, false},
		{"经办人 of another agency", p(2, account.Clerk), false, false, false, false, false, false},
		{"政务公开办 of the government", p(3, account.OpenOffice), true, false, false, false, false, false},
		{"系统管理员", p(3, account.SysAdmin), true, false, false, false, true, true},
		{"System", account.System(), true, false, false, false, true, true},
		{"Public", account.Public(), false, false, false, false, false, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := []bool{CanRead(c.p, own, 1), CanWrite(c.p, own), CanReview(c.p, own), CanApprove(c.p, own), CanManage(c.p, own), CanRecordFigures(c.p, own)}
			want := []bool{c.read, c.write, c.review, c.approve, c.manage, c.figures}
			for i, name := range []string{"CanRead", "CanWrite", "CanReview", "CanApprove", "CanManage", "CanRecordFigures"} {
				if got[i] != want[i] {
					t.Errorf("%s = %v", name, got[i])
				}
			}
		})
	}
	if !CanImport(account.System(), own) || !CanImport(p(own, account.Clerk), own) || CanImport(p(own, account.Head), own) || CanImport(p(2, account.Clerk), own) {
		t.Error("CanImport: the agency's 经办人 and System")
	}
	if !Holds(account.System(), own, RoleSystem) || Holds(p(own, account.Clerk, account.Head, account.SysAdmin), own, RoleSystem) {
		t.Error("RoleSystem is System's alone")
	}
}
