package cli

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"gongkai/internal/account"
	"gongkai/internal/annualreport"
	"gongkai/internal/apperr"
)

func newReportCmd() *cobra.Command {
	c := &cobra.Command{Use: "report", Short: "本机关的政府信息公开工作年度报告"}
	var dsn *string
	var agencyName, format string
	var year int
	build := &cobra.Command{
		Use:   "build",
		Short: "由办理记录生成年度报告（含已保存的正文）并校验勾稽关系（有问题时退出码为 1）",
		Long: "由办理记录生成本机关的年度报告：统计表由记录计算，一、五、六部分和信息处理费取自控制台保存的正文。" +
			"2019、2020年度按2019年版格式，2021年度起按2021年版格式；2019年度以前的报告不能生成。",
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			if agencyName == "" || year == 0 {
				return usageError("请用 --agency 指定机关全称、用 --year 指定报告年度")
			}
			if _, err := annualreport.FormatFor(year); err != nil {
				return usageError("%s", msg(err))
			}
			if format != "text" && format != "html" && format != "json" {
				return usageError("--format 只能是 text、html 或 json")
			}
			app, err := openApp(c, *dsn)
			if err != nil {
				return err
			}
			defer app.Close()
			db := app.DB
			a, err := db.Agencies().ByName(c.Context(), agencyName)
			if err != nil {
				return withExit(apperr.ExitCode(err), fmt.Errorf("%s", msg(err)))
			}
			d, err := db.Reports().Draft(c.Context(), account.System(), a.ID, year)
			if err != nil {
				return withExit(apperr.ExitCode(err), fmt.Errorf("%s", msg(err)))
			}
			rep := d.Report
			switch format {
			case "text":
				fmt.Fprint(c.OutOrStdout(), annualreport.RenderText(rep))
			case "html":
				fmt.Fprint(c.OutOrStdout(), annualreport.RenderHTML(rep))
			case "json":
				enc := json.NewEncoder(c.OutOrStdout())
				enc.SetIndent("", "  ")
				enc.SetEscapeHTML(false)
				if err := enc.Encode(rep); err != nil {
					return withExit(1, err)
				}
			}
			if len(rep.Findings) > 0 {
				for _, f := range rep.Findings {
					cell := f.Cell
					if cell == "" {
						cell = strings.Join(f.Cells, ",")
					}
					fmt.Fprintf(c.ErrOrStderr(), "%s %s：%s\n", f.Rule, cell, f.Message)
				}
				return withExit(1, fmt.Errorf("报告有%d项问题", len(rep.Findings)))
			}
			return nil
		},
	}
	dsn = addDBFlag(build)
	build.Flags().StringVar(&agencyName, "agency", "", "机关全称（必填）")
	build.Flags().IntVar(&year, "year", 0, "报告年度（必填，2019 年度起）")
	build.Flags().StringVar(&format, "format", "text", "输出格式：text、html 或 json")
	c.AddCommand(build)
	return c
}
