package account

import (
	"slices"
	"strings"

	"gongkai/internal/apperr"
)

// Principal is who acts, as the authorisation rules see them: a signed-in staff user, the
// public (an anonymous portal visitor) or the system (background jobs and the command
// line, run by whoever operates the deployment). Every door of the store takes one; the
// audit log's "who" is derived from it.
type Principal struct {
	UserID       int64
	Name         string
	AgencyID     int64
	GovernmentID int64
	Roles        []Role

	kind principalKind
}

type principalKind uint8

const (
	staff principalKind = iota
	system
	public
)

// System is the principal of background jobs and the command line. It administers every
// agency (it holds 系统管理员) but is nobody's 经办人, 审核人 or 负责人: what the law
// leaves to an agency's own staff (handling a case, approving an extension, reviewing an
// item) it cannot do.
func System() Principal {
	return Principal{Name: "系统", Roles: []Role{SysAdmin}, kind: system}
}

// Public is the principal of an anonymous visitor of the portal: it reads what is public
// and submits applications, nothing else.
func Public() Principal { return Principal{Name: "公众", kind: public} }

// IsSystem reports whether p is System().
func (p Principal) IsSystem() bool { return p.kind == system }

// IsPublic reports whether p is Public() (or the zero Principal: nobody signed in).
func (p Principal) IsPublic() bool { return p.kind == public || (p.kind == staff && p.UserID == 0) }

// IsStaff reports whether p is a signed-in user.
func (p Principal) IsStaff() bool { return p.kind == staff && p.UserID != 0 }

// Has reports whether p holds role r (a system administrator holds every role).
func (p Principal) Has(r Role) bool {
	return slices.Contains(p.Roles, r) || slices.Contains(p.Roles, SysAdmin)
}

// HasAny reports whether p holds one of rs.
func (p Principal) HasAny(rs ...Role) bool {
	for _, r := range rs {
		if p.Has(r) {
			return true
		}
	}
	return false
}

// Holds reports whether p is a user of the agency holding role r in their own right (not
// through the system administrator's wildcard): the test of the statutory roles, such as
// the 负责人 who approves an extension.
func (p Principal) Holds(agencyID int64, r Role) bool {
	return p.kind == staff && p.AgencyID == agencyID && slices.Contains(p.Roles, r)
}

// CanRead reports whether p may read the non-public records of an agency.
// Staff read their own agency; 政务公开办 reads every agency of its government.
func (p Principal) CanRead(agencyID, governmentID int64) bool {
	switch {
	case slices.Contains(p.Roles, SysAdmin):
		return true
	case agencyID == p.AgencyID:
		return true
	case slices.Contains(p.Roles, OpenOffice) && governmentID == p.GovernmentID:
		return true
	}
	return false
}

// CanWrite reports whether p may change an agency's records (only its own agency's staff).
func (p Principal) CanWrite(agencyID int64) bool {
	return slices.Contains(p.Roles, SysAdmin) || (p.kind == staff && agencyID == p.AgencyID)
}

// RequireRead returns apperr.NotFound when p may not read the agency: a record of
// another agency is, to this user, a record that does not exist.
func (p Principal) RequireRead(agencyID, governmentID int64) error {
	if !p.CanRead(agencyID, governmentID) {
		return apperr.New(apperr.NotFound, "记录不存在或无权查看")
	}
	return nil
}

// RequireWrite returns apperr.Forbidden (or NotFound if unreadable) when p may not change
// an agency's records, and when p lacks every one of roles (if any are given).
func (p Principal) RequireWrite(agencyID, governmentID int64, roles ...Role) error {
	if err := p.RequireRead(agencyID, governmentID); err != nil {
		return err
	}
	if !p.CanWrite(agencyID) {
		return apperr.New(apperr.Forbidden, "只能修改本机关的记录")
	}
	if len(roles) > 0 && !p.HasAny(roles...) {
		return RolesNeeded(roles...)
	}
	return nil
}

// RolesNeeded is the apperr.Forbidden of an action that needs one of roles.
func RolesNeeded(roles ...Role) error {
	labels := make([]string, len(roles))
	for i, r := range roles {
		labels[i] = r.Label()
	}
	return apperr.Newf(apperr.Forbidden, "此操作需要以下角色之一：%s", strings.Join(labels, "、"))
}

// RequireAdmin returns apperr.Forbidden unless p administers the agency: its 机关管理员,
// or a 系统管理员 (and System) for any agency.
func (p Principal) RequireAdmin(agencyID int64) error {
	if slices.Contains(p.Roles, SysAdmin) || p.Holds(agencyID, AgencyAdmin) {
		return nil
	}
	return apperr.New(apperr.Forbidden, "此操作需要机关管理员或系统管理员权限")
}

// RequireSysAdmin returns apperr.Forbidden unless p is a 系统管理员 (or System).
func (p Principal) RequireSysAdmin() error {
	if slices.Contains(p.Roles, SysAdmin) {
		return nil
	}
	return apperr.New(apperr.Forbidden, "此操作需要系统管理员权限")
}

// Principal is u signed in, u's agency belonging to government governmentID.
func (u User) Principal(governmentID int64) Principal {
	return Principal{UserID: u.ID, Name: u.DisplayName, AgencyID: u.AgencyID, GovernmentID: governmentID, Roles: u.Roles}
}
