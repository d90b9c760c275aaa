package store

import (
	"context"
	"fmt"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/apperr"
	"gongkai/internal/catalog"
)

// MonthlyFigures lists the agency's table 二 monthly figures of year (every year when 0),
// by year and month.
func MonthlyFigures(ctx context.Context, q Queryer, agencyID int64, year int) ([]catalog.MonthlyFigures, error) {
	query := `SELECT year, month, licensing, penalty, enforcement, fees_fen FROM catalog_monthly_figures WHERE agency_id = ?`
	args := []any{agencyID}
	if year != 0 {
		query += ` AND year = ?`
		args = append(args, year)
	}
	rows, err := q.Query(ctx, query+` ORDER BY year, month`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: monthly figures: %w", err)
	}
	defer rows.Close()
	var out []catalog.MonthlyFigures
	for rows.Next() {
		var m catalog.MonthlyFigures
		var fees int64
		if err := rows.Scan(&m.Year, &m.Month, &m.Licensing, &m.Penalty, &m.Enforcement, &fees); err != nil {
			return nil, err
		}
		m.Fees = catalog.Money(fees)
		out = append(out, m)
	}
	return out, rows.Err()
}

// saveMonthlyFigures stores (inserts or replaces) monthly figures of the agency, each
// validated first, with one audit entry. Either all are saved or none.
func saveMonthlyFigures(ctx context.Context, tx *Tx, who account.Principal, agencyID int64, figs []catalog.MonthlyFigures) error {
	if len(figs) == 0 {
		return apperr.New(apperr.Invalid, "没有要保存的月度数据")
	}
	seen := map[[2]int]bool{}
	for _, m := range figs {
		if err := m.Validate(); err != nil {
			return err
		}
		k := [2]int{m.Year, m.Month}
		if seen[k] {
			return apperr.Newf(apperr.Invalid, "%d年%d月的数据重复", m.Year, m.Month)
		}
		seen[k] = true
	}
	now := FormatTime(time.Now())
	for _, m := range figs {
		_, err := tx.Exec(ctx, `INSERT INTO catalog_monthly_figures (agency_id, year, month, licensing, penalty, enforcement, fees_fen, updated_by, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (agency_id, year, month) DO UPDATE SET licensing = excluded.licensing, penalty = excluded.penalty,
			enforcement = excluded.enforcement, fees_fen = excluded.fees_fen, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
			agencyID, m.Year, m.Month, m.Licensing, m.Penalty, m.Enforcement, int64(m.Fees), nullInt(who.UserID), now)
		if err != nil {
			return fmt.Errorf("store: save monthly figures: %w", err)
		}
	}
	_, err := Audit(ctx, tx, change(who, "catalog.monthly_figures", "agency", agencyID, agencyID, nil, figs, fmt.Sprintf("保存月度数据%d条", len(figs))))
	return err
}

// allCatalogItems lists every item of an agency (without bodies), for counting.
func allCatalogItems(ctx context.Context, q Queryer, agencyID int64) ([]catalog.Item, error) {
	return queryCatalogItems(ctx, q, `SELECT `+catalogListColumns+` FROM catalog_items WHERE agency_id = ? ORDER BY id`, agencyID)
}

// AgencyCatalogItems lists every item of an agency in any state, without bodies, for
// counting (table 二, timeliness).
func AgencyCatalogItems(ctx context.Context, q Queryer, agencyID int64) ([]catalog.Item, error) {
	return allCatalogItems(ctx, q, agencyID)
}

// CatalogItemsForYear lists, without bodies, an agency's items that matter for the year's
// to-do and timeliness counts: those not (or no longer) public — drafts, items under review
// or approval — and those published since 1 January of year.
func CatalogItemsForYear(ctx context.Context, q Queryer, agencyID int64, year int) ([]catalog.Item, error) {
	return queryCatalogItems(ctx, q, `SELECT `+catalogListColumns+` FROM catalog_items
		WHERE agency_id = ? AND (state NOT IN (?, ?) OR published_on >= ?) ORDER BY id`,
		agencyID, string(catalog.Published), string(catalog.Withdrawn), fmt.Sprintf("%04d-01-01", year))
}
