package agency

import "testing"

func TestValidateCreditCode(t *testing.T) {
	tests := []struct {
		code string
		ok   bool
	}{
		{"11610802016083285C", true}, // seed 000's 索引号 prefix
		{"91350100M000100Y43", true},
		{"91350100M000100Y44", false},
		{"1161080201608328", false},
		{"11610802016083285I", false},
	}
	for _, tt := range tests {
		if err := ValidateCreditCode(tt.code); (err == nil) != tt.ok {
			t.Errorf("%s: err=%v, want ok=%v", tt.code, err, tt.ok)
		}
	}
}
