package store

import (
	"context"
	"encoding/json"
	"fmt"

	"gongkai/internal/account"
	"gongkai/internal/annualreport"
	"gongkai/internal/catalog"
	"gongkai/internal/foirequest"
)

// overviewSource counts one area's work of an agency's year for section 一's draft.
type overviewSource func(ctx context.Context, q Queryer, agencyID int64, year int) ([]annualreport.OverviewCount, error)

// overviewSources are the areas whose counts section 一's draft prints beside the
// catalog's items by kind, table 三, the fees and table 四 (annualreport.OverviewFacts.More).
// The public column's 政策解读, 公示 and 政民互动 (portal questions, hotline and platform
// tickets) are one source each.
var overviewSources = []overviewSource{
	fromApplicationsCount,
	interpretationsCount,
	noticesCount,
	interactionsCount,
}

// interpretationsCount counts the 政策解读 published in year and the documents they cover.
func interpretationsCount(ctx context.Context, q Queryer, agencyID int64, year int) ([]annualreport.OverviewCount, error) {
	ys, err := interpretationYears(ctx, q, 0, agencyID)
	if err != nil {
		return nil, err
	}
	for _, y := range ys {
		if y.Year == year && y.Interpretations > 0 {
			return []annualreport.OverviewCount{{Part: annualreport.PartActive, Label: "发布政策解读", N: float64(y.Interpretations), Unit: "篇"}}, nil
		}
	}
	return nil, nil
}

// noticesCount counts the 公示 published in year and the results published after them.
func noticesCount(ctx context.Context, q Queryer, agencyID int64, year int) ([]annualreport.OverviewCount, error) {
	ys, err := noticeYears(ctx, q, agencyID)
	if err != nil {
		return nil, err
	}
	var out []annualreport.OverviewCount
	for _, y := range ys {
		if y.Year != year {
			continue
		}
		if y.Notices > 0 {
			out = append(out, annualreport.OverviewCount{Part: annualreport.PartActive, Label: "发布公示", N: float64(y.Notices), Unit: "条"})
		}
		if y.Results > 0 {
			out = append(out, annualreport.OverviewCount{Part: annualreport.PartActive, Label: "公示结果", N: float64(y.Results), Unit: "条"})
		}
	}
	return out, nil
}

// interactionsCount counts the questions and tickets received in year by channel, and
// those answered.
func interactionsCount(ctx context.Context, q Queryer, agencyID int64, year int) ([]annualreport.OverviewCount, error) {
	cs, err := countQuestions(ctx, q, 0, agencyID)
	if err != nil {
		return nil, err
	}
	var out []annualreport.OverviewCount
	for _, c := range cs {
		if c.Year != year || c.Received == 0 {
			continue
		}
		out = append(out,
			annualreport.OverviewCount{Part: annualreport.PartInteraction, Label: c.Channel.Label() + "收到", N: float64(c.Received), Unit: "件"},
			annualreport.OverviewCount{Part: annualreport.PartInteraction, Label: "其中已答复", N: float64(c.Answered), Unit: "件"})
	}
	return out, nil
}

// DraftOverview drafts section 一 (总体情况) of the agency's report for year from its
// records (annualreport.DraftOverview): items published by kind, the other areas' counts
// (overviewSources), applications and how they were answered, replies past their due
// day, fees paid, appeals. Nothing is saved: staff keep or rewrite it and save it with
// SaveNarrative. Those who may read the report may draft it.
func (s *Reports) DraftOverview(ctx context.Context, who account.Principal, agencyID int64, year int) (string, error) {
	var text string
	err := s.db.InTx(ctx, func(tx *Tx) error {
		a, err := AgencyByID(ctx, tx, agencyID)
		if err != nil {
			return err
		}
		if !annualreport.CanRead(who, a.ID, a.GovernmentID) {
			return annualreport.Deny(who, a.ID, a.GovernmentID, "无权查看该机关的年度报告")
		}
		d, err := draft(ctx, tx, a, year)
		if err != nil {
			return err
		}
		f := annualreport.OverviewFacts{Agency: a.Name, Year: year, Report: d.Report}
		if f.Published, err = publishedByKind(ctx, tx, a.ID, year); err != nil {
			return err
		}
		for _, src := range overviewSources {
			more, err := src(ctx, tx, a.ID, year)
			if err != nil {
				return err
			}
			f.More = append(f.More, more...)
		}
		if f.LateReplies, f.OpenOverdue, err = lateReplies(ctx, tx, a.ID, year); err != nil {
			return err
		}
		if f.FeeYuan, f.FeeCases, err = feesPaid(ctx, tx, a.ID, year); err != nil {
			return err
		}
		text = annualreport.DraftOverview(f)
		return nil
	})
	return text, err
}

// publishedByKind counts the agency's items published in year (withdrawn since
// included: they were published) by document kind, in catalog.DocKinds order.
func publishedByKind(ctx context.Context, q Queryer, agencyID int64, year int) ([]annualreport.OverviewCount, error) {
	n := map[string]float64{}
	err := eachRow(ctx, q, func(scan func(...any) error) error {
		var kind string
		var k float64
		if err := scan(&kind, &k); err != nil {
			return err
		}
		n[kind] = k
		return nil
	}, `SELECT kind, COUNT(*) FROM catalog_items WHERE agency_id = ? AND state IN (?, ?) AND published_on >= ? AND published_on <= ? GROUP BY kind`,
		agencyID, string(catalog.Published), string(catalog.Withdrawn), fmt.Sprintf("%04d-01-01", year), fmt.Sprintf("%04d-12-31", year)+"~")
	if err != nil {
		return nil, fmt.Errorf("store: items published by kind: %w", err)
	}
	var out []annualreport.OverviewCount
	for _, k := range catalog.DocKinds() {
		unit := "件"
		if k == catalog.General {
			unit = "条"
		}
		out = append(out, annualreport.OverviewCount{Part: annualreport.PartActive, Label: k.Label(), N: n[string(k)], Unit: unit})
	}
	return out, nil
}

// fromApplicationsCount counts the items published in year in response to applications
// (依申请转主动, 第四十四条).
func fromApplicationsCount(ctx context.Context, q Queryer, agencyID int64, year int) ([]annualreport.OverviewCount, error) {
	var n float64
	err := q.QueryRow(ctx, `SELECT COUNT(*) FROM catalog_items i WHERE i.agency_id = ? AND i.state IN (?, ?) AND i.published_on >= ? AND i.published_on <= ?
		AND EXISTS (SELECT 1 FROM catalog_item_sources s WHERE s.item_id = i.id)`,
		agencyID, string(catalog.Published), string(catalog.Withdrawn), fmt.Sprintf("%04d-01-01", year), fmt.Sprintf("%04d-12-31", year)+"~").Scan(&n)
	if err != nil {
		return nil, fmt.Errorf("store: items from applications: %w", err)
	}
	if n == 0 {
		return nil, nil
	}
	return []annualreport.OverviewCount{{Part: annualreport.PartActive, Label: "依申请公开转为主动公开", N: n, Unit: "条"}}, nil
}

// lateReplies counts the agency's replies of year given after their due day, and the
// applications received by 31 December, still unanswered then and past their due day.
func lateReplies(ctx context.Context, q Queryer, agencyID int64, year int) (late, openOverdue int, err error) {
	first, last := fmt.Sprintf("%04d-01-01", year), fmt.Sprintf("%04d-12-31", year)
	if err = q.QueryRow(ctx, `SELECT COUNT(*) FROM applications WHERE agency_id = ? AND closed_day >= ? AND closed_day <= ? AND due_day <> '' AND closed_day > due_day`,
		agencyID, first, last).Scan(&late); err != nil {
		return 0, 0, fmt.Errorf("store: late replies: %w", err)
	}
	if err = q.QueryRow(ctx, `SELECT COUNT(*) FROM applications WHERE agency_id = ? AND received <= ? AND (closed_day = '' OR closed_day > ?) AND due_day <> '' AND due_day < ?`,
		agencyID, last, last, last).Scan(&openOverdue); err != nil {
		return 0, 0, fmt.Errorf("store: overdue at the year's end: %w", err)
	}
	return late, openOverdue, nil
}

// feesPaid sums the 信息处理费 paid in year: for each payment recorded in the year, the
// amount of the fee notice before it.
func feesPaid(ctx context.Context, q Queryer, agencyID int64, year int) (yuan float64, cases int, err error) {
	err = eachRow(ctx, q, func(scan func(...any) error) error {
		var data string
		if err := scan(&data); err != nil {
			return err
		}
		var e foirequest.Event
		if err := json.Unmarshal([]byte(data), &e); err != nil {
			return err
		}
		yuan += float64(e.Amount)
		cases++
		return nil
	}, `SELECT n.data FROM application_events n JOIN applications a ON a.id = n.application_id
		WHERE a.agency_id = ? AND n.type = ? AND n.seq = (
			SELECT MAX(m.seq) FROM application_events m WHERE m.application_id = n.application_id AND m.type = ? AND m.seq < (
				SELECT MIN(p.seq) FROM application_events p WHERE p.application_id = n.application_id AND p.type = ? AND p.day >= ? AND p.day <= ?))`,
		agencyID, string(foirequest.EventFeeNotified), string(foirequest.EventFeeNotified), string(foirequest.EventFeePaid),
		fmt.Sprintf("%04d-01-01", year), fmt.Sprintf("%04d-12-31", year))
	if err != nil {
		return 0, 0, fmt.Errorf("store: fees paid: %w", err)
	}
	return yuan, cases, nil
}
