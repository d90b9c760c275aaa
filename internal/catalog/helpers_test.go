package catalog

import "time"

// day is a calendar day as the project stores it: 00:00 UTC.
func day(y, m, d int) time.Time {
	if y == 0 {
		return time.Time{}
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
}
