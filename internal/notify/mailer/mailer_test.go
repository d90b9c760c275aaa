package mailer_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"gongkai/internal/notify"
	"gongkai/internal/notify/mailer"
	"gongkai/internal/notify/smtptest"
)

func TestSendThroughSMTP(t *testing.T) {
	srv, addr := smtptest.Start(t)
	m, err := mailer.New(mailer.Config{Addr: addr, From: "清河区卫生健康局 <gongkai@example.gov.cn>", TLS: mailer.TLSNone})
	if err != nil {
		t.Fatal(err)
	}
	pdf := []byte("%PDF-1.7\n" + strings.Repeat("统计表 ", 2000))
	msg := notify.Mail{To: "zhangsan@example.cn", ToName: "张三", Subject: "【清河区卫生健康局】政府信息公开申请答复书",
		Text: "张三：\n\n　　答复书见附件。\n", Attachments: []notify.Attachment{
			{Name: "答复书-卫健依申〔2026〕第7号.docx", ContentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", Data: []byte("PK\x03\x04docx")},
			{Name: "统计表.pdf", ContentType: "application/pdf", Data: pdf},
		}}
	if err := m.Send(context.Background(), 42, msg, time.Date(2026, 3, 5, 4, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	got := srv.Wait(t, 1, 5*time.Second)
	if got[0].From != "gongkai@example.gov.cn" || len(got[0].To) != 1 || got[0].To[0] != "zhangsan@example.cn" {
		t.Errorf("envelope %s → %v", got[0].From, got[0].To)
	}
	p, err := got[0].Parse()
	if err != nil {
		t.Fatal(err)
	}
	if p.Subject != msg.Subject || !strings.Contains(p.Text, "答复书见附件") || p.Header.Get("Message-Id") != "<gongkai-outbox-42@example.gov.cn>" {
		t.Errorf("subject %q text %q id %q", p.Subject, p.Text, p.Header.Get("Message-Id"))
	}
	if len(p.Attachments) != 2 || p.Attachments[0].Name != msg.Attachments[0].Name || !bytes.Equal(p.Attachments[1].Data, pdf) {
		t.Fatalf("attachments %d", len(p.Attachments))
	}
}

// TestSendCancelledMidData: a sender killed in the middle of a message (its context
// cancelled while the server waits for the rest) delivers nothing.
func TestSendCancelledMidData(t *testing.T) {
	srv, _ := smtptest.Start(t)
	stalled := srv.Listen(t, 0)
	m, err := mailer.New(mailer.Config{Addr: stalled, From: "gongkai@example.gov.cn", TLS: mailer.TLSNone})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(300*time.Millisecond, cancel)
	start := time.Now()
	err = m.Send(ctx, 1, notify.Mail{To: "a@example.cn", Subject: "s", Text: "t"}, time.Now())
	if err == nil {
		t.Fatal("a stalled delivery reported success")
	}
	if time.Since(start) > 5*time.Second {
		t.Errorf("cancel took %v", time.Since(start))
	}
	time.Sleep(100 * time.Millisecond)
	if n := len(srv.Messages()); n != 0 {
		t.Errorf("%d messages delivered", n)
	}
}

func TestConfig(t *testing.T) {
	for _, c := range []mailer.Config{
		{Addr: "smtp.example.gov.cn", From: "a@example.gov.cn"},
		{Addr: "smtp.example.gov.cn:x", From: "a@example.gov.cn"},
		{Addr: "smtp.example.gov.cn:25", From: "not an address"},
		{Addr: "smtp.example.gov.cn:25", From: "a@example.gov.cn", TLS: "ssl3"},
	} {
		if _, err := mailer.New(c); err == nil {
			t.Errorf("%+v accepted", c)
		}
	}
	if _, err := mailer.New(mailer.Config{Addr: "smtp.example.gov.cn:465", From: "a@example.gov.cn", TLS: mailer.TLSImplicit}); err != nil {
		t.Error(err)
	}
}

func TestPermanent(t *testing.T) {
	err := notify.Permanent(context.Canceled)
	if !notify.IsPermanent(err) || notify.IsPermanent(context.Canceled) || notify.Permanent(nil) != nil {
		t.Error("Permanent/IsPermanent")
	}
	if got := notify.Redact("550 <zhangsan@example.cn> unknown", "zhangsan@example.cn"); got != "550 <<收件人>> unknown" {
		t.Errorf("Redact: %q", got)
	}
}
