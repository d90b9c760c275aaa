package foirequest

import (
	"time"

	"gongkai/internal/workday"
)

// StatusOn is the deadline status, as of the China day today, of a case in state s whose
// reply period ends on due (zero while waiting for a correction) and which closed on
// closed (zero while open). It is the one definition of 已超期, 即将到期 and 办理中: the
// case explanation, the application lists, the dashboard counts and the reminders all
// use it (the list filter's SQL translation is pinned against it by a test).
//
//   - closed: 逾期办结 when a reply came after the due day, else 按期办结;
//   - waiting for a correction: 待补正 (the reply period has not started), 补正期限已届满
//     after the end of the applicant's period (waitEnd);
//   - consulting: 暂停计时 until the consulted party's period ends (waitEnd); after it the
//     reply clock runs again (第三十二条) and the case is classified as running;
//   - waiting for the fee: 暂停计时, 缴费期限已届满 after the 20 working days (waitEnd);
//   - running: 已超期 after the due day, 即将到期 with at most DueSoonDays working days
//     left, else 办理中.
func StatusOn(cal *workday.Calendar, s State, due, waitEnd, closed, today time.Time) Status {
	today = workday.Normalize(today)
	expired := !waitEnd.IsZero() && today.After(waitEnd)
	switch {
	case s.Closed():
		if s == StateReplied && !due.IsZero() && due.Before(closed) {
			return StatusClosedLate
		}
		return StatusClosedOnTime
	case s == StateCorrectionRequested && expired:
		return StatusCorrectionExpired
	case s == StateCorrectionRequested:
		return StatusAwaitingCorrection
	case s == StateFeePending && expired:
		return StatusFeeExpired
	case s == StateFeePending || s == StateConsulting && !expired:
		return StatusPaused
	case due.IsZero():
		return ""
	}
	switch {
	case today.After(due):
		return StatusOverdue
	case cal.Count(today, due) <= DueSoonDays:
		return StatusDueSoon
	}
	return StatusOnTrack
}

// Running reports whether the reply period runs in state s (registered or in progress):
// only those cases become due soon or overdue.
func (s State) Running() bool { return s == StateRegistered || s == StateInProgress }
