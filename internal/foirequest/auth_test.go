package foirequest

import (
	"testing"

	"gongkai/internal/account"
	"gongkai/internal/apperr"
)

func staffOf(id, agency int64, roles ...account.Role) account.Principal {
	return account.Principal{UserID: id, Name: "用户", AgencyID: agency, GovernmentID: 1, Roles: roles}
}

func TestAuthorisation(t *testing.T) {
	const own, other, otherGov = 10, 11, 20
	clerk := staffOf(1, own, account.Clerk)
	reviewer := staffOf(2, own, account.Reviewer)
	head := staffOf(3, own, account.Head)
	admin := staffOf(4, own, account.AgencyAdmin)
	office := staffOf(5, other, account.OpenOffice)
	sysadmin := staffOf(6, other, account.SysAdmin)
	sysadminClerk := staffOf(7, own, account.SysAdmin, account.Clerk)
	otherClerk := staffOf(8, other, account.Clerk)
	farOffice := account.Principal{UserID: 9, AgencyID: otherGov, GovernmentID: 2, Roles: []account.Role{account.OpenOffice}}
	for _, c := range []struct {
		name                           string
		p                              account.Principal
		read, write, approve, register bool
	}{
		{"经办人", clerk, true, true, false, true},
		{"审核人", reviewer, true, true, false, false},
		{"负责人", head, true, true, true, true},
		{"机关管理员", admin, true, false, false, false},
		{"政务公开办 of the government", office, true, false, false, false},
		{"政务公开办 of another government", farOffice, false, false, false, false},
		{"系统管理员 of another agency", sysadmin, true, false, false, true},
		{"系统管理员 and 经办人", sysadminClerk, true, true, false, true},
		{"经办人 of another agency", otherClerk, false, false, false, false},
		{"System", account.System(), true, false, false, true},
		{"Public", account.Public(), false, false, false, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := CanRead(c.p, own, 1); got != c.read {
				t.Errorf("CanRead = %v", got)
			}
			if got := CanWrite(c.p, own); got != c.write {
				t.Errorf("CanWrite = %v", got)
			}
			if got := SeesApplicant(c.p, own); got != c.write {
				t.Errorf("SeesApplicant = %v", got)
			}
			if got := CanApprove(c.p, own); got != c.approve {
				t.Errorf("CanApprove = %v", got)
			}
			if got := CanRegister(c.p, own); got != c.register {
				t.Errorf("CanRegister = %v", got)
			}
			if err := RequireRead(c.p, own, 1); (err == nil) != c.read || (err != nil && !apperr.Is(err, apperr.NotFound)) {
				t.Errorf("RequireRead = %v", err)
			}
		})
	}
}

// TestApplyWho: Case.Apply enforces who may record a step, who approves an extension
// (第三十三条第二款) and the reason of a withholding reply (第三十六条).
func TestApplyWho(t *testing.T) {
	base := []Event{ev(EventRegistered, "2025-09-26"), ev(EventAccepted, "2025-09-26")}
	const agency = 10
	clerk := staffOf(1, agency, account.Clerk)
	head := staffOf(3, agency, account.Head)
	head.Name = "李主任"
	extend := ev(EventExtended, "2025-10-09", days(10))
	withhold := ev(EventReplied, "2025-10-09", reply(ReplyStateSecret), func(e *Event) { e.Reason = " " })
	for _, c := range []struct {
		name string
		who  account.Principal
		e    Event
		code apperr.Code // "" accepted
	}{
		{"clerk accepts a step", clerk, ev(EventReplied, "2025-10-09", reply(ReplyGranted)), ""},
		{"clerk of another agency", staffOf(8, 11, account.Clerk), ev(EventReplied, "2025-10-09", reply(ReplyGranted)), apperr.Forbidden},
		{"open office", staffOf(5, 11, account.OpenOffice), ev(EventReplied, "2025-10-09", reply(ReplyGranted)), apperr.Forbidden},
		{"agency admin", staffOf(4, agency, account.AgencyAdmin), ev(EventReplied, "2025-10-09", reply(ReplyGranted)), apperr.Forbidden},
		{"system administrator of the agency", staffOf(6, agency, account.SysAdmin), ev(EventReplied, "2025-10-09", reply(ReplyGranted)), apperr.Forbidden},
		{"System", account.System(), ev(EventReplied, "2025-10-09", reply(ReplyGranted)), apperr.Forbidden},
		{"Public", account.Public(), ev(EventWithdrawn, "2025-10-09"), apperr.Forbidden},
		{"clerk extends", clerk, extend, apperr.Forbidden},
		{"head of another agency extends", staffOf(9, 11, account.Head), extend, apperr.Forbidden},
		{"system administrator and clerk extends", staffOf(7, agency, account.SysAdmin, account.Clerk), extend, apperr.Forbidden},
		{"head extends", head, extend, ""},
		{"withholding without reason", clerk, withhold, apperr.Invalid},
		{"withholding with reason", clerk, ev(EventReplied, "2025-10-09", reply(ReplyStateSecret)), ""},
		{"partial without reason", head, ev(EventReplied, "2025-10-09", reply(ReplyPartial), func(e *Event) { e.Reason = "" }), apperr.Invalid},
		{"granted without reason", clerk, ev(EventReplied, "2025-10-09", reply(ReplyGranted), func(e *Event) { e.Reason = "" }), ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			cs := replay(t, base...)
			cs.AgencyID = agency
			err := cs.Apply(c.who, c.e, nil)
			if c.code == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				last := cs.Events[len(cs.Events)-1]
				if last.UserID != c.who.UserID {
					t.Errorf("recorded by %d, want %d", last.UserID, c.who.UserID)
				}
				if c.e.Type == EventExtended && (last.ApprovedBy != "李主任" || cs.Extension.ApprovedBy != "李主任") {
					t.Errorf("approver %q", last.ApprovedBy)
				}
				return
			}
			if !apperr.Is(err, c.code) {
				t.Fatalf("err = %v, want %s", err, c.code)
			}
			if len(cs.Events) != len(base) {
				t.Errorf("a refused step was recorded")
			}
		})
	}
}
