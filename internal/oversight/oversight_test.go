package oversight

import (
	"strings"
	"testing"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/annualreport"
	"gongkai/internal/apperr"
)

// weekdays is a calendar of Monday–Friday working days (no holidays), enough for the rules.
type weekdays struct{}

func (weekdays) Add(from time.Time, n int) time.Time {
	d := from
	for n > 0 {
		d = d.AddDate(0, 0, 1)
		if d.Weekday() != time.Saturday && d.Weekday() != time.Sunday {
			n--
		}
	}
	return d
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestStateOfReport(t *testing.T) {
	for _, c := range []struct {
		saved, published, late bool
		want                   ReportState
	}{
		{false, false, false, ReportNone},
		{true, false, false, ReportDraft},
		{true, true, false, ReportPublished},
		{true, true, true, ReportLate},
		{true, false, true, ReportMissing},
		{false, false, true, ReportMissing},
	} {
		if got := StateOfReport(c.saved, c.published, c.late); got != c.want {
			t.Errorf("StateOfReport(%v, %v, %v) = %s, want %s", c.saved, c.published, c.late, got, c.want)
		}
	}
	if !ReportMissing.Bad() || !ReportLate.Bad() || ReportDraft.Bad() || ReportPublished.Bad() {
		t.Error("Bad: only late and missing break 第四十九条")
	}
}

func TestSort(t *testing.T) {
	rows := func() []Row {
		return []Row{
			{Agency: "乙局", Open: 3, Overdue: 1, Report: ReportPublished, LatePublished: 1, Score: 80, Scored: true,
				HeadingGaps: 2, Documents: 4, Interpreted: 1, QuestionsOverdue: 0},
			{Agency: "甲局", Open: 3, Overdue: 0, Report: ReportMissing, Unpublished: 4, Score: 60, Scored: true,
				HeadingGaps: 0, Documents: 2, Interpreted: 2, QuestionsOverdue: 3},
			{Agency: "丙局", Open: 7, Overdue: 2, Report: ReportDraft, HeadingGaps: 5, QuestionsOverdue: 1},
		}
	}
	names := func(rs []Row) string {
		var s []string
		for _, r := range rs {
			s = append(s, r.Agency)
		}
		return strings.Join(s, ",")
	}
	for _, c := range []struct {
		key  string
		desc bool
		want string
	}{
		{"open", true, "丙局,乙局,甲局"}, // ties by name (乙 < 甲 in code points)
		{"open", false, "乙局,甲局,丙局"},
		{"overdue", true, "丙局,乙局,甲局"},
		{"late", true, "甲局,乙局,丙局"},    // late = late published + unpublished
		{"report", false, "甲局,丙局,乙局"}, // missing before draft before published
		{"score", false, "甲局,乙局,丙局"},  // lowest first, an agency without a score last
		{"score", true, "丙局,乙局,甲局"},
		{"gaps", true, "丙局,乙局,甲局"},
		{"interpretation", false, "乙局,甲局,丙局"}, // 25% before 100%, no documents last
		{"questions", true, "甲局,丙局,乙局"},
		{"nonsense", false, "丙局,乙局,甲局"},
	} {
		rs := rows()
		Sort(rs, c.key, c.desc)
		if got := names(rs); got != c.want {
			t.Errorf("Sort(%s, %v) = %s, want %s", c.key, c.desc, got, c.want)
		}
	}
	tot := Totals(rows())
	if tot.Open != 13 || tot.Overdue != 3 || tot.Late() != 5 {
		t.Errorf("Totals = %+v", tot)
	}
}

func TestNoticeStatus(t *testing.T) {
	due := day(2026, 3, 13) // a Friday
	n := Notice{Subject: "整改", Agency: "区卫健局", Due: due}
	for _, c := range []struct {
		today time.Time
		want  NoticeStatus
	}{
		{day(2026, 3, 9), NoticeOpen},     // Monday: the 2nd working day after is Wednesday
		{day(2026, 3, 11), NoticeDueSoon}, // Wednesday + 2 = Friday
		{day(2026, 3, 13), NoticeDueSoon}, // the due day itself is still in time
		{day(2026, 3, 14), NoticeOverdue},
	} {
		if got := n.Status(weekdays{}, c.today); got != c.want {
			t.Errorf("Status on %s = %s, want %s", c.today.Format("01-02"), got, c.want)
		}
	}
	// Answered on the due day at 23:00 Beijing time (15:00 UTC): on time.
	onTime := n
	onTime.AnsweredAt = time.Date(2026, 3, 13, 15, 0, 0, 0, time.UTC)
	if got := onTime.Status(weekdays{}, day(2026, 4, 1)); got != NoticeAnswered || !onTime.AnsweredOnTime() {
		t.Errorf("answered on the due day: %s", got)
	}
	// 00:30 the next day in Beijing (16:30 UTC on the due day): late.
	late := n
	late.AnsweredAt = time.Date(2026, 3, 13, 16, 30, 0, 0, time.UTC)
	if got := late.Status(weekdays{}, day(2026, 4, 1)); got != NoticeAnsweredLate || late.AnsweredOnTime() {
		t.Errorf("answered after the due day: %s", got)
	}
}

func TestNoticeReminders(t *testing.T) {
	n := Notice{Subject: "整改", Agency: "区卫健局", Due: day(2026, 3, 13)}
	if rs := n.Reminders(weekdays{}, day(2026, 3, 9)); len(rs) != 0 {
		t.Errorf("open notice reminds: %v", rs)
	}
	rs := n.Reminders(weekdays{}, day(2026, 3, 12))
	if len(rs) != 1 || !rs[0].ToAgency || !strings.Contains(rs[0].Text, "2026年3月13日") {
		t.Errorf("due soon: %+v", rs)
	}
	rs = n.Reminders(weekdays{}, day(2026, 3, 16))
	if len(rs) != 2 || !rs[0].ToAgency || rs[1].ToAgency || !strings.Contains(rs[1].Text, "区卫健局") {
		t.Errorf("overdue: %+v", rs)
	}
	n.AnsweredAt = time.Date(2026, 3, 16, 2, 0, 0, 0, time.UTC)
	if rs := n.Reminders(weekdays{}, day(2026, 3, 17)); len(rs) != 0 {
		t.Errorf("answered notice reminds: %v", rs)
	}
}

func TestNoticeValidate(t *testing.T) {
	today := day(2026, 3, 9)
	ok := Notice{AgencyID: 1, Subject: " 整改 ", Body: "请答复", Due: day(2026, 3, 20)}
	if err := ok.Validate(today); err != nil || ok.Subject != "整改" {
		t.Fatalf("valid notice: %v %q", err, ok.Subject)
	}
	for name, n := range map[string]Notice{
		"no agency":    {Subject: "a", Body: "b", Due: day(2026, 3, 20)},
		"no subject":   {AgencyID: 1, Body: "b", Due: day(2026, 3, 20)},
		"no body":      {AgencyID: 1, Subject: "a", Due: day(2026, 3, 20)},
		"no due":       {AgencyID: 1, Subject: "a", Body: "b"},
		"due today":    {AgencyID: 1, Subject: "a", Body: "b", Due: today},
		"due too late": {AgencyID: 1, Subject: "a", Body: "b", Due: day(2027, 4, 1)},
		"long subject": {AgencyID: 1, Subject: strings.Repeat("字", MaxSubject+1), Body: "b", Due: day(2026, 3, 20)},
	} {
		if err := n.Validate(today); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := CheckAnswer(Notice{}, "  "); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("empty answer: %v", err)
	}
	if _, err := CheckAnswer(Notice{AnsweredAt: today}, "再答"); !apperr.Is(err, apperr.Conflict) {
		t.Errorf("second answer: %v", err)
	}
	if a, err := CheckAnswer(Notice{}, " 已整改 "); err != nil || a != "已整改" {
		t.Errorf("answer: %q %v", a, err)
	}
}

func TestAuth(t *testing.T) {
	office := account.Principal{UserID: 1, AgencyID: 9, GovernmentID: 1, Roles: []account.Role{account.OpenOffice, account.Clerk}}
	clerk := account.Principal{UserID: 2, AgencyID: 3, GovernmentID: 1, Roles: []account.Role{account.Clerk}}
	reviewer := account.Principal{UserID: 3, AgencyID: 3, GovernmentID: 1, Roles: []account.Role{account.Reviewer}}
	otherOffice := account.Principal{UserID: 4, AgencyID: 20, GovernmentID: 2, Roles: []account.Role{account.OpenOffice}}
	for _, c := range []struct {
		name string
		got  bool
		want bool
	}{
		{"office oversees its government", CanOversee(office, 1), true},
		{"office of another government", CanOversee(otherOffice, 1), false},
		{"clerk does not oversee", CanOversee(clerk, 1), false},
		{"system (系统管理员) oversees for the jobs", CanOversee(account.System(), 1), true},
		{"system sends no notice", CanSend(account.System(), 1), false},
		{"public", CanOversee(account.Public(), 1), false},
		{"office sends", CanSend(office, 1), true},
		{"clerk reads own agency's notice", CanReadNotice(clerk, 3, 1), true},
		{"clerk does not read another agency's", CanReadNotice(clerk, 4, 1), false},
		{"clerk answers", CanAnswer(clerk, 3), true},
		{"reviewer does not answer", CanAnswer(reviewer, 3), false},
		{"office does not answer for the agency", CanAnswer(office, 3), false},
	} {
		if c.got != c.want {
			t.Errorf("%s: %v, want %v", c.name, c.got, c.want)
		}
	}
}

func TestDistributionAndMedian(t *testing.T) {
	days := []int{0, 3, 5, 6, 12, 20, 21, 40, 41, 90}
	b := Distribution(days)
	want := []int{1, 2, 1, 1, 1, 2, 2}
	for i, w := range want {
		if b[i].N != w || b[i].Of != len(days) {
			t.Errorf("bucket %s = %d of %d, want %d", b[i].Label, b[i].N, b[i].Of, w)
		}
	}
	if p := b[1].Percent(); p != 20 {
		t.Errorf("percent %v", p)
	}
	for _, c := range []struct {
		days []int
		want float64
		ok   bool
	}{
		{nil, 0, false}, {[]int{7}, 7, true}, {[]int{9, 1, 4}, 4, true}, {[]int{1, 2, 3, 10}, 2.5, true},
	} {
		if m, ok := Median(c.days); m != c.want || ok != c.ok {
			t.Errorf("Median(%v) = %v %v", c.days, m, ok)
		}
	}
}

func TestSharesFromCells(t *testing.T) {
	// A 2021-format report: the derived （六） sum is present beside its three rows.
	cells := annualreport.Cells{}
	set := func(row string, v float64) { cells.Set("applications."+row+".total", v) }
	set("new", 40)
	set("granted", 20)
	set("partial", 5)
	set("withheld.third_party", 3)
	set("withheld.process_info", 1)
	set("unavailable.not_held", 6)
	set("not_processed.repeated", 1)
	set("other.no_correction", 2)
	set("other.other", 2)
	set("other", 4)
	set("total", 40)
	cells.Set("applications.granted.natural_person", 20)
	cells.SetNull("applications.partial.business")
	f := Figures{Rows: RowsFromCells(cells)}
	if f.Replied() != 40 {
		t.Fatalf("replied %v, rows %v", f.Replied(), f.Rows)
	}
	got := map[string]float64{}
	for _, s := range f.Outcomes() {
		got[s.Key] = s.Percent()
	}
	for k, want := range map[string]float64{"granted": 50, "partial": 12.5, "withheld": 10, "unavailable": 15, "not_processed": 2.5, "other": 10} {
		if got[k] != want {
			t.Errorf("%s share %v, want %v", k, got[k], want)
		}
	}
	w := f.Withheld()
	if w[3].Key != "withheld.third_party" || w[3].Percent() != 75 || w[5].Percent() != 25 {
		t.Errorf("withheld shares %+v", w)
	}
	// A 2019-format report has one （六） row.
	c19 := annualreport.Cells{}
	c19.Set("applications.other.total", 3)
	c19.Set("applications.granted.total", 1)
	if f := (Figures{Rows: RowsFromCells(c19)}); f.Replied() != 4 || f.Outcomes()[5].N != 3 {
		t.Errorf("2019 rows %v", f.Rows)
	}
	// Peers sum.
	var g Figures
	g.Add(Figures{Rows: map[string]float64{"granted": 2}, Days: []int{1}, OnTime: 1})
	g.Add(Figures{Rows: map[string]float64{"granted": 3, "partial": 1}, Days: []int{30}})
	if g.Agencies != 2 || g.Rows["granted"] != 5 || len(g.Days) != 2 || g.OnTime != 1 {
		t.Errorf("peers %+v", g)
	}
}

func TestKindOfName(t *testing.T) {
	for name, want := range map[string]string{
		"清河区人民政府": "government", "清河区人民政府办公室": "government", "某省人民政府办公厅": "government",
		"清河区卫生健康局": "department", "某镇人民政府街道办": "department",
	} {
		if got := KindOfName(name); got != want {
			t.Errorf("KindOfName(%s) = %s, want %s", name, got, want)
		}
	}
}

func TestComputeScore(t *testing.T) {
	for _, c := range []struct {
		name   string
		in     ScoreInput
		total  float64
		scored bool
	}{
		{"nothing measurable", ScoreInput{Year: 2025}, 0, false},
		{"all perfect", ScoreInput{Replied: 10, RepliedOnTime: 10, Judged: 4, PublishedOnTime: 4, ReportDue: true, ReportPublished: true, ReportOnTime: true, NoticesDue: 1, NoticesOnTime: 1}, 100, true},
		// replies 8/10 (24 of 30), publication 1/2 (15 of 30), report late (0 of 15),
		// checks passed (10 of 10), no notices (not applicable): 49 / 85.
		{"mixed", ScoreInput{Replied: 10, RepliedOnTime: 8, Judged: 2, PublishedOnTime: 1, ReportDue: true, ReportPublished: true}, 57.6, true},
		// The report not yet due nor published: neither report criterion applies.
		{"report not due", ScoreInput{Replied: 4, RepliedOnTime: 3}, 75, true},
		// Past the deadline and unpublished: 0 of 15 for the deadline, checks not applicable.
		{"report missing", ScoreInput{Replied: 4, RepliedOnTime: 4, ReportDue: true}, 66.7, true},
		{"findings", ScoreInput{ReportPublished: true, ReportOnTime: true, ReportFindings: 2}, 60, true},
		// The column's criteria (10 each): headings 3 of 4 filled (7.5), 解读 1 of 4
		// documents (2.5), 互动 3 of 4 on time (7.5): 17.5 / 30.
		{"column", ScoreInput{Headings: 4, HeadingsFilled: 3, Catalogued: true, Documents: 4, Interpreted: 1, QuestionsDue: 4, QuestionsOnTime: 3}, 58.3, true},
		// Headings with nothing published by the year's end: the agency had no catalog yet,
		// the criterion does not apply.
		{"no catalog yet", ScoreInput{Headings: 15, Replied: 2, RepliedOnTime: 2}, 100, true},
		{"empty catalog headings", ScoreInput{Headings: 15, Catalogued: true, Replied: 2, RepliedOnTime: 2}, 75, true},
		// Every criterion at once: replies 30, publication 15 of 30, the report 15 + 10,
		// notices 0 of 15, headings 10, 解读 5 of 10, 互动 0 of 10: 85 / 130.
		{"all criteria", ScoreInput{Replied: 1, RepliedOnTime: 1, Judged: 2, PublishedOnTime: 1, ReportDue: true, ReportPublished: true, ReportOnTime: true,
			NoticesDue: 1, Headings: 2, HeadingsFilled: 2, Catalogued: true, Documents: 2, Interpreted: 1, QuestionsDue: 3}, 65.4, true},
	} {
		s := ComputeScore(c.in)
		if s.Total != c.total || s.Scored != c.scored {
			t.Errorf("%s: %v (scored %v), want %v", c.name, s.Total, s.Scored, c.total)
		}
		if len(s.Results) != len(Criteria) {
			t.Errorf("%s: %d results", c.name, len(s.Results))
		}
	}
}

func TestInterpretationRatio(t *testing.T) {
	for _, c := range []struct {
		interpreted, documents int
		ratio                  float64
		ok                     bool
		shown                  string
	}{
		{0, 0, 0, false, "—"},
		{0, 3, 0, true, "0.0%"},
		{55, 153, 55.0 / 153, true, "35.9%"}, // seed 003: 55 解读 of 153 documents
		{2, 2, 1, true, "100.0%"},
	} {
		got, ok := InterpretationRatio(c.interpreted, c.documents)
		if got != c.ratio || ok != c.ok {
			t.Errorf("InterpretationRatio(%d, %d) = %v %v", c.interpreted, c.documents, got, ok)
		}
		if s := (Row{Interpreted: c.interpreted, Documents: c.documents}).InterpretationPercent(); s != c.shown {
			t.Errorf("InterpretationPercent(%d/%d) = %s, want %s", c.interpreted, c.documents, s, c.shown)
		}
	}
	t1 := Totals([]Row{{Documents: 4, Interpreted: 1, HeadingGaps: 2, QuestionsOverdue: 1}, {Documents: 0, HeadingGaps: 1, QuestionsOverdue: 2}, {Documents: 4, Interpreted: 3}})
	if t1.HeadingGaps != 3 || t1.QuestionsOverdue != 3 || t1.InterpretationPercent() != "50.0%" {
		t.Errorf("totals: %+v (%s)", t1, t1.InterpretationPercent())
	}
}
