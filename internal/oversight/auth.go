package oversight

import (
	"slices"

	"gongkai/internal/account"
	"gongkai/internal/apperr"
)

// CanOversee reports whether p follows the agencies of government governmentID: its
// 政务公开办 (a 系统管理员 holding that role for any government).
func CanOversee(p account.Principal, governmentID int64) bool {
	if !p.IsStaff() && !p.IsSystem() {
		return false
	}
	return p.Has(account.OpenOffice) && (p.GovernmentID == governmentID || slices.Contains(p.Roles, account.SysAdmin))
}

// RequireOversee is CanOversee as an error (apperr.Forbidden).
func RequireOversee(p account.Principal, governmentID int64) error {
	if !CanOversee(p, governmentID) {
		return apperr.New(apperr.Forbidden, "只有本级政府的政务公开办可以查看和督办各机关的政务公开工作")
	}
	return nil
}

// CanSend reports whether p may send a 督办 notice to an agency of government
// governmentID: its 政务公开办, signed in (the system sends none).
func CanSend(p account.Principal, governmentID int64) bool {
	return p.IsStaff() && CanOversee(p, governmentID)
}

// CanReadNotice reports whether p may read a notice to agencyID of governmentID: the
// government's 政务公开办, or the agency's own staff.
func CanReadNotice(p account.Principal, agencyID, governmentID int64) bool {
	return CanOversee(p, governmentID) || (p.IsStaff() && p.AgencyID == agencyID) || slices.Contains(p.Roles, account.SysAdmin)
}

// CanAnswer reports whether p may answer a notice to agencyID: the agency's own 经办人,
// 负责人 or 机关管理员 (the agency answers for itself; the office that sent it cannot).
func CanAnswer(p account.Principal, agencyID int64) bool {
	if !p.IsStaff() || p.AgencyID != agencyID {
		return false
	}
	return slices.ContainsFunc(p.Roles, func(r account.Role) bool {
		return r == account.Clerk || r == account.Head || r == account.AgencyAdmin
	})
}
