package textcheck

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCheck(t *testing.T) {
	title := LineOf("标题", 10)
	body := TextOf("正文", 20)
	page := IntOf("页码", 1, 100000)
	tests := []struct {
		name   string
		rule   Rule
		v      string
		reason Reason // 0: accepted
		at     int
		msg    string // part of the message
	}{
		{"plain", title, "政府信息公开", 0, 0, ""},
		{"empty", title, "", 0, 0, ""},
		{"exactly the limit", title, strings.Repeat("字", 10), 0, 0, ""},
		{"one over", title, strings.Repeat("字", 11), TooLong, 0, "“标题”过长：最多10个字，现有11个字"},
		{"NUL", title, "ab\x00c", NUL, 3, "“标题”第3个字符是空字符"},
		{"invalid UTF-8", title, "公开\xff", BadUTF8, 3, "无法识别的字节"},
		{"GBK bytes", title, "\xb9\xab\xbf\xaa", BadUTF8, 1, "“标题”第1个字符处"},
		{"terminal escape", title, "a\x1b[31m", Control, 2, "只能填写一行文字"},
		{"DEL", title, "a\x7f", Control, 2, ""},
		{"C1 control", title, "a\u0085", Control, 2, ""},
		{"newline in one line", title, "a\nb", Control, 2, "只能填写一行文字"},
		{"tab in one line", title, "a\tb", Control, 2, ""},
		{"newlines in text", body, "第一行\r\n第二行\n\t缩进", 0, 0, ""},
		{"escape in text", body, "第一行\n\x1b[2J", Control, 5, "“正文”第5个字符是不可见的控制字符"},
		{"NUL in text", body, "\x00", NUL, 1, ""},
		{"bad bytes before too long", body, strings.Repeat("a", 30) + "\xc3", BadUTF8, 31, ""},
		{"int", page, "12", 0, 0, ""},
		{"int with spaces", page, " 12 ", 0, 0, ""},
		{"int empty", page, "", 0, 0, ""},
		{"int zero", page, "0", OutOfRange, 0, "“页码”应为1至100000之间的整数"},
		{"int huge", page, "9223372036854775807", OutOfRange, 0, ""},
		{"int overflow", page, "99999999999999999999999999", OutOfRange, 0, ""},
		{"int negative", page, "-1", OutOfRange, 0, ""},
		{"int word", page, "abc", NotInt, 0, "“页码”应填写整数"},
		{"int NUL", page, "1\x00", NUL, 2, ""},
		{"int 1 MB", page, strings.Repeat("9", 1<<20), OutOfRange, 0, ""},
		{"line default limit", Rule{Label: "x"}, strings.Repeat("a", DefaultLine+1), TooLong, 0, ""},
		{"text default limit", Rule{Label: "x", Kind: Text}, strings.Repeat("a", DefaultText+1), TooLong, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := tt.rule.Check(tt.v)
			if tt.reason == 0 {
				if p != nil {
					t.Fatalf("refused: %s", p.Error())
				}
				return
			}
			if p == nil {
				t.Fatalf("accepted, want %v", tt.reason)
			}
			if p.Reason != tt.reason || p.At != tt.at {
				t.Errorf("reason %v at %d, want %v at %d", p.Reason, p.At, tt.reason, tt.at)
			}
			if !strings.Contains(p.Error(), tt.msg) {
				t.Errorf("message %q does not contain %q", p.Error(), tt.msg)
			}
			if !strings.Contains(p.Error(), "“"+tt.rule.Label+"”") {
				t.Errorf("message %q does not name the field", p.Error())
			}
			if p.Err() == nil {
				t.Error("no error")
			}
		})
	}
}

func TestCleanAndScan(t *testing.T) {
	if got := Clean("a\x00b\xffc\x1b\n", Line); got != "a\ufffdb\ufffdc\ufffd\ufffd" {
		t.Errorf("Clean line: %q", got)
	}
	if got := Clean("a\x00\n\t", Text); got != "a\ufffd\n\t" {
		t.Errorf("Clean text: %q", got)
	}
	if _, ok := Scan("第一行\n第二行\t"); !ok {
		t.Error("clean text reported")
	}
	f, ok := Scan("机关名称a\x01\x1b[31m\x7f")
	if ok || f.Reason != Control || f.At != 6 || f.Byte != 0x01 {
		t.Errorf("Scan: %+v %v", f, ok)
	}
	if !strings.Contains(f.Near, "机关名称a") {
		t.Errorf("Near %q", f.Near)
	}
	if f, ok := Scan("abc\xe4\xb8"); ok || f.Reason != BadUTF8 || f.At != 4 {
		t.Errorf("Scan truncated UTF-8: %+v", f)
	}
	if Acceptable("a\x00") || !Acceptable("a\nb") {
		t.Error("Acceptable")
	}
}

// FuzzCheck: whatever the bytes, Check never panics, an accepted value is valid UTF-8
// without NUL within its limit, and Clean always gives an accepted value (length aside).
func FuzzCheck(f *testing.F) {
	for _, s := range []string{"", "政府\x00信息", "\xff\xfe", "a\nb\tc\r", "\x1b[31m", "123", "-9223372036854775808"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, r := range []Rule{LineOf("行", 50), TextOf("段", 50), IntOf("数", -5, 5)} {
			p := r.Check(s)
			if p == nil && r.Kind != Int {
				if !utf8.ValidString(s) || strings.ContainsRune(s, 0) || utf8.RuneCountInString(s) > r.Limit() {
					t.Fatalf("%v accepted %q", r.Kind, s)
				}
			}
			if p != nil && p.Error() == "" {
				t.Fatal("empty message")
			}
			c := Clean(s, r.Kind)
			if r.Kind != Int {
				if p := (Rule{Label: "x", Kind: r.Kind, MaxLen: len(c) + 1}).Check(c); p != nil {
					t.Fatalf("Clean(%q) = %q refused: %s", s, c, p.Error())
				}
			}
		}
		if _, ok := Scan(s); ok != Acceptable(s) {
			t.Fatal("Scan and Acceptable disagree")
		}
	})
}
