package foirequest

import (
	"fmt"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/workday"
)

// Reminded reports whether user u is reminded of a case of the agency in status st: the
// agency's 经办人 of every case due soon or overdue, and its 负责人 too once a case is
// overdue. Disabled accounts and other cases get nothing.
func Reminded(u account.User, agencyID int64, st Status) bool {
	if u.Disabled || u.AgencyID != agencyID {
		return false
	}
	switch st {
	case StatusDueSoon, StatusNew, StatusWaitEnding, StatusConsultationLapsed:
		return hasRole(u.Roles, account.Clerk)
	case StatusOverdue, StatusCorrectionExpired, StatusFeeExpired:
		return hasRole(u.Roles, account.Clerk) || hasRole(u.Roles, account.Head)
	case StatusExtensionAsked:
		return hasRole(u.Roles, account.Head) // the 负责人 decides (第三十三条第二款)
	}
	return false
}

// WaitReminder is the reminder kind, as of today, of an open case in state s waiting
// until waitEnd (the end of its own period: Case.WaitEnd): 等待期限即将届满 with at most
// DueSoonDays working days left; once it is over, 补正期限已届满 or 缴费期限已届满 (the case may
// be closed as abandoned), or for a consultation 征求意见期满，恢复计时 (the reply clock runs
// again, 第三十二条). A registered case nobody has acted on yet is 新申请待受理 every day
// until someone accepts it, asks for a correction or replies. "" means no reminder.
func WaitReminder(cal *workday.Calendar, s State, waitEnd, today time.Time) Status {
	today = workday.Normalize(today)
	if s == StateRegistered {
		return StatusNew
	}
	if waitEnd.IsZero() {
		return ""
	}
	switch {
	case today.After(waitEnd):
		switch s {
		case StateCorrectionRequested:
			return StatusCorrectionExpired
		case StateFeePending:
			return StatusFeeExpired
		case StateConsulting:
			return StatusConsultationLapsed
		}
	case cal.Count(today, waitEnd) <= DueSoonDays:
		if s == StateCorrectionRequested || s == StateFeePending || s == StateConsulting {
			return StatusWaitEnding
		}
	}
	return ""
}

// ExtensionAskedText is the Chinese text of the 负责人's reminder of a clerk's extension
// request on case number, to decide by the first due day by.
func ExtensionAskedText(number, applicant string, days int, by time.Time) string {
	return fmt.Sprintf("%s（%s）经办人申请延长答复期限%d个工作日，请于%s前审批（第三十三条第二款）。", number, applicant, days, workday.FormatChinese(by))
}

// WaitReminderText is the Chinese text of a reminder of kind st (WaitReminder) of a case
// in state s waiting until end, with left working days left.
func WaitReminderText(number, applicant string, s State, st Status, end time.Time, left int) string {
	what := map[State]string{StateCorrectionRequested: "补正期限", StateFeePending: "缴费期限", StateConsulting: "征求意见的期限"}[s]
	e := workday.FormatChinese(end)
	switch st {
	case StatusNew:
		return fmt.Sprintf("新申请%s（%s）已登记，尚未受理或告知补正，请及时办理（补正通知应当自收到申请之日起7个工作日内发出）。", number, applicant)
	case StatusWaitEnding:
		return fmt.Sprintf("%s（%s）的%s将于%s届满，剩余%d个工作日。", number, applicant, what, e, left)
	case StatusCorrectionExpired:
		return fmt.Sprintf("%s（%s）的补正期限已于%s届满，未记录补正：可记录“逾期未补正”，视为放弃申请（三（六）1）。", number, applicant, e)
	case StatusFeeExpired:
		return fmt.Sprintf("%s（%s）的缴费期限已于%s届满，未记录缴费：可记录“逾期未缴费”，视为放弃申请（三（六）2）。", number, applicant, e)
	case StatusConsultationLapsed:
		return fmt.Sprintf("%s（%s）征求意见的期限已于%s届满，未收到意见：答复期限已恢复计算（第三十二条），请记录征求意见结束或作出答复。", number, applicant, e)
	}
	return ""
}

// ReminderRecipients are the users of users reminded of a case of the agency in status st.
func ReminderRecipients(users []account.User, agencyID int64, st Status) []account.User {
	var out []account.User
	for _, u := range users {
		if Reminded(u, agencyID, st) {
			out = append(out, u)
		}
	}
	return out
}

// ReminderText is the Chinese text of the reminder of a case (its number and applicant's
// name), due on due with left working days left (negative when overdue).
func ReminderText(number, applicant string, st Status, due time.Time, left int) string {
	if st == StatusOverdue {
		return fmt.Sprintf("%s（%s）已超过答复期限（届满日%s）%d个工作日，请尽快答复。", number, applicant, workday.FormatChinese(due), -left)
	}
	return fmt.Sprintf("%s（%s）将于%s到期，剩余%d个工作日。", number, applicant, workday.FormatChinese(due), left)
}

func hasRole(rs []account.Role, r account.Role) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}
