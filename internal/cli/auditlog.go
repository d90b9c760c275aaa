package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"gongkai/internal/account"
)

func newAuditlogCmd() *cobra.Command {
	c := &cobra.Command{Use: "auditlog", Short: "操作日志"}
	var dsn *string
	verify := &cobra.Command{
		Use:   "verify",
		Short: "校验操作日志的哈希链：发现被修改、删除或插入的记录时以非零状态退出并指出行号",
		Args:  cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			a, err := openApp(c, *dsn)
			if err != nil {
				return err
			}
			defer a.Close()
			v, err := a.DB.AuditLog().Verify(c.Context(), account.System())
			if err != nil {
				return withExit(1, err)
			}
			if len(v.Problems) > 0 {
				for _, p := range v.Problems {
					fmt.Fprintf(c.OutOrStdout(), "第 %d 条记录：%s\n", p.Seq, p.Reason)
				}
				return withExit(1, fmt.Errorf("audit log verification failed: %d problem(s), first at row %d", len(v.Problems), v.Problems[0].Seq))
			}
			printf(c, "操作日志完整：共 %d 条记录，哈希链校验通过。\n", v.Rows)
			return nil
		},
	}
	dsn = addDBFlag(verify)
	c.AddCommand(verify)
	return c
}
