package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"gongkai/internal/foirequest"
)

func newFeeCmd() *cobra.Command {
	var piece, pages int
	c := &cobra.Command{
		Use:   "fee (--by-piece N | --by-page P)",
		Short: "计算信息处理费（国办函〔2020〕109号，超额累进）",
		Long: "计算政府信息公开信息处理费（《政府信息公开信息处理费管理办法》，国办函〔2020〕109号）。\n" +
			"--by-piece N：同一申请人一个自然月内第 N 件申请的收费（按件计收）；\n" +
			"--by-page P：一件申请提供 P 页的收费（按量计收）。两种标准只能选择一种。",
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			byPiece, byPage := c.Flags().Changed("by-piece"), c.Flags().Changed("by-page")
			if byPiece == byPage {
				return usageError("请指定 --by-piece N 或 --by-page P 其中之一\n%s", c.UsageString())
			}
			if byPiece {
				if piece < 1 {
					return usageError("--by-piece 应为正整数（本月第几件申请）")
				}
				fee, _ := foirequest.FeeByPiece(piece)
				total, bands, _ := foirequest.FeeByPieceTotal(piece)
				printf(c, "按件计收：同一申请人本自然月第%d件申请，收费%d元\n", piece, fee)
				printf(c, "本自然月第1至%d件合计%d元：\n", piece, total)
				for _, b := range bands {
					printf(c, "  %s\n", bandLine(b, "件"))
				}
				return nil
			}
			if pages < 0 {
				return usageError("--by-page 应为不小于0的整数（页数）")
			}
			total, bands, _ := foirequest.FeeByPage(pages)
			printf(c, "按量计收：%d页，收费%d元\n", pages, total)
			for _, b := range bands {
				printf(c, "  %s\n", bandLine(b, "页"))
			}
			return nil
		},
	}
	c.Flags().IntVar(&piece, "by-piece", 0, "同一申请人一个自然月内的第 N 件申请")
	c.Flags().IntVar(&pages, "by-page", 0, "一件申请提供的页数 P")
	return c
}

// bandLine renders one fee band: "31—100页：70页 × 10元 = 700元".
func bandLine(b foirequest.FeeBand, unit string) string {
	span := fmt.Sprintf("第%d—%d%s", b.From, b.To, unit)
	if b.From == b.To {
		span = fmt.Sprintf("第%d%s", b.From, unit)
	}
	if b.Rate == 0 {
		return span + "：免费"
	}
	return fmt.Sprintf("%s：%d%s × %d元 = %d元", span, b.To-b.From+1, unit, b.Rate, b.Amount)
}
