package app

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"mime"
	"net/mail"
	"net/smtp"
	"sort"
	"strings"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/store"
	"gongkai/internal/workday"
)

// ReminderJob is the name of the deadline reminder job (gongkai reminders run).
const ReminderJob = "reminders"

// ReminderInterval is how often the reminder job runs while serving; reminders are
// created at most once per user, case and day, so running often only catches new cases.
const ReminderInterval = 30 * time.Minute

func reminderJob() Job {
	return Job{Name: ReminderJob, Interval: ReminderInterval, Run: func(ctx context.Context, a *App) error {
		_, err := RunReminders(ctx, a, time.Now(), smtp.SendMail)
		return err
	}}
}

// SendMailFunc sends one message (net/smtp.SendMail's signature).
type SendMailFunc func(addr string, auth smtp.Auth, from string, to []string, msg []byte) error

// ReminderRun is what one run of the reminder job did.
type ReminderRun struct {
	Refreshed int // open cases whose provisional due day moved
	Created   int // in-app reminders created
	Notices   int // in-app reminders of 督办 notices created (due soon or overdue)
	Emailed   int // e-mails sent
	Failed    int // e-mails that could not be sent
}

// RunReminders refreshes the open cases' due days and statuses as of now, creates today's
// in-app reminders for cases due soon or overdue (once per user, case and day) and, when
// GONGKAI_SMTP_ADDR is set, e-mails each user with an address one message listing their
// new reminders; the 督办 notices due soon or overdue remind in the console (Oversight.Remind).
// A failed e-mail is logged and counted; the in-app reminder stays.
func RunReminders(ctx context.Context, a *App, now time.Time, send SendMailFunc) (ReminderRun, error) {
	var run ReminderRun
	today := workday.Of(now)
	apps := a.DB.Applications()
	n, err := apps.Refresh(ctx, account.System(), today)
	if err != nil {
		return run, err
	}
	run.Refreshed = n
	created, err := apps.Remind(ctx, account.System(), today)
	if err != nil {
		return run, err
	}
	run.Created = len(created)
	if run.Notices, err = a.DB.Oversight().Remind(ctx, account.System(), today); err != nil {
		return run, err
	}
	if a.Config.SMTPAddr == "" || send == nil {
		return run, nil
	}
	byUser := map[int64][]store.NewReminder{}
	var users []int64
	for _, r := range created {
		if strings.TrimSpace(r.Email) == "" {
			continue
		}
		if _, ok := byUser[r.UserID]; !ok {
			users = append(users, r.UserID)
		}
		byUser[r.UserID] = append(byUser[r.UserID], r)
	}
	sort.Slice(users, func(i, j int) bool { return users[i] < users[j] })
	for _, uid := range users {
		rs := byUser[uid]
		msg, err := ComposeReminderEmail(a.Config.SMTPFrom, rs[0].UserName, rs[0].Email, a.Config.BaseURL, rs, now)
		if err != nil {
			run.Failed++
			a.Log.Warn("reminder e-mail", "user_id", uid, "err", err)
			continue
		}
		if err := send(a.Config.SMTPAddr, nil, a.Config.SMTPFrom, []string{rs[0].Email}, msg); err != nil {
			run.Failed++
			a.Log.Warn("reminder e-mail not sent", "user_id", uid, "err", err)
			continue
		}
		run.Emailed++
		for _, r := range rs {
			if err := apps.ReminderEmailed(ctx, account.System(), r.ID); err != nil {
				return run, err
			}
		}
	}
	return run, nil
}

// ComposeReminderEmail builds the RFC 5322 message of one user's reminders: a UTF-8 plain
// text body (base64) with an RFC 2047 subject, and a link to each case.
func ComposeReminderEmail(from, toName, to, baseURL string, rs []store.NewReminder, now time.Time) ([]byte, error) {
	if len(rs) == 0 {
		return nil, fmt.Errorf("reminder e-mail: nothing to send")
	}
	fromAddr, err := mail.ParseAddress(from)
	if err != nil {
		return nil, fmt.Errorf("reminder e-mail: bad sender %q: %v", from, err)
	}
	toAddr, err := mail.ParseAddress(to)
	if err != nil {
		return nil, fmt.Errorf("reminder e-mail: bad address %q: %v", to, err)
	}
	toAddr.Name = toName
	if fromAddr.Name == "" {
		fromAddr.Name = "政府信息公开工作台"
	}
	overdue := 0
	for _, r := range rs {
		if r.Kind == "overdue" {
			overdue++
		}
	}
	subject := fmt.Sprintf("【依申请公开】%d件申请即将到期或已超期", len(rs))
	if overdue > 0 {
		subject = fmt.Sprintf("【依申请公开】%d件申请已超期，%d件即将到期", overdue, len(rs)-overdue)
	}
	var body strings.Builder
	fmt.Fprintf(&body, "%s：\n\n以下政府信息公开申请需要尽快办理：\n\n", toName)
	for i, r := range rs {
		fmt.Fprintf(&body, "%d. %s\n   %s/console/applications/%d\n", i+1, r.Message, strings.TrimRight(baseURL, "/"), r.ApplicationID)
	}
	body.WriteString("\n答复期限依《中华人民共和国政府信息公开条例》第三十三条计算，详见各申请的期限计算说明。\n本邮件由系统自动发送，请勿回复。\n")

	var b bytes.Buffer
	header := func(k, v string) { b.WriteString(foldHeader(k, v)) }
	header("From", fromAddr.String())
	header("To", toAddr.String())
	header("Subject", mime.BEncoding.Encode("UTF-8", subject))
	header("Date", now.Format(time.RFC1123Z))
	header("Message-ID", fmt.Sprintf("<reminder-%d-%d@gongkai>", rs[0].UserID, rs[0].ID))
	header("MIME-Version", "1.0")
	header("Content-Type", "text/plain; charset=UTF-8")
	header("Content-Transfer-Encoding", "base64")
	b.WriteString("\r\n")
	enc := base64.StdEncoding.EncodeToString([]byte(body.String()))
	for len(enc) > 76 {
		b.WriteString(enc[:76] + "\r\n")
		enc = enc[76:]
	}
	b.WriteString(enc + "\r\n")
	return b.Bytes(), nil
}

// foldHeader writes "Name: value" folded at spaces so that no line exceeds 78 octets
// (RFC 5322 section 2.1.1); encoded words are separated by spaces, so they fold cleanly.
func foldHeader(name, value string) string {
	var b strings.Builder
	line := name + ":"
	for _, w := range strings.Split(value, " ") {
		if len(line)+1+len(w) > 78 {
			b.WriteString(line + "\r\n")
			line = ""
		}
		line += " " + w
	}
	b.WriteString(line + "\r\n")
	return b.String()
}
