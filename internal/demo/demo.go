// Package demo loads demonstration data into an empty database, so that a newcomer's first
// `gongkai serve` shows a working 区 government: agencies like those of the seeds, users for
// every role, and (from each domain area) catalog items, applications and reports.
package demo

import (
	"context"
	"fmt"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/agency"
	"gongkai/internal/store"
)

// Password is the password of every demo account.
const Password = "gongkai-demo"

// Account is a demo user as printed at start-up.
type Account struct {
	Username string
	Name     string
	Agency   string
	Roles    string
}

// Env is what the foundation created, for the domain loaders.
type Env struct {
	Now time.Time
	// Light asks loaders for a small data set (tests); a real demo loads the full one.
	Light      bool
	Government agency.Government
	Agencies   []agency.Agency                         // 卫生健康局, 医疗保障局, 政务公开办
	Users      map[string]account.User                 // by username
	ByRole     map[int64]map[account.Role]account.User // agency id → role → user
}

// Loader adds one domain area's demo data.
type Loader func(ctx context.Context, db *store.DB, env *Env) error

// loaders lists the domain areas' demo loaders, run in order after the foundation.
func loaders() []Loader {
	return []Loader{Applications, Catalog, Appeals, Reports, Column, Oversight}
}

// LoadIfEmpty loads the demo data when the database has no agency yet.
func LoadIfEmpty(ctx context.Context, db *store.DB, now time.Time) ([]Account, bool, error) {
	return loadIfEmpty(ctx, db, now, false)
}

func loadIfEmpty(ctx context.Context, db *store.DB, now time.Time, light bool) ([]Account, bool, error) {
	var n int
	if err := db.QueryRow(ctx, `SELECT COUNT(*) FROM agencies`).Scan(&n); err != nil {
		return nil, false, err
	}
	if n > 0 {
		return nil, false, nil
	}
	accounts, err := load(ctx, db, now, light)
	return accounts, err == nil, err
}

type agencySpec struct {
	a     agency.Agency
	users []userSpec
}

type userSpec struct {
	username, name string
	roles          []account.Role
}

// Load creates the demo government, agencies, users and every area's demo data.
func Load(ctx context.Context, db *store.DB, now time.Time) ([]Account, error) {
	return load(ctx, db, now, false)
}

// LoadLight is Load with small data sets, for tests.
func LoadLight(ctx context.Context, db *store.DB, now time.Time) ([]Account, error) {
	return load(ctx, db, now, true)
}

func load(ctx context.Context, db *store.DB, now time.Time, light bool) ([]Account, error) {
	// The demo password is public, so the password rule refuses it for real accounts:
	// hashed here without the rule.
	hash, err := account.DefaultPasswords().Hash(ctx, Password)
	if err != nil {
		return nil, err
	}
	env := &Env{Now: now, Light: light, Users: map[string]account.User{}, ByRole: map[int64]map[account.Role]account.User{}}
	specs := []agencySpec{
		{agency.Agency{Name: "清河区卫生健康局", ShortName: "区卫健局", CreditCode: "11610802016083285C", OfficeName: "清河区卫生健康局办公室",
			OfficeAddress: "清河区人民路88号卫生健康局三楼302室", OfficePostcode: "719000", OfficePhone: "0912-3251234", OfficeHours: "工作日 上午8:30-12:00，下午14:30-18:00", OfficeEmail: "qhwjj_gk@example.gov.cn"},
			[]userSpec{{"wj.jingban", "王敏", []account.Role{account.Clerk}}, {"wj.shenhe", "李强", []account.Role{account.Reviewer}},
				{"wj.fuze", "赵刚", []account.Role{account.Head}}, {"wj.admin", "陈静", []account.Role{account.AgencyAdmin}}}},
		{agency.Agency{Name: "清河区医疗保障局", ShortName: "区医保局", CreditCode: "11510903MB1A130200", OfficeName: "清河区医疗保障局办公室",
			OfficeAddress: "清河区燕山街47号7楼703室", OfficePostcode: "629000", OfficePhone: "0825-5182506", OfficeHours: "工作日 9:00-12:00，14:00-17:30", OfficeEmail: "qhyb_gk@example.gov.cn"},
			[]userSpec{{"yb.jingban", "刘洋", []account.Role{account.Clerk}}, {"yb.shenhe", "周婷", []account.Role{account.Reviewer}},
				{"yb.fuze", "孙伟", []account.Role{account.Head}}, {"yb.admin", "吴芳", []account.Role{account.AgencyAdmin}}}},
		{agency.Agency{Name: "清河区人民政府办公室", ShortName: "区政务公开办", Kind: "government", OfficeName: "清河区政务公开办公室",
			OfficeAddress: "清河区政府大院1号楼205室", OfficePostcode: "719000", OfficePhone: "0912-3250000", OfficeHours: "工作日 8:30-12:00，14:30-18:00", OfficeEmail: "qhzwgk@example.gov.cn"},
			[]userSpec{{"gkb", "郑华", []account.Role{account.OpenOffice, account.Clerk}}, {"admin", "系统管理员", []account.Role{account.SysAdmin}}}},
	}
	var accounts []Account
	err = db.InTx(ctx, func(tx *store.Tx) error {
		env.Government = agency.Government{Name: "清河区人民政府", Region: "示范市"}
		if err := tx.Agencies().CreateGovernment(ctx, account.System(), &env.Government); err != nil {
			return err
		}
		for _, spec := range specs {
			a := spec.a
			a.GovernmentID = env.Government.ID
			if err := tx.Agencies().Create(ctx, account.System(), &a); err != nil {
				return fmt.Errorf("agency %s: %w", a.Name, err)
			}
			env.Agencies = append(env.Agencies, a)
			env.ByRole[a.ID] = map[account.Role]account.User{}
			for _, us := range spec.users {
				u := account.User{AgencyID: a.ID, Username: us.username, DisplayName: us.name, PasswordHash: hash, Roles: us.roles}
				if err := tx.Users().Create(ctx, account.System(), &u); err != nil {
					return fmt.Errorf("user %s: %w", us.username, err)
				}
				env.Users[u.Username] = u
				for _, r := range u.Roles {
					env.ByRole[a.ID][r] = u
				}
				accounts = append(accounts, Account{Username: u.Username, Name: u.DisplayName, Agency: a.Name, Roles: rolesLabel(u.Roles)})
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, load := range loaders() {
		if err := load(ctx, db, env); err != nil {
			return nil, err
		}
	}
	return accounts, nil
}

func rolesLabel(rs []account.Role) string {
	s := ""
	for i, r := range rs {
		if i > 0 {
			s += "、"
		}
		s += r.Label()
	}
	return s
}

// Principal is demo user u of agency ag, signed in: what the store's doors take.
func Principal(u account.User, ag agency.Agency) account.Principal {
	return u.Principal(ag.GovernmentID)
}
