package annualreport

import (
	"time"

	"gongkai/internal/apperr"
)

// FirstYear is the first report year gongkai makes: the national format of
// 国办公开办函〔2019〕60号 applies from the reports for 2019 (the revised 条例 took effect
// on 15 May 2019). Earlier reports are read (FormatLegacy), never made.
const FirstYear = 2019

// LastYear bounds the report years gongkai accepts.
const LastYear = 2100

// FormatFor is the format of an agency's own report for year: 2019 for 2019 and 2020,
// 2021 from 2021 (国办公开办函〔2021〕30号). A year before FirstYear is apperr.Invalid.
func FormatFor(year int) (Format, error) {
	switch {
	case year < FirstYear:
		return "", apperr.Newf(apperr.Invalid, "不能生成%d年度的报告：本系统按2019年起施行的年度报告格式生成，仅支持2019年度及以后的报告", year)
	case year > LastYear:
		return "", apperr.Newf(apperr.Invalid, "年度“%d”无效", year)
	case year <= 2020:
		return Format2019, nil
	}
	return Format2021, nil
}

// chinaTime is Beijing time, in which the statutory deadlines fall.
var chinaTime = time.FixedZone("CST", 8*3600)

// AgencyDeadline is the last moment an agency may publish its report for year: the end of
// 31 January of the next year, Beijing time (第四十九条).
func AgencyDeadline(year int) time.Time {
	return time.Date(year+1, time.January, 31, 23, 59, 59, 0, chinaTime)
}

// Late reports whether an agency's report for year is late: published after the deadline,
// or not published and the deadline passed by now.
func Late(year int, published bool, publishedAt, now time.Time) bool {
	if published {
		return publishedAt.After(AgencyDeadline(year))
	}
	return now.After(AgencyDeadline(year))
}
