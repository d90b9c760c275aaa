package cli

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"gongkai/internal/store"
)

func newBackupCmd() *cobra.Command {
	var dsn *string
	c := &cobra.Command{
		Use:   "backup FILE",
		Short: "在线备份 SQLite 数据库到 FILE（一致性副本，服务无需停止）",
		Long:  "用 VACUUM INTO 生成 SQLite 数据库的一致性副本，服务运行时也可执行。PostgreSQL 请使用 pg_dump（见 README）。",
		Args:  cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			if store.IsPostgresDSN(*dsn) {
				return usageError("backup 只备份 SQLite 数据库；PostgreSQL 请用 pg_dump（见 README）")
			}
			target, err := filepath.Abs(args[0])
			if err != nil {
				return usageError("备份文件路径无效：%v", err)
			}
			if _, err := os.Stat(target); err == nil {
				return withExit(1, fmt.Errorf("%s 已存在，请指定一个新文件", target))
			}
			a, err := openApp(c, *dsn)
			if err != nil {
				return err
			}
			defer a.Close()
			if err := a.DB.Backup(c.Context(), target); err != nil {
				return withExit(1, err)
			}
			printf(c, "已备份到 %s\n", target)
			return nil
		},
	}
	dsn = addDBFlag(c)
	return c
}
