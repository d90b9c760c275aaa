package catalog

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"gongkai/internal/apperr"
)

func validItem() Item {
	return Item{
		Title: "关于印发《榆川区村卫生室管理办法》的通知", Topic: "policy_documents", Publisher: "榆川区卫生健康局",
		WrittenOn: day(2023, 3, 1), PublishedOn: day(2023, 3, 3), DocNo: "榆卫发〔2023〕12号",
		Validity: Valid, Kind: Normative, BodyHTML: "<p>各镇卫生院：</p>",
		Attachments: []Attachment{{Name: "办法.pdf", Size: 1024, Kind: PDF, SHA256: strings.Repeat("a", 64)}},
	}
}

func TestItemProblems(t *testing.T) {
	tax := DefaultTaxonomy()
	if err := validItem().ReadyToPublish(tax); err != nil {
		t.Fatalf("valid item: %v", err)
	}
	tests := []struct {
		name   string
		edit   func(*Item)
		pub    bool
		field  string
		within string
	}{
		{"no title", func(it *Item) { it.Title = " " }, false, "名称", "不能为空"},
		{"long title", func(it *Item) { it.Title = strings.Repeat("长", 301) }, false, "名称", "超过300个字"},
		{"unknown topic", func(it *Item) { it.Topic = "sports" }, false, "主题分类", "不在本机关的主题分类中"},
		{"no topic", func(it *Item) { it.Topic = "" }, false, "主题分类", "不能为空"},
		{"bad validity", func(it *Item) { it.Validity = "gone" }, false, "效力状态", "应为有效、失效或废止"},
		{"valid with end date", func(it *Item) { it.ValidityChangedOn = day(2024, 1, 1) }, false, "失效或废止日期", "不应填写"},
		{"end before written", func(it *Item) { it.Validity, it.ValidityChangedOn = Repealed, day(2020, 1, 1) }, false, "失效或废止日期", "早于成文日期"},
		{"published before written", func(it *Item) { it.PublishedOn = day(2023, 2, 1) }, false, "发布日期", "早于成文日期"},
		{"bad kind", func(it *Item) { it.Kind = "law" }, false, "文件类别", "应为普通信息"},
		{"bad attachment", func(it *Item) { it.Attachments[0].SHA256 = "x" }, false, "附件", "元数据不完整"},
		{"bad application id", func(it *Item) { it.FromApplications = []int64{3, 0} }, false, "依申请转主动", "无效"},
		{"too many keywords", func(it *Item) { it.Keywords = make([]string, 21) }, false, "主题词", "不能超过20个"},
		{"no written date", func(it *Item) { it.WrittenOn = time.Time{} }, true, "成文日期", "不能为空"},
		{"no publisher", func(it *Item) { it.Publisher = "" }, true, "发布机构", "不能为空"},
		{"no content", func(it *Item) { it.BodyHTML, it.Attachments = "<p> </p>", nil }, true, "正文", "不能都为空"},
		{"normative without 文号", func(it *Item) { it.DocNo = "" }, true, "文号", "行政规范性文件必须填写文号"},
	}
	for _, tt := range tests {
		it := validItem()
		it.Attachments = slices.Clone(it.Attachments)
		tt.edit(&it)
		check := it.Validate
		if tt.pub {
			check = it.ReadyToPublish
			if err := it.Validate(tax); err != nil {
				t.Errorf("%s: Validate should pass, publication rule only: %v", tt.name, err)
			}
		}
		err := check(tax)
		msg := apperr.MessageOf(err)
		if !apperr.Is(err, apperr.Invalid) || !strings.HasPrefix(msg, tt.field+"：") || !strings.Contains(msg, tt.within) {
			t.Errorf("%s: %v, want %s：%s", tt.name, err, tt.field, tt.within)
			continue
		}
		var pl ProblemList
		if !errors.As(err, &pl) || len(pl) == 0 || pl[0].Field != tt.field {
			t.Errorf("%s: problem list %v", tt.name, pl)
		}
	}
	// Imported items may be 废止 without a known date.
	it := validItem()
	it.Validity = Repealed
	if err := it.Validate(tax); err != nil {
		t.Errorf("废止 without date: %v", err)
	}
}

func TestSplitKeywords(t *testing.T) {
	got := SplitKeywords(" 绩效考核；基层医疗,卫生院、绩效考核　医改 ")
	want := []string{"绩效考核", "基层医疗", "卫生院", "医改"}
	if !slices.Equal(got, want) || JoinKeywords(got) != "绩效考核；基层医疗；卫生院；医改" {
		t.Errorf("SplitKeywords = %q", got)
	}
	if SplitKeywords(" ；, ") != nil {
		t.Error("only separators should give nothing")
	}
}

func TestChinaDay(t *testing.T) {
	tests := []struct {
		in   time.Time
		want time.Time
	}{
		{time.Date(2024, 3, 1, 15, 59, 0, 0, time.UTC), day(2024, 3, 1)}, // 23:59 in China
		{time.Date(2024, 3, 1, 16, 0, 0, 0, time.UTC), day(2024, 3, 2)},  // 00:00 next day in China
		{time.Date(2024, 12, 31, 20, 0, 0, 0, time.UTC), day(2025, 1, 1)},
	}
	for _, tt := range tests {
		if got := ChinaDay(tt.in); !got.Equal(tt.want) {
			t.Errorf("ChinaDay(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestEnums(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want Validity
	}{{"有效", Valid}, {"废止", Repealed}, {" 失 效 ", Expired}, {"repealed", Repealed}} {
		if got, err := ParseValidity(tt.in); err != nil || got != tt.want {
			t.Errorf("ParseValidity(%q) = %q, %v", tt.in, got, err)
		}
	}
	if _, err := ParseValidity("暂停"); !apperr.Is(err, apperr.Invalid) || !strings.Contains(apperr.MessageOf(err), "应为：有效、失效、废止") {
		t.Errorf("ParseValidity(暂停) = %v", err)
	}
	if k, err := ParseDocKind("规范性文件"); err != nil || k != Normative {
		t.Errorf("2019 wording: %q %v", k, err)
	}
	if k, err := ParseDocKind("规章"); err != nil || k != Regulation || k.Label() != "规章" {
		t.Errorf("规章: %q %v", k, err)
	}
	for _, s := range States() {
		if got, err := ParseState(s.Label()); err != nil || got != s {
			t.Errorf("state %s does not round-trip through its label", s)
		}
	}
	for _, a := range actions.values() {
		if got, err := ParseAction(a.Label()); err != nil || got != a {
			t.Errorf("action %s does not round-trip through its label", a)
		}
	}
	if r, err := ParseRole("负责人"); err != nil || r != RoleHead || RoleHead != "head" || RoleClerk != "clerk" || RoleReviewer != "reviewer" {
		t.Errorf("roles must share account's codes: %q %v", r, err)
	}
	if len(DocKinds()) != 6 || len(Validities()) != 3 {
		t.Error("enum lists")
	}
}

func TestTaxonomy(t *testing.T) {
	tax := DefaultTaxonomy()
	tests := map[string]string{
		"政策文件": "policy_documents", "医疗卫生": "health", "卫生健康": "health", "其它": "other",
		" 政府信息公开年报 ": "annual_report", "年度报告": "annual_report", "双随机": "supervision",
		"budgets": "budgets", "财 政 预 决 算": "budgets", "政府信息公开指南": "disclosure_guide",
	}
	for in, want := range tests {
		if tp, err := tax.Match(in); err != nil || tp.Code != want {
			t.Errorf("Match(%q) = %q, %v; want %q", in, tp.Code, err, want)
		}
	}
	if _, err := tax.Match("文化旅游"); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("unknown topic: %v", err)
	}
	nums := map[string]bool{}
	for _, tp := range tax.Topics() {
		if nums[tp.Num] {
			t.Errorf("number %s repeated", tp.Num)
		}
		nums[tp.Num] = true
	}
	required := []string{"机构职能", "政策文件", "规划计划", "统计数据", "财政预决算", "行政许可", "行政处罚", "行政强制",
		"行政事业性收费", "政府采购", "重大建设项目", "社会救助与扶贫", "教育", "医疗卫生", "社会保障", "就业", "应急管理",
		"环境保护", "食品药品", "安全生产", "监督检查", "人事信息", "工作动态", "政策解读", "政府信息公开指南", "政府信息公开年报", "其他"}
	for _, l := range required {
		if _, err := tax.Match(l); err != nil {
			t.Errorf("default taxonomy lacks %s", l)
		}
	}
	if tax.Label("health") != "医疗卫生" || tax.Label("nope") != "nope" {
		t.Error("Label")
	}
	bad := []struct {
		topics []Topic
		want   string
	}{
		{nil, "不能为空"},
		{[]Topic{{Code: "A", Num: "01", Label: "甲"}}, "代码“A”无效"},
		{[]Topic{{Code: "a1", Num: "1/", Label: "甲"}}, "编号“1/”无效"},
		{[]Topic{{Code: "a1", Num: "01", Label: " "}}, "缺少名称"},
		{[]Topic{{Code: "a1", Num: "01", Label: "甲"}, {Code: "a1", Num: "02", Label: "乙"}}, "代码“a1”重复"},
		{[]Topic{{Code: "a1", Num: "01", Label: "甲"}, {Code: "a2", Num: "01", Label: "乙"}}, "编号“01”重复"},
		{[]Topic{{Code: "a1", Num: "01", Label: "甲"}, {Code: "a2", Num: "02", Label: "乙", Aliases: []string{"甲"}}}, "名称“甲”重复"},
	}
	for _, b := range bad {
		if _, err := NewTaxonomy(b.topics); !apperr.Is(err, apperr.Invalid) || !strings.Contains(apperr.MessageOf(err), b.want) {
			t.Errorf("NewTaxonomy(%v) = %v, want %q", b.topics, err, b.want)
		}
	}
}
