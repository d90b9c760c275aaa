package demo

import (
	"context"
	"fmt"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/oversight"
	"gongkai/internal/store"
	"gongkai/internal/workday"
)

// Oversight has the 政务公开办 follow up its agencies with 督办 notices, through the doors:
// one the 医疗保障局 answered in time, one it let pass its due day, and one the 卫生健康局
// has still to answer. Nothing is dated after now.
func Oversight(ctx context.Context, db *store.DB, env *Env) error {
	cal, err := db.Workdays().Calendar(ctx)
	if err != nil {
		return err
	}
	wj, yb, office := env.Agencies[0], env.Agencies[1], env.Agencies[2]
	gkb := Principal(env.Users["gkb"], office)
	ybClerk := Principal(env.ByRole[yb.ID][account.Clerk], yb)
	days := func(n int) time.Time { return env.Now.AddDate(0, 0, n) }
	due := func(sent time.Time, n int) time.Time { return cal.Add(workday.Of(sent), n) }
	type spec struct {
		agencyID      int64
		subject, body string
		sent          time.Time
		workdays      int
		answer        string
		answered      time.Time
	}
	year := env.Now.Year()
	specs := []spec{
		{yb.ID, fmt.Sprintf("关于%d年度政府信息公开工作年度报告统计表的督办", year-1),
			"经核对，你局年度报告表三“本年度办理结果”各项之和与“总计”不一致。请核实办理记录，更正后重新发布，并书面说明原因。",
			days(-40), 10, "已核实：一件申请人撤回的申请原未计入“其他处理”。已更正统计表并重新发布，今后发布前由负责人复核勾稽关系。", days(-33)},
		{yb.ID, "关于医疗保障基金使用情况专栏更新不及时的督办",
			"你局网站“医疗保障基金使用情况”栏目最近一次更新已超过三个月。请依照《中华人民共和国政府信息公开条例》第二十六条及时更新，并报告整改情况。",
			days(-20), 7, "", time.Time{}},
		{wj.ID, "关于依申请公开超期办理的督办",
			"系统显示你局有依申请公开件临近或超过法定答复期限。请逐件核查办理进度，依法按期答复，需延期的按规定报批并告知申请人。",
			days(-2), 10, "", time.Time{}},
	}
	return db.InTx(ctx, func(tx *store.Tx) error {
		for _, sp := range specs {
			n := oversight.Notice{AgencyID: sp.agencyID, Subject: sp.subject, Body: sp.body, Due: due(sp.sent, sp.workdays)}
			if err := tx.Oversight().Send(ctx, gkb, &n, sp.sent); err != nil {
				return fmt.Errorf("demo notice %s: %w", sp.subject, err)
			}
			if sp.answer != "" {
				if _, err := tx.Oversight().Answer(ctx, ybClerk, n.ID, sp.answer, sp.answered); err != nil {
					return fmt.Errorf("demo answer %s: %w", sp.subject, err)
				}
			}
		}
		return nil
	})
}
