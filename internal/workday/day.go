// Package workday is China's working-day calendar: weekends, statutory holidays and
// 调休 make-up working days (from the maintained holiday table of github.com/6tail/lunar-go),
// plus days an administrator declares off or working. It is pure: no I/O.
//
// A day is a time.Time at 00:00 UTC that stands for a calendar day in China.
package workday

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"gongkai/internal/apperr"
)

// china is China Standard Time (UTC+8, no daylight saving since 1991).
var china = time.FixedZone("CST", 8*3600)

// Day returns the calendar day y-m-d as 00:00 UTC.
func Day(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Of returns the China calendar day of the instant t (for example time.Now()).
func Of(t time.Time) time.Time {
	y, m, d := t.In(china).Date()
	return Day(y, m, d)
}

// Normalize returns the calendar day written in t's own fields (y, m, d), dropping the
// time of day and the location. Use it on values that already stand for a day.
func Normalize(t time.Time) time.Time {
	y, m, d := t.Date()
	return Day(y, m, d)
}

// Format renders a day as 2006-01-02.
func Format(day time.Time) string { return day.Format(time.DateOnly) }

// FormatChinese renders a day as 2025年10月30日.
func FormatChinese(day time.Time) string {
	return strconv.Itoa(day.Year()) + "年" + strconv.Itoa(int(day.Month())) + "月" + strconv.Itoa(day.Day()) + "日"
}

var dayPattern = regexp.MustCompile(`^\s*(\d{4})\s*(?:-|/|\.|年)\s*(\d{1,2})\s*(?:-|/|\.|月)\s*(\d{1,2})\s*日?\s*$`)
var compactPattern = regexp.MustCompile(`^\s*(\d{4})(\d{2})(\d{2})\s*$`)

// ParseDay reads a calendar day written as 2025-09-26, 2025/9/26, 2025.9.26, 20250926 or
// 2025年9月26日. Errors are apperr.Invalid with a Chinese message.
func ParseDay(s string) (time.Time, error) {
	m := dayPattern.FindStringSubmatch(s)
	if m == nil {
		m = compactPattern.FindStringSubmatch(s)
	}
	if m == nil {
		if s == "" {
			return time.Time{}, apperr.New(apperr.Invalid, "日期不能为空，格式应为 YYYY-MM-DD，例如 2025-09-26")
		}
		return time.Time{}, apperr.Newf(apperr.Invalid, "日期“%s”格式不正确，应为 YYYY-MM-DD，例如 2025-09-26", clip(s))
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	if y < 1900 || y > 2200 {
		return time.Time{}, apperr.Newf(apperr.Invalid, "日期“%s”的年份超出范围（1900—2200）", clip(s))
	}
	if mo < 1 || mo > 12 {
		return time.Time{}, apperr.Newf(apperr.Invalid, "日期“%s”的月份应在1至12之间", clip(s))
	}
	t := Day(y, time.Month(mo), d)
	if d < 1 || t.Day() != d {
		return time.Time{}, apperr.Newf(apperr.Invalid, "日期“%s”不存在：%d年%d月没有%d日", clip(s), y, mo, d)
	}
	return t, nil
}

// clip shortens user input quoted in an error message.
func clip(s string) string {
	r := []rune(strings.ToValidUTF8(s, "\uFFFD"))
	if len(r) > 20 {
		return string(r[:20]) + "…"
	}
	return string(r)
}

// dayNumber is the number of days since 1970-01-01 of a day value.
func dayNumber(day time.Time) int64 {
	y, m, d := day.Date()
	return Day(y, m, d).Unix() / 86400
}

func fromNumber(n int64) time.Time { return time.Unix(n*86400, 0).UTC() }
