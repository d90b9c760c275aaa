package foirequest

import (
	"fmt"
	"time"

	"gongkai/internal/workday"
)

// NoticeMethod is how a notice (补正通知, 征求意见函, 收费通知) was sent to its addressee.
type NoticeMethod string

const (
	NoticeInPerson   NoticeMethod = "in_person"  // 当面送达
	NoticeElectronic NoticeMethod = "electronic" // 电子方式（在线平台、电子邮件、短信）
	NoticeMail       NoticeMethod = "mail"       // 邮寄
)

// NoticeMethods lists the methods in display order.
var NoticeMethods = []NoticeMethod{NoticeInPerson, NoticeElectronic, NoticeMail}

// DefaultMailDays is the mailing allowance, in calendar days, assumed for a mailed notice
// whose signed-for day is not known (configurable per installation).
const DefaultMailDays = 5

// Label is the Chinese name of the method.
func (m NoticeMethod) Label() string {
	switch m {
	case NoticeInPerson:
		return "当面送达"
	case NoticeElectronic:
		return "电子方式送达"
	case NoticeMail:
		return "邮寄送达"
	}
	return string(m)
}

// Valid reports whether m is a known method.
func (m NoticeMethod) Valid() bool {
	for _, x := range NoticeMethods {
		if m == x {
			return true
		}
	}
	return false
}

// IsNotice reports whether steps of type t send a notice whose addressee's receipt starts
// a period: 补正 (the applicant), consultation (the third party or organ), fee (the applicant).
func IsNotice(t EventType) bool {
	return t == EventCorrectionRequested || t == EventConsultationStarted || t == EventFeeNotified
}

// Receipt is when the addressee of a notice received it: the periods of the waiting
// states count from it ("自收到本告知书之日起").
type Receipt struct {
	Method   NoticeMethod `json:"method,omitempty"`
	Sent     time.Time    `json:"sent"`
	Day      time.Time    `json:"day"`
	Assumed  bool         `json:"assumed"`             // not recorded: the rule's assumption
	MailDays int          `json:"mail_days,omitempty"` // mailed, signed-for day unknown: the allowance assumed
}

// ReceiptOf is the receipt of the notice sent by e: 当面 and electronic notices are
// received the day they are sent unless another day was recorded; a mailed notice on the
// signed-for day when known, else e.MailDays calendar days after it was sent (an
// assumption, shown as such). A notice recorded before gongkai knew the method counts from
// the day it was sent.
func ReceiptOf(e Event) Receipt {
	r := Receipt{Method: e.Method, Sent: e.Day, Day: e.Day}
	switch {
	case !e.Receipt.IsZero():
		r.Day = e.Receipt
	case e.Method == NoticeMail:
		r.MailDays = e.MailDays
		if r.MailDays <= 0 {
			r.MailDays = DefaultMailDays
		}
		r.Day, r.Assumed = e.Day.AddDate(0, 0, r.MailDays), true
	case e.Method == "":
		r.Assumed = true
	}
	return r
}

// Sentence describes the receipt in Chinese.
func (r Receipt) Sentence() string {
	switch {
	case r.Method == "":
		return fmt.Sprintf("送达方式未记录，按发出之日%s计算", day(r.Day))
	case r.Assumed:
		return fmt.Sprintf("%s，签收日期未知，按邮寄在途%d日推定%s收到，签收后应记录实际签收日期", r.Method.Label(), r.MailDays, day(r.Day))
	case r.Method == NoticeMail:
		return fmt.Sprintf("%s，%s签收", r.Method.Label(), day(r.Day))
	case r.Day.Equal(r.Sent):
		return fmt.Sprintf("%s，当日收到", r.Method.Label())
	}
	return fmt.Sprintf("%s，%s收到", r.Method.Label(), day(r.Day))
}

// Wait is a waiting state's own statutory period: the notice, its addressee's receipt,
// the period in working days counted from the day after the receipt, and its last day.
type Wait struct {
	Kind    EventType `json:"kind"` // EventCorrectionRequested, EventConsultationStarted or EventFeeNotified
	Party   Party     `json:"party,omitempty"`
	Receipt Receipt   `json:"receipt"`
	Days    int       `json:"days"`
	End     time.Time `json:"end"`
}

// Label names the period.
func (w Wait) Label() string {
	switch w.Kind {
	case EventCorrectionRequested:
		return "补正期限"
	case EventFeeNotified:
		return "缴费期限"
	}
	return w.Party.Label() + "提出意见的期限"
}

// Basis is the legal basis of the period.
func (w Wait) Basis() string {
	switch w.Kind {
	case EventCorrectionRequested:
		return "第三十条"
	case EventFeeNotified:
		return "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"
	case EventConsultationStarted:
		if w.Party == PartyOrgan {
			return "第三十四条、第三十二条"
		}
	}
	return "第三十二条"
}

// WaitLabel names the period of the waiting state opened by a notice of type kind ("" for
// any other step), for lists.
func WaitLabel(kind EventType) string {
	switch kind {
	case EventCorrectionRequested:
		return "补正期限"
	case EventFeeNotified:
		return "缴费期限"
	case EventConsultationStarted:
		return "征求意见期限"
	}
	return ""
}

// Expired reports whether the period is over on the given day.
func (w Wait) Expired(asOf time.Time) bool { return workday.Normalize(asOf).After(w.End) }

// Consequence is what the end of the period allows, in Chinese.
func (w Wait) Consequence() string {
	switch w.Kind {
	case EventCorrectionRequested:
		return "申请人无正当理由逾期不补正的，视为放弃申请，可记录“逾期未补正”（三（六）1）"
	case EventFeeNotified:
		return "申请人逾期未缴纳的，视为放弃申请，可记录“逾期未缴费”（三（六）2）"
	}
	return w.Party.Label() + "逾期未提出意见的，不影响办理：答复期限自期满次日起恢复计算，由行政机关依照条例决定是否公开"
}

// Sentence describes the period in Chinese, as of the given day.
func (w Wait) Sentence(asOf time.Time) string {
	s := fmt.Sprintf("%s：自收到之日起%d个工作日（%s），%s发出（%s），至%s届满。",
		w.Label(), w.Days, w.Basis(), day(w.Receipt.Sent), w.Receipt.Sentence(), day(w.End))
	if w.Expired(asOf) {
		s += fmt.Sprintf("截至%s已届满：%s。", day(workday.Normalize(asOf)), w.Consequence())
	}
	return s
}

// Waiting is the open waiting state of the case with its own period, or nil when the
// case does not wait for the applicant, a consulted party or a payment.
func (c *Case) Waiting(cal *workday.Calendar) *Wait {
	switch c.State {
	case StateCorrectionRequested:
		return &Wait{Kind: EventCorrectionRequested, Receipt: c.CorrectionReceipt, Days: c.CorrectionDays, End: c.correctionDue(cal)}
	case StateConsulting, StateFeePending:
		p := c.Pauses[len(c.Pauses)-1]
		days := ThirdPartyDays
		if p.Kind == EventFeeNotified {
			days = FeePaymentDays
		}
		return &Wait{Kind: p.Kind, Party: p.Party, Receipt: p.Receipt, Days: days, End: p.AnswerDue}
	}
	return nil
}

// WaitEnd is the last day of the open waiting state's period (zero when none).
func (c *Case) WaitEnd(cal *workday.Calendar) time.Time {
	if w := c.Waiting(cal); w != nil {
		return w.End
	}
	return time.Time{}
}

func (c *Case) correctionDue(cal *workday.Calendar) time.Time {
	if c.CorrectionRequested.IsZero() {
		return time.Time{}
	}
	return cal.Add(c.CorrectionReceipt.Day, c.CorrectionDays)
}

// setReceipt records the receipt of the open notice and recomputes its period's end.
func (c *Case) setReceipt(r Receipt, cal *workday.Calendar) {
	switch c.State {
	case StateCorrectionRequested:
		c.CorrectionReceipt = r
	case StateConsulting, StateFeePending:
		p := &c.Pauses[len(c.Pauses)-1]
		p.Receipt = r
		days := ThirdPartyDays
		if p.Kind == EventFeeNotified {
			days = FeePaymentDays
		}
		p.AnswerDue = cal.Add(r.Day, days)
	}
}
