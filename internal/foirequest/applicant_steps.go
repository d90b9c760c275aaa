package foirequest

import (
	"fmt"
	"slices"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/apperr"
	"gongkai/internal/workday"
)

// ApplicantSteps are the steps an applicant records themselves, on the portal's tracking
// page, with the query code as their key: the corrected application (第三十条), the payment
// of the fee (with its receipt), and the withdrawal of the application. Each is received
// the day it is submitted (第三十一条第（三）项: 通过互联网渠道提交的，以双方确认之日为收到
// 申请之日 — the portal confirms at once).
var ApplicantSteps = []EventType{EventCorrected, EventFeePaid, EventWithdrawn}

// ApplicantMay lists the applicant steps the case allows now, in the order of
// ApplicantSteps.
func (c *Case) ApplicantMay() []EventType {
	var out []EventType
	for _, t := range ApplicantSteps {
		if c.stateAllows(t) == nil {
			out = append(out, t)
		}
	}
	return out
}

// errNotApplicantStep is the refusal of a step the applicant cannot take themselves.
var errNotApplicantStep = apperr.New(apperr.Forbidden, "申请人可以在查询页面提交补正材料、缴费凭证或撤回申请，其他办理步骤由承办机关记录")

// ApplyByApplicant records a step the applicant took on the portal: one of ApplicantSteps
// (apperr.Forbidden otherwise), on the day received (today: e.Day is set to it), recorded by
// nobody on the staff (e.UserID 0). The state rules are those of Apply: a 补正 answered only
// while one is awaited, a payment only while a fee notice is pending, a withdrawal while the
// case is open (apperr.Conflict otherwise). A withdrawal closes the case as 其他处理
// (table 三, row 三（六）3).
func (c *Case) ApplyByApplicant(e Event, today time.Time, cal *workday.Calendar) error {
	if !slices.Contains(ApplicantSteps, e.Type) {
		return errNotApplicantStep
	}
	e.Day = workday.Normalize(today)
	e.UserID = 0
	e.ApprovedBy = ""
	return c.apply(e, cal)
}

// TellsApplicant reports whether the applicant is sent a message when the step is
// recorded: the receipt of the application with its due day, every notice the law says
// goes to the applicant (补正, 第三十条; 延期, 第三十三条第二款; 收费, 第四十二条), the pause
// while a third party or another organ is consulted (the reply period stops, 第三十三条第三款,
// so the applicant is told why the due day moves), the reply with its material
// (第三十六条), the end of the case when it is treated as abandoned, and the confirmation of
// what the applicant submitted (补正, 缴费, 撤回).
func TellsApplicant(t EventType) bool {
	switch t {
	case EventRegistered, EventCorrectionRequested, EventCorrected, EventNoCorrection,
		EventConsultationStarted, EventFeeNotified, EventFeePaid, EventFeeUnpaid,
		EventExtended, EventReplied, EventWithdrawn:
		return true
	}
	return false
}

// InternalStep reports whether steps of type t are the agency's internal deliberation,
// not shown to the applicant on the tracking page: the clerk's request for an extension
// and the 负责人's refusal (an approved extension is told, 第三十三条第二款).
func InternalStep(t EventType) bool {
	return t == EventExtensionRequested || t == EventExtensionRefused
}

// StatusSubmitted is the kind of the reminder staff get when an applicant submits
// something on the tracking page (not a deadline status of a case).
const StatusSubmitted Status = "applicant_submitted"

// RemindedOfSubmission reports whether user u is reminded when the applicant of a case of
// the agency submits something on the tracking page: the agency's 经办人.
func RemindedOfSubmission(u account.User, agencyID int64) bool {
	return !u.Disabled && u.AgencyID == agencyID && hasRole(u.Roles, account.Clerk)
}

// SubmissionText is the Chinese text of the reminder of a submission of step t received
// on day, of the case number (applicant's name).
func SubmissionText(number, applicant string, t EventType, day time.Time) string {
	what := "提交了材料"
	switch t {
	case EventCorrected:
		what = "提交了补正材料，答复期限自当日重新计算"
	case EventFeePaid:
		what = "上传了缴费凭证，请核实缴费情况"
	case EventWithdrawn:
		what = "撤回了申请"
	}
	return fmt.Sprintf("%s（%s）：申请人于%s通过查询页面%s，请及时处理。", number, applicant, workday.FormatChinese(day), what)
}
