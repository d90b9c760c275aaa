package store

import (
	"context"

	"gongkai/internal/workday"
)

// calendarDependents are recomputed, in the same transaction, whenever the calendar
// changes; each returns how many records moved. Domain areas add theirs here.
func calendarDependents() []func(ctx context.Context, tx *Tx, actor Actor, cal *workday.Calendar) (int, error) {
	return []func(ctx context.Context, tx *Tx, actor Actor, cal *workday.Calendar) (int, error){
		RecomputeApplicationDues,
	}
}

// ApplyCalendarChange stores overrides and recomputes everything that depends on the
// calendar (open applications' due dates), returning how many records moved.
func ApplyCalendarChange(ctx context.Context, db *DB, actor Actor, ovs []workday.Override) (int, error) {
	moved := 0
	err := db.InTx(ctx, func(tx *Tx) error {
		if err := SetOverrides(ctx, tx, actor, ovs); err != nil {
			return err
		}
		cal, err := Calendar(ctx, tx)
		if err != nil {
			return err
		}
		for _, dep := range calendarDependents() {
			n, err := dep(ctx, tx, actor, cal)
			if err != nil {
				return err
			}
			moved += n
		}
		return nil
	})
	return moved, err
}
