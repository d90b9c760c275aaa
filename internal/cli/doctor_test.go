package cli

import (
	"context"
	"strings"
	"testing"

	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
)

// TestDoctor: bytes an older version stored unchecked are found, table, column and row
// named; PostgreSQL refuses NUL and invalid UTF-8 itself, so there only control
// characters can be found.
func TestDoctor(t *testing.T) {
	for _, kind := range storetest.Dialects() {
		t.Run(kind, func(t *testing.T) {
			dsn := storetest.DSN(t, kind)
			ctx := context.Background()
			db, err := store.Open(ctx, dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if code, out, _ := run(t, "doctor", "--db", dsn); code != 0 || !strings.Contains(out, "未发现无效字节") {
				t.Fatalf("clean database: exit %d\n%s", code, out)
			}
			exec := func(q string, args ...any) {
				t.Helper()
				if _, err := db.Exec(ctx, q, args...); err != nil {
					t.Fatal(err)
				}
			}
			exec(`INSERT INTO governments (name, created_at) VALUES ('某区人民政府', '2024-01-01T00:00:00.000000Z')`)
			exec(`INSERT INTO agencies (government_id, name, office_address, created_at) VALUES (1, ?, ?, '2024-01-01T00:00:00.000000Z')`, "a\x01\x1b[31m\x7f", "多行\n地址\t正常")
			want := []string{"表 agencies 列 \"name\" 行 1：第 2 个字符是控制字符（字节 0x01）", "1 处问题"}
			if kind == "sqlite" {
				exec(`INSERT INTO agencies (government_id, name, created_at) VALUES (1, ?, '2024-01-01T00:00:00.000000Z')`, "GBK\xb9\xab\xbf\xaa")
				exec(`INSERT INTO agencies (government_id, name, created_at) VALUES (1, ?, '2024-01-01T00:00:00.000000Z')`, "空\x00字符")
				want = []string{"行 2：第 4 个字符是无效的 UTF-8 字节（字节 0xB9）", "行 3：第 2 个字符是空字符（NUL）", "3 处问题，其中 2 处"}
			}
			code, out, stderr := run(t, "doctor", "--db", dsn)
			if code != 1 {
				t.Errorf("exit %d, want 1; %s", code, stderr)
			}
			for _, w := range want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			if strings.Contains(out, "office_address") {
				t.Errorf("newlines and tabs reported:\n%s", out)
			}
		})
	}
}
