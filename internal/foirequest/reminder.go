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
	case StatusDueSoon:
		return hasRole(u.Roles, account.Clerk)
	case StatusOverdue:
		return hasRole(u.Roles, account.Clerk) || hasRole(u.Roles, account.Head)
	}
	return false
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
