package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"gongkai/internal/account"
	"gongkai/internal/store"
	"gongkai/internal/textcheck"
)

func newDoctorCmd() *cobra.Command {
	var dsn *string
	var limit int
	c := &cobra.Command{
		Use:   "doctor",
		Short: "检查数据库中是否存有无效字节（无效 UTF-8、空字符、控制字符），迁移到 PostgreSQL 之前运行",
		Long: `逐表逐列读取数据库中的全部文字，找出当前版本在输入时就会拒绝的内容：无效的 UTF-8 字节
（如 GBK 编码的文字）、空字符（NUL）以及换行、制表符以外的控制字符（如终端转义序列）。
旧版本未作检查时可能存入这样的内容；其中无效 UTF-8 和空字符会使数据库无法迁移到 PostgreSQL。
发现问题时逐条列出表、列、行和附近的文字，并以状态 1 退出；请在工作台中改正相应记录后再迁移。
操作日志中的问题无法改正（日志只增不改），迁移前请与技术支持联系。`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			a, err := openApp(c, *dsn)
			if err != nil {
				return err
			}
			defer a.Close()
			found, blocking := 0, 0
			n, err := a.DB.Maintenance().ScanText(c.Context(), account.System(), func(f store.TextFinding) error {
				found++
				if f.BlocksPostgres() {
					blocking++
				}
				if found <= limit {
					printf(c, "表 %s 列 %s 行 %s：第 %d 个字符%s（字节 0x%02X），附近文字：“%s”\n",
						f.Table, f.Column, f.Row, f.At, reasonCN(f.Reason), f.Byte, f.Near)
				}
				return nil
			})
			if err != nil {
				return withExit(1, err)
			}
			if found > limit {
				printf(c, "……另有 %d 处未列出（--limit 调整列出的条数）\n", found-limit)
			}
			if found == 0 {
				printf(c, "共检查 %d 个文字值，未发现无效字节。\n", n)
				return nil
			}
			printf(c, "共检查 %d 个文字值，发现 %d 处问题，其中 %d 处（无效 UTF-8 或空字符）会使迁移到 PostgreSQL 失败。\n", n, found, blocking)
			return withExit(1, fmt.Errorf("检查发现%d个存有无效字节的值，其中%d个会阻止迁移到 PostgreSQL", found, blocking))
		},
	}
	dsn = addDBFlag(c)
	c.Flags().IntVar(&limit, "limit", 200, "最多列出的问题条数")
	return c
}

func reasonCN(r textcheck.Reason) string {
	switch r {
	case textcheck.BadUTF8:
		return "是无效的 UTF-8 字节"
	case textcheck.NUL:
		return "是空字符（NUL）"
	}
	return "是控制字符"
}
