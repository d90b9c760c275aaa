package store

import (
	"context"
	"fmt"
	"gongkai/internal/account"
	"time"

	"gongkai/internal/apperr"
	"gongkai/internal/workday"
)

// Overrides returns the administrator overrides of the working-day calendar.
func Overrides(ctx context.Context, q Queryer) ([]workday.Override, error) {
	rows, err := q.Query(ctx, `SELECT day, working, reason FROM calendar_overrides ORDER BY day`)
	if err != nil {
		return nil, fmt.Errorf("store: overrides: %w", err)
	}
	defer rows.Close()
	var out []workday.Override
	for rows.Next() {
		var day, reason string
		var working int
		if err := rows.Scan(&day, &working, &reason); err != nil {
			return nil, err
		}
		d, err := ParseDay(day)
		if err != nil {
			return nil, fmt.Errorf("store: override day %q: %w", day, err)
		}
		out = append(out, workday.Override{Day: d, Working: working != 0, Reason: reason})
	}
	return out, rows.Err()
}

// Calendar builds the working-day calendar with the stored overrides.
func Calendar(ctx context.Context, q Queryer) (*workday.Calendar, error) {
	ovs, err := Overrides(ctx, q)
	if err != nil {
		return nil, err
	}
	return workday.New(ovs)
}

// setOverrides adds or replaces overrides (one audit row each). The caller recomputes
// what depends on the calendar in the same transaction.
func setOverrides(ctx context.Context, tx *Tx, who account.Principal, ovs []workday.Override) error {
	if _, err := workday.New(ovs); err != nil {
		return err
	}
	for _, o := range ovs {
		day := FormatDay(o.Day)
		var before *workday.Override
		var working int
		var reason string
		err := tx.QueryRow(ctx, `SELECT working, reason FROM calendar_overrides WHERE day = ?`, day).Scan(&working, &reason)
		if err == nil {
			before = &workday.Override{Day: o.Day, Working: working != 0, Reason: reason}
			if _, err := tx.Exec(ctx, `DELETE FROM calendar_overrides WHERE day = ?`, day); err != nil {
				return fmt.Errorf("store: replace override: %w", err)
			}
		}
		if _, err := tx.Exec(ctx, `INSERT INTO calendar_overrides (day, working, reason, created_by, created_at) VALUES (?, ?, ?, ?, ?)`,
			day, boolInt(o.Working), o.Reason, who.Name, FormatTime(time.Now())); err != nil {
			return fmt.Errorf("store: set override: %w", err)
		}
		var b any
		if before != nil {
			b = before
		}
		if _, err := Audit(ctx, tx, change(who, "calendar.override", "calendar_override", day, 0, b, o, o.Reason)); err != nil {
			return err
		}
	}
	return nil
}

// deleteOverride removes the override of a day, audited.
func deleteOverride(ctx context.Context, tx *Tx, who account.Principal, day time.Time) error {
	ovs, err := Overrides(ctx, tx)
	if err != nil {
		return err
	}
	for _, o := range ovs {
		if o.Day.Equal(day) {
			if _, err := tx.Exec(ctx, `DELETE FROM calendar_overrides WHERE day = ?`, FormatDay(day)); err != nil {
				return fmt.Errorf("store: delete override: %w", err)
			}
			_, err := Audit(ctx, tx, change(who, "calendar.override_delete", "calendar_override", FormatDay(day), 0, o, nil, ""))
			return err
		}
	}
	return apperr.Newf(apperr.NotFound, "%s 没有自定义设置", FormatDay(day))
}
