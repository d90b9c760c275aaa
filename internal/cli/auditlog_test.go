package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gongkai/internal/auditlog"
	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
)

// TestAuditCheckpointCommands: keygen, checkpoint, verify; then a rechained log fails
// verify, row named, against the stored checkpoint and against a copy saved elsewhere; a
// truncated log too. Both databases.
func TestAuditCheckpointCommands(t *testing.T) {
	for _, kind := range storetest.Dialects() {
		t.Run(kind, func(t *testing.T) {
			dsn := storetest.DSN(t, kind)
			key := filepath.Join(t.TempDir(), "audit.key")
			if code, out, stderr := run(t, "auditlog", "keygen", key); code != 0 || !strings.Contains(out, "公钥") {
				t.Fatalf("keygen: %d %s %s", code, out, stderr)
			}
			if st, err := os.Stat(key); err != nil || st.Mode().Perm() != 0o600 {
				t.Fatalf("key file mode: %v %v", st.Mode(), err)
			}
			if code, _, _ := run(t, "auditlog", "keygen", key); code != 1 {
				t.Fatal("keygen overwrote a key")
			}
			if code, _, _ := run(t, "auditlog", "checkpoint", "--db", dsn); code != 2 {
				t.Fatal("checkpoint without a key: want a usage error")
			}
			for i, name := range []string{"甲", "乙", "丙", "丁"} {
				if code, _, stderr := run(t, "agency", "add", "某县"+name+"局", "--government", "某县人民政府", "--db", dsn); code != 0 {
					t.Fatalf("agency add %d: %s", i, stderr)
				}
			}
			if code, out, stderr := run(t, "auditlog", "checkpoint", "--db", dsn, "--key", key); code != 0 || !strings.Contains(out, "已签名检查点") {
				t.Fatalf("checkpoint: %d %s %s", code, out, stderr)
			}
			code, out, _ := run(t, "auditlog", "verify", "--db", dsn, "--key", key)
			if code != 0 || !strings.Contains(out, "与 1 个签名检查点相符（签名已用可信公钥核验）") {
				t.Fatalf("verify intact: %d %s", code, out)
			}
			// Save the published document, as anyone could from the portal.
			db, err := store.Open(context.Background(), dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			cps, err := db.AuditCheckpoints(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			saved := filepath.Join(t.TempDir(), "saved.jsonl")
			var lines []byte
			for _, c := range cps {
				lines = append(lines, auditlog.WitnessLine(c)...)
			}
			os.WriteFile(saved, lines, 0o644)
			var headSeq int64
			db.QueryRow(context.Background(), `SELECT seq FROM audit_head`).Scan(&headSeq)

			storetest.RechainAudit(t, db, 2, `{"name":"改过的机关"}`)
			code, out, stderr := run(t, "auditlog", "verify", "--db", dsn, "--key", key)
			if code != 1 || !strings.Contains(out, "第 2 条记录：no longer matches the checkpoint") || !strings.Contains(stderr, "第一处在第2条") {
				t.Fatalf("verify rechained: exit %d\n%s\n%s", code, out, stderr)
			}
			// The checkpoints removed as well: the copy saved elsewhere still catches it.
			storetest.DropCheckpoints(t, db, 0)
			os.Remove(key + ".witness")
			pub := strings.TrimSpace(cps[0].PublicKey)
			code, out, _ = run(t, "auditlog", "verify", "--db", dsn, "--public-key", pub, "--checkpoints", saved)
			if code != 1 || !strings.Contains(out, "no longer matches the checkpoint") {
				t.Fatalf("verify against a saved copy: exit %d\n%s", code, out)
			}
			// Rows cut off with the head.
			storetest.TruncateAudit(t, db, headSeq-1)
			code, out, _ = run(t, "auditlog", "verify", "--db", dsn, "--public-key", pub, "--checkpoints", saved)
			if code != 1 || !strings.Contains(out, "truncated") {
				t.Fatalf("verify truncated: exit %d\n%s", code, out)
			}
		})
	}
}
