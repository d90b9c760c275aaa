package letter

import (
	"gongkai/internal/apperr"
	"gongkai/internal/foirequest"
	"gongkai/internal/workday"
	"strings"
)

// ForApplication builds the input of a letter from an application's record: the event of
// the letter's step (the last one when there are several) gives the day of the letter, the
// office's words (the event's reason) and the figures; the calendar gives the periods
// (补正 period, the extended due day, the day payment or an answer is due). A nil calendar
// is the statutory one. The applicant's identity number is not used.
func ForApplication(app foirequest.Application, ag Agency, kind Kind, cal *workday.Calendar) (Input, error) {
	if !kind.Valid() {
		return Input{}, apperr.New(apperr.Invalid, "未知的文书类型")
	}
	if cal == nil {
		cal = workday.MustNew()
	}
	c, err := app.Case(cal)
	if err != nil {
		return Input{}, err
	}
	in := Base(app, ag)
	in.Kind = kind
	if kind == KindReply {
		return replyInput(in, app, c)
	}
	idx := lastEvent(app.Events, kind.Event(), len(app.Events))
	if idx < 0 {
		return Input{}, apperr.Newf(apperr.NotFound, "该申请没有“%s”的记录，不能生成%s", kind.Event().Label(), kind.Label())
	}
	e := app.Events[idx]
	in.Issued = e.Day
	switch kind {
	case KindCorrection:
		in.Detail = e.Reason
		in.Days = e.Days
		in.Until = cal.Add(foirequest.ReceiptOf(e).Day, e.Days)
	case KindExtension:
		in.Detail = e.Reason
		in.Days = e.Days
		// The new due day is the case's due day as of the extension.
		upTo, err := foirequest.Replay(app.Events[:idx+1], cal)
		if err != nil {
			return Input{}, err
		}
		in.Until = upTo.Explain(cal, e.Day).Due
	case KindFee:
		in.Detail = e.Reason
		if f, ok := e.Fee(); ok {
			lines := f.Lines() // the last line is the amount, which the letter states itself
			in.Detail = strings.Join(lines[:len(lines)-1], "；")
		}
		in.Amount = e.Amount
		in.Until = cal.Add(foirequest.ReceiptOf(e).Day, foirequest.FeePaymentDays)
	case KindConsultation:
		// The note on the event is the office's internal reason; the letter to the party
		// uses the statutory wording (the caller may set Detail and Addressee).
		in.Party = e.Party
		in.Until = cal.Add(foirequest.ReceiptOf(e).Day, foirequest.ThirdPartyDays)
	}
	return in, nil
}

// replyInput fills the reply from the closing event: a reply, or the abandonment after
// no correction or no payment.
func replyInput(in Input, app foirequest.Application, c *foirequest.Case) (Input, error) {
	switch c.State {
	case foirequest.StateReplied, foirequest.StateAbandoned:
	case foirequest.StateWithdrawn:
		return Input{}, apperr.New(apperr.Conflict, "申请人已撤回申请，不需要出具答复书")
	default:
		return Input{}, apperr.New(apperr.Conflict, "该申请尚未作出答复，不能生成答复书")
	}
	closing := -1
	for i := len(app.Events) - 1; i >= 0; i-- {
		switch app.Events[i].Type {
		case foirequest.EventReplied, foirequest.EventNoCorrection, foirequest.EventFeeUnpaid:
			closing = i
		}
		if closing >= 0 {
			break
		}
	}
	if closing < 0 {
		return Input{}, apperr.New(apperr.Conflict, "该申请尚未作出答复，不能生成答复书")
	}
	e := app.Events[closing]
	in.Issued = c.Closed
	in.Reply = c.Outcome
	if e.Type == foirequest.EventReplied {
		in.Detail = e.Reason
		if e.Handover != "" {
			in.Delivery, in.HandoverDay = e.Handover, e.HandoverDay
		}
		in.Edited, in.DraftedBy, in.ReviewedBy = e.Letter, e.DraftedBy, e.ReviewedBy
	}
	switch c.Outcome {
	case foirequest.ReplyStillUnclear, foirequest.ReplyNoCorrection:
		if i := lastEvent(app.Events, foirequest.EventCorrectionRequested, closing); i >= 0 {
			in.NoticeDay = app.Events[i].Day
		}
	case foirequest.ReplyFeeUnpaid:
		if i := lastEvent(app.Events, foirequest.EventFeeNotified, closing); i >= 0 {
			in.NoticeDay = app.Events[i].Day
		}
	}
	return in, nil
}

// lastEvent is the index of the last event of type t before index end, or -1.
func lastEvent(events []foirequest.Event, t foirequest.EventType, end int) int {
	for i := end - 1; i >= 0; i-- {
		if events[i].Type == t {
			return i
		}
	}
	return -1
}

// Base is the input every letter of an application starts from: the sender, the
// applicant's name (never the identity number), the case number, the day of receipt,
// what was asked for and in which form.
func Base(app foirequest.Application, ag Agency) Input {
	return Input{
		Agency:       ag,
		Applicant:    app.Applicant.Name,
		Organization: app.Applicant.Kind.IsOrganization(),
		Number:       app.Number,
		Received:     app.Received,
		Description:  app.Description,
		Delivery:     app.Delivery,
	}
}
