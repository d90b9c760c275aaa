package catalog

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"gongkai/internal/account"
	"gongkai/internal/apperr"
)

// Action is one step of the review workflow.
type Action string

const (
	ActCreate           Action = "create"            // 新建草稿
	ActImport           Action = "import"            // 导入（已发布的存量信息）
	ActSubmit           Action = "submit"            // 提交保密审查
	ActRecall           Action = "recall"            // 收回修改（经办人在审查或审批前收回）
	ActPassReview       Action = "pass_review"       // 保密审查通过
	ActRejectReview     Action = "reject_review"     // 保密审查退回
	ActApprove          Action = "approve"           // 审批通过（立即发布或定时发布）
	ActRejectApproval   Action = "reject_approval"   // 审批退回
	ActPublishScheduled Action = "publish_scheduled" // 定时发布
	ActCancelSchedule   Action = "cancel_schedule"   // 取消定时发布
	ActWithdraw         Action = "withdraw"          // 撤回
	ActReopen           Action = "reopen"            // 重新编辑（撤回后）
	ActChangeValidity   Action = "change_validity"   // 变更效力状态
)

var actions = enumTable[Action]{
	{ActCreate, "新建草稿"}, {ActImport, "导入"}, {ActSubmit, "提交保密审查"}, {ActRecall, "收回修改"},
	{ActPassReview, "保密审查通过"}, {ActRejectReview, "保密审查退回"},
	{ActApprove, "审批通过"}, {ActRejectApproval, "审批退回"},
	{ActPublishScheduled, "定时发布"}, {ActCancelSchedule, "取消定时发布"},
	{ActWithdraw, "撤回"}, {ActReopen, "重新编辑"}, {ActChangeValidity, "变更效力状态"},
}

// Label returns the Chinese label.
func (a Action) Label() string { return actions.label(a) }

// IsValid reports whether a is a known action.
func (a Action) IsValid() bool { return actions.valid(a) }

// ParseAction accepts a code or a label.
func ParseAction(s string) (Action, error) { return actions.parse(s, "操作") }

// Command asks for one workflow step.
type Command struct {
	Action Action
	By     account.Principal // who takes it: their roles count in the item's agency (Holds)
	Reason string            // required for rejections, withdrawal, cancelling a schedule, 效力状态 changes

	// ActApprove: publish at this instant; zero or not after now publishes at once.
	PublishAt time.Time
	// ActChangeValidity: the new 效力状态 and the day it takes effect (required unless 有效).
	Validity    Validity
	EffectiveOn time.Time
	// ActPassReview, ActRejectReview: the 保密审查's checklist and written opinion.
	Secrecy Secrecy
}

// Event records one step; the store appends it to the audit log in the same transaction
// that saves the item.
type Event struct {
	ItemID  int64
	Action  Action
	ActorID int64 // 0 for the system
	At      time.Time
	From    State
	To      State
	Reason  string
	// Set by ActApprove when publication is scheduled.
	PublishAt time.Time
	// Set by ActChangeValidity.
	FromValidity Validity
	ToValidity   Validity
	EffectiveOn  time.Time
	// Set by ActPassReview and ActRejectReview: the 保密审查's record.
	Secrecy *Secrecy
}

// Describe renders the event as one Chinese sentence for the audit log and history views.
func (e Event) Describe() string {
	var b strings.Builder
	b.WriteString(e.Action.Label())
	if e.From != e.To && e.From != "" {
		b.WriteString("：" + e.From.Label() + " → " + e.To.Label())
	} else if e.From == "" && e.To != "" {
		b.WriteString("：" + e.To.Label())
	}
	if !e.PublishAt.IsZero() {
		b.WriteString("，定时发布时间 " + e.PublishAt.In(chinaZone).Format("2006-01-02 15:04"))
	}
	if e.FromValidity != e.ToValidity {
		b.WriteString("，效力状态 " + e.FromValidity.Label() + " → " + e.ToValidity.Label())
		if !e.EffectiveOn.IsZero() {
			b.WriteString("（" + e.EffectiveOn.Format("2006-01-02") + "起）")
		}
	}
	if e.Reason != "" {
		b.WriteString("，理由：" + e.Reason)
	}
	return b.String()
}

// MaxReasonLen bounds the reason text, in characters.
const MaxReasonLen = 500

// MaxScheduleAhead is how far ahead publication may be scheduled.
const MaxScheduleAhead = 366 * 24 * time.Hour

type rule struct {
	from   []State
	role   Role
	notOwn bool // the actor may not be the item's author
	reason bool // a reason is required
}

var rules = map[Action]rule{
	ActSubmit:           {from: []State{Draft}, role: RoleClerk},
	ActRecall:           {from: []State{SecrecyReview, Approval}, role: RoleClerk},
	ActPassReview:       {from: []State{SecrecyReview}, role: RoleReviewer, notOwn: true},
	ActRejectReview:     {from: []State{SecrecyReview}, role: RoleReviewer, notOwn: true, reason: true},
	ActApprove:          {from: []State{Approval}, role: RoleHead, notOwn: true},
	ActRejectApproval:   {from: []State{Approval}, role: RoleHead, notOwn: true, reason: true},
	ActPublishScheduled: {from: []State{Scheduled}, role: RoleSystem},
	ActCancelSchedule:   {from: []State{Scheduled}, role: RoleHead, reason: true},
	ActWithdraw:         {from: []State{Published}, role: RoleHead, reason: true},
	ActReopen:           {from: []State{Withdrawn}, role: RoleClerk},
	ActChangeValidity:   {from: []State{Published}, role: RoleHead, reason: true},
}

// guard checks state, role and the own-draft rule: apperr.Conflict when the item's state
// does not allow the action, apperr.Forbidden when the actor may not take it.
func guard(it Item, a Action, who account.Principal) (rule, error) {
	r, ok := rules[a]
	if !ok {
		return r, apperr.Newf(apperr.Invalid, "未知的操作“%s”", a)
	}
	if !slices.Contains(r.from, it.State) {
		return r, apperr.Newf(apperr.Conflict, "该信息当前状态为“%s”，不能%s", it.State.Label(), a.Label())
	}
	if !Holds(who, it.AgencyID, r.role) {
		return r, apperr.Newf(apperr.Forbidden, "%s需要%s权限", a.Label(), r.role.Label())
	}
	// Two persons: whoever did the 保密审查 of the item does not also approve it.
	if r.role == RoleHead && it.State == Approval && it.ReviewerID != 0 && who.UserID == it.ReviewerID {
		return r, apperr.New(apperr.Forbidden, "同一人不能对同一信息既进行保密审查又进行审批，请由其他负责人审批")
	}
	if r.notOwn && it.AuthorID != 0 && who.UserID == it.AuthorID {
		if r.role == RoleReviewer {
			return r, apperr.New(apperr.Forbidden, "不能对本人起草的信息进行保密审查，请由其他审核人审查")
		}
		return r, apperr.New(apperr.Forbidden, "不能审批本人起草的信息，请由其他负责人审批")
	}
	return r, nil
}

// Allowed lists the actions who may take on it now, for the buttons of the console.
func Allowed(it Item, who account.Principal) []Action {
	var out []Action
	for _, a := range actions.values() {
		if _, ok := rules[a]; !ok {
			continue
		}
		if _, err := guard(it, a, who); err == nil {
			out = append(out, a)
		}
	}
	return out
}

// CanEdit reports whether who may change the content of it: drafts only, by a 经办人 of
// its agency.
func CanEdit(it Item, who account.Principal) error {
	if it.State != Draft {
		return apperr.Newf(apperr.Conflict, "该信息当前状态为“%s”，只有草稿可以修改；已发布的信息须先撤回", it.State.Label())
	}
	if !CanWrite(who, it.AgencyID) {
		return apperr.New(apperr.Forbidden, "修改信息需要经办人权限")
	}
	return nil
}

// NewDraft starts an item: state 草稿, who as 经办人 (of it.AgencyID), defaults 有效 and
// 普通信息.
func NewDraft(it Item, who account.Principal, now time.Time) (Item, Event, error) {
	if !CanWrite(who, it.AgencyID) {
		return it, Event{}, apperr.New(apperr.Forbidden, "新建信息需要经办人权限")
	}
	it.State = Draft
	it.IndexNo = ""
	it.PublishedOn = time.Time{}
	it.BodyHTML = SanitizeBody(it.BodyHTML)
	it.AuthorID = who.UserID
	it.ReviewerID, it.ApproverID = 0, 0
	it.PublishAt, it.PublishedAt, it.WithdrawnAt = time.Time{}, time.Time{}, time.Time{}
	if it.Validity == "" {
		it.Validity = Valid
	}
	if it.Kind == "" {
		it.Kind = General
	}
	return it, Event{ItemID: it.ID, Action: ActCreate, ActorID: who.UserID, At: now, To: Draft}, nil
}

// Imported marks an item taken over from an existing catalog as published, without
// review: it was published before gongkai. It keeps the imported 索引号 and 发布日期.
// Only the agency's 经办人 imports (CanWrite); the store checks that once per import.
func Imported(it Item, who account.Principal, now time.Time) (Item, Event) {
	it.State = Published
	if it.PublishedAt.IsZero() && !it.PublishedOn.IsZero() {
		it.PublishedAt = it.PublishedOn.Add(-8 * time.Hour) // 00:00 China time of 发布日期
	}
	if it.Validity == "" {
		it.Validity = Valid
	}
	if it.Kind == "" {
		it.Kind = General
	}
	return it, Event{ItemID: it.ID, Action: ActImport, ActorID: who.UserID, At: now, To: Published}
}

// Step applies one workflow command to it at instant now and returns the updated item and
// the event to record. It never changes it in place. Errors: apperr.Conflict for a step
// the state does not allow (or a scheduled time not yet reached), apperr.Forbidden for a
// missing role or a user reviewing or approving their own draft, apperr.Invalid for a
// missing reason or bad arguments.
//
// After a successful step the store must assign an 索引号 when NeedsIndexNo(item) is true.
func Step(it Item, cmd Command, now time.Time) (Item, Event, error) {
	r, err := guard(it, cmd.Action, cmd.By)
	if err != nil {
		return it, Event{}, err
	}
	reason := strings.TrimSpace(cmd.Reason)
	if r.reason && reason == "" {
		return it, Event{}, apperr.Newf(apperr.Invalid, "%s必须填写理由", cmd.Action.Label())
	}
	if utf8.RuneCountInString(reason) > MaxReasonLen {
		return it, Event{}, apperr.Newf(apperr.Invalid, "理由不能超过%d个字", MaxReasonLen)
	}
	ev := Event{ItemID: it.ID, Action: cmd.Action, ActorID: cmd.By.UserID, At: now, From: it.State, Reason: reason}
	next := it
	next.Keywords = slices.Clone(it.Keywords)
	next.Attachments = slices.Clone(it.Attachments)
	next.FromApplications = slices.Clone(it.FromApplications)

	switch cmd.Action {
	case ActSubmit:
		if err := it.ReadyToPublish(nil); err != nil {
			return it, Event{}, err
		}
		next.State = SecrecyReview
		next.ReviewerID, next.ApproverID = 0, 0
	case ActRejectReview:
		sec, err := cmd.Secrecy.check(false, reason)
		if err != nil {
			return it, Event{}, err
		}
		ev.Secrecy = &sec
		next.State = Draft
		next.ReviewerID, next.ApproverID = 0, 0
	case ActRecall, ActRejectApproval, ActReopen:
		next.State = Draft
		next.ReviewerID, next.ApproverID = 0, 0
	case ActPassReview:
		sec, err := cmd.Secrecy.check(true, reason)
		if err != nil {
			return it, Event{}, err
		}
		ev.Secrecy = &sec
		next.State = Approval
		next.ReviewerID = cmd.By.UserID
	case ActApprove:
		next.ApproverID = cmd.By.UserID
		if cmd.PublishAt.After(now) {
			if cmd.PublishAt.Sub(now) > MaxScheduleAhead {
				return it, Event{}, apperr.New(apperr.Invalid, "定时发布时间不能晚于一年以后")
			}
			next.State = Scheduled
			next.PublishAt = cmd.PublishAt
			ev.PublishAt = cmd.PublishAt
		} else {
			publish(&next, now)
		}
	case ActPublishScheduled:
		if now.Before(it.PublishAt) {
			return it, Event{}, apperr.Newf(apperr.Conflict, "尚未到定时发布时间（%s）", it.PublishAt.In(chinaZone).Format("2006-01-02 15:04"))
		}
		publish(&next, now)
	case ActCancelSchedule:
		next.State = Approval
		next.PublishAt = time.Time{}
		next.ApproverID = 0
	case ActWithdraw:
		next.State = Withdrawn
		next.WithdrawnAt = now
	case ActChangeValidity:
		if !cmd.Validity.IsValid() {
			return it, Event{}, apperr.New(apperr.Invalid, "效力状态应为有效、失效或废止")
		}
		if cmd.Validity == it.Validity {
			return it, Event{}, apperr.Newf(apperr.Conflict, "效力状态已经是“%s”", it.Validity.Label())
		}
		eff := cmd.EffectiveOn
		switch {
		case cmd.Validity == Valid:
			eff = time.Time{}
		case eff.IsZero():
			return it, Event{}, apperr.Newf(apperr.Invalid, "变更为%s须填写%s日期", cmd.Validity.Label(), cmd.Validity.Label())
		case !it.WrittenOn.IsZero() && eff.Before(it.WrittenOn):
			return it, Event{}, apperr.Newf(apperr.Invalid, "%s日期不能早于成文日期", cmd.Validity.Label())
		}
		next.Validity = cmd.Validity
		next.ValidityChangedOn = eff
		ev.FromValidity, ev.ToValidity, ev.EffectiveOn = it.Validity, cmd.Validity, eff
	}
	ev.To = next.State
	return next, ev, nil
}

func publish(it *Item, now time.Time) {
	it.State = Published
	it.PublishAt = time.Time{}
	it.PublishedAt = now
	it.PublishedOn = ChinaDay(now)
	it.WithdrawnAt = time.Time{}
}

// DueForPublication reports whether the scheduled-publication job should publish it now.
func DueForPublication(it Item, now time.Time) bool {
	return it.State == Scheduled && !now.Before(it.PublishAt)
}
