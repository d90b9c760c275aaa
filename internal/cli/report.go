package cli

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"gongkai/internal/annualreport"
	"gongkai/internal/annualreport/compose"
	"gongkai/internal/store"
)

func newReportCmd() *cobra.Command {
	c := &cobra.Command{Use: "report", Short: "本机关的政府信息公开工作年度报告"}
	var dsn *string
	var agencyName, format string
	var year int
	build := &cobra.Command{
		Use:   "build",
		Short: "由办理记录生成年度报告统计表并校验勾稽关系（有问题时退出码为 1）",
		Args:  cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			if agencyName == "" || year < 2008 || year > 2100 {
				return usageError("--agency and --year (2008–2100) are required")
			}
			if format != "text" && format != "html" && format != "json" {
				return usageError("--format must be text, html or json")
			}
			db, err := openDB(c.Context(), *dsn)
			if err != nil {
				return err
			}
			defer db.Close()
			a, err := store.AgencyByName(c.Context(), db, agencyName)
			if err != nil {
				return withExit(1, fmt.Errorf("%s", msg(err)))
			}
			figs, err := store.ReportFigures(c.Context(), db, a.ID, year)
			if err != nil {
				return withExit(1, err)
			}
			rep := compose.Build(a.Name, year, figs)
			if prev, err := store.OwnReportFor(c.Context(), db, a.ID, year-1); err == nil && prev.Snapshot != nil {
				rep.Findings = append(rep.Findings, annualreport.CheckYears(prev.Snapshot, rep)...)
			}
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
					fmt.Fprintf(c.ErrOrStderr(), "%s %s：%s\n", f.Rule, f.Cell, f.Message)
				}
				return withExit(1, fmt.Errorf("%d finding(s)", len(rep.Findings)))
			}
			return nil
		},
	}
	dsn = addDBFlag(build)
	build.Flags().StringVar(&agencyName, "agency", "", "机关全称（必填）")
	build.Flags().IntVar(&year, "year", 0, "报告年度（必填）")
	build.Flags().StringVar(&format, "format", "text", "输出格式：text、html 或 json")
	c.AddCommand(build)
	return c
}
