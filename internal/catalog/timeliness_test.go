package catalog

import (
	"testing"
	"time"
)

// weekdays is a fake calendar: Monday to Friday are working days, no holidays.
type weekdays struct{}

func (weekdays) Add(from time.Time, n int) time.Time {
	d := from
	for n > 0 {
		d = d.AddDate(0, 0, 1)
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
			n--
		}
	}
	return d
}

func TestDeadline(t *testing.T) {
	tests := []struct{ basis, want time.Time }{
		{day(2024, 3, 1), day(2024, 3, 29)},   // Friday + 20 working days = four weeks later
		{day(2024, 3, 2), day(2024, 3, 29)},   // Saturday: counting starts Monday
		{day(2024, 3, 4), day(2024, 4, 1)},    // Monday
		{day(2021, 1, 26), day(2021, 2, 23)},  // seed 000's 发文日期
		{day(2023, 12, 20), day(2024, 1, 17)}, // across the year end
	}
	for _, tt := range tests {
		if got := Deadline(weekdays{}, tt.basis); !got.Equal(tt.want) {
			t.Errorf("Deadline(%s) = %s, want %s", tt.basis.Format(time.DateOnly), got.Format(time.DateOnly), tt.want.Format(time.DateOnly))
		}
	}
}

func TestCheck(t *testing.T) {
	basis := day(2024, 3, 1) // deadline Friday 2024-03-29
	today := day(2024, 6, 1)
	tests := []struct {
		name        string
		published   time.Time
		today       time.Time
		late        bool
		days, wdays int
	}{
		{"same day", day(2024, 3, 1), today, false, 0, 0},
		{"on the deadline", day(2024, 3, 29), today, false, 0, 0},
		{"Saturday after", day(2024, 3, 30), today, true, 1, 0},
		{"Monday after", day(2024, 4, 1), today, true, 3, 1},
		{"two weeks after", day(2024, 4, 12), today, true, 14, 10},
		{"unpublished, before deadline", time.Time{}, day(2024, 3, 20), false, 0, 0},
		{"unpublished, overdue", time.Time{}, day(2024, 4, 2), true, 4, 2},
	}
	for _, tt := range tests {
		got := Check(weekdays{}, basis, tt.published, tt.today)
		if got.Late != tt.late || got.DaysLate != tt.days || got.WorkdaysLate != tt.wdays || !got.Deadline.Equal(day(2024, 3, 29)) {
			t.Errorf("%s: %+v, want late=%v days=%d workdays=%d", tt.name, got, tt.late, tt.days, tt.wdays)
		}
	}
}

func TestItemTimelinessUsesChangeDay(t *testing.T) {
	it := Item{WrittenOn: day(2023, 1, 3), ChangedOn: day(2024, 3, 1), PublishedOn: day(2024, 3, 5), State: Published}
	got, ok := ItemTimeliness(weekdays{}, it, day(2024, 6, 1))
	if !ok || got.Late || !got.Basis.Equal(day(2024, 3, 1)) {
		t.Errorf("republication after a change is judged from the change day: %+v", got)
	}
	if _, ok := ItemTimeliness(weekdays{}, Item{State: Published, PublishedOn: day(2024, 1, 1)}, day(2024, 6, 1)); ok {
		t.Error("an item without 成文日期 cannot be judged")
	}
	draft := Item{WrittenOn: day(2024, 1, 2), State: Approval}
	if got, _ := ItemTimeliness(weekdays{}, draft, day(2024, 3, 1)); !got.Late || !got.Published.IsZero() {
		t.Errorf("an unpublished item past its deadline is late: %+v", got)
	}
}

func TestTimelinessByYear(t *testing.T) {
	items := []Item{
		{WrittenOn: day(2023, 12, 20), PublishedOn: day(2024, 1, 10), State: Published}, // on time, counted in 2024
		{WrittenOn: day(2024, 3, 1), PublishedOn: day(2024, 4, 12), State: Published},   // 14 days late
		{WrittenOn: day(2024, 3, 1), PublishedOn: day(2024, 3, 30), State: Withdrawn},   // 1 day late, withdrawn since
		{PublishedOn: day(2024, 5, 1), State: Published},                                // no 成文日期
		{WrittenOn: day(2024, 11, 1), State: SecrecyReview},                             // overdue in 2024
		{WrittenOn: day(2024, 12, 20), State: Draft},                                    // deadline 2025-01-17, not yet passed
		{WrittenOn: day(2023, 5, 4), PublishedOn: day(2023, 5, 5), State: Published},    // 2023, on time
		{WrittenOn: day(2022, 5, 4), PublishedOn: day(2022, 5, 5), State: Draft},        // re-opened draft: not a publication
	}
	got := TimelinessByYear(weekdays{}, items, day(2025, 1, 2))
	want := []YearTimeliness{
		{Year: 2022, Overdue: 1},
		{Year: 2023, Published: 1, OnTime: 1},
		{Year: 2024, Published: 4, OnTime: 1, Late: 2, NoBasis: 1, Overdue: 1, MaxDaysLate: 14},
	}
	if len(got) != len(want) {
		t.Fatalf("TimelinessByYear = %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("year %d: %+v, want %+v", want[i].Year, got[i], want[i])
		}
	}
	if r := got[2].OnTimeRate(); r < 0.333 || r > 0.334 {
		t.Errorf("OnTimeRate = %v", r)
	}
	if y := TimelinessForYear(weekdays{}, items, 2021, day(2025, 1, 2)); y != (YearTimeliness{Year: 2021}) {
		t.Errorf("empty year = %+v", y)
	}
}
