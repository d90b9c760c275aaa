package catalog_test

import (
	"testing"
	"time"

	"gongkai/internal/catalog"
	"gongkai/internal/workday"
)

// The real calendar satisfies catalog.Workdays; 国庆节 pushes the deadline out.
var _ catalog.Workdays = (*workday.Calendar)(nil)

func TestDeadlineWithHolidayCalendar(t *testing.T) {
	cal := workday.MustNew()
	basis := workday.Day(2024, time.September, 27) // Friday; 2024-09-29 and 10-12 are 调休 working days
	got := catalog.Deadline(cal, basis)
	if cal.Count(basis, got) != catalog.PublicationWorkdays || !cal.IsWorkday(got) {
		t.Fatalf("Deadline(%s) = %s: not the 20th working day", workday.Format(basis), workday.Format(got))
	}
	weekdaysOnly := basis.AddDate(0, 0, 28)
	if !got.After(weekdaysOnly) {
		t.Errorf("Deadline(%s) = %s, want after %s because of 国庆节", workday.Format(basis), workday.Format(got), workday.Format(weekdaysOnly))
	}
}
