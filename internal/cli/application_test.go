package cli

import (
	"context"
	"gongkai/internal/account"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"gongkai/internal/demo"
	"gongkai/internal/foirequest"
	"gongkai/internal/store"
)

func TestApplicationExplainAndReminders(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "g.db")
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	if _, err := demo.LoadLight(ctx, db, now); err != nil {
		t.Fatal(err)
	}
	list, _, err := db.Applications().List(ctx, account.System(), store.ApplicationFilter{Status: foirequest.StatusOverdue})
	if err != nil || len(list) == 0 {
		t.Fatalf("no overdue demo case: %v", err)
	}
	a := list[0]
	db.Close()

	code, out, stderr := run(t, "application", "explain", strconv.FormatInt(a.ID, 10), "--db", path)
	if code != 0 || !strings.Contains(out, a.Number) || !strings.Contains(out, "收到申请之日") || !strings.Contains(out, "已超过答复期限") {
		t.Fatalf("explain by id: exit %d\n%s\n%s", code, out, stderr)
	}
	code, out2, _ := run(t, "application", "explain", strings.ToLower(a.Tracking), "--db", path)
	if code != 0 || out2 != out {
		t.Errorf("explain by tracking number: exit %d\n%s", code, out2)
	}
	code, out, _ = run(t, "application", "explain", strconv.FormatInt(a.ID, 10), "--db", path, "--as-of", "2000-01-01")
	if code != 0 || strings.Contains(out, "已超过答复期限") {
		t.Errorf("--as-of: exit %d\n%s", code, out)
	}
	code, out, _ = run(t, "application", "explain", strconv.FormatInt(a.ID, 10), "--db", path, "--days")
	if code != 0 || !strings.Contains(out, "计入答复期限的工作日") || !strings.Contains(out, "第1个工作日：") || !strings.Contains(out, "第20个工作日：") {
		t.Errorf("--days: exit %d\n%s", code, out)
	}
	// A waiting case names its own period and end.
	db, err = store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	waiting, _, err := db.Applications().List(ctx, account.System(), store.ApplicationFilter{Status: foirequest.StatusPaused})
	db.Close()
	if err != nil || len(waiting) == 0 {
		t.Fatalf("no paused demo case: %v", err)
	}
	for _, w := range waiting {
		code, out, _ = run(t, "application", "explain", strconv.FormatInt(w.ID, 10), "--db", path)
		if code != 0 || !strings.Contains(out, "个工作日，至") || !strings.Contains(out, "剩余") {
			t.Errorf("waiting case %s: exit %d\n%s", w.Number, code, out)
		}
	}
	if code, _, stderr := run(t, "application", "explain", "999999", "--db", path); code != 1 || !strings.Contains(stderr, "申请不存在") {
		t.Errorf("unknown id: exit %d %q", code, stderr)
	}
	if code, _, _ := run(t, "application", "explain", "1", "--db", path, "--as-of", "yesterday"); code != 2 {
		t.Errorf("bad --as-of: exit %d, want 2", code)
	}
	if code, _, _ := run(t, "application", "explain"); code != 2 {
		t.Errorf("no id: exit %d, want 2", code)
	}

	code, out, stderr = run(t, "reminders", "run", "--db", path)
	if code != 0 || !strings.Contains(out, "新建站内提醒") || strings.Contains(out, "新建站内提醒0条") {
		t.Fatalf("reminders run: exit %d\n%s\n%s", code, out, stderr)
	}
	code, out, _ = run(t, "reminders", "run", "--db", path)
	if code != 0 || !strings.Contains(out, "新建站内提醒0条") {
		t.Errorf("second run the same day: exit %d %s", code, out)
	}
}
