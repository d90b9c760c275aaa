package reader

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"

	ar "gongkai/internal/annualreport"
	"gongkai/internal/annualreport/testreports"
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
		"公開（kāi）工作":      "公開工作",
		"公開(kāi)(gōng)作": "公開作",
		"公(a)開":          "公開",
		"公(abcdefgh)開":   "公(abcdefgh)開",
		"公(kāi":          "公(kāi",
		"\xff公(kāi)\xfe": "\xff公\xfe",
		"a(kāi) 公 (kāi)": "a(kāi) 公 (kāi)",
		"政府信息公開(kāi)工作年度報(bào)告": "政府信息公開工作年度報告",
	}
	for in, want := range cases {
		if got := stripPinyin(in); got != want {
			t.Errorf("stripPinyin(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSimplifiedLineByRuns: converting a line's non-ASCII runs one by one gives what
// OpenCC gives for the whole line, on the lines of traditional reports in every layout.
func TestSimplifiedLineByRuns(t *testing.T) {
	toSimplified("開") // loads OpenCC
	if !t2sASCIIFree {
		t.Fatal("a t2s dictionary key holds an ASCII byte: lines are converted whole (correct, but slower)")
	}
	rng := rand.New(rand.NewPCG(7, 8))
	lines := 0
	for i := 0; i < 40; i++ {
		o := testreports.RandomOptions(rng)
		o.Style, o.Traditional, o.GBK = testreports.Style(i%10), true, false
		for _, line := range strings.Split(string(testreports.Render(rng, testreports.Random(rng, []ar.Format{ar.Format2019, ar.Format2021}[i%2], 0.05), o).Data), "\n") {
			want, err := t2sConv.Convert(line)
			if err != nil {
				t.Fatal(err)
			}
			// Lines with a character that converts alone (simplifiedLine leaves the others).
			if strings.ContainsFunc(line, func(r rune) bool { return r >= 0x3400 && simplifiedRune(r) != r }) {
				if got := simplifiedLine(line); got != want {
					t.Fatalf("simplifiedLine(%q) = %q, OpenCC gives %q", line, got, want)
				}
				lines++
			}
		}
	}
	if lines < 1000 {
		t.Fatalf("only %d lines converted", lines)
	}
}
