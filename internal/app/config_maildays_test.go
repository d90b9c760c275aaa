package app

import (
	"strings"
	"testing"
)

// TestMailDaysConfig: the mailing allowance for mailed notices comes from
// GONGKAI_MAIL_DAYS and must be a plausible number of calendar days.
func TestMailDaysConfig(t *testing.T) {
	for _, tt := range []struct {
		env  string
		want int
		ok   bool
	}{{"", 0, true}, {"7", 7, true}, {"60", 60, true}, {"61", 61, false}} {
		c := Default()
		c.FromEnv(func(k string) string {
			if k == "GONGKAI_MAIL_DAYS" {
				return tt.env
			}
			return ""
		})
		if c.MailDays != tt.want {
			t.Errorf("%q: MailDays %d, want %d", tt.env, c.MailDays, tt.want)
		}
		err := c.Validate()
		if tt.ok && err != nil || !tt.ok && (err == nil || !strings.Contains(err.Error(), "GONGKAI_MAIL_DAYS")) {
			t.Errorf("%q: Validate %v", tt.env, err)
		}
	}
}
