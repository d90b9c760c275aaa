//go:generate go run ../gen/lotestdata -out testdata/libreoffice

package reader

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	ar "gongkai/internal/annualreport"
)

// docTimeout bounds one conversion of an old Word file by LibreOffice.
const docTimeout = 60 * time.Second

// officeConverter is LibreOffice's command on PATH (Debian's libreoffice-writer or
// libreoffice-writer-nogui), or "".
func officeConverter() string {
	for _, name := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// readDOC reads an old Word (.doc) or WPS (.wps) file: LibreOffice, when installed,
// converts it to .docx in a temporary folder (its own profile there, no network, a time
// limit), and the .docx is read as any other. Without LibreOffice the finding says how
// to read the file.
func readDOC(name string, data []byte) *ar.Report {
	office := officeConverter()
	if office == "" {
		return unreadable(name, "Word 97-2003（.doc）或 WPS（.wps）格式需要 LibreOffice 转换后读取，本机未安装 LibreOffice（Debian：apt install libreoffice-writer-nogui）；也可另存为 .docx 或网页（.html）后再读取")
	}
	dir, err := os.MkdirTemp("", "gongkai-doc-")
	if err != nil {
		return unreadable(name, "无法转换 Word 97-2003 文件：无法创建临时文件夹")
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "report.doc")
	if err := os.WriteFile(in, data, 0o600); err != nil {
		return unreadable(name, "无法转换 Word 97-2003 文件：无法写入临时文件")
	}
	ctx, cancel := context.WithTimeout(context.Background(), docTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, office, "--headless", "--norestore", "--nolockcheck",
		"-env:UserInstallation=file://"+filepath.ToSlash(filepath.Join(dir, "profile")),
		"--convert-to", "docx", "--outdir", dir, in)
	cmd.Dir = dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err = cmd.Run()
	docx, rerr := os.ReadFile(filepath.Join(dir, "report.docx"))
	switch {
	case ctx.Err() != nil:
		return unreadable(name, "Word 97-2003 文件转换超时（LibreOffice 60 秒内未完成），未读取")
	case err != nil || rerr != nil:
		return unreadable(name, "LibreOffice 无法转换该 Word 97-2003（.doc）或 WPS 文件，文件可能已损坏")
	}
	h, cerr := docxToHTML(docx)
	if cerr != nil {
		return unreadable(name, "LibreOffice 转换后的 .docx 无法读取")
	}
	return ReadText(name, h)
}
