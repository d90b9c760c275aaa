package oversight

import (
	"strings"
	"time"
	"unicode/utf8"

	"gongkai/internal/apperr"
)

// Notice is a 督办: a follow-up notice from the 政务公开办 to an agency of its government,
// with the day by which the agency answers, tracked until it does.
type Notice struct {
	ID           int64
	GovernmentID int64
	AgencyID     int64
	Agency       string // the agency's name, for lists
	Subject      string // 督办事项
	Body         string // what the office asks
	Due          time.Time
	SentAt       time.Time
	SentBy       string
	SentByID     int64
	Answer       string
	AnsweredAt   time.Time
	AnsweredBy   string
}

// Answered reports whether the agency has answered.
func (n Notice) Answered() bool { return !n.AnsweredAt.IsZero() }

// NoticeStatus is where a notice stands on a day.
type NoticeStatus string

const (
	NoticeOpen         NoticeStatus = "open"          // 待答复
	NoticeDueSoon      NoticeStatus = "due_soon"      // 即将到期
	NoticeOverdue      NoticeStatus = "overdue"       // 逾期未答复
	NoticeAnswered     NoticeStatus = "answered"      // 已按期答复
	NoticeAnsweredLate NoticeStatus = "answered_late" // 逾期答复
)

// Label is the status in Chinese.
func (s NoticeStatus) Label() string {
	switch s {
	case NoticeOpen:
		return "待答复"
	case NoticeDueSoon:
		return "即将到期"
	case NoticeOverdue:
		return "逾期未答复"
	case NoticeAnswered:
		return "已答复"
	case NoticeAnsweredLate:
		return "逾期答复"
	}
	return string(s)
}

// Warn reports a status that calls for attention.
func (s NoticeStatus) Warn() bool {
	return s == NoticeDueSoon || s == NoticeOverdue || s == NoticeAnsweredLate
}

// NoticeDueSoonDays is how many working days before its due day a notice counts as due
// soon, and its agency is reminded.
const NoticeDueSoonDays = 2

// Workdays is the working-day arithmetic the rules need (internal/workday implements it).
type Workdays interface {
	Add(from time.Time, n int) time.Time
}

// Status is the notice's status on today (a China calendar day at 00:00 UTC). The due day
// itself is still in time; an answer given on the due day is on time.
func (n Notice) Status(wd Workdays, today time.Time) NoticeStatus {
	if n.Answered() {
		if chinaDay(n.AnsweredAt).After(n.Due) {
			return NoticeAnsweredLate
		}
		return NoticeAnswered
	}
	switch {
	case today.After(n.Due):
		return NoticeOverdue
	case !wd.Add(today, NoticeDueSoonDays).Before(n.Due):
		return NoticeDueSoon
	}
	return NoticeOpen
}

// AnsweredOnTime reports whether the notice was answered by its due day.
func (n Notice) AnsweredOnTime() bool {
	return n.Answered() && !chinaDay(n.AnsweredAt).After(n.Due)
}

var china = time.FixedZone("CST", 8*3600)

// chinaDay is the China calendar day of an instant, as a day (00:00 UTC).
func chinaDay(t time.Time) time.Time {
	y, m, d := t.In(china).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Limits of a notice's texts.
const (
	MaxSubject = 100
	MaxBody    = 5000
	MaxAnswer  = 5000
	// MaxDueDays bounds how far ahead (calendar days) a due day may be set.
	MaxDueDays = 366
)

// Validate checks a new notice sent on today: a subject, what is asked, a due day after
// today and within a year. Texts are trimmed.
func (n *Notice) Validate(today time.Time) error {
	n.Subject = strings.TrimSpace(n.Subject)
	n.Body = strings.TrimSpace(n.Body)
	switch {
	case n.AgencyID == 0:
		return apperr.New(apperr.Invalid, "请选择督办的机关")
	case n.Subject == "":
		return apperr.New(apperr.Invalid, "请填写督办事项")
	case utf8.RuneCountInString(n.Subject) > MaxSubject:
		return apperr.Newf(apperr.Invalid, "督办事项不能超过%d个字", MaxSubject)
	case n.Body == "":
		return apperr.New(apperr.Invalid, "请填写督办内容和要求")
	case utf8.RuneCountInString(n.Body) > MaxBody:
		return apperr.Newf(apperr.Invalid, "督办内容不能超过%d个字", MaxBody)
	case n.Due.IsZero():
		return apperr.New(apperr.Invalid, "请填写答复期限")
	case !n.Due.After(today):
		return apperr.New(apperr.Invalid, "答复期限应晚于今天")
	case n.Due.After(today.AddDate(0, 0, MaxDueDays)):
		return apperr.New(apperr.Invalid, "答复期限不能超过一年")
	}
	return nil
}

// CheckAnswer checks an agency's answer to n: not empty, not too long, and only once (an
// answered notice is closed; a new question is a new notice).
func CheckAnswer(n Notice, answer string) (string, error) {
	answer = strings.TrimSpace(answer)
	switch {
	case n.Answered():
		return "", apperr.New(apperr.Conflict, "该督办事项已答复")
	case answer == "":
		return "", apperr.New(apperr.Invalid, "请填写答复内容")
	case utf8.RuneCountInString(answer) > MaxAnswer:
		return "", apperr.Newf(apperr.Invalid, "答复内容不能超过%d个字", MaxAnswer)
	}
	return answer, nil
}

// NoticeReminder is whom a notice reminds on a day, and what it says.
type NoticeReminder struct {
	ToAgency bool // the agency's staff; otherwise the office that sent it
	Kind     NoticeStatus
	Text     string
}

// Reminders are the reminders a notice gives on today: its agency's staff while it is due
// soon or overdue, and the sender once it is overdue. None once answered.
func (n Notice) Reminders(wd Workdays, today time.Time) []NoticeReminder {
	st := n.Status(wd, today)
	due := n.Due.Format("2006年1月2日")
	switch st {
	case NoticeDueSoon:
		return []NoticeReminder{{ToAgency: true, Kind: st, Text: "督办事项“" + n.Subject + "”应于" + due + "前答复"}}
	case NoticeOverdue:
		return []NoticeReminder{
			{ToAgency: true, Kind: st, Text: "督办事项“" + n.Subject + "”已超过答复期限（" + due + "），请尽快答复"},
			{ToAgency: false, Kind: st, Text: n.Agency + "对督办事项“" + n.Subject + "”逾期未答复（期限" + due + "）"},
		}
	}
	return nil
}
