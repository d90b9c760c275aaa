package store

import (
	"context"
	"fmt"

	"gongkai/internal/appeal"
)

// AppealsOpenDuring lists the agency's appeals open at some time during year (accepted by
// 31 December, not decided before 1 January: appeal.Appeal.OpenDuring), those table 四 of
// the year's report counts, oldest first. Cases where the agency is only the co-defendant
// reconsideration organ are listed too (appeal.Table4 leaves them out).
func AppealsOpenDuring(ctx context.Context, q Queryer, agencyID int64, year int) ([]appeal.Appeal, error) {
	rows, err := q.Query(ctx, `SELECT `+appealColumns+` FROM appeals
		WHERE agency_id = ? AND filed_on <= ? AND (decided_on = '' OR decided_on >= ?) ORDER BY filed_on, id`,
		agencyID, fmt.Sprintf("%04d-12-31", year), fmt.Sprintf("%04d-01-01", year))
	if err != nil {
		return nil, fmt.Errorf("store: appeals open during %d: %w", year, err)
	}
	defer rows.Close()
	var out []appeal.Appeal
	for rows.Next() {
		a, err := scanAppeal(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}
