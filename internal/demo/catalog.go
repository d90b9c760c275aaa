package demo

import (
	"context"
	"fmt"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/catalog"
	"gongkai/internal/catalog/demodata"
	"gongkai/internal/store"
)

// openOfficeCode is a fictitious 统一社会信用代码 with a valid check character for the
// demo 人民政府办公室.
const openOfficeCode = "11610802016083301D"

// Catalog loads the 主动公开 demo catalogs (internal/catalog/demodata) of the three demo
// agencies — 卫生健康局, 医疗保障局, 人民政府办公室 — with their monthly table 二 figures.
// Light mode loads about twenty recent items per agency and this year's figures; the full
// demo a few hundred items per agency since 2021. Everything goes in one transaction
// through prepared statements.
func Catalog(ctx context.Context, db *store.DB, env *Env) error {
	specs := demodata.DefaultAgencies("清河区", "清")
	if len(env.Agencies) < len(specs) {
		return nil
	}
	type load struct {
		agencyID int64
		code     string
		items    []catalog.Item
		figs     []catalog.MonthlyFigures
	}
	var loads []load
	for i, spec := range specs {
		ag := env.Agencies[i]
		spec.Name = ag.Name
		switch {
		case ag.CreditCode != "":
			spec.Code = ag.CreditCode
		case spec.Kind == demodata.OpenOffice:
			spec.Code = openOfficeCode
		}
		roles := env.ByRole[ag.ID]
		spec.AuthorID = roles[account.Clerk].ID
		spec.ReviewerID = roles[account.Reviewer].ID
		spec.ApproverID = roles[account.Head].ID
		opt := demodata.Options{Seed: 20211, Now: env.Now}
		if env.Light {
			opt.FromYear = env.Now.Year() - 1
			opt.PoolPerYear = 4
		}
		items, err := demodata.Generate(spec, opt)
		if err != nil {
			return fmt.Errorf("demo catalog %s: %w", ag.Name, err)
		}
		stageWorkflow(items, spec.ReviewerID)
		if env.Light && len(items) > 20 {
			items = items[len(items)-20:]
		}
		for j := range items {
			items[j].AgencyID = ag.ID
		}
		figs := demodata.MonthlyFigures(spec, opt)
		if env.Light {
			var recent []catalog.MonthlyFigures
			for _, f := range figs {
				if f.Year >= env.Now.Year()-1 {
					recent = append(recent, f)
				}
			}
			figs = recent
		}
		loads = append(loads, load{agencyID: ag.ID, code: spec.Code, items: items, figs: figs})
	}
	return db.InTx(ctx, func(tx *store.Tx) error {
		var all []catalog.Item
		for _, l := range loads {
			// The 政务公开办 has no 统一社会信用代码 in the foundation data; give it a (fictitious,
			// check-digit valid) one so that its 索引号 can be numbered.
			ag, err := tx.Agencies().Get(ctx, l.agencyID)
			if err != nil {
				return err
			}
			if ag.CreditCode == "" {
				ag.CreditCode = l.code
				if err := tx.Agencies().Update(ctx, account.System(), &ag, "", 0); err != nil {
					return err
				}
			}
			all = append(all, l.items...)
		}
		if err := tx.Catalog().Load(ctx, account.System(), all, env.Now); err != nil {
			return err
		}
		for _, l := range loads {
			if len(l.figs) == 0 {
				continue
			}
			if err := tx.Catalog().SaveFigures(ctx, account.System(), l.agencyID, l.figs); err != nil {
				return err
			}
		}
		return nil
	})
}

// stageWorkflow puts the three most recent published 普通信息 items of a generated catalog
// back into the review workflow (审批, 保密审查, 草稿), so that the demo's queues and
// dashboard have something to show. They lose their 索引号 and publication; 规章 and
// 行政规范性文件 are left alone so that table 二 stays as generated.
func stageWorkflow(items []catalog.Item, reviewerID int64) {
	states := []catalog.State{catalog.Approval, catalog.SecrecyReview, catalog.Draft}
	for i := len(items) - 1; i >= 0 && len(states) > 0; i-- {
		it := &items[i]
		if it.State != catalog.Published || it.Kind != catalog.General {
			continue
		}
		it.State, states = states[0], states[1:]
		it.IndexNo, it.PublishedOn, it.PublishedAt = "", time.Time{}, time.Time{}
		it.ReviewerID, it.ApproverID = 0, 0
		if it.State == catalog.Approval {
			it.ReviewerID = reviewerID
		}
	}
}
