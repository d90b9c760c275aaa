package store

import (
	"context"
	"fmt"

	"gongkai/internal/annualreport"
	"gongkai/internal/appeal"
)

// reportOpenCases lists the agency's cases of year (and before) still open now: the
// applications received by 31 December that are not closed, and the reconsiderations and
// lawsuits accepted by 31 December that are not decided (those where the agency is only
// the co-defendant reconsideration organ are not its cases, as in table 四). Oldest first.
func reportOpenCases(ctx context.Context, q Queryer, agencyID int64, year int) (annualreport.OpenCases, error) {
	yearEnd := fmt.Sprintf("%04d-12-31", year)
	var out annualreport.OpenCases
	rows, err := q.Query(ctx, `SELECT id, number, received FROM applications
		WHERE agency_id = ? AND is_open = 1 AND received <= ? ORDER BY received, id`, agencyID, yearEnd)
	if err != nil {
		return nil, fmt.Errorf("store: open applications of %d/%d: %w", agencyID, year, err)
	}
	defer rows.Close()
	for rows.Next() {
		c := annualreport.OpenCase{Kind: annualreport.OpenApplication, What: "政府信息公开申请"}
		var received string
		if err := rows.Scan(&c.ID, &c.Ref, &received); err != nil {
			return nil, err
		}
		c.Since = parseDayOrZero(received)
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	rows, err = q.Query(ctx, `SELECT id, kind, case_no, filed_on FROM appeals
		WHERE agency_id = ? AND result = ? AND filed_on <= ? AND co_defendant_organ = 0 ORDER BY filed_on, id`,
		agencyID, string(appeal.Pending), yearEnd)
	if err != nil {
		return nil, fmt.Errorf("store: open appeals of %d/%d: %w", agencyID, year, err)
	}
	defer rows.Close()
	for rows.Next() {
		c := annualreport.OpenCase{Kind: annualreport.OpenAppeal}
		var kind, filed string
		if err := rows.Scan(&c.ID, &kind, &c.Ref, &filed); err != nil {
			return nil, err
		}
		c.What = appeal.Kind(kind).Label()
		c.Since = parseDayOrZero(filed)
		out = append(out, c)
	}
	return out, rows.Err()
}
