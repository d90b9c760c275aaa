package catalog

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gongkai/internal/apperr"
)

// The public column (政府信息公开专栏): 政策解读 linked to what they interpret, 公示 with
// their 公示期 and results, and the 法定主动公开内容 headings of an agency.

func kindLabels() []string {
	out := make([]string, len(docKinds))
	for i, e := range docKinds {
		out[i] = e.label
	}
	return out
}

// MaxInterprets bounds the documents one 政策解读 names; MaxObjectToLen the 意见反馈方式.
const (
	MaxInterprets  = 20
	MaxObjectToLen = 300
)

// NoticePeriod is the 公示期 of a 公示: its first and last day (calendar days in China) and
// where to send an objection (意见反馈方式: an address, telephone, e-mail).
type NoticePeriod struct {
	Start, End time.Time
	ObjectTo   string
}

// IsZero reports whether no part of the period is set.
func (p NoticePeriod) IsZero() bool {
	return p.Start.IsZero() && p.End.IsZero() && strings.TrimSpace(p.ObjectTo) == ""
}

// NoticeState is where a 公示 stands on a day: computed from the period and the day, never
// stored, so a 公示 closes by itself.
type NoticeState string

const (
	NoticeUpcoming NoticeState = "upcoming" // 未开始
	NoticeOpen     NoticeState = "open"     // 公示中
	NoticeClosed   NoticeState = "closed"   // 已结束
)

// Label is the Chinese label shown beside a 公示.
func (s NoticeState) Label() string {
	switch s {
	case NoticeUpcoming:
		return "未开始"
	case NoticeOpen:
		return "公示中"
	case NoticeClosed:
		return "已结束"
	}
	return ""
}

// StateOn is where the 公示 stands on day (a calendar day in China, ChinaDay): open from
// its first to its last day inclusive, closed from the day after.
func (p NoticePeriod) StateOn(day time.Time) NoticeState {
	switch {
	case day.Before(p.Start):
		return NoticeUpcoming
	case day.After(p.End):
		return NoticeClosed
	}
	return NoticeOpen
}

// Days is the length of the period in calendar days, both ends counted.
func (p NoticePeriod) Days() int {
	if p.Start.IsZero() || p.End.IsZero() {
		return 0
	}
	return int(p.End.Sub(p.Start).Hours()/24) + 1
}

// linkProblems are the problems of the column's fields: 解读 links only on a 解读, a 公示期
// only on a 公示, each required for publication.
func (it Item) linkProblems(forPublication bool) []FieldProblem {
	var ps []FieldProblem
	add := func(f, p string) { ps = append(ps, FieldProblem{f, p}) }
	if len(it.Interprets) > 0 && it.Kind != Interpretation {
		add("所解读的文件", "只有政策解读可以关联所解读的文件")
	}
	if len(it.Interprets) > MaxInterprets {
		add("所解读的文件", "不能超过"+strconv.Itoa(MaxInterprets)+"个")
	}
	seen := map[int64]bool{}
	for _, id := range it.Interprets {
		switch {
		case id <= 0:
			add("所解读的文件", "文件编号无效")
		case id == it.ID:
			add("所解读的文件", "不能解读本条信息自身")
		case seen[id]:
			add("所解读的文件", "重复关联同一文件")
		}
		seen[id] = true
	}
	if !it.Period.IsZero() && it.Kind != Notice {
		add("公示期", "只有公示可以填写公示期")
	}
	if !it.Period.Start.IsZero() && !it.Period.End.IsZero() && it.Period.End.Before(it.Period.Start) {
		add("公示期", "结束日期早于开始日期")
	}
	if utf8.RuneCountInString(it.Period.ObjectTo) > MaxObjectToLen {
		add("意见反馈方式", "超过"+strconv.Itoa(MaxObjectToLen)+"个字")
	}
	if it.ResultOf < 0 || it.ResultOf != 0 && it.ResultOf == it.ID {
		add("公示结果", "所对应的公示无效")
	}
	if it.ResultOf != 0 && it.Kind == Notice {
		add("公示结果", "公示结果本身不能是公示")
	}
	if forPublication {
		if it.Kind == Interpretation && len(it.Interprets) == 0 {
			add("所解读的文件", "政策解读必须关联所解读的文件")
		}
		if it.Kind == Notice {
			if it.Period.Start.IsZero() || it.Period.End.IsZero() {
				add("公示期", "公示必须填写公示期的开始和结束日期")
			}
			if strings.TrimSpace(it.Period.ObjectTo) == "" {
				add("意见反馈方式", "公示必须写明公示期内提出意见的方式")
			}
		}
	}
	return ps
}

// CheckLinks decides whether it may be published at now, given the items it points to:
// docs are the items of it.Interprets (in any state), notice the item of it.ResultOf (zero
// Item when none). A 政策解读 is published with or after what it interprets: each document
// must already be published (the same day counts, 同步发布). A 公示's result is published
// after its 公示期 has ended.
//
// A 公示 itself is published no later than the last day of its 公示期: published after it,
// nobody could object within it.
func CheckLinks(it Item, docs []Item, notice Item, now time.Time) error {
	if it.Kind == Notice && !it.Period.End.IsZero() && ChinaDay(now).After(it.Period.End) {
		return apperr.Newf(apperr.Conflict, "公示期已于%s结束，不能再发布该公示", it.Period.End.Format("2006年1月2日"))
	}
	for _, d := range docs {
		if d.Kind == Interpretation {
			return apperr.Newf(apperr.Invalid, "“%s”本身是政策解读，政策解读应关联所解读的文件", d.Title)
		}
		if d.State != Published {
			return apperr.Newf(apperr.Conflict, "所解读的文件“%s”尚未发布：政策解读应与文件同步或在其后发布", d.Title)
		}
	}
	if it.ResultOf != 0 {
		if notice.Kind != Notice {
			return apperr.New(apperr.Invalid, "公示结果所对应的信息不是公示")
		}
		if notice.State != Published {
			return apperr.Newf(apperr.Conflict, "公示“%s”尚未发布，不能发布其结果", notice.Title)
		}
		if notice.Period.StateOn(ChinaDay(now)) != NoticeClosed {
			return apperr.Newf(apperr.Conflict, "公示“%s”的公示期至%s结束，公示结果应在公示期满后发布", notice.Title, notice.Period.End.Format("2006年1月2日"))
		}
	}
	return nil
}

// Heading is one heading of an agency's 法定主动公开内容: what it must publish under 条例
// 第二十条 (or its sector's standard catalogue), with the 主题分类 whose published items
// fill it.
type Heading struct {
	Title   string   // 栏目名称: "财政预算、决算信息"
	Article string   // the provision: "第二十条第（七）项", or a sector catalogue's name
	Topics  []string // 主题分类 codes of the agency's taxonomy
}

// Limits of the headings.
const (
	MaxHeadings        = 80
	MaxHeadingTitleLen = 100
	MaxHeadingBasisLen = 100
)

// DefaultHeadings are the fifteen items of 条例 第二十条 (2019), each with the topics of
// DefaultTaxonomy that serve it; an agency starts from them and edits.
func DefaultHeadings() []Heading {
	return []Heading{
		{"行政法规、规章和行政规范性文件", "第二十条第（一）项", []string{"policy_documents"}},
		{"机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名", "第二十条第（二）项", []string{"org_functions"}},
		{"国民经济和社会发展规划、专项规划、区域规划及相关政策", "第二十条第（三）项", []string{"plans"}},
		{"国民经济和社会发展统计信息", "第二十条第（四）项", []string{"statistics"}},
		{"办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果", "第二十条第（五）项", []string{"licensing"}},
		{"实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定", "第二十条第（六）项", []string{"penalty", "enforcement"}},
		{"财政预算、决算信息", "第二十条第（七）项", []string{"budgets"}},
		{"行政事业性收费项目及其依据、标准", "第二十条第（八）项", []string{"fees"}},
		{"政府集中采购项目的目录、标准及实施情况", "第二十条第（九）项", []string{"procurement"}},
		{"重大建设项目的批准和实施情况", "第二十条第（十）项", []string{"major_projects"}},
		{"扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况", "第二十条第（十一）项", []string{"social_assistance", "education", "health", "social_security", "employment"}},
		{"突发公共事件的应急预案、预警信息及应对情况", "第二十条第（十二）项", []string{"emergency"}},
		{"环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况", "第二十条第（十三）项", []string{"environment", "food_drugs", "work_safety", "supervision", "quality"}},
		{"公务员招考的职位、名额、报考条件等事项以及录用结果", "第二十条第（十四）项", []string{"personnel"}},
		{"法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息", "第二十条第（十五）项", []string{"other"}},
	}
}

// HeadingsFor keeps of hs the topics tax knows: the defaults adapted to an agency whose
// taxonomy lacks some codes.
func HeadingsFor(hs []Heading, tax *Taxonomy) []Heading {
	out := make([]Heading, 0, len(hs))
	for _, h := range hs {
		var ts []string
		for _, c := range h.Topics {
			if _, ok := tax.Lookup(c); ok {
				ts = append(ts, c)
			}
		}
		h.Topics = ts
		out = append(out, h)
	}
	return out
}

// CheckHeadings validates an agency's headings against its taxonomy: each with a title
// (unique, bounded), its basis bounded, at least one known topic; at most MaxHeadings.
// It returns the headings trimmed.
func CheckHeadings(hs []Heading, tax *Taxonomy) ([]Heading, error) {
	if len(hs) == 0 {
		return nil, apperr.New(apperr.Invalid, "法定主动公开内容至少应有一个栏目")
	}
	if len(hs) > MaxHeadings {
		return nil, apperr.Newf(apperr.Invalid, "法定主动公开内容不能超过%d个栏目", MaxHeadings)
	}
	seen := map[string]bool{}
	out := make([]Heading, 0, len(hs))
	for i, h := range hs {
		h.Title = strings.TrimSpace(h.Title)
		h.Article = strings.TrimSpace(h.Article)
		n := strconv.Itoa(i + 1)
		switch {
		case h.Title == "":
			return nil, apperr.Newf(apperr.Invalid, "第%s个栏目缺少名称", n)
		case utf8.RuneCountInString(h.Title) > MaxHeadingTitleLen:
			return nil, apperr.Newf(apperr.Invalid, "栏目“%s”的名称超过%d个字", h.Title, MaxHeadingTitleLen)
		case utf8.RuneCountInString(h.Article) > MaxHeadingBasisLen:
			return nil, apperr.Newf(apperr.Invalid, "栏目“%s”的依据超过%d个字", h.Title, MaxHeadingBasisLen)
		case seen[h.Title]:
			return nil, apperr.Newf(apperr.Invalid, "栏目“%s”重复", h.Title)
		}
		seen[h.Title] = true
		var ts []string
		dup := map[string]bool{}
		for _, c := range h.Topics {
			c = strings.TrimSpace(c)
			if c == "" || dup[c] {
				continue
			}
			if _, ok := tax.Lookup(c); !ok {
				return nil, apperr.Newf(apperr.Invalid, "栏目“%s”的主题分类“%s”不在本机关的主题分类中", h.Title, c)
			}
			dup[c] = true
			ts = append(ts, c)
		}
		if len(ts) == 0 {
			return nil, apperr.Newf(apperr.Invalid, "栏目“%s”应至少对应一个主题分类", h.Title)
		}
		h.Topics = ts
		out = append(out, h)
	}
	return out, nil
}

// Gaps counts the headings with nothing published under them, given the number of
// published items per 主题分类 code: the headings Catalog.Headings marks 缺项 (a heading
// whose topics the taxonomy does not know is one too). The oversight overview counts them
// for every agency at once.
func Gaps(hs []Heading, publishedByTopic map[string]int) int {
	gaps := 0
	for _, h := range hs {
		if !Filled(h, publishedByTopic) {
			gaps++
		}
	}
	return gaps
}

// Filled reports whether at least one published item sits under h.
func Filled(h Heading, publishedByTopic map[string]int) bool {
	for _, t := range h.Topics {
		if publishedByTopic[t] > 0 {
			return true
		}
	}
	return false
}
