// Package mailer sends the e-mails of notify through an SMTP server (github.com/wneessen/go-mail:
// MIME with UTF-8 headers, attachments, STARTTLS or implicit TLS, SMTP AUTH).
package mailer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"strconv"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"

	"gongkai/internal/notify"
)

// TLS modes.
const (
	TLSOpportunistic = ""         // STARTTLS when the server offers it
	TLSStartTLS      = "starttls" // STARTTLS required
	TLSImplicit      = "tls"      // TLS from the first byte (port 465)
	TLSNone          = "none"     // plain text (a relay on the same host)
)

// Config is how to reach the SMTP server.
type Config struct {
	Addr     string // host:port
	From     string // the sender, "名称 <address>" or an address
	Username string // SMTP AUTH, when set
	Password string
	TLS      string        // one of the TLS modes
	Timeout  time.Duration // per connection step; 0: 30 s
}

// Mailer sends e-mails through one SMTP server.
type Mailer struct {
	cfg  Config
	from *mail.Address
	host string
	port int
}

// New checks cfg and returns its Mailer.
func New(cfg Config) (*Mailer, error) {
	host, portText, err := net.SplitHostPort(cfg.Addr)
	if err != nil {
		return nil, fmt.Errorf("mailer: bad SMTP address %q: %v", cfg.Addr, err)
	}
	port, err := strconv.Atoi(portText)
	if err != nil || port <= 0 || port > 65535 {
		return nil, fmt.Errorf("mailer: bad SMTP port %q", portText)
	}
	from, err := mail.ParseAddress(cfg.From)
	if err != nil {
		return nil, fmt.Errorf("mailer: bad sender %q: %v", cfg.From, err)
	}
	switch cfg.TLS {
	case TLSOpportunistic, TLSStartTLS, TLSImplicit, TLSNone:
	default:
		return nil, fmt.Errorf("mailer: unknown TLS mode %q (starttls, tls or none)", cfg.TLS)
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 30 * time.Second
	}
	return &Mailer{cfg: cfg, from: from, host: host, port: port}, nil
}

// MessageID is the Message-ID of outbox message id: the same on every attempt, so a
// receiving system can tell a repeated delivery.
func (m *Mailer) MessageID(id int64) string {
	domain := m.from.Address[strings.LastIndexByte(m.from.Address, '@')+1:]
	return fmt.Sprintf("gongkai-outbox-%d@%s", id, domain)
}

// Build writes the message of outbox message id as it is sent (for tests and to store).
func (m *Mailer) Build(id int64, msg notify.Mail, now time.Time) (*gomail.Msg, error) {
	g := gomail.NewMsg(gomail.WithEncoding(gomail.EncodingB64), gomail.WithCharset(gomail.CharsetUTF8))
	from := *m.from
	if from.Name == "" {
		from.Name = "政府信息公开"
	}
	g.FromMailAddress(&from)
	if err := g.AddToFormat(msg.ToName, msg.To); err != nil {
		return nil, permanent(fmt.Errorf("mailer: bad recipient address: %w", err))
	}
	g.Subject(msg.Subject)
	g.SetMessageIDWithValue(m.MessageID(id))
	g.SetDateWithValue(now)
	g.SetBodyString(gomail.TypeTextPlain, msg.Text)
	for _, a := range msg.Attachments {
		if err := g.AttachReader(a.Name, bytes.NewReader(a.Data), gomail.WithFileContentType(gomail.ContentType(a.ContentType))); err != nil {
			return nil, fmt.Errorf("mailer: attach %s: %w", a.Name, err)
		}
	}
	return g, nil
}

// Send sends message id. Cancelling ctx aborts the SMTP conversation at once (the
// connection is closed): a message cut off before the end of its data is not delivered.
// A refusal the server states as permanent (5xx) is notify.Permanent.
func (m *Mailer) Send(ctx context.Context, id int64, msg notify.Mail, now time.Time) error {
	g, err := m.Build(id, msg, now)
	if err != nil {
		return err
	}
	opts := []gomail.Option{
		gomail.WithPort(m.port), gomail.WithTimeout(m.cfg.Timeout),
		gomail.WithDialContextFunc(func(dctx context.Context, network, addr string) (net.Conn, error) {
			var d net.Dialer
			c, err := d.DialContext(dctx, network, addr)
			if err != nil {
				return nil, err
			}
			context.AfterFunc(ctx, func() { c.Close() })
			return c, nil
		}),
	}
	switch m.cfg.TLS {
	case TLSOpportunistic:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSOpportunistic))
	case TLSStartTLS:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	case TLSImplicit:
		opts = append(opts, gomail.WithSSL())
	case TLSNone:
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	}
	if m.cfg.Username != "" {
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover), gomail.WithUsername(m.cfg.Username), gomail.WithPassword(m.cfg.Password))
	}
	c, err := gomail.NewClient(m.host, opts...)
	if err != nil {
		return fmt.Errorf("mailer: %w", err)
	}
	err = c.DialAndSendWithContext(ctx, g)
	if err == nil {
		return nil
	}
	if ctx.Err() != nil {
		return errors.Join(ctx.Err(), err)
	}
	var se *gomail.SendError
	if errors.As(err, &se) && !se.IsTemp() && se.ErrorCode() >= 500 && se.ErrorCode() < 600 {
		return permanent(err)
	}
	return err
}

func permanent(err error) error { return notify.Permanent(err) }
