package cli

import (
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"gongkai/internal/account"
	"gongkai/internal/store"
	"gongkai/internal/workday"
)

func newApplicationCmd() *cobra.Command {
	c := &cobra.Command{Use: "application", Short: "依申请公开：政府信息公开申请"}
	var dsn *string
	var asOf string
	var listDays bool
	explain := &cobra.Command{
		Use:   "explain ID",
		Short: "说明申请的答复期限是如何计算的（ID 为申请的数字编号或查询号）",
		Args:  cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			day := workday.Of(timeNow())
			if asOf != "" {
				d, err := workday.ParseDay(asOf)
				if err != nil {
					return usageError("--as-of 日期无效：%s", msg(err))
				}
				day = d
			}
			a, err := openApp(c, *dsn)
			if err != nil {
				return err
			}
			defer a.Close()
			apps := a.DB.Applications()
			id, perr := strconv.ParseInt(args[0], 10, 64)
			if perr != nil {
				var a store.Application
				a, err = apps.GetByTracking(c.Context(), account.System(), args[0])
				id = a.ID
			}
			if err != nil {
				return fail(err)
			}
			app, ex, err := apps.Explain(c.Context(), account.System(), id, day)
			if err != nil {
				return fail(err)
			}
			printf(c, "%s（%s）\n", app.Number, app.AgencyName)
			printf(c, "%s\n", strings.Repeat("-", 40))
			for _, line := range ex.Lines() {
				printf(c, "%s\n", line)
			}
			if listDays {
				printf(c, "%s\n计入答复期限的工作日：\n", strings.Repeat("-", 40))
				for _, line := range ex.DayLines() {
					printf(c, "%s\n", line)
				}
			}
			return nil
		},
	}
	dsn = addDBFlag(explain)
	explain.Flags().StringVar(&asOf, "as-of", "", "按指定日期计算（默认今天）")
	explain.Flags().BoolVar(&listDays, "days", false, "逐日列出计入答复期限的每个工作日")
	c.AddCommand(explain)
	return c
}
