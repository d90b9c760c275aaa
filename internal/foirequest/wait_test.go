package foirequest

import (
	"strings"
	"testing"
	"time"

	"gongkai/internal/apperr"
	"gongkai/internal/workday"
)

func receipt(day string) func(*Event) { return func(e *Event) { e.Receipt = dd(day) } }
func mailDays(n int) func(*Event)     { return func(e *Event) { e.MailDays = n } }

// TestReceiptByChannel: the periods of the waiting states count from the addressee's
// receipt of the notice, by how it was sent. November 2025 has no holidays.
func TestReceiptByChannel(t *testing.T) {
	cal := workday.MustNew()
	for _, tt := range []struct {
		name     string
		notice   func(*Event)
		extra    []func(*Event)
		receipt  string
		assumed  bool
		feeEnd   string // 20 working days from the receipt
		sentence string
	}{
		{"in person: that day", sent(NoticeInPerson), nil, "2025-11-03", false, "2025-12-01", "当面送达，当日收到"},
		{"electronic: that day", sent(NoticeElectronic), nil, "2025-11-03", false, "2025-12-01", "电子方式送达，当日收到"},
		{"electronic, read later as recorded", sent(NoticeElectronic), []func(*Event){receipt("2025-11-05")}, "2025-11-05", false, "2025-12-03", "电子方式送达，2025年11月5日收到"},
		{"mail, signed for", sent(NoticeMail), []func(*Event){receipt("2025-11-06")}, "2025-11-06", false, "2025-12-04", "邮寄送达，2025年11月6日签收"},
		{"mail, default allowance", sent(NoticeMail), nil, "2025-11-08", true, "2025-12-05", "按邮寄在途5日推定2025年11月8日收到"},
		{"mail, configured allowance", sent(NoticeMail), []func(*Event){mailDays(3)}, "2025-11-06", true, "2025-12-04", "按邮寄在途3日推定"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			opts := append([]func(*Event){amount(100), tt.notice}, tt.extra...)
			c := replayCal(t, cal, ev(EventRegistered, "2025-11-03"), ev(EventAccepted, "2025-11-03"), ev(EventFeeNotified, "2025-11-03", opts...))
			w := c.Waiting(cal)
			if w == nil || w.Kind != EventFeeNotified || w.Days != FeePaymentDays {
				t.Fatalf("waiting: %+v", w)
			}
			if !w.Receipt.Day.Equal(dd(tt.receipt)) || w.Receipt.Assumed != tt.assumed {
				t.Errorf("receipt %s assumed %v, want %s %v", workday.Format(w.Receipt.Day), w.Receipt.Assumed, tt.receipt, tt.assumed)
			}
			if !w.End.Equal(dd(tt.feeEnd)) {
				t.Errorf("fee period ends %s, want %s", workday.Format(w.End), tt.feeEnd)
			}
			if !strings.Contains(w.Receipt.Sentence(), tt.sentence) {
				t.Errorf("sentence %q lacks %q", w.Receipt.Sentence(), tt.sentence)
			}
		})
	}
	// A new notice must say how it was sent; a receipt before sending is refused.
	c := replayCal(t, cal, ev(EventRegistered, "2025-11-03"), ev(EventAccepted, "2025-11-03"))
	if err := c.Apply(handler, ev(EventFeeNotified, "2025-11-03", amount(100)), cal); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("notice without method: %v", err)
	}
	if err := c.Apply(handler, ev(EventFeeNotified, "2025-11-04", amount(100), sent(NoticeMail), receipt("2025-11-03")), cal); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("receipt before sending: %v", err)
	}
}

func replayCal(t *testing.T, cal *workday.Calendar, events ...Event) *Case {
	t.Helper()
	c, err := Replay(events, cal)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestWaitingPeriods: each waiting state has its own period and end; what the end allows.
func TestWaitingPeriods(t *testing.T) {
	cal := workday.MustNew()
	base := []Event{ev(EventRegistered, "2025-11-03"), ev(EventAccepted, "2025-11-03")}
	with := func(es ...Event) []Event { return append(append([]Event{}, base...), es...) }
	consult := ev(EventConsultationStarted, "2025-11-05", party(PartyThirdParty), sent(NoticeInPerson))
	fee := ev(EventFeeNotified, "2025-11-05", amount(100), sent(NoticeElectronic))
	mailedFee := ev(EventFeeNotified, "2025-11-05", amount(100), sent(NoticeMail))
	corr := []Event{ev(EventRegistered, "2025-11-03"), ev(EventCorrectionRequested, "2025-11-04", days(10), sent(NoticeMail), receipt("2025-11-07"))}
	for _, tt := range []struct {
		name    string
		events  []Event
		asOf    string
		status  Status
		waitEnd string // "" when the case no longer waits
		due     string // "" when there is no due day yet
		prov    bool
		line    string // a line of the explanation contains this
	}{
		// Consultation: 15 working days from the party's receipt (11-05 → 11-26); the reply
		// clock stops until then, and runs again by itself afterwards.
		{"consulting, within the party's period", with(consult), "2025-11-20", StatusPaused, "2025-11-26", "2025-12-16", true, "第三方提出意见的期限：自收到征求意见之日起15个工作日，至2025年11月26日届满"},
		{"consulting, last day of the party's period", with(consult), "2025-11-26", StatusPaused, "2025-11-26", "2025-12-22", true, "剩余0个工作日"},
		{"consulting, party silent: the clock runs again", with(consult), "2025-12-01", StatusOnTrack, "2025-11-26", "2025-12-22", false, "第三方逾期未提出意见（第三十二条），答复期限自2025年11月27日起恢复计算"},
		{"consulting, party silent long ago: overdue", with(consult), "2026-01-10", StatusOverdue, "2025-11-26", "2025-12-22", false, "已超过答复期限"},
		{"consulting, late answer does not extend the pause", with(consult, ev(EventConsultationEnded, "2025-12-10")), "2025-12-16", StatusDueSoon, "", "2025-12-22", false, "恢复计算"},
		{"consulting, answered in time", with(consult, ev(EventConsultationEnded, "2025-11-12")), "2025-11-12", StatusOnTrack, "", "2025-12-08", false, "至2025年11月12日，期间5个工作日不计入"},
		{"consulting, mailed: counted from the assumed receipt", with(ev(EventConsultationStarted, "2025-11-05", party(PartyOrgan), sent(NoticeMail))), "2025-11-28", StatusPaused, "2025-12-01", "2025-12-24", true, "至2025年12月1日届满"},
		// Fee: 20 working days from the applicant's receipt.
		{"fee, last day to pay", with(fee), "2025-12-03", StatusPaused, "2025-12-03", "2025-12-29", true, "缴费期限剩余0个工作日"},
		{"fee, period over", with(fee), "2025-12-04", StatusFeeExpired, "2025-12-03", "2025-12-30", true, "缴费期限（2025年12月3日届满）已过"},
		{"fee, mailed: from the assumed receipt", with(mailedFee), "2025-12-04", StatusPaused, "2025-12-08", "2025-12-30", true, "按邮寄在途5日推定2025年11月10日收到"},
		{"fee, mailed and signed for", with(mailedFee, ev(EventNoticeReceived, "2025-11-07")), "2025-12-05", StatusPaused, "2025-12-05", "2025-12-31", true, "邮寄送达，2025年11月7日签收"},
		// 补正: the applicant's period from their receipt (signed for 11-07 → 10 working days → 11-21).
		{"correction, last day", corr, "2025-11-21", StatusAwaitingCorrection, "2025-11-21", "", false, "补正期限剩余0个工作日"},
		{"correction, period over", corr, "2025-11-24", StatusCorrectionExpired, "2025-11-21", "", false, "补正期限已届满，未收到补正"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := replayCal(t, cal, tt.events...)
			ex := c.Explain(cal, dd(tt.asOf))
			if ex.Status != tt.status {
				t.Errorf("status %s, want %s", ex.Status, tt.status)
			}
			var end time.Time
			if ex.Wait != nil {
				end = ex.Wait.End
			}
			if workdayOrEmpty(end) != tt.waitEnd {
				t.Errorf("wait end %s, want %s", workdayOrEmpty(end), tt.waitEnd)
			}
			if workdayOrEmpty(ex.Due) != tt.due || ex.Provisional != tt.prov {
				t.Errorf("due %s provisional %v, want %s %v", workdayOrEmpty(ex.Due), ex.Provisional, tt.due, tt.prov)
			}
			if joined := strings.Join(ex.Lines(), "\n"); !strings.Contains(joined, tt.line) {
				t.Errorf("lines lack %q:\n%s", tt.line, joined)
			}
		})
	}
}

func workdayOrEmpty(d time.Time) string {
	if d.IsZero() {
		return ""
	}
	return workday.Format(d)
}

// TestWaitingEnds: what may be recorded before and after each period's end.
func TestWaitingEnds(t *testing.T) {
	cal := workday.MustNew()
	base := []Event{ev(EventRegistered, "2025-11-03"), ev(EventAccepted, "2025-11-03")}
	with := func(es ...Event) []Event { return append(append([]Event{}, base...), es...) }
	for _, tt := range []struct {
		name   string
		events []Event
		step   Event
		code   apperr.Code // "" when allowed
	}{
		{"reply while the party may still answer", with(ev(EventConsultationStarted, "2025-11-05", party(PartyThirdParty), sent(NoticeInPerson))),
			ev(EventReplied, "2025-11-26", reply(ReplyGranted)), apperr.Conflict},
		{"reply once the party's period is over", with(ev(EventConsultationStarted, "2025-11-05", party(PartyThirdParty), sent(NoticeInPerson))),
			ev(EventReplied, "2025-11-27", reply(ReplyGranted)), ""},
		{"unpaid on the last day to pay", with(ev(EventFeeNotified, "2025-11-05", amount(100), sent(NoticeElectronic))),
			ev(EventFeeUnpaid, "2025-12-03"), apperr.Conflict},
		{"unpaid after the period", with(ev(EventFeeNotified, "2025-11-05", amount(100), sent(NoticeElectronic))),
			ev(EventFeeUnpaid, "2025-12-04"), ""},
		{"unpaid counted from sending, not from the mailed receipt", with(ev(EventFeeNotified, "2025-11-05", amount(100), sent(NoticeMail))),
			ev(EventFeeUnpaid, "2025-12-04"), apperr.Conflict},
		{"no correction counted from sending, not from the signed-for day", []Event{ev(EventRegistered, "2025-11-03"), ev(EventCorrectionRequested, "2025-11-04", days(10), sent(NoticeMail), receipt("2025-11-07"))},
			ev(EventNoCorrection, "2025-11-19"), apperr.Conflict},
		{"no correction after the period", []Event{ev(EventRegistered, "2025-11-03"), ev(EventCorrectionRequested, "2025-11-04", days(10), sent(NoticeMail), receipt("2025-11-07"))},
			ev(EventNoCorrection, "2025-11-24"), ""},
		{"signed-for day on the sending day", with(ev(EventFeeNotified, "2025-11-05", amount(100), sent(NoticeMail))),
			ev(EventNoticeReceived, "2025-11-05"), ""},
		{"signed-for when nothing waits", base, ev(EventNoticeReceived, "2025-11-05"), apperr.Conflict},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := replayCal(t, cal, tt.events...)
			err := c.Apply(handler, tt.step, cal)
			if tt.code == "" && err != nil || tt.code != "" && !apperr.Is(err, tt.code) {
				t.Errorf("err = %v, want %q", err, tt.code)
			}
		})
	}
}
