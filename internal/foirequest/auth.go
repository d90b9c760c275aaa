package foirequest

import (
	"gongkai/internal/account"
	"gongkai/internal/apperr"
)

// Who may do what with an application, in one place (in the spirit of Froide's
// foirequest/auth.py). Every door of the store asks these; a web page asks them only to
// decide which buttons to show.

// CanRead reports whether p may read the applications of an agency of a government:
// the agency's own staff, 政务公开办 of the government, a 系统管理员 and System.
func CanRead(p account.Principal, agencyID, governmentID int64) bool {
	return p.CanRead(agencyID, governmentID)
}

// CanWrite reports whether p handles the agency's cases (records their steps): its
// 经办人, 审核人 and 负责人, holding the role in their own right — not 政务公开办, not an
// administrator through the system administrator's wildcard, not System.
func CanWrite(p account.Principal, agencyID int64) bool {
	return p.Holds(agencyID, account.Clerk) || p.Holds(agencyID, account.Reviewer) || p.Holds(agencyID, account.Head)
}

// CanApprove reports whether p may approve an extension of the reply period: only the
// agency's 负责人 (第三十三条第二款: 经政府信息公开工作机构负责人同意).
func CanApprove(p account.Principal, agencyID int64) bool {
	return p.Holds(agencyID, account.Head)
}

// CanRegister reports whether p may register an application with the agency: the public
// (through the portal), or the agency's 经办人 or 负责人 (staff intake).
func CanRegister(p account.Principal, agencyID int64) bool {
	return p.IsPublic() || (p.CanWrite(agencyID) && p.HasAny(account.Clerk, account.Head))
}

// SeesApplicant reports whether p sees an application's applicant unmasked: the staff
// handling it. Everyone else — 政务公开办 of another agency, administrators — sees
// identity numbers, phones and e-mails masked.
func SeesApplicant(p account.Principal, agencyID int64) bool { return CanWrite(p, agencyID) }

// RequireRead is CanRead as an error: apperr.NotFound, since a case of another agency
// is, to this user, a case that does not exist.
func RequireRead(p account.Principal, agencyID, governmentID int64) error {
	return p.RequireRead(agencyID, governmentID)
}

// errNotHandler is the refusal of a step recorded by someone who does not handle the case.
var errNotHandler = apperr.New(apperr.Forbidden, "只有承办机关的经办人、审核人或负责人可以办理申请")

// errNotApprover is the refusal of an extension not approved by the 负责人.
var errNotApprover = apperr.New(apperr.Forbidden, "延长答复期限须经政府信息公开工作机构负责人同意，只有负责人可以批准延期")

// errNoWithholdingReason is the refusal of a withholding reply without its reason.
var errNoWithholdingReason = apperr.New(apperr.Invalid, "不予公开或部分公开的，应当说明理由（第三十六条）")

// PublicStep reports whether the documents of a step go to the applicant — the reply and
// the notices sent to them (补正, 延期, 收费) — so that the applicant (through the portal)
// and staff outside the case may see them. Registration scans, which may show identity
// documents, are for the handling staff only.
func PublicStep(t EventType) bool {
	switch t {
	case EventReplied, EventCorrectionRequested, EventExtended, EventFeeNotified:
		return true
	}
	return false
}
