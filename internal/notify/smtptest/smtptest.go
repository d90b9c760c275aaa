// Package smtptest is a local SMTP server for tests (github.com/emersion/go-smtp): it
// keeps every message delivered to it and reads them back (subject, text, attachments).
// A listener can be told to stall in the middle of a message, as a server does when the
// sender dies mid-send: a message cut off before its end is not delivered.
package smtptest

import (
	"bytes"
	"encoding/base64"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	smtp "github.com/emersion/go-smtp"
)

// Message is a delivered message.
type Message struct {
	From string
	To   []string
	Data []byte
}

// Server is the test SMTP server; every listener delivers into it.
type Server struct {
	mu       sync.Mutex
	messages []Message
	arrived  chan struct{}
	stalls   chan struct{}
}

// Start starts a server and a listener that delivers normally; both close when the test
// ends. The listener's address is Addr.
func Start(tb testing.TB) (*Server, string) {
	tb.Helper()
	s := &Server{arrived: make(chan struct{}, 1024), stalls: make(chan struct{}, 1024)}
	return s, s.Listen(tb, -1)
}

// Listen adds a listener that delivers its first n messages and stalls in the data of
// every later one until the client goes away (n < 0: never stalls), and returns its
// address.
func (s *Server) Listen(tb testing.TB, n int) string {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	l := &listener{server: s, limit: n}
	srv := smtp.NewServer(l)
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true
	srv.ReadTimeout = 30 * time.Second
	srv.WriteTimeout = 30 * time.Second
	srv.MaxMessageBytes = 64 << 20
	go srv.Serve(ln)
	tb.Cleanup(func() { srv.Close() })
	return ln.Addr().String()
}

type listener struct {
	server *Server
	mu     sync.Mutex
	limit  int
	count  int
}

func (l *listener) NewSession(c *smtp.Conn) (smtp.Session, error) {
	return &session{l: l, conn: c.Conn()}, nil
}

type session struct {
	l    *listener
	conn net.Conn
	from string
	to   []string
}

func (s *session) Reset()        { s.from, s.to = "", nil }
func (s *session) Logout() error { return nil }
func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	s.from = from
	return nil
}
func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.to = append(s.to, to)
	return nil
}

// errStalled is what a stalled delivery ends with once the client is gone.
var errStalled = errors.New("smtptest: stalled delivery abandoned")

func (s *session) Data(r io.Reader) error {
	l := s.l
	l.mu.Lock()
	stall := l.limit >= 0 && l.count >= l.limit
	l.count++
	l.mu.Unlock()
	if stall {
		// Take the data but never answer it; wait until the client goes away (at most
		// a minute), then deliver nothing.
		io.Copy(io.Discard, r)
		select {
		case l.server.stalls <- struct{}{}:
		default:
		}
		var b [1]byte
		for end := time.Now().Add(time.Minute); time.Now().Before(end); {
			s.conn.SetReadDeadline(time.Now().Add(100 * time.Millisecond))
			if _, err := s.conn.Read(b[:]); err != nil {
				var ne net.Error
				if errors.As(err, &ne) && ne.Timeout() {
					continue
				}
				break
			}
		}
		s.conn.SetReadDeadline(time.Time{})
		return errStalled
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	srv := l.server
	srv.mu.Lock()
	srv.messages = append(srv.messages, Message{From: s.from, To: append([]string(nil), s.to...), Data: data})
	srv.mu.Unlock()
	select {
	case srv.arrived <- struct{}{}:
	default:
	}
	return nil
}

// Stalled receives once each time a listener starts stalling in a message's data.
func (s *Server) Stalled() <-chan struct{} { return s.stalls }

// Messages returns the messages delivered so far.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.messages...)
}

// Wait waits until n messages have been delivered (failing the test after timeout) and
// returns them.
func (s *Server) Wait(tb testing.TB, n int, timeout time.Duration) []Message {
	tb.Helper()
	deadline := time.After(timeout)
	for {
		if ms := s.Messages(); len(ms) >= n {
			return ms
		}
		select {
		case <-s.arrived:
		case <-time.After(50 * time.Millisecond):
		case <-deadline:
			tb.Fatalf("smtptest: %d messages delivered, want %d", len(s.Messages()), n)
		}
	}
}

// Part is a decoded part of a message: its text or an attachment.
type Part struct {
	Name        string // the attachment's file name ("" for the text)
	ContentType string
	Data        []byte
}

// Parsed is a message read back.
type Parsed struct {
	Header      mail.Header
	Subject     string
	Text        string
	Attachments []Part
}

var decoder = mime.WordDecoder{}

// Parse reads a delivered message: the decoded subject, the plain text and the
// attachments.
func (m Message) Parse() (Parsed, error) {
	msg, err := mail.ReadMessage(bytes.NewReader(m.Data))
	if err != nil {
		return Parsed{}, err
	}
	p := Parsed{Header: msg.Header}
	if p.Subject, err = decoder.DecodeHeader(msg.Header.Get("Subject")); err != nil {
		return p, err
	}
	err = walk(msg.Header.Get("Content-Type"), msg.Header.Get("Content-Transfer-Encoding"), "", msg.Body, &p)
	return p, err
}

func walk(ctype, encoding, disposition string, body io.Reader, p *Parsed) error {
	mt, params, err := mime.ParseMediaType(ctype)
	if err != nil {
		mt = "text/plain"
	}
	if strings.HasPrefix(mt, "multipart/") {
		mr := multipart.NewReader(body, params["boundary"])
		for {
			part, err := mr.NextRawPart()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return err
			}
			if err := walk(part.Header.Get("Content-Type"), part.Header.Get("Content-Transfer-Encoding"), part.Header.Get("Content-Disposition"), part, p); err != nil {
				return err
			}
		}
	}
	var r io.Reader = body
	if strings.EqualFold(encoding, "base64") {
		r = base64.NewDecoder(base64.StdEncoding, &newlineStripper{body})
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	name := ""
	if disposition != "" {
		if _, dp, err := mime.ParseMediaType(disposition); err == nil {
			name = dp["filename"]
		}
	}
	if name == "" {
		name = params["name"]
	}
	if name != "" {
		if dec, err := decoder.DecodeHeader(name); err == nil {
			name = dec
		}
		p.Attachments = append(p.Attachments, Part{Name: name, ContentType: mt, Data: data})
		return nil
	}
	if mt == "text/plain" {
		p.Text += string(data)
	}
	return nil
}

// newlineStripper drops CR and LF, which base64 bodies are folded with.
type newlineStripper struct{ r io.Reader }

func (n *newlineStripper) Read(b []byte) (int, error) {
	k, err := n.r.Read(b)
	j := 0
	for _, c := range b[:k] {
		if c != '\r' && c != '\n' {
			b[j] = c
			j++
		}
	}
	return j, err
}
