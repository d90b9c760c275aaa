package reader

import (
	"math/rand/v2"
	"strings"
	"testing"
)

func TestParseChinese(t *testing.T) {
	cases := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"〇", 0, true}, {"零", 0, true}, {"○", 0, true}, {"一", 1, true}, {"十", 10, true}, {"十五", 15, true},
		{"二十", 20, true}, {"一百二十三", 123, true}, {"一千零五", 1005, true}, {"一千零五十", 1050, true},
		{"三万二千", 32000, true}, {"三万零八", 30008, true}, {"两百", 200, true}, {"一〇五", 105, true},
		{"二十三件", 23, true}, {"一百零一项", 101, true},
		{"一百二", 0, false}, {"〇五", 0, false}, {"零零", 0, false}, {"十十", 0, false}, {"百", 0, false},
		{"一二百", 0, false}, {"一千零", 0, false}, {"二十元", 0, false}, {"一、", 0, false}, {"第一", 0, false},
		{"万", 0, false}, {"一万万", 0, false}, {"两", 0, false}, {"", 0, false},
	}
	for _, c := range cases {
		v, ok := parseChinese(c.in)
		if ok != c.ok || (ok && v != c.want) {
			t.Errorf("parseChinese(%q) = %v, %v; want %v, %v", c.in, v, ok, c.want, c.ok)
		}
	}
}

func TestHasChineseFigures(t *testing.T) {
	for _, c := range []struct {
		in   string
		want bool
	}{
		{"规章 〇 〇 三", true},
		{"<td>零</td><td>零件</td>", true},
		{"实现零的突破，零容忍", false},
		{"规章 〇 1 2", false},
		{"○ 加强培训\n○ 完善制度\n", false},
		{"规章 〇 〇 三\n", true},
		{"| 〇件 | 十二件 |\n| 零 |", true},
	} {
		if got := hasChineseFigures(c.in); got != c.want {
			t.Errorf("hasChineseFigures(%q) = %v", c.in, got)
		}
	}
}

// TestHasChineseFiguresSearch: finding the zeros by their last byte gives what
// strings.Index, zero after zero, gives, on random texts of zeros, separators, units,
// digits and the bytes the zeros are made of.
func TestHasChineseFiguresSearch(t *testing.T) {
	ref := func(s string) bool {
		n := 0
		for _, z := range []string{"〇", "○", "零"} {
			rest := s
			for {
				i := strings.Index(rest, z)
				if i < 0 {
					break
				}
				before, after := rest[:i], rest[i+len(z):]
				if isSeparatorEnd(before, true) && isSeparatorEnd(after, false) && cellEnds(after) {
					if n++; n >= 2 {
						return true
					}
				}
				rest = after
			}
		}
		return false
	}
	pieces := []string{"〇", "○", "零", " ", "\t", "\n", "|", "\u3000", "件", "项", "万元", "元", "1", "十", "三", "规章",
		"的", "\xe9", "\x9b", "\xb6", "\xe3\x80", "\x87", "—", "<", ">"}
	rng := rand.New(rand.NewPCG(9, 10))
	for i := 0; i < 100000; i++ {
		var b strings.Builder
		for n := rng.IntN(14); n > 0; n-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		if got, want := hasChineseFigures(b.String()), ref(b.String()); got != want {
			t.Fatalf("hasChineseFigures(%q) = %v, want %v", b.String(), got, want)
		}
	}
}
