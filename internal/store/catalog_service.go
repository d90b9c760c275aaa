package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/agency"
	"gongkai/internal/apperr"
	"gongkai/internal/catalog"
	"gongkai/internal/foirequest"
)

// CatalogService is the door of 主动公开: every use case of the catalog is one of its
// methods. Each opens one transaction (or joins the Tx it was obtained from), checks the
// caller's permission through catalog's entry (CanRead, CanWrite, Holds, CanManage,
// CanRecordFigures), applies the domain rule (catalog.NewDraft, ApplyEdit, Step,
// Imported), writes and appends the audit row.
type CatalogService struct{ service }

// Catalog is the door of 主动公开.
func (db *DB) Catalog() *CatalogService { return &CatalogService{service{db: db}} }

// Catalog is the door of 主动公开 inside this transaction (a batch).
func (tx *Tx) Catalog() *CatalogService { return &CatalogService{service{tx: tx}} }

// Item returns item id in any state with its agency, for who reading the agency's
// catalog (apperr.NotFound otherwise).
func (s *CatalogService) Item(ctx context.Context, who account.Principal, id int64) (catalog.Item, agency.Agency, error) {
	it, err := ItemByID(ctx, s.q(), id)
	if err != nil {
		return it, agency.Agency{}, err
	}
	ag, err := AgencyByID(ctx, s.q(), it.AgencyID)
	if err != nil {
		return it, ag, err
	}
	if err := catalog.RequireRead(who, ag.ID, ag.GovernmentID); err != nil {
		return catalog.Item{}, agency.Agency{}, err
	}
	return it, ag, nil
}

// SecrecyReviews returns item id with its 保密审查 records, newest first (the 保密审查单),
// for who reads the item.
func (s *CatalogService) SecrecyReviews(ctx context.Context, who account.Principal, id int64) (catalog.Item, agency.Agency, []catalog.SecrecyRecord, error) {
	it, ag, err := s.Item(ctx, who, id)
	if err != nil {
		return it, ag, nil, err
	}
	recs, err := secrecyReviews(ctx, s.q(), id)
	return it, ag, recs, err
}

// Attachment returns the n-th attachment of item id with its bytes, for who reading it.
func (s *CatalogService) Attachment(ctx context.Context, who account.Principal, id int64, n int) (catalog.Attachment, []byte, error) {
	if _, _, err := s.Item(ctx, who, id); err != nil {
		return catalog.Attachment{}, nil, err
	}
	return CatalogAttachment(ctx, s.q(), id, n)
}

// Create saves a new draft of it.AgencyID by who (its 经办人), with uploads appended to
// its attachments.
func (s *CatalogService) Create(ctx context.Context, who account.Principal, it catalog.Item, uploads []AttachmentUpload, now time.Time) (catalog.Item, error) {
	var out catalog.Item
	err := s.inTx(ctx, func(tx *Tx) error {
		if err := requireAgencyRead(ctx, tx, who, it.AgencyID); err != nil {
			return err
		}
		var err error
		out, err = createCatalogItem(ctx, tx, who, it, uploads, now)
		return err
	})
	return out, err
}

// Update edits draft id by who (a 经办人 of its agency): in carries the content fields, its
// Attachments the files to keep (in order), uploads the new ones appended.
func (s *CatalogService) Update(ctx context.Context, who account.Principal, id int64, in catalog.Item, uploads []AttachmentUpload, now time.Time) (catalog.Item, error) {
	var out catalog.Item
	err := s.inTx(ctx, func(tx *Tx) error {
		if _, _, err := tx.Catalog().Item(ctx, who, id); err != nil {
			return err
		}
		var err error
		out, err = updateCatalogItem(ctx, tx, who, id, in, uploads, now)
		return err
	})
	return out, err
}

// Step takes one workflow step (cmd; cmd.By is who) on item id: catalog.Step decides
// who may (roles in the item's agency; nobody reviews or approves their own draft).
func (s *CatalogService) Step(ctx context.Context, who account.Principal, id int64, cmd catalog.Command, now time.Time) (catalog.Item, error) {
	var out catalog.Item
	err := s.inTx(ctx, func(tx *Tx) error {
		if !who.IsSystem() {
			if _, _, err := tx.Catalog().Item(ctx, who, id); err != nil {
				return err
			}
		}
		var err error
		out, err = stepCatalogItem(ctx, tx, who, id, cmd, now)
		return err
	})
	return out, err
}

// Import takes over rows of an existing catalog (importer.Preview.Rows) as published
// items of the agency, by its 经办人, all or none. It returns the ids in row order.
func (s *CatalogService) Import(ctx context.Context, who account.Principal, agencyID int64, items []catalog.Item, now time.Time) ([]int64, error) {
	var ids []int64
	err := s.inTx(ctx, func(tx *Tx) error {
		if err := requireAgencyRead(ctx, tx, who, agencyID); err != nil {
			return err
		}
		var err error
		ids, err = importCatalogItems(ctx, tx, who, agencyID, items, now)
		return err
	})
	return ids, err
}

// FromApplication is 依申请转主动 (条例第四十四条): a draft of the application's agency
// prefilled from a replied application that disclosed information, linked to it by id,
// without any applicant data; by the agency's 经办人.
func (s *CatalogService) FromApplication(ctx context.Context, who account.Principal, appID int64, now time.Time) (catalog.Item, error) {
	var out catalog.Item
	err := s.inTx(ctx, func(tx *Tx) error {
		app, err := tx.Applications().Get(ctx, who, appID)
		if err != nil {
			return err
		}
		if who.AgencyID != app.AgencyID {
			return apperr.New(apperr.NotFound, "申请不存在")
		}
		if !foirequest.Discloses(app.Outcome) {
			return apperr.New(apperr.Conflict, "只有已答复予以公开或部分公开的申请可以转为主动公开")
		}
		ag, err := AgencyByID(ctx, tx, app.AgencyID)
		if err != nil {
			return err
		}
		tax, err := CatalogTaxonomy(ctx, tx, app.AgencyID)
		if err != nil {
			return err
		}
		it := catalog.DraftFromApplication(app.ID, app.AgencyID, ag.Name, app.Number, app.Description, tax)
		out, err = createCatalogItem(ctx, tx, who, it, nil, now)
		return err
	})
	return out, err
}

// PublishDue publishes, for System (the scheduled-publication job), every scheduled item
// whose time has come, one transaction per item. It returns how many were published; an
// item that fails is skipped and reported in the error.
func (s *CatalogService) PublishDue(ctx context.Context, who account.Principal, now time.Time) (int, error) {
	if err := requireSystem(who); err != nil {
		return 0, err
	}
	ids, err := dueCatalogItems(ctx, s.q(), now)
	if err != nil {
		return 0, err
	}
	n := 0
	var errs []error
	for _, id := range ids {
		err := s.inTx(ctx, func(tx *Tx) error {
			it, err := lockCatalogItem(ctx, tx, id)
			if err != nil {
				return err
			}
			if !catalog.DueForPublication(it, now) {
				return nil
			}
			_, err = stepCatalogItem(ctx, tx, who, id, catalog.Command{Action: catalog.ActPublishScheduled}, now)
			if err == nil {
				n++
			}
			return err
		})
		if err != nil {
			errs = append(errs, fmt.Errorf("item %d: %w", id, err))
		}
	}
	return n, errors.Join(errs...)
}

// Load bulk-inserts generated items as they are (any workflow state, 索引号 as given),
// with the history their state implies, for System loading demo data and benchmarks: no
// audit entries, no validation.
func (s *CatalogService) Load(ctx context.Context, who account.Principal, items []catalog.Item, now time.Time) error {
	if err := requireSystem(who); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *Tx) error { return loadCatalogItems(ctx, tx, items, now) })
}

// SaveTaxonomy replaces the agency's 主题分类, by who managing its catalog.
func (s *CatalogService) SaveTaxonomy(ctx context.Context, who account.Principal, agencyID int64, topics []catalog.Topic) error {
	if !catalog.CanManage(who, agencyID) {
		return apperr.New(apperr.Forbidden, "修改主题分类需要机关管理员权限")
	}
	return s.inTx(ctx, func(tx *Tx) error { return saveCatalogTaxonomy(ctx, tx, who, agencyID, topics) })
}

// SetIndexPattern changes the agency's 索引号 template (checked for year), by who managing
// its catalog; numbers already assigned never change.
func (s *CatalogService) SetIndexPattern(ctx context.Context, who account.Principal, agencyID int64, pattern string, year int) error {
	if !catalog.CanManage(who, agencyID) {
		return apperr.New(apperr.Forbidden, "修改索引号格式需要机关管理员权限")
	}
	return s.inTx(ctx, func(tx *Tx) error {
		return setAgencyIndexPattern(ctx, tx, who, agencyID, strings.TrimSpace(pattern), year)
	})
}

// SaveFigures stores the agency's monthly figures, all or none, by its 经办人 or 负责人.
func (s *CatalogService) SaveFigures(ctx context.Context, who account.Principal, agencyID int64, figs []catalog.MonthlyFigures) error {
	if !catalog.CanRecordFigures(who, agencyID) {
		return apperr.New(apperr.Forbidden, "录入月度数据需要本机关经办人或负责人权限")
	}
	return s.inTx(ctx, func(tx *Tx) error { return saveMonthlyFigures(ctx, tx, who, agencyID, figs) })
}

// requireAgencyRead refuses (apperr.NotFound) an agency who may not read.
func requireAgencyRead(ctx context.Context, q Queryer, who account.Principal, agencyID int64) error {
	ag, err := AgencyByID(ctx, q, agencyID)
	if err != nil {
		return err
	}
	return who.RequireRead(ag.ID, ag.GovernmentID)
}

// List lists the items of f.AgencyID (any state) matching f, for who reading the agency's
// catalog, and the number of all matches.
func (s *CatalogService) List(ctx context.Context, who account.Principal, f CatalogFilter) ([]catalog.Item, int, error) {
	if err := requireAgencyRead(ctx, s.q(), who, f.AgencyID); err != nil {
		return nil, 0, err
	}
	return CatalogItems(ctx, s.q(), f)
}

// AgencyItems lists every item of the agency (any state), for who reading its catalog.
func (s *CatalogService) AgencyItems(ctx context.Context, who account.Principal, agencyID int64) ([]catalog.Item, error) {
	if err := requireAgencyRead(ctx, s.q(), who, agencyID); err != nil {
		return nil, err
	}
	return AgencyCatalogItems(ctx, s.q(), agencyID)
}

// ItemsForYear lists the agency's items of the year (drafts always), for who reading them.
func (s *CatalogService) ItemsForYear(ctx context.Context, who account.Principal, agencyID int64, year int) ([]catalog.Item, error) {
	if err := requireAgencyRead(ctx, s.q(), who, agencyID); err != nil {
		return nil, err
	}
	return CatalogItemsForYear(ctx, s.q(), agencyID, year)
}

// Events lists the workflow history of item id, for who reading it.
func (s *CatalogService) Events(ctx context.Context, who account.Principal, id int64) ([]CatalogEvent, error) {
	if _, _, err := s.Item(ctx, who, id); err != nil {
		return nil, err
	}
	return CatalogEvents(ctx, s.q(), id)
}

// Figures lists the agency's monthly figures of year (0: every year), for who reading its
// records.
func (s *CatalogService) Figures(ctx context.Context, who account.Principal, agencyID int64, year int) ([]catalog.MonthlyFigures, error) {
	if err := requireAgencyRead(ctx, s.q(), who, agencyID); err != nil {
		return nil, err
	}
	return MonthlyFigures(ctx, s.q(), agencyID, year)
}

// Taxonomy is the agency's 主题分类 (public: the portal shows it).
func (s *CatalogService) Taxonomy(ctx context.Context, agencyID int64) (*catalog.Taxonomy, error) {
	return CatalogTaxonomy(ctx, s.q(), agencyID)
}
