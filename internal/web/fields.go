package web

import (
	"regexp"

	tc "gongkai/internal/textcheck"
)

// The boundary rules of every form field and query parameter, by name: its Chinese label
// (as the forms show it), one line or several, its length limit, or the bounds of a whole
// number. Handlers and their own domain rules check meaning; these rules keep bytes that
// no field may hold — NUL, invalid UTF-8, control characters, megabytes — out of every
// handler, on every route (checkInput). TestEveryFieldHasARule proves each name a handler
// reads or a template submits is here.

// maxID bounds record numbers in parameters (2^53 - 1, exact in every JSON reader).
const maxID = 1<<53 - 1

// maxPage bounds page numbers (at 20 rows a page, two million rows).
const maxPage = 100000

var (
	dateRule = tc.LineOf("日期", 40)
	idRule   = tc.IntOf("编号", 0, maxID)
	yearRule = tc.IntOf("年度", 1, 9999)
	flagRule = tc.LineOf("选项", 50)
)

// fieldRules are the rules of field names, whatever the route.
var fieldRules = map[string]tc.Rule{
	csrfField: tc.LineOf("表单令牌", 100),

	// Lists and search.
	"q":             tc.LineOf("检索词", 200),
	"page":          tc.IntOf("页码", 1, maxPage),
	"year":          yearRule,
	"agency":        tc.IntOf("机关", 0, maxID),
	"government":    tc.IntOf("人民政府", 0, maxID),
	"before":        tc.IntOf("起始记录", 0, maxID),
	"since":         tc.IntOf("起始记录", 0, maxID),
	"entity":        tc.LineOf("对象类型", 50),
	"entity_id":     tc.LineOf("对象编号", 100),
	"msg":           tc.LineOf("提示信息", 500),
	"next":          tc.LineOf("登录后前往的页面", 2000),
	"n":             tc.LineOf("查询号", 40),
	"state":         tc.LineOf("状态", 50),
	"status":        tc.LineOf("状态", 50),
	"late":          flagRule,
	"uninterpreted": flagRule,
	"due_before":    dateRule,
	"topic":         tc.LineOf("主题分类", 100),
	"validity":      tc.LineOf("效力状态", 50),
	"kind":          tc.LineOf("类别", 50),
	"sort":          tc.LineOf("排序方式", 50),
	"to":            tc.LineOf("受文单位", 200),

	// Sign-in and users.
	"username":     tc.LineOf("用户名", 64),
	"password":     tc.LineOf("密码", 1024),
	"current":      tc.LineOf("当前密码", 1024),
	"new":          tc.LineOf("新密码", 1024),
	"confirm":      tc.LineOf("再次输入新密码", 1024),
	"display_name": tc.LineOf("姓名", 100),
	"email":        tc.LineOf("电子邮箱", 254),
	"roles":        tc.LineOf("角色", 50),
	"disabled":     flagRule,
	"agency_id":    tc.IntOf("所属机关", 0, maxID),

	// Agencies.
	"name":            tc.LineOf("名称", 200),
	"short_name":      tc.LineOf("简称", 50),
	"credit_code":     tc.LineOf("统一社会信用代码", 50),
	"government_id":   tc.IntOf("所属人民政府", 0, maxID),
	"office_name":     tc.LineOf("信息公开工作机构名称", 200),
	"office_address":  tc.LineOf("办公地址", 200),
	"office_postcode": tc.LineOf("邮政编码", 20),
	"office_phone":    tc.LineOf("联系电话", 50),
	"office_hours":    tc.LineOf("办公时间", 200),
	"office_email":    tc.LineOf("电子邮箱", 254),
	"website":         tc.LineOf("网站", 500),

	// Applications (portal and console).
	"id_type":        tc.LineOf("证件类型", 50),
	"id_number":      tc.LineOf("证件号码", 50),
	"phone":          tc.LineOf("联系电话", 50),
	"address":        tc.LineOf("通信地址", 200),
	"post_code":      tc.LineOf("邮政编码", 20),
	"contact_person": tc.LineOf("联系人", 50),
	"description":    tc.TextOf("所需信息的内容描述", 10000),
	"doc_number":     tc.LineOf("文号", 100),
	"form":           flagRule,
	"way":            flagRule,
	"consent":        flagRule,
	"delivery":       flagRule,
	"channel":        flagRule,
	"submitted":      dateRule,
	"signed_for":     dateRule,
	"confirmed":      dateRule,
	"tracking":       tc.LineOf("查询号", 40),
	"code":           tc.LineOf("代码", 100),
	"type":           flagRule,
	"action":         flagRule,
	"reply":          flagRule,
	"party":          flagRule,
	"method":         flagRule,
	"fee_method":     flagRule,
	"pages":          tc.IntOf("页数", 0, 1000000),
	"waived":         tc.IntOf("减免金额", 0, 100000000),
	"waiver_reason":  tc.TextOf("减免理由", 500),
	"receipt":        dateRule,
	"arrived":        dateRule,
	"reason":         tc.TextOf("理由或说明", 5000),
	"days":           tc.IntOf("工作日数", 0, 1000),
	"amount":         tc.LineOf("收费金额", 30),
	"day":            dateRule,
	"handover":       flagRule,
	"disclosed":      tc.TextOf("予以公开的内容", 5000),
	"what":           tc.TextOf("不予公开的内容", 1000),
	"why":            tc.TextOf("不予公开的理由", 2000),
	"basis":          tc.LineOf("法律依据", 500),
	"regenerate":     flagRule,
	"reply_review":   flagRule,
	"handover_day":   dateRule,
	"working":        flagRule,
	"text":           tc.TextOf("补正内容或说明", 5000),
	"contact":        tc.LineOf("申请时留的电子邮箱或手机号码", 254),
	"exp":            tc.LineOf("链接有效期", 30),
	"sig":            tc.LineOf("链接签名", 200),

	// Catalog.
	"title":               tc.LineOf("名称", 500),
	"body":                tc.TextOf("正文", 500000),
	"summary":             tc.TextOf("内容概述", 10000),
	"keywords":            tc.LineOf("主题词", 500),
	"publisher":           tc.LineOf("发布机构", 200),
	"doc_no":              tc.LineOf("文号", 100),
	"written_on":          dateRule,
	"publish_at":          tc.LineOf("定时发布时间", 40),
	"validity_changed_on": dateRule,
	"changed_on":          dateRule,
	"effective_on":        dateRule,
	"applications":        tc.LineOf("来源申请编号", 500),
	"keep":                tc.LineOf("保留的附件", 100),
	"index_pattern":       tc.LineOf("索引号规则", 200),
	"num":                 tc.LineOf("编号", 20),
	"label":               tc.LineOf("分类名称", 100),
	"article":             tc.LineOf("对应条款", 100),
	"aliases":             tc.LineOf("别名", 500),
	"digest":              tc.LineOf("文件摘要", 100),
	"topics":              tc.LineOf("主题分类代码", 500),
	"subject":             tc.LineOf("标题", 200),
	"question":            tc.TextOf("咨询或留言内容", 5000),
	"asker_name":          tc.LineOf("姓名", 100),
	"asker_contact":       tc.LineOf("联系方式", 200),
	"ticket_no":           tc.LineOf("原件编号", 100),
	"received_on":         dateRule,
	"answer":              tc.TextOf("答复内容", 10000),
	"publish":             flagRule,
	"public_subject":      tc.LineOf("公开标题", 200),
	"public_body":         tc.TextOf("公开内容", 5000),
	"answer_days":         tc.IntOf("答复期限", 1, 60),
	"interprets":          tc.LineOf("所解读文件的索引号或信息编号", 1000),
	"notice_start":        dateRule,
	"notice_end":          dateRule,
	"object_to":           tc.LineOf("意见反馈方式", 300),
	"result_of":           tc.LineOf("对应公示的索引号或信息编号", 100),
	"clear":               flagRule,
	"opinion":             tc.TextOf("保密审查意见", 2000),

	// Appeals, annual reports, guide.
	"application":        idRule,
	"application_id":     tc.IntOf("关联的申请", 0, maxID),
	"case_no":            tc.LineOf("案号", 100),
	"organ":              tc.LineOf("复议机关或法院", 100),
	"filed_on":           dateRule,
	"decided_on":         dateRule,
	"result":             flagRule,
	"co_defendant_organ": flagRule,
	"note":               tc.TextOf("备注", 5000),
	"overview":           tc.TextOf("总体情况", 50000),
	"problems":           tc.TextOf("存在的主要问题及改进情况", 50000),
	"other":              tc.TextOf("其他需要报告的事项", 50000),
	"fee_yuan":           tc.LineOf("信息处理费", 30),
	"confirm_open":       flagRule,

	// Oversight: the overview's order, 督办.
	"desc":  flagRule,
	"due":   dateRule,
	"draft": flagRule,
}

// routeFieldRules are the rules of names that mean something else on one route.
var routeFieldRules = map[string]map[string]tc.Rule{
	"POST /track": {"code": tc.LineOf("查询码", 100)},
	// data is the previewed import file sent back, base64-encoded (20 MB at most).
	"POST /console/catalog/import/confirm":  {"data": tc.LineOf("导入数据", 28<<20)},
	"POST /console/catalog/settings/topics": {"code": tc.LineOf("分类代码", 50)},
	"POST /console/agencies":                {"name": tc.LineOf("机关名称", 200)},
	"POST /console/agencies/{id}":           {"name": tc.LineOf("机关名称", 200)},
	"POST /console/notices":                 {"body": tc.TextOf("督办内容和要求", 10000), "subject": tc.LineOf("督办事项", 200)},
	"GET /console/oversight/others":         {"name": tc.LineOf("机关名称", 200)},
}

// patternRules are the rules of generated names: the monthly figures (m3_penalty) and the
// delete boxes of the calendar (delete_4).
var patternRules = []struct {
	re   *regexp.Regexp
	rule func(m []string) tc.Rule
}{
	{regexp.MustCompile(`^m(1[0-2]|[1-9])_(penalty|licensing|fees|enforcement)$`), func(m []string) tc.Rule {
		what := map[string]string{"penalty": "行政处罚", "licensing": "行政许可", "fees": "行政事业性收费", "enforcement": "行政强制"}[m[2]]
		return tc.LineOf(m[1]+"月"+what, 30)
	}},
	{regexp.MustCompile(`^delete_[0-9]{1,6}$`), func([]string) tc.Rule { return flagRule }},
}

// pathRules are the rules of the wildcards of route patterns.
var pathRules = map[string]tc.Rule{
	"id":       idRule,
	"year":     yearRule,
	"n":        tc.IntOf("附件序号", 0, 10000),
	"file":     tc.LineOf("文件", 100),
	"tracking": tc.LineOf("查询号", 40),
	"msg":      idRule,
}

// fileNameRule is the rule of the names of uploaded files.
var fileNameRule = tc.LineOf("上传文件的文件名", 255)

var plainName = regexp.MustCompile(`^[A-Za-z0-9_.-]{1,40}$`)

// ruleFor is the rule of field name on the route pattern; an unknown name gets the
// default one-line rule, labelled with the name when it is plain, so it is still checked.
func ruleFor(pattern, name string) (tc.Rule, bool) {
	if r, ok := routeFieldRules[pattern][name]; ok {
		return r, true
	}
	if r, ok := fieldRules[name]; ok {
		return r, true
	}
	for _, p := range patternRules {
		if m := p.re.FindStringSubmatch(name); m != nil {
			return p.rule(m), true
		}
	}
	label := "提交的字段"
	if plainName.MatchString(name) {
		label = "字段 " + name
	}
	return tc.LineOf(label, tc.DefaultLine), false
}
