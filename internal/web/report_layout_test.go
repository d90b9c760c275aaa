package web

import (
	"testing"

	"gongkai/internal/annualreport"
)

func TestFormatLabel(t *testing.T) {
	for in, want := range map[any]string{
		annualreport.Format2021:      "2021年版",
		"2019":                       "2019年版",
		annualreport.FormatNarrative: "仅文字",
		"unknown":                    "unknown",
	} {
		if got := formatLabel(in); got != want {
			t.Errorf("formatLabel(%v) = %q, want %q", in, got, want)
		}
	}
}
