package store

import (
	"context"
	"fmt"

	"gongkai/internal/foirequest"
)

// reportApplications gives table 三 of year what it counts of the agency's applications —
// those received by 31 December and not closed before 1 January — counted in SQL rather
// than read one by one: one foirequest.Record per group of applications that table 三
// cannot tell apart (applicant kind; received in an earlier year or in the year; replied
// in the year and with what outcome, or still open at its end), with Count. Each group's
// Record carries its earliest day of receipt and, when replied in the year, its earliest
// reply day; Closed stays zero for those open on 31 December (replied later or not yet).
// foirequest.CountApplications counts them as it counts the applications one by one.
func reportApplications(ctx context.Context, q Queryer, agencyID int64, year int) ([]foirequest.Record, error) {
	first, last := fmt.Sprintf("%04d-01-01", year), fmt.Sprintf("%04d-12-31", year)
	rows, err := q.Query(ctx, `SELECT applicant_kind,
			CASE WHEN received < ? THEN 1 ELSE 0 END,
			CASE WHEN closed_day <> '' AND closed_day <= ? THEN outcome ELSE '' END,
			MIN(received), MIN(closed_day), COUNT(*)
		FROM applications
		WHERE agency_id = ? AND received <= ? AND (closed_day = '' OR closed_day >= ?)
		GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
		first, last, agencyID, last, first)
	if err != nil {
		return nil, fmt.Errorf("store: application counts %d/%d: %w", agencyID, year, err)
	}
	defer rows.Close()
	var out []foirequest.Record
	for rows.Next() {
		var kind, outcome, received, closed string
		var earlier, n int
		if err := rows.Scan(&kind, &earlier, &outcome, &received, &closed, &n); err != nil {
			return nil, err
		}
		r := foirequest.Record{Kind: foirequest.ApplicantKind(kind), Received: parseDayOrZero(received), Count: n}
		if outcome != "" {
			r.Closed, r.Outcome = parseDayOrZero(closed), foirequest.ReplyType(outcome)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
