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
//   - waiting for a correction: 待补正 (the period has not started);
//   - consulting or waiting for the fee: 暂停计时;
//   - running: 已超期 after the due day, 即将到期 with at most DueSoonDays working days
//     left, else 办理中.
func StatusOn(cal *workday.Calendar, s State, due, closed, today time.Time) Status {
	switch {
	case s.Closed():
		if s == StateReplied && !due.IsZero() && due.Before(closed) {
			return StatusClosedLate
		}
		return StatusClosedOnTime
	case s == StateCorrectionRequested:
		return StatusAwaitingCorrection
	case s == StateConsulting || s == StateFeePending:
		return StatusPaused
	case due.IsZero():
		return ""
	}
	today = workday.Normalize(today)
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
