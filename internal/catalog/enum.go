package catalog

import (
	"strings"

	"gongkai/internal/apperr"
)

// enumEntry pairs a stable English code (stored in the database, used in URLs and
// exports) with its Simplified Chinese label (shown to users).
type enumEntry[T ~string] struct {
	code  T
	label string
}

// enumTable is the ordered list of values of one enum.
type enumTable[T ~string] []enumEntry[T]

func (t enumTable[T]) label(v T) string {
	for _, e := range t {
		if e.code == v {
			return e.label
		}
	}
	return string(v)
}

func (t enumTable[T]) valid(v T) bool {
	for _, e := range t {
		if e.code == v {
			return true
		}
	}
	return false
}

func (t enumTable[T]) values() []T {
	out := make([]T, len(t))
	for i, e := range t {
		out[i] = e.code
	}
	return out
}

// parse accepts either the code or the Chinese label (surrounding blanks and inner
// full-width or ASCII spaces ignored).
func (t enumTable[T]) parse(s, what string) (T, error) {
	s = strings.Join(strings.Fields(strings.ReplaceAll(s, "\u3000", " ")), "")
	for _, e := range t {
		if string(e.code) == s || e.label == s {
			return e.code, nil
		}
	}
	var zero T
	labels := make([]string, len(t))
	for i, e := range t {
		labels[i] = e.label
	}
	return zero, apperr.Newf(apperr.Invalid, "无法识别的%s“%s”，应为：%s", what, s, strings.Join(labels, "、"))
}

// Validity is 效力状态.
type Validity string

const (
	Valid    Validity = "valid"    // 有效
	Expired  Validity = "expired"  // 失效
	Repealed Validity = "repealed" // 废止
)

var validities = enumTable[Validity]{
	{Valid, "有效"}, {Expired, "失效"}, {Repealed, "废止"},
}

// Label returns the Chinese label.
func (v Validity) Label() string { return validities.label(v) }

// IsValid reports whether v is a known value.
func (v Validity) IsValid() bool { return validities.valid(v) }

// Validities lists every 效力状态 in display order.
func Validities() []Validity { return validities.values() }

// ParseValidity accepts a code ("repealed") or a label ("废止").
func ParseValidity(s string) (Validity, error) { return validities.parse(s, "效力状态") }

// DocKind tells whether an item is a 规章 or 行政规范性文件 (counted in table 二, 第二十条第（一）项)
// or any other information.
type DocKind string

const (
	General    DocKind = "general"    // 普通信息
	Regulation DocKind = "regulation" // 规章
	Normative  DocKind = "normative"  // 行政规范性文件
	// Institution is a rule of the agency's own disclosure work (信息公开制度: 保密审查、
	// 发布协调、依申请公开办理…), listed in the column's 信息公开制度.
	Institution DocKind = "institution" // 制度
	// Interpretation is a 政策解读 of one or more documents (Item.Interprets).
	Interpretation DocKind = "interpretation" // 政策解读
	// Notice is a 公示 with its 公示期 (Item.Period).
	Notice DocKind = "notice" // 公示
)

var docKinds = enumTable[DocKind]{
	{General, "普通信息"}, {Regulation, "规章"}, {Normative, "行政规范性文件"},
	{Institution, "制度"}, {Interpretation, "政策解读"}, {Notice, "公示"},
}

// Label returns the Chinese label.
func (k DocKind) Label() string { return docKinds.label(k) }

// IsValid reports whether k is a known value.
func (k DocKind) IsValid() bool { return docKinds.valid(k) }

// DocKinds lists every document kind in display order.
func DocKinds() []DocKind { return docKinds.values() }

// ParseDocKind accepts a code or a label; "规范性文件" (the 2019 wording) is accepted too.
func ParseDocKind(s string) (DocKind, error) {
	if strings.TrimSpace(s) == "规范性文件" {
		return Normative, nil
	}
	return docKinds.parse(s, "文件类别")
}

// State is the workflow state of an item.
type State string

const (
	Draft         State = "draft"          // 草稿
	SecrecyReview State = "secrecy_review" // 保密审查
	Approval      State = "approval"       // 审批
	Scheduled     State = "scheduled"      // 待发布（已批准，定时发布）
	Published     State = "published"      // 已发布
	Withdrawn     State = "withdrawn"      // 已撤回
)

var states = enumTable[State]{
	{Draft, "草稿"}, {SecrecyReview, "保密审查"}, {Approval, "审批"},
	{Scheduled, "待发布"}, {Published, "已发布"}, {Withdrawn, "已撤回"},
}

// Label returns the Chinese label.
func (s State) Label() string { return states.label(s) }

// IsValid reports whether s is a known value.
func (s State) IsValid() bool { return states.valid(s) }

// States lists every workflow state in order.
func States() []State { return states.values() }

// ParseState accepts a code or a label.
func ParseState(s string) (State, error) { return states.parse(s, "状态") }

// Role is a part a user plays in the disclosure workflow. A user may hold several. The
// codes are those of account.Role, so the store converts with catalog.Role(r).
type Role string

const (
	RoleClerk    Role = "clerk"    // 经办人: drafts items
	RoleReviewer Role = "reviewer" // 审核人: 保密审查
	RoleHead     Role = "head"     // 负责人: approval, withdrawal, 效力状态 changes
	RoleSystem   Role = "system"   // the scheduled-publication job
)

var roles = enumTable[Role]{
	{RoleClerk, "经办人"}, {RoleReviewer, "审核人"}, {RoleHead, "负责人"}, {RoleSystem, "系统"},
}

// Label returns the Chinese label.
func (r Role) Label() string { return roles.label(r) }

// IsValid reports whether r is a known value.
func (r Role) IsValid() bool { return roles.valid(r) }

// ParseRole accepts a code or a label.
func ParseRole(s string) (Role, error) { return roles.parse(s, "角色") }
