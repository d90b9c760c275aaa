package store

import (
	"context"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/appeal"
)

// This file keeps, for the files the helper "door-report" owns during issue 9
// (store/annualreport.go, demo/reports.go, web/console_report.go), the audit "who" they
// pass and the one write they call outside their own area. Remove it when that branch has
// merged and its files call the doors (db.Appeals().Save, and a principal for the audit).

// principal is the principal an Actor stands for, for the audit log only.
func (a Actor) principal() account.Principal {
	if a.UserID == 0 {
		return account.System()
	}
	return account.Principal{UserID: a.UserID, Name: a.Name, AgencyID: a.AgencyID}
}

// SaveAppeal creates or updates an appeal as actor, without the door's permission check.
//
// Deprecated: use db.Appeals().Save (or tx.Appeals().Save).
func SaveAppeal(ctx context.Context, tx *Tx, actor Actor, a *appeal.Appeal, today time.Time) error {
	return saveAppeal(ctx, tx, actor.principal(), a, today)
}
