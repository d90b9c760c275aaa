package foirequest

import (
	"testing"

	"gongkai/internal/apperr"
)

func TestApplyByApplicant(t *testing.T) {
	registered := []Event{ev(EventRegistered, "2025-09-01")}
	correction := append(registered[:1:1], ev(EventCorrectionRequested, "2025-09-02", days(10)))
	accepted := append(registered[:1:1], ev(EventAccepted, "2025-09-01"))
	fee := append(accepted[:2:2], ev(EventFeeNotified, "2025-09-03", amount(100)))
	replied := append(accepted[:2:2], ev(EventReplied, "2025-09-04", reply(ReplyGranted)))
	tests := []struct {
		name   string
		events []Event
		step   EventType
		today  string
		code   apperr.Code // "" when accepted
		state  State
	}{
		{"补正 answered", correction, EventCorrected, "2025-09-05", "", StateInProgress},
		{"补正 not asked", accepted, EventCorrected, "2025-09-05", apperr.Conflict, ""},
		{"fee paid", fee, EventFeePaid, "2025-09-08", "", StateInProgress},
		{"no fee asked", accepted, EventFeePaid, "2025-09-08", apperr.Conflict, ""},
		{"withdrawn while registered", registered, EventWithdrawn, "2025-09-02", "", StateWithdrawn},
		{"withdrawn while paying", fee, EventWithdrawn, "2025-09-05", "", StateWithdrawn},
		{"withdrawn after the reply", replied, EventWithdrawn, "2025-09-05", apperr.Conflict, ""},
		{"a reply is the agency's", accepted, EventReplied, "2025-09-05", apperr.Forbidden, ""},
		{"an extension is the agency's", accepted, EventExtended, "2025-09-05", apperr.Forbidden, ""},
		{"a day before the last step", fee, EventFeePaid, "2025-09-02", apperr.Conflict, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := replay(t, tt.events...)
			e := Event{Type: tt.step, Reason: "申请人通过查询页面提交", UserID: 99, Reply: ReplyGranted}
			err := c.ApplyByApplicant(e, dd(tt.today), nil)
			if tt.code != "" {
				if apperr.CodeOf(err) != tt.code {
					t.Fatalf("err %v, want %s", err, tt.code)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			last := c.Events[len(c.Events)-1]
			if c.State != tt.state || last.UserID != 0 || !last.Day.Equal(dd(tt.today)) {
				t.Errorf("state %s, last %+v", c.State, last)
			}
		})
	}
}

func TestApplicantMay(t *testing.T) {
	c := replay(t, ev(EventRegistered, "2025-09-01"), ev(EventCorrectionRequested, "2025-09-02", days(10)))
	got := c.ApplicantMay()
	if len(got) != 2 || got[0] != EventCorrected || got[1] != EventWithdrawn {
		t.Errorf("awaiting correction: %v", got)
	}
	c = replay(t, ev(EventRegistered, "2025-09-01"), ev(EventAccepted, "2025-09-01"), ev(EventReplied, "2025-09-03", reply(ReplyGranted)))
	if got := c.ApplicantMay(); len(got) != 0 {
		t.Errorf("closed: %v", got)
	}
}

func TestTellsApplicant(t *testing.T) {
	for _, typ := range EventTypes {
		want := typ != EventAccepted && typ != EventConsultationEnded && typ != EventNoticeReceived && !InternalStep(typ)
		if TellsApplicant(typ) != want {
			t.Errorf("%s: TellsApplicant %v", typ, !want)
		}
	}
}
