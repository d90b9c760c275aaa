package catalog

import (
	"gongkai/internal/account"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"gongkai/internal/apperr"
)

var (
	// Staff of agency 1, the agency of the test items.
	author   = account.Principal{UserID: 1, AgencyID: 1, Roles: []account.Role{account.Clerk}}
	author2  = account.Principal{UserID: 2, AgencyID: 1, Roles: []account.Role{account.Clerk}}
	reviewer = account.Principal{UserID: 3, AgencyID: 1, Roles: []account.Role{account.Reviewer}}
	approver = account.Principal{UserID: 4, AgencyID: 1, Roles: []account.Role{account.Head}}
	// allRoles is a small office where one person holds every role.
	allRoles = account.Principal{UserID: 5, AgencyID: 1, Roles: []account.Role{account.Clerk, account.Reviewer, account.Head}}
	t0       = time.Date(2024, 3, 1, 2, 0, 0, 0, time.UTC) // 10:00 China time
	// cleared is a 保密审查 that confirms every point of the checklist.
	cleared = Secrecy{Clear: SecrecyChecks, Opinion: "经审查，不涉及国家秘密、工作秘密、商业秘密和个人隐私，同意公开"}
)

func readyDraft(t *testing.T, by account.Principal) Item {
	t.Helper()
	it, ev, err := NewDraft(Item{
		ID: 7, AgencyID: 1, Title: "关于印发《榆川区基层医疗卫生机构绩效考核办法》的通知", Topic: "health",
		Publisher: "榆川区卫生健康局", WrittenOn: day(2024, 2, 27), DocNo: "榆卫发〔2024〕3号",
		Kind: Normative, BodyHTML: "<p>各镇卫生院：</p>",
	}, by, t0)
	if err != nil {
		t.Fatal(err)
	}
	if it.State != Draft || it.AuthorID != by.UserID || it.Validity != Valid || ev.Action != ActCreate || ev.To != Draft {
		t.Fatalf("NewDraft = %+v, %+v", it, ev)
	}
	return it
}

func mustStep(t *testing.T, it Item, cmd Command, now time.Time) (Item, Event) {
	t.Helper()
	next, ev, err := Step(it, cmd, now)
	if err != nil {
		t.Fatalf("Step(%s by %d) from %s: %v", cmd.Action, cmd.By.UserID, it.State, err)
	}
	return next, ev
}

func TestWorkflowHappyPath(t *testing.T) {
	it := readyDraft(t, author)
	it, ev := mustStep(t, it, Command{Action: ActSubmit, By: author}, t0)
	if it.State != SecrecyReview || ev.From != Draft || ev.To != SecrecyReview || ev.ActorID != 1 || !ev.At.Equal(t0) {
		t.Fatalf("submit: %+v %+v", it.State, ev)
	}
	it, _ = mustStep(t, it, Command{Action: ActPassReview, By: reviewer, Secrecy: cleared}, t0.Add(time.Hour))
	if it.State != Approval || it.ReviewerID != 3 {
		t.Fatalf("pass review: %+v", it)
	}
	now := t0.Add(20 * time.Hour) // 2024-03-02 06:00 China time
	it, ev = mustStep(t, it, Command{Action: ActApprove, By: approver}, now)
	if it.State != Published || it.ApproverID != 4 || !it.PublishedAt.Equal(now) || !it.PublishedOn.Equal(day(2024, 3, 2)) {
		t.Fatalf("approve: %+v", it)
	}
	if !NeedsIndexNo(it) || IndexYear(it) != 2024 {
		t.Fatal("a newly published item needs its 索引号")
	}
	if ev.Describe() != "审批通过：审批 → 已发布" {
		t.Errorf("Describe = %q", ev.Describe())
	}
	it.IndexNo = "000013338/2024-00001"
	it, ev = mustStep(t, it, Command{Action: ActChangeValidity, By: approver, Validity: Repealed, EffectiveOn: day(2025, 1, 1), Reason: "被新办法替代"}, now.Add(24*time.Hour))
	if it.Validity != Repealed || !it.ValidityChangedOn.Equal(day(2025, 1, 1)) || it.State != Published {
		t.Fatalf("change validity: %+v", it)
	}
	if want := "变更效力状态，效力状态 有效 → 废止（2025-01-01起），理由：被新办法替代"; ev.Describe() != want {
		t.Errorf("Describe = %q, want %q", ev.Describe(), want)
	}
	it, ev = mustStep(t, it, Command{Action: ActWithdraw, By: approver, Reason: "附件有误"}, now.Add(48*time.Hour))
	if it.State != Withdrawn || ev.Reason != "附件有误" {
		t.Fatalf("withdraw: %+v", it)
	}
	it, _ = mustStep(t, it, Command{Action: ActReopen, By: author2}, now.Add(49*time.Hour))
	if it.State != Draft || it.IndexNo != "000013338/2024-00001" || it.ReviewerID != 0 || it.ApproverID != 0 {
		t.Fatalf("reopen keeps the 索引号 and clears the reviews: %+v", it)
	}
	if NeedsIndexNo(it) {
		t.Fatal("draft needs no 索引号")
	}
}

func TestWorkflowScheduled(t *testing.T) {
	it := readyDraft(t, author)
	it, _ = mustStep(t, it, Command{Action: ActSubmit, By: author}, t0)
	it, _ = mustStep(t, it, Command{Action: ActPassReview, By: reviewer, Secrecy: cleared}, t0)
	at := t0.Add(72 * time.Hour)
	it, ev := mustStep(t, it, Command{Action: ActApprove, By: approver, PublishAt: at}, t0)
	if it.State != Scheduled || !it.PublishAt.Equal(at) || !it.PublishedOn.IsZero() || !ev.PublishAt.Equal(at) {
		t.Fatalf("scheduled approve: %+v", it)
	}
	if !NeedsIndexNo(it) {
		t.Error("the 索引号 is assigned on approval, so it shows on the scheduled item")
	}
	if DueForPublication(it, at.Add(-time.Second)) || !DueForPublication(it, at) {
		t.Error("DueForPublication wrong around the scheduled instant")
	}
	_, _, err := Step(it, Command{Action: ActPublishScheduled, By: account.System()}, at.Add(-time.Minute))
	if !apperr.Is(err, apperr.Conflict) || !strings.Contains(apperr.MessageOf(err), "尚未到定时发布时间") {
		t.Fatalf("early publish: %v", err)
	}
	_, _, err = Step(it, Command{Action: ActPublishScheduled, By: approver}, at)
	if !apperr.Is(err, apperr.Forbidden) {
		t.Fatalf("only the job publishes scheduled items: %v", err)
	}
	late := at.Add(5 * time.Minute)
	pub, ev := mustStep(t, it, Command{Action: ActPublishScheduled, By: account.System()}, late)
	if pub.State != Published || !pub.PublishedAt.Equal(late) || !pub.PublishAt.IsZero() || ev.ActorID != 0 {
		t.Fatalf("scheduled publish: %+v %+v", pub, ev)
	}
	back, _ := mustStep(t, it, Command{Action: ActCancelSchedule, By: approver, Reason: "发布时间调整"}, t0)
	if back.State != Approval || !back.PublishAt.IsZero() || back.ApproverID != 0 {
		t.Fatalf("cancel schedule: %+v", back)
	}
	_, _, err = Step(readyToApprove(t), Command{Action: ActApprove, By: approver, PublishAt: t0.Add(400 * 24 * time.Hour)}, t0)
	if !apperr.Is(err, apperr.Invalid) {
		t.Fatalf("schedule too far ahead: %v", err)
	}
	past, _ := mustStep(t, readyToApprove(t), Command{Action: ActApprove, By: approver, PublishAt: t0.Add(-time.Hour)}, t0)
	if past.State != Published {
		t.Fatalf("a publication time in the past publishes at once: %s", past.State)
	}
}

func readyToApprove(t *testing.T) Item {
	t.Helper()
	it := readyDraft(t, author)
	it, _ = mustStep(t, it, Command{Action: ActSubmit, By: author}, t0)
	it, _ = mustStep(t, it, Command{Action: ActPassReview, By: reviewer, Secrecy: cleared}, t0)
	return it
}

func TestWorkflowRefusals(t *testing.T) {
	draft := readyDraft(t, author)
	inReview, _ := mustStep(t, draft, Command{Action: ActSubmit, By: author}, t0)
	ownDraft := readyDraft(t, allRoles)
	ownInReview, _ := mustStep(t, ownDraft, Command{Action: ActSubmit, By: allRoles}, t0)
	ownInApproval := ownInReview
	ownInApproval.State = Approval
	inApproval := readyToApprove(t)
	published, _ := mustStep(t, inApproval, Command{Action: ActApprove, By: approver}, t0)
	reviewedByAll, _ := mustStep(t, inReview, Command{Action: ActPassReview, By: allRoles, Secrecy: cleared}, t0)
	incomplete := draft
	incomplete.DocNo = ""
	incomplete.WrittenOn = time.Time{}

	tests := []struct {
		name string
		it   Item
		cmd  Command
		code apperr.Code
		msg  string
	}{
		{"approve a draft", draft, Command{Action: ActApprove, By: approver}, apperr.Conflict, "当前状态为“草稿”，不能审批通过"},
		{"publish twice", published, Command{Action: ActApprove, By: approver}, apperr.Conflict, "不能审批通过"},
		{"withdraw a draft", draft, Command{Action: ActWithdraw, By: approver, Reason: "x"}, apperr.Conflict, "不能撤回"},
		{"review without role", inReview, Command{Action: ActPassReview, By: approver}, apperr.Forbidden, "需要审核人权限"},
		{"approve without role", inApproval, Command{Action: ActApprove, By: reviewer}, apperr.Forbidden, "需要负责人权限"},
		{"submit without role", draft, Command{Action: ActSubmit, By: reviewer}, apperr.Forbidden, "需要经办人权限"},
		{"review own draft", ownInReview, Command{Action: ActPassReview, By: allRoles}, apperr.Forbidden, "不能对本人起草的信息进行保密审查"},
		{"reject own draft in review", ownInReview, Command{Action: ActRejectReview, By: allRoles, Reason: "x"}, apperr.Forbidden, "本人起草"},
		{"approve own draft", ownInApproval, Command{Action: ActApprove, By: allRoles}, apperr.Forbidden, "不能审批本人起草的信息"},
		{"reject review without reason", inReview, Command{Action: ActRejectReview, By: reviewer, Reason: "  "}, apperr.Invalid, "保密审查退回必须填写理由"},
		{"reject approval without reason", inApproval, Command{Action: ActRejectApproval, By: approver}, apperr.Invalid, "审批退回必须填写理由"},
		{"withdraw without reason", published, Command{Action: ActWithdraw, By: approver}, apperr.Invalid, "撤回必须填写理由"},
		{"reason too long", published, Command{Action: ActWithdraw, By: approver, Reason: strings.Repeat("长", 501)}, apperr.Invalid, "理由不能超过500个字"},
		{"repeal without date", published, Command{Action: ActChangeValidity, By: approver, Validity: Repealed, Reason: "x"}, apperr.Invalid, "须填写废止日期"},
		{"repeal before written", published, Command{Action: ActChangeValidity, By: approver, Validity: Expired, EffectiveOn: day(2020, 1, 1), Reason: "x"}, apperr.Invalid, "不能早于成文日期"},
		{"same validity", published, Command{Action: ActChangeValidity, By: approver, Validity: Valid, Reason: "x"}, apperr.Conflict, "已经是“有效”"},
		{"unknown validity", published, Command{Action: ActChangeValidity, By: approver, Validity: "gone", Reason: "x"}, apperr.Invalid, "效力状态应为"},
		{"validity of a draft", draft, Command{Action: ActChangeValidity, By: approver, Validity: Repealed, EffectiveOn: day(2025, 1, 1), Reason: "x"}, apperr.Conflict, "不能变更效力状态"},
		{"submit incomplete", incomplete, Command{Action: ActSubmit, By: author}, apperr.Invalid, "成文日期：不能为空"},
		{"unknown action", draft, Command{Action: "delete", By: author}, apperr.Invalid, "未知的操作"},
		// Two persons: who did the 保密审查 does not approve (a head who also reviews).
		{"approve what one reviewed", reviewedByAll, Command{Action: ActApprove, By: allRoles}, apperr.Forbidden, "既进行保密审查又进行审批"},
		{"reject approval of what one reviewed", reviewedByAll, Command{Action: ActRejectApproval, By: allRoles, Reason: "x"}, apperr.Forbidden, "既进行保密审查又进行审批"},
		// The checklist: every point confirmed and an opinion to pass.
		{"pass without the checklist", inReview, Command{Action: ActPassReview, By: reviewer}, apperr.Invalid, "逐项确认不涉及：国家秘密、工作秘密、商业秘密、个人隐私、其他不宜公开的内容"},
		{"pass with a point open", inReview, Command{Action: ActPassReview, By: reviewer, Secrecy: Secrecy{Clear: []SecrecyCheck{CheckStateSecret, CheckWorkSecret, CheckCommercial, CheckOther}, Opinion: "x"}}, apperr.Invalid, "不涉及：个人隐私"},
		{"pass without opinion", inReview, Command{Action: ActPassReview, By: reviewer, Secrecy: Secrecy{Clear: SecrecyChecks}}, apperr.Invalid, "请填写保密审查意见"},
		{"unknown point", inReview, Command{Action: ActPassReview, By: reviewer, Secrecy: Secrecy{Clear: append([]SecrecyCheck{"weather"}, SecrecyChecks...), Opinion: "x"}}, apperr.Invalid, "未知的保密审查事项"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ev, err := Step(tt.it, tt.cmd, t0)
			if !apperr.Is(err, tt.code) || !strings.Contains(apperr.MessageOf(err), tt.msg) {
				t.Fatalf("err = %v, want %s containing %q", err, tt.code, tt.msg)
			}
			if got.State != tt.it.State || ev != (Event{}) {
				t.Fatalf("a refused step changed the item or produced an event")
			}
		})
	}
}

func TestAllowed(t *testing.T) {
	draft := readyDraft(t, author)
	inReview, _ := mustStep(t, draft, Command{Action: ActSubmit, By: author}, t0)
	published, _ := mustStep(t, readyToApprove(t), Command{Action: ActApprove, By: approver}, t0)
	tests := []struct {
		it    Item
		actor account.Principal
		want  []Action
	}{
		{draft, author, []Action{ActSubmit}},
		{draft, reviewer, nil},
		{inReview, reviewer, []Action{ActPassReview, ActRejectReview}},
		{inReview, author, []Action{ActRecall}},
		{inReview, allRoles, []Action{ActRecall, ActPassReview, ActRejectReview}},
		{published, approver, []Action{ActWithdraw, ActChangeValidity}},
		{published, author, nil},
		// Roles count in the user's own agency, in their own right.
		{inReview, account.Principal{UserID: 6, AgencyID: 2, Roles: []account.Role{account.Reviewer}}, nil},
		{published, account.Principal{UserID: 7, AgencyID: 1, Roles: []account.Role{account.SysAdmin}}, nil},
		{published, account.System(), nil},
	}
	for _, tt := range tests {
		if got := Allowed(tt.it, tt.actor); !slices.Equal(got, tt.want) {
			t.Errorf("Allowed(%s, user %d) = %v, want %v", tt.it.State, tt.actor.UserID, got, tt.want)
		}
	}
	if err := CanEdit(draft, author2); err != nil {
		t.Errorf("a colleague may edit a draft: %v", err)
	}
	if err := CanEdit(published, author); !apperr.Is(err, apperr.Conflict) {
		t.Errorf("published items are not edited in place: %v", err)
	}
	if err := CanEdit(draft, approver); !apperr.Is(err, apperr.Forbidden) {
		t.Errorf("only 经办人 edit: %v", err)
	}
}

// TestWorkflowRandomWalk drives random commands and checks invariants after every
// accepted step: nobody passes review of or approves their own draft, published items
// carry a publication day, the event matches the transition.
func TestWorkflowRandomWalk(t *testing.T) {
	actors := []account.Principal{author, author2, reviewer, approver, allRoles, account.System(), {UserID: 9}}
	acts := actions.values()
	rng := rand.New(rand.NewPCG(1, 2))
	steps := 20000
	if testing.Short() {
		steps = 2000
	}
	it := readyDraft(t, allRoles)
	now := t0
	for i := 0; i < steps; i++ {
		now = now.Add(time.Duration(rng.IntN(48)) * time.Hour)
		cmd := Command{Action: acts[rng.IntN(len(acts))], By: actors[rng.IntN(len(actors))]}
		if rng.IntN(3) > 0 {
			cmd.Reason = "理由"
		}
		if rng.IntN(2) == 0 {
			cmd.PublishAt = now.Add(time.Duration(rng.IntN(96)-24) * time.Hour)
		}
		cmd.Validity = Validities()[rng.IntN(3)]
		cmd.EffectiveOn = ChinaDay(now)
		next, ev, err := Step(it, cmd, now)
		if err != nil {
			switch apperr.CodeOf(err) {
			case apperr.Conflict, apperr.Forbidden, apperr.Invalid:
			default:
				t.Fatalf("step %d: unexpected error %v", i, err)
			}
			continue
		}
		if ev.From != it.State || ev.To != next.State || ev.Action != cmd.Action || !ev.At.Equal(now) {
			t.Fatalf("step %d: event %+v does not match %s → %s", i, ev, it.State, next.State)
		}
		if next.ReviewerID != 0 && next.ReviewerID == next.AuthorID {
			t.Fatalf("step %d: author %d passed their own review", i, next.AuthorID)
		}
		if next.ApproverID != 0 && next.ApproverID == next.AuthorID {
			t.Fatalf("step %d: author %d approved their own draft", i, next.AuthorID)
		}
		if next.State == Published && (next.PublishedOn.IsZero() || next.PublishedAt.IsZero()) {
			t.Fatalf("step %d: published without a date", i)
		}
		if next.State == Scheduled && !next.PublishAt.After(ev.At.Add(-time.Nanosecond)) {
			t.Fatalf("step %d: scheduled in the past", i)
		}
		if (next.Validity == Valid) != next.ValidityChangedOn.IsZero() {
			t.Fatalf("step %d: validity %s with date %v", i, next.Validity, next.ValidityChangedOn)
		}
		it = next
		if it.State == Draft && rng.IntN(2) == 0 {
			it.AuthorID = actors[rng.IntN(5)].UserID // another author takes over the draft
		}
	}
}

// The 保密审查 is recorded with its checklist in order and its opinion; a rejection keeps
// the points found and takes the reason as its opinion; another head approves what a
// reviewer-head reviewed.
func TestSecrecyReviewRecord(t *testing.T) {
	inReview, _ := mustStep(t, readyDraft(t, author), Command{Action: ActSubmit, By: author}, t0)
	shuffled := Secrecy{Clear: []SecrecyCheck{CheckOther, CheckPrivacy, CheckCommercial, CheckWorkSecret, CheckStateSecret}, Opinion: "  同意公开  "}
	next, ev := mustStep(t, inReview, Command{Action: ActPassReview, By: allRoles, Secrecy: shuffled}, t0)
	if ev.Secrecy == nil || !slices.Equal(ev.Secrecy.Clear, SecrecyChecks) || ev.Secrecy.Opinion != "同意公开" || next.ReviewerID != allRoles.UserID {
		t.Fatalf("pass: %+v", ev.Secrecy)
	}
	if _, _, err := Step(next, Command{Action: ActApprove, By: allRoles}, t0); !apperr.Is(err, apperr.Forbidden) {
		t.Fatalf("the reviewer approves: %v", err)
	}
	if got, _ := mustStep(t, next, Command{Action: ActApprove, By: approver}, t0); got.State != Published {
		t.Fatalf("another head approves: %s", got.State)
	}
	_, ev = mustStep(t, inReview, Command{Action: ActRejectReview, By: reviewer, Reason: "含有个人手机号码", Secrecy: Secrecy{Clear: []SecrecyCheck{CheckStateSecret}}}, t0)
	if ev.Secrecy == nil || ev.Secrecy.Opinion != "含有个人手机号码" || ev.Secrecy.Cleared(CheckPrivacy) || !ev.Secrecy.Cleared(CheckStateSecret) {
		t.Fatalf("reject: %+v", ev.Secrecy)
	}
}
