package foirequest

import (
	"slices"
	"testing"

	"gongkai/internal/account"
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
