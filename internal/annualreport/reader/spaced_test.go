package reader

import "testing"

func TestSpacedFigure(t *testing.T) {
	for _, c := range []struct {
		in       string
		joinable bool
		want     string
		ok       bool
	}{
		{"1 234", true, "1234", true},
		{"12 345 678", true, "12345678", true},
		{"1 234.5", true, "1234.5", true},
		{"1 234件", true, "1234件", true},
		{"1 234 件", true, "1234件", true},
		{"1 234", false, unreadableFigure, true},
		{"1 23", true, unreadableFigure, true},
		{"1234 567", true, unreadableFigure, true},
		{"0 0", true, unreadableFigure, true},
		{"12", true, "", false},
		{"12 件", true, "", false},
		{"2152.25 万元", true, "", false},
		{"规章 1 234", true, "", false},
		{"1 2a", true, "", false},
		{"— 3 —", true, "", false},
		{"2 .48", true, unreadableFigure, true},
		{"2. 48", true, unreadableFigure, true},
	} {
		got, ok := spacedFigure(c.in, c.joinable)
		if got != c.want || ok != c.ok {
			t.Errorf("spacedFigure(%q, %v) = %q, %v; want %q, %v", c.in, c.joinable, got, ok, c.want, c.ok)
		}
	}
}

func TestSpacedDigits(t *testing.T) {
	for in, want := range map[string]bool{
		"1 234": true, "| 1 234 |": true, "1\u00a0234": true, "1\u3000234": true, "12": false,
		"规章 1": false, "1 件": false, "1.属于国家秘密 0": false, "第1 2": true, "2 .31万元": true, "a 1": false, "": false, "1 a 2": false,
	} {
		if got := spacedDigits(in); got != want {
			t.Errorf("spacedDigits(%q) = %v, want %v", in, got, want)
		}
	}
}
