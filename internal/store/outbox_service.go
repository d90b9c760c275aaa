package store

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"gongkai/internal/account"
	"gongkai/internal/apperr"
	"gongkai/internal/foirequest"
	"gongkai/internal/letter"
	"gongkai/internal/notify"
)

// Outbox is the door of the messages to applicants as the background job sends them
// (System only): it claims due messages under a lease, reads what each says, and records
// each result. The messages are written by the Applications door in the transaction of
// the step that causes them; staff read them on the case page and record those delivered
// by hand (Applications.Open, Applications.Delivered).
type Outbox struct{ service }

// Outbox is the door of the messages to applicants.
func (db *DB) Outbox() *Outbox { return &Outbox{service{db: db}} }

// Claim leases up to n messages of the channels that are due at now, for lease: until then
// no other sender (another app server) takes them. A sender killed mid-send leaves its
// lease to run out; the message is then claimed again. The lease must outlast the send.
func (s *Outbox) Claim(ctx context.Context, who account.Principal, channels []notify.Channel, n int, now time.Time, lease time.Duration) ([]Lease, error) {
	if err := requireSystem(who); err != nil {
		return nil, err
	}
	var out []Lease
	err := s.inTx(ctx, func(tx *Tx) error {
		var err error
		out, err = claimMessages(ctx, tx, channels, n, now, lease)
		return err
	})
	return out, err
}

// Outgoing is a claimed message and what it says: the input of notify.ComposeMail or
// ComposeSMS, whose TrackURL and file links are site-relative paths (the sender puts the
// site's address before them).
type Outgoing struct {
	Message
	Input notify.Input
}

// Compose reads the message of lease l and what it says, as the case stood right after its
// step: the step, the due day then, the step's letter and its files (each with a download
// link valid for linkTTL from now). apperr.Conflict when the lease was lost.
func (s *Outbox) Compose(ctx context.Context, who account.Principal, l Lease, linkTTL time.Duration, now time.Time) (Outgoing, error) {
	if err := requireSystem(who); err != nil {
		return Outgoing{}, err
	}
	q := s.q()
	row, err := leasedMessage(ctx, q, l)
	if err != nil {
		return Outgoing{}, err
	}
	a, err := applicationByID(ctx, q, row.ApplicationID, false)
	if err != nil {
		return Outgoing{}, err
	}
	la, err := sender(ctx, q, a.AgencyID)
	if err != nil {
		return Outgoing{}, err
	}
	cal, err := Calendar(ctx, q)
	if err != nil {
		return Outgoing{}, err
	}
	in := notify.Input{
		Kind: row.Kind, Agency: la, Applicant: a.Applicant.Name, Number: a.Number, Tracking: a.Tracking,
		Description: a.Description, Received: a.Received, TrackURL: "/track/" + a.Tracking, Code: row.Secret,
	}
	if seq := row.EventSeq; seq > 0 && seq <= len(a.Events) {
		upTo := a.Application
		upTo.Events = a.Events[:seq]
		c, err := upTo.Case(cal)
		if err != nil {
			return Outgoing{}, err
		}
		in.Step = a.Events[seq-1]
		if c.State.Closed() {
			in.Outcome = c.Outcome
		} else {
			in.Due, _ = c.Due(cal, in.Step.Day)
		}
		if k, ok := letter.ForStep(in.Step.Type); ok {
			if li, err := letter.ForApplication(upTo, la, k, cal); err == nil {
				if l, err := letter.Compose(li); err == nil {
					in.Letter = &l
				}
			}
		}
		files, err := applicationFiles(ctx, q, a.ID)
		if err != nil {
			return Outgoing{}, err
		}
		var key []byte
		for _, f := range files {
			if f.EventSeq != seq || !PublicFile(a, f) {
				continue
			}
			if key == nil {
				if key, err = serverKey(ctx, q, linkKeyName); err != nil {
					return Outgoing{}, err
				}
			}
			full, err := applicationFileByID(ctx, q, f.ID)
			if err != nil {
				return Outgoing{}, err
			}
			exp := now.Add(linkTTL)
			in.Files = append(in.Files, notify.File{Name: full.Name, ContentType: full.ContentType, Data: full.Data,
				Link: downloadPath(key, a.Tracking, f.ID, exp), Expires: exp})
		}
	}
	return Outgoing{Message: row.Message, Input: in}, nil
}

// Sent records that the message of lease l was delivered to the sending service at now,
// with its subject; a new query code it carried is erased. apperr.Conflict when the lease
// was lost (another sender holds the message now).
func (s *Outbox) Sent(ctx context.Context, who account.Principal, l Lease, subject string, now time.Time) error {
	if err := requireSystem(who); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *Tx) error {
		row, err := leasedMessage(ctx, tx, l)
		if err != nil {
			return err
		}
		res, err := tx.Exec(ctx, `UPDATE outbox SET state = ?, sent_at = ?, subject = ?, secret = '', lease_token = '', lease_until = '', last_error = ''
			WHERE id = ? AND lease_token = ? AND state = ?`, string(notify.Sent), FormatTime(now), subject, l.ID, l.Token, string(notify.Pending))
		if err != nil {
			return fmt.Errorf("store: message sent: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return errLeaseLost
		}
		row.State, row.Attempts = notify.Sent, l.Attempts
		_, err = Audit(ctx, tx, change(who, "application.message_sent", "application", row.ApplicationID, row.AgencyID, nil, row.view(), ""))
		return err
	})
}

// Failed records a failed attempt to send the message of lease l: it is tried again after
// notify.Backoff, unless the failure is permanent (the address refused) or it was the
// last attempt (notify.MaxAttempts): then it is failed, for staff to deliver by hand. The
// error text is stored without the recipient. It returns the message's new state.
func (s *Outbox) Failed(ctx context.Context, who account.Principal, l Lease, cause string, permanent bool, now time.Time) (notify.State, error) {
	if err := requireSystem(who); err != nil {
		return "", err
	}
	var state notify.State
	err := s.inTx(ctx, func(tx *Tx) error {
		row, err := leasedMessage(ctx, tx, l)
		if err != nil {
			return err
		}
		text := notify.Redact(cause, row.To)
		state = notify.Pending
		if permanent || l.Attempts >= notify.MaxAttempts {
			state = notify.Failed
		}
		next := now.Add(notify.Backoff(l.Attempts))
		secret := "secret"
		if state == notify.Failed {
			secret = "''"
		}
		res, err := tx.Exec(ctx, `UPDATE outbox SET state = ?, next_at = ?, last_error = ?, secret = `+secret+`, lease_token = '', lease_until = ''
			WHERE id = ? AND lease_token = ? AND state = ?`, string(state), FormatTime(next), text, l.ID, l.Token, string(notify.Pending))
		if err != nil {
			return fmt.Errorf("store: message failed: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return errLeaseLost
		}
		if state == notify.Failed {
			row.State, row.Attempts = state, l.Attempts
			_, err = Audit(ctx, tx, change(who, "application.message_failed", "application", row.ApplicationID, row.AgencyID, nil, row.view(), text))
		}
		return err
	})
	return state, err
}

// Delivered records that staff delivered a message another way (by post, in person, by
// telephone), with a note on how: only messages waiting for that (no mail server, or
// sending failed), by the staff handling the case.
func (s *Applications) Delivered(ctx context.Context, who account.Principal, appID, msgID int64, note string, now time.Time) error {
	note = strings.TrimSpace(note)
	return s.inTx(ctx, func(tx *Tx) error {
		a, err := applicationByID(ctx, tx, appID, false)
		if err != nil {
			return err
		}
		if err := requireReadApplication(ctx, tx, who, a); err != nil {
			return err
		}
		if !foirequest.CanWrite(who, a.AgencyID) {
			return apperr.New(apperr.Forbidden, "只有承办机关的经办人、审核人或负责人可以办理申请")
		}
		if note == "" {
			return apperr.New(apperr.Invalid, "请说明送达方式（如邮寄、当面送达、电话告知）和日期")
		}
		if utf8.RuneCountInString(note) > 200 {
			return apperr.New(apperr.Invalid, "送达说明过长（最多200字）")
		}
		m, err := scanMessage(tx.QueryRow(ctx, `SELECT `+messageColumns+` FROM outbox WHERE id = ? AND application_id = ?`+tx.Dialect().ForUpdate(""), msgID, appID))
		if err != nil {
			return notFound(err, "通知不存在")
		}
		if !m.State.ByHand() {
			return apperr.Newf(apperr.Conflict, "该通知的状态为“%s”，不需要人工送达", m.State.Label())
		}
		before := m.view()
		if _, err := tx.Exec(ctx, `UPDATE outbox SET state = ?, secret = '', delivered_by = ?, delivered_note = ? WHERE id = ?`,
			string(notify.Delivered), who.Name, note, msgID); err != nil {
			return fmt.Errorf("store: message delivered: %w", err)
		}
		m.State, m.DeliveredNote = notify.Delivered, note
		_, err = Audit(ctx, tx, change(who, "application.message_delivered", "application", appID, a.AgencyID, before, m.view(), note))
		return err
	})
}

// messagesFor lists the messages of case a as who may see them: the recipient and the
// last error masked for readers who do not handle the case.
func messagesFor(ctx context.Context, q Queryer, who account.Principal, a Application) ([]Message, error) {
	list, err := applicationMessages(ctx, q, a.ID)
	if err != nil {
		return nil, err
	}
	if !foirequest.SeesApplicant(who, a.AgencyID) {
		for i := range list {
			list[i].To = maskRecipient(list[i].Channel, list[i].To)
			list[i].LastError = ""
		}
	}
	return list, nil
}
