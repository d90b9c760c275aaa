package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWorkdayCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "g.db")
	tests := []struct {
		args []string
		code int
		out  string
	}{
		{[]string{"workday", "add", "2025-09-26", "20", "--db", db}, 0, "2025-10-30\n"},
		{[]string{"workday", "count", "2025-09-26", "2025-10-30", "--db", db}, 0, "20\n"},
		{[]string{"workday", "add", "2026-02-13", "1", "--db", db}, 0, "2026-02-14\n"}, // 2026-02-14 is a 调休 Saturday
		{[]string{"workday", "add", "2025-13-01", "1", "--db", db}, 2, ""},
		{[]string{"workday", "add", "2025-10-01", "x", "--db", db}, 2, ""},
		{[]string{"workday", "add", "2025-10-01"}, 2, ""},
	}
	for _, tt := range tests {
		code, out, stderr := run(t, tt.args...)
		if code != tt.code || (tt.out != "" && out != tt.out) {
			t.Errorf("%v: exit %d out %q err %q; want %d %q", tt.args, code, out, stderr, tt.code, tt.out)
		}
	}
	csv := filepath.Join(dir, "o.csv")
	os.WriteFile(csv, []byte("日期,是否上班,原因\n2025-10-09,休息,本地防汛放假\n"), 0o644)
	if code, out, stderr := run(t, "calendar", "import", csv, "--db", db); code != 0 || !strings.Contains(out, "已导入 1 条") {
		t.Fatalf("import: %d %q %q", code, out, stderr)
	}
	if _, out, _ := run(t, "workday", "add", "2025-09-26", "20", "--db", db); out != "2025-10-31\n" {
		t.Fatalf("after override: %q", out)
	}
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("2025-10-10,休息,ok\n2025-02-30,休息,坏日期\n"), 0o644)
	if code, _, stderr := run(t, "calendar", "import", bad, "--db", db); code != 1 || !strings.Contains(stderr, "未导入任何内容") {
		t.Fatalf("bad import: %d %q", code, stderr)
	}
	if _, out, _ := run(t, "workday", "count", "2025-10-09", "2025-10-10", "--db", db); out != "1\n" {
		t.Fatalf("half-imported: count = %q", out)
	}
}
