package annualreport

import (
	"slices"

	"gongkai/internal/account"
	"gongkai/internal/apperr"
)

// Who may do what with annual reports: the one authorisation entry of the domain, used by
// every door of the store (web, command line and demo loader alike). Published reports
// are public (第五十条) and need no check.

// CanRead reports whether p may read an agency's report in the making (its counted
// tables and draft narrative): the agency's own staff, the 政务公开办 of its government.
func CanRead(p account.Principal, agencyID, governmentID int64) bool {
	return p.CanRead(agencyID, governmentID)
}

// CanDraft reports whether p may write an agency's narrative: its own 经办人 or 负责人.
func CanDraft(p account.Principal, agencyID, governmentID int64) bool {
	return CanRead(p, agencyID, governmentID) && p.CanWrite(agencyID) && p.HasAny(account.Clerk, account.Head)
}

// CanPublish reports whether p may publish (or correct) an agency's report: only its
// 负责人.
func CanPublish(p account.Principal, agencyID, governmentID int64) bool {
	return CanRead(p, agencyID, governmentID) && p.CanWrite(agencyID) && p.Has(account.Head)
}

// CanSummarise reports whether p may compile the government-level report of a
// government and follow its agencies' reports: that government's 政务公开办.
func CanSummarise(p account.Principal, governmentID int64) bool {
	return p.Has(account.OpenOffice) && (p.GovernmentID == governmentID || slices.Contains(p.Roles, account.SysAdmin))
}

// CanImport reports whether p may import the published reports of a government's
// agencies and read those imported: that government's 政务公开办, as for the summary.
func CanImport(p account.Principal, governmentID int64) bool {
	return CanSummarise(p, governmentID)
}

// Deny is the refusal when an entry above said no: apperr.NotFound when p may not even
// read the agency's reports (to p, another agency's report does not exist), otherwise
// apperr.Forbidden with why.
func Deny(p account.Principal, agencyID, governmentID int64, why string) error {
	if !CanRead(p, agencyID, governmentID) {
		return apperr.New(apperr.NotFound, "报告不存在或无权查看")
	}
	return apperr.New(apperr.Forbidden, why)
}
