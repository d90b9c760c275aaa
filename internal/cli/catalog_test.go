package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCatalogCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "g.db")
	if code, _, stderr := run(t, "agency", "add", "某县卫生健康局", "--government", "某县人民政府", "--db", db); code != 0 {
		t.Fatalf("agency add: %d %s", code, stderr)
	}
	tpl := filepath.Join(dir, "模板.xlsx")
	if code, out, stderr := run(t, "catalog", "template", tpl); code != 0 || !strings.Contains(out, "导入模板") {
		t.Fatalf("template: %d %s %s", code, out, stderr)
	}
	if st, err := os.Stat(tpl); err != nil || st.Size() == 0 {
		t.Fatalf("template file: %v", err)
	}
	if code, _, _ := run(t, "catalog", "import", tpl, "--db", db); code != 2 {
		t.Errorf("import without --agency: exit %d, want 2", code)
	}
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("名称,主题分类,成文日期\n甲,政策文件,2021-02-30\n"), 0o644)
	if code, out, _ := run(t, "catalog", "import", bad, "--agency", "某县卫生健康局", "--db", db); code != 1 || !strings.Contains(out, "第2行") {
		t.Errorf("bad file: exit %d, out %q", code, out)
	}
	good := filepath.Join(dir, "good.csv")
	os.WriteFile(good, []byte("名称,主题分类,成文日期,发布日期\n甲通知,政策文件,2021-02-03,2021-02-04\n乙通知,工作动态,2021-03-03,2021-03-04\n"), 0o644)
	if code, out, _ := run(t, "catalog", "import", good, "--agency", "某县卫生健康局", "--db", db, "--dry-run"); code != 0 || !strings.Contains(out, "2条") {
		t.Errorf("dry run: exit %d, out %q", code, out)
	}
	// The agency has no 统一社会信用代码, so rows without 索引号 cannot be numbered under the
	// national pattern: the import fails as a whole.
	if code, out, _ := run(t, "catalog", "import", good, "--agency", "某县卫生健康局", "--db", db); code != 1 || !strings.Contains(out, "未导入任何信息") {
		t.Errorf("import without agency code: exit %d, out %q", code, out)
	}
	if code, out, stderr := run(t, "catalog", "publish-due", "--db", db); code != 0 || !strings.Contains(out, "已发布0条") {
		t.Errorf("publish-due: %d %q %q", code, out, stderr)
	}
}
