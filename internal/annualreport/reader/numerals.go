package reader

import (
	"strings"
	"unicode/utf8"
)

// cnDigit maps the Chinese digits to their values; 〇, ○ and 零 are zero.
var cnDigit = map[rune]int{
	'〇': 0, '○': 0, '零': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5,
	'六': 6, '七': 7, '八': 8, '九': 9,
}

var cnMult = map[rune]int{'十': 10, '百': 100, '千': 1000}

// parseChinese reads a count written in Chinese numerals: "〇", "零", "十五",
// "一百二十三", "一千零五", "三万二千", or digit by digit ("一〇五"), with an optional
// unit after it ("二十三件"). Anything not in that grammar, and the colloquial
// "一百二" (120 or 102?), is refused.
func parseChinese(w string) (float64, bool) {
	for _, u := range unitSuffixes {
		if u == "元" || u == "万元" {
			continue
		}
		if rest, ok := strings.CutSuffix(w, u); ok && rest != "" {
			w = rest
			break
		}
	}
	if w == "" || utf8.RuneCountInString(w) > 12 {
		return 0, false
	}
	positional := true
	for _, r := range w {
		if _, ok := cnDigit[r]; ok {
			continue
		}
		if _, ok := cnMult[r]; ok || r == '万' {
			positional = false
			continue
		}
		return 0, false
	}
	if positional {
		if strings.ContainsRune(w, '两') {
			return 0, false
		}
		v := 0
		for _, r := range w {
			v = v*10 + cnDigit[r]
		}
		// "〇五" is no way to write 5.
		if n := utf8.RuneCountInString(w); n > 1 && cnDigit[[]rune(w)[0]] == 0 {
			return 0, false
		}
		return float64(v), true
	}
	total, section, num := 0, 0, -1
	last := 100000 // the multiplier before, within the section
	zero := false  // a 零 since the last multiplier
	start := true
	wan := false
	for _, r := range w {
		if d, ok := cnDigit[r]; ok {
			if d == 0 {
				if num != -1 || start || zero {
					return 0, false
				}
				zero = true
				continue
			}
			if num != -1 {
				return 0, false
			}
			num = d
			start = false
			continue
		}
		if r == '万' {
			if wan || (num == -1 && section == 0) {
				return 0, false
			}
			if num > 0 {
				section += num
			}
			total = section * 10000
			section, num, last, zero, wan = 0, -1, 100000, false, true
			continue
		}
		m := cnMult[r]
		if num == -1 {
			if m == 10 && start {
				num = 1 // 十五
			} else {
				return 0, false
			}
		}
		if m >= last || (zero && m*10 >= last) {
			return 0, false
		}
		section += num * m
		last, num, zero, start = m, -1, false, false
	}
	if num != -1 {
		if last > 10 && last != 100000 && !zero {
			return 0, false // "一百二": colloquial, refused
		}
		section += num
	} else if zero {
		return 0, false // a trailing 零
	}
	return float64(total + section), true
}

// hasChineseFigures reports a document that writes its figures in Chinese numerals: at
// least two cells or words that are a lone zero (〇, ○, 零). Only then are cells in
// Chinese numerals read as figures, since elsewhere "一", "二" are numbering.
func hasChineseFigures(s string) bool {
	n := 0
	for _, z := range []string{"〇", "○", "零"} {
		// Each zero is found by its last byte, a continuation byte rarer in Chinese
		// text than its lead byte, from where the previous one ended (the text before
		// a zero is what follows the previous one).
		last := z[len(z)-1]
		from := 0 // end of the previous zero
		for p := from + len(z) - 1; p < len(s); {
			k := strings.IndexByte(s[p:], last)
			if k < 0 {
				break
			}
			p += k
			at := p - (len(z) - 1)
			if s[at:p+1] != z {
				p++
				continue
			}
			before, after := s[from:at], s[p+1:]
			if isSeparatorEnd(before, true) && isSeparatorEnd(after, false) && cellEnds(after) {
				n++
				if n >= 2 {
					return true
				}
			}
			from = p + 1
			p = from + len(z) - 1
		}
	}
	return false
}

// isSeparatorEnd reports whether s ends (end) or starts (!end) at a cell or word break.
func isSeparatorEnd(s string, end bool) bool {
	if s == "" {
		return true
	}
	var r rune
	if end {
		r, _ = utf8.DecodeLastRuneInString(s)
	} else {
		r, _ = utf8.DecodeRuneInString(s)
	}
	switch r {
	case ' ', '\t', '\n', '\r', '|', '\u3000', '\u00a0', '<', '>':
		return true
	}
	if !end {
		for _, u := range unitSuffixes {
			if strings.HasPrefix(s, u) && isSeparatorEnd(s[len(u):], false) {
				return true
			}
		}
	}
	return false
}

// cellEnds reports whether s, the text after a lone zero, goes on like a table: the end
// of the cell or line, or (after spaces) another figure; not words ("○ 加强培训", a bullet).
func cellEnds(s string) bool {
	s = strings.TrimLeft(s, " \u3000\u00a0")
	for _, u := range unitSuffixes {
		if strings.HasPrefix(s, u) {
			s = s[len(u):]
			break
		}
	}
	s = strings.TrimLeft(s, " \u3000\u00a0")
	if s == "" {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s)
	switch {
	case r == '\n' || r == '\r' || r == '|' || r == '\t' || r == '<':
		return true
	case r >= '0' && r <= '9', r == '—' || r == '-' || r == '/':
		return true
	}
	_, isDigit := cnDigit[r]
	_, isMult := cnMult[r]
	return isDigit || isMult
}
