package annualreport

import (
	"strings"
	"testing"
	"time"

	"gongkai/internal/apperr"
)

func TestCheckPublishable(t *testing.T) {
	cst := time.FixedZone("CST", 8*3600)
	tests := []struct {
		name string
		year int
		at   time.Time
		ok   bool
	}{
		{"during the year", 2026, time.Date(2026, 12, 7, 10, 0, 0, 0, cst), false},
		{"last second of the year", 2026, time.Date(2026, 12, 31, 23, 59, 59, 0, cst), false},
		{"first moment of the next year", 2026, time.Date(2027, 1, 1, 0, 0, 0, 0, cst), true},
		{"new year in Beijing, still 31 December in UTC", 2026, time.Date(2026, 12, 31, 16, 0, 0, 0, time.UTC), true},
		{"31 December in Beijing, 15:59 UTC", 2026, time.Date(2026, 12, 31, 15, 59, 0, 0, time.UTC), false},
		{"by the deadline", 2025, time.Date(2026, 1, 20, 10, 0, 0, 0, cst), true},
		{"late", 2024, time.Date(2026, 3, 1, 0, 0, 0, 0, cst), true},
		{"the year before", 2027, time.Date(2026, 6, 1, 0, 0, 0, 0, cst), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckPublishable(tt.year, tt.at)
			if tt.ok != (err == nil) {
				t.Fatalf("CheckPublishable(%d, %v) = %v", tt.year, tt.at, err)
			}
			if err != nil && (!apperr.Is(err, apperr.Conflict) || !strings.Contains(apperr.MessageOf(err), "年1月1日以后发布")) {
				t.Errorf("refusal: %v", err)
			}
		})
	}
	if got := PublishableFrom(2026); !got.Equal(time.Date(2026, 12, 31, 16, 0, 0, 0, time.UTC)) {
		t.Errorf("PublishableFrom(2026) = %v", got)
	}
}

func TestConfirmOpen(t *testing.T) {
	day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, time.UTC) }
	open := OpenCases{
		{Kind: OpenApplication, ID: 7, Ref: "清卫申〔2026〕7号", What: "政府信息公开申请", Since: day(12, 1)},
		{Kind: OpenApplication, ID: 9, Ref: "清卫申〔2026〕9号", What: "政府信息公开申请", Since: day(12, 20)},
		{Kind: OpenAppeal, ID: 7, Ref: "清政复决字〔2026〕3号", What: "行政复议", Since: day(11, 3)},
	}
	reordered := OpenCases{open[2], open[0], open[1]}
	fewer := open[:2]
	tests := []struct {
		name    string
		open    OpenCases
		confirm string
		err     string // "" when accepted
	}{
		{"nothing open, nothing to confirm", nil, "", ""},
		{"nothing open, a stale confirmation is harmless", nil, open.Fingerprint(), ""},
		{"open, not confirmed", open, "", "尚有2件政府信息公开申请和1件行政复议、行政诉讼案件未办结"},
		{"open, confirmed", open, open.Fingerprint(), ""},
		{"the same cases in another order", reordered, open.Fingerprint(), ""},
		{"one closed since the page was shown", fewer, open.Fingerprint(), "确认后有变化（现有2件政府信息公开申请）"},
		{"a confirmation of something else", open, "yes", "请重新核对并确认"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := ConfirmOpen(tt.open, tt.confirm)
			if tt.err == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if !apperr.Is(err, apperr.Conflict) || !strings.Contains(apperr.MessageOf(err), tt.err) {
				t.Fatalf("err = %v, want %q", err, tt.err)
			}
		})
	}
	// An application and an appeal with the same id are different cases.
	if (OpenCases{open[0]}).Fingerprint() == (OpenCases{open[2]}).Fingerprint() {
		t.Error("application 7 and appeal 7 have the same fingerprint")
	}
	if a, b := open.Count(); a != 2 || b != 1 {
		t.Errorf("Count = %d, %d", a, b)
	}
}
