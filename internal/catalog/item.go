package catalog

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gongkai/internal/apperr"
)

// Item is one entry of an agency's 政府信息公开目录.
//
// Calendar days (WrittenOn, PublishedOn, ChangedOn, ValidityChangedOn) are time.Time at
// 00:00 UTC standing for the day in China; instants (PublishAt, PublishedAt, WithdrawnAt)
// are ordinary times.
type Item struct {
	ID       int64
	AgencyID int64

	IndexNo   string    // 索引号: empty until assigned (see NeedsIndexNo); never changes once set
	Title     string    // 名称
	Topic     string    // 主题分类: a Topic.Code of the agency's taxonomy
	Publisher string    // 发布机构
	WrittenOn time.Time // 成文日期 (发文日期)
	// PublishedOn is 发布日期: set by the workflow on publication, or taken from an import.
	PublishedOn time.Time
	DocNo       string   // 文号, e.g. 榆卫发〔2023〕12号; may be empty
	Keywords    []string // 主题词
	Validity    Validity // 效力状态
	// ValidityChangedOn is the day the item stopped being 有效 (失效/废止日期); zero while 有效.
	// Imported items may be 失效/废止 without a known day; the workflow always sets one.
	ValidityChangedOn time.Time
	Summary           string // 内容概述
	BodyHTML          string // 正文, always stored sanitised (SanitizeBody)
	Attachments       []Attachment
	Kind              DocKind // 普通信息, 规章, 行政规范性文件
	// ChangedOn is the day the information was last changed (第二十六条 "变更之日"); zero if never.
	ChangedOn time.Time
	// FromApplications lists the 依申请公开 applications this item was published in response
	// to (依申请转主动). Ids only: never applicant data.
	FromApplications []int64
	// Interprets lists the items a 政策解读 (Kind Interpretation) interprets, in order.
	Interprets []int64
	// Period is the 公示期 of a 公示 (Kind Notice); zero for every other item.
	Period NoticePeriod
	// ResultOf is the 公示 whose result this item publishes (0: none); it may be published
	// only once that 公示期 has ended (CheckLinks).
	ResultOf int64

	// Workflow.
	State       State
	AuthorID    int64     // 经办人
	ReviewerID  int64     // 审核人 who passed 保密审查
	ApproverID  int64     // 负责人 who approved
	PublishAt   time.Time // scheduled publication instant (State Scheduled)
	PublishedAt time.Time // instant of the latest publication
	WithdrawnAt time.Time // instant of the latest withdrawal
}

// Attachment is the metadata of one file attached to an item; the bytes live in the store.
type Attachment struct {
	Name   string // display and download name, extension matching Kind (SafeAttachmentName)
	Size   int64  // bytes
	Kind   AttachmentKind
	SHA256 string // lower-case hex of the content
}

// ContentType is the MIME type the file is served with, decided by its detected Kind.
func (a Attachment) ContentType() string { return a.Kind.ContentType() }

// Limits on the text fields, in characters.
const (
	MaxTitleLen     = 300
	MaxPublisherLen = 100
	MaxDocNoLen     = 100
	MaxKeywords     = 20
	MaxKeywordLen   = 30
	MaxSummaryLen   = 2000
	MaxBodyLen      = 2 << 20
	MaxAttachments  = 50
)

// FieldProblem is one problem of an item, tied to a field label.
type FieldProblem struct {
	Field   string // Chinese field label: "名称"
	Problem string // Chinese description
}

// Validate checks an item before it is saved (in any state). It returns an apperr.Invalid
// error whose message lists the problems; Problems gives them one by one for forms.
func (it Item) Validate(tax *Taxonomy) error {
	return problemsError(it.Problems(tax, false))
}

// ReadyToPublish checks what submission for review requires on top of Validate:
// 成文日期, 发布机构, content (body or attachment), 文号 for 规章 and 行政规范性文件.
func (it Item) ReadyToPublish(tax *Taxonomy) error {
	return problemsError(it.Problems(tax, true))
}

// Problems returns the field problems of it; forPublication adds the submission rules.
func (it Item) Problems(tax *Taxonomy, forPublication bool) []FieldProblem {
	var ps []FieldProblem
	add := func(f, p string) { ps = append(ps, FieldProblem{f, p}) }
	checkLen := func(f, s string, max int) {
		if utf8.RuneCountInString(s) > max {
			add(f, "超过"+strconv.Itoa(max)+"个字")
		}
	}
	if strings.TrimSpace(it.Title) == "" {
		add("名称", "不能为空")
	}
	checkLen("名称", it.Title, MaxTitleLen)
	if it.Topic == "" {
		add("主题分类", "不能为空")
	} else if tax != nil {
		if _, ok := tax.Lookup(it.Topic); !ok {
			add("主题分类", "“"+it.Topic+"”不在本机关的主题分类中")
		}
	}
	checkLen("发布机构", it.Publisher, MaxPublisherLen)
	checkLen("文号", it.DocNo, MaxDocNoLen)
	if len(it.Keywords) > MaxKeywords {
		add("主题词", "不能超过"+strconv.Itoa(MaxKeywords)+"个")
	}
	for _, k := range it.Keywords {
		checkLen("主题词", k, MaxKeywordLen)
	}
	checkLen("内容概述", it.Summary, MaxSummaryLen)
	if len(it.BodyHTML) > MaxBodyLen {
		add("正文", "过长")
	}
	if !it.Validity.IsValid() {
		add("效力状态", "应为有效、失效或废止")
	} else if it.Validity == Valid && !it.ValidityChangedOn.IsZero() {
		add("失效或废止日期", "效力状态为有效时不应填写")
	}
	if !it.Kind.IsValid() {
		add("文件类别", "应为"+strings.Join(kindLabels(), "、"))
	}
	ps = append(ps, it.linkProblems(forPublication)...)
	if !it.WrittenOn.IsZero() && !it.PublishedOn.IsZero() && it.PublishedOn.Before(it.WrittenOn) {
		add("发布日期", "早于成文日期")
	}
	if !it.ValidityChangedOn.IsZero() && !it.WrittenOn.IsZero() && it.ValidityChangedOn.Before(it.WrittenOn) {
		add("失效或废止日期", "早于成文日期")
	}
	if len(it.Attachments) > MaxAttachments {
		add("附件", "不能超过"+strconv.Itoa(MaxAttachments)+"个")
	}
	for _, a := range it.Attachments {
		if !a.Kind.IsValid() || a.Size < 0 || len(a.SHA256) != 64 || a.Name == "" {
			add("附件", "“"+a.Name+"”的元数据不完整")
		}
	}
	for _, id := range it.FromApplications {
		if id <= 0 {
			add("依申请转主动", "来源申请编号无效")
			break
		}
	}
	if it.State != "" && !it.State.IsValid() {
		add("状态", "未知的状态")
	}
	if forPublication {
		if it.WrittenOn.IsZero() {
			add("成文日期", "不能为空")
		}
		if strings.TrimSpace(it.Publisher) == "" {
			add("发布机构", "不能为空")
		}
		if strings.TrimSpace(stripTags(it.BodyHTML)) == "" && len(it.Attachments) == 0 {
			add("正文", "正文和附件不能都为空")
		}
		if (it.Kind == Regulation || it.Kind == Normative) && strings.TrimSpace(it.DocNo) == "" {
			add("文号", it.Kind.Label()+"必须填写文号")
		}
	}
	return ps
}

func problemsError(ps []FieldProblem) error {
	if len(ps) == 0 {
		return nil
	}
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = p.Field + "：" + p.Problem
	}
	return &apperr.Error{Code: apperr.Invalid, Message: strings.Join(parts, "；"), Err: ProblemList(ps)}
}

// ProblemList is the cause wrapped in a Validate error, so handlers can errors.As it
// and mark each field of a form.
type ProblemList []FieldProblem

func (p ProblemList) Error() string {
	return strconv.Itoa(len(p)) + " field problem(s)"
}

// SplitKeywords splits a 主题词 cell on the separators catalogs use (；;，,、 and blanks)
// and drops empty and repeated words.
func SplitKeywords(s string) []string {
	f := strings.FieldsFunc(s, func(r rune) bool {
		switch r {
		case ';', '；', ',', '，', '、', ' ', '\u3000', '\t', '\n', '\r', '/', '|':
			return true
		}
		return false
	})
	var out []string
	seen := map[string]bool{}
	for _, w := range f {
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

// JoinKeywords is the inverse of SplitKeywords for display and storage.
func JoinKeywords(ks []string) string { return strings.Join(ks, "；") }

// chinaZone is China Standard Time; China has no daylight saving time.
var chinaZone = time.FixedZone("CST", 8*3600)

// ChinaDay returns the calendar day in China of instant t, as 00:00 UTC of that day.
func ChinaDay(t time.Time) time.Time {
	y, m, d := t.In(chinaZone).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// DraftFromApplication is the draft of 依申请转主动 (条例第四十四条): an item of the
// application's agency titled after the first line of its description (at most 100
// characters), with the standard summary naming the case number, linked to the
// application — and nothing of the applicant. Its topic is 其他 (the taxonomy's last
// topic when the agency has none coded "other").
func DraftFromApplication(appID, agencyID int64, publisher, number, description string, tax *Taxonomy) Item {
	title := strings.TrimSpace(strings.SplitN(description, "\n", 2)[0])
	if r := []rune(title); len(r) > 100 {
		title = string(r[:100])
	}
	it := Item{
		AgencyID: agencyID, Title: title, Publisher: publisher, Topic: "other",
		Summary:          fmt.Sprintf("本信息依申请公开后，经审查属于需要公众广泛知晓的政府信息，依据《中华人民共和国政府信息公开条例》第四十四条转为主动公开（申请编号%s）。", number),
		FromApplications: []int64{appID},
	}
	if _, ok := tax.Lookup(it.Topic); !ok {
		it.Topic = tax.Topics()[len(tax.Topics())-1].Code
	}
	return it
}
