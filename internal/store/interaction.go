package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/apperr"
	"gongkai/internal/interaction"
	"gongkai/internal/workday"
)

// Interactions is the door of 政民互动 (migration 00101): questions received on the portal,
// tickets of hotlines and platforms, their answers, moderation and counts.
type Interactions struct{ service }

// Interactions is the door of 政民互动.
func (db *DB) Interactions() *Interactions { return &Interactions{service{db: db}} }

// Interactions is the door of 政民互动 inside this transaction (a batch).
func (tx *Tx) Interactions() *Interactions { return &Interactions{service{tx: tx}} }

// ReserveQuestion takes one portal question of the address's quota (released with
// RateRelease when the question is refused).
func (db *DB) ReserveQuestion(ctx context.Context, perAddress RateLimit, address string) (Reservation, bool, error) {
	return db.RateReserve(ctx, limit(perAddress, "ask:"+digest("ip", address), ""))
}

const questionColumns = `id, agency_id, channel, kind, ticket_no, subject, body, asker_name, asker_contact, received_on, due_on,
	answer, answered_on, COALESCE(answered_by, 0), public_subject, public_body, state, published_at, COALESCE(moderated_by, 0)`

func scanQuestion(sc interface{ Scan(...any) error }) (interaction.Question, error) {
	var q interaction.Question
	var channel, kind, received, due, answered, state, published string
	err := sc.Scan(&q.ID, &q.AgencyID, &channel, &kind, &q.TicketNo, &q.Subject, &q.Body, &q.AskerName, &q.AskerContact, &received, &due,
		&q.Answer, &answered, &q.AnsweredBy, &q.PublicSubject, &q.PublicBody, &state, &published, &q.ModeratedBy)
	if err != nil {
		return q, err
	}
	q.Channel, q.Kind, q.State = interaction.Channel(channel), interaction.Kind(kind), interaction.State(state)
	q.ReceivedOn, q.DueOn, q.AnsweredOn = parseDayOrZero(received), parseDayOrZero(due), parseDayOrZero(answered)
	q.PublishedAt = parseTimeOrZero(published)
	return q, nil
}

// questionAudit is what the audit log keeps of a question: never the asker.
type questionAudit struct {
	Channel  interaction.Channel `json:"channel"`
	Kind     interaction.Kind    `json:"kind"`
	TicketNo string              `json:"ticket_no,omitempty"`
	State    interaction.State   `json:"state"`
	DueOn    string              `json:"due_on"`
}

func auditQuestion(q interaction.Question) questionAudit {
	return questionAudit{q.Channel, q.Kind, q.TicketNo, q.State, dayOrEmpty(q.DueOn)}
}

// AnswerDays is the agency's answer period in working days (the default until it sets one).
func AnswerDays(ctx context.Context, q Queryer, agencyID int64) (int, error) {
	var n int
	err := q.QueryRow(ctx, `SELECT answer_days FROM interaction_settings WHERE agency_id = ?`, agencyID).Scan(&n)
	if isNoRows(err) {
		return interaction.DefaultAnswerDays, nil
	}
	if err != nil {
		return 0, fmt.Errorf("store: answer days: %w", err)
	}
	return n, nil
}

// AnswerDays is the agency's answer period, for anyone (the portal's form says it).
func (s *Interactions) AnswerDays(ctx context.Context, agencyID int64) (int, error) {
	return AnswerDays(ctx, s.q(), agencyID)
}

// SetAnswerDays sets the agency's answer period, by its 机关管理员; questions already
// received keep their due day.
func (s *Interactions) SetAnswerDays(ctx context.Context, who account.Principal, agencyID int64, days int, now time.Time) error {
	if err := who.RequireAdmin(agencyID); err != nil {
		return err
	}
	if err := interaction.CheckAnswerDays(days); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *Tx) error {
		before, err := AnswerDays(ctx, tx, agencyID)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM interaction_settings WHERE agency_id = ?`, agencyID); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO interaction_settings (agency_id, answer_days, updated_at) VALUES (?, ?, ?)`, agencyID, days, FormatTime(now)); err != nil {
			return fmt.Errorf("store: answer days: %w", err)
		}
		_, err = Audit(ctx, tx, change(who, "interaction.answer_days", "agency", agencyID, agencyID, before, days, ""))
		return err
	})
}

// Receive stores a new question: from the portal by the public (Channel Portal), or a
// ticket registered by the agency's 经办人 or 负责人. interaction.Receive sets its due day
// from the agency's answer period and the working-day calendar.
func (s *Interactions) Receive(ctx context.Context, who account.Principal, q interaction.Question, now time.Time) (interaction.Question, error) {
	var out interaction.Question
	err := s.inTx(ctx, func(tx *Tx) error {
		ag, err := AgencyByID(ctx, tx, q.AgencyID)
		if err != nil {
			return err
		}
		switch {
		case who.IsPublic():
			if q.Channel != interaction.Portal {
				return apperr.New(apperr.Forbidden, "网上咨询只能通过门户网站提交")
			}
		case !interaction.CanAnswer(who, ag.ID):
			if err := who.RequireRead(ag.ID, ag.GovernmentID); err != nil {
				return err
			}
			return apperr.New(apperr.Forbidden, "只有本机关的经办人或负责人可以登记来件")
		}
		days, err := AnswerDays(ctx, tx, ag.ID)
		if err != nil {
			return err
		}
		cal, err := Calendar(ctx, tx)
		if err != nil {
			return err
		}
		if out, err = interaction.Receive(q, days, cal, now); err != nil {
			return err
		}
		ts := FormatTime(now)
		out.ID, err = Insert(ctx, tx, `INSERT INTO interaction_questions (agency_id, channel, kind, ticket_no, subject, body, asker_name, asker_contact,
			received_on, due_on, state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			out.AgencyID, string(out.Channel), string(out.Kind), out.TicketNo, out.Subject, out.Body, out.AskerName, out.AskerContact,
			FormatDay(out.ReceivedOn), FormatDay(out.DueOn), string(out.State), ts, ts)
		if err != nil {
			return fmt.Errorf("store: receive question: %w", err)
		}
		_, err = Audit(ctx, tx, change(who, "interaction.receive", "question", out.ID, out.AgencyID, nil, auditQuestion(out), ""))
		return err
	})
	return out, err
}

// getQuestion reads a question for who reading its agency (not_found otherwise).
func getQuestion(ctx context.Context, tx *Tx, who account.Principal, id int64, lock bool) (interaction.Question, error) {
	query := `SELECT ` + questionColumns + ` FROM interaction_questions WHERE id = ?`
	if lock {
		query += tx.Dialect().ForUpdate("")
	}
	q, err := scanQuestion(tx.QueryRow(ctx, query, id))
	if err != nil {
		return q, notFound(err, "来件不存在")
	}
	ag, err := AgencyByID(ctx, tx, q.AgencyID)
	if err != nil {
		return q, err
	}
	if !interaction.CanRead(who, ag.ID, ag.GovernmentID) {
		return interaction.Question{}, apperr.New(apperr.NotFound, "来件不存在")
	}
	return q, nil
}

// Get is a question for the agency's staff (with its asker) and its government's office
// (the asker hidden: interaction.Question.SeenBy).
func (s *Interactions) Get(ctx context.Context, who account.Principal, id int64) (interaction.Question, error) {
	var out interaction.Question
	err := s.inTx(ctx, func(tx *Tx) error {
		var err error
		out, err = getQuestion(ctx, tx, who, id, false)
		return err
	})
	return out.SeenBy(who), err
}

func (s *Interactions) save(ctx context.Context, tx *Tx, who account.Principal, action string, before, q interaction.Question, now time.Time) error {
	_, err := tx.Exec(ctx, `UPDATE interaction_questions SET answer = ?, answered_on = ?, answered_by = ?, public_subject = ?, public_body = ?,
		state = ?, published_at = ?, moderated_by = ?, updated_at = ? WHERE id = ?`,
		q.Answer, dayOrEmpty(q.AnsweredOn), nullInt(q.AnsweredBy), q.PublicSubject, q.PublicBody, string(q.State), timeOrEmpty(q.PublishedAt),
		nullInt(q.ModeratedBy), FormatTime(now), q.ID)
	if err != nil {
		return fmt.Errorf("store: save question: %w", err)
	}
	_, err = Audit(ctx, tx, change(who, action, "question", q.ID, q.AgencyID, auditQuestion(before), auditQuestion(q), ""))
	return err
}

// Answer records the answer to question id by who (interaction.AnswerQuestion).
func (s *Interactions) Answer(ctx context.Context, who account.Principal, id int64, answer string, now time.Time) (interaction.Question, error) {
	var out interaction.Question
	err := s.inTx(ctx, func(tx *Tx) error {
		cur, err := getQuestion(ctx, tx, who, id, true)
		if err != nil {
			return err
		}
		if out, err = interaction.AnswerQuestion(cur, who, answer, now); err != nil {
			return err
		}
		return s.save(ctx, tx, who, "interaction.answer", cur, out, now)
	})
	return out, err
}

// Moderate publishes question id with its answer (the public text as edited, personal
// data masked) or keeps it private, by the agency's 负责人 (interaction.Moderate).
func (s *Interactions) Moderate(ctx context.Context, who account.Principal, id int64, publish bool, subject, body string, now time.Time) (interaction.Question, error) {
	var out interaction.Question
	err := s.inTx(ctx, func(tx *Tx) error {
		cur, err := getQuestion(ctx, tx, who, id, true)
		if err != nil {
			return err
		}
		if out, err = interaction.Moderate(cur, who, publish, subject, body, now); err != nil {
			return err
		}
		return s.save(ctx, tx, who, "interaction.moderate", cur, out, now)
	})
	return out, err
}

// QuestionFilter selects questions of the console list.
type QuestionFilter struct {
	AgencyID int64
	State    interaction.State
	Channel  interaction.Channel
	Limit    int
	Offset   int
}

// List lists an agency's questions for who reading it (the asker as SeenBy shows it), the open ones by
// due day first, then the rest newest first; and their count.
func (s *Interactions) List(ctx context.Context, who account.Principal, f QuestionFilter) ([]interaction.Question, int, error) {
	var out []interaction.Question
	var total int
	err := s.inTx(ctx, func(tx *Tx) error {
		if err := requireAgencyRead(ctx, tx, who, f.AgencyID); err != nil {
			return err
		}
		conds, args := []string{`agency_id = ?`}, []any{f.AgencyID}
		if f.State != "" {
			conds, args = append(conds, `state = ?`), append(args, string(f.State))
		}
		if f.Channel != "" {
			conds, args = append(conds, `channel = ?`), append(args, string(f.Channel))
		}
		where := ` WHERE ` + strings.Join(conds, ` AND `)
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM interaction_questions`+where, args...).Scan(&total); err != nil {
			return fmt.Errorf("store: questions: %w", err)
		}
		if f.Limit <= 0 {
			f.Limit = 50
		}
		var err error
		out, err = queryQuestions(ctx, tx, `SELECT `+questionColumns+` FROM interaction_questions`+where+
			fmt.Sprintf(` ORDER BY CASE WHEN state = 'received' THEN 0 ELSE 1 END, CASE WHEN state = 'received' THEN due_on ELSE '' END, received_on DESC, id DESC LIMIT %d OFFSET %d`, f.Limit, max(f.Offset, 0)), args...)
		for i := range out {
			out[i] = out[i].SeenBy(who)
		}
		return err
	})
	return out, total, err
}

func queryQuestions(ctx context.Context, q Queryer, query string, args ...any) ([]interaction.Question, error) {
	rows, err := q.Query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: questions: %w", err)
	}
	defer rows.Close()
	var out []interaction.Question
	for rows.Next() {
		qu, err := scanQuestion(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, qu)
	}
	return out, rows.Err()
}

// PublicQuestion is a published question as the portal shows it: the moderated text and
// the answer, never the asker.
type PublicQuestion struct {
	ID          int64
	AgencyID    int64
	AgencyName  string
	Channel     interaction.Channel
	Kind        interaction.Kind
	Subject     string
	Body        string
	Answer      string
	ReceivedOn  time.Time
	AnsweredOn  time.Time
	PublishedAt time.Time
}

// Published lists published questions of a government or agency (0: any), newest first.
func (s *Interactions) Published(ctx context.Context, governmentID, agencyID int64, limit, offset int) ([]PublicQuestion, int, error) {
	conds, args := []string{`q.state = 'published'`}, []any{}
	if governmentID != 0 {
		conds, args = append(conds, `a.government_id = ?`), append(args, governmentID)
	}
	if agencyID != 0 {
		conds, args = append(conds, `q.agency_id = ?`), append(args, agencyID)
	}
	from := ` FROM interaction_questions q JOIN agencies a ON a.id = q.agency_id WHERE ` + strings.Join(conds, ` AND `)
	var total int
	if err := s.q().QueryRow(ctx, `SELECT COUNT(*)`+from, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: published questions: %w", err)
	}
	if limit <= 0 {
		limit = 20
	}
	rows, err := s.q().Query(ctx, `SELECT q.id, q.agency_id, a.name, q.channel, q.kind, q.public_subject, q.public_body, q.answer, q.received_on, q.answered_on, q.published_at`+
		from+fmt.Sprintf(` ORDER BY q.published_at DESC, q.id DESC LIMIT %d OFFSET %d`, limit, max(offset, 0)), args...)
	if err != nil {
		return nil, 0, fmt.Errorf("store: published questions: %w", err)
	}
	defer rows.Close()
	var out []PublicQuestion
	for rows.Next() {
		var p PublicQuestion
		var channel, kind, received, answered, published string
		if err := rows.Scan(&p.ID, &p.AgencyID, &p.AgencyName, &channel, &kind, &p.Subject, &p.Body, &p.Answer, &received, &answered, &published); err != nil {
			return nil, 0, err
		}
		p.Channel, p.Kind = interaction.Channel(channel), interaction.Kind(kind)
		p.ReceivedOn, p.AnsweredOn, p.PublishedAt = parseDayOrZero(received), parseDayOrZero(answered), parseTimeOrZero(published)
		out = append(out, p)
	}
	return out, total, rows.Err()
}

// countQuestions counts by year of receipt and channel (interaction.Tally's definition,
// in SQL) for an agency, or every agency of a government when agencyID is 0.
func countQuestions(ctx context.Context, q Queryer, governmentID, agencyID int64) ([]interaction.Count, error) {
	scope, args := `agency_id = ?`, []any{agencyID}
	if agencyID == 0 {
		scope, args = `agency_id IN (SELECT id FROM agencies WHERE government_id = ?)`, []any{governmentID}
	}
	rows, err := q.Query(ctx, `SELECT SUBSTR(received_on, 1, 4), channel, COUNT(*),
		SUM(CASE WHEN answered_on <> '' THEN 1 ELSE 0 END),
		SUM(CASE WHEN answered_on <> '' AND answered_on > due_on THEN 1 ELSE 0 END),
		SUM(CASE WHEN state = 'published' THEN 1 ELSE 0 END)
		FROM interaction_questions WHERE `+scope+` GROUP BY SUBSTR(received_on, 1, 4), channel`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: question counts: %w", err)
	}
	defer rows.Close()
	var out []interaction.Count
	for rows.Next() {
		var c interaction.Count
		var y, ch string
		if err := rows.Scan(&y, &ch, &c.Received, &c.Answered, &c.Late, &c.Published); err != nil {
			return nil, err
		}
		fmt.Sscanf(y, "%d", &c.Year)
		c.Channel = interaction.Channel(ch)
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return interaction.SortCounts(out), nil
}

// Counts counts an agency's questions by year and channel, for who reading the agency
// (the report's narrative, the oversight view).
func (s *Interactions) Counts(ctx context.Context, who account.Principal, agencyID int64) ([]interaction.Count, error) {
	var out []interaction.Count
	err := s.inTx(ctx, func(tx *Tx) error {
		if err := requireAgencyRead(ctx, tx, who, agencyID); err != nil {
			return err
		}
		var err error
		out, err = countQuestions(ctx, tx, 0, agencyID)
		return err
	})
	return out, err
}

// PublicCounts counts by year and channel for the portal (counts only, no question).
func (s *Interactions) PublicCounts(ctx context.Context, governmentID, agencyID int64) ([]interaction.Count, error) {
	return countQuestions(ctx, s.q(), governmentID, agencyID)
}

// questionOverdue is the condition of a question unanswered past its due day (the day
// given as the one argument): interaction.Question.Overdue in SQL.
const questionOverdue = `state = 'received' AND due_on < ?`

// Overdue counts the agency's unanswered questions past their due day on today.
func (s *Interactions) Overdue(ctx context.Context, who account.Principal, agencyID int64, today time.Time) (int, error) {
	var n int
	err := s.inTx(ctx, func(tx *Tx) error {
		if err := requireAgencyRead(ctx, tx, who, agencyID); err != nil {
			return err
		}
		return tx.QueryRow(ctx, `SELECT COUNT(*) FROM interaction_questions WHERE agency_id = ? AND `+questionOverdue,
			agencyID, FormatDay(workday.Of(today))).Scan(&n)
	})
	return n, err
}
