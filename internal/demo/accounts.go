package demo

import (
	"context"

	"gongkai/internal/account"
	"gongkai/internal/apperr"
	"gongkai/internal/store"
)

// Usernames are the demo accounts Load creates (TestUsernamesAreTheDemoAccounts keeps the
// two in step).
var Usernames = []string{"wj.jingban", "wj.shenhe", "wj.fuze", "wj.admin", "yb.jingban", "yb.shenhe", "yb.fuze", "yb.admin", "gkb", "admin"}

// StillDemo lists the demo accounts that exist, are enabled and still have the public
// demo password: `gongkai serve` prints them at every start until each is changed or
// disabled. Each distinct hash is checked once (Load gives them all the same).
func StillDemo(ctx context.Context, db *store.DB, pw *account.Passwords) ([]Account, error) {
	checked := map[string]bool{}
	var out []Account
	for _, name := range Usernames {
		u, err := store.UserByUsername(ctx, db, name)
		if apperr.Is(err, apperr.NotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if u.Disabled {
			continue
		}
		right, seen := checked[u.PasswordHash]
		if !seen {
			if right, err = pw.Check(ctx, u.PasswordHash, Password); err != nil {
				return nil, err
			}
			checked[u.PasswordHash] = right
		}
		if !right {
			continue
		}
		ag, err := store.AgencyByID(ctx, db, u.AgencyID)
		if err != nil {
			return nil, err
		}
		out = append(out, Account{Username: u.Username, Name: u.DisplayName, Agency: ag.Name, Roles: rolesLabel(u.Roles)})
	}
	return out, nil
}
