package foirequest

import (
	"slices"
	"strings"
	"testing"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/apperr"
)

func TestReplyLetterCheckDraft(t *testing.T) {
	part := Withheld{What: "联系人手机号码", Reason: "属于个人隐私", Basis: "《中华人民共和国政府信息公开条例》第十五条"}
	tests := []struct {
		name string
		l    ReplyLetter
		want apperr.Code
		says string
	}{
		{"granted", ReplyLetter{Reply: ReplyGranted}, "", ""},
		{"partial in two parts", ReplyLetter{Reply: ReplyPartial, Disclosed: "名单的其余内容", Withheld: []Withheld{part}}, "", ""},
		{"partial with empty form rows", ReplyLetter{Reply: ReplyPartial, Disclosed: "名单的其余内容", Withheld: []Withheld{{}, part, {}}}, "", ""},
		{"partial without the disclosed part", ReplyLetter{Reply: ReplyPartial, Withheld: []Withheld{part}}, apperr.Invalid, "予以公开的内容"},
		{"partial without a withheld part", ReplyLetter{Reply: ReplyPartial, Disclosed: "名单"}, apperr.Invalid, "不予公开的内容"},
		{"withheld part without what", ReplyLetter{Reply: ReplyPartial, Disclosed: "名单", Withheld: []Withheld{{Reason: "隐私", Basis: "第十五条"}}}, apperr.Invalid, "第1部分：请写明不予公开的内容"},
		{"withheld part without reason", ReplyLetter{Reply: ReplyPartial, Disclosed: "名单", Withheld: []Withheld{part, {What: "身份证号", Basis: "第十五条"}}}, apperr.Invalid, "第2部分：请写明不予公开的理由"},
		{"withheld part without basis", ReplyLetter{Reply: ReplyPartial, Disclosed: "名单", Withheld: []Withheld{{What: "身份证号", Reason: "隐私"}}}, apperr.Invalid, "法律依据"},
		{"state secret with its reason", ReplyLetter{Reply: ReplyStateSecret, Disclosed: "经保密审查属于国家秘密"}, "", ""},
		{"state secret without reason", ReplyLetter{Reply: ReplyStateSecret}, apperr.Invalid, "说明理由"},
		{"granted with a withheld part", ReplyLetter{Reply: ReplyGranted, Withheld: []Withheld{part}}, apperr.Invalid, "不含不予公开"},
		{"other without words", ReplyLetter{Reply: ReplyOther}, apperr.Invalid, "具体情形"},
		{"no reply type", ReplyLetter{}, apperr.Invalid, "答复类型"},
		{"abandonment by letter", ReplyLetter{Reply: ReplyNoCorrection}, apperr.Conflict, "不需要起草答复书"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.l.CheckDraft()
			if tt.want == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if !apperr.Is(err, tt.want) || !strings.Contains(apperr.MessageOf(err), tt.says) {
				t.Fatalf("got %v, want %s saying %q", err, tt.want, tt.says)
			}
		})
	}
	l := ReplyLetter{Reply: ReplyPartial, Disclosed: "名单的其余内容", Withheld: []Withheld{part, {What: "身份证号", Reason: "隐私", Basis: "第十五条"}}}
	if got := l.Reason(); got != "名单的其余内容；一、不予公开“联系人手机号码”，理由：属于个人隐私，依据：《中华人民共和国政府信息公开条例》第十五条；二、不予公开“身份证号”，理由：隐私，依据：第十五条" {
		t.Errorf("reason: %s", got)
	}
}

func TestCanApproveLetter(t *testing.T) {
	const agency, author = 5, 7
	tests := []struct {
		name string
		who  account.Principal
		want apperr.Code
	}{
		{"reviewer", staffOf(8, agency, account.Reviewer), ""},
		{"head", staffOf(9, agency, account.Head), ""},
		{"the author holding reviewer", staffOf(author, agency, account.Clerk, account.Reviewer), apperr.Forbidden},
		{"the author holding head", staffOf(author, agency, account.Head), apperr.Forbidden},
		{"a clerk", staffOf(8, agency, account.Clerk), apperr.Forbidden},
		{"another agency's head", staffOf(9, agency+1, account.Head), apperr.Forbidden},
		{"open office", staffOf(9, agency, account.OpenOffice), apperr.Forbidden},
		{"System", account.System(), apperr.Forbidden},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CanApproveLetter(tt.who, agency, author)
			if tt.want == "" && err != nil || tt.want != "" && !apperr.Is(err, tt.want) {
				t.Fatalf("got %v, want %q", err, tt.want)
			}
		})
	}
	if err := (ReplyLetter{}).CheckIssue(true); !apperr.Is(err, apperr.Conflict) {
		t.Error("an unapproved letter goes out under review")
	}
	if err := (ReplyLetter{}).CheckIssue(false); err != nil {
		t.Error("without review an unapproved letter is refused")
	}
	if err := (ReplyLetter{ApproverID: 3, IssuedSeq: 4}).CheckIssue(true); !apperr.Is(err, apperr.Conflict) {
		t.Error("a letter goes out twice")
	}
}

func TestLetterApprovers(t *testing.T) {
	draft := ReplyLetter{Reply: ReplyNonexistent, AuthorID: 1, Author: "陈写"}
	approved := draft
	approved.ApproverID, approved.Approver = 3, "赵刚"
	issued := draft
	issued.IssuedSeq = 4
	users := []account.User{
		{ID: 1, AgencyID: 7, Roles: []account.Role{account.Clerk, account.Reviewer}}, // the author
		{ID: 2, AgencyID: 7, Roles: []account.Role{account.Reviewer}},
		{ID: 3, AgencyID: 7, Roles: []account.Role{account.Head}},
		{ID: 4, AgencyID: 7, Roles: []account.Role{account.Clerk}},
		{ID: 5, AgencyID: 8, Roles: []account.Role{account.Reviewer}},                 // another agency
		{ID: 6, AgencyID: 7, Roles: []account.Role{account.Reviewer}, Disabled: true}, // disabled
		{ID: 7, AgencyID: 7, Roles: []account.Role{account.AgencyAdmin}},
	}
	tests := []struct {
		name string
		l    ReplyLetter
		want []int64
	}{
		{"draft", draft, []int64{2, 3}},
		{"approved", approved, nil},
		{"issued", issued, nil},
	}
	for _, tt := range tests {
		var got []int64
		for _, u := range LetterApprovers(users, 7, tt.l) {
			got = append(got, u.ID)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: approvers %v, want %v", tt.name, got, tt.want)
		}
	}
	if AwaitsApprovalBy(account.System(), 7, draft) {
		t.Error("the system approves letters")
	}
}

func TestLetterWaitingText(t *testing.T) {
	l := ReplyLetter{Reply: ReplyPartial, Author: "陈写"}
	due := time.Date(2026, 3, 30, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		due  time.Time
		left int
		want string
	}{
		{due, 3, "GK-1（张三）的答复书（部分公开）已由陈写起草，待审核后方可发出；答复期限届满日为2026年3月30日，剩余3个工作日。"},
		{due, -2, "GK-1（张三）的答复书（部分公开）已由陈写起草，待审核后方可发出；答复期限已于2026年3月30日届满，已超期2个工作日。"},
		{time.Time{}, 0, "GK-1（张三）的答复书（部分公开）已由陈写起草，待审核后方可发出。"},
	}
	for _, tt := range tests {
		if got := LetterWaitingText("GK-1", "张三", l, tt.due, tt.left); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
}
