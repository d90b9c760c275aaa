// Package account is about the people who use the staff console: users, their roles in
// their agency, and what each role may do. Authorisation decisions are made here, once.
package account

import (
	"slices"
	"strings"

	"gongkai/internal/apperr"
)

// Role is what a user does in an agency.
type Role string

const (
	Clerk       Role = "clerk"        // 经办人: drafts items, handles applications
	Reviewer    Role = "reviewer"     // 审核人: 保密审查
	Head        Role = "head"         // 负责人: approves publication and extensions
	AgencyAdmin Role = "agency_admin" // 机关管理员: the agency's users and settings
	OpenOffice  Role = "open_office"  // 政务公开办: reads every agency of its government
	SysAdmin    Role = "sysadmin"     // 系统管理员: everything
)

// Roles lists every role in display order.
var Roles = []Role{Clerk, Reviewer, Head, AgencyAdmin, OpenOffice, SysAdmin}

// Label is the role's Chinese name.
func (r Role) Label() string {
	switch r {
	case Clerk:
		return "经办人"
	case Reviewer:
		return "审核人"
	case Head:
		return "负责人"
	case AgencyAdmin:
		return "机关管理员"
	case OpenOffice:
		return "政务公开办"
	case SysAdmin:
		return "系统管理员"
	}
	return string(r)
}

// ParseRoles reads a comma-separated list of role codes or Chinese names.
func ParseRoles(s string) ([]Role, error) {
	var out []Role
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '，' || r == ' ' }) {
		found := false
		for _, r := range Roles {
			if part == string(r) || part == r.Label() {
				if !slices.Contains(out, r) {
					out = append(out, r)
				}
				found = true
			}
		}
		if !found {
			return nil, apperr.Newf(apperr.Invalid, "未知角色“%s”，可选：经办人、审核人、负责人、机关管理员、政务公开办、系统管理员", part)
		}
	}
	if len(out) == 0 {
		return nil, apperr.New(apperr.Invalid, "至少需要一个角色")
	}
	return out, nil
}

// JoinRoles renders roles for storage.
func JoinRoles(rs []Role) string {
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = string(r)
	}
	return strings.Join(parts, ",")
}

// SplitRoles reads stored roles.
func SplitRoles(s string) []Role {
	var out []Role
	for _, p := range strings.Split(s, ",") {
		if p != "" {
			out = append(out, Role(p))
		}
	}
	return out
}

// User is a staff account.
type User struct {
	ID           int64
	AgencyID     int64
	Username     string
	DisplayName  string
	PasswordHash string
	Roles        []Role
	Email        string
	Disabled     bool
}

// Principal is the signed-in user as the authorisation rules see them.
type Principal struct {
	UserID       int64
	Name         string
	AgencyID     int64
	GovernmentID int64
	Roles        []Role
}

// Has reports whether p holds role r (a system administrator holds every role).
func (p Principal) Has(r Role) bool {
	return slices.Contains(p.Roles, r) || slices.Contains(p.Roles, SysAdmin)
}

// HasAny reports whether p holds one of rs.
func (p Principal) HasAny(rs ...Role) bool {
	for _, r := range rs {
		if p.Has(r) {
			return true
		}
	}
	return false
}

// CanRead reports whether p may read the non-public records of an agency.
// Staff read their own agency; 政务公开办 reads every agency of its government.
func (p Principal) CanRead(agencyID, governmentID int64) bool {
	switch {
	case slices.Contains(p.Roles, SysAdmin):
		return true
	case agencyID == p.AgencyID:
		return true
	case slices.Contains(p.Roles, OpenOffice) && governmentID == p.GovernmentID:
		return true
	}
	return false
}

// CanWrite reports whether p may change an agency's records (only its own agency's staff).
func (p Principal) CanWrite(agencyID int64) bool {
	return slices.Contains(p.Roles, SysAdmin) || agencyID == p.AgencyID
}

// RequireRead returns apperr.NotFound when p may not read the agency: a record of
// another agency is, to this user, a record that does not exist.
func (p Principal) RequireRead(agencyID, governmentID int64) error {
	if !p.CanRead(agencyID, governmentID) {
		return apperr.New(apperr.NotFound, "记录不存在或无权查看")
	}
	return nil
}

// RequireWrite returns apperr.Forbidden (or NotFound if unreadable) when p may not change
// an agency's records, and when p lacks every one of roles (if any are given).
func (p Principal) RequireWrite(agencyID, governmentID int64, roles ...Role) error {
	if err := p.RequireRead(agencyID, governmentID); err != nil {
		return err
	}
	if !p.CanWrite(agencyID) {
		return apperr.New(apperr.Forbidden, "只能修改本机关的记录")
	}
	if len(roles) > 0 && !p.HasAny(roles...) {
		labels := make([]string, len(roles))
		for i, r := range roles {
			labels[i] = r.Label()
		}
		return apperr.Newf(apperr.Forbidden, "此操作需要以下角色之一：%s", strings.Join(labels, "、"))
	}
	return nil
}
