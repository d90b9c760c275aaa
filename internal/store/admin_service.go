package store

import (
	"context"
	"strings"

	"gongkai/internal/account"
	"gongkai/internal/agency"
	"gongkai/internal/apperr"
	"gongkai/internal/auditlog"
	"gongkai/internal/catalog"
)

// Agencies is the door of governments and agencies: who they are is public (the portal
// lists them); creating them is for a 系统管理员 (and System), changing one for its
// administrators (account.CanAdminister).
type Agencies struct{ service }

// Agencies is the door of governments and agencies.
func (db *DB) Agencies() *Agencies { return &Agencies{service{db: db}} }

// Agencies is the door of governments and agencies inside this transaction (a batch).
func (tx *Tx) Agencies() *Agencies { return &Agencies{service{tx: tx}} }

// List lists agencies, of one government when governmentID is not 0 (public).
func (s *Agencies) List(ctx context.Context, governmentID int64) ([]agency.Agency, error) {
	return listAgencies(ctx, s.q(), governmentID)
}

// Governments lists every government (public).
func (s *Agencies) Governments(ctx context.Context) ([]agency.Government, error) {
	return listGovernments(ctx, s.q())
}

// Get returns an agency (public).
func (s *Agencies) Get(ctx context.Context, id int64) (agency.Agency, error) {
	return AgencyByID(ctx, s.q(), id)
}

// ByName returns the agency with this exact name (public).
func (s *Agencies) ByName(ctx context.Context, name string) (agency.Agency, error) {
	return AgencyByName(ctx, s.q(), name)
}

// Readable lists the agencies whose records who may read, in order.
func (s *Agencies) Readable(ctx context.Context, who account.Principal) ([]agency.Agency, error) {
	all, err := listAgencies(ctx, s.q(), 0)
	if err != nil {
		return nil, err
	}
	var out []agency.Agency
	for _, a := range all {
		if who.CanRead(a.ID, a.GovernmentID) {
			out = append(out, a)
		}
	}
	return out, nil
}

// Administered returns agency id for who administering it: apperr.NotFound when who may
// not read it, apperr.Forbidden when they read but do not administer it.
func (s *Agencies) Administered(ctx context.Context, who account.Principal, id int64) (agency.Agency, error) {
	a, err := AgencyByID(ctx, s.q(), id)
	if err != nil {
		return a, err
	}
	if err := who.RequireRead(a.ID, a.GovernmentID); err != nil {
		return agency.Agency{}, err
	}
	if !account.CanAdminister(who, a.ID) {
		return agency.Agency{}, apperr.New(apperr.Forbidden, "此操作需要以下角色之一："+account.AgencyAdmin.Label())
	}
	return a, nil
}

// IndexPattern returns the agency's 索引号 template as stored, for who administering it.
func (s *Agencies) IndexPattern(ctx context.Context, who account.Principal, id int64) (string, error) {
	if _, err := s.Administered(ctx, who, id); err != nil {
		return "", err
	}
	return AgencyIndexPatternSource(ctx, s.q(), id)
}

// CreateGovernment adds a government, for a 系统管理员 or System.
func (s *Agencies) CreateGovernment(ctx context.Context, who account.Principal, g *agency.Government) error {
	if err := who.RequireSysAdmin(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *Tx) error { return createGovernment(ctx, tx, who, g) })
}

// Create adds an agency of a.GovernmentID, for a 系统管理员 or System.
func (s *Agencies) Create(ctx context.Context, who account.Principal, a *agency.Agency) error {
	if err := who.RequireSysAdmin(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *Tx) error { return createAgency(ctx, tx, who, a) })
}

// CreateIn adds an agency of the government named government, creating the government
// when it does not exist yet (the command line's agency add), in one transaction.
func (s *Agencies) CreateIn(ctx context.Context, who account.Principal, government string, a *agency.Agency) error {
	if err := who.RequireSysAdmin(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *Tx) error {
		g, err := GovernmentByName(ctx, tx, government)
		if apperr.Is(err, apperr.NotFound) {
			g = agency.Government{Name: government}
			err = createGovernment(ctx, tx, who, &g)
		}
		if err != nil {
			return err
		}
		a.GovernmentID = g.ID
		return createAgency(ctx, tx, who, a)
	})
}

// Update changes an agency's details and, when indexPattern is not empty, its 索引号
// template (checked for year against the possibly changed agency code), in one
// transaction, for who administering it.
func (s *Agencies) Update(ctx context.Context, who account.Principal, a *agency.Agency, indexPattern string, year int) error {
	return s.inTx(ctx, func(tx *Tx) error {
		if _, err := tx.Agencies().Administered(ctx, who, a.ID); err != nil {
			return err
		}
		if err := updateAgency(ctx, tx, who, a); err != nil {
			return err
		}
		if p := strings.TrimSpace(indexPattern); p != "" {
			if !catalog.CanManage(who, a.ID) {
				return apperr.New(apperr.Forbidden, "修改索引号格式需要机关管理员权限")
			}
			if err := setAgencyIndexPattern(ctx, tx, who, a.ID, p, year); err != nil {
				return apperr.Wrap(apperr.CodeOf(err), "索引号格式："+apperr.MessageOf(err), err)
			}
		}
		return nil
	})
}

// Users is the door of the console's accounts: account.CheckCreateUser and
// CheckDisableUser decide who may create and disable whom; every user changes their own
// password.
type Users struct{ service }

// Users is the door of the console's accounts.
func (db *DB) Users() *Users { return &Users{service{db: db}} }

// Users is the door of the console's accounts inside this transaction (a batch).
func (tx *Tx) Users() *Users { return &Users{service{tx: tx}} }

// List lists the users who administers: every user for a 系统管理员, the users of their
// own agency for a 机关管理员, nobody else's. agencyIDs narrows the list.
func (s *Users) List(ctx context.Context, who account.Principal, agencyIDs ...int64) ([]account.User, error) {
	if !who.Has(account.SysAdmin) {
		if !account.CanAdminister(who, who.AgencyID) {
			return nil, apperr.New(apperr.Forbidden, "此操作需要以下角色之一："+account.AgencyAdmin.Label())
		}
		agencyIDs = []int64{who.AgencyID}
	}
	return listUsers(ctx, s.q(), agencyIDs...)
}

// Create adds user u (its password already hashed), for who administering its agency.
func (s *Users) Create(ctx context.Context, who account.Principal, u *account.User) error {
	if err := account.CheckCreateUser(who, *u); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *Tx) error { return createUser(ctx, tx, who, u) })
}

// CreateIn adds user u to the agency named agencyName (the command line's user add).
func (s *Users) CreateIn(ctx context.Context, who account.Principal, agencyName string, u *account.User) error {
	return s.inTx(ctx, func(tx *Tx) error {
		a, err := AgencyByName(ctx, tx, agencyName)
		if err != nil {
			return err
		}
		u.AgencyID = a.ID
		if err := account.CheckCreateUser(who, *u); err != nil {
			return err
		}
		return createUser(ctx, tx, who, u)
	})
}

// SetDisabled enables or disables user id, for who administering them; disabling ends
// their sessions.
func (s *Users) SetDisabled(ctx context.Context, who account.Principal, id int64, disabled bool) error {
	return s.inTx(ctx, func(tx *Tx) error {
		u, err := UserByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := account.CheckDisableUser(who, u); err != nil {
			return err
		}
		return setUserDisabled(ctx, tx, who, id, disabled)
	})
}

// ChangePassword changes who's own password after checking the current one; every session
// of the user ends. The check of the current password is reserved against
// PasswordChangePerUser before it runs (account.ErrWrongPassword when it is wrong); the new
// one must pass account.CheckPasswordChange and the password rule; the hashing happens
// before the transaction opens.
func (s *Users) ChangePassword(ctx context.Context, who account.Principal, current, next, confirm string) error {
	if !who.IsStaff() {
		return apperr.New(apperr.Unauthorized, "请先登录")
	}
	db, err := s.outsideTx()
	if err != nil {
		return err
	}
	u, err := UserByID(ctx, db, who.UserID)
	if err != nil {
		return err
	}
	if err := db.checkOwnPassword(ctx, u, current); err != nil {
		return err
	}
	if err := account.CheckPasswordChange(u.Username, current, next, confirm); err != nil {
		return err
	}
	hash, err := db.Passwords().Hash(ctx, next)
	if err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *Tx) error { return setUserPassword(ctx, tx, who, u.ID, hash) })
}

// AuditLog is the door of the audit log: a 系统管理员 (and System) reads and verifies all
// of it, everyone else the rows of the agencies they read.
type AuditLog struct{ service }

// AuditLog is the door of the audit log.
func (db *DB) AuditLog() *AuditLog { return &AuditLog{service{db: db}} }

// List returns audit rows matching f, newest first, narrowed to the agencies who reads.
func (s *AuditLog) List(ctx context.Context, who account.Principal, f AuditFilter) ([]auditlog.Entry, error) {
	if !who.Has(account.SysAdmin) {
		ids, err := readableAgencies(ctx, s.q(), who, nil)
		if err != nil {
			return nil, err
		}
		f.AgencyIDs = ids
	}
	return s.db.ListAudit(ctx, f)
}

// Verify walks the whole hash chain, for a 系统管理员 or System.
func (s *AuditLog) Verify(ctx context.Context, who account.Principal) (*auditlog.Verifier, error) {
	if err := who.RequireSysAdmin(); err != nil {
		return nil, err
	}
	return s.db.VerifyAudit(ctx)
}
