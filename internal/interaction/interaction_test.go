package interaction

import (
	"strings"
	"testing"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/apperr"
	"gongkai/internal/workday"
)

var now = time.Date(2025, 3, 7, 2, 0, 0, 0, time.UTC) // Friday 7 March 2025 in Beijing

func staff(agencyID int64, roles ...account.Role) account.Principal {
	return account.Principal{UserID: 7, Name: "张三", AgencyID: agencyID, Roles: roles}
}

func TestReceive(t *testing.T) {
	cal := workday.MustNew()
	portal := Question{AgencyID: 1, Channel: Portal, Kind: Consult, Subject: "办证咨询", Body: "请问如何办理？", AskerContact: "13912345678"}
	cases := []struct {
		name string
		edit func(*Question)
		want apperr.Code
	}{
		{"portal question", func(*Question) {}, ""},
		{"no contact", func(q *Question) { q.AskerContact = "" }, apperr.Invalid},
		{"no subject", func(q *Question) { q.Subject = " " }, apperr.Invalid},
		{"unknown channel", func(q *Question) { q.Channel = "fax" }, apperr.Invalid},
		{"hotline ticket without its number", func(q *Question) { q.Channel = Hotline }, apperr.Invalid},
		{"hotline ticket", func(q *Question) {
			q.Channel, q.TicketNo, q.ReceivedOn = Hotline, "12345-20250305-0001", workday.Day(2025, 3, 5)
		}, ""},
		{"received tomorrow", func(q *Question) { q.Channel, q.TicketNo, q.ReceivedOn = Hotline, "x", workday.Day(2025, 3, 8) }, apperr.Invalid},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			q := portal
			c.edit(&q)
			got, err := Receive(q, 5, cal, now)
			if c.want == "" && err != nil || c.want != "" && !apperr.Is(err, c.want) {
				t.Fatalf("err = %v, want %q", err, c.want)
			}
			if err == nil && got.State != Received {
				t.Fatalf("state = %s", got.State)
			}
		})
	}
	// The period counts working days: received Friday 7 March, 5 working days → Friday 14 March.
	q, err := Receive(portal, 5, cal, now)
	if err != nil || !q.DueOn.Equal(workday.Day(2025, 3, 14)) {
		t.Fatalf("due = %s, %v", q.DueOn.Format("2006-01-02"), err)
	}
	if _, err := Receive(portal, 0, cal, now); !apperr.Is(err, apperr.Invalid) {
		t.Fatalf("zero days: %v", err)
	}
	if q.Overdue(workday.Day(2025, 3, 14)) || !q.Overdue(workday.Day(2025, 3, 15)) {
		t.Fatal("overdue from the day after the due day")
	}
}

func TestAnswerAndModerate(t *testing.T) {
	q, err := Receive(Question{AgencyID: 1, Channel: Portal, Kind: Message, Subject: "路灯不亮", Body: "我叫李四，电话13912345678，身份证610802199001011234，小区路灯坏了。",
		AskerName: "李四", AskerContact: "13912345678"}, 10, workday.MustNew(), now)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := AnswerQuestion(q, staff(2, account.Clerk), "已转交", now); !apperr.Is(err, apperr.Forbidden) {
		t.Fatalf("another agency answers: %v", err)
	}
	if _, err := Moderate(q, staff(1, account.Head), true, "", "", now); !apperr.Is(err, apperr.Conflict) {
		t.Fatalf("moderate before the answer: %v", err)
	}
	a, err := AnswerQuestion(q, staff(1, account.Clerk), "您好，已安排维修。如有问题请致电13912345678联系李四。", now)
	if err != nil || a.State != Answered || a.Late() {
		t.Fatalf("answer: %+v %v", a, err)
	}
	if _, err := Moderate(a, staff(1, account.Clerk), true, "", "", now); !apperr.Is(err, apperr.Forbidden) {
		t.Fatalf("a clerk moderates: %v", err)
	}
	p, err := Moderate(a, staff(1, account.Head), true, "", "", now)
	if err != nil || p.State != Published {
		t.Fatalf("publish: %v", err)
	}
	for _, s := range []string{p.PublicSubject, p.PublicBody, p.Answer} {
		for _, secret := range []string{"李四", "13912345678", "610802199001011234"} {
			if strings.Contains(s, secret) {
				t.Fatalf("published text %q shows %q", s, secret)
			}
		}
	}
	if _, err := AnswerQuestion(p, staff(1, account.Clerk), "改", now); !apperr.Is(err, apperr.Conflict) {
		t.Fatalf("answer after moderation: %v", err)
	}
	k, _ := Moderate(a, staff(1, account.Head), false, "", "", now)
	if k.State != Private || k.PublicBody != "" {
		t.Fatalf("private = %+v", k)
	}
}

func TestMask(t *testing.T) {
	for in, want := range map[string]string{
		"电话 0912-3456789":   "电话 ************",
		"邮箱 a.b@example.cn": "邮箱 **************",
		"手机+86 13800000000": "手机***************",
		"第12345号交办单，共3件":    "第12345号交办单，共3件",
		"2025年3月7日来电":       "2025年3月7日来电",
	} {
		if got := Mask(in, "", ""); got != want {
			t.Errorf("Mask(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTally(t *testing.T) {
	d := workday.Day
	qs := []Question{
		{Channel: Hotline, ReceivedOn: d(2024, 5, 1), DueOn: d(2024, 5, 10), AnsweredOn: d(2024, 5, 11), State: Private},
		{Channel: Portal, ReceivedOn: d(2024, 6, 1), DueOn: d(2024, 6, 10), AnsweredOn: d(2024, 6, 3), State: Published},
		{Channel: Portal, ReceivedOn: d(2024, 7, 1), DueOn: d(2024, 7, 10), State: Received},
		{Channel: Portal, ReceivedOn: d(2025, 1, 2), DueOn: d(2025, 1, 10), State: Received},
	}
	got := Tally(qs)
	want := []Count{
		{Year: 2024, Channel: Portal, Received: 2, Answered: 1, Published: 1},
		{Year: 2024, Channel: Hotline, Received: 1, Answered: 1, Late: 1},
		{Year: 2025, Channel: Portal, Received: 1},
	}
	if len(got) != len(want) {
		t.Fatalf("Tally = %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("Tally[%d] = %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestSeenBy(t *testing.T) {
	q := Question{AgencyID: 1, Subject: "咨询", Body: "电话13912345678", AskerName: "李四", AskerContact: "13912345678", Answer: "已回电李四"}
	if got := q.SeenBy(staff(1, account.Clerk)); got != q {
		t.Fatalf("the clerk sees %+v", got)
	}
	got := q.SeenBy(staff(1, account.OpenOffice))
	for _, s := range []string{got.Body, got.AskerName, got.AskerContact, got.Answer} {
		if strings.Contains(s, "李四") || strings.Contains(s, "13912345678") {
			t.Fatalf("the open office sees %+v", got)
		}
	}
}
