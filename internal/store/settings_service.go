package store

import (
	"context"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/apperr"
	"gongkai/internal/workday"
)

// Workdays is the door of the working-day calendar (the 调休 and holiday overrides every
// deadline is counted with): everyone reads it, a 系统管理员 (and System) changes it, and a
// change recomputes in the same transaction everything that depends on it.
type Workdays struct{ service }

// Workdays is the door of the working-day calendar.
func (db *DB) Workdays() *Workdays { return &Workdays{service{db: db}} }

// Calendar is the statutory calendar with the stored overrides.
func (s *Workdays) Calendar(ctx context.Context) (*workday.Calendar, error) {
	return Calendar(ctx, s.q())
}

// Overrides lists the stored overrides by day.
func (s *Workdays) Overrides(ctx context.Context) ([]workday.Override, error) {
	return Overrides(ctx, s.q())
}

// CalendarChange is what a change of the calendar did: how many records moved, and the
// audit row after which MovedSince lists them.
type CalendarChange struct {
	Moved int
	Since int64
}

// Change stores overrides and recomputes what depends on the calendar (open applications'
// due days); for a 系统管理员 or System.
func (s *Workdays) Change(ctx context.Context, who account.Principal, ovs []workday.Override) (CalendarChange, error) {
	return s.change(ctx, who, func(tx *Tx) error { return setOverrides(ctx, tx, who, ovs) })
}

// Remove deletes the override of a day and recomputes what depends on the calendar.
func (s *Workdays) Remove(ctx context.Context, who account.Principal, day time.Time) (CalendarChange, error) {
	return s.change(ctx, who, func(tx *Tx) error { return deleteOverride(ctx, tx, who, day) })
}

func (s *Workdays) change(ctx context.Context, who account.Principal, fn func(tx *Tx) error) (CalendarChange, error) {
	var c CalendarChange
	if err := who.RequireSysAdmin(); err != nil {
		return c, err
	}
	head, err := AuditHead(ctx, s.q())
	if err != nil {
		return c, err
	}
	c.Since = head
	c.Moved, err = changeCalendar(ctx, s.service, who, fn)
	return c, err
}

// MovedSince lists the due days the calendar changes after audit row afterSeq moved: of
// every agency for a 系统管理员, of their own agency for anyone else.
func (s *Workdays) MovedSince(ctx context.Context, who account.Principal, afterSeq int64) ([]DueChange, error) {
	var ids []int64
	if !who.Has(account.SysAdmin) {
		ids = []int64{who.AgencyID}
	}
	return DueChangesSince(ctx, s.q(), afterSeq, ids)
}

// Guides is the door of the agencies' 政府信息公开指南: the portal reads them, an agency's
// administrators write them.
type Guides struct{ service }

// Guides is the door of the agencies' 政府信息公开指南.
func (db *DB) Guides() *Guides { return &Guides{service{db: db}} }

// Get returns the saved guide of an agency; ok is false when none was saved (public).
func (s *Guides) Get(ctx context.Context, agencyID int64) (Guide, bool, error) {
	return AgencyGuide(ctx, s.q(), agencyID)
}

// Save stores the agency's guide (an empty body restores the default text), for who
// administering the agency.
func (s *Guides) Save(ctx context.Context, who account.Principal, agencyID int64, body string, now time.Time) error {
	if err := requireAgencyRead(ctx, s.q(), who, agencyID); err != nil {
		return err
	}
	if !account.CanAdminister(who, agencyID) {
		return apperr.New(apperr.Forbidden, "只能修改本机关的记录")
	}
	return s.inTx(ctx, func(tx *Tx) error { return saveAgencyGuide(ctx, tx, who, agencyID, body, now) })
}
