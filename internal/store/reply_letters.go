package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/apperr"
	"gongkai/internal/foirequest"
	"gongkai/internal/letter"
	"gongkai/internal/workday"
)

const replyLetterColumns = `id, application_id, reply, disclosed, withheld, body, handover, handover_day, author_id, author_name,
	COALESCE(approver_id, 0), approver_name, approved_at, issued_seq, updated_at`

func scanReplyLetter(sc interface{ Scan(...any) error }) (foirequest.ReplyLetter, error) {
	var l foirequest.ReplyLetter
	var reply, withheld, handover, hday, approved, updated string
	err := sc.Scan(&l.ID, &l.ApplicationID, &reply, &l.Disclosed, &withheld, &l.Body, &handover, &hday, &l.AuthorID, &l.Author,
		&l.ApproverID, &l.Approver, &approved, &l.IssuedSeq, &updated)
	if err != nil {
		return l, err
	}
	l.Reply, l.Handover = foirequest.ReplyType(reply), foirequest.Delivery(handover)
	if err := json.Unmarshal([]byte(withheld), &l.Withheld); err != nil {
		return l, fmt.Errorf("store: reply letter %d withheld: %w", l.ID, err)
	}
	if hday != "" {
		l.HandoverDay, _ = ParseDay(hday)
	}
	l.ApprovedAt, _ = ParseTime(approved)
	l.UpdatedAt, _ = ParseTime(updated)
	return l, nil
}

// draftLetter is the case's letter not yet issued (ok false when there is none).
func draftLetter(ctx context.Context, q Queryer, appID int64) (foirequest.ReplyLetter, bool, error) {
	l, err := scanReplyLetter(q.QueryRow(ctx, `SELECT `+replyLetterColumns+` FROM reply_letters WHERE application_id = ? AND issued_seq = 0 ORDER BY id DESC LIMIT 1`, appID))
	if errors.Is(err, sql.ErrNoRows) {
		return l, false, nil
	}
	if err != nil {
		return l, false, fmt.Errorf("store: reply letter of application %d: %w", appID, err)
	}
	return l, true, nil
}

// issuedLetters are the case's issued letters by the seq of their reply step.
func issuedLetters(ctx context.Context, q Queryer, appID int64) (map[int]foirequest.ReplyLetter, error) {
	rows, err := q.Query(ctx, `SELECT `+replyLetterColumns+` FROM reply_letters WHERE application_id = ? AND issued_seq > 0`, appID)
	if err != nil {
		return nil, fmt.Errorf("store: reply letters: %w", err)
	}
	defer rows.Close()
	out := map[int]foirequest.ReplyLetter{}
	for rows.Next() {
		l, err := scanReplyLetter(rows)
		if err != nil {
			return nil, err
		}
		out[l.IssuedSeq] = l
	}
	return out, rows.Err()
}

func saveReplyLetter(ctx context.Context, tx *Tx, l *foirequest.ReplyLetter, now time.Time) error {
	withheld, err := json.Marshal(l.Withheld)
	if err != nil {
		return err
	}
	if l.Withheld == nil {
		withheld = []byte("[]")
	}
	at := FormatTime(now)
	approved := ""
	if !l.ApprovedAt.IsZero() {
		approved = FormatTime(l.ApprovedAt)
	}
	if l.ID == 0 {
		l.ID, err = Insert(ctx, tx, `INSERT INTO reply_letters (application_id, reply, disclosed, withheld, body, handover, handover_day, author_id, author_name,
			approver_id, approver_name, approved_at, issued_seq, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			l.ApplicationID, string(l.Reply), l.Disclosed, string(withheld), l.Body, string(l.Handover), dayOrEmpty(l.HandoverDay), l.AuthorID, l.Author,
			nullInt(l.ApproverID), l.Approver, approved, l.IssuedSeq, at, at)
	} else {
		_, err = tx.Exec(ctx, `UPDATE reply_letters SET reply = ?, disclosed = ?, withheld = ?, body = ?, handover = ?, handover_day = ?, author_id = ?, author_name = ?,
			approver_id = ?, approver_name = ?, approved_at = ?, issued_seq = ?, updated_at = ? WHERE id = ?`,
			string(l.Reply), l.Disclosed, string(withheld), l.Body, string(l.Handover), dayOrEmpty(l.HandoverDay), l.AuthorID, l.Author,
			nullInt(l.ApproverID), l.Approver, approved, l.IssuedSeq, at, l.ID)
	}
	if err != nil {
		return fmt.Errorf("store: save reply letter: %w", err)
	}
	l.UpdatedAt = now
	return nil
}

// letterFiles lists the files of a letter (without their bytes).
func letterFiles(ctx context.Context, q Queryer, appID, letterID int64) ([]ApplicationFile, error) {
	all, err := applicationFiles(ctx, q, appID)
	if err != nil {
		return nil, err
	}
	rows, err := q.Query(ctx, `SELECT id FROM application_files WHERE letter_id = ?`, letterID)
	if err != nil {
		return nil, fmt.Errorf("store: letter files: %w", err)
	}
	defer rows.Close()
	mine := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		mine[id] = true
	}
	var out []ApplicationFile
	for _, f := range all {
		if mine[f.ID] {
			out = append(out, f)
		}
	}
	return out, rows.Err()
}

// ReplyReview reports whether the agency requires its reply letters to be approved by a
// 审核人 or 负责人 other than their author (on unless the agency turned it off).
func replyReview(ctx context.Context, q Queryer, agencyID int64) (bool, error) {
	var on int
	if err := q.QueryRow(ctx, `SELECT reply_review FROM agencies WHERE id = ?`, agencyID).Scan(&on); err != nil {
		return false, fmt.Errorf("store: agency %d reply review: %w", agencyID, err)
	}
	return on != 0, nil
}

// letterView is a letter as the audit log records it.
type letterView struct {
	Reply      foirequest.ReplyType  `json:"reply"`
	Disclosed  string                `json:"disclosed,omitempty"`
	Withheld   []foirequest.Withheld `json:"withheld,omitempty"`
	Body       string                `json:"body,omitempty"`
	Handover   foirequest.Delivery   `json:"handover,omitempty"`
	Files      int                   `json:"files"`
	Author     string                `json:"author,omitempty"`
	ApprovedBy string                `json:"approved_by,omitempty"`
}

func letterViewOf(l foirequest.ReplyLetter, files int) letterView {
	return letterView{Reply: l.Reply, Disclosed: l.Disclosed, Withheld: l.Withheld, Body: l.Body, Handover: l.Handover, Files: files, Author: l.Author, ApprovedBy: l.Approver}
}

// ReplyDraft is a case's reply letter as the console shows it.
type ReplyDraft struct {
	Application Application
	Letter      foirequest.ReplyLetter
	Exists      bool // a draft was saved
	Files       []ApplicationFile
	Review      bool // the agency requires approval
}

// savedDraft is the case (locked, handled by who) and its reply letter in draft, which
// must exist: what approving and issuing start from.
func savedDraft(ctx context.Context, tx *Tx, who account.Principal, appID int64) (Application, foirequest.ReplyLetter, error) {
	a, err := draftContext(ctx, tx, who, appID, true)
	if err != nil {
		return a, foirequest.ReplyLetter{}, err
	}
	l, exists, err := draftLetter(ctx, tx, appID)
	if err != nil {
		return a, l, err
	}
	if !exists {
		return a, l, apperr.New(apperr.Conflict, "尚未起草答复书")
	}
	return a, l, nil
}

// draftContext loads and checks what every letter door needs: the case (locked when
// writing), who may read it and handle it, and the case allowing a reply.
func draftContext(ctx context.Context, q Queryer, who account.Principal, appID int64, lock bool) (Application, error) {
	a, err := applicationByID(ctx, q, appID, lock)
	if err != nil {
		return a, err
	}
	if err := requireReadApplication(ctx, q, who, a); err != nil {
		return Application{}, err
	}
	if !foirequest.CanWrite(who, a.AgencyID) {
		return Application{}, apperr.New(apperr.Forbidden, "只有承办机关的经办人、审核人或负责人可以办理申请")
	}
	return a, nil
}

// Draft returns the case's reply letter in the making for who handles the case (an empty
// one, Exists false, when none was saved).
func (s *Letters) Draft(ctx context.Context, who account.Principal, appID int64) (ReplyDraft, error) {
	var out ReplyDraft
	a, err := draftContext(ctx, s.q(), who, appID, false)
	if err != nil {
		return out, err
	}
	out.Application = a
	if out.Review, err = replyReview(ctx, s.q(), a.AgencyID); err != nil {
		return out, err
	}
	if out.Letter, out.Exists, err = draftLetter(ctx, s.q(), appID); err != nil || !out.Exists {
		return out, err
	}
	out.Files, err = letterFiles(ctx, s.q(), appID, out.Letter.ID)
	return out, err
}

// SaveDraft saves the case's reply letter written by who, with files added to it. The
// text starts from the template's wording (letter.DraftReply) when l.Body is empty.
// Changing a letter someone approved withdraws the approval. The case must allow a
// reply now (apperr.Conflict); foirequest.ReplyLetter.CheckDraft decides the rest.
func (s *Letters) SaveDraft(ctx context.Context, who account.Principal, appID int64, l foirequest.ReplyLetter, now time.Time, files ...ApplicationFile) (ReplyDraft, error) {
	var out ReplyDraft
	err := s.inTx(ctx, func(tx *Tx) error {
		a, err := draftContext(ctx, tx, who, appID, true)
		if err != nil {
			return err
		}
		cal, err := Calendar(ctx, tx)
		if err != nil {
			return err
		}
		c, err := a.Case(cal)
		if err != nil {
			return err
		}
		if !allows(c, foirequest.EventReplied) {
			return apperr.Newf(apperr.Conflict, "申请当前状态为“%s”，不能起草答复书", c.State.Label())
		}
		if err := l.CheckDraft(); err != nil {
			return err
		}
		old, exists, err := draftLetter(ctx, tx, appID)
		if err != nil {
			return err
		}
		before := any(nil)
		if exists {
			before = letterViewOf(old, 0)
			l.ID = old.ID
		}
		l.ApplicationID = appID
		l.AuthorID, l.Author = who.UserID, who.Name
		if l.Body == "" {
			ag, err := sender(ctx, tx, a.AgencyID)
			if err != nil {
				return err
			}
			paras, err := letter.DraftReply(letter.Base(a.Application, ag), l)
			if err != nil {
				return err
			}
			l.Body = joinParagraphs(paras)
		}
		// Any change (even adding a file) needs a new approval.
		l.ApproverID, l.Approver, l.ApprovedAt = 0, "", time.Time{}
		if err := saveReplyLetter(ctx, tx, &l, now.UTC().Truncate(time.Microsecond)); err != nil {
			return err
		}
		for i := range files {
			files[i].EventSeq = 0
			if err := addApplicationFile(ctx, tx, who, appID, &files[i]); err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, `UPDATE application_files SET letter_id = ? WHERE id = ?`, l.ID, files[i].ID); err != nil {
				return err
			}
		}
		fs, err := letterFiles(ctx, tx, appID, l.ID)
		if err != nil {
			return err
		}
		if _, err := Audit(ctx, tx, change(who, "application.letter_drafted", "application", appID, a.AgencyID, before, letterViewOf(l, len(fs)), "")); err != nil {
			return err
		}
		review, err := replyReview(ctx, tx, a.AgencyID)
		out = ReplyDraft{Application: a, Letter: l, Exists: true, Files: fs, Review: review}
		return err
	})
	return out, err
}

// Approve records that who — a 审核人 or 负责人 of the agency other than the letter's
// author (foirequest.CanApproveLetter) — approved the case's reply letter as it stands.
func (s *Letters) Approve(ctx context.Context, who account.Principal, appID int64, now time.Time) (ReplyDraft, error) {
	var out ReplyDraft
	err := s.inTx(ctx, func(tx *Tx) error {
		a, l, err := savedDraft(ctx, tx, who, appID)
		if err != nil {
			return err
		}
		if err := foirequest.CanApproveLetter(who, a.AgencyID, l.AuthorID); err != nil {
			return err
		}
		if l.Approved() {
			return apperr.Newf(apperr.Conflict, "答复书已由%s审核", l.Approver)
		}
		l.ApproverID, l.Approver, l.ApprovedAt = who.UserID, who.Name, now.UTC().Truncate(time.Microsecond)
		if err := saveReplyLetter(ctx, tx, &l, l.ApprovedAt); err != nil {
			return err
		}
		fs, err := letterFiles(ctx, tx, appID, l.ID)
		if err != nil {
			return err
		}
		if _, err := Audit(ctx, tx, change(who, "application.letter_approved", "application", appID, a.AgencyID, nil, letterViewOf(l, len(fs)), "")); err != nil {
			return err
		}
		out = ReplyDraft{Application: a, Letter: l, Exists: true, Files: fs, Review: true}
		return nil
	})
	return out, err
}

// Issue sends the case's reply letter out on day: it records the reply step (through
// foirequest's rules, with the letter's files as its material: CheckMaterial), moves the
// files to the step, and writes the message to the applicant. Where the agency requires
// review the letter must have been approved (apperr.Conflict).
func (s *Letters) Issue(ctx context.Context, who account.Principal, appID int64, day, now time.Time) (Application, error) {
	var out Application
	err := s.inTx(ctx, func(tx *Tx) error {
		a, l, err := savedDraft(ctx, tx, who, appID)
		if err != nil {
			return err
		}
		review, err := replyReview(ctx, tx, a.AgencyID)
		if err != nil {
			return err
		}
		if err := l.CheckIssue(review); err != nil {
			return err
		}
		fs, err := letterFiles(ctx, tx, appID, l.ID)
		if err != nil {
			return err
		}
		if out, err = recordStep(ctx, tx, who, a, l.Event(day), now, len(fs), true); err != nil {
			return err
		}
		seq := len(out.Events)
		if _, err := tx.Exec(ctx, `UPDATE application_files SET event_seq = ? WHERE letter_id = ?`, seq, l.ID); err != nil {
			return fmt.Errorf("store: move letter files: %w", err)
		}
		l.IssuedSeq = seq
		if err := saveReplyLetter(ctx, tx, &l, now.UTC().Truncate(time.Microsecond)); err != nil {
			return err
		}
		return enqueueStep(ctx, tx, s.messaging(), out, now)
	})
	return out, err
}

func joinParagraphs(ps []string) string {
	out := ""
	for i, p := range ps {
		if i > 0 {
			out += "\n\n"
		}
		out += p
	}
	return out
}

// allows reports whether the case's state allows a step of type t now.
func allows(c *foirequest.Case, t foirequest.EventType) bool {
	for _, x := range c.Allowed() {
		if x == t {
			return true
		}
	}
	return false
}

// ReplyReview reports whether the agency requires its reply letters to be approved by a
// 审核人 or 负责人 other than their author (on by default), for anyone who reads it.
func (s *Agencies) ReplyReview(ctx context.Context, agencyID int64) (bool, error) {
	return replyReview(ctx, s.q(), agencyID)
}

// SetReplyReview turns the agency's review of reply letters on or off, for who
// administers the agency (Administered); audited.
func (s *Agencies) SetReplyReview(ctx context.Context, who account.Principal, agencyID int64, on bool) error {
	return s.inTx(ctx, func(tx *Tx) error {
		if _, err := tx.Agencies().Administered(ctx, who, agencyID); err != nil {
			return err
		}
		was, err := replyReview(ctx, tx, agencyID)
		if err != nil {
			return err
		}
		if was == on {
			return nil
		}
		if _, err := tx.Exec(ctx, `UPDATE agencies SET reply_review = ? WHERE id = ?`, boolInt(on), agencyID); err != nil {
			return fmt.Errorf("store: set reply review: %w", err)
		}
		type setting struct {
			ReplyReview bool `json:"reply_review"`
		}
		_, err = Audit(ctx, tx, change(who, "agency.reply_review", "agency", agencyID, agencyID, setting{was}, setting{on}, ""))
		return err
	})
}

// AwaitingLetter is a reply letter waiting for approval with its case (due day and status
// as of the day asked).
type AwaitingLetter struct {
	Application Application
	Letter      foirequest.ReplyLetter
}

// lettersAwaiting lists the agency's reply letters not issued and not approved, of its
// open cases (a case's latest draft only), each case's status and working days left as of
// today; the most urgent first (the earliest due day; cases without one last).
func lettersAwaiting(ctx context.Context, q Queryer, cal *workday.Calendar, agencyID int64, today time.Time) ([]AwaitingLetter, error) {
	rows, err := q.Query(ctx, `SELECT `+replyLetterColumns+` FROM reply_letters WHERE issued_seq = 0
		AND application_id IN (SELECT id FROM applications WHERE agency_id = ? AND is_open = 1) ORDER BY id`, agencyID)
	if err != nil {
		return nil, fmt.Errorf("store: letters awaiting approval: %w", err)
	}
	latest := map[int64]foirequest.ReplyLetter{}
	var order []int64
	for rows.Next() {
		l, err := scanReplyLetter(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		if _, ok := latest[l.ApplicationID]; !ok {
			order = append(order, l.ApplicationID)
		}
		latest[l.ApplicationID] = l
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var out []AwaitingLetter
	for _, id := range order {
		l := latest[id]
		if l.Approved() {
			continue
		}
		a, err := scanApplication(q.QueryRow(ctx, `SELECT `+applicationColumns+applicationFrom+` WHERE a.id = ?`, id))
		if err != nil {
			return nil, fmt.Errorf("store: application %d of a letter: %w", id, err)
		}
		a.statusOn(cal, today)
		out = append(out, AwaitingLetter{Application: a, Letter: l})
	}
	sort.SliceStable(out, func(i, j int) bool {
		di, dj := out[i].Application.Due, out[j].Application.Due
		if di.IsZero() != dj.IsZero() {
			return dj.IsZero()
		}
		return di.Before(dj)
	})
	return out, nil
}

// AwaitingApproval lists the reply letters of who's agency waiting for who's approval as
// of today (foirequest.AwaitsApprovalBy: a 审核人 or 负责人 of the agency, never for the
// letters they wrote), the most urgent first: the console home, the list of letters to
// approve. Anyone else gets none.
func (s *Letters) AwaitingApproval(ctx context.Context, who account.Principal, today time.Time) ([]AwaitingLetter, error) {
	if !who.Holds(who.AgencyID, account.Reviewer) && !who.Holds(who.AgencyID, account.Head) {
		return nil, nil
	}
	cal, err := Calendar(ctx, s.q())
	if err != nil {
		return nil, err
	}
	all, err := lettersAwaiting(ctx, s.q(), cal, who.AgencyID, workday.Normalize(today))
	if err != nil {
		return nil, err
	}
	var out []AwaitingLetter
	for _, w := range all {
		if foirequest.AwaitsApprovalBy(who, w.Application.AgencyID, w.Letter) {
			w.Application = forReader(who, w.Application)
			out = append(out, w)
		}
	}
	return out, nil
}
