package store

import (
	"context"
	"fmt"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/appeal"
	"gongkai/internal/auditlog"
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

// Actor is the audit "who" the files owned by door-report still pass (not an authorisation
// type: every door takes an account.Principal).
//
// Deprecated: pass an account.Principal to a door.
type Actor struct {
	UserID   int64
	Name     string
	AgencyID int64
}

// System is the actor for background jobs and the command line.
var System = Actor{Name: "系统"}

// Public is the actor for anonymous portal users.
var Public = Actor{Name: "公众"}

func (a Actor) change(action, entity string, entityID any, agencyID int64, before, after any, reason string) auditlog.Change {
	return auditlog.Change{
		ActorID: a.UserID, ActorName: a.Name, AgencyID: agencyID,
		Action: action, Entity: entity, EntityID: fmt.Sprint(entityID),
		Before: before, After: after, Reason: reason,
	}
}

// Change builds an audit change made by this actor (for store files of other domains).
func (a Actor) Change(action, entity string, entityID any, agencyID int64, before, after any, reason string) auditlog.Change {
	return a.change(action, entity, entityID, agencyID, before, after, reason)
}
