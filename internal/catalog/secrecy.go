package catalog

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"gongkai/internal/apperr"
)

// SecrecyCheck is one point of the 保密审查 checklist: a kind of information that may not
// be published (《中华人民共和国政府信息公开条例》第十四条、第十五条、第十六条; 《中华人民共和国保守国家秘密法》).
type SecrecyCheck string

const (
	CheckStateSecret SecrecyCheck = "state_secret" // 国家秘密
	CheckWorkSecret  SecrecyCheck = "work_secret"  // 工作秘密
	CheckCommercial  SecrecyCheck = "commercial"   // 商业秘密
	CheckPrivacy     SecrecyCheck = "privacy"      // 个人隐私
	CheckOther       SecrecyCheck = "other"        // 其他不宜公开的内容
)

// SecrecyChecks is the checklist in its printed order.
var SecrecyChecks = []SecrecyCheck{CheckStateSecret, CheckWorkSecret, CheckCommercial, CheckPrivacy, CheckOther}

// Label is the Chinese name of the point.
func (c SecrecyCheck) Label() string {
	switch c {
	case CheckStateSecret:
		return "国家秘密"
	case CheckWorkSecret:
		return "工作秘密"
	case CheckCommercial:
		return "商业秘密"
	case CheckPrivacy:
		return "个人隐私"
	case CheckOther:
		return "其他不宜公开的内容"
	}
	return string(c)
}

// MaxOpinionLen bounds the written opinion, in characters.
const MaxOpinionLen = 2000

// Secrecy is a 保密审查's record: the points of the checklist the reviewer confirmed the
// item does not contain, and the written opinion.
type Secrecy struct {
	Clear   []SecrecyCheck `json:"clear"`   // confirmed 不涉及
	Opinion string         `json:"opinion"` // 审查意见
}

// Cleared reports whether the reviewer confirmed c.
func (s Secrecy) Cleared(c SecrecyCheck) bool { return slices.Contains(s.Clear, c) }

// check validates the record of a review that passes (pass) or sends the item back: every
// point known and named once; to pass, every point confirmed and an opinion written; to
// send back, at least one point found or an opinion (the reason stands in for a missing
// opinion). It returns the record normalised (points in checklist order).
func (s Secrecy) check(pass bool, reason string) (Secrecy, error) {
	out := Secrecy{Opinion: strings.TrimSpace(s.Opinion)}
	for _, c := range s.Clear {
		if !slices.Contains(SecrecyChecks, c) {
			return s, apperr.Newf(apperr.Invalid, "未知的保密审查事项“%s”", string(c))
		}
	}
	for _, c := range SecrecyChecks {
		if slices.Contains(s.Clear, c) {
			out.Clear = append(out.Clear, c)
		}
	}
	if utf8.RuneCountInString(out.Opinion) > MaxOpinionLen {
		return s, apperr.Newf(apperr.Invalid, "保密审查意见不能超过%d个字", MaxOpinionLen)
	}
	if pass {
		var missing []string
		for _, c := range SecrecyChecks {
			if !out.Cleared(c) {
				missing = append(missing, c.Label())
			}
		}
		if len(missing) > 0 {
			return s, apperr.Newf(apperr.Invalid, "保密审查通过前须逐项确认不涉及：%s；涉及的，请退回修改", strings.Join(missing, "、"))
		}
		if out.Opinion == "" {
			return s, apperr.New(apperr.Invalid, "请填写保密审查意见")
		}
		return out, nil
	}
	if out.Opinion == "" {
		out.Opinion = reason
	}
	return out, nil
}

// SecrecyRecord is one 保密审查 as kept and printed (保密审查单): the item, who reviewed
// it and when, whether it passed, the checklist and the opinion.
type SecrecyRecord struct {
	ItemID   int64
	Reviewer string
	At       time.Time
	Passed   bool
	Secrecy
}
