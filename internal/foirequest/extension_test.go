package foirequest

import (
	"testing"

	"gongkai/internal/account"
	"gongkai/internal/apperr"
)

// TestExtensionRequest: the 经办人 asks with a reason, the 负责人 approves or refuses
// before the first due day (第三十三条第二款). Received 2025-11-03: first due 2025-12-01.
func TestExtensionRequest(t *testing.T) {
	clerk := account.Principal{UserID: 2, Name: "李经办", Roles: []account.Role{account.Clerk}}
	boss := account.Principal{UserID: 3, Name: "赵主任", Roles: []account.Role{account.Head}}
	base := []Event{ev(EventRegistered, "2025-11-03"), ev(EventAccepted, "2025-11-03")}
	request := ev(EventExtensionRequested, "2025-11-20", days(15), func(e *Event) { e.Reason = "需调阅多年档案" })
	type step struct {
		who  account.Principal
		e    Event
		code apperr.Code
	}
	for _, tt := range []struct {
		name     string
		steps    []step
		pending  bool
		extended int
	}{
		{"request, then approval", []step{{clerk, request, ""}, {boss, ev(EventExtended, "2025-11-21", days(15)), ""}}, false, 15},
		{"request, then refusal", []step{{clerk, request, ""}, {boss, ev(EventExtensionRefused, "2025-11-21", func(e *Event) { e.Reason = "可按期答复" }), ""}}, false, 0},
		{"the clerk cannot refuse", []step{{clerk, request, ""}, {clerk, ev(EventExtensionRefused, "2025-11-21"), apperr.Forbidden}}, true, 0},
		{"the clerk cannot approve", []step{{clerk, request, ""}, {clerk, ev(EventExtended, "2025-11-21", days(15)), apperr.Forbidden}}, true, 0},
		{"one request at a time", []step{{clerk, request, ""}, {clerk, request, apperr.Conflict}}, true, 0},
		{"a refusal needs a reason", []step{{clerk, request, ""}, {boss, ev(EventExtensionRefused, "2025-11-21", func(e *Event) { e.Reason = "" }), apperr.Invalid}}, true, 0},
		{"a request needs a reason", []step{{clerk, ev(EventExtensionRequested, "2025-11-20", days(15), func(e *Event) { e.Reason = "" }), apperr.Invalid}}, false, 0},
		{"no refusal without a request", []step{{boss, ev(EventExtensionRefused, "2025-11-21"), apperr.Conflict}}, false, 0},
		{"asked after the first due day", []step{{clerk, ev(EventExtensionRequested, "2025-12-02", days(15)), apperr.Conflict}}, false, 0},
		{"approved after the first due day", []step{{clerk, request, ""}, {boss, ev(EventExtended, "2025-12-02", days(15)), apperr.Conflict}}, true, 0},
		{"asked again after a refusal", []step{{clerk, request, ""}, {boss, ev(EventExtensionRefused, "2025-11-21"), ""}, {clerk, ev(EventExtensionRequested, "2025-11-24", days(5)), ""}}, true, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := replay(t, base...)
			for i, s := range tt.steps {
				err := c.Apply(s.who, s.e, nil)
				if s.code == "" && err != nil || s.code != "" && !apperr.Is(err, s.code) {
					t.Fatalf("step %d %s: err = %v, want %q", i+1, s.e.Type, err, s.code)
				}
			}
			if (c.ExtensionRequest != nil) != tt.pending {
				t.Errorf("pending request %+v, want %v", c.ExtensionRequest, tt.pending)
			}
			if tt.pending && !c.ExtensionRequest.By.Equal(dd("2025-12-01")) {
				t.Errorf("decide by %v", c.ExtensionRequest.By)
			}
			got := 0
			if c.Extension != nil {
				got = c.Extension.Days
				if c.Extension.ApprovedBy != boss.Name {
					t.Errorf("approved by %q", c.Extension.ApprovedBy)
				}
			}
			if got != tt.extended {
				t.Errorf("extended %d, want %d", got, tt.extended)
			}
		})
	}
}
