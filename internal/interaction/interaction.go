// Package interaction is 政民互动: questions the public puts to an agency (咨询、留言) on the
// portal, and the tickets it receives through hotlines and platforms (12345 and others),
// each answered within the period the agency sets and, after moderation, published with
// the answer — never with the asker's name or contact. Pure rules, no I/O.
package interaction

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gongkai/internal/account"
	"gongkai/internal/apperr"
	"gongkai/internal/workday"
)

// Channel is where a question came in.
type Channel string

const (
	Portal   Channel = "portal"   // 门户网站（网上咨询、留言）
	Hotline  Channel = "hotline"  // 12345政务服务便民热线交办
	Mailbox  Channel = "mailbox"  // 领导信箱
	Phone    Channel = "phone"    // 咨询电话
	Platform Channel = "platform" // 其他平台（人民网留言板、政务新媒体等）
)

var channels = []struct {
	c     Channel
	label string
}{
	{Portal, "门户网站"}, {Hotline, "12345热线"}, {Mailbox, "领导信箱"}, {Phone, "咨询电话"}, {Platform, "其他平台"},
}

// Channels lists every channel in display order.
func Channels() []Channel {
	out := make([]Channel, len(channels))
	for i, c := range channels {
		out[i] = c.c
	}
	return out
}

// Label is the Chinese label.
func (c Channel) Label() string {
	for _, e := range channels {
		if e.c == c {
			return e.label
		}
	}
	return string(c)
}

// IsValid reports whether c is known.
func (c Channel) IsValid() bool { return c.Label() != string(c) }

// Kind is 咨询 or 留言 (建议、意见、投诉).
type Kind string

const (
	Consult Kind = "consult" // 咨询
	Message Kind = "message" // 留言
)

// Label is the Chinese label.
func (k Kind) Label() string {
	switch k {
	case Consult:
		return "咨询"
	case Message:
		return "留言"
	}
	return string(k)
}

// IsValid reports whether k is known.
func (k Kind) IsValid() bool { return k == Consult || k == Message }

// State is where a question stands.
type State string

const (
	Received  State = "received"  // 待答复
	Answered  State = "answered"  // 已答复，待审核公开
	Published State = "published" // 已答复并公开
	Private   State = "private"   // 已答复，不公开（涉及个人隐私等）
)

// Label is the Chinese label.
func (s State) Label() string {
	switch s {
	case Received:
		return "待答复"
	case Answered:
		return "已答复（待审核）"
	case Published:
		return "已公开"
	case Private:
		return "已答复（不公开）"
	}
	return string(s)
}

// IsValid reports whether s is known.
func (s State) IsValid() bool { return s.Label() != string(s) }

// Question is one question or ticket with its answer.
type Question struct {
	ID       int64
	AgencyID int64
	Channel  Channel
	Kind     Kind
	TicketNo string // the platform's own number (12345 交办单号); "" on the portal
	Subject  string
	Body     string
	// AskerName and AskerContact are for the answering staff only: never on a public page,
	// never in the audit log.
	AskerName    string
	AskerContact string
	ReceivedOn   time.Time // calendar day in China
	DueOn        time.Time // the answer's last day (AnswerDays working days after ReceivedOn)
	Answer       string
	AnsweredOn   time.Time
	AnsweredBy   int64
	// PublicSubject and PublicBody are the question as published: the moderator's text,
	// with personal data masked (Mask).
	PublicSubject string
	PublicBody    string
	State         State
	PublishedAt   time.Time
	ModeratedBy   int64
}

// Limits, in characters, and the answer period's bounds in working days.
const (
	MaxSubject        = 100
	MaxBody           = 2000
	MaxAnswer         = 5000
	MaxName           = 50
	MaxContact        = 100
	MaxTicket         = 50
	DefaultAnswerDays = 10
	MaxAnswerDays     = 60
)

// CheckAnswerDays validates the period an agency sets for its answers.
func CheckAnswerDays(days int) error {
	if days < 1 || days > MaxAnswerDays {
		return apperr.Newf(apperr.Invalid, "答复期限应为1至%d个工作日", MaxAnswerDays)
	}
	return nil
}

func tooLong(field, s string, max int) error {
	if utf8.RuneCountInString(s) > max {
		return apperr.Newf(apperr.Invalid, "%s超过%d个字", field, max)
	}
	return nil
}

// Receive checks a new question and sets its receipt day, due day and state. now is the
// instant of receipt; days the agency's answer period in working days. A ticket of a
// hotline or platform may carry the day the platform received it (ReceivedOn set), never
// after today. On the portal the asker must leave a way to be answered.
func Receive(q Question, days int, cal *workday.Calendar, now time.Time) (Question, error) {
	q.Subject, q.Body = strings.TrimSpace(q.Subject), strings.TrimSpace(q.Body)
	q.AskerName, q.AskerContact = strings.TrimSpace(q.AskerName), strings.TrimSpace(q.AskerContact)
	q.TicketNo = strings.TrimSpace(q.TicketNo)
	today := workday.Of(now)
	switch {
	case !q.Channel.IsValid():
		return q, apperr.New(apperr.Invalid, "未知的来源渠道")
	case !q.Kind.IsValid():
		return q, apperr.New(apperr.Invalid, "类别应为咨询或留言")
	case q.Subject == "":
		return q, apperr.New(apperr.Invalid, "标题不能为空")
	case q.Body == "":
		return q, apperr.New(apperr.Invalid, "内容不能为空")
	case q.Channel == Portal && q.AskerContact == "":
		return q, apperr.New(apperr.Invalid, "请留下联系电话或电子邮箱，以便答复")
	case q.Channel != Portal && q.Channel != Phone && q.TicketNo == "":
		return q, apperr.New(apperr.Invalid, "热线、信箱和平台转来的件应填写原件编号")
	}
	for _, c := range []struct {
		f   string
		s   string
		max int
	}{{"标题", q.Subject, MaxSubject}, {"内容", q.Body, MaxBody}, {"姓名", q.AskerName, MaxName}, {"联系方式", q.AskerContact, MaxContact}, {"原件编号", q.TicketNo, MaxTicket}} {
		if err := tooLong(c.f, c.s, c.max); err != nil {
			return q, err
		}
	}
	if q.Channel == Portal || q.ReceivedOn.IsZero() {
		q.ReceivedOn = today
	}
	if q.ReceivedOn.After(today) {
		return q, apperr.New(apperr.Invalid, "收到日期不能晚于今天")
	}
	if err := CheckAnswerDays(days); err != nil {
		return q, err
	}
	q.DueOn = cal.Add(q.ReceivedOn, days)
	q.State = Received
	q.Answer, q.AnsweredOn, q.AnsweredBy = "", time.Time{}, 0
	q.PublicSubject, q.PublicBody, q.PublishedAt, q.ModeratedBy = "", "", time.Time{}, 0
	return q, nil
}

// CanRead reports whether p may read the agency's questions with the asker: its staff,
// its government's 政务公开办, administrators (account.Principal.CanRead).
func CanRead(p account.Principal, agencyID, governmentID int64) bool {
	return p.CanRead(agencyID, governmentID)
}

// CanAnswer reports whether p answers the agency's questions or registers its tickets:
// its 经办人 or 负责人.
func CanAnswer(p account.Principal, agencyID int64) bool {
	return p.Holds(agencyID, account.Clerk) || p.Holds(agencyID, account.Head)
}

// CanModerate reports whether p decides what is published: the agency's 负责人.
func CanModerate(p account.Principal, agencyID int64) bool {
	return p.Holds(agencyID, account.Head)
}

// AnswerQuestion records (or, before moderation, corrects) the answer by who on now.
func AnswerQuestion(q Question, who account.Principal, answer string, now time.Time) (Question, error) {
	if !CanAnswer(who, q.AgencyID) {
		return q, apperr.New(apperr.Forbidden, "只有本机关的经办人或负责人可以答复")
	}
	if q.State != Received && q.State != Answered {
		return q, apperr.New(apperr.Conflict, "已审核的答复不能再修改")
	}
	answer = strings.TrimSpace(answer)
	if answer == "" {
		return q, apperr.New(apperr.Invalid, "答复内容不能为空")
	}
	if err := tooLong("答复内容", answer, MaxAnswer); err != nil {
		return q, err
	}
	q.Answer, q.AnsweredOn, q.AnsweredBy, q.State = answer, workday.Of(now), who.UserID, Answered
	return q, nil
}

// Moderate decides, by the 负责人, whether an answered question is published: with the
// subject and body as edited (blank: the asker's own), personal data masked; or kept
// private. The answer itself is published as written, masked too.
func Moderate(q Question, who account.Principal, publish bool, subject, body string, now time.Time) (Question, error) {
	if !CanModerate(who, q.AgencyID) {
		return q, apperr.New(apperr.Forbidden, "公开与否由本机关负责人审核")
	}
	if q.State != Answered {
		return q, apperr.New(apperr.Conflict, "只有已答复、待审核的件可以审核")
	}
	q.ModeratedBy = who.UserID
	if !publish {
		q.State = Private
		return q, nil
	}
	subject, body = strings.TrimSpace(subject), strings.TrimSpace(body)
	if subject == "" {
		subject = q.Subject
	}
	if body == "" {
		body = q.Body
	}
	if err := tooLong("公开标题", subject, MaxSubject); err != nil {
		return q, err
	}
	if err := tooLong("公开内容", body, MaxBody); err != nil {
		return q, err
	}
	q.PublicSubject = Mask(subject, q.AskerName, q.AskerContact)
	q.PublicBody = Mask(body, q.AskerName, q.AskerContact)
	q.Answer = Mask(q.Answer, q.AskerName, q.AskerContact)
	q.State, q.PublishedAt = Published, now
	return q, nil
}

// Overdue reports whether a question still unanswered on today is past its due day.
func (q Question) Overdue(today time.Time) bool {
	return q.State == Received && today.After(q.DueOn)
}

// Late reports whether an answered question was answered after its due day.
func (q Question) Late() bool {
	return !q.AnsweredOn.IsZero() && q.AnsweredOn.After(q.DueOn)
}

var personal = []*regexp.Regexp{
	regexp.MustCompile(`[0-9]{17}[0-9Xx]`),                               // 居民身份证号码
	regexp.MustCompile(`(?:\+?86[- ]?)?1[3-9][0-9]{9}`),                  // 手机号码
	regexp.MustCompile(`0[0-9]{2,3}-?[0-9]{7,8}`),                        // 固定电话
	regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}`), // 电子邮箱
}

// Mask hides personal data in text published with a question: identity numbers, mobile
// and landline numbers, e-mail addresses, and the asker's own name and contact wherever
// they appear.
func Mask(text, name, contact string) string {
	for _, re := range personal {
		text = re.ReplaceAllStringFunc(text, func(m string) string { return strings.Repeat("*", utf8.RuneCountInString(m)) })
	}
	for _, s := range []string{contact, name} {
		if s = strings.TrimSpace(s); utf8.RuneCountInString(s) >= 2 {
			text = strings.ReplaceAll(text, s, strings.Repeat("*", utf8.RuneCountInString(s)))
		}
	}
	return text
}

// Count is the number of questions of one channel received in one year: received,
// answered (published or not), answered late, published.
type Count struct {
	Year      int
	Channel   Channel
	Received  int
	Answered  int
	Late      int
	Published int
}

// Tally counts questions by year of receipt and channel, in year then channel order.
func Tally(qs []Question) []Count {
	idx := map[string]int{}
	var out []Count
	for _, q := range qs {
		y := q.ReceivedOn.Year()
		k := strconv.Itoa(y) + string(q.Channel)
		i, ok := idx[k]
		if !ok {
			i = len(out)
			idx[k] = i
			out = append(out, Count{Year: y, Channel: q.Channel})
		}
		c := &out[i]
		c.Received++
		if !q.AnsweredOn.IsZero() {
			c.Answered++
		}
		if q.Late() {
			c.Late++
		}
		if q.State == Published {
			c.Published++
		}
	}
	return SortCounts(out)
}

// SortCounts orders counts by year, then channel in display order.
func SortCounts(cs []Count) []Count {
	order := map[Channel]int{}
	for i, c := range channels {
		order[c.c] = i
	}
	slices.SortStableFunc(cs, func(a, b Count) int {
		if a.Year != b.Year {
			return a.Year - b.Year
		}
		return order[a.Channel] - order[b.Channel]
	})
	return cs
}

// SeenBy is q as p may see it: the agency's 经办人 and 负责人 (who answer) see the asker; anyone
// else who may read it (政务公开办, administrators) sees the asker's name and contact hidden and
// personal data in the text masked, as applications are shown to them.
func (q Question) SeenBy(p account.Principal) Question {
	if CanAnswer(p, q.AgencyID) {
		return q
	}
	hide := func(s string) string {
		if s == "" {
			return ""
		}
		return "（已隐去）"
	}
	q.Subject = Mask(q.Subject, q.AskerName, q.AskerContact)
	q.Body = Mask(q.Body, q.AskerName, q.AskerContact)
	q.Answer = Mask(q.Answer, q.AskerName, q.AskerContact)
	q.AskerName, q.AskerContact = hide(q.AskerName), hide(q.AskerContact)
	return q
}
