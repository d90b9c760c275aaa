package catalog

import (
	"regexp"
	"strings"

	"gongkai/internal/apperr"
)

// Topic is one 主题分类 of the catalog.
type Topic struct {
	Code    string   // stable English code, stored with the item: "policy_documents"
	Num     string   // stable two-digit number, usable in 索引号 schemes via {topic}: "02"
	Label   string   // Chinese label shown to users: "政策文件"
	Article string   // the item of 条例 第二十条 it serves, "" when none
	Aliases []string // other labels published catalogs use, accepted on import
}

// defaultTopics is drawn from 条例 第二十条 (fifteen kinds of information) and the
// 主题分类 columns of published catalogs. Codes and numbers never change; append only.
var defaultTopics = []Topic{
	{"org_functions", "01", "机构职能", "第二十条第（二）项", []string{"机构设置", "机构概况", "机构信息", "领导信息", "领导分工", "组织机构"}},
	{"policy_documents", "02", "政策文件", "第二十条第（一）项", []string{"政策法规", "法规文件", "规范性文件", "行政规范性文件", "规章", "文件资料"}},
	{"plans", "03", "规划计划", "第二十条第（三）项", []string{"规划信息", "发展规划", "计划总结", "工作计划", "计划规划"}},
	{"statistics", "04", "统计数据", "第二十条第（四）项", []string{"统计信息", "数据发布"}},
	{"budgets", "05", "财政预决算", "第二十条第（七）项", []string{"财政信息", "财政资金", "预算决算", "部门预决算", "财政预算决算", "预决算公开", "三公经费"}},
	{"licensing", "06", "行政许可", "第二十条第（五）项", []string{"行政审批", "许可信息", "政务服务", "办事指南"}},
	{"penalty", "07", "行政处罚", "第二十条第（六）项", []string{"处罚信息", "双公示"}},
	{"enforcement", "08", "行政强制", "第二十条第（六）项", []string{"行政执法"}},
	{"fees", "09", "行政事业性收费", "第二十条第（八）项", []string{"收费项目", "收费信息"}},
	{"procurement", "10", "政府采购", "第二十条第（九）项", []string{"采购信息", "招标采购", "政府集中采购"}},
	{"major_projects", "11", "重大建设项目", "第二十条第（十）项", []string{"重大项目", "重点项目"}},
	{"social_assistance", "12", "社会救助与扶贫", "第二十条第（十一）项", []string{"扶贫", "社会救助", "乡村振兴", "扶贫救灾"}},
	{"education", "13", "教育", "第二十条第（十一）项", nil},
	{"health", "14", "医疗卫生", "第二十条第（十一）项", []string{"卫生健康", "医疗", "公共卫生"}},
	{"social_security", "15", "社会保障", "第二十条第（十一）项", []string{"社保", "医疗保障", "医保"}},
	{"employment", "16", "就业", "第二十条第（十一）项", []string{"促进就业", "就业创业"}},
	{"emergency", "17", "应急管理", "第二十条第（十二）项", []string{"突发公共事件", "应急预案"}},
	{"environment", "18", "环境保护", "第二十条第（十三）项", []string{"生态环境", "环保"}},
	{"food_drugs", "19", "食品药品", "第二十条第（十三）项", []string{"食品安全", "药品安全"}},
	{"work_safety", "20", "安全生产", "第二十条第（十三）项", nil},
	{"supervision", "21", "监督检查", "第二十条第（十三）项", []string{"执法检查", "随机抽查", "双随机"}},
	{"personnel", "22", "人事信息", "第二十条第（十四）项", []string{"人事任免", "公务员招考", "招聘录用", "人事招聘"}},
	{"work_news", "23", "工作动态", "", []string{"政务动态", "工作信息", "通知公告"}},
	{"policy_interpretation", "24", "政策解读", "", []string{"解读回应", "政策问答"}},
	{"disclosure_guide", "25", "政府信息公开指南", "", []string{"公开指南", "信息公开指南"}},
	{"annual_report", "26", "政府信息公开年报", "", []string{"年度报告", "政府信息公开年度报告", "信息公开年报", "年报"}},
	{"quality", "27", "产品质量", "第二十条第（十三）项", []string{"质量监督"}},
	{"other", "99", "其他", "第二十条第（十五）项", []string{"其它"}},
}

// Taxonomy is the set of topics an agency files items under.
type Taxonomy struct {
	topics []Topic
	byCode map[string]int
	byName map[string]int // labels and aliases, normalised
}

var (
	topicCodeRE = regexp.MustCompile(`^[a-z][a-z0-9_]{1,39}$`)
	topicNumRE  = regexp.MustCompile(`^[0-9A-Z]{1,4}$`)
)

// NewTaxonomy checks a list of topics: codes, numbers and labels present and unique,
// codes lower-case ASCII, numbers up to four digits or capitals (they may appear in 索引号).
func NewTaxonomy(topics []Topic) (*Taxonomy, error) {
	t := &Taxonomy{byCode: map[string]int{}, byName: map[string]int{}}
	nums := map[string]bool{}
	for i, tp := range topics {
		if !topicCodeRE.MatchString(tp.Code) {
			return nil, apperr.Newf(apperr.Invalid, "主题分类代码“%s”无效：只能使用小写字母、数字和下划线，以字母开头", tp.Code)
		}
		if !topicNumRE.MatchString(tp.Num) {
			return nil, apperr.Newf(apperr.Invalid, "主题分类“%s”的编号“%s”无效：应为1至4位数字或大写字母", tp.Label, tp.Num)
		}
		if strings.TrimSpace(tp.Label) == "" {
			return nil, apperr.Newf(apperr.Invalid, "主题分类“%s”缺少名称", tp.Code)
		}
		if _, dup := t.byCode[tp.Code]; dup {
			return nil, apperr.Newf(apperr.Invalid, "主题分类代码“%s”重复", tp.Code)
		}
		if nums[tp.Num] {
			return nil, apperr.Newf(apperr.Invalid, "主题分类编号“%s”重复", tp.Num)
		}
		nums[tp.Num] = true
		t.byCode[tp.Code] = i
		for _, name := range append([]string{tp.Label}, tp.Aliases...) {
			k := normName(name)
			if j, dup := t.byName[k]; dup && j != i {
				return nil, apperr.Newf(apperr.Invalid, "主题分类名称“%s”重复", name)
			}
			t.byName[k] = i
		}
		t.topics = append(t.topics, tp)
	}
	if len(t.topics) == 0 {
		return nil, apperr.New(apperr.Invalid, "主题分类不能为空")
	}
	return t, nil
}

// DefaultTaxonomy returns the built-in taxonomy.
func DefaultTaxonomy() *Taxonomy {
	t, err := NewTaxonomy(defaultTopics)
	if err != nil {
		panic("catalog: default taxonomy: " + err.Error())
	}
	return t
}

// Topics lists the topics in display order.
func (t *Taxonomy) Topics() []Topic { return append([]Topic(nil), t.topics...) }

// Lookup finds a topic by its code.
func (t *Taxonomy) Lookup(code string) (Topic, bool) {
	i, ok := t.byCode[code]
	if !ok {
		return Topic{}, false
	}
	return t.topics[i], true
}

// Label returns the label of code, or code itself when unknown.
func (t *Taxonomy) Label(code string) string {
	if tp, ok := t.Lookup(code); ok {
		return tp.Label
	}
	return code
}

// Match finds the topic a published catalog means by s: a code, a label or an alias.
// Full-width and ASCII blanks are ignored.
func (t *Taxonomy) Match(s string) (Topic, error) {
	if tp, ok := t.Lookup(strings.TrimSpace(s)); ok {
		return tp, nil
	}
	if i, ok := t.byName[normName(s)]; ok {
		return t.topics[i], nil
	}
	return Topic{}, apperr.Newf(apperr.Invalid, "无法识别的主题分类“%s”", strings.TrimSpace(s))
}

func normName(s string) string {
	s = strings.ReplaceAll(s, "\u3000", " ")
	s = strings.Join(strings.Fields(s), "")
	return strings.ReplaceAll(s, "其它", "其他")
}
