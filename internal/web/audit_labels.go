package web

import (
	"strings"

	"gongkai/internal/catalog"
	"gongkai/internal/foirequest"
)

// auditActions name the audited actions that are not a step of an
// application or of the catalog workflow.
var auditActions = map[string]string{
	"agency.create":                 "新增机关",
	"agency.update":                 "修改机关信息",
	"agency.index_pattern":          "修改索引号格式",
	"annual_report.import":          "导入年度报告",
	"annual_report.publish":         "发布年度报告",
	"annual_report.save":            "保存年度报告草稿",
	"appeal.create":                 "登记复议诉讼案件",
	"appeal.update":                 "修改复议诉讼案件",
	"application.create":            "登记申请",
	"application.due_recomputed":    "重新计算答复期限",
	"application.file_add":          "上传答复文件",
	"calendar.override":             "设定工作日历",
	"calendar.override_delete":      "删除工作日历设定",
	"catalog.create":                "新建信息",
	"catalog.update":                "修改信息",
	"catalog.import":                "导入存量目录",
	"catalog.monthly_figures":       "保存月度数据",
	"catalog.taxonomy":              "修改主题分类",
	"catalog.headings":              "修改法定主动公开内容",
	"interaction.receive":           "收到咨询留言或登记来件",
	"interaction.answer":            "答复咨询留言",
	"interaction.moderate":          "审核咨询留言公开",
	"interaction.answer_days":       "设定咨询留言答复期限",
	"government.create":             "新增人民政府",
	"guide.update":                  "保存公开指南",
	"guide.reset":                   "恢复默认公开指南",
	"oversight.notice.send":         "发出督办",
	"oversight.notice.answer":       "答复督办",
	"oversight.remind":              "生成督办提醒",
	"user.create":                   "新增用户",
	"user.update":                   "修改用户",
	"user.password":                 "修改密码",
	"application.letter_drafted":    "起草答复书",
	"application.letter_approved":   "审核答复书",
	"application.message_delivered": "人工送达通知",
	"application.message_failed":    "通知发送失败",
	"application.message_sent":      "通知已发送",
	"application.query_code_reset":  "重设查询码",
	"agency.reply_review":           "设置答复书审核",
}

// auditEntities name the kinds of audited objects.
var auditEntities = map[string]string{
	"agency": "机关", "annual_report": "年度报告", "imported_report": "导入的报告", "appeal": "复议诉讼案件",
	"application": "申请", "calendar": "工作日历", "catalog_item": "信息", "government": "人民政府",
	"guide": "公开指南", "user": "用户", "oversight_notice": "督办事项", "question": "咨询留言",
}

// auditActionLabel is the Chinese name of an audit action, or the action id
// when it has none.
func auditActionLabel(action string) string {
	if l, ok := auditActions[action]; ok {
		return l
	}
	if t, ok := strings.CutPrefix(action, "application."); ok {
		if l := foirequest.EventType(t).Label(); l != t {
			return l
		}
	}
	if a, ok := strings.CutPrefix(action, "catalog."); ok {
		if l := catalog.Action(a).Label(); l != a {
			return l
		}
	}
	return action
}

// auditEntityLabel is the Chinese name of an audited object kind, or the
// kind itself when it has none.
func auditEntityLabel(entity string) string {
	if l, ok := auditEntities[entity]; ok {
		return l
	}
	return entity
}
