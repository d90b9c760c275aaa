package foirequest

import (
	"fmt"
	"time"

	"gongkai/internal/workday"
)

// Status classifies a case by its deadline.
type Status string

const (
	StatusOnTrack            Status = "on_track"            // 办理中
	StatusDueSoon            Status = "due_soon"            // 即将到期: at most DueSoonDays working days left
	StatusOverdue            Status = "overdue"             // 已超期
	StatusPaused             Status = "paused"              // 暂停计时（征求意见或待缴费）
	StatusAwaitingCorrection Status = "awaiting_correction" // 待补正: the reply period has not started
	StatusClosedOnTime       Status = "closed_on_time"      // 已按期办结
	StatusClosedLate         Status = "closed_late"         // 逾期办结
	StatusCorrectionExpired  Status = "correction_expired"  // 补正期限已届满（可视为放弃申请）
	StatusFeeExpired         Status = "fee_expired"         // 缴费期限已届满（可视为放弃申请）
	// Reminder kinds that are not statuses of a list.
	StatusNew                Status = "new"                 // 新申请：已登记，尚未受理
	StatusWaitEnding         Status = "wait_ending"         // 等待期限即将届满
	StatusConsultationLapsed Status = "consultation_lapsed" // 征求意见期满未答复，答复期限恢复计算
	StatusExtensionAsked     Status = "extension_asked"     // 经办人申请延期，待负责人审批
	StatusLetterWaiting      Status = "letter_waiting"      // 答复书待审核 (LetterApprovers)
)

// Label is the Chinese name of the status.
func (s Status) Label() string {
	switch s {
	case StatusOnTrack:
		return "办理中"
	case StatusDueSoon:
		return "即将到期"
	case StatusOverdue:
		return "已超期"
	case StatusPaused:
		return "暂停计时"
	case StatusAwaitingCorrection:
		return "待补正"
	case StatusClosedOnTime:
		return "按期办结"
	case StatusClosedLate:
		return "逾期办结"
	case StatusSubmitted:
		return "申请人提交"
	case StatusCorrectionExpired:
		return "补正期限已届满"
	case StatusFeeExpired:
		return "缴费期限已届满"
	case StatusNew:
		return "新申请待受理"
	case StatusWaitEnding:
		return "等待期限即将届满"
	case StatusConsultationLapsed:
		return "征求意见期满，恢复计时"
	case StatusExtensionAsked:
		return "延期待审批"
	case StatusLetterWaiting:
		return "答复书待审核"
	}
	return string(s)
}

// CountedDay is one working day counted in the reply period.
type CountedDay struct {
	N      int       `json:"n"` // 第N个工作日
	Day    time.Time `json:"day"`
	Reason string    `json:"reason,omitempty"` // a 调休 or override working day: why it counts
}

// Skipped is a run of consecutive days inside the reply period that were not counted,
// with the reason: a holiday, 周末, an override, or a pause.
type Skipped struct {
	From   time.Time `json:"from"`
	To     time.Time `json:"to"`
	Reason string    `json:"reason"`
	Pause  bool      `json:"pause"` // not counted because the clock was paused
}

// PauseSpan is a pause as it entered the computation.
type PauseSpan struct {
	Pause
	Until       time.Time `json:"until"`        // To, or the as-of day while still open
	Open        bool      `json:"open"`         // still running
	Lapsed      bool      `json:"lapsed"`       // a consultation past the party's 15 working days: the clock runs again
	WorkingDays int       `json:"working_days"` // working days not counted
}

// Explanation is how a case's due date was computed: everything a page or the CLI needs
// to show it in Chinese. Build it with Explain or Case.Explain; Lines renders it.
type Explanation struct {
	AsOf     time.Time `json:"as_of"`
	Received time.Time `json:"received"`
	// 补正 (第三十条).
	CorrectionNoticeBy  time.Time `json:"correction_notice_by"`          // the notice had to be sent by this day
	CorrectionRequested time.Time `json:"correction_requested,omitzero"` // day sent
	CorrectionDue       time.Time `json:"correction_due,omitzero"`       // end of the period given to the applicant, from their receipt
	CorrectionReceipt   Receipt   `json:"correction_receipt,omitzero"`
	CorrectionDays      int       `json:"correction_days,omitempty"`
	Corrected           time.Time `json:"corrected,omitzero"`
	// The reply period.
	Start     time.Time    `json:"start"` // counted from the day after Start
	Limit     int          `json:"limit"` // 20, plus the extension
	Pauses    []PauseSpan  `json:"pauses"`
	Extension *Extension   `json:"extension,omitempty"`
	Counted   []CountedDay `json:"counted"`
	Skipped   []Skipped    `json:"skipped"`
	FirstDue  time.Time    `json:"first_due,omitzero"` // the due day without the extension
	Due       time.Time    `json:"due,omitzero"`       // zero while waiting for a correction
	// Provisional: a pause is still open, so Due assumes it ends on AsOf.
	Provisional bool `json:"provisional"`
	// Wait is the open waiting state's own period (nil when the case does not wait).
	Wait     *Wait `json:"wait,omitempty"`
	WaitLeft int   `json:"wait_left"` // working days after AsOf up to Wait.End (negative once over)
	// The result.
	State        State     `json:"state"`
	Closed       time.Time `json:"closed,omitzero"`
	Outcome      ReplyType `json:"outcome,omitempty"`
	Status       Status    `json:"status"`
	WorkdaysLeft int       `json:"workdays_left"` // working days after AsOf up to Due; negative when overdue
	Warnings     []string  `json:"warnings,omitempty"`
}

// Explain replays the events and explains the case's deadline as of the given China day.
// It is a pure function of the events and the calendar: recompute it whenever either
// changes.
func Explain(events []Event, cal *workday.Calendar, asOf time.Time) (Explanation, error) {
	c, err := Replay(events, cal)
	if err != nil {
		return Explanation{}, err
	}
	return c.Explain(cal, asOf), nil
}

// Due returns the due day and status of the case as of the given day.
func (c *Case) Due(cal *workday.Calendar, asOf time.Time) (time.Time, Status) {
	ex := c.Explain(cal, asOf)
	return ex.Due, ex.Status
}

// Explain computes the case's deadline as of the given China day.
func (c *Case) Explain(cal *workday.Calendar, asOf time.Time) Explanation {
	asOf = workday.Normalize(asOf)
	if c.State.Closed() {
		asOf = c.Closed // a closed case is explained as it stood when it closed
	}
	ex := c.schedule(cal, asOf, true)
	ex.State, ex.Closed, ex.Outcome = c.State, c.Closed, c.Outcome
	if ex.Wait = c.Waiting(cal); ex.Wait != nil {
		ex.WaitLeft = cal.Count(asOf, ex.Wait.End)
	}
	ex.Status = StatusOn(cal, c.State, ex.Due, c.WaitEnd(cal), c.Closed, asOf)
	if !ex.Due.IsZero() {
		ex.WorkdaysLeft = cal.Count(asOf, ex.Due)
	}
	for _, y := range []time.Time{ex.Received, ex.Due} {
		if !y.IsZero() && !workday.Covers(y) {
			ex.Warnings = append(ex.Warnings, fmt.Sprintf("节假日数据尚未收录%d年的放假安排，该年仅按周末和管理员设定计算，请管理员核对", y.Year()))
			break
		}
	}
	return ex
}

// schedule walks the working days from the start day, skipping pauses, until the limit
// is reached. With extended false the extension is ignored (the first deadline).
func (c *Case) schedule(cal *workday.Calendar, asOf time.Time, extended bool) Explanation {
	ex := Explanation{
		AsOf:                asOf,
		Received:            c.Received,
		CorrectionNoticeBy:  cal.Add(c.Received, CorrectionNoticeDays),
		CorrectionRequested: c.CorrectionRequested,
		Corrected:           c.Corrected,
		Start:               c.Start(),
		Limit:               ReplyDays,
	}
	if !c.CorrectionRequested.IsZero() {
		ex.CorrectionDue, ex.CorrectionReceipt, ex.CorrectionDays = c.correctionDue(cal), c.CorrectionReceipt, c.CorrectionDays
		if c.Corrected.IsZero() {
			// The reply period runs only from the corrected application: no due day yet.
			return ex
		}
	}
	if extended && c.Extension != nil {
		ex.Limit += c.Extension.Days
		ex.Extension = c.Extension
	}
	for _, p := range c.Pauses {
		s := PauseSpan{Pause: p}
		s.Until, s.Open, s.Lapsed = p.End(asOf)
		if s.Open && !s.Lapsed {
			ex.Provisional = true
		}
		s.WorkingDays = cal.Count(p.From, s.Until)
		ex.Pauses = append(ex.Pauses, s)
	}
	paused := func(d time.Time) (PauseSpan, bool) {
		for _, s := range ex.Pauses {
			if d.After(s.From) && !d.After(s.Until) {
				return s, true
			}
		}
		return PauseSpan{}, false
	}
	var run *Skipped
	skip := func(d time.Time, reason string, pause bool) {
		if run != nil && run.Reason == reason && run.Pause == pause && run.To.AddDate(0, 0, 1).Equal(d) {
			run.To = d
			return
		}
		ex.Skipped = append(ex.Skipped, Skipped{From: d, To: d, Reason: reason, Pause: pause})
		run = &ex.Skipped[len(ex.Skipped)-1]
	}
	d := ex.Start
	for n := 0; n < ex.Limit; {
		d = d.AddDate(0, 0, 1)
		if s, ok := paused(d); ok {
			skip(d, s.Label(), true)
			continue
		}
		info := cal.Info(d)
		if !info.Working {
			skip(d, info.Reason, false)
			continue
		}
		n++
		cd := CountedDay{N: n, Day: d}
		if info.Kind != workday.KindWorkday {
			cd.Reason = info.Reason
		}
		ex.Counted = append(ex.Counted, cd)
		if n == ReplyDays {
			ex.FirstDue = d
		}
	}
	ex.Due = d
	return ex
}

// Lines renders the explanation as Chinese sentences, one step per line, for a web page
// or the CLI (gongkai application explain).
func (ex Explanation) Lines() []string {
	var out []string
	add := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	add("收到申请之日：%s（当日不计入期限，期限自次日起按工作日计算）。", day(ex.Received))
	if !ex.CorrectionRequested.IsZero() {
		add("%s发出补正通知（应当自收到申请之日起%d个工作日内即%s前一次性告知，第三十条）；%s。",
			day(ex.CorrectionRequested), CorrectionNoticeDays, day(ex.CorrectionNoticeBy), ex.CorrectionReceipt.Sentence())
		add("补正期限：自申请人收到补正通知之日起%d个工作日（第三十条），至%s届满。", ex.CorrectionDays, day(ex.CorrectionDue))
		if ex.Corrected.IsZero() {
			if ex.State == StateAbandoned {
				add("申请人无正当理由逾期不补正，%s视为放弃申请，行政机关不再处理（第三十条）。", day(ex.Closed))
			} else if ex.State == StateWithdrawn {
				add("%s申请人撤回申请。", day(ex.Closed))
			} else {
				add("答复期限自收到补正后的申请之日起计算（第三十条），目前尚未开始计算。")
				if ex.AsOf.After(ex.CorrectionDue) {
					add("截至%s补正期限已届满，未收到补正：申请人无正当理由逾期不补正的，视为放弃申请，可记录“逾期未补正”（三（六）1）。", day(ex.AsOf))
				} else {
					add("截至%s等待申请人补正，补正期限剩余%d个工作日。", day(ex.AsOf), ex.WaitLeft)
				}
			}
			return out
		}
		add("%s收到补正后的申请，答复期限自该日起计算（第三十条）。", day(ex.Corrected))
	}
	add("答复期限：%d个工作日（第三十三条第二款）。", ReplyDays)
	for _, p := range ex.Pauses {
		until := day(p.Until)
		if p.Open {
			until += "（尚未结束，暂计至该日）"
		}
		if p.Kind == EventFeeNotified {
			add("%s发出收费通知（%s），至%s，期间%d个工作日不计入答复期限（%s）；缴费期限：自申请人收到收费通知之日起%d个工作日，至%s届满，逾期未缴纳的视为放弃申请。",
				day(p.From), p.Receipt.Sentence(), until, p.WorkingDays, p.Basis(), FeePaymentDays, day(p.AnswerDue))
		} else if p.Lapsed {
			add("%s%s（%s）；%s提出意见的期限：自收到征求意见之日起%d个工作日，至%s届满。期间%d个工作日不计入答复期限（%s）。",
				day(p.From), p.Label(), p.Receipt.Sentence(), p.Party.Label(), ThirdPartyDays, day(p.AnswerDue), p.WorkingDays, p.Basis())
			add("%s逾期未提出意见（第三十二条），答复期限自%s起恢复计算，不再暂停。", p.Party.Label(), day(p.AnswerDue.AddDate(0, 0, 1)))
		} else {
			add("%s%s（%s），至%s，期间%d个工作日不计入答复期限（%s）；%s提出意见的期限：自收到征求意见之日起%d个工作日，至%s届满。",
				day(p.From), p.Label(), p.Receipt.Sentence(), until, p.WorkingDays, p.Basis(), p.Party.Label(), ThirdPartyDays, day(p.AnswerDue))
		}
	}
	if ex.Extension != nil {
		add("%s经政府信息公开工作机构负责人%s同意，答复期限延长%d个工作日（第三十三条第二款；原期限届满日为%s），理由：%s。",
			day(ex.Extension.Day), ex.Extension.ApprovedBy, ex.Extension.Days, day(ex.FirstDue), ex.Extension.Reason)
	}
	weekends := 0
	for _, s := range ex.Skipped {
		switch {
		case s.Pause:
		case s.Reason == "周末":
			weekends += int(s.To.Sub(s.From).Hours()/24) + 1
		case s.From.Equal(s.To):
			add("%s为%s，不计入。", day(s.From), s.Reason)
		default:
			add("%s至%s为%s，不计入。", day(s.From), day(s.To), s.Reason)
		}
	}
	if weekends > 0 {
		add("期间周末%d天不计入（调休上班日计入）。", weekends)
	}
	for _, cd := range ex.Counted {
		if cd.Reason != "" {
			add("%s为%s，计入（第%d个工作日）。", day(cd.Day), cd.Reason, cd.N)
		}
	}
	due := "答复期限届满日：" + day(ex.Due) + fmt.Sprintf("（共计%d个工作日", ex.Limit)
	if ex.Provisional {
		due += "；暂停计时尚未结束，届满日将顺延"
	}
	add("%s）。", due)
	switch ex.Status {
	case StatusClosedOnTime, StatusClosedLate:
		if ex.State == StateReplied {
			add("%s作出答复（%s），%s。", day(ex.Closed), ex.Outcome.Label(), ex.Status.Label())
		} else if ex.State == StateWithdrawn {
			add("%s申请人撤回申请。", day(ex.Closed))
		} else {
			add("%s%s。", day(ex.Closed), ex.Outcome.Label())
		}
	case StatusOverdue:
		add("截至%s已超过答复期限%d个工作日。", day(ex.AsOf), -ex.WorkdaysLeft)
	case StatusDueSoon, StatusOnTrack:
		add("截至%s剩余%d个工作日（%s）。", day(ex.AsOf), ex.WorkdaysLeft, ex.Status.Label())
	case StatusPaused:
		add("截至%s暂停计时中；%s剩余%d个工作日（至%s）。", day(ex.AsOf), ex.Wait.Label(), ex.WaitLeft, day(ex.Wait.End))
	case StatusFeeExpired:
		add("截至%s缴费期限（%s届满）已过，未记录缴费：申请人逾期未缴纳的，视为放弃申请，可记录“逾期未缴费”（三（六）2）。", day(ex.AsOf), day(ex.Wait.End))
	}
	out = append(out, ex.Warnings...)
	return out
}

// DayLines lists every day of the reply period that was counted, for --days.
func (ex Explanation) DayLines() []string {
	out := make([]string, 0, len(ex.Counted))
	for _, cd := range ex.Counted {
		line := fmt.Sprintf("第%d个工作日：%s", cd.N, day(cd.Day))
		if cd.Reason != "" {
			line += "（" + cd.Reason + "）"
		}
		out = append(out, line)
	}
	return out
}
