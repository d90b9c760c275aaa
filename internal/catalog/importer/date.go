package importer

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/width"

	"gongkai/internal/apperr"
)

var (
	// 2021-01-26, 2021/1/26, 2021.1.26, 2021年1月26日, optionally followed by a time.
	ymdRE = regexp.MustCompile(`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$`)
	// 20210126
	compactRE = regexp.MustCompile(`^(\d{4})(\d{2})(\d{2})$`)
	// An Excel serial day number, possibly with a time fraction: 44222, 44222.5
	serialRE = regexp.MustCompile(`^(\d{5})(?:\.\d+)?$`)
)

// Dates outside this range are taken for typing errors.
const (
	minYear = 1949
	maxYear = 2100
)

// excelEpoch is day 0 of Excel's 1900 date system as it counts after its 1900 leap-year
// bug (serial 61 is 1900-03-01): every serial in [minYear, maxYear] is counted from it.
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// ParseDate reads a calendar day in the forms catalogs and spreadsheets use: 2021-01-26,
// 2021/1/26, 2021.1.26, 2021年1月26日, 20210126, an Excel serial day (44222), full-width
// digits, an optional time of day (ignored). The result is 00:00 UTC standing for the day
// in China. Errors are apperr.Invalid with a Chinese message.
func ParseDate(s string) (time.Time, error) {
	orig := strings.TrimSpace(s)
	t := strings.TrimSpace(width.Narrow.String(orig))
	t = strings.Join(strings.Fields(strings.ReplaceAll(t, "\u3000", " ")), " ")
	bad := func(why string) (time.Time, error) {
		return time.Time{}, apperr.Newf(apperr.Invalid, "日期“%s”%s", orig, why)
	}
	if t == "" {
		return bad("为空")
	}
	var y, m, d int
	if g := ymdRE.FindStringSubmatch(t); g != nil {
		y, m, d = atoi(g[1]), atoi(g[2]), atoi(g[3])
	} else if g := compactRE.FindStringSubmatch(t); g != nil {
		y, m, d = atoi(g[1]), atoi(g[2]), atoi(g[3])
	} else if g := serialRE.FindStringSubmatch(t); g != nil {
		day := excelEpoch.AddDate(0, 0, atoi(g[1]))
		if day.Year() < minYear || day.Year() > maxYear {
			return bad("超出可接受的范围（1949年至2100年）")
		}
		return day, nil
	} else {
		return bad("无法识别，应为“2021-01-26”“2021/1/26”或“2021年1月26日”等格式")
	}
	if y < minYear || y > maxYear {
		return bad("的年份超出可接受的范围（1949年至2100年）")
	}
	day := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if m < 1 || m > 12 || d < 1 || day.Month() != time.Month(m) || day.Day() != d {
		return bad("不是有效的日期")
	}
	return day, nil
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
