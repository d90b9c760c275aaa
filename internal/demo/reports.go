package demo

import (
	"context"
	"fmt"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/annualreport"
	"gongkai/internal/appeal"
	"gongkai/internal/store"
)

// Appeals records a few 行政复议 and 行政诉讼 cases for the two departments.
func Appeals(ctx context.Context, db *store.DB, env *Env) error {
	year := env.Now.Year()
	type spec struct {
		kind           appeal.Kind
		caseNo, organ  string
		filed, decided time.Time
		result         appeal.Result
	}
	d := func(y int, m time.Month, day int) time.Time { return time.Date(y, m, day, 0, 0, 0, 0, time.UTC) }
	specs := [][]spec{
		{ // 卫生健康局
			{appeal.Reconsideration, fmt.Sprintf("清政复决字〔%d〕7号", year-1), "清河区人民政府", d(year-1, 4, 8), d(year-1, 6, 2), appeal.Upheld},
			{appeal.LitigationDirect, fmt.Sprintf("（%d）示0102行初31号", year-1), "清河区人民法院", d(year-1, 9, 15), time.Time{}, appeal.Pending},
			{appeal.Reconsideration, fmt.Sprintf("清政复决字〔%d〕2号", year), "清河区人民政府", d(year, 3, 3), d(year, 5, 20), appeal.Corrected},
		},
		{ // 医疗保障局
			{appeal.Reconsideration, fmt.Sprintf("清政复决字〔%d〕11号", year-1), "清河区人民政府", d(year-1, 7, 1), d(year-1, 8, 26), appeal.Other},
		},
	}
	return db.InTx(ctx, func(tx *store.Tx) error {
		for i, list := range specs {
			a := env.Agencies[i]
			clerk := Principal(env.ByRole[a.ID][account.Clerk], a)
			for _, sp := range list {
				ap := appeal.Appeal{AgencyID: a.ID, Kind: sp.kind, CaseNo: sp.caseNo, Organ: sp.organ, FiledOn: sp.filed, Result: sp.result, DecidedOn: sp.decided}
				if err := tx.Appeals().Save(ctx, clerk, &ap, env.Now); err != nil {
					return fmt.Errorf("demo appeal %s: %w", sp.caseNo, err)
				}
			}
		}
		return nil
	})
}

// Reports writes and publishes last year's annual report of the two departments, as
// their 负责人 would have by 31 January; the 政府办公室's stays unpublished.
func Reports(ctx context.Context, db *store.DB, env *Env) error {
	year := env.Now.Year() - 1
	if env.Now.Before(time.Date(env.Now.Year(), 1, 20, 0, 0, 0, 0, time.UTC)) {
		year--
	}
	publishedAt := time.Date(year+1, 1, 20, 2, 0, 0, 0, time.UTC)
	for _, a := range env.Agencies[:2] {
		head := env.ByRole[a.ID][account.Head]
		who := account.Principal{UserID: head.ID, Name: head.DisplayName, AgencyID: a.ID, GovernmentID: a.GovernmentID, Roles: head.Roles}
		n := annualreport.Narrative{
			Overview: fmt.Sprintf("%d年，%s坚持以公开为常态、不公开为例外，严格落实《中华人民共和国政府信息公开条例》，健全政府信息公开工作机制，主动公开、依申请公开、政府信息管理、平台建设和监督保障等各项工作有序推进。\n（一）主动公开。围绕医疗卫生、医疗保障等重点领域，及时公开政策文件、行政许可和行政处罚结果、财政预决算等信息。\n（二）依申请公开。严格按照法定程序和期限办理政府信息公开申请，答复书载明依据和救济途径。\n（三）政府信息管理。落实保密审查制度，信息发布前经科室审核、办公室审查、分管领导审批。\n（四）平台建设。依托区政府门户网站政府信息公开专栏集中发布信息。\n（五）监督保障。将政务公开工作纳入年度考核，定期开展自查。", year, a.Name),
			Problems: "存在的主要问题：一是部分信息公开的深度和广度还不够；二是政策解读形式较为单一。\n改进情况：下一步将加强业务培训，丰富图文、音视频等解读形式，提高公开质量。",
			Other:    "无其他需要报告的事项。",
		}
		if err := db.Reports().SaveNarrative(ctx, who, a.ID, year, n); err != nil {
			return fmt.Errorf("demo report %s %d: %w", a.Name, year, err)
		}
		if err := db.Reports().Publish(ctx, who, a.ID, year, publishedAt); err != nil {
			return fmt.Errorf("demo report %s %d: %w", a.Name, year, err)
		}
	}
	return nil
}
