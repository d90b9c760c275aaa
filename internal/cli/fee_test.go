package cli

import (
	"strings"
	"testing"
)

func TestFeeCmd(t *testing.T) {
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"fee", "--by-piece", "31"}, 0, "按件计收：同一申请人本自然月第31件申请，收费200元\n本自然月第1至31件合计2200元：\n  第1—10件：免费\n  第11—30件：20件 × 100元 = 2000元\n  第31件：1件 × 200元 = 200元\n"},
		{[]string{"fee", "--by-piece", "5"}, 0, "按件计收：同一申请人本自然月第5件申请，收费0元\n"},
		{[]string{"fee", "--by-page", "250"}, 0, "按量计收：250页，收费4700元\n  第1—30页：免费\n  第31—100页：70页 × 10元 = 700元\n  第101—200页：100页 × 20元 = 2000元\n  第201—250页：50页 × 40元 = 2000元\n"},
		{[]string{"fee", "--by-page", "0"}, 0, "按量计收：0页，收费0元\n"},
		{[]string{"fee"}, 2, ""},
		{[]string{"fee", "--by-piece", "3", "--by-page", "3"}, 2, ""},
		{[]string{"fee", "--by-piece", "0"}, 2, ""},
		{[]string{"fee", "--by-page", "-1"}, 2, ""},
		{[]string{"fee", "--by-page", "many"}, 2, ""},
		{[]string{"fee", "extra", "--by-page", "3"}, 2, ""},
	}
	for _, tt := range tests {
		code, out, errOut := run(t, tt.args...)
		if code != tt.code {
			t.Errorf("%v: exit %d, want %d (stderr %q)", tt.args, code, tt.code, errOut)
		}
		if tt.code == 0 && !strings.HasPrefix(out, tt.want) {
			t.Errorf("%v: stdout\n%s\nwant prefix\n%s", tt.args, out, tt.want)
		}
		if tt.code != 0 && errOut == "" {
			t.Errorf("%v: no message on stderr", tt.args)
		}
	}
}
