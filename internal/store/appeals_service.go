package store

import (
	"context"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/appeal"
	"gongkai/internal/apperr"
)

// AppealService is the door of the 行政复议 and 行政诉讼 records: appeal.CanRead and CanWrite
// decide, appeal.Appeal.Validate checks.
type AppealService struct{ service }

// Appeals is the door of the 行政复议 and 行政诉讼 records.
func (db *DB) Appeals() *AppealService { return &AppealService{service{db: db}} }

// Appeals is the door of the 行政复议 and 行政诉讼 records inside this transaction.
func (tx *Tx) Appeals() *AppealService { return &AppealService{service{tx: tx}} }

func requireAppealRead(ctx context.Context, q Queryer, who account.Principal, agencyID int64) error {
	ag, err := AgencyByID(ctx, q, agencyID)
	if err != nil {
		return err
	}
	if !appeal.CanRead(who, ag.ID, ag.GovernmentID) {
		return apperr.New(apperr.NotFound, "案件不存在")
	}
	return nil
}

// Get returns appeal id, for who reading its agency's appeals.
func (s *AppealService) Get(ctx context.Context, who account.Principal, id int64) (appeal.Appeal, error) {
	a, err := appealByID(ctx, s.q(), id)
	if err != nil {
		return a, err
	}
	if err := requireAppealRead(ctx, s.q(), who, a.AgencyID); err != nil {
		return appeal.Appeal{}, err
	}
	return a, nil
}

// List lists an agency's appeals of year (0: every year), newest first, for who reading them.
func (s *AppealService) List(ctx context.Context, who account.Principal, agencyID int64, year int) ([]appeal.Appeal, error) {
	if err := requireAppealRead(ctx, s.q(), who, agencyID); err != nil {
		return nil, err
	}
	return Appeals(ctx, s.q(), agencyID, year)
}

// Save creates (a.ID 0, of a.AgencyID) or updates appeal a, for who recording the agency's
// appeals; an update keeps the appeal's agency. today bounds the dates.
func (s *AppealService) Save(ctx context.Context, who account.Principal, a *appeal.Appeal, today time.Time) error {
	return s.inTx(ctx, func(tx *Tx) error {
		if a.ID != 0 {
			cur, err := tx.Appeals().Get(ctx, who, a.ID)
			if err != nil {
				return err
			}
			a.AgencyID = cur.AgencyID
		} else if err := requireAppealRead(ctx, tx, who, a.AgencyID); err != nil {
			return err
		}
		if !appeal.CanWrite(who, a.AgencyID) {
			return apperr.New(apperr.Forbidden, "只能修改本机关的记录")
		}
		return saveAppeal(ctx, tx, who, a, today)
	})
}
