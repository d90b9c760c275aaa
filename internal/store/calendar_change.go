package store

import (
	"context"
	"time"

	"gongkai/internal/account"

	"gongkai/internal/workday"
)

// calendarDependents are recomputed, in the same transaction, whenever the calendar
// changes; each returns how many records moved. Domain areas add theirs here.
func calendarDependents() []func(ctx context.Context, tx *Tx, who account.Principal, cal *workday.Calendar) (int, error) {
	return []func(ctx context.Context, tx *Tx, who account.Principal, cal *workday.Calendar) (int, error){
		RecomputeApplicationDues,
	}
}

// ApplyCalendarChange stores overrides and recomputes everything that depends on the
// calendar (open applications' due dates), returning how many records moved.
func ApplyCalendarChange(ctx context.Context, db *DB, who account.Principal, ovs []workday.Override) (int, error) {
	return changeCalendar(ctx, db, who, func(tx *Tx) error { return SetOverrides(ctx, tx, by(who), ovs) })
}

// RemoveCalendarOverride deletes the override of a day and recomputes everything that
// depends on the calendar; it returns how many records moved.
func RemoveCalendarOverride(ctx context.Context, db *DB, who account.Principal, day time.Time) (int, error) {
	return changeCalendar(ctx, db, who, func(tx *Tx) error { return DeleteOverride(ctx, tx, by(who), day) })
}

// changeCalendar applies change and, in the same transaction, recomputes the dependents.
func changeCalendar(ctx context.Context, db *DB, who account.Principal, change func(tx *Tx) error) (int, error) {
	moved := 0
	err := db.InTx(ctx, func(tx *Tx) error {
		if err := change(tx); err != nil {
			return err
		}
		cal, err := Calendar(ctx, tx)
		if err != nil {
			return err
		}
		for _, dep := range calendarDependents() {
			n, err := dep(ctx, tx, who, cal)
			if err != nil {
				return err
			}
			moved += n
		}
		return nil
	})
	return moved, err
}
