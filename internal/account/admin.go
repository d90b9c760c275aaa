package account

import (
	"slices"

	"gongkai/internal/apperr"
)

// Who administers whom: the rules of the console's agency and user pages, the command
// line and the demo loader alike.

// CanAdminister reports whether p administers the agency (its users, its details, its
// settings): its 机关管理员, or a 系统管理员 (and System) for every agency.
func CanAdminister(p Principal, agencyID int64) bool {
	return p.CanWrite(agencyID) && p.Has(AgencyAdmin)
}

// privileged roles reach beyond one agency: only a 系统管理员 grants them or touches the
// accounts holding them.
func privileged(r Role) bool { return r == SysAdmin || r == OpenOffice }

// CheckCreateUser refuses what p may not do in creating u: a user of an agency p does not
// administer (apperr.Forbidden), or a 系统管理员 / 政务公开办 role granted by anyone but a
// 系统管理员.
func CheckCreateUser(p Principal, u User) error {
	if !CanAdminister(p, u.AgencyID) {
		return apperr.New(apperr.Forbidden, "只能为本机关新增用户")
	}
	for _, r := range u.Roles {
		if privileged(r) && !p.Has(SysAdmin) {
			return apperr.New(apperr.Forbidden, "只有系统管理员可以授予“系统管理员”或“政务公开办”角色")
		}
	}
	return nil
}

// CheckDisableUser refuses what p may not do in enabling or disabling u: another agency's
// user is, to an agency's administrator, a user that does not exist (apperr.NotFound);
// nobody disables their own account (apperr.Conflict); only a 系统管理员 touches a 系统管理员's
// or a 政务公开办's account (apperr.Forbidden).
func CheckDisableUser(p Principal, u User) error {
	if !p.Has(SysAdmin) && (u.AgencyID != p.AgencyID || !p.Has(AgencyAdmin)) {
		return apperr.New(apperr.NotFound, "用户不存在")
	}
	if u.ID == p.UserID {
		return apperr.New(apperr.Conflict, "不能停用自己的账号")
	}
	if slices.ContainsFunc(u.Roles, privileged) && !p.Has(SysAdmin) {
		return apperr.New(apperr.Forbidden, "只有系统管理员可以停用“系统管理员”或“政务公开办”账号")
	}
	return nil
}

// ErrWrongPassword is the refusal of a password change whose current password does not
// match (the console counts it against its attempt limit).
var ErrWrongPassword = apperr.New(apperr.Invalid, "当前密码不正确")

// CheckPasswordChange checks a user's change of their own password, once the current one
// has been checked (by the door, under its attempt limit): the new one typed twice the
// same (confirm), different from the current one, and acceptable (CheckPolicy).
func CheckPasswordChange(username, current, next, confirm string) error {
	if next != confirm {
		return apperr.New(apperr.Invalid, "两次输入的新密码不一致")
	}
	if next == current {
		return apperr.New(apperr.Invalid, "新密码不能与当前密码相同")
	}
	return CheckPolicy(username, next)
}
