package store

import (
	"context"
	"fmt"

	"gongkai/internal/foirequest"
)

// crossingApplications is the condition of index applications_report_crossing: the
// applications open now or replied in a later year than received — the only ones a year
// can carry in or out. A query names it, word for word, to read that (small) index. It
// compares "YYYY-" (five characters), not "YYYY": SQLite would read substr(received, 1, 4)
// as the column of index applications_report_year and no longer see the condition.
const crossingApplications = `(closed_day = '' OR substr(closed_day, 1, 5) > substr(received, 1, 5))`

// reportApplications gives table 三 of year what it counts of the agency's applications —
// those received by 31 December and not replied before 1 January — counted in SQL rather
// than read one by one: one foirequest.Record per group of applications that table 三
// cannot tell apart (applicant kind; received in the year or before it; replied in the
// year and with what outcome, or still open on 31 December), with Count. A group's Record
// carries its earliest day of receipt and, when replied in the year, its earliest reply
// day; Closed stays zero for those open on 31 December (replied later or not yet).
// foirequest.CountApplications counts them as it counts the applications one by one.
//
// Each query reads one index in its order and none sorts the year's applications (SQLite
// sorts slowly): the year's applications by kind and outcome (applications_report_year);
// then, of those open now or replied in a later year than received
// (applications_report_crossing), the year's replied after it and the earlier years'
// still open at its start.
func reportApplications(ctx context.Context, q Queryer, agencyID int64, year int) ([]foirequest.Record, error) {
	yy, first, last := fmt.Sprintf("%04d", year), fmt.Sprintf("%04d-01-01", year), fmt.Sprintf("%04d-12-31", year)
	type group struct {
		kind, outcome, received, closed string
		n, late                         int
	}
	var groups []*group
	byKey := map[[2]string]*group{}
	// Received in the year, by kind and outcome (outcome '' while open).
	err := eachRow(ctx, q, func(scan func(...any) error) error {
		g := &group{}
		if err := scan(&g.kind, &g.outcome, &g.n, &g.received, &g.closed); err != nil {
			return err
		}
		groups = append(groups, g)
		byKey[[2]string{g.kind, g.outcome}] = g
		return nil
	}, `SELECT applicant_kind, outcome, COUNT(*), MIN(received), MIN(closed_day)
		FROM applications WHERE agency_id = ? AND substr(received, 1, 4) = ?
		GROUP BY applicant_kind, outcome`, agencyID, yy)
	if err != nil {
		return nil, fmt.Errorf("store: applications of %d/%d: %w", agencyID, year, err)
	}
	// Of those, the ones replied after the year: open on 31 December. (substr(received, 1,
	// 5), "YYYY-", keeps the planner on the crossing index.)
	err = eachRow(ctx, q, func(scan func(...any) error) error {
		var kind, outcome string
		var n int
		if err := scan(&kind, &outcome, &n); err != nil {
			return err
		}
		if g := byKey[[2]string{kind, outcome}]; g != nil {
			g.late = n
		}
		return nil
	}, `SELECT applicant_kind, outcome, COUNT(*) FROM applications
		WHERE agency_id = ? AND `+crossingApplications+` AND closed_day > ? AND substr(received, 1, 5) = ?
		GROUP BY 1, 2`, agencyID, last, yy+"-")
	if err != nil {
		return nil, fmt.Errorf("store: applications of %d/%d: %w", agencyID, year, err)
	}
	var out []foirequest.Record
	add := func(kind, received, closed, outcome string, n int) {
		if n == 0 {
			return
		}
		r := foirequest.Record{Kind: foirequest.ApplicantKind(kind), Received: parseDayOrZero(received), Count: n}
		if outcome != "" {
			r.Closed, r.Outcome = parseDayOrZero(closed), foirequest.ReplyType(outcome)
		}
		out = append(out, r)
	}
	for _, g := range groups {
		if g.outcome == "" {
			add(g.kind, g.received, "", "", g.n)
			continue
		}
		// The earliest reply of the group is in the year when any reply is.
		add(g.kind, g.received, g.closed, g.outcome, g.n-g.late)
		add(g.kind, g.received, "", "", g.late)
	}
	// Received before the year and not replied before it: still open, or replied from 1
	// January on. substr(received, 1, 7) keeps the planner on the crossing index.
	for _, cond := range []string{`closed_day = ''`, `closed_day >= ?`} {
		args := []any{last, agencyID}
		if cond != `closed_day = ''` {
			args = append(args, first)
		}
		args = append(args, fmt.Sprintf("%04d-01", year))
		err := eachRow(ctx, q, func(scan func(...any) error) error {
			var kind, outcome, received, closed string
			var n int
			if err := scan(&kind, &outcome, &n, &received, &closed); err != nil {
				return err
			}
			add(kind, received, closed, outcome, n)
			return nil
		}, `SELECT applicant_kind, CASE WHEN closed_day <> '' AND closed_day <= ? THEN outcome ELSE '' END,
				COUNT(*), MIN(received), MIN(closed_day)
			FROM applications WHERE agency_id = ? AND `+crossingApplications+` AND `+cond+` AND substr(received, 1, 7) < ?
			GROUP BY 1, 2`, args...)
		if err != nil {
			return nil, fmt.Errorf("store: applications carried into %d/%d: %w", agencyID, year, err)
		}
	}
	return out, nil
}

// eachRow runs query and calls fn for each row with its Scan.
func eachRow(ctx context.Context, q Queryer, fn func(scan func(...any) error) error, query string, args ...any) error {
	rows, err := q.Query(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows.Scan); err != nil {
			return err
		}
	}
	return rows.Err()
}
