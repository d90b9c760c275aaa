package app

import (
	"context"
	"encoding/base64"
	"gongkai/internal/account"
	"io"
	"log/slog"
	"mime"
	"net/mail"
	"net/smtp"
	"strings"
	"testing"
	"time"

	"gongkai/internal/demo"
	"gongkai/internal/foirequest"
	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
)

type sentMail struct {
	addr string
	from string
	to   []string
	msg  []byte
}

func TestRunReminders(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Date(2026, 11, 25, 2, 0, 0, 0, time.UTC)
		if _, err := demo.LoadLight(ctx, db, now); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(ctx, `UPDATE users SET email = 'wj.jingban@example.gov.cn' WHERE username = 'wj.jingban'`); err != nil {
			t.Fatal(err)
		}
		a := &App{Config: Config{SMTPAddr: "smtp.example.gov.cn:25", SMTPFrom: "gongkai@example.gov.cn", BaseURL: "https://gk.example.gov.cn"}, DB: db,
			Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
		var sent []sentMail
		send := func(addr string, _ smtp.Auth, from string, to []string, msg []byte) error {
			sent = append(sent, sentMail{addr, from, to, msg})
			return nil
		}
		run, err := RunReminders(ctx, a, now, send)
		if err != nil {
			t.Fatal(err)
		}
		if run.Created == 0 || run.Emailed != 1 || len(sent) != 1 {
			t.Fatalf("first run: %+v, %d mails", run, len(sent))
		}
		if sent[0].addr != "smtp.example.gov.cn:25" || sent[0].to[0] != "wj.jingban@example.gov.cn" {
			t.Errorf("envelope %+v", sent[0])
		}
		body := decodeMail(t, sent[0].msg)
		if !strings.Contains(body, "https://gk.example.gov.cn/console/applications/") || !strings.Contains(body, "已超过答复期限") {
			t.Errorf("mail body:\n%s", body)
		}
		// Once per user, case and day.
		again, err := RunReminders(ctx, a, now.Add(time.Hour), send)
		if err != nil || again.Created != 0 || len(sent) != 1 {
			t.Fatalf("second run the same day: %+v %v", again, err)
		}
		wj, _ := store.UserByUsername(ctx, db, "wj.jingban")
		wjP := account.Principal{UserID: wj.ID, Name: wj.DisplayName, AgencyID: wj.AgencyID, Roles: wj.Roles}
		apps := db.Applications()
		list, err := apps.Reminders(ctx, wjP, 100)
		if err != nil || len(list) == 0 {
			t.Fatalf("unread %d %v", len(list), err)
		}
		overdue := 0
		for _, r := range list {
			if r.Kind == foirequest.StatusOverdue {
				overdue++
			}
			if !r.Emailed {
				t.Error("reminder not marked e-mailed")
			}
		}
		if overdue == 0 {
			t.Error("no overdue reminder")
		}
		// The head gets the overdue cases, the expired waits and the extension requests to
		// decide; another agency's clerk only theirs.
		head, _ := store.UserByUsername(ctx, db, "wj.fuze")
		hl, _ := apps.Reminders(ctx, account.Principal{UserID: head.ID, AgencyID: head.AgencyID, Roles: head.Roles}, 100)
		headOverdue, asked := 0, 0
		for _, r := range hl {
			switch r.Kind {
			case foirequest.StatusOverdue:
				headOverdue++
			case foirequest.StatusExtensionAsked:
				asked++
			case foirequest.StatusCorrectionExpired, foirequest.StatusFeeExpired:
			default:
				t.Errorf("head reminded of %s: %s", r.Kind, r.Message)
			}
		}
		if headOverdue != overdue || asked != 1 {
			t.Errorf("head has %d overdue and %d extension reminders, want %d and 1", headOverdue, asked, overdue)
		}
		if err := apps.ReadReminders(ctx, wjP); err != nil {
			t.Fatal(err)
		}
		if list, _ := apps.Reminders(ctx, wjP, 100); len(list) != 0 {
			t.Errorf("%d unread after marking read", len(list))
		}
		// Without SMTP: in-app only.
		a.Config.SMTPAddr = ""
		next, err := RunReminders(ctx, a, now.Add(24*time.Hour), send)
		if err != nil || next.Created == 0 || next.Emailed != 0 || len(sent) != 1 {
			t.Errorf("next day without SMTP: %+v %v", next, err)
		}
	})
}

func decodeMail(t *testing.T, raw []byte) string {
	t.Helper()
	m, err := mail.ReadMessage(strings.NewReader(string(raw)))
	if err != nil {
		t.Fatal(err)
	}
	if m.Header.Get("Content-Transfer-Encoding") != "base64" || !strings.Contains(m.Header.Get("Content-Type"), "charset=UTF-8") {
		t.Errorf("headers %v", m.Header)
	}
	b, _ := io.ReadAll(m.Body)
	dec, err := base64.StdEncoding.DecodeString(strings.ReplaceAll(strings.ReplaceAll(string(b), "\r\n", ""), "\n", ""))
	if err != nil {
		t.Fatal(err)
	}
	return string(dec)
}

func TestComposeReminderEmail(t *testing.T) {
	rs := []store.NewReminder{
		{Reminder: store.Reminder{ID: 7, UserID: 3, ApplicationID: 42, Kind: foirequest.StatusOverdue, Message: "卫健依申〔2026〕第5号（张某某）已超过答复期限（届满日2026年11月20日）3个工作日，请尽快答复。"}, Email: "a@example.gov.cn", UserName: "王敏"},
		{Reminder: store.Reminder{ID: 8, UserID: 3, ApplicationID: 43, Kind: foirequest.StatusDueSoon, Message: "卫健依申〔2026〕第9号（李某某）将于2026年11月30日到期，剩余3个工作日。"}, Email: "a@example.gov.cn", UserName: "王敏"},
	}
	now := time.Date(2026, 11, 25, 2, 0, 0, 0, time.UTC)
	raw, err := ComposeReminderEmail("gongkai@example.gov.cn", "王敏", "a@example.gov.cn", "https://gk.example.gov.cn/", rs, now)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(raw), "\r\n") {
		if len(line) > 78 {
			t.Errorf("line longer than 78 octets: %q", line)
		}
		for _, c := range []byte(line) {
			if c >= 0x80 {
				t.Fatalf("non-ASCII octet in the message: %q", line)
			}
		}
	}
	m, err := mail.ReadMessage(strings.NewReader(string(raw)))
	if err != nil {
		t.Fatal(err)
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	if err != nil || subject != "【依申请公开】1件申请已超期，1件即将到期" {
		t.Errorf("subject %q %v", subject, err)
	}
	to, err := m.Header.AddressList("To")
	if err != nil || to[0].Name != "王敏" || to[0].Address != "a@example.gov.cn" {
		t.Errorf("to %v %v", to, err)
	}
	from, _ := m.Header.AddressList("From")
	if len(from) != 1 || from[0].Name != "政府信息公开工作台" {
		t.Errorf("from %v", from)
	}
	body := decodeMail(t, raw)
	for _, want := range []string{"王敏：", "1. 卫健依申〔2026〕第5号", "https://gk.example.gov.cn/console/applications/42", "https://gk.example.gov.cn/console/applications/43"} {
		if !strings.Contains(body, want) {
			t.Errorf("body lacks %q:\n%s", want, body)
		}
	}
	if _, err := ComposeReminderEmail("not an address", "王敏", "a@example.gov.cn", "", rs, now); err == nil {
		t.Error("bad sender accepted")
	}
	if _, err := ComposeReminderEmail("gongkai@example.gov.cn", "王敏", "a@example.gov.cn", "", nil, now); err == nil {
		t.Error("empty reminder list accepted")
	}
}
