package store

import (
	"context"
	"fmt"

	"gongkai/internal/account"
	"gongkai/internal/auditlog"
)

// service is what every door (a domain's service: Applications, CatalogService, ...)
// holds: the database, whose use cases each open one transaction, or the caller's
// transaction when the service was obtained from a Tx — a batch, such as the demo loader
// recording thousands of steps at once, where every use case still checks permission,
// applies the rule, writes and audits, only inside the caller's transaction.
type service struct {
	db *DB
	tx *Tx
}

// inTx runs fn in the use case's transaction.
func (s service) inTx(ctx context.Context, fn func(tx *Tx) error) error {
	if s.tx != nil {
		return fn(s.tx)
	}
	return s.db.InTx(ctx, fn)
}

// q is what reads run on: the caller's transaction or the database.
func (s service) q() Queryer {
	if s.tx != nil {
		return s.tx
	}
	return s.db
}

// change builds the audit change made by p.
func change(p account.Principal, action, entity string, entityID any, agencyID int64, before, after any, reason string) auditlog.Change {
	name := p.Name
	if name == "" && p.UserID == 0 {
		name = "系统"
	}
	return auditlog.Change{
		ActorID: p.UserID, ActorName: name, AgencyID: agencyID,
		Action: action, Entity: entity, EntityID: fmt.Sprint(entityID),
		Before: before, After: after, Reason: reason,
	}
}
