package store

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/apperr"
	"gongkai/internal/foirequest"
	"gongkai/internal/notify"
)

// SetMessaging says which channels messages to applicants go through (an SMTP server, an
// SMS platform). Set once when the deployment starts (app.Open), before anything is
// recorded: a step writes its messages for these channels, and an e-mail without a mail
// server is written as one staff must deliver by hand.
func (db *DB) SetMessaging(s notify.Settings) { db.messaging = s }

// Messaging is what SetMessaging set.
func (db *DB) Messaging() notify.Settings { return db.messaging }

// SetMailDays sets the mailing allowance, in calendar days, assumed for a notice sent by
// post whose signed-for day is not recorded (the waiting periods count from the
// addressee's receipt); 0 keeps foirequest.DefaultMailDays. Set once at start.
func (db *DB) SetMailDays(n int) { db.mailDays = n }

func (s service) mailDays() int {
	n := s.db.mailDaysOrDefault()
	if s.tx != nil {
		n = s.tx.db.mailDaysOrDefault()
	}
	return n
}

func (db *DB) mailDaysOrDefault() int {
	if db == nil || db.mailDays <= 0 {
		return foirequest.DefaultMailDays
	}
	return db.mailDays
}

func (s service) messaging() notify.Settings {
	if s.tx != nil {
		return s.tx.db.messaging
	}
	return s.db.messaging
}

// Message is a message to an applicant in the outbox, as the case page lists it.
type Message struct {
	ID            int64
	ApplicationID int64
	EventSeq      int // the step that caused it (0: a new query code)
	Kind          notify.Kind
	Channel       notify.Channel
	To            string // masked unless the reader handles the case
	State         notify.State
	Attempts      int
	NextAt        time.Time
	LastError     string
	Subject       string
	SentAt        time.Time
	DeliveredBy   string
	DeliveredNote string
	CreatedAt     time.Time
}

// enqueue writes the drafts of step seq of application a (0: not a step) to the outbox,
// in the transaction of the step. secret is a new query code the message carries.
func enqueue(ctx context.Context, tx *Tx, a Application, seq int, drafts []notify.Draft, secret string, now time.Time) error {
	at := FormatTime(now)
	for _, d := range drafts {
		if _, err := tx.Exec(ctx, `INSERT INTO outbox (application_id, agency_id, event_seq, kind, channel, recipient, secret, state, next_at, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, a.ID, a.AgencyID, seq, string(d.Kind), string(d.Channel), d.To, secret, string(d.State), at, at); err != nil {
			return fmt.Errorf("store: outbox: %w", err)
		}
	}
	return nil
}

// enqueueStep writes the messages of a's last step (notify.For: those the applicant is
// told of, to the contacts on file, for the deployment's channels).
func enqueueStep(ctx context.Context, tx *Tx, s notify.Settings, a Application, now time.Time) error {
	seq := len(a.Events)
	if seq == 0 {
		return nil
	}
	return enqueue(ctx, tx, a, seq, notify.For(a.Events[seq-1].Type, a.Applicant, s), "", now)
}

const messageColumns = `id, application_id, event_seq, kind, channel, recipient, state, attempts, next_at, last_error, subject, sent_at, delivered_by, delivered_note, created_at`

// scanMessage reads the messageColumns, then the extra columns into extra.
func scanMessage(sc interface{ Scan(...any) error }, extra ...any) (Message, error) {
	var m Message
	var kind, channel, state, next, sent, created string
	dest := []any{&m.ID, &m.ApplicationID, &m.EventSeq, &kind, &channel, &m.To, &state, &m.Attempts, &next, &m.LastError, &m.Subject, &sent, &m.DeliveredBy, &m.DeliveredNote, &created}
	if err := sc.Scan(append(dest, extra...)...); err != nil {
		return m, err
	}
	m.Kind, m.Channel, m.State = notify.Kind(kind), notify.Channel(channel), notify.State(state)
	m.NextAt, _ = ParseTime(next)
	m.SentAt, _ = ParseTime(sent)
	m.CreatedAt, _ = ParseTime(created)
	return m, nil
}

// applicationMessages lists the messages of a case, oldest first.
func applicationMessages(ctx context.Context, q Queryer, appID int64) ([]Message, error) {
	rows, err := q.Query(ctx, `SELECT `+messageColumns+` FROM outbox WHERE application_id = ? ORDER BY id`, appID)
	if err != nil {
		return nil, fmt.Errorf("store: messages: %w", err)
	}
	defer rows.Close()
	var out []Message
	for rows.Next() {
		m, err := scanMessage(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// maskRecipient masks an address or phone number for readers who do not handle the case.
func maskRecipient(ch notify.Channel, to string) string {
	if ch == notify.SMS {
		return foirequest.MaskPhone(to)
	}
	return foirequest.MaskEmail(to)
}

// Lease is a claim on one message: its holder may send it until Until; Token proves the
// claim when the result is recorded.
type Lease struct {
	ID       int64
	Token    string
	Until    time.Time
	Attempts int // including this one
}

// skipLocked is the clause that makes concurrent claims pass over rows another
// transaction has locked: FOR UPDATE SKIP LOCKED on PostgreSQL; nothing on SQLite, whose
// write transactions (BEGIN IMMEDIATE) run one at a time.
func skipLocked(d Dialect) string {
	if d == Postgres {
		return " FOR UPDATE SKIP LOCKED"
	}
	return ""
}

func randomToken() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("crypto/rand failed: " + err.Error())
	}
	return hex.EncodeToString(b[:])
}

// claimMessages leases up to n pending messages of the channels that are due at now and
// not leased (or whose lease ran out), for the lease duration.
func claimMessages(ctx context.Context, tx *Tx, channels []notify.Channel, n int, now time.Time, lease time.Duration) ([]Lease, error) {
	if len(channels) == 0 || n <= 0 {
		return nil, nil
	}
	token := randomToken()
	until := now.Add(lease).UTC().Truncate(time.Microsecond)
	args := []any{token, FormatTime(until), string(notify.Pending), FormatTime(now), FormatTime(now)}
	for _, c := range channels {
		args = append(args, string(c))
	}
	rows, err := tx.Query(ctx, `UPDATE outbox SET lease_token = ?, lease_until = ?, attempts = attempts + 1
		WHERE id IN (SELECT id FROM outbox WHERE state = ? AND next_at <= ? AND lease_until < ? AND channel IN (`+placeholders(len(channels))+`)
			ORDER BY id LIMIT `+strconv.Itoa(n)+skipLocked(tx.Dialect())+`)
		RETURNING id, attempts`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: claim messages: %w", err)
	}
	defer rows.Close()
	var out []Lease
	for rows.Next() {
		l := Lease{Token: token, Until: until}
		if err := rows.Scan(&l.ID, &l.Attempts); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// errLeaseLost is the refusal to record the result of a message whose lease ran out and
// was taken by another sender (or whose result is recorded already).
var errLeaseLost = apperr.New(apperr.Conflict, "该通知已由其他发送进程处理")

type messageRow struct {
	Message
	AgencyID int64
	Secret   string
}

func leasedMessage(ctx context.Context, q Queryer, l Lease) (messageRow, error) {
	var r messageRow
	var secret string
	var agencyID int64
	row := q.QueryRow(ctx, `SELECT `+messageColumns+`, secret, agency_id FROM outbox WHERE id = ? AND lease_token = ? AND state = ?`, l.ID, l.Token, string(notify.Pending))
	m, err := scanMessage(row, &secret, &agencyID)
	if errors.Is(err, sql.ErrNoRows) {
		return r, errLeaseLost
	}
	if err != nil {
		return r, fmt.Errorf("store: message %d: %w", l.ID, err)
	}
	return messageRow{Message: m, AgencyID: agencyID, Secret: secret}, nil
}

// messageView is what the audit log records of a message: never its secret, the
// recipient masked.
type messageView struct {
	ID       int64          `json:"id"`
	Kind     notify.Kind    `json:"kind"`
	Channel  notify.Channel `json:"channel"`
	To       string         `json:"to"`
	State    notify.State   `json:"state"`
	Attempts int            `json:"attempts"`
	Note     string         `json:"note,omitempty"`
}

func (m Message) view() messageView {
	return messageView{ID: m.ID, Kind: m.Kind, Channel: m.Channel, To: maskRecipient(m.Channel, m.To), State: m.State, Attempts: m.Attempts, Note: m.DeliveredNote}
}

// serverKey is the named secret the server generated once (32 random bytes), created on
// first use.
func serverKey(ctx context.Context, q Queryer, name string) ([]byte, error) {
	var secret string
	err := q.QueryRow(ctx, `SELECT secret FROM server_keys WHERE name = ?`, name).Scan(&secret)
	if errors.Is(err, sql.ErrNoRows) {
		var b [32]byte
		if _, err := rand.Read(b[:]); err != nil {
			return nil, err
		}
		if _, err := q.Exec(ctx, `INSERT INTO server_keys (name, secret, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING`,
			name, hex.EncodeToString(b[:]), FormatTime(time.Now())); err != nil {
			return nil, fmt.Errorf("store: server key: %w", err)
		}
		err = q.QueryRow(ctx, `SELECT secret FROM server_keys WHERE name = ?`, name).Scan(&secret)
	}
	if err != nil {
		return nil, fmt.Errorf("store: server key: %w", err)
	}
	return hex.DecodeString(secret)
}

const linkKeyName = "download-link"

func linkMAC(key []byte, tracking string, fileID int64, exp int64) string {
	m := hmac.New(sha256.New, key)
	fmt.Fprintf(m, "%s\x1f%d\x1f%d", tracking, fileID, exp)
	return hex.EncodeToString(m.Sum(nil))
}

// DownloadPath is the site-relative path of a download link of a file of a case: it works
// without the query code until exp (a server key signs it; the key never leaves the
// database).
func downloadPath(key []byte, tracking string, fileID int64, exp time.Time) string {
	e := exp.Unix()
	return fmt.Sprintf("/track/%s/download/%d?exp=%d&sig=%s", tracking, fileID, e, linkMAC(key, tracking, fileID, e))
}

// checkDownload reports whether sig signs the link of the file until exp, valid at now.
func checkDownload(key []byte, tracking string, fileID int64, exp, sig string, now time.Time) bool {
	e, err := strconv.ParseInt(exp, 10, 64)
	if err != nil || now.Unix() >= e {
		return false
	}
	return hmac.Equal([]byte(sig), []byte(linkMAC(key, tracking, fileID, e)))
}

// recorderApplicant is the recorder name of the steps the applicant records.
const recorderApplicant = "申请人"

// applicantPrincipal is the principal the applicant acts as on the tracking page.
func applicantPrincipal() account.Principal {
	p := account.Public()
	p.Name = recorderApplicant
	return p
}
