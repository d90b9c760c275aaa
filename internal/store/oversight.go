package store

import (
	"context"
	"fmt"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/foirequest"
	"gongkai/internal/oversight"
	"gongkai/internal/workday"
)

// The 政务公开办's records: 督办 notices and their reminders (migration 00110), and the
// reads of the applications that the oversight counts.

const noticeColumns = `n.id, n.government_id, n.agency_id, ag.name, n.subject, n.body, n.due_day, n.sent_at, n.sent_by, n.sent_by_name, n.answer, n.answered_at, n.answered_by_name`

const noticeFrom = ` FROM oversight_notices n JOIN agencies ag ON ag.id = n.agency_id`

func scanNotice(sc interface{ Scan(...any) error }) (oversight.Notice, error) {
	var n oversight.Notice
	var due, sent, answered string
	if err := sc.Scan(&n.ID, &n.GovernmentID, &n.AgencyID, &n.Agency, &n.Subject, &n.Body, &due, &sent, &n.SentByID, &n.SentBy, &n.Answer, &answered, &n.AnsweredBy); err != nil {
		return n, err
	}
	n.Due = parseDayOrZero(due)
	n.SentAt, _ = ParseTime(sent)
	if answered != "" {
		n.AnsweredAt, _ = ParseTime(answered)
	}
	return n, nil
}

func queryNotices(ctx context.Context, q Queryer, where string, args ...any) ([]oversight.Notice, error) {
	var out []oversight.Notice
	err := eachRow(ctx, q, func(scan func(...any) error) error {
		n, err := scanNotice(scanFunc(scan))
		if err != nil {
			return err
		}
		out = append(out, n)
		return nil
	}, `SELECT `+noticeColumns+noticeFrom+` WHERE `+where+` ORDER BY n.answered_at <> '', n.due_day, n.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: notices: %w", err)
	}
	return out, nil
}

// scanFunc adapts eachRow's scan to scanNotice.
type scanFunc func(...any) error

func (f scanFunc) Scan(dest ...any) error { return f(dest...) }

func noticeByID(ctx context.Context, q Queryer, id int64) (oversight.Notice, error) {
	n, err := scanNotice(q.QueryRow(ctx, `SELECT `+noticeColumns+noticeFrom+` WHERE n.id = ?`, id))
	return n, notFound(err, "督办事项不存在")
}

func insertNotice(ctx context.Context, tx *Tx, n *oversight.Notice) error {
	id, err := Insert(ctx, tx, `INSERT INTO oversight_notices (government_id, agency_id, subject, body, due_day, sent_at, sent_by, sent_by_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		n.GovernmentID, n.AgencyID, n.Subject, n.Body, FormatDay(n.Due), FormatTime(n.SentAt), n.SentByID, n.SentBy)
	if err != nil {
		return fmt.Errorf("store: send notice: %w", err)
	}
	n.ID = id
	return nil
}

func answerNotice(ctx context.Context, tx *Tx, n oversight.Notice, by account.Principal) error {
	res, err := tx.Exec(ctx, `UPDATE oversight_notices SET answer = ?, answered_at = ?, answered_by = ?, answered_by_name = ? WHERE id = ? AND answered_at = ''`,
		n.Answer, FormatTime(n.AnsweredAt), by.UserID, n.AnsweredBy, n.ID)
	if err != nil {
		return fmt.Errorf("store: answer notice: %w", err)
	}
	if k, _ := res.RowsAffected(); k != 1 {
		return fmt.Errorf("store: answer notice %d: answered meanwhile", n.ID)
	}
	return nil
}

// noticeCounts counts, per agency of the government, the notices not answered and of
// those the ones past their due day as of today.
func noticeCounts(ctx context.Context, q Queryer, govID int64, today time.Time) (open, overdue map[int64]int, err error) {
	open, overdue = map[int64]int{}, map[int64]int{}
	err = eachRow(ctx, q, func(scan func(...any) error) error {
		var id int64
		var n, late int
		if err := scan(&id, &n, &late); err != nil {
			return err
		}
		open[id], overdue[id] = n, late
		return nil
	}, `SELECT agency_id, COUNT(*), SUM(CASE WHEN due_day < ? THEN 1 ELSE 0 END) FROM oversight_notices
		WHERE government_id = ? AND answered_at = '' GROUP BY agency_id`, FormatDay(today), govID)
	if err != nil {
		return nil, nil, fmt.Errorf("store: notice counts: %w", err)
	}
	return open, overdue, nil
}

// repliesOfYear reads the working days taken by each reply the agency gave in year
// (receipt to reply, the day of receipt not counted, 第三十一条), and how many were given
// by their due day.
func repliesOfYear(ctx context.Context, q Queryer, cal *workday.Calendar, agencyID int64, year int) (days []int, onTime int, err error) {
	err = eachRow(ctx, q, func(scan func(...any) error) error {
		var received, closed, due, outcome string
		if err := scan(&received, &closed, &due, &outcome); err != nil {
			return err
		}
		r, c := parseDayOrZero(received), parseDayOrZero(closed)
		if r.IsZero() || c.IsZero() || foirequest.ReplyType(outcome).Row() == "" {
			return nil
		}
		days = append(days, max(cal.Count(r, c), 0))
		if due != "" && closed <= due {
			onTime++
		}
		return nil
	}, `SELECT received, closed_day, due_day, outcome FROM applications
		WHERE agency_id = ? AND closed_day >= ? AND closed_day <= ? AND outcome <> ''`,
		agencyID, fmt.Sprintf("%04d-01-01", year), fmt.Sprintf("%04d-12-31", year))
	if err != nil {
		return nil, 0, fmt.Errorf("store: replies of %d/%d: %w", agencyID, year, err)
	}
	return days, onTime, nil
}

// noticesDueIn lists the notices to the agency due in year.
func noticesDueIn(ctx context.Context, q Queryer, agencyID int64, year int) ([]oversight.Notice, error) {
	return queryNotices(ctx, q, `n.agency_id = ? AND n.due_day >= ? AND n.due_day <= ?`,
		agencyID, fmt.Sprintf("%04d-01-01", year), fmt.Sprintf("%04d-12-31", year))
}
