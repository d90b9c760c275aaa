package app

import (
	"context"
	"strings"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/apperr"
	"gongkai/internal/notify"
	"gongkai/internal/store"
)

// OutboxJob is the name of the job that sends the messages to applicants.
const OutboxJob = "outbox"

// OutboxInterval is how often the outbox job looks for messages while serving.
const OutboxInterval = 15 * time.Second

// DefaultOutboxLease is how long a server holds a message it sends: the send is cut off
// well before (sendMargin), so a live server never loses a message it is sending, and a
// server killed mid-send leaves it to another after this long.
const DefaultOutboxLease = 5 * time.Minute

func outboxJob() Job {
	return Job{Name: OutboxJob, Interval: OutboxInterval, Run: func(ctx context.Context, a *App) error {
		_, err := RunOutbox(ctx, a, time.Now)
		return err
	}}
}

// OutboxRun is what one run of the outbox job did.
type OutboxRun struct {
	Sent    int // delivered to the mail server or the SMS platform
	Retried int // failed, to be tried again after the backoff
	Failed  int // given up: staff deliver them by hand
	Lost    int // taken over by another server (lease ran out)
}

// channels are the channels this server sends through.
func (a *App) channels() []notify.Channel {
	var out []notify.Channel
	if a.Mailer != nil {
		out = append(out, notify.Email)
	}
	if a.SMS != nil {
		out = append(out, notify.SMS)
	}
	return out
}

// RunOutbox sends the messages to applicants that are due, one at a time, each under a
// lease (store.Outbox.Claim): several servers on one database each send every message
// once. It stops when none is due or ctx ends; a message whose send ctx cut off is left to
// its lease (another server, or this one later, sends it), as if this server had died.
// Logs name messages by their ids, never the applicant's address or number.
func RunOutbox(ctx context.Context, a *App, now func() time.Time) (OutboxRun, error) {
	var run OutboxRun
	channels := a.channels()
	if len(channels) == 0 {
		return run, nil
	}
	lease := a.OutboxLease
	if lease <= 0 {
		lease = DefaultOutboxLease
	}
	box := a.DB.Outbox()
	sys := account.System()
	for ctx.Err() == nil {
		leases, err := box.Claim(ctx, sys, channels, 1, now(), lease)
		if err != nil {
			if ctx.Err() != nil {
				return run, nil
			}
			return run, err
		}
		if len(leases) == 0 {
			return run, nil
		}
		if err := a.sendOne(ctx, leases[0], lease, now, &run); err != nil {
			if ctx.Err() != nil {
				return run, nil
			}
			return run, err
		}
	}
	return run, nil
}

func (a *App) sendOne(ctx context.Context, l store.Lease, lease time.Duration, now func() time.Time, run *OutboxRun) error {
	box := a.DB.Outbox()
	sys := account.System()
	out, err := box.Compose(ctx, sys, l, a.Config.LinkTTL, now())
	if apperr.Is(err, apperr.Conflict) {
		run.Lost++
		return nil
	}
	if err != nil {
		return err
	}
	in := out.Input
	base := strings.TrimRight(a.Config.BaseURL, "/")
	in.TrackURL = base + in.TrackURL
	for i := range in.Files {
		in.Files[i].Link = base + in.Files[i].Link
	}
	// The send ends well inside the lease, so no other server takes the message while
	// this one may still deliver it.
	sendCtx, cancel := context.WithDeadline(ctx, l.Until.Add(-lease/4))
	defer cancel()
	var subject string
	switch out.Channel {
	case notify.Email:
		var m notify.Mail
		if m, err = notify.ComposeMail(in, out.To, a.Config.MailAttachMax); err == nil {
			subject = m.Subject
			err = a.Mailer.Send(sendCtx, out.ID, m, now())
		} else {
			err = notify.Permanent(err)
		}
	case notify.SMS:
		var text string
		if text, err = notify.ComposeSMS(in); err == nil {
			subject = text
			err = a.SMS.Send(sendCtx, out.ID, out.To, text)
		} else {
			err = notify.Permanent(err)
		}
	}
	if ctx.Err() != nil {
		// This server is stopping (or was killed): record nothing, leave it to the lease.
		return ctx.Err()
	}
	if err != nil {
		cause := notify.Redact(err.Error(), out.To)
		state, ferr := box.Failed(ctx, sys, l, cause, notify.IsPermanent(err), now())
		if apperr.Is(ferr, apperr.Conflict) {
			run.Lost++
			return nil
		}
		if ferr != nil {
			return ferr
		}
		if state == notify.Failed {
			run.Failed++
		} else {
			run.Retried++
		}
		a.Log.Warn("message to applicant not sent", "message_id", out.ID, "application_id", out.ApplicationID,
			"channel", string(out.Channel), "attempt", l.Attempts, "state", string(state), "err", cause)
		return nil
	}
	if err := box.Sent(ctx, sys, l, subject, now()); err != nil {
		if apperr.Is(err, apperr.Conflict) {
			run.Lost++
			a.Log.Error("message sent after its lease was taken over; it may have gone twice", "message_id", out.ID, "application_id", out.ApplicationID)
			return nil
		}
		return err
	}
	run.Sent++
	return nil
}
