package reader

import (
	"testing"
	"unicode"
)

// TestIsHan: isHan's shortcut for U+4E00–U+9FFF agrees with unicode.Han there, and
// isHan is unicode.Han elsewhere.
func TestIsHan(t *testing.T) {
	for r := rune(0x3000); r <= 0x10FFFF; r++ {
		if isHan(r) != unicode.Is(unicode.Han, r) {
			t.Fatalf("isHan(%U) = %v", r, isHan(r))
		}
	}
}

func TestStripPinyinMore(t *testing.T) {
	cases := map[string]string{
		"公開（kāi）工作":          "公開工作",
		"公開(kāi)(gōng)作":      "公開作",
		"公(a)開":               "公開",
		"公(abcdefgh)開":        "公(abcdefgh)開",
		"公(kāi":               "公(kāi",
		"\xff公(kāi)\xfe":       "\xff公\xfe",
		"a(kāi) 公 (kāi)":       "a(kāi) 公 (kāi)",
		"政府信息公開(kāi)工作年度報(bào)告": "政府信息公開工作年度報告",
	}
	for in, want := range cases {
		if got := stripPinyin(in); got != want {
			t.Errorf("stripPinyin(%q) = %q, want %q", in, got, want)
		}
	}
}
