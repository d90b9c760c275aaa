package cli

import (
	"bytes"
	"os"
	"time"

	"github.com/spf13/cobra"

	"gongkai/internal/account"
	"gongkai/internal/catalog"
	"gongkai/internal/catalog/importer"
)

func newCatalogCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "catalog",
		Short: "主动公开目录：定时发布、导入存量目录、导入模板",
		Args:  cobra.NoArgs,
	}
	c.AddCommand(newCatalogPublishDueCmd(), newCatalogImportCmd(), newCatalogTemplateCmd())
	return c
}

func newCatalogPublishDueCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "publish-due",
		Short: "发布已到定时发布时间的信息（供 cron 调用；服务运行时每分钟自动执行）",
		Args:  cobra.NoArgs,
	}
	dsn := addDBFlag(c)
	c.RunE = func(c *cobra.Command, _ []string) error {
		a, err := openApp(c, *dsn)
		if err != nil {
			return err
		}
		defer a.Close()
		n, err := a.DB.Catalog().PublishDue(c.Context(), account.System(), time.Now())
		printf(c, "已发布%d条到期的定时发布信息\n", n)
		return fail(err)
	}
	return c
}

func newCatalogImportCmd() *cobra.Command {
	var agencyName string
	var dryRun bool
	c := &cobra.Command{
		Use:   "import FILE --agency 机关名称",
		Short: "导入存量政府信息公开目录（CSV 或 XLSX；全部导入或全部不导入）",
		Args:  cobra.ExactArgs(1),
	}
	dsn := addDBFlag(c)
	c.Flags().StringVar(&agencyName, "agency", "", "导入到的机关（全称）")
	c.Flags().BoolVar(&dryRun, "dry-run", false, "只检查文件，不导入")
	c.RunE = func(c *cobra.Command, args []string) error {
		if agencyName == "" {
			return usageError("请用 --agency 指定机关\n%s", c.UsageString())
		}
		data, err := os.ReadFile(args[0])
		if err != nil {
			return withExit(1, err)
		}
		ctx := c.Context()
		a, err := openApp(c, *dsn)
		if err != nil {
			return err
		}
		defer a.Close()
		db := a.DB
		ag, err := db.Agencies().ByName(ctx, agencyName)
		if err != nil {
			return fail(err)
		}
		tax, err := db.Catalog().Taxonomy(ctx, ag.ID)
		if err != nil {
			return fail(err)
		}
		pv, err := importer.Read(bytes.NewReader(data), importer.Options{Taxonomy: tax, Publisher: ag.Name})
		if err != nil {
			return withExit(1, err)
		}
		for _, p := range pv.Problems {
			printf(c, "%s\n", p.String())
		}
		if !pv.OK() {
			printf(c, "文件有%d处问题，未导入\n", len(pv.Problems))
			return withExit(1, pv.Err())
		}
		if dryRun {
			printf(c, "检查通过：%d条信息可以导入\n", len(pv.Rows))
			return nil
		}
		items := make([]catalog.Item, len(pv.Rows))
		for i, r := range pv.Rows {
			items[i] = r.Item
		}
		ids, err := db.Catalog().Import(ctx, account.System(), ag.ID, items, time.Now())
		if err != nil {
			printf(c, "导入失败，未导入任何信息：%s\n", msg(err))
			return fail(err)
		}
		printf(c, "已导入%d条信息到“%s”\n", len(ids), ag.Name)
		return nil
	}
	return c
}

func newCatalogTemplateCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "template FILE.xlsx",
		Short: "生成目录导入模板（XLSX）",
		Args:  cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			data, err := importer.Template(nil)
			if err != nil {
				return withExit(1, err)
			}
			if err := os.WriteFile(args[0], data, 0o644); err != nil {
				return withExit(1, err)
			}
			printf(c, "已生成导入模板 %s\n", args[0])
			return nil
		},
	}
	return c
}
