package appeal

import "gongkai/internal/account"

// Who may do what with the 行政复议 and 行政诉讼 records, in one place.

// CanRead reports whether p reads the agency's appeals: its staff, 政务公开办 of its
// government, a 系统管理员 and System.
func CanRead(p account.Principal, agencyID, governmentID int64) bool {
	return p.CanRead(agencyID, governmentID)
}

// CanWrite reports whether p records the agency's appeals: its 经办人 or 负责人 (or a
// 系统管理员).
func CanWrite(p account.Principal, agencyID int64) bool {
	return p.CanWrite(agencyID) && p.HasAny(account.Clerk, account.Head)
}
