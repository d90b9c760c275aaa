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
