package foirequest

import (
	"fmt"
	"strings"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/apperr"
	"gongkai/internal/workday"
)

// Statutory periods, in working days.
const (
	ReplyDays            = 20 // 第三十三条第二款: reply within 20 working days of receipt
	MaxExtensionDays     = 20 // 第三十三条第二款: extension at most 20 working days
	CorrectionNoticeDays = 7  // 第三十条: 补正 notice within 7 working days of receipt
	ThirdPartyDays       = 15 // 第三十二条 / 第三十四条: the consulted party answers within 15 working days
	FeePaymentDays       = 20 // 国办函〔2020〕109号: pay within 20 working days of the fee notice
	DueSoonDays          = 5  // at most this many working days left: 即将到期
)

// State is where a case stands.
type State string

const (
	StateRegistered          State = "registered"           // 已登记
	StateCorrectionRequested State = "correction_requested" // 待补正
	StateInProgress          State = "in_progress"          // 办理中
	StateConsulting          State = "consulting"           // 征求意见中（暂停计时）
	StateFeePending          State = "fee_pending"          // 待缴费（暂停计时）
	StateReplied             State = "replied"              // 已答复
	StateWithdrawn           State = "withdrawn"            // 已撤回
	StateAbandoned           State = "abandoned"            // 视为放弃申请
)

// Label is the Chinese name of the state.
func (s State) Label() string {
	switch s {
	case StateRegistered:
		return "已登记"
	case StateCorrectionRequested:
		return "待补正"
	case StateInProgress:
		return "办理中"
	case StateConsulting:
		return "征求意见中"
	case StateFeePending:
		return "待缴费"
	case StateReplied:
		return "已答复"
	case StateWithdrawn:
		return "已撤回"
	case StateAbandoned:
		return "视为放弃申请"
	}
	return string(s)
}

// Closed reports whether the case is finished.
func (s State) Closed() bool {
	return s == StateReplied || s == StateWithdrawn || s == StateAbandoned
}

// EventType is one statutory step.
type EventType string

const (
	EventRegistered          EventType = "registered"           // 收到申请，登记（Day = 收到申请之日）
	EventAccepted            EventType = "accepted"             // 受理，开始办理
	EventCorrectionRequested EventType = "correction_requested" // 发出补正通知（Days = 补正期限，工作日）
	EventCorrected           EventType = "corrected"            // 收到补正后的申请（Day = 收到补正之日）
	EventNoCorrection        EventType = "abandoned_no_correction"
	EventConsultationStarted EventType = "consultation_started" // 征求第三方或其他机关意见（Party）
	EventConsultationEnded   EventType = "consultation_ended"   // 收到意见或期满
	EventFeeNotified         EventType = "fee_notified"         // 发出收费通知（Amount 元）
	EventFeePaid             EventType = "fee_paid"             // 申请人缴费
	EventFeeUnpaid           EventType = "abandoned_fee_unpaid" // 逾期未缴费，视为放弃
	EventExtended            EventType = "extended"             // 延长答复期限（Days, ApprovedBy）
	EventReplied             EventType = "replied"              // 作出答复（Reply）
	EventWithdrawn           EventType = "withdrawn"            // 申请人撤回申请
	EventNoticeReceived      EventType = "notice_received"      // 记录通知的实际收到（签收）日期（Day = 收到之日）
	EventExtensionRequested  EventType = "extension_requested"  // 经办人申请延长答复期限（Days, Reason），待负责人审批
	EventExtensionRefused    EventType = "extension_refused"    // 负责人不同意延期（Reason）
)

// EventTypes lists every event type.
var EventTypes = []EventType{
	EventRegistered, EventAccepted, EventCorrectionRequested, EventCorrected, EventNoCorrection,
	EventConsultationStarted, EventConsultationEnded, EventFeeNotified, EventFeePaid, EventFeeUnpaid,
	EventExtended, EventReplied, EventWithdrawn, EventNoticeReceived, EventExtensionRequested, EventExtensionRefused,
}

// Label is the Chinese name of the step.
func (t EventType) Label() string {
	switch t {
	case EventRegistered:
		return "收到申请"
	case EventAccepted:
		return "受理"
	case EventCorrectionRequested:
		return "发出补正通知"
	case EventCorrected:
		return "收到补正后的申请"
	case EventNoCorrection:
		return "逾期未补正，视为放弃申请"
	case EventConsultationStarted:
		return "征求意见"
	case EventConsultationEnded:
		return "征求意见结束"
	case EventFeeNotified:
		return "发出收费通知"
	case EventFeePaid:
		return "申请人缴纳信息处理费"
	case EventFeeUnpaid:
		return "逾期未缴费，视为放弃申请"
	case EventExtended:
		return "延长答复期限"
	case EventReplied:
		return "作出答复"
	case EventWithdrawn:
		return "申请人撤回申请"
	case EventNoticeReceived:
		return "记录通知签收日期"
	case EventExtensionRequested:
		return "申请延长答复期限"
	case EventExtensionRefused:
		return "不同意延长答复期限"
	}
	return string(t)
}

// Party is whom the agency consults.
type Party string

const (
	PartyThirdParty Party = "third_party" // 第三方（第三十二条）
	PartyOrgan      Party = "other_organ" // 其他行政机关（第三十四条）
)

// Label is the Chinese name of the consulted party.
func (p Party) Label() string {
	switch p {
	case PartyThirdParty:
		return "第三方"
	case PartyOrgan:
		return "其他行政机关"
	}
	return string(p)
}

// Event is one step of a case: what, the legal day it takes effect, when it was recorded,
// who recorded it and why, plus the fields its type needs. Cases are event logs: a store
// persists events in order and rebuilds the case with Replay.
type Event struct {
	Type       EventType `json:"type"`
	Day        time.Time `json:"day"`                   // the China day the step takes effect
	At         time.Time `json:"at,omitzero"`           // when it was recorded
	UserID     int64     `json:"user_id"`               // who recorded it; 0 for the applicant or the system
	Reason     string    `json:"reason"`                // why: the note shown in the case history
	Party      Party     `json:"party,omitempty"`       // consultation_started
	Days       int       `json:"days,omitempty"`        // correction_requested: period given; extended: days added
	Amount     int       `json:"amount,omitempty"`      // fee_notified: 元
	Reply      ReplyType `json:"reply,omitempty"`       // replied
	ApprovedBy string    `json:"approved_by,omitempty"` // extended: the head of the disclosure office who approved
	// Notices (IsNotice): how it was sent and, when known, the day its addressee received
	// it; a mailed notice without a signed-for day assumes MailDays calendar days in the post.
	// fee_notified: how the fee was computed from the records (国办函〔2020〕109号) and the
	// 减免 with its written reason; Amount is then what the computation gives.
	FeeMethod    FeeMethod    `json:"fee_method,omitempty"`
	Piece        int          `json:"piece,omitempty"` // 按件: the applicant's n-th application this natural month (from the records)
	Pages        int          `json:"pages,omitempty"` // 按量
	Waived       int          `json:"waived,omitempty"`
	WaiverReason string       `json:"waiver_reason,omitempty"`
	Method       NoticeMethod `json:"method,omitempty"`
	Receipt      time.Time    `json:"receipt,omitzero"`
	MailDays     int          `json:"mail_days,omitempty"`
	// replied (予以公开, 部分公开): the other form the information is provided in instead of
	// attached files (纸质, 光盘, 现场查阅) and its day; see CheckMaterial.
	Handover    Delivery  `json:"handover,omitempty"`
	HandoverDay time.Time `json:"handover_day,omitzero"`
	// replied through a reply letter (ReplyLetter.Event): the letter's text as edited, its
	// author and the 审核人 or 负责人 who approved it (empty where no review is required).
	Letter     []string `json:"letter,omitempty"`
	DraftedBy  string   `json:"drafted_by,omitempty"`
	ReviewedBy string   `json:"reviewed_by,omitempty"`
}

// Pause is a span during which the reply period does not run: working days after From up
// to and including To are not counted.
type Pause struct {
	Kind      EventType `json:"kind"` // EventConsultationStarted or EventFeeNotified
	Party     Party     `json:"party,omitempty"`
	From      time.Time `json:"from"`       // the day of the notice (still counted)
	To        time.Time `json:"to"`         // the day the pause ended (zero while open)
	AnswerDue time.Time `json:"answer_due"` // 15 working days for the consulted party, 20 for payment, from Receipt
	Receipt   Receipt   `json:"receipt"`    // the addressee's receipt of the notice
}

// End is the last day the pause can stop the reply clock as of asOf: a consultation stops
// it at most until the consulted party's 15 working days are over (第三十二条: a party that
// does not answer in time does not stop the agency); a fee notice until it is paid or the
// case closed.
func (p Pause) End(asOf time.Time) (until time.Time, open, lapsed bool) {
	until, open = p.To, p.To.IsZero()
	if open {
		until = asOf
		if until.Before(p.From) {
			until = p.From
		}
	}
	if p.Kind == EventConsultationStarted && !p.AnswerDue.IsZero() && until.After(p.AnswerDue) {
		return p.AnswerDue, open, true
	}
	return until, open, false
}

// Label is the Chinese name of the pause.
func (p Pause) Label() string {
	if p.Kind == EventFeeNotified {
		return "收费通知至缴费"
	}
	return "征求" + p.Party.Label() + "意见"
}

// Basis is the legal basis for not counting the pause.
func (p Pause) Basis() string {
	switch {
	case p.Kind == EventFeeNotified:
		return "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"
	case p.Party == PartyOrgan:
		return "第三十三条第三款、第三十四条"
	}
	return "第三十二条、第三十三条第三款"
}

// Extension is an approved extension of the reply period.
type Extension struct {
	Day        time.Time `json:"day"`
	Days       int       `json:"days"`
	ApprovedBy string    `json:"approved_by"`
	Reason     string    `json:"reason"`
}

// ExtensionRequest is a clerk's request to extend the reply period, awaiting the decision
// of the 负责人, who must decide before the first due day (第三十三条第二款).
type ExtensionRequest struct {
	Day    time.Time `json:"day"`
	Days   int       `json:"days"`
	Reason string    `json:"reason"`
	UserID int64     `json:"user_id"`
	By     time.Time `json:"by"` // the first due day: the decision must come by then
}

// Payment is a fee paid by the applicant.
type Payment struct {
	Day    time.Time `json:"day"`
	Amount int       `json:"amount"` // 元
}

// Case is an application's procedure rebuilt from its events. Build it with Replay or
// NewCase and change it only with Apply.
type Case struct {
	AgencyID int64 // the agency handling the case (set by Application.Case)
	State    State
	Received time.Time // 收到申请之日
	Events   []Event

	CorrectionRequested time.Time // day of the 补正 notice (zero if none)
	CorrectionDays      int       // period given to the applicant, working days
	CorrectionReceipt   Receipt   // the applicant's receipt of the 补正 notice
	Corrected           time.Time // day the corrected application was received
	Pauses              []Pause
	Extension           *Extension
	ExtensionRequest    *ExtensionRequest // a clerk's request awaiting the 负责人 (nil when none)
	Fee                 *FeeComputation   // the last fee notice's computation (nil when none or recorded before gongkai computed fees)
	FeeAmount           int               // the last fee notice's amount, 元
	Payments            []Payment         // fees paid
	Outcome             ReplyType         // set when closed (withdrawn: other.other)
	Closed              time.Time         // day closed
}

// Start is the day the reply period runs from: the day of receipt, or the day the
// corrected application was received (第三十条).
func (c *Case) Start() time.Time {
	if !c.Corrected.IsZero() {
		return c.Corrected
	}
	return c.Received
}

// NewCase starts a case from its registered event.
func NewCase(reg Event) (*Case, error) {
	c := &Case{}
	if err := c.apply(reg, nil); err != nil {
		return nil, err
	}
	return c, nil
}

// Replay rebuilds a case from its stored events, checking every transition.
func Replay(events []Event, cal *workday.Calendar) (*Case, error) {
	if len(events) == 0 {
		return nil, apperr.New(apperr.Invalid, "申请没有任何办理记录")
	}
	c := &Case{}
	for i, e := range events {
		if err := c.apply(e, cal); err != nil {
			return nil, fmt.Errorf("foirequest: replay event %d (%s): %w", i+1, e.Type, err)
		}
	}
	return c, nil
}

// conflict is an illegal transition.
func conflict(format string, args ...any) error { return apperr.Newf(apperr.Conflict, format, args...) }

func invalid(format string, args ...any) error { return apperr.Newf(apperr.Invalid, format, args...) }

func day(t time.Time) string { return workday.FormatChinese(t) }

// Allowed lists the event types that may be applied in the case's state (ignoring the
// date conditions that Apply also checks); a web page shows one action per entry.
func (c *Case) Allowed() []EventType {
	var out []EventType
	for _, t := range EventTypes {
		if c.stateAllows(t) == nil {
			out = append(out, t)
		}
	}
	return out
}

func (c *Case) stateAllows(t EventType) error {
	s := c.State
	if s == "" {
		if t != EventRegistered {
			return conflict("申请尚未登记，不能%s", t.Label())
		}
		return nil
	}
	if s.Closed() {
		return conflict("申请已办结（%s），不能再%s", s.Label(), t.Label())
	}
	ok := false
	switch t {
	case EventRegistered:
		return conflict("申请已经登记，不能重复登记")
	case EventAccepted:
		ok = s == StateRegistered
	case EventCorrectionRequested:
		if !c.CorrectionRequested.IsZero() {
			return conflict("补正通知只能一次性发出（第三十条），本申请已于%s发出过补正通知", day(c.CorrectionRequested))
		}
		ok = s == StateRegistered
	case EventCorrected, EventNoCorrection:
		ok = s == StateCorrectionRequested
	case EventConsultationStarted, EventFeeNotified:
		ok = s == StateInProgress
	case EventConsultationEnded:
		ok = s == StateConsulting
	case EventFeePaid, EventFeeUnpaid:
		ok = s == StateFeePending
	case EventNoticeReceived:
		ok = s == StateCorrectionRequested || s == StateConsulting || s == StateFeePending
	case EventExtended, EventExtensionRequested:
		if c.Extension != nil {
			return conflict("答复期限已于%s延长过，只能延长一次（第三十三条第二款）", day(c.Extension.Day))
		}
		if t == EventExtensionRequested && c.ExtensionRequest != nil {
			return conflict("已于%s申请延长答复期限，正在等待负责人审批", day(c.ExtensionRequest.Day))
		}
		ok = s == StateInProgress || s == StateConsulting || s == StateFeePending
	case EventExtensionRefused:
		if c.ExtensionRequest == nil {
			return conflict("没有待审批的延期申请")
		}
		ok = true
	case EventReplied:
		switch s {
		case StateRegistered, StateInProgress, StateConsulting:
			ok = true // consulting: only once the party's period is over (apply checks the day)
		case StateFeePending:
			return conflict("收费通知尚未办结，请先记录缴费或逾期未缴费")
		case StateCorrectionRequested:
			return conflict("正在等待申请人补正，请先记录收到补正或逾期未补正")
		}
	case EventWithdrawn:
		ok = true
	default:
		return invalid("未知的办理步骤“%s”", string(t))
	}
	if !ok {
		return conflict("申请当前状态为“%s”，不能%s", s.Label(), t.Label())
	}
	return nil
}

// Apply checks a new step recorded by who against the case and, if it is legal, records
// it. Who may act: only the staff handling the case (CanWrite: the agency's own 经办人,
// 审核人 and 负责人), else apperr.Forbidden; an extension is approved by the agency's
// 负责人 (第三十三条第二款, CanApprove), who is recorded as its approver; a reply that
// withholds information states its reason (第三十六条). An illegal transition is
// apperr.Conflict; bad event data is apperr.Invalid. The calendar is needed for the date
// rules (补正 notice within 7 working days, extension before the first deadline,
// abandonment only after the period given); nil means the statutory calendar.
//
// e.UserID is set to who. Replay applies stored steps without asking who recorded them
// again (roles change; what was legal when recorded stays recorded).
func (c *Case) Apply(who account.Principal, e Event, cal *workday.Calendar) error {
	if !CanWrite(who, c.AgencyID) {
		return errNotHandler
	}
	switch e.Type {
	case EventExtended, EventExtensionRefused:
		if !CanApprove(who, c.AgencyID) {
			return errNotApprover
		}
		if e.Type == EventExtended {
			e.ApprovedBy = who.Name
		}
	case EventReplied:
		if e.Reply.Withholds() && strings.TrimSpace(e.Reason) == "" {
			return errNoWithholdingReason
		}
	}
	if e.Type == EventFeeNotified && e.FeeMethod == "" {
		return invalid("请选择计收方式（按件计收或按量计收，国办函〔2020〕109号第三条），收费金额由系统按规定计算")
	}
	if IsNotice(e.Type) && !e.Method.Valid() {
		return invalid("请选择%s的送达方式（当面、电子方式或邮寄），期限自收件人收到之日起计算", e.Type.Label())
	}
	e.UserID = who.UserID
	return c.apply(e, cal)
}

// apply checks the event against the case's state and dates and records it.
func (c *Case) apply(e Event, cal *workday.Calendar) error {
	e.Day = workday.Normalize(e.Day)
	if !e.HandoverDay.IsZero() {
		e.HandoverDay = workday.Normalize(e.HandoverDay)
	}
	e.Reason = strings.TrimSpace(e.Reason)
	e.ApprovedBy = strings.TrimSpace(e.ApprovedBy)
	if e.Day.IsZero() || e.Day.Year() < 1900 {
		return invalid("请填写%s的日期", e.Type.Label())
	}
	if !e.At.IsZero() && e.Day.After(workday.Of(e.At)) {
		return invalid("%s的日期（%s）不能晚于记录时间", e.Type.Label(), day(e.Day))
	}
	if err := c.stateAllows(e.Type); err != nil {
		return err
	}
	if n := len(c.Events); n > 0 {
		if last := c.Events[n-1].Day; e.Day.Before(last) {
			return conflict("%s的日期（%s）不能早于上一步骤的日期（%s）", e.Type.Label(), day(e.Day), day(last))
		}
	}
	if needsReason(e.Type) && e.Reason == "" {
		return invalid("请填写%s的理由或说明", e.Type.Label())
	}
	var receipt Receipt
	if IsNotice(e.Type) {
		if e.Method != "" && !e.Method.Valid() {
			return invalid("未知的送达方式“%s”", string(e.Method))
		}
		if !e.Receipt.IsZero() {
			e.Receipt = workday.Normalize(e.Receipt)
			if e.Receipt.Before(e.Day) {
				return invalid("收到通知之日（%s）不能早于发出之日（%s）", day(e.Receipt), day(e.Day))
			}
			if !e.At.IsZero() && e.Receipt.After(workday.Of(e.At)) {
				return invalid("收到通知之日（%s）不能晚于记录时间", day(e.Receipt))
			}
		}
		if e.Method == NoticeMail && e.Receipt.IsZero() && e.MailDays <= 0 {
			e.MailDays = DefaultMailDays
		}
		if e.MailDays > 60 {
			return invalid("邮寄在途天数不合理（最多60日）")
		}
		receipt = ReceiptOf(e)
	}
	switch e.Type {
	case EventRegistered:
		c.State, c.Received = StateRegistered, e.Day
	case EventAccepted:
		c.State = StateInProgress
	case EventCorrectionRequested:
		if e.Days < 1 || e.Days > 60 {
			return invalid("请填写合理的补正期限（1至60个工作日）")
		}
		if limit := cal.Add(c.Received, CorrectionNoticeDays); e.Day.After(limit) {
			return conflict("补正通知应当自收到申请之日起%d个工作日内发出（第三十条），期限已于%s届满", CorrectionNoticeDays, day(limit))
		}
		c.State, c.CorrectionRequested, c.CorrectionDays, c.CorrectionReceipt = StateCorrectionRequested, e.Day, e.Days, receipt
	case EventCorrected:
		c.State, c.Corrected = StateInProgress, e.Day
	case EventNoCorrection:
		due := c.correctionDue(cal)
		if !e.Day.After(due) {
			return conflict("补正期限至%s届满，届满前不能视为放弃申请（第三十条）", day(due))
		}
		c.close(StateAbandoned, ReplyNoCorrection, e.Day)
	case EventConsultationStarted:
		if e.Party != PartyThirdParty && e.Party != PartyOrgan {
			return invalid("请选择征求意见的对象（第三方或其他行政机关）")
		}
		c.State = StateConsulting
		c.Pauses = append(c.Pauses, Pause{Kind: EventConsultationStarted, Party: e.Party, From: e.Day, AnswerDue: cal.Add(receipt.Day, ThirdPartyDays), Receipt: receipt})
	case EventFeeNotified:
		var fee *FeeComputation
		if e.FeeMethod != "" {
			f, err := ComputeFee(e.FeeMethod, e.Piece, e.Pages, e.Waived, e.WaiverReason)
			if err != nil {
				return err
			}
			switch {
			case f.Computed == 0:
				return conflict("按国办函〔2020〕109号，%s不收费（%s），不能发出收费通知", f.Method.Label(), f.Lines()[0])
			case f.Amount == 0:
				return conflict("信息处理费已全额减免，无需发出收费通知")
			case e.Amount != 0 && e.Amount != f.Amount:
				return invalid("收费金额（%d元）与按国办函〔2020〕109号计算的金额（%d元）不符", e.Amount, f.Amount)
			}
			e.Amount, e.WaiverReason, fee = f.Amount, f.WaiverReason, &f
		}
		if e.Amount <= 0 {
			return invalid("收费金额应为正数（元）")
		}
		c.Fee, c.FeeAmount = fee, e.Amount
		c.State = StateFeePending
		c.Pauses = append(c.Pauses, Pause{Kind: EventFeeNotified, From: e.Day, AnswerDue: cal.Add(receipt.Day, FeePaymentDays), Receipt: receipt})
	case EventConsultationEnded, EventFeePaid:
		if e.Type == EventFeePaid {
			if e.Amount == 0 {
				e.Amount = c.FeeAmount
			}
			if e.Amount != c.FeeAmount {
				return invalid("缴费金额（%d元）与收费通知的金额（%d元）不符", e.Amount, c.FeeAmount)
			}
			c.Payments = append(c.Payments, Payment{Day: e.Day, Amount: e.Amount})
		}
		c.State = StateInProgress
		c.Pauses[len(c.Pauses)-1].To = e.Day
	case EventFeeUnpaid:
		p := c.Pauses[len(c.Pauses)-1]
		if !e.Day.After(p.AnswerDue) {
			return conflict("缴费期限至%s届满，届满前不能视为放弃申请", day(p.AnswerDue))
		}
		c.Pauses[len(c.Pauses)-1].To = e.Day
		c.close(StateAbandoned, ReplyFeeUnpaid, e.Day)
	case EventExtended:
		if e.Days < 1 || e.Days > MaxExtensionDays {
			return invalid("延长的期限应为1至%d个工作日（第三十三条第二款）", MaxExtensionDays)
		}
		if e.ApprovedBy == "" {
			return invalid("延长答复期限须经政府信息公开工作机构负责人同意，请填写同意的负责人")
		}
		first := c.schedule(cal, e.Day, false).Due
		if e.Day.After(first) {
			return conflict("答复期限已于%s届满，延长答复期限应当在期限届满前经负责人同意并告知申请人（第三十三条第二款）", day(first))
		}
		c.Extension = &Extension{Day: e.Day, Days: e.Days, ApprovedBy: e.ApprovedBy, Reason: e.Reason}
		c.ExtensionRequest = nil // approved
	case EventExtensionRequested:
		if e.Days < 1 || e.Days > MaxExtensionDays {
			return invalid("延长的期限应为1至%d个工作日（第三十三条第二款）", MaxExtensionDays)
		}
		first := c.schedule(cal, e.Day, false).Due
		if e.Day.After(first) {
			return conflict("答复期限已于%s届满，不能再申请延期（第三十三条第二款）", day(first))
		}
		c.ExtensionRequest = &ExtensionRequest{Day: e.Day, Days: e.Days, Reason: e.Reason, UserID: e.UserID, By: first}
	case EventExtensionRefused:
		c.ExtensionRequest = nil
	case EventNoticeReceived:
		w := c.Waiting(cal)
		if e.Day.Before(w.Receipt.Sent) {
			return invalid("收到通知之日（%s）不能早于发出之日（%s）", day(e.Day), day(w.Receipt.Sent))
		}
		c.setReceipt(Receipt{Method: w.Receipt.Method, Sent: w.Receipt.Sent, Day: e.Day}, cal)
	case EventReplied:
		if c.State == StateConsulting {
			p := c.Pauses[len(c.Pauses)-1]
			if !e.Day.After(p.AnswerDue) {
				return conflict("正在征求%s意见（提出意见的期限至%s），请先记录征求意见结束，再作出答复", p.Party.Label(), day(p.AnswerDue))
			}
		}
		if !e.Reply.Valid() {
			return invalid("请选择答复类型")
		}
		if e.Reply.closedByEvent() {
			via := EventNoCorrection
			if e.Reply == ReplyFeeUnpaid {
				via = EventFeeUnpaid
			}
			return conflict("“%s”应通过记录“%s”办理，不能直接答复", e.Reply.Label(), via.Label())
		}
		if e.Reply == ReplyStillUnclear && c.Corrected.IsZero() {
			return conflict("只有收到补正后的申请，才能以“补正后申请内容仍不明确”答复")
		}
		if e.Reply == ReplyOther && e.Reason == "" {
			return invalid("以“其他处理”答复的，请说明具体情形")
		}
		if c.State == StateConsulting {
			c.Pauses[len(c.Pauses)-1].To = e.Day // the party's period is over: End caps the pause at it
		}
		c.close(StateReplied, e.Reply, e.Day)
	case EventWithdrawn:
		if n := len(c.Pauses); n > 0 && c.Pauses[n-1].To.IsZero() {
			c.Pauses[n-1].To = e.Day
		}
		c.close(StateWithdrawn, ReplyOther, e.Day)
	}
	c.Events = append(c.Events, e)
	return nil
}

func (c *Case) close(s State, r ReplyType, d time.Time) {
	c.State, c.Outcome, c.Closed = s, r, d
}

func needsReason(t EventType) bool {
	switch t {
	case EventCorrectionRequested, EventNoCorrection, EventConsultationStarted, EventFeeNotified,
		EventFeeUnpaid, EventExtended, EventWithdrawn, EventExtensionRequested, EventExtensionRefused:
		return true
	}
	return false
}
