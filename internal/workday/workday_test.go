package workday

import (
	"math/rand/v2"
	"testing"
	"time"

	"gongkai/internal/apperr"
)

func d(s string) time.Time {
	t, err := ParseDay(s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestIsWorkday(t *testing.T) {
	cal := MustNew()
	tests := []struct {
		day     string
		working bool
		kind    Kind
		reason  string
	}{
		// 2025 Spring Festival: 1/26 (Sun) make-up, 1/28–2/4 off, 2/8 (Sat) make-up.
		{"2025-01-01", false, KindHoliday, "元旦"},
		{"2025-01-24", true, KindWorkday, "工作日"},
		{"2025-01-26", true, KindMakeup, "调休上班（春节）"},
		{"2025-01-27", true, KindWorkday, "工作日"},
		{"2025-01-28", false, KindHoliday, "春节"},
		{"2025-02-04", false, KindHoliday, "春节"},
		{"2025-02-05", true, KindWorkday, "工作日"},
		{"2025-02-08", true, KindMakeup, "调休上班（春节）"},
		{"2025-02-09", false, KindWeekend, "周末"},
		// 2025 National Day and Mid-Autumn: 9/28 (Sun) make-up, 10/1–10/8 off, 10/11 (Sat) make-up.
		{"2025-09-27", false, KindWeekend, "周末"},
		{"2025-09-28", true, KindMakeup, "调休上班（国庆节、中秋节）"},
		{"2025-10-01", false, KindHoliday, "国庆节、中秋节"},
		{"2025-10-06", false, KindHoliday, "国庆节、中秋节"},
		{"2025-10-08", false, KindHoliday, "国庆节、中秋节"},
		{"2025-10-09", true, KindWorkday, "工作日"},
		{"2025-10-11", true, KindMakeup, "调休上班（国庆节、中秋节）"},
		{"2025-10-12", false, KindWeekend, "周末"},
		// 2026 New Year: 1/1–1/3 off, 1/4 (Sun) make-up.
		{"2026-01-02", false, KindHoliday, "元旦"},
		{"2026-01-04", true, KindMakeup, "调休上班（元旦）"},
		// 2026 Spring Festival: 2/14 (Sat) make-up, 2/15–2/23 off, 2/28 (Sat) make-up.
		{"2026-02-13", true, KindWorkday, "工作日"},
		{"2026-02-14", true, KindMakeup, "调休上班（春节）"},
		{"2026-02-16", false, KindHoliday, "春节"},
		{"2026-02-23", false, KindHoliday, "春节"},
		{"2026-02-24", true, KindWorkday, "工作日"},
		{"2026-02-28", true, KindMakeup, "调休上班（春节）"},
		// 2026 National Day: 9/20 (Sun) make-up, 10/1–10/7 off, 10/10 (Sat) make-up.
		{"2026-09-20", true, KindMakeup, "调休上班（国庆节）"},
		{"2026-09-25", false, KindHoliday, "中秋节"},
		{"2026-10-01", false, KindHoliday, "国庆节"},
		{"2026-10-07", false, KindHoliday, "国庆节"},
		{"2026-10-08", true, KindWorkday, "工作日"},
		{"2026-10-10", true, KindMakeup, "调休上班（国庆节）"},
		{"2026-10-11", false, KindWeekend, "周末"},
	}
	for _, tt := range tests {
		info := cal.Info(d(tt.day))
		if info.Working != tt.working || info.Kind != tt.kind || info.Reason != tt.reason {
			t.Errorf("%s: got %v %s %q, want %v %s %q", tt.day, info.Working, info.Kind, info.Reason, tt.working, tt.kind, tt.reason)
		}
		if cal.IsWorkday(d(tt.day)) != tt.working {
			t.Errorf("IsWorkday(%s) = %v", tt.day, !tt.working)
		}
	}
}

func TestAddCount(t *testing.T) {
	cal := MustNew()
	tests := []struct {
		from string
		n    int
		want string
	}{
		// The example of the brief: 9/28 make-up, 10/1–10/8 off, 10/11 make-up.
		{"2025-09-26", 20, "2025-10-30"},
		{"2025-09-26", 1, "2025-09-28"},
		{"2025-09-26", 3, "2025-09-30"},
		{"2025-09-26", 4, "2025-10-09"},
		{"2025-09-26", 7, "2025-10-13"},
		{"2025-09-30", 0, "2025-09-30"},
		{"2025-10-01", 1, "2025-10-09"}, // received on a holiday
		{"2025-10-01", 7, "2025-10-16"},
		// 2025 Spring Festival.
		{"2025-01-20", 20, "2025-02-21"},
		{"2025-01-24", 1, "2025-01-26"},
		// 2026 Spring Festival: 2/14 and 2/28 are make-up Saturdays.
		{"2026-02-10", 20, "2026-03-16"},
		{"2026-02-13", 1, "2026-02-14"},
		{"2026-02-14", 1, "2026-02-24"},
		// 2026 National Day.
		{"2026-09-18", 20, "2026-10-22"}, /* 9/20 make-up, 9/25 中秋节, 10/10 make-up */
		{"2026-09-30", 1, "2026-10-08"},
		// Across a year end.
		{"2025-12-25", 20, "2026-01-23"}, /* 1/4 make-up Sunday */
		// Backwards.
		{"2025-10-09", -1, "2025-09-30"},
		{"2025-10-30", -20, "2025-09-26"},
	}
	for _, tt := range tests {
		got := cal.Add(d(tt.from), tt.n)
		if !got.Equal(d(tt.want)) {
			t.Errorf("Add(%s, %d) = %s, want %s", tt.from, tt.n, Format(got), tt.want)
		}
		if c := cal.Count(d(tt.from), got); c != tt.n && tt.n >= 0 {
			t.Errorf("Count(%s, %s) = %d, want %d", tt.from, Format(got), c, tt.n)
		}
	}
	if c := cal.Count(d("2025-10-30"), d("2025-09-26")); c != -20 {
		t.Errorf("Count backwards = %d, want -20", c)
	}
	if c := cal.Count(d("2025-10-01"), d("2025-10-08")); c != 0 {
		t.Errorf("Count over the holiday = %d, want 0", c)
	}
}

func TestOverrides(t *testing.T) {
	cal, err := New([]Override{
		{Day: d("2025-10-09"), Working: false, Reason: "台风停工"},
		{Day: d("2025-10-12"), Working: true, Reason: "集中办理日"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if cal.IsWorkday(d("2025-10-09")) || !cal.IsWorkday(d("2025-10-12")) {
		t.Fatal("overrides not applied")
	}
	if got := cal.Reason(d("2025-10-09")); got != "台风停工" {
		t.Errorf("reason = %q", got)
	}
	if got := cal.Info(d("2025-10-12")).Kind; got != KindOverrideWorking {
		t.Errorf("kind = %s", got)
	}
	// 9/28, 9/29, 9/30, (10/9 off), 10/10, 10/11, 10/12 …
	if got := cal.Add(d("2025-09-26"), 6); !got.Equal(d("2025-10-12")) {
		t.Errorf("Add with overrides = %s", Format(got))
	}
	if len(cal.Overrides()) != 2 || !cal.Overrides()[0].Day.Equal(d("2025-10-09")) {
		t.Errorf("Overrides() = %v", cal.Overrides())
	}
	if _, err := New([]Override{{Day: d("2025-10-09"), Reason: "a"}, {Day: d("2025-10-09"), Working: true, Reason: "b"}}); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("duplicate override: err = %v", err)
	}
	if _, err := New([]Override{{Day: d("2025-10-09"), Reason: "  "}}); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("override without reason: err = %v", err)
	}
}

func TestZeroCalendar(t *testing.T) {
	var cal *Calendar
	if !cal.IsWorkday(d("2025-09-26")) || cal.IsWorkday(d("2025-10-01")) {
		t.Fatal("nil calendar must be the statutory calendar")
	}
	var zero Calendar
	if got := zero.Add(d("2025-09-26"), 20); !got.Equal(d("2025-10-30")) {
		t.Errorf("zero calendar Add = %s", Format(got))
	}
}

func TestCovers(t *testing.T) {
	first, last := CoveredYears()
	if first > 2002 || last < 2027 {
		t.Errorf("covered years %d–%d, want at least 2002–2027", first, last)
	}
	if !Covers(d("2026-05-01")) || Covers(Day(last+1, 1, 1)) {
		t.Error("Covers wrong")
	}
}

func TestDays(t *testing.T) {
	days := MustNew().Days(d("2025-09-30"), d("2025-10-03"))
	if len(days) != 3 || days[0].Reason != "国庆节、中秋节" || days[0].Working {
		t.Fatalf("Days = %+v", days)
	}
	if MustNew().Days(d("2025-10-03"), d("2025-10-03")) != nil {
		t.Error("empty span must be nil")
	}
}

func TestParseDay(t *testing.T) {
	good := map[string]string{
		"2025-09-26":     "2025-09-26",
		" 2025/9/6 ":     "2025-09-06",
		"2025.10.01":     "2025-10-01",
		"20251001":       "2025-10-01",
		"2025年10月1日":     "2025-10-01",
		"2024-02-29":     "2024-02-29",
		"2025 年 1 月 2 日": "2025-01-02",
	}
	for in, want := range good {
		got, err := ParseDay(in)
		if err != nil || Format(got) != want {
			t.Errorf("ParseDay(%q) = %s, %v; want %s", in, Format(got), err, want)
		}
		if got.Location() != time.UTC || got.Hour() != 0 {
			t.Errorf("ParseDay(%q) not at 00:00 UTC: %v", in, got)
		}
	}
	bad := map[string]string{
		"":           "日期不能为空，格式应为 YYYY-MM-DD，例如 2025-09-26",
		"2025-13-01": "日期“2025-13-01”的月份应在1至12之间",
		"2025-02-29": "日期“2025-02-29”不存在：2025年2月没有29日",
		"2025-04-00": "日期“2025-04-00”不存在：2025年4月没有0日",
		"0001-01-01": "日期“0001-01-01”的年份超出范围（1900—2200）",
		"昨天":         "日期“昨天”格式不正确，应为 YYYY-MM-DD，例如 2025-09-26",
	}
	for in, want := range bad {
		_, err := ParseDay(in)
		if !apperr.Is(err, apperr.Invalid) || apperr.MessageOf(err) != want {
			t.Errorf("ParseDay(%q) err = %v, want %q", in, err, want)
		}
	}
}

func TestOf(t *testing.T) {
	// 2025-09-30 17:00 UTC is 2025-10-01 01:00 in Beijing.
	got := Of(time.Date(2025, 9, 30, 17, 0, 0, 0, time.UTC))
	if !got.Equal(Day(2025, 10, 1)) {
		t.Errorf("Of = %v", got)
	}
	if got := FormatChinese(Day(2025, 10, 1)); got != "2025年10月1日" {
		t.Errorf("FormatChinese = %s", got)
	}
}

// TestAddProperties: Add never lands on a non-working day, and Count inverts Add.
func TestAddProperties(t *testing.T) {
	cal := MustNew(Override{Day: d("2026-03-02"), Reason: "停电"}, Override{Day: d("2026-03-07"), Working: true, Reason: "加班"})
	rng := rand.New(rand.NewPCG(1, 2))
	cases := 3000
	if testing.Short() {
		cases = 300
	}
	start := d("2024-06-01")
	for i := 0; i < cases; i++ {
		from := start.AddDate(0, 0, rng.IntN(3*365))
		n := 1 + rng.IntN(60)
		got := cal.Add(from, n)
		if !cal.IsWorkday(got) {
			t.Fatalf("Add(%s, %d) = %s is not a working day", Format(from), n, Format(got))
		}
		if c := cal.Count(from, got); c != n {
			t.Fatalf("Count(%s, Add(%s, %d)=%s) = %d", Format(from), Format(from), n, Format(got), c)
		}
		if cal.Count(from, got.AddDate(0, 0, -1)) != n-1 {
			t.Fatalf("Add(%s, %d) = %s is not the first day reaching %d", Format(from), n, Format(got), n)
		}
		if back := cal.Add(got, -n); cal.Count(back, got) != n {
			t.Fatalf("Add(%s, -%d) = %s does not invert", Format(got), n, Format(back))
		}
	}
}

func BenchmarkAdd(b *testing.B) {
	cal := MustNew(Override{Day: d("2025-10-09"), Reason: "停电"})
	from := d("2025-09-26")
	b.ReportAllocs()
	for b.Loop() {
		_ = cal.Add(from, 20)
	}
}

func BenchmarkCount(b *testing.B) {
	cal := MustNew()
	from, to := d("2025-01-01"), d("2025-12-31")
	for b.Loop() {
		_ = cal.Count(from, to)
	}
}
