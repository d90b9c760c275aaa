package catalog

import (
	"testing"
	"time"

	"gongkai/internal/apperr"
)

func TestNoticeStateOn(t *testing.T) {
	p := NoticePeriod{Start: day(2025, 3, 10), End: day(2025, 3, 16), ObjectTo: "电话 0912-1234567"}
	for _, c := range []struct {
		day  time.Time
		want NoticeState
	}{
		{day(2025, 3, 9), NoticeUpcoming},
		{day(2025, 3, 10), NoticeOpen},
		{day(2025, 3, 16), NoticeOpen},
		{day(2025, 3, 17), NoticeClosed},
	} {
		if got := p.StateOn(c.day); got != c.want {
			t.Errorf("StateOn(%s) = %s, want %s", c.day.Format("01-02"), got, c.want)
		}
	}
	if p.Days() != 7 {
		t.Errorf("Days = %d, want 7", p.Days())
	}
	// 23:59 on the last day in Beijing is still open; 00:00 the next day closed.
	if got := p.StateOn(ChinaDay(time.Date(2025, 3, 16, 15, 59, 0, 0, time.UTC))); got != NoticeOpen {
		t.Errorf("last minute = %s", got)
	}
	if got := p.StateOn(ChinaDay(time.Date(2025, 3, 16, 16, 0, 0, 0, time.UTC))); got != NoticeClosed {
		t.Errorf("next day = %s", got)
	}
}

func TestColumnFieldProblems(t *testing.T) {
	base := Item{ID: 5, Title: "关于某某的解读", Topic: "policy_interpretation", Publisher: "局", WrittenOn: day(2025, 1, 2),
		BodyHTML: "<p>正文</p>", Validity: Valid}
	period := NoticePeriod{Start: day(2025, 3, 10), End: day(2025, 3, 16), ObjectTo: "来信来电"}
	cases := []struct {
		name   string
		edit   func(*Item)
		pub    bool
		fields []string
	}{
		{"interpretation with its document", func(it *Item) { it.Kind, it.Interprets = Interpretation, []int64{3} }, true, nil},
		{"interpretation without a document may be saved", func(it *Item) { it.Kind = Interpretation }, false, nil},
		{"interpretation without a document is not submitted", func(it *Item) { it.Kind = Interpretation }, true, []string{"所解读的文件"}},
		{"links only on an interpretation", func(it *Item) { it.Kind, it.Interprets = General, []int64{3} }, false, []string{"所解读的文件"}},
		{"itself", func(it *Item) { it.Kind, it.Interprets = Interpretation, []int64{5} }, false, []string{"所解读的文件"}},
		{"twice", func(it *Item) { it.Kind, it.Interprets = Interpretation, []int64{3, 3} }, false, []string{"所解读的文件"}},
		{"notice with its period", func(it *Item) { it.Kind, it.Period = Notice, period }, true, nil},
		{"notice without a period is not submitted", func(it *Item) { it.Kind = Notice }, true, []string{"公示期", "意见反馈方式"}},
		{"period ends before it starts", func(it *Item) {
			it.Kind, it.Period = Notice, NoticePeriod{Start: day(2025, 3, 10), End: day(2025, 3, 9), ObjectTo: "x"}
		}, false, []string{"公示期"}},
		{"period on another kind", func(it *Item) { it.Kind, it.Period = General, period }, false, []string{"公示期"}},
		{"a result of a notice", func(it *Item) { it.Kind, it.ResultOf = General, 9 }, true, nil},
		{"a result that is itself a notice", func(it *Item) { it.Kind, it.Period, it.ResultOf = Notice, period, 9 }, false, []string{"公示结果"}},
		{"institution", func(it *Item) { it.Kind = Institution }, true, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			it := base
			c.edit(&it)
			ps := it.Problems(nil, c.pub)
			got := map[string]bool{}
			for _, p := range ps {
				got[p.Field] = true
			}
			if len(got) != len(c.fields) {
				t.Fatalf("problems = %+v, want fields %v", ps, c.fields)
			}
			for _, f := range c.fields {
				if !got[f] {
					t.Fatalf("problems = %+v, want %s", ps, f)
				}
			}
		})
	}
}

func TestCheckLinks(t *testing.T) {
	now := time.Date(2025, 3, 17, 1, 0, 0, 0, time.UTC) // 17 March in Beijing
	doc := Item{ID: 3, Title: "文件", Kind: Normative, State: Published}
	draftDoc := Item{ID: 4, Title: "未发布的文件", Kind: Normative, State: Approval}
	interp := Item{ID: 5, Kind: Interpretation, Interprets: []int64{3}}
	notice := Item{ID: 9, Title: "公示", Kind: Notice, State: Published,
		Period: NoticePeriod{Start: day(2025, 3, 10), End: day(2025, 3, 16), ObjectTo: "x"}}
	openNotice := notice
	openNotice.Period.End = day(2025, 3, 17)
	result := Item{ID: 10, Kind: General, ResultOf: 9}
	cases := []struct {
		name   string
		it     Item
		docs   []Item
		notice Item
		want   apperr.Code
	}{
		{"document published", interp, []Item{doc}, Item{}, ""},
		{"document not yet published", interp, []Item{doc, draftDoc}, Item{}, apperr.Conflict},
		{"an interpretation of an interpretation", interp, []Item{{Title: "另一篇解读", Kind: Interpretation, State: Published}}, Item{}, apperr.Invalid},
		{"result after the period", result, nil, notice, ""},
		{"result on the last day", result, nil, openNotice, apperr.Conflict},
		{"result of a withdrawn notice", result, nil, Item{Kind: Notice, State: Withdrawn, Period: notice.Period}, apperr.Conflict},
		{"result of something else", result, nil, doc, apperr.Invalid},
		{"a notice on its last day", openNotice, nil, Item{}, ""},
		{"a notice after its period", notice, nil, Item{}, apperr.Conflict},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := CheckLinks(c.it, c.docs, c.notice, now)
			if c.want == "" && err != nil || c.want != "" && !apperr.Is(err, c.want) {
				t.Fatalf("err = %v, want %q", err, c.want)
			}
		})
	}
}

func TestHeadings(t *testing.T) {
	tax := DefaultTaxonomy()
	def := DefaultHeadings()
	if len(def) != 15 {
		t.Fatalf("第二十条 has fifteen items, defaults have %d", len(def))
	}
	if _, err := CheckHeadings(def, tax); err != nil {
		t.Fatalf("defaults do not check: %v", err)
	}
	for _, c := range []struct {
		name string
		hs   []Heading
		ok   bool
	}{
		{"none", nil, false},
		{"sector heading", []Heading{{Title: " 医疗机构设置审批 ", Article: "卫生健康领域基层政务公开标准目录", Topics: []string{"licensing", "health", "health"}}}, true},
		{"no title", []Heading{{Topics: []string{"health"}}}, false},
		{"twice", []Heading{{Title: "a", Topics: []string{"health"}}, {Title: "a", Topics: []string{"other"}}}, false},
		{"unknown topic", []Heading{{Title: "a", Topics: []string{"nope"}}}, false},
		{"no topic", []Heading{{Title: "a"}}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			out, err := CheckHeadings(c.hs, tax)
			if (err == nil) != c.ok {
				t.Fatalf("err = %v", err)
			}
			if c.ok && (out[0].Title != "医疗机构设置审批" || len(out[0].Topics) != 2) {
				t.Fatalf("out = %+v", out)
			}
		})
	}
}

func TestGaps(t *testing.T) {
	hs := []Heading{
		{Title: "机构职能", Topics: []string{"A", "B"}},
		{Title: "规范性文件", Topics: []string{"C"}},
		{Title: "未知分类", Topics: nil}, // adapted away by HeadingsFor: always a gap
	}
	for _, c := range []struct {
		published map[string]int
		want      int
	}{
		{nil, 3},
		{map[string]int{"B": 1}, 2},
		{map[string]int{"A": 2, "C": 1}, 1},
		{map[string]int{"A": 0, "D": 9}, 3},
	} {
		if got := Gaps(hs, c.published); got != c.want {
			t.Errorf("Gaps(%v) = %d, want %d", c.published, got, c.want)
		}
	}
}
