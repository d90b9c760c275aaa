package foirequest

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"gongkai/internal/account"
	"gongkai/internal/apperr"
	"gongkai/internal/workday"
)

// Withheld is one part of the requested information a reply withholds, with the reason
// and the legal basis (第三十六条第（三）项, 第三十七条: 说明理由).
type Withheld struct {
	What   string `json:"what"`   // the withheld content, e.g. 联系人手机号码一栏
	Reason string `json:"reason"` // why, e.g. 属于个人隐私，公开会对第三方合法权益造成损害
	Basis  string `json:"basis"`  // the legal basis, e.g. 《中华人民共和国政府信息公开条例》第十五条
}

// ReplyLetter is the 答复书 of a case while it is being written: a draft the clerk edits
// (starting from the template's wording), which — when the agency requires it — a 审核人
// or 负责人 other than its author approves before it goes out (Issue records the reply).
type ReplyLetter struct {
	ID            int64
	ApplicationID int64
	Reply         ReplyType
	Disclosed     string     // what is provided (部分公开: the disclosed part; others: the office's words)
	Withheld      []Withheld // 部分公开: the withheld parts, each with its reason and basis
	Body          string     // the letter's text as edited, paragraphs separated by blank lines
	Handover      Delivery   // another form of delivery instead of files (CheckMaterial)
	HandoverDay   time.Time
	AuthorID      int64
	Author        string
	ApproverID    int64
	Approver      string
	ApprovedAt    time.Time
	IssuedSeq     int // the reply event once issued; 0 while a draft
	UpdatedAt     time.Time
}

// Approved reports whether the letter's current text was approved.
func (l ReplyLetter) Approved() bool { return l.ApproverID != 0 }

// Paragraphs is the body split into its paragraphs.
func (l ReplyLetter) Paragraphs() []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(l.Body, "\r\n", "\n"), "\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// Reason is the reply's reason as the case history records it (第三十六条): the office's
// words and, for each withheld part, what, why and on what basis.
func (l ReplyLetter) Reason() string {
	var b strings.Builder
	b.WriteString(strings.TrimSpace(l.Disclosed))
	for i, w := range l.Withheld {
		if b.Len() > 0 {
			b.WriteString("；")
		}
		if len(l.Withheld) > 1 {
			b.WriteString(chineseOrdinal(i + 1))
		}
		b.WriteString("不予公开“" + w.What + "”，理由：" + w.Reason + "，依据：" + w.Basis)
	}
	return b.String()
}

func chineseOrdinal(n int) string {
	digits := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}
	if n < len(digits) {
		return digits[n] + "、"
	}
	return ""
}

// CheckDraft checks a letter before it is saved: a reply type that a letter may carry,
// the 部分公开 letter with its disclosed part and at least one withheld part (each with
// what, reason and basis), a withholding reply with its reason, and bounded text. It
// trims the fields. Errors are apperr.Invalid (Conflict for a type only an abandonment
// records).
func (l *ReplyLetter) CheckDraft() error {
	l.Disclosed, l.Body = strings.TrimSpace(l.Disclosed), strings.TrimSpace(l.Body)
	if !l.Reply.Valid() {
		return apperr.New(apperr.Invalid, "请选择答复类型")
	}
	if l.Reply.closedByEvent() {
		return apperr.Newf(apperr.Conflict, "“%s”应通过记录相应办理步骤办理，不需要起草答复书", l.Reply.Label())
	}
	var parts []Withheld
	for i, w := range l.Withheld {
		w.What, w.Reason, w.Basis = strings.TrimSpace(w.What), strings.TrimSpace(w.Reason), strings.TrimSpace(w.Basis)
		if w.What == "" && w.Reason == "" && w.Basis == "" {
			continue // an empty row of the form
		}
		switch {
		case w.What == "":
			return apperr.Newf(apperr.Invalid, "不予公开的第%d部分：请写明不予公开的内容", i+1)
		case w.Reason == "":
			return apperr.Newf(apperr.Invalid, "不予公开的第%d部分：请写明不予公开的理由（第三十六条）", i+1)
		case w.Basis == "":
			return apperr.Newf(apperr.Invalid, "不予公开的第%d部分：请写明不予公开的法律依据", i+1)
		}
		parts = append(parts, w)
	}
	l.Withheld = parts
	if l.Reply == ReplyPartial {
		if l.Disclosed == "" {
			return apperr.New(apperr.Invalid, "部分公开的答复书须写明予以公开的内容")
		}
		if len(l.Withheld) == 0 {
			return apperr.New(apperr.Invalid, "部分公开的答复书须写明不予公开的内容，以及每一部分的理由和法律依据（第三十七条）")
		}
	} else if len(l.Withheld) > 0 && !l.Reply.Withholds() {
		return apperr.Newf(apperr.Invalid, "“%s”的答复不含不予公开的部分", l.Reply.Label())
	}
	if l.Reply.Withholds() && l.Reason() == "" {
		return errNoWithholdingReason
	}
	if l.Reply == ReplyOther && l.Disclosed == "" {
		return apperr.New(apperr.Invalid, "以“其他处理”答复的，请说明具体情形")
	}
	if utf8.RuneCountInString(l.Body) > 20000 || utf8.RuneCountInString(l.Reason()) > 5000 {
		return apperr.New(apperr.Invalid, "答复书内容过长")
	}
	if len(l.Withheld) > 20 {
		return apperr.New(apperr.Invalid, "不予公开的部分最多20项")
	}
	return nil
}

// Event is the reply step the letter records when it goes out on day: the reply, its
// reason, the form of delivery, the edited text and who wrote and approved it.
func (l ReplyLetter) Event(day time.Time) Event {
	return Event{Type: EventReplied, Day: day, Reply: l.Reply, Reason: l.Reason(), Handover: l.Handover, HandoverDay: l.HandoverDay,
		Letter: l.Paragraphs(), DraftedBy: l.Author, ReviewedBy: l.Approver}
}

// CanApproveLetter decides whether who may approve a letter of the agency written by
// authorID: a 审核人 or 负责人 of the agency (holding the role in their own right), not
// its author. Errors are apperr.Forbidden.
func CanApproveLetter(who account.Principal, agencyID, authorID int64) error {
	if !who.Holds(agencyID, account.Reviewer) && !who.Holds(agencyID, account.Head) {
		return apperr.New(apperr.Forbidden, "答复书须由承办机关的审核人或负责人审核")
	}
	if who.UserID == authorID {
		return apperr.New(apperr.Forbidden, "答复书须由起草人以外的审核人或负责人审核，起草人不能审核自己起草的答复书")
	}
	return nil
}

// CheckIssue decides whether a letter may go out: when the agency requires review
// (review), only once approved. Errors are apperr.Conflict.
func (l ReplyLetter) CheckIssue(review bool) error {
	if l.IssuedSeq != 0 {
		return apperr.New(apperr.Conflict, "答复书已经发出")
	}
	if review && !l.Approved() {
		return apperr.New(apperr.Conflict, "答复书尚未经审核人或负责人审核，不能发出")
	}
	return nil
}

// ErrReviewRequired refuses a reply recorded without its letter where the agency
// requires letters to be reviewed.
var ErrReviewRequired = apperr.New(apperr.Conflict, "本机关的答复书须经起草人以外的审核人或负责人审核后发出：请通过“答复书”起草，经审核后发出")

// AwaitsApprovalBy reports whether letter l of a case of the agency waits for who: a
// draft not issued and not approved as it stands, which who may approve
// (CanApproveLetter: a 审核人 or 负责人 of the agency, never its author).
func AwaitsApprovalBy(who account.Principal, agencyID int64, l ReplyLetter) bool {
	return l.IssuedSeq == 0 && !l.Approved() && CanApproveLetter(who, agencyID, l.AuthorID) == nil
}

// LetterApprovers are the users of users reminded that letter l of a case of the agency
// waits for their approval (AwaitsApprovalBy); disabled accounts get nothing.
func LetterApprovers(users []account.User, agencyID int64, l ReplyLetter) []account.User {
	var out []account.User
	for _, u := range users {
		if !u.Disabled && u.AgencyID == agencyID && AwaitsApprovalBy(u.Principal(0), agencyID, l) {
			out = append(out, u)
		}
	}
	return out
}

// LetterWaitingText is the Chinese text of an approver's reminder of the reply letter l
// of case number waiting for approval, the case due on due with left working days left
// (negative when overdue; due zero when the reply period has not started or is paused).
func LetterWaitingText(number, applicant string, l ReplyLetter, due time.Time, left int) string {
	s := fmt.Sprintf("%s（%s）的答复书（%s）已由%s起草，待审核后方可发出", number, applicant, l.Reply.Label(), l.Author)
	switch {
	case due.IsZero():
		return s + "。"
	case left < 0:
		return s + fmt.Sprintf("；答复期限已于%s届满，已超期%d个工作日。", workday.FormatChinese(due), -left)
	}
	return s + fmt.Sprintf("；答复期限届满日为%s，剩余%d个工作日。", workday.FormatChinese(due), left)
}
