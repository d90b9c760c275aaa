package foirequest

import (
	"testing"
	"time"

	"gongkai/internal/workday"
)

func TestStatusOn(t *testing.T) {
	cal := workday.MustNew()
	// 2025-10-09 is a Thursday after the National Day holiday; Saturday 2025-10-11 is a
	// working day (调休), so the 5th working day after it is 2025-10-15.
	today := dd("2025-10-09")
	for _, c := range []struct {
		name    string
		s       State
		due     string
		closed  string
		want    Status
		waitEnd string
	}{
		{"due yesterday", StateInProgress, "2025-10-08", "", StatusOverdue, ""},
		{"due today", StateInProgress, "2025-10-09", "", StatusDueSoon, ""},
		{"due on the 5th working day", StateRegistered, "2025-10-15", "", StatusDueSoon, ""},
		{"due on the 6th working day", StateInProgress, "2025-10-16", "", StatusOnTrack, ""},
		{"due far ahead", StateInProgress, "2025-11-30", "", StatusOnTrack, ""},
		{"consulting past the due day", StateConsulting, "2025-10-01", "", StatusPaused, ""},
		{"fee pending", StateFeePending, "2025-10-20", "", StatusPaused, ""},
		{"waiting for a correction", StateCorrectionRequested, "", "", StatusAwaitingCorrection, ""},
		{"replied on time", StateReplied, "2025-10-20", "2025-10-20", StatusClosedOnTime, ""},
		{"replied late", StateReplied, "2025-10-20", "2025-10-21", StatusClosedLate, ""},
		{"withdrawn after the due day", StateWithdrawn, "2025-10-01", "2025-10-09", StatusClosedOnTime, ""},
		{"abandoned", StateAbandoned, "", "2025-10-09", StatusClosedOnTime, ""},
		{"running without a due day", StateInProgress, "", "", "", ""},
		{"consulting, party's period ends today", StateConsulting, "2025-11-01", "", StatusPaused, "2025-10-09"},
		{"consulting, party's period over: running again", StateConsulting, "2025-11-01", "", StatusOnTrack, "2025-10-08"},
		{"consulting, period over and overdue", StateConsulting, "2025-10-08", "", StatusOverdue, "2025-10-01"},
		{"fee pending, last day to pay", StateFeePending, "2025-10-20", "", StatusPaused, "2025-10-09"},
		{"fee pending, period over", StateFeePending, "2025-10-20", "", StatusFeeExpired, "2025-10-08"},
		{"correction, last day", StateCorrectionRequested, "", "", StatusAwaitingCorrection, "2025-10-09"},
		{"correction, period over", StateCorrectionRequested, "", "", StatusCorrectionExpired, "2025-10-08"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var due, closed time.Time
			if c.due != "" {
				due = dd(c.due)
			}
			if c.closed != "" {
				closed = dd(c.closed)
			}
			var waitEnd time.Time
			if c.waitEnd != "" {
				waitEnd = dd(c.waitEnd)
			}
			if got := StatusOn(cal, c.s, due, waitEnd, closed, today); got != c.want {
				t.Errorf("StatusOn = %s, want %s", got, c.want)
			}
		})
	}
}

// TestExplainUsesStatusOn: the explanation's status is StatusOn of its state, due day
// and closing day, for every day of a case's life.
func TestExplainUsesStatusOn(t *testing.T) {
	cal := workday.MustNew()
	c := replay(t, ev(EventRegistered, "2025-09-26"), ev(EventAccepted, "2025-09-26"))
	for d := dd("2025-09-26"); d.Before(dd("2025-11-30")); d = d.AddDate(0, 0, 1) {
		ex := c.Explain(cal, d)
		if want := StatusOn(cal, c.State, ex.Due, c.WaitEnd(cal), c.Closed, d); ex.Status != want {
			t.Fatalf("%s: Explain %s, StatusOn %s", workday.Format(d), ex.Status, want)
		}
	}
}
