// Package sms sends text messages through the agency's SMS platform: one HTTP request per
// message, whose body is written from a configurable template (platforms differ in field
// names and formats).
package sms

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"text/template"
	"time"

	"gongkai/internal/notify"
)

// DefaultTemplate is the request body when none is configured: JSON with the number and
// the text.
const DefaultTemplate = `{"phone":{{json .Phone}},"content":{{json .Text}},"id":{{json .ID}}}`

// Config is how to reach the SMS platform.
type Config struct {
	URL         string // the platform's endpoint (POST)
	Template    string // the request body, a Go text/template over .Phone, .Text and .ID, with the functions json and query
	ContentType string // of the body; default application/json
	Token       string // sent as the Authorization header when set
	Timeout     time.Duration
}

// Sender sends text messages through one platform.
type Sender struct {
	cfg  Config
	body *template.Template
	hc   *http.Client
}

var funcs = template.FuncMap{
	"json": func(v any) (string, error) {
		b, err := json.Marshal(v)
		return string(b), err
	},
	"query": url.QueryEscape,
}

// New checks cfg and returns its Sender.
func New(cfg Config) (*Sender, error) {
	u, err := url.Parse(cfg.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("sms: bad platform URL %q", cfg.URL)
	}
	if strings.TrimSpace(cfg.Template) == "" {
		cfg.Template = DefaultTemplate
	}
	t, err := template.New("sms").Funcs(funcs).Option("missingkey=error").Parse(cfg.Template)
	if err != nil {
		return nil, fmt.Errorf("sms: bad template: %v", err)
	}
	if cfg.ContentType == "" {
		cfg.ContentType = "application/json"
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 15 * time.Second
	}
	return &Sender{cfg: cfg, body: t, hc: &http.Client{Timeout: cfg.Timeout}}, nil
}

// Body is the request body of a message (for tests and to check a template).
func (s *Sender) Body(id int64, phone, text string) (string, error) {
	var b strings.Builder
	err := s.body.Execute(&b, struct {
		ID          string
		Phone, Text string
	}{fmt.Sprintf("gongkai-outbox-%d", id), phone, text})
	return b.String(), err
}

// Send sends message id to phone. A 2xx answer is success; 4xx (except 408 and 429) is
// notify.Permanent (the platform refuses this message); anything else may be retried.
// The request carries an Idempotency-Key, the same on every attempt.
func (s *Sender) Send(ctx context.Context, id int64, phone, text string) error {
	body, err := s.Body(id, phone, text)
	if err != nil {
		return notify.Permanent(fmt.Errorf("sms: template: %w", err))
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.cfg.URL, strings.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", s.cfg.ContentType)
	req.Header.Set("Idempotency-Key", fmt.Sprintf("gongkai-outbox-%d", id))
	if s.cfg.Token != "" {
		req.Header.Set("Authorization", s.cfg.Token)
	}
	resp, err := s.hc.Do(req)
	if err != nil {
		return fmt.Errorf("sms: %w", err)
	}
	defer resp.Body.Close()
	snippet, _ := io.ReadAll(io.LimitReader(resp.Body, 200))
	switch {
	case resp.StatusCode >= 200 && resp.StatusCode < 300:
		return nil
	case resp.StatusCode >= 400 && resp.StatusCode < 500 && resp.StatusCode != http.StatusRequestTimeout && resp.StatusCode != http.StatusTooManyRequests:
		return notify.Permanent(fmt.Errorf("sms: platform refused: %s %s", resp.Status, strings.TrimSpace(string(snippet))))
	}
	return fmt.Errorf("sms: platform answered %s %s", resp.Status, strings.TrimSpace(string(snippet)))
}
