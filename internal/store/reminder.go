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
		apps, err := dueSoonAndOverdue(ctx, q, cal, ag.ID, today)
		if err != nil {
			return nil, err
		}
		if len(apps) == 0 {
			continue
		}
		err = s.inTx(ctx, func(tx *Tx) error {
			for _, a := range apps {
				message := foirequest.ReminderText(a.Number, a.Applicant.Name, a.Status, a.Due, a.Left)
				for _, u := range foirequest.ReminderRecipients(users, ag.ID, a.Status) {
					res, err := tx.Exec(ctx, `INSERT INTO reminders (user_id, agency_id, application_id, day, kind, message, due_day, created_at)
						VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (user_id, application_id, day) DO NOTHING`,
						u.ID, ag.ID, a.ID, FormatDay(today), string(a.Status), message, FormatDay(a.Due), now)
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
						Reminder: Reminder{ID: id, UserID: u.ID, AgencyID: ag.ID, ApplicationID: a.ID, Day: today, Kind: a.Status, Message: message, Due: a.Due},
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
