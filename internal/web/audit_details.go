package web

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"gongkai/internal/account"
	"gongkai/internal/appeal"
	"gongkai/internal/catalog"
	"gongkai/internal/foirequest"
	"gongkai/internal/interaction"
)

// auditFieldLabels name the fields of the audit rows' before and after states, by their
// key in snake case (Go field names are converted: CaseNo → case_no).
var auditFieldLabels = map[string]string{
	// Applications.
	"state": "办理状态", "due": "答复期限届满日", "status": "期限状态", "event": "办理步骤", "type": "步骤",
	"day": "日期", "at": "记录时间", "user_id": "记录人编号", "reason": "理由或说明", "party": "征求意见对象",
	"days": "工作日数", "amount": "金额（元）", "reply": "答复类型", "approved_by": "批准人", "handover": "其他提供方式",
	"handover_day": "提供或查阅日期", "letter": "答复书正文", "drafted_by": "答复书起草人", "reviewed_by": "答复书审核人",
	"applicant": "申请人", "kind": "类别", "name": "名称", "id_type": "证件类型", "id_number": "证件号码", "phone": "联系电话",
	"email": "电子邮箱", "address": "通信地址", "post_code": "邮政编码", "contact_person": "联系人", "credit_code": "统一社会信用代码",
	"channel": "申请渠道", "delivery": "获取信息的方式", "description": "申请内容", "number": "申请编号", "received": "收到申请之日",
	"event_seq": "所属步骤", "content_type": "文件类型", "size": "大小（字节）", "sha256": "文件摘要", "files": "附件数",
	"disclosed": "予以公开的内容", "withheld": "不予公开的部分", "what": "内容", "basis": "法律依据", "body": "正文", "author": "起草人",
	"reply_review": "答复书须经审核", "id": "编号", "answer_due": "答复期限", "from": "起", "to": "止", "submitted": "提交日期",
	"signed_for": "签收日期", "confirmed": "确认日期", "intake": "收件情况", "tracking": "查询号", "recipient": "收件人",
	// Catalog.
	"index_no": "索引号", "title": "名称", "topic": "主题分类", "doc_no": "文号", "written_on": "成文日期", "validity": "效力状态",
	"attachments": "附件数", "secrecy": "保密审查", "clear": "确认不涉及", "opinion": "保密审查意见",
	// Agencies, users.
	"government_id": "所属人民政府", "short_name": "简称", "office_name": "信息公开工作机构", "office_address": "办公地址",
	"office_postcode": "邮政编码", "office_phone": "联系电话", "office_hours": "办公时间", "office_email": "电子邮箱", "website": "网站",
	"agency_id": "所属机关", "username": "用户名", "display_name": "姓名", "roles": "角色", "disabled": "已停用",
	"index_pattern": "索引号格式",
	// Monthly figures.
	"year": "年度", "month": "月份", "licensing": "行政许可", "penalty": "行政处罚", "enforcement": "行政强制", "fees": "行政事业性收费",
	// Appeals.
	"application_id": "关联的申请", "case_no": "案号", "organ": "复议机关或法院", "filed_on": "受理日期", "decided_on": "审结日期",
	"result": "结果", "co_defendant_organ": "复议机关作共同被告", "note": "备注",
	// Annual reports.
	"agency": "机关", "cells": "报告表格数据", "format": "报告格式（年度）", "narrative": "正文部分", "overview": "总体情况",
	"problems": "存在的主要问题及改进情况", "other": "其他需要报告的事项", "fee_yuan": "信息处理费（元）", "file": "文件",
	"notes": "表注", "table": "表", "text": "文字", "sections": "章节", "findings": "检查发现",
	// Calendar, guide.
	"working": "是否工作日", "label": "名称",
	// The public column, 政民互动, 督办.
	"article": "依据", "topics": "主题分类", "ticket_no": "原件编号", "due_on": "答复期限", "subject": "标题",
	"answer": "答复内容", "created": "生成的提醒数", "region": "行政区划",
	// Notices and fees (waiting periods).
	"method": "送达方式", "receipt": "收到通知之日", "mail_days": "推定邮寄在途天数", "fee_method": "计收方式",
	"piece": "本月第几件申请", "pages": "页数", "waived": "减免金额（元）", "waiver_reason": "减免理由", "arrived": "来信到达之日",
}

// snake converts a Go field name to snake case (GovernmentID → government_id); snake
// case stays as it is.
func snake(s string) string {
	var b strings.Builder
	rs := []rune(s)
	for i, r := range rs {
		if unicode.IsUpper(r) {
			if i > 0 && (unicode.IsLower(rs[i-1]) || i+1 < len(rs) && unicode.IsLower(rs[i+1])) && rs[i-1] != '_' {
				b.WriteByte('_')
			}
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// auditFieldLabel is the Chinese name of a field key; ok is false for a key without one.
func auditFieldLabel(key string) (string, bool) {
	l, ok := auditFieldLabels[snake(key)]
	return l, ok
}

// auditValue renders a value of the field key (in entity) in Chinese: the labels of the
// domain's codes, 是/否, days and times in China time.
func auditValue(entity, key string, v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case bool:
		if x {
			return "是"
		}
		return "否"
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case string:
		return auditString(entity, snake(key), x)
	}
	return fmt.Sprint(v)
}

func auditString(entity, key, s string) string {
	if s == "" {
		return ""
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		switch {
		case t.IsZero() || t.Year() < 1900:
			return ""
		case t.Equal(t.Truncate(24*time.Hour)) && t.Hour() == 0:
			return t.Format("2006-01-02")
		}
		return t.In(chinaTime).Format("2006-01-02 15:04")
	}
	label := func(l string) string {
		if l == "" {
			return s
		}
		return l
	}
	switch key {
	case "state":
		switch entity {
		case "catalog_item":
			return label(catalog.State(s).Label())
		case "question":
			return label(interaction.State(s).Label())
		}
		return label(foirequest.State(s).Label())
	case "status":
		return label(foirequest.Status(s).Label())
	case "type":
		return label(foirequest.EventType(s).Label())
	case "reply":
		return label(foirequest.ReplyType(s).Label())
	case "party":
		return label(foirequest.Party(s).Label())
	case "delivery", "handover":
		return label(foirequest.Delivery(s).Label())
	case "channel":
		if entity == "question" {
			return label(interaction.Channel(s).Label())
		}
		return label(foirequest.Channel(s).Label())
	case "id_type":
		return label(foirequest.IDType(s).Label())
	case "validity":
		return label(catalog.Validity(s).Label())
	case "topic", "topics":
		// The agency's own topics are named on its item's page; the national ones here.
		if tp, ok := catalog.DefaultTaxonomy().Lookup(s); ok {
			return tp.Label
		}
		return "（本机关自定义分类）"
	case "table":
		if l, ok := auditReportTables[s]; ok {
			return l
		}
	case "method":
		return label(foirequest.NoticeMethod(s).Label())
	case "fee_method":
		return label(foirequest.FeeMethod(s).Label())
	case "roles":
		return label(account.Role(s).Label())
	case "clear":
		return label(catalog.SecrecyCheck(s).Label())
	case "result":
		return label(appeal.Result(s).Label())
	case "kind":
		switch entity {
		case "application":
			return label(foirequest.ApplicantKind(s).Label())
		case "catalog_item":
			return label(catalog.DocKind(s).Label())
		case "appeal":
			return label(appeal.Kind(s).Label())
		case "question":
			return label(interaction.Kind(s).Label())
		case "agency":
			if s == "government" {
				return "人民政府办公室"
			}
			return "部门"
		}
	}
	return s
}

// auditReportTables name the annual report's tables by their id.
var auditReportTables = map[string]string{
	"active": "主动公开政府信息情况", "applications": "收到和处理政府信息公开申请情况",
	"appeals": "政府信息公开行政复议、行政诉讼情况",
}

// auditDetail is one changed field of an audit row.
type auditDetail struct {
	Field         string
	Before, After string
}

// auditDetails lists the fields an audit row changed, with Chinese names and values.
// Nested fields are named by their path (申请人·联系电话); lists by item (不予公开的部分第1项·内容);
// an annual report's table cells are counted, not listed. Fields without a Chinese name
// are shown as 其他字段 (TestAuditDetailsLabelEveryField keeps the list complete).
func auditDetails(entity, before, after string) []auditDetail {
	b, a := flattenAudit(entity, before), flattenAudit(entity, after)
	keys := map[string]bool{}
	for k := range b {
		keys[k] = true
	}
	for k := range a {
		keys[k] = true
	}
	var order []string
	for k := range keys {
		if b[k] != a[k] {
			order = append(order, k)
		}
	}
	sort.Strings(order)
	out := make([]auditDetail, 0, len(order))
	for _, k := range order {
		out = append(out, auditDetail{Field: k, Before: b[k], After: a[k]})
	}
	return out
}

// flattenAudit reads an audit state (JSON) into Chinese field paths and values.
func flattenAudit(entity, raw string) map[string]string {
	out := map[string]string{}
	var v any
	if json.Unmarshal([]byte(raw), &v) != nil {
		return out
	}
	cells := 0
	var walk func(path []string, key string, v any)
	walk = func(path []string, key string, v any) {
		switch x := v.(type) {
		case map[string]any:
			if key == "cells" {
				cells += countLeaves(x)
				return
			}
			for k, vv := range x {
				l, ok := auditFieldLabel(k)
				if !ok {
					l = "其他字段"
				}
				walk(append(path, l), k, vv)
			}
		case []any:
			if len(x) > 0 {
				if _, scalar := x[0].(map[string]any); !scalar {
					var parts []string
					for _, vv := range x {
						parts = append(parts, auditValue(entity, key, vv))
					}
					sep := "、"
					if key == "letter" {
						sep = "\n"
					}
					out[strings.Join(path, "·")] = strings.Join(parts, sep)
					return
				}
			}
			for i, vv := range x {
				p := append([]string(nil), path...)
				if len(p) == 0 {
					p = append(p, fmt.Sprintf("第%d项", i+1))
				} else {
					p[len(p)-1] += fmt.Sprintf("第%d项", i+1)
				}
				walk(p, key, vv)
			}
		default:
			if len(path) == 0 {
				return
			}
			out[strings.Join(path, "·")] = auditValue(entity, key, x)
		}
	}
	walk(nil, "", v)
	if cells > 0 {
		out["报告表格数据"] = fmt.Sprintf("%d项", cells)
	}
	return out
}

func countLeaves(m map[string]any) int {
	n := 0
	for _, v := range m {
		if mm, ok := v.(map[string]any); ok {
			n += countLeaves(mm)
		} else {
			n++
		}
	}
	return n
}
