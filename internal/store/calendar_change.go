package store

import (
	"context"

	"gongkai/internal/account"

	"gongkai/internal/workday"
)

// calendarDependents are recomputed, in the same transaction, whenever the calendar
// changes; each returns how many records moved. Domain areas add theirs here.
func calendarDependents() []func(ctx context.Context, tx *Tx, who account.Principal, cal *workday.Calendar) (int, error) {
	return []func(ctx context.Context, tx *Tx, who account.Principal, cal *workday.Calendar) (int, error){
		recomputeApplicationDues,
	}
}

// changeCalendar applies change and, in the same transaction, recomputes the dependents.
func changeCalendar(ctx context.Context, s service, who account.Principal, change func(tx *Tx) error) (int, error) {
	moved := 0
	err := s.inTx(ctx, func(tx *Tx) error {
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
