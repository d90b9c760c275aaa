package workday

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/6tail/lunar-go/HolidayUtil"

	"gongkai/internal/apperr"
)

// Override is a day an administrator declares off or working, with the reason shown in
// explanations. It wins over weekends and the statutory table.
type Override struct {
	Day     time.Time
	Working bool
	Reason  string
}

// Kind says why a day is, or is not, a working day.
type Kind string

const (
	KindWorkday         Kind = "workday"          // Monday to Friday, no holiday
	KindWeekend         Kind = "weekend"          // Saturday or Sunday
	KindHoliday         Kind = "holiday"          // statutory holiday (法定节假日)
	KindMakeup          Kind = "makeup"           // 调休 make-up working day
	KindOverrideOff     Kind = "override_off"     // declared off by an administrator
	KindOverrideWorking Kind = "override_working" // declared working by an administrator
)

// Label is the Chinese name of the kind.
func (k Kind) Label() string {
	switch k {
	case KindWorkday:
		return "工作日"
	case KindWeekend:
		return "周末"
	case KindHoliday:
		return "法定节假日"
	case KindMakeup:
		return "调休上班"
	case KindOverrideOff:
		return "管理员设定休息"
	case KindOverrideWorking:
		return "管理员设定上班"
	}
	return string(k)
}

// DayInfo describes one day of the calendar.
type DayInfo struct {
	Day     time.Time
	Working bool
	Kind    Kind
	Reason  string // Chinese: "周末", "国庆节、中秋节", "调休上班（国庆节、中秋节）", an override's reason
}

// statutory is one day of the holiday table.
type statutory struct {
	working bool
	name    string
}

type holidayTable struct {
	days        map[int64]statutory
	first, last int // years the table covers
}

// holidayNames turns the library's names into the names the State Council notices use.
var holidayNames = map[string]string{
	"元旦节":   "元旦",
	"国庆中秋":  "国庆节、中秋节",
	"抗战胜利日": "中国人民抗日战争暨世界反法西斯战争胜利纪念日",
}

// table is loaded once, on first use, from the lunar-go data (which is compiled in).
var table = sync.OnceValue(func() holidayTable {
	t := holidayTable{days: make(map[int64]statutory, 1024)}
	for y := 2001; y <= 2200; y++ {
		l := HolidayUtil.GetHolidaysByYear(y)
		if l.Len() == 0 {
			if t.last != 0 {
				break
			}
			continue
		}
		for e := l.Front(); e != nil; e = e.Next() {
			h := e.Value.(*HolidayUtil.Holiday)
			day, err := time.Parse(time.DateOnly, h.GetDay())
			if err != nil || day.Year() != y {
				continue
			}
			name := h.GetName()
			if n, ok := holidayNames[name]; ok {
				name = n
			}
			t.days[dayNumber(day)] = statutory{working: h.IsWork(), name: name}
		}
		if t.first == 0 {
			t.first = y
		}
		t.last = y
	}
	return t
})

// Calendar answers working-day questions. The zero value is the statutory calendar
// without overrides. A Calendar is immutable and safe for concurrent use.
type Calendar struct {
	overrides map[int64]Override
}

// New builds a calendar from administrator overrides. Two overrides of the same day are
// refused (apperr.Invalid), and so is an override without a reason.
func New(overrides []Override) (*Calendar, error) {
	c := &Calendar{overrides: make(map[int64]Override, len(overrides))}
	for _, o := range overrides {
		o.Day = Normalize(o.Day)
		o.Reason = strings.TrimSpace(o.Reason)
		if o.Reason == "" {
			return nil, apperr.Newf(apperr.Invalid, "%s 的调整缺少原因", Format(o.Day))
		}
		k := dayNumber(o.Day)
		if _, dup := c.overrides[k]; dup {
			return nil, apperr.Newf(apperr.Invalid, "%s 重复设定", Format(o.Day))
		}
		c.overrides[k] = o
	}
	return c, nil
}

// MustNew is New for overrides known to be valid (tests, fixed data); it panics otherwise.
func MustNew(overrides ...Override) *Calendar {
	c, err := New(overrides)
	if err != nil {
		panic(err)
	}
	return c
}

// Overrides returns the calendar's overrides in day order.
func (c *Calendar) Overrides() []Override {
	if c == nil {
		return nil
	}
	out := make([]Override, 0, len(c.overrides))
	for _, o := range c.overrides {
		out = append(out, o)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Day.Before(out[j].Day) })
	return out
}

// Covers reports whether the statutory holiday table includes the day's year. For years it
// does not cover, only weekends and overrides count: callers should warn the user.
func Covers(day time.Time) bool {
	t := table()
	return day.Year() >= t.first && day.Year() <= t.last
}

// CoveredYears returns the first and last year of the statutory holiday table.
func CoveredYears() (first, last int) {
	t := table()
	return t.first, t.last
}

// Info describes the day.
func (c *Calendar) Info(day time.Time) DayInfo {
	day = Normalize(day)
	return c.info(dayNumber(day), day)
}

func (c *Calendar) info(k int64, day time.Time) DayInfo {
	if c != nil {
		if o, ok := c.overrides[k]; ok {
			kind := KindOverrideOff
			if o.Working {
				kind = KindOverrideWorking
			}
			return DayInfo{Day: day, Working: o.Working, Kind: kind, Reason: o.Reason}
		}
	}
	if s, ok := table().days[k]; ok {
		if s.working {
			return DayInfo{Day: day, Working: true, Kind: KindMakeup, Reason: "调休上班（" + s.name + "）"}
		}
		return DayInfo{Day: day, Working: false, Kind: KindHoliday, Reason: s.name}
	}
	if wd := day.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return DayInfo{Day: day, Working: false, Kind: KindWeekend, Reason: "周末"}
	}
	return DayInfo{Day: day, Working: true, Kind: KindWorkday, Reason: "工作日"}
}

// IsWorkday reports whether the day is a working day (工作日).
func (c *Calendar) IsWorkday(day time.Time) bool {
	return c.working(dayNumber(day))
}

func (c *Calendar) working(k int64) bool {
	if c != nil {
		if o, ok := c.overrides[k]; ok {
			return o.Working
		}
	}
	if s, ok := table().days[k]; ok {
		return s.working
	}
	// 1970-01-01 was a Thursday: weekday = (k+4) mod 7, 0 = Sunday.
	wd := ((k+4)%7 + 7) % 7
	return wd != 0 && wd != 6
}

// Reason is the Chinese reason of the day's status ("周末", "国庆节", "调休上班（…）", …).
func (c *Calendar) Reason(day time.Time) string { return c.Info(day).Reason }

// Add returns the n-th working day after from; from itself is not counted (the rule for
// statutory periods: 收到申请之日不计算在内). Add(from, 0) is from. A negative n counts
// backwards: the |n|-th working day before from.
func (c *Calendar) Add(from time.Time, n int) time.Time {
	k := dayNumber(from)
	step := int64(1)
	if n < 0 {
		step, n = -1, -n
	}
	for n > 0 {
		k += step
		if c.working(k) {
			n--
		}
	}
	return fromNumber(k)
}

// Count returns the number of working days after from up to and including to. When to
// is before from the result is negative: minus the working days after to up to and
// including from. Count(from, Add(from, n)) == n for every n.
func (c *Calendar) Count(from, to time.Time) int {
	a, b := dayNumber(from), dayNumber(to)
	sign := 1
	if b < a {
		a, b, sign = b, a, -1
	}
	n := 0
	for k := a + 1; k <= b; k++ {
		if c.working(k) {
			n++
		}
	}
	return sign * n
}

// Days describes every day after from up to and including to, in order.
func (c *Calendar) Days(from, to time.Time) []DayInfo {
	a, b := dayNumber(from), dayNumber(to)
	if b <= a {
		return nil
	}
	out := make([]DayInfo, 0, b-a)
	for k := a + 1; k <= b; k++ {
		out = append(out, c.info(k, fromNumber(k)))
	}
	return out
}

// String describes the calendar for logs.
func (c *Calendar) String() string {
	first, last := CoveredYears()
	n := 0
	if c != nil {
		n = len(c.overrides)
	}
	return fmt.Sprintf("workday.Calendar{statutory %d–%d, %d overrides}", first, last, n)
}
