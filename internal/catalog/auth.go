package catalog

import (
	"gongkai/internal/account"
	"gongkai/internal/apperr"
)

// Who may do what with the catalog, in one place. The workflow's roles count only in the
// user's own agency, held in their own right (not through the system administrator's
// wildcard); RoleSystem is System alone (the scheduled-publication job).

// Holds reports whether p plays workflow role r in the agency.
func Holds(p account.Principal, agencyID int64, r Role) bool {
	if r == RoleSystem {
		return p.IsSystem()
	}
	return p.Holds(agencyID, account.Role(r))
}

// CanRead reports whether p may read the agency's items that are not published (drafts,
// items under review, withdrawn ones): the agency's staff, 政务公开办 of its government,
// a 系统管理员 and System.
func CanRead(p account.Principal, agencyID, governmentID int64) bool {
	return p.CanRead(agencyID, governmentID)
}

// CanWrite reports whether p drafts, edits and imports the agency's items: its 经办人.
func CanWrite(p account.Principal, agencyID int64) bool { return Holds(p, agencyID, RoleClerk) }

// CanImport reports whether p takes over an existing catalog of the agency as published
// items: its 经办人, or System (the command line migrating a catalog, run by whoever
// operates the deployment).
func CanImport(p account.Principal, agencyID int64) bool {
	return CanWrite(p, agencyID) || p.IsSystem()
}

// CanReview reports whether p performs the agency's 保密审查: its 审核人.
func CanReview(p account.Principal, agencyID int64) bool { return Holds(p, agencyID, RoleReviewer) }

// CanApprove reports whether p approves, withdraws and changes the 效力状态 of the
// agency's items: its 负责人.
func CanApprove(p account.Principal, agencyID int64) bool { return Holds(p, agencyID, RoleHead) }

// CanManage reports whether p changes the agency's catalog settings (主题分类, 索引号格式):
// its 机关管理员, or a 系统管理员.
func CanManage(p account.Principal, agencyID int64) bool {
	return p.CanWrite(agencyID) && p.Has(account.AgencyAdmin)
}

// CanRecordFigures reports whether p records the agency's monthly figures (行政许可、行政处罚、
// 行政强制 counts and fees for the annual report): its 经办人 or 负责人.
func CanRecordFigures(p account.Principal, agencyID int64) bool {
	return p.CanWrite(agencyID) && p.HasAny(account.Clerk, account.Head)
}

// RequireRead is CanRead as an error: apperr.NotFound, since an item of an agency p may
// not read is, to them, an item that does not exist.
func RequireRead(p account.Principal, agencyID, governmentID int64) error {
	if !CanRead(p, agencyID, governmentID) {
		return apperr.New(apperr.NotFound, "信息不存在")
	}
	return nil
}
