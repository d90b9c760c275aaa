package foirequest

import (
	"slices"
	"testing"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/workday"
)

func TestReminderRecipients(t *testing.T) {
	users := []account.User{
		{ID: 1, AgencyID: 10, Roles: []account.Role{account.Clerk}},
		{ID: 2, AgencyID: 10, Roles: []account.Role{account.Head}},
		{ID: 3, AgencyID: 10, Roles: []account.Role{account.Reviewer, account.AgencyAdmin}},
		{ID: 4, AgencyID: 10, Roles: []account.Role{account.Clerk}, Disabled: true},
		{ID: 5, AgencyID: 11, Roles: []account.Role{account.Clerk, account.Head}},
		{ID: 6, AgencyID: 10, Roles: []account.Role{account.SysAdmin}},
	}
	ids := func(us []account.User) []int64 {
		var out []int64
		for _, u := range us {
			out = append(out, u.ID)
		}
		return out
	}
	for _, c := range []struct {
		st   Status
		want []int64
	}{
		{StatusDueSoon, []int64{1}},
		{StatusOverdue, []int64{1, 2}},
		{StatusOnTrack, nil},
		{StatusPaused, nil},
		{StatusNew, []int64{1}},
		{StatusWaitEnding, []int64{1}},
		{StatusConsultationLapsed, []int64{1}},
		{StatusCorrectionExpired, []int64{1, 2}},
		{StatusFeeExpired, []int64{1, 2}},
		{StatusExtensionAsked, []int64{2}},
	} {
		if got := ids(ReminderRecipients(users, 10, c.st)); !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.st, got, c.want)
		}
	}
}

func TestReminderText(t *testing.T) {
	for _, c := range []struct {
		st   Status
		left int
		want string
	}{
		{StatusDueSoon, 3, "卫健依申〔2025〕第1号（张某某）将于2025年10月16日到期，剩余3个工作日。"},
		{StatusOverdue, -2, "卫健依申〔2025〕第1号（张某某）已超过答复期限（届满日2025年10月16日）2个工作日，请尽快答复。"},
	} {
		if got := ReminderText("卫健依申〔2025〕第1号", "张某某", c.st, dd("2025-10-16"), c.left); got != c.want {
			t.Errorf("%s: %q", c.st, got)
		}
	}
}

// TestWaitReminder: waiting cases are reminded near and past the end of their own period;
// new applications until someone acts. 2025-11-21 is a Friday.
func TestWaitReminder(t *testing.T) {
	cal := workday.MustNew()
	for _, c := range []struct {
		name string
		s    State
		end  string
		want Status
	}{
		{"registered", StateRegistered, "", StatusNew},
		{"accepted", StateInProgress, "", ""},
		{"correction, far", StateCorrectionRequested, "2025-12-05", ""},
		{"correction, 5 working days left", StateCorrectionRequested, "2025-11-28", StatusWaitEnding},
		{"correction, last day", StateCorrectionRequested, "2025-11-21", StatusWaitEnding},
		{"correction, over", StateCorrectionRequested, "2025-11-20", StatusCorrectionExpired},
		{"fee, over", StateFeePending, "2025-11-20", StatusFeeExpired},
		{"fee, ending", StateFeePending, "2025-11-24", StatusWaitEnding},
		{"consultation, over", StateConsulting, "2025-11-20", StatusConsultationLapsed},
		{"consultation, ending", StateConsulting, "2025-11-25", StatusWaitEnding},
		{"closed", StateReplied, "2025-11-20", ""},
	} {
		var end time.Time
		if c.end != "" {
			end = dd(c.end)
		}
		got := WaitReminder(cal, c.s, end, dd("2025-11-21"))
		if got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
		if got != "" && WaitReminderText("第1号", "张某某", c.s, got, end, 1) == "" {
			t.Errorf("%s: no text", c.name)
		}
	}
}
