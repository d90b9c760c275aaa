package cli

import (
	"bytes"
	"context"
	"database/sql"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "modernc.org/sqlite"
)

// run executes the command line and returns exit code, stdout and stderr.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{{"nonsense"}, {"serve", "--no-such-flag"}, {"user", "add"}, {"backup"}} {
		code, _, _ := run(t, args...)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}

func TestBadDB(t *testing.T) {
	for _, dsn := range []string{"/no/such/folder/x.db", "postgres://nobody@127.0.0.1:1/x?connect_timeout=2", "mysql://x"} {
		code, _, stderr := run(t, "auditlog", "verify", "--db", dsn)
		if code != 1 {
			t.Errorf("%s: exit %d, want 1", dsn, code)
		}
		if n := strings.Count(strings.TrimSpace(stderr), "\n"); n != 0 || stderr == "" || strings.Contains(stderr, "panic") {
			t.Errorf("%s: want one error line, got %q", dsn, stderr)
		}
	}
}

func TestServePortTaken(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	db := filepath.Join(t.TempDir(), "g.db")
	code, _, stderr := run(t, "serve", "--addr", ln.Addr().String(), "--db", db)
	if code != 1 || !strings.Contains(stderr, "already in use") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	// Nothing was created: no database file, so no demo accounts waiting in it.
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Errorf("the first start on a taken port created %s (%v)", db, err)
	}
}

func TestAdminCommandsAndAuditVerify(t *testing.T) {
	db := filepath.Join(t.TempDir(), "g.db")
	if code, _, stderr := run(t, "agency", "add", "某县卫生健康局", "--government", "某县人民政府", "--db", db); code != 0 {
		t.Fatalf("agency add: %d %s", code, stderr)
	}
	if code, _, stderr := run(t, "user", "add", "li", "--agency", "某县卫生健康局", "--roles", "经办人,审核人", "--password", "long-enough-1", "--db", db); code != 0 {
		t.Fatalf("user add: %d %s", code, stderr)
	}
	if code, _, _ := run(t, "user", "add", "li", "--agency", "某县卫生健康局", "--password", "long-enough-1", "--db", db); code != 1 {
		t.Fatalf("duplicate user: exit %d, want 1", code)
	}
	if code, _, _ := run(t, "user", "add", "x", "--agency", "某县卫生健康局", "--roles", "boss", "--password", "long-enough-1", "--db", db); code != 2 {
		t.Fatalf("unknown role: exit %d, want 2", code)
	}
	code, out, _ := run(t, "auditlog", "verify", "--db", db)
	if code != 0 || !strings.Contains(out, "校验通过") {
		t.Fatalf("verify intact: %d %s", code, out)
	}
	// Tamper with row 2 behind the append-only trigger.
	sdb, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, q := range []string{`DROP TRIGGER audit_log_no_update`, `UPDATE audit_log SET after_json = '{"name":"改"}' WHERE seq = 2`} {
		if _, err := sdb.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	sdb.Close()
	code, out, stderr := run(t, "auditlog", "verify", "--db", db)
	if code != 1 || !strings.Contains(out, "第 2 条记录") || !strings.Contains(stderr, "第一处在第2条") {
		t.Fatalf("verify tampered: exit %d out %q err %q", code, out, stderr)
	}
	backup := filepath.Join(t.TempDir(), "copy.db")
	if code, _, stderr := run(t, "backup", backup, "--db", db); code != 0 {
		t.Fatalf("backup: %d %s", code, stderr)
	}
	if code, _, _ := run(t, "backup", backup, "--db", db); code != 1 {
		t.Fatal("backup over an existing file accepted")
	}
}
