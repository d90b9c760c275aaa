// Package notify is what gongkai tells an applicant and how: which messages a step of a
// case sends (an e-mail to the address on file, a text message to the mobile number on
// file), and their words — the e-mail with the step's letter as a Word document and the
// disclosed files attached (or linked, with an expiry, when large), the text message
// short. It is pure: the store keeps the messages in its outbox (written in the
// transaction of the step), the background job sends them through a Sender (mailer: SMTP;
// sms: the agency's SMS platform).
package notify

import (
	"regexp"
	"strings"

	"gongkai/internal/foirequest"
)

// Channel is how a message reaches the applicant.
type Channel string

const (
	Email Channel = "email" // 电子邮件
	SMS   Channel = "sms"   // 短信
)

// Label is the Chinese name of the channel.
func (c Channel) Label() string {
	switch c {
	case Email:
		return "电子邮件"
	case SMS:
		return "短信"
	}
	return string(c)
}

// Kind is what a message is about: the step of the case (its event type), or a new
// query code sent when the applicant lost theirs.
type Kind string

// KindQueryCode is the message carrying a new query code.
const KindQueryCode Kind = "query_code"

// KindOf is the kind of the message a step sends.
func KindOf(t foirequest.EventType) Kind { return Kind(t) }

// Step is the event type of a step's message ("" for KindQueryCode).
func (k Kind) Step() foirequest.EventType {
	if k == KindQueryCode {
		return ""
	}
	return foirequest.EventType(k)
}

// Label is the Chinese name of the message, as the case page lists it.
func (k Kind) Label() string {
	switch foirequest.EventType(k) {
	case foirequest.EventRegistered:
		return "受理回执"
	case foirequest.EventCorrectionRequested:
		return "补正告知书"
	case foirequest.EventCorrected:
		return "补正材料收到通知"
	case foirequest.EventConsultationStarted:
		return "征求意见告知"
	case foirequest.EventFeeNotified:
		return "收费通知书"
	case foirequest.EventFeePaid:
		return "缴费凭证收到通知"
	case foirequest.EventExtended:
		return "延期答复告知书"
	case foirequest.EventReplied:
		return "答复书"
	case foirequest.EventNoCorrection, foirequest.EventFeeUnpaid:
		return "终止办理告知书"
	case foirequest.EventWithdrawn:
		return "撤回申请确认"
	}
	if k == KindQueryCode {
		return "新查询码"
	}
	return string(k)
}

// State is where a message stands.
type State string

const (
	Pending   State = "pending"   // 待发送 (or being sent, under a lease)
	Sent      State = "sent"      // 已发送
	Failed    State = "failed"    // 发送失败 (gave up: deliver by hand)
	Manual    State = "manual"    // 须人工送达 (no mail server configured)
	Delivered State = "delivered" // 已人工送达
)

// Label is the Chinese name of the state.
func (s State) Label() string {
	switch s {
	case Pending:
		return "待发送"
	case Sent:
		return "已发送"
	case Failed:
		return "发送失败，须人工送达"
	case Manual:
		return "须人工送达"
	case Delivered:
		return "已人工送达"
	}
	return string(s)
}

// ByHand reports whether the message waits for staff to deliver it another way.
func (s State) ByHand() bool { return s == Failed || s == Manual }

// Settings say which channels the deployment sends through.
type Settings struct {
	Email bool // an SMTP server is configured
	SMS   bool // an SMS platform is configured
}

// Draft is a message to write to the outbox: to whom, how, and its first state.
type Draft struct {
	Kind    Kind
	Channel Channel
	To      string
	State   State
}

var mobile = regexp.MustCompile(`^(?:\+?86)?1[3-9]\d{9}$`)

// Mobile returns the phone number as an SMS platform takes it (11 digits) when it is a
// mainland mobile number, else "".
func Mobile(phone string) string {
	p := strings.NewReplacer(" ", "", "-", "", "　", "").Replace(strings.TrimSpace(phone))
	if !mobile.MatchString(p) {
		return ""
	}
	return p[len(p)-11:]
}

// Drafts lists the messages of kind k to an applicant: an e-mail when an address is on
// file (pending when an SMTP server is configured, else to be delivered by hand), a text
// message when a mobile number is on file and an SMS platform is configured.
func Drafts(k Kind, ap foirequest.Applicant, s Settings) []Draft {
	var out []Draft
	if to := strings.TrimSpace(ap.Email); to != "" {
		st := Pending
		if !s.Email {
			st = Manual
		}
		out = append(out, Draft{Kind: k, Channel: Email, To: to, State: st})
	}
	if to := Mobile(ap.Phone); to != "" && s.SMS {
		out = append(out, Draft{Kind: k, Channel: SMS, To: to, State: Pending})
	}
	return out
}

// For lists the messages a step sends (none for a step the applicant is not told of:
// foirequest.TellsApplicant).
func For(t foirequest.EventType, ap foirequest.Applicant, s Settings) []Draft {
	if !foirequest.TellsApplicant(t) {
		return nil
	}
	return Drafts(KindOf(t), ap, s)
}
