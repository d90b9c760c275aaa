// Package app wires gongkai together: a typed Config, and the App that opens the store,
// loads demo data and serves the web handler. `serve`, every CLI command that needs the
// database, and the end-to-end tests use it.
package app

import (
	"fmt"
	"net"
	"net/netip"
	"os"
	"strconv"
	"strings"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/notify"
	"gongkai/internal/notify/mailer"
	"gongkai/internal/notify/sms"
)

// Config is every setting of a gongkai deployment. Defaults are in Default; flags and
// environment variables override them (flags win).
type Config struct {
	Addr         string   // listen address
	DB           string   // SQLite path or postgres:// URL
	Demo         DemoMode // when to load demo data
	BaseURL      string   // public URL for links in feeds and e-mails; derived from Addr when empty
	SecureCookie bool     // Secure flag on cookies (on behind HTTPS)
	SMTPAddr     string   // host:port of an SMTP server for reminders and messages to applicants; empty: in-app reminders only, messages delivered by hand
	SMTPFrom     string
	SMTPUser     string // SMTP AUTH user (with SMTPPassword), when the server asks for it
	SMTPPassword string
	SMTPTLS      string // "" (STARTTLS when offered), "starttls" (required), "tls" (implicit, port 465), "none"
	// The agency's SMS platform for text messages to applicants; empty URL: no texts.
	SMSURL         string
	SMSTemplate    string // request body template (notify/sms.DefaultTemplate when empty)
	SMSContentType string
	SMSToken       string // Authorization header
	// MailAttachMax is the largest total of files attached to one e-mail to an applicant
	// (bytes); larger files go as download links valid for LinkTTL.
	MailAttachMax   int64
	LinkTTL         time.Duration
	ShutdownTimeout time.Duration
	// MailDays is the mailing allowance in calendar days assumed for a notice sent by post
	// whose signed-for day is not recorded (GONGKAI_MAIL_DAYS; 0: foirequest.DefaultMailDays).
	MailDays int
	// TrustedProxies: comma-separated addresses or CIDRs of reverse proxies whose
	// X-Forwarded-For is believed (for rate limits).
	TrustedProxies string
	// Argon2 is the cost of password hashes (GONGKAI_ARGON2_MEMORY in MiB,
	// GONGKAI_ARGON2_TIME, GONGKAI_ARGON2_THREADS); PasswordChecks how many password checks
	// run at once (GONGKAI_PASSWORD_CHECKS), which bounds their memory to
	// PasswordChecks × memory. Tests lower the cost here, like any deployment could.
	Argon2         account.Argon2
	PasswordChecks int
	// AuditKey is the path of the Ed25519 key that signs audit checkpoints
	// (GONGKAI_AUDIT_KEY; `gongkai auditlog keygen` makes one); empty: no checkpoints.
	AuditKey string
}

// DemoMode says when demo data is loaded. Its accounts' password is public.
type DemoMode string

const (
	// DemoFresh (the default) loads demo data only into a database this start created:
	// the first `gongkai serve` of a newcomer shows a working system, and a real
	// database migrated earlier never receives demo accounts by accident.
	DemoFresh DemoMode = ""
	// DemoOn (--demo, GONGKAI_DEMO=1) also loads it into an existing database without agencies.
	DemoOn DemoMode = "on"
	// DemoOff (--demo=false, GONGKAI_DEMO=0) never loads it.
	DemoOff DemoMode = "off"
)

// Default returns the zero-configuration settings: ./gongkai.db, 127.0.0.1:8080, demo data.
func Default() Config {
	return Config{
		Addr:            "127.0.0.1:8080",
		DB:              "gongkai.db",
		Demo:            DemoFresh,
		ShutdownTimeout: 10 * time.Second,
		Argon2:          account.DefaultArgon2(),
		PasswordChecks:  account.DefaultSlots(),
	}
}

// FromEnv overrides c with GONGKAI_* environment variables that are set.
func (c *Config) FromEnv(getenv func(string) string) {
	if getenv == nil {
		getenv = os.Getenv
	}
	if v := getenv("GONGKAI_ADDR"); v != "" {
		c.Addr = v
	}
	if v := getenv("GONGKAI_DB"); v != "" {
		c.DB = v
	}
	if v := getenv("GONGKAI_BASE_URL"); v != "" {
		c.BaseURL = v
	}
	if v := getenv("GONGKAI_SECURE_COOKIE"); v == "1" || v == "true" {
		c.SecureCookie = true
	}
	switch getenv("GONGKAI_DEMO") {
	case "0", "false":
		c.Demo = DemoOff
	case "1", "true":
		c.Demo = DemoOn
	}
	if v := getenv("GONGKAI_SMTP_ADDR"); v != "" {
		c.SMTPAddr = v
	}
	if v := getenv("GONGKAI_TRUSTED_PROXIES"); v != "" {
		c.TrustedProxies = v
	}
	if v := getenv("GONGKAI_SMTP_FROM"); v != "" {
		c.SMTPFrom = v
	}
	if v := getenv("GONGKAI_AUDIT_KEY"); v != "" {
		c.AuditKey = v
	}
	envUint := func(name string, set func(uint64)) {
		if v := getenv(name); v != "" {
			n, err := strconv.ParseUint(v, 10, 32)
			if err != nil {
				n = 0 // refused by Validate
			}
			set(n)
		}
	}
	envUint("GONGKAI_ARGON2_MEMORY", func(n uint64) { c.Argon2.MemoryKiB = uint32(min(n, 1<<22) * 1024) })
	envUint("GONGKAI_ARGON2_TIME", func(n uint64) { c.Argon2.Time = uint32(n) })
	envUint("GONGKAI_ARGON2_THREADS", func(n uint64) { c.Argon2.Threads = uint8(min(n, 255)) })
	envUint("GONGKAI_PASSWORD_CHECKS", func(n uint64) { c.PasswordChecks = int(min(n, 1024)) })
	envUint("GONGKAI_MAIL_DAYS", func(n uint64) { c.MailDays = int(min(n, 1000)) })

	for _, kv := range []struct {
		key string
		to  *string
	}{
		{"GONGKAI_SMTP_USER", &c.SMTPUser}, {"GONGKAI_SMTP_PASSWORD", &c.SMTPPassword}, {"GONGKAI_SMTP_TLS", &c.SMTPTLS},
		{"GONGKAI_SMS_URL", &c.SMSURL}, {"GONGKAI_SMS_TEMPLATE", &c.SMSTemplate}, {"GONGKAI_SMS_CONTENT_TYPE", &c.SMSContentType},
		{"GONGKAI_SMS_TOKEN", &c.SMSToken},
	} {
		if v := getenv(kv.key); v != "" {
			*kv.to = v
		}
	}
	if v := getenv("GONGKAI_MAIL_ATTACH_MAX"); v != "" {
		if n, err := strconv.ParseInt(v, 10, 64); err == nil {
			c.MailAttachMax = n
		} else {
			c.MailAttachMax = -1 // refused by Validate
		}
	}
	if v := getenv("GONGKAI_LINK_TTL"); v != "" {
		if d, err := time.ParseDuration(v); err == nil {
			c.LinkTTL = d
		} else {
			c.LinkTTL = -1 // refused by Validate
		}
	}
}

// Mailer is the SMTP configuration of messages to applicants; ok is false without a
// server.
func (c *Config) Mailer() (mailer.Config, bool) {
	if c.SMTPAddr == "" {
		return mailer.Config{}, false
	}
	return mailer.Config{Addr: c.SMTPAddr, From: c.SMTPFrom, Username: c.SMTPUser, Password: c.SMTPPassword, TLS: c.SMTPTLS}, true
}

// SMS is the SMS platform's configuration; ok is false without one.
func (c *Config) SMS() (sms.Config, bool) {
	if c.SMSURL == "" {
		return sms.Config{}, false
	}
	return sms.Config{URL: c.SMSURL, Template: c.SMSTemplate, ContentType: c.SMSContentType, Token: c.SMSToken}, true
}

// Validate checks the settings and fills derived ones.
func (c *Config) Validate() error {
	if strings.TrimSpace(c.DB) == "" {
		return fmt.Errorf("config: --db is empty")
	}
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		return fmt.Errorf("config: bad --addr %q: %v", c.Addr, err)
	}
	if c.BaseURL == "" {
		host, port, _ := net.SplitHostPort(c.Addr)
		if host == "" || host == "0.0.0.0" || host == "::" {
			host = "127.0.0.1"
		}
		c.BaseURL = "http://" + net.JoinHostPort(host, port)
	}
	c.BaseURL = strings.TrimRight(c.BaseURL, "/")
	if c.SMTPAddr != "" && c.SMTPFrom == "" {
		return fmt.Errorf("config: GONGKAI_SMTP_FROM is required with GONGKAI_SMTP_ADDR")
	}
	if mc, ok := c.Mailer(); ok {
		if _, err := mailer.New(mc); err != nil {
			return fmt.Errorf("config: %v", err)
		}
	}
	if sc, ok := c.SMS(); ok {
		if _, err := sms.New(sc); err != nil {
			return fmt.Errorf("config: %v", err)
		}
	}
	if c.MailAttachMax < 0 {
		return fmt.Errorf("config: bad GONGKAI_MAIL_ATTACH_MAX (bytes)")
	}
	if c.MailAttachMax == 0 {
		c.MailAttachMax = notify.DefaultMaxAttach
	}
	if c.LinkTTL < 0 {
		return fmt.Errorf("config: bad GONGKAI_LINK_TTL (a duration such as 720h)")
	}
	if c.LinkTTL == 0 {
		c.LinkTTL = 30 * 24 * time.Hour
	}
	if _, err := c.ProxyPrefixes(); err != nil {
		return err
	}
	if err := c.Argon2.Validate(); err != nil {
		return fmt.Errorf("config: %v", err)
	}
	if c.PasswordChecks < 1 || c.PasswordChecks > 256 {
		return fmt.Errorf("config: GONGKAI_PASSWORD_CHECKS must be 1..256, got %d", c.PasswordChecks)
	}
	if c.MailDays < 0 || c.MailDays > 60 {
		return fmt.Errorf("config: GONGKAI_MAIL_DAYS must be 0..60 (calendar days), got %d", c.MailDays)
	}
	if c.ShutdownTimeout <= 0 {
		c.ShutdownTimeout = 10 * time.Second
	}
	return nil
}

// ProxyPrefixes parses TrustedProxies.
func (c *Config) ProxyPrefixes() ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, part := range strings.Split(c.TrustedProxies, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if !strings.Contains(part, "/") {
			a, err := netip.ParseAddr(part)
			if err != nil {
				return nil, fmt.Errorf("config: bad trusted proxy %q", part)
			}
			out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
			continue
		}
		p, err := netip.ParsePrefix(part)
		if err != nil {
			return nil, fmt.Errorf("config: bad trusted proxy %q", part)
		}
		out = append(out, p.Masked())
	}
	return out, nil
}
