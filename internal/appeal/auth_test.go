package appeal

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
		name        string
		p           account.Principal
		read, write bool
	}{
		{"经办人", p(own, account.Clerk), true, true},
		{"负责人", p(own, account.Head), true, true},
		{"审核人", p(own, account.Reviewer), true, false},
		{"经办人 of another agency", p(2, account.Clerk), false, false},
		{"政务公开办", p(3, account.OpenOffice, account.Clerk), true, false},
		{"系统管理员", p(3, account.SysAdmin), true, true},
		{"Public", account.Public(), false, false},
	} {
		if got := CanRead(c.p, own, 1); got != c.read {
			t.Errorf("%s: CanRead = %v", c.name, got)
		}
		if got := CanWrite(c.p, own); got != c.write {
			t.Errorf("%s: CanWrite = %v", c.name, got)
		}
	}
}
