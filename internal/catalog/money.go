package catalog

import (
	"math"
	"strconv"
	"strings"

	"golang.org/x/text/width"

	"gongkai/internal/apperr"
)

// Money is an amount in 分 (0.01 元), exact.
type Money int64

// fen per unit
const (
	fenPerYuan    = 100
	fenPerWanYuan = 1_000_000
)

// ParseYuan reads an amount in 元: "1234.5", "1,234.50", "１２３４．５元". At most two decimals.
func ParseYuan(s string) (Money, error) { return parseMoney(s, "元", 2, fenPerYuan) }

// ParseWanYuan reads an amount in 万元, the unit of table 二: "12.3456", "0.05万元". At most six
// decimals (one 分).
func ParseWanYuan(s string) (Money, error) { return parseMoney(s, "万元", 6, fenPerWanYuan) }

func parseMoney(s, unit string, maxDec int, scale int64) (Money, error) {
	orig := strings.TrimSpace(s)
	t := width.Narrow.String(orig)
	t = strings.ReplaceAll(t, "。", ".")
	t = strings.TrimSpace(strings.TrimSuffix(t, unit))
	t = strings.TrimPrefix(t, "￥")
	t = strings.TrimPrefix(t, "¥")
	t = strings.ReplaceAll(t, ",", "")
	t = strings.ReplaceAll(t, " ", "")
	bad := func(why string) (Money, error) {
		return 0, apperr.Newf(apperr.Invalid, "金额“%s”无效：%s", orig, why)
	}
	if t == "" {
		return bad("不能为空")
	}
	if strings.HasPrefix(t, "-") {
		return bad("不能为负数")
	}
	whole, frac, _ := strings.Cut(t, ".")
	if whole == "" {
		whole = "0"
	}
	for _, part := range []string{whole, frac} {
		for _, r := range part {
			if r < '0' || r > '9' {
				return bad("应为数字，单位" + unit)
			}
		}
	}
	frac = strings.TrimRight(frac, "0")
	if len(frac) > maxDec {
		return bad("最多保留" + strconv.Itoa(maxDec) + "位小数")
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || w > math.MaxInt64/scale-1 {
		return bad("数值过大")
	}
	var f int64
	if frac != "" {
		f, _ = strconv.ParseInt(frac+strings.Repeat("0", maxDec-len(frac)), 10, 64)
	}
	unitsPerFen := scale
	for i := 0; i < maxDec; i++ {
		unitsPerFen /= 10
	}
	return Money(w*scale + f*unitsPerFen), nil
}

// Yuan formats m in 元 with two decimals: "1234.50".
func (m Money) Yuan() string { return m.format(fenPerYuan, 2) }

// WanYuan formats m in 万元 exactly, without trailing zeros: "12.3456", "0".
func (m Money) WanYuan() string {
	s := m.format(fenPerWanYuan, 6)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

// WanYuanFloat is m in 万元 as a float, for report cells.
func (m Money) WanYuanFloat() float64 {
	v, _ := strconv.ParseFloat(m.WanYuan(), 64)
	return v
}

func (m Money) format(scale int64, dec int) string {
	neg := m < 0
	v := int64(m)
	if neg {
		v = -v
	}
	s := strconv.FormatInt(v/scale, 10) + "." + leftPad(strconv.FormatInt(v%scale, 10), dec)
	if neg {
		s = "-" + s
	}
	return s
}

func leftPad(s string, n int) string {
	if len(s) >= n {
		return s
	}
	return strings.Repeat("0", n-len(s)) + s
}
