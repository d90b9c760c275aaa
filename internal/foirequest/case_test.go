package foirequest

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gongkai/internal/apperr"
	"gongkai/internal/workday"
)

var update = flag.Bool("update", false, "rewrite golden files")

func dd(s string) time.Time {
	t, err := workday.ParseDay(s)
	if err != nil {
		panic(err)
	}
	return t
}

// ev builds an event on a day with a reason.
func ev(t EventType, day string, f ...func(*Event)) Event {
	e := Event{Type: t, Day: dd(day), UserID: 7, Reason: "说明"}
	for _, fn := range f {
		fn(&e)
	}
	return e
}

func reply(r ReplyType) func(*Event)   { return func(e *Event) { e.Reply = r } }
func days(n int) func(*Event)          { return func(e *Event) { e.Days = n } }
func party(p Party) func(*Event)       { return func(e *Event) { e.Party = p } }
func amount(n int) func(*Event)        { return func(e *Event) { e.Amount = n } }
func approved(who string) func(*Event) { return func(e *Event) { e.ApprovedBy = who } }
func sent(m NoticeMethod) func(*Event) { return func(e *Event) { e.Method = m } }

func replay(t *testing.T, events ...Event) *Case {
	t.Helper()
	c, err := Replay(events, nil)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestSimpleCase(t *testing.T) {
	c := replay(t,
		ev(EventRegistered, "2025-09-26"),
		ev(EventAccepted, "2025-09-26"),
	)
	ex := c.Explain(nil, dd("2025-10-09"))
	if !ex.Due.Equal(dd("2025-10-30")) || ex.Status != StatusOnTrack || ex.WorkdaysLeft != 16 {
		t.Fatalf("due %s status %s left %d", workday.Format(ex.Due), ex.Status, ex.WorkdaysLeft)
	}
	if len(ex.Counted) != 20 || !ex.Counted[0].Day.Equal(dd("2025-09-28")) || ex.Counted[19].N != 20 {
		t.Errorf("counted = %+v", ex.Counted)
	}
	if _, st := c.Due(nil, dd("2025-10-24")); st != StatusDueSoon { // 10/27–10/30 left: 4
		t.Errorf("status on 10/24 = %s", st)
	}
	if _, st := c.Due(nil, dd("2025-10-31")); st != StatusOverdue {
		t.Errorf("status on 10/31 = %s", st)
	}
	if err := c.Apply(handler, ev(EventReplied, "2025-10-20", reply(ReplyGranted)), nil); err != nil {
		t.Fatal(err)
	}
	ex = c.Explain(nil, dd("2026-01-01"))
	if ex.Status != StatusClosedOnTime || c.State != StateReplied || c.Outcome != ReplyGranted {
		t.Errorf("after reply: %s %s %s", ex.Status, c.State, c.Outcome)
	}
}

func TestOnTheSpotReplyAndLateReply(t *testing.T) {
	c := replay(t, ev(EventRegistered, "2025-09-26"), ev(EventReplied, "2025-09-26", reply(ReplyPublished)))
	if c.Record(NaturalPerson).Outcome.Row() != "granted" {
		t.Error("published must count as granted")
	}
	c = replay(t, ev(EventRegistered, "2025-09-26"), ev(EventAccepted, "2025-09-29"), ev(EventReplied, "2025-10-31", reply(ReplyNonexistent)))
	if _, st := c.Due(nil, dd("2025-11-30")); st != StatusClosedLate {
		t.Errorf("late reply status = %s", st)
	}
}

func TestTransitions(t *testing.T) {
	base := []Event{ev(EventRegistered, "2025-09-26"), ev(EventAccepted, "2025-09-26")}
	tests := []struct {
		name   string
		events []Event
		code   apperr.Code
		msg    string
	}{
		{"not registered", []Event{ev(EventAccepted, "2025-09-26")}, apperr.Conflict, "申请尚未登记，不能受理"},
		{"registered twice", append(base, ev(EventRegistered, "2025-09-27")), apperr.Conflict, "申请已经登记，不能重复登记"},
		{"accepted twice", append(base, ev(EventAccepted, "2025-09-27")), apperr.Conflict, "申请当前状态为“办理中”，不能受理"},
		{"day goes back", append(base, ev(EventReplied, "2025-09-25", reply(ReplyGranted))), apperr.Conflict,
			"作出答复的日期（2025年9月25日）不能早于上一步骤的日期（2025年9月26日）"},
		{"reply while consulting", append(base, ev(EventConsultationStarted, "2025-09-29", party(PartyThirdParty)), ev(EventReplied, "2025-10-09", reply(ReplyGranted))),
			apperr.Conflict, "正在征求第三方意见（提出意见的期限至2025年10月27日），请先记录征求意见结束，再作出答复"},
		{"reply while fee pending", append(base, ev(EventFeeNotified, "2025-09-29", amount(100)), ev(EventReplied, "2025-10-09", reply(ReplyGranted))),
			apperr.Conflict, "收费通知尚未办结，请先记录缴费或逾期未缴费"},
		{"consult before accepting", []Event{ev(EventRegistered, "2025-09-26"), ev(EventConsultationStarted, "2025-09-29", party(PartyOrgan))},
			apperr.Conflict, "申请当前状态为“已登记”，不能征求意见"},
		{"after reply", append(base, ev(EventReplied, "2025-09-29", reply(ReplyGranted)), ev(EventWithdrawn, "2025-09-30")),
			apperr.Conflict, "申请已办结（已答复），不能再申请人撤回申请"},
		{"late correction notice", []Event{ev(EventRegistered, "2025-09-26"), ev(EventCorrectionRequested, "2025-10-14", days(10))},
			apperr.Conflict, "补正通知应当自收到申请之日起7个工作日内发出（第三十条），期限已于2025年10月13日届满"},
		{"second correction notice", []Event{ev(EventRegistered, "2025-09-26"), ev(EventCorrectionRequested, "2025-09-29", days(10)), ev(EventCorrected, "2025-10-10"), ev(EventCorrectionRequested, "2025-10-11", days(5))},
			apperr.Conflict, "补正通知只能一次性发出（第三十条），本申请已于2025年9月29日发出过补正通知"},
		{"early abandonment", []Event{ev(EventRegistered, "2025-09-26"), ev(EventCorrectionRequested, "2025-09-29", days(10)), ev(EventNoCorrection, "2025-10-17")},
			apperr.Conflict, "补正期限至2025年10月20日届满，届满前不能视为放弃申请（第三十条）"},
		{"early fee abandonment", append(base, ev(EventFeeNotified, "2025-09-29", amount(300)), ev(EventFeeUnpaid, "2025-10-27")),
			apperr.Conflict, "缴费期限至2025年11月3日届满，届满前不能视为放弃申请"},
		{"extension after first deadline", append(base, ev(EventExtended, "2025-10-31", days(20), approved("王主任"))),
			apperr.Conflict, "答复期限已于2025年10月30日届满，延长答复期限应当在期限届满前经负责人同意并告知申请人（第三十三条第二款）"},
		{"second extension", append(base, ev(EventExtended, "2025-10-09", days(10), approved("王主任")), ev(EventExtended, "2025-10-10", days(10), approved("王主任"))),
			apperr.Conflict, "答复期限已于2025年10月9日延长过，只能延长一次（第三十三条第二款）"},
		{"extension too long", append(base, ev(EventExtended, "2025-10-09", days(21), approved("王主任"))),
			apperr.Invalid, "延长的期限应为1至20个工作日（第三十三条第二款）"},
		{"extension without approver", append(base, ev(EventExtended, "2025-10-09", days(20))),
			apperr.Invalid, "延长答复期限须经政府信息公开工作机构负责人同意，请填写同意的负责人"},
		{"still unclear without correction", append(base, ev(EventReplied, "2025-10-09", reply(ReplyStillUnclear))),
			apperr.Conflict, "只有收到补正后的申请，才能以“补正后申请内容仍不明确”答复"},
		{"fee-unpaid as reply", append(base, ev(EventReplied, "2025-10-09", reply(ReplyFeeUnpaid))),
			apperr.Conflict, "“其他处理：申请人逾期未按收费通知要求缴纳费用，不再处理”应通过记录“逾期未缴费，视为放弃申请”办理，不能直接答复"},
		{"unknown reply", append(base, ev(EventReplied, "2025-10-09", reply("maybe"))), apperr.Invalid, "请选择答复类型"},
		{"no party", append(base, ev(EventConsultationStarted, "2025-10-09")), apperr.Invalid, "请选择征求意见的对象（第三方或其他行政机关）"},
		{"no fee amount", append(base, ev(EventFeeNotified, "2025-10-09")), apperr.Invalid, "收费金额应为正数（元）"},
		{"no reason", append(base, ev(EventWithdrawn, "2025-10-09", func(e *Event) { e.Reason = " " })), apperr.Invalid, "请填写申请人撤回申请的理由或说明"},
		{"no day", append(base, Event{Type: EventWithdrawn, Reason: "x"}), apperr.Invalid, "请填写申请人撤回申请的日期"},
		{"day after recording", append(base, ev(EventWithdrawn, "2025-10-09", func(e *Event) { e.At = time.Date(2025, 10, 8, 10, 0, 0, 0, time.UTC) })),
			apperr.Invalid, "申请人撤回申请的日期（2025年10月9日）不能晚于记录时间"},
		{"unknown event", append(base, ev("teleported", "2025-10-09")), apperr.Invalid, "未知的办理步骤“teleported”"},
	}
	for _, tt := range tests {
		_, err := Replay(tt.events, nil)
		if !apperr.Is(err, tt.code) || apperr.MessageOf(err) != tt.msg {
			t.Errorf("%s: err = %v, want %s %q", tt.name, err, tt.code, tt.msg)
		}
	}
}

func TestApplyIsAtomic(t *testing.T) {
	c := replay(t, ev(EventRegistered, "2025-09-26"), ev(EventAccepted, "2025-09-26"))
	before := len(c.Events)
	if err := c.Apply(handler, ev(EventExtended, "2025-11-20", days(20), approved("王主任")), nil); err == nil {
		t.Fatal("late extension accepted")
	}
	if len(c.Events) != before || c.Extension != nil || c.State != StateInProgress {
		t.Error("a refused event changed the case")
	}
	if _, err := Replay(nil, nil); !apperr.Is(err, apperr.Invalid) {
		t.Error("empty replay must be invalid")
	}
	var ae *apperr.Error
	_, err := Replay([]Event{ev(EventAccepted, "2025-09-26")}, nil)
	if !errors.As(err, &ae) || !strings.Contains(err.Error(), "replay event 1") {
		t.Errorf("replay error must say which event: %v", err)
	}
}

func TestAllowed(t *testing.T) {
	c := replay(t, ev(EventRegistered, "2025-09-26"))
	got := c.Allowed()
	want := []EventType{EventAccepted, EventCorrectionRequested, EventReplied, EventWithdrawn}
	if len(got) != len(want) {
		t.Fatalf("Allowed = %v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("Allowed = %v, want %v", got, want)
		}
	}
	c = replay(t, ev(EventRegistered, "2025-09-26"), ev(EventWithdrawn, "2025-09-27"))
	if len(c.Allowed()) != 0 {
		t.Errorf("closed case allows %v", c.Allowed())
	}
}

// TestCorrection: the 20 days restart from the day the corrected application arrives.
func TestCorrection(t *testing.T) {
	c := replay(t,
		ev(EventRegistered, "2025-09-26"),
		ev(EventCorrectionRequested, "2025-10-09", days(10), func(e *Event) { e.Reason = "请明确所需文件的名称或文号" }),
	)
	ex := c.Explain(nil, dd("2025-10-10"))
	if ex.Status != StatusAwaitingCorrection || !ex.Due.IsZero() || !ex.CorrectionDue.Equal(dd("2025-10-22")) {
		t.Fatalf("awaiting: %s due %v correction due %s", ex.Status, ex.Due, workday.Format(ex.CorrectionDue))
	}
	if err := c.Apply(handler, ev(EventCorrected, "2025-10-15"), nil); err != nil {
		t.Fatal(err)
	}
	ex = c.Explain(nil, dd("2025-10-15"))
	if !ex.Start.Equal(dd("2025-10-15")) || !ex.Due.Equal(dd("2025-11-12")) {
		t.Errorf("start %s due %s", workday.Format(ex.Start), workday.Format(ex.Due))
	}
	if err := c.Apply(handler, ev(EventReplied, "2025-11-10", reply(ReplyStillUnclear)), nil); err != nil {
		t.Fatal(err)
	}
	golden(t, "explain_correction", c.Explain(nil, dd("2025-12-01")).Lines())

	c = replay(t, ev(EventRegistered, "2025-09-26"), ev(EventCorrectionRequested, "2025-09-29", days(10)), ev(EventNoCorrection, "2025-10-21"))
	if c.State != StateAbandoned || c.Outcome != ReplyNoCorrection || c.Record(Business).Outcome.Row() != "other.no_correction" {
		t.Errorf("abandoned: %s %s", c.State, c.Outcome)
	}
	golden(t, "explain_no_correction", c.Explain(nil, dd("2025-12-01")).Lines())
}

// TestPausesAndExtension: consultation and fee notice stop the clock; the extension adds
// 20 working days.
func TestPausesAndExtension(t *testing.T) {
	events := []Event{
		ev(EventRegistered, "2025-09-01"),
		ev(EventAccepted, "2025-09-02"),
		ev(EventConsultationStarted, "2025-09-10", party(PartyThirdParty), func(e *Event) { e.Reason = "涉及企业商业秘密，书面征求第三方意见" }),
	}
	c := replay(t, events...)
	// Open pause: provisional due as if it ended on the as-of day.
	ex := c.Explain(nil, dd("2025-09-15"))
	if ex.Status != StatusPaused || !ex.Provisional || ex.Pauses[0].WorkingDays != 3 {
		t.Fatalf("open pause: %+v", ex)
	}
	// Without the pause 2025-09-01 + 20 = 2025-09-29; 3 paused working days (9/11, 9/12, 9/15) push it to 10/09.
	if !ex.Due.Equal(dd("2025-10-09")) {
		t.Errorf("provisional due %s", workday.Format(ex.Due))
	}
	// 15 working days from 9/10, counting the make-up Sunday 9/28.
	if !ex.Pauses[0].AnswerDue.Equal(dd("2025-09-30")) {
		t.Errorf("third party answer due %s", workday.Format(ex.Pauses[0].AnswerDue))
	}
	more := []Event{
		ev(EventConsultationEnded, "2025-09-24", func(e *Event) { e.Reason = "第三方书面回复不同意公开" }),
		ev(EventFeeNotified, "2025-09-25", amount(700), sent(NoticeInPerson), func(e *Event) { e.FeeMethod, e.Pages = FeeMethodPage, 100 }, func(e *Event) { e.Reason = "申请公开的信息共100页，按量计收" }),
		ev(EventFeePaid, "2025-09-30"),
		ev(EventExtended, "2025-10-15", days(20), approved("王主任"), func(e *Event) { e.Reason = "需调阅档案" }),
	}
	for _, e := range more {
		if err := c.Apply(handler, e, nil); err != nil {
			t.Fatal(err)
		}
	}
	ex = c.Explain(nil, dd("2025-10-16"))
	// Paused: 9/11–9/24 (10 working days) and 9/26–9/30 (9/26, 9/28, 9/29, 9/30: 4 working days).
	if ex.Pauses[0].WorkingDays != 10 || ex.Pauses[1].WorkingDays != 4 || ex.Provisional {
		t.Errorf("pauses %+v", ex.Pauses)
	}
	if !ex.FirstDue.Equal(dd("2025-10-23")) || !ex.Due.Equal(dd("2025-11-20")) || ex.Limit != 40 {
		t.Errorf("first due %s due %s limit %d", workday.Format(ex.FirstDue), workday.Format(ex.Due), ex.Limit)
	}
	if err := c.Apply(handler, ev(EventReplied, "2025-11-20", reply(ReplyThirdParty)), nil); err != nil {
		t.Fatal(err)
	}
	golden(t, "explain_pauses", c.Explain(nil, dd("2025-12-01")).Lines())

	// The fee unpaid for 20 working days: abandoned.
	c = replay(t, ev(EventRegistered, "2025-09-01"), ev(EventAccepted, "2025-09-01"), ev(EventFeeNotified, "2025-09-02", amount(100), func(e *Event) { e.Reason = "本月第11件申请" }), ev(EventFeeUnpaid, "2025-10-09"))
	if c.Outcome != ReplyFeeUnpaid || c.State != StateAbandoned || c.Pauses[0].To.IsZero() {
		t.Errorf("fee unpaid: %+v", c)
	}
	// Withdrawal while consulting closes the pause.
	c = replay(t, ev(EventRegistered, "2025-09-01"), ev(EventAccepted, "2025-09-01"), ev(EventConsultationStarted, "2025-09-02", party(PartyOrgan)), ev(EventWithdrawn, "2025-09-05"))
	if c.Outcome != ReplyOther || c.State != StateWithdrawn || !c.Pauses[0].To.Equal(dd("2025-09-05")) {
		t.Errorf("withdrawn: %+v", c)
	}
}

// TestRecomputeWithCalendar: the due day follows the calendar it is computed with.
func TestRecomputeWithCalendar(t *testing.T) {
	events := []Event{ev(EventRegistered, "2025-09-26"), ev(EventAccepted, "2025-09-26")}
	before, err := Explain(events, nil, dd("2025-10-09"))
	if err != nil {
		t.Fatal(err)
	}
	cal := workday.MustNew(workday.Override{Day: dd("2025-10-20"), Reason: "台风停工"})
	after, err := Explain(events, cal, dd("2025-10-09"))
	if err != nil {
		t.Fatal(err)
	}
	if !before.Due.Equal(dd("2025-10-30")) || !after.Due.Equal(dd("2025-10-31")) {
		t.Errorf("due %s then %s", workday.Format(before.Due), workday.Format(after.Due))
	}
	found := false
	for _, s := range after.Skipped {
		found = found || s.Reason == "台风停工"
	}
	if !found {
		t.Errorf("override missing from skipped days: %+v", after.Skipped)
	}
	// Beyond the holiday table: a warning.
	first, last := workday.CoveredYears()
	_ = first
	far := workday.Day(last+1, 3, 2).Format(time.DateOnly)
	ex, err := Explain([]Event{ev(EventRegistered, far)}, nil, dd(far))
	if err != nil || len(ex.Warnings) != 1 {
		t.Errorf("warnings = %v, %v", ex.Warnings, err)
	}
}

func golden(t *testing.T, name string, lines []string) {
	t.Helper()
	got := strings.Join(lines, "\n") + "\n"
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from %s:\n%s", name, path, got)
	}
}

func TestReplyRows(t *testing.T) {
	reached := map[string]bool{}
	for _, r := range ReplyTypes {
		if r.Label() == string(r) {
			t.Errorf("%s has no label", r)
		}
		if r.Basis() == "" && r != ReplyOther {
			t.Errorf("%s has no legal basis", r)
		}
		reached[r.Row()] = true
	}
	for _, row := range Table3OutcomeRows {
		if !reached[row] {
			t.Errorf("no reply type counts under %s", row)
		}
		delete(reached, row)
	}
	if len(reached) != 0 {
		t.Errorf("reply rows outside table 三: %v", reached)
	}
	if ReplyType("x").Row() != "" || ReplyType("x").Valid() {
		t.Error("unknown reply type")
	}
	if !ReplyPartial.Withholds() || !ReplyInquiry.Withholds() || ReplyNonexistent.Withholds() {
		t.Error("Withholds")
	}
	if got := Remedies(ReplyGranted, "某某区人民政府", "某某区人民法院"); got != "申请人对本答复不服的，可以自知道该行政行为之日起60日内向某某区人民政府申请行政复议，或者自知道该行政行为之日起6个月内依法向某某区人民法院提起行政诉讼。" {
		t.Errorf("remedies: %s", got)
	}
	if got := Remedies(ReplyStateSecret, "", ""); !strings.Contains(got, "应当先申请行政复议") || !strings.Contains(got, "有关行政复议机关") {
		t.Errorf("remedies for a refusal: %s", got)
	}
}

func TestOpenCaseLines(t *testing.T) {
	c := replay(t,
		ev(EventRegistered, "2026-02-10"),
		ev(EventAccepted, "2026-02-11"),
		ev(EventConsultationStarted, "2026-03-02", party(PartyOrgan), func(e *Event) { e.Reason = "征求市财政局意见" }),
	)
	golden(t, "explain_open_paused", c.Explain(nil, dd("2026-03-10")).Lines())
	if err := c.Apply(handler, ev(EventConsultationEnded, "2026-03-12"), nil); err != nil {
		t.Fatal(err)
	}
	ex := c.Explain(nil, dd("2026-03-31"))
	if ex.Status != StatusOverdue {
		t.Fatalf("status %s, due %s", ex.Status, workday.Format(ex.Due))
	}
	golden(t, "explain_open_overdue", ex.Lines())
	ex = c.Explain(nil, dd("2026-03-20"))
	if ex.Status != StatusDueSoon {
		t.Fatalf("status %s, due %s, left %d", ex.Status, workday.Format(ex.Due), ex.WorkdaysLeft)
	}
}
