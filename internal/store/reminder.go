package store

import (
	"context"
	"fmt"
	"time"

	"gongkai/internal/foirequest"
	"gongkai/internal/workday"
)

// Reminder is an in-app reminder of a case due soon or overdue.
type Reminder struct {
	ID            int64
	UserID        int64
	AgencyID      int64
	ApplicationID int64
	Day           time.Time // the day it was created for (one per user, case and day)
	Kind          foirequest.Status
	Message       string
	Due           time.Time
	CreatedAt     time.Time
	Read          bool
	Emailed       bool
}

// NewReminder is a reminder created by Applications.Remind, with the user's address for
// e-mail.
type NewReminder struct {
	Reminder
	Email    string
	UserName string
	Number   string
}

// createReminders creates today's in-app reminders for every running case that is due
// soon or overdue, for the users foirequest.ReminderRecipients names and with the text of
// foirequest.ReminderText, at most one per user, case and day (running it twice a day
// adds nothing), and returns the reminders it created. Each agency's reminders are written
// in one transaction of s.
func createReminders(ctx context.Context, s service, today time.Time) ([]NewReminder, error) {
	today = workday.Normalize(today)
	q := s.q()
	cal, err := Calendar(ctx, q)
	if err != nil {
		return nil, err
	}
	users, err := listUsers(ctx, q)
	if err != nil {
		return nil, err
	}
	agencies, err := listAgencies(ctx, q, 0)
	if err != nil {
		return nil, err
	}
	var out []NewReminder
	now := FormatTime(time.Now())
	for _, ag := range agencies {
		items, err := remindable(ctx, q, cal, ag.ID, today)
		if err != nil {
			return nil, err
		}
		if len(items) == 0 {
			continue
		}
		err = s.inTx(ctx, func(tx *Tx) error {
			for _, it := range items {
				a, message := it.app, it.message
				to := foirequest.ReminderRecipients(users, ag.ID, it.kind)
				if it.letter != nil {
					to = foirequest.LetterApprovers(users, ag.ID, *it.letter)
				}
				for _, u := range to {
					res, err := tx.Exec(ctx, `INSERT INTO reminders (user_id, agency_id, application_id, day, kind, message, due_day, created_at)
						VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (user_id, application_id, day) DO NOTHING`,
						u.ID, ag.ID, a.ID, FormatDay(today), string(it.kind), message, dayOrEmpty(it.due), now)
					if err != nil {
						return fmt.Errorf("store: create reminder: %w", err)
					}
					if n, _ := res.RowsAffected(); n == 0 {
						continue
					}
					var id int64
					if err := tx.QueryRow(ctx, `SELECT id FROM reminders WHERE user_id = ? AND application_id = ? AND day = ?`, u.ID, a.ID, FormatDay(today)).Scan(&id); err != nil {
						return err
					}
					out = append(out, NewReminder{
						Reminder: Reminder{ID: id, UserID: u.ID, AgencyID: ag.ID, ApplicationID: a.ID, Day: today, Kind: it.kind, Message: message, Due: it.due},
						Email:    u.Email, UserName: u.DisplayName, Number: a.Number,
					})
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// reminderItem is one case to remind of today, of one kind.
type reminderItem struct {
	app     Application
	kind    foirequest.Status
	message string
	due     time.Time
	letter  *foirequest.ReplyLetter // a reply letter waiting for approval: its approvers are reminded
}

// remindable lists the cases of one agency to remind of today: those due soon or overdue
// (foirequest.ReminderText), then the cases waiting for a correction, a consulted party or
// a payment near or past the end of their own period, and the new applications nobody has
// acted on (foirequest.WaitReminder) — at most one item per case, the due reminder first.
// Before them come the reply letters waiting for approval, for their approvers
// (foirequest.LetterApprovers, foirequest.LetterWaitingText with the case's due day): a
// user gets one reminder of a case a day, and for an approver the letter is the next step.
func remindable(ctx context.Context, q Queryer, cal *workday.Calendar, agencyID int64, today time.Time) ([]reminderItem, error) {
	waiting, err := lettersAwaiting(ctx, q, cal, agencyID, today)
	if err != nil {
		return nil, err
	}
	var out []reminderItem
	for _, w := range waiting {
		l, a := w.Letter, w.Application
		due := a.Due
		if !a.ClockRuns() {
			due = time.Time{} // paused or not started: no day to count down to
		}
		out = append(out, reminderItem{app: a, kind: foirequest.StatusLetterWaiting, due: a.Due, letter: &l,
			message: foirequest.LetterWaitingText(a.Number, a.Applicant.Name, l, due, a.Left)})
	}
	apps, err := dueSoonAndOverdue(ctx, q, cal, agencyID, today)
	if err != nil {
		return nil, err
	}
	seen := map[int64]bool{}
	for _, a := range apps {
		seen[a.ID] = true
		out = append(out, reminderItem{app: a, kind: a.Status, message: foirequest.ReminderText(a.Number, a.Applicant.Name, a.Status, a.Due, a.Left), due: a.Due})
	}
	// The 负责人's reminder of a pending extension request (besides any of the clerk's).
	asked, err := q.Query(ctx, `SELECT `+applicationColumns+applicationFrom+` WHERE a.agency_id = ? AND a.is_open = 1 AND a.extension_requested <> '' ORDER BY a.extension_by, a.id`, agencyID)
	if err != nil {
		return nil, fmt.Errorf("store: extension requests: %w", err)
	}
	var pending []Application
	for asked.Next() {
		a, err := scanApplication(asked)
		if err != nil {
			asked.Close()
			return nil, err
		}
		pending = append(pending, a)
	}
	asked.Close()
	if err := asked.Err(); err != nil {
		return nil, err
	}
	for _, a := range pending {
		if err := loadEvents(ctx, q, &a); err != nil {
			return nil, err
		}
		days := 0
		for _, e := range a.Events {
			if e.Type == foirequest.EventExtensionRequested {
				days = e.Days
			}
		}
		out = append(out, reminderItem{app: a, kind: foirequest.StatusExtensionAsked, message: foirequest.ExtensionAskedText(a.Number, a.Applicant.Name, days, a.ExtensionBy), due: a.ExtensionBy})
	}
	soon := cal.Add(today, foirequest.DueSoonDays)
	rows, err := q.Query(ctx, `SELECT `+applicationColumns+applicationFrom+
		` WHERE a.agency_id = ? AND a.is_open = 1 AND (a.wait_due <> '' AND a.wait_due <= ? OR a.state = ?) ORDER BY a.wait_due, a.id`,
		agencyID, FormatDay(soon), string(foirequest.StateRegistered))
	if err != nil {
		return nil, fmt.Errorf("store: waiting applications: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		a, err := scanApplication(rows)
		if err != nil {
			return nil, err
		}
		if seen[a.ID] {
			continue
		}
		kind := foirequest.WaitReminder(cal, a.State, a.WaitDue, today)
		if kind == "" {
			continue
		}
		left := 0
		if !a.WaitDue.IsZero() {
			left = cal.Count(today, a.WaitDue)
		}
		due := a.WaitDue
		if kind == foirequest.StatusNew {
			due = a.Due
		}
		out = append(out, reminderItem{app: a, kind: kind, message: foirequest.WaitReminderText(a.Number, a.Applicant.Name, a.State, kind, a.WaitDue, left), due: due})
	}
	return out, rows.Err()
}

// markReminderEmailed records that a reminder was sent by e-mail.
func markReminderEmailed(ctx context.Context, q Queryer, id int64) error {
	_, err := q.Exec(ctx, `UPDATE reminders SET emailed_at = ? WHERE id = ?`, FormatTime(time.Now()), id)
	return err
}

// unreadReminders returns a user's unread reminders, newest first (at most limit).
func unreadReminders(ctx context.Context, q Queryer, userID int64, limit int) ([]Reminder, error) {
	if limit <= 0 || limit > 200 {
		limit = 20
	}
	rows, err := q.Query(ctx, fmt.Sprintf(`SELECT id, user_id, agency_id, application_id, day, kind, message, due_day, created_at, read_at, emailed_at
		FROM reminders WHERE user_id = ? AND read_at = '' ORDER BY day DESC, id DESC LIMIT %d`, limit), userID)
	if err != nil {
		return nil, fmt.Errorf("store: reminders: %w", err)
	}
	defer rows.Close()
	var out []Reminder
	for rows.Next() {
		var r Reminder
		var day, kind, due, created, read, emailed string
		if err := rows.Scan(&r.ID, &r.UserID, &r.AgencyID, &r.ApplicationID, &day, &kind, &r.Message, &due, &created, &read, &emailed); err != nil {
			return nil, err
		}
		r.Day, r.Due = parseDayOrZero(day), parseDayOrZero(due)
		r.Kind = foirequest.Status(kind)
		r.CreatedAt, _ = ParseTime(created)
		r.Read, r.Emailed = read != "", emailed != ""
		out = append(out, r)
	}
	return out, rows.Err()
}

// markRemindersRead marks a user's reminders read: the given ids, or all when ids is empty.
func markRemindersRead(ctx context.Context, q Queryer, userID int64, ids ...int64) error {
	query := `UPDATE reminders SET read_at = ? WHERE user_id = ? AND read_at = ''`
	args := []any{FormatTime(time.Now()), userID}
	if len(ids) > 0 {
		query += ` AND id IN (` + placeholders(len(ids)) + `)`
		for _, id := range ids {
			args = append(args, id)
		}
	}
	if _, err := q.Exec(ctx, query, args...); err != nil {
		return fmt.Errorf("store: mark reminders read: %w", err)
	}
	return nil
}
