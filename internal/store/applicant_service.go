package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"gongkai/internal/apperr"
	"gongkai/internal/catalog"
	"gongkai/internal/foirequest"
	"gongkai/internal/notify"
	"gongkai/internal/workday"
)

// The applicant's own use cases, on the portal's tracking page: the query code (through
// the short-lived token it gives, ForToken) is their key.

// Upload is a file the applicant submits.
type Upload struct {
	Name string
	Data []byte
}

// Submission is what the applicant submits on the tracking page: a step of
// foirequest.ApplicantSteps, their words and their files.
type Submission struct {
	Type  foirequest.EventType
	Text  string
	Files []Upload
}

// Limits of a submission.
const (
	MaxSubmissionFiles = 10
	MaxSubmissionText  = 5000 // characters
)

// checkUploads checks the applicant's files as every upload is checked (the content
// decides the type: PDF, OFD, Word, Excel, PNG, JPEG; the size limit of a case's files)
// and returns them named and typed for storage.
func checkUploads(ups []Upload) ([]ApplicationFile, error) {
	if len(ups) > MaxSubmissionFiles {
		return nil, apperr.Newf(apperr.Invalid, "一次最多上传%d个文件", MaxSubmissionFiles)
	}
	policy := catalog.AttachmentPolicy{MaxSize: MaxApplicationFile}
	var out []ApplicationFile
	for _, u := range ups {
		head := u.Data[:min(len(u.Data), catalog.DetectHeadSize)]
		kind, err := policy.Detect(u.Name, head, int64(len(u.Data)))
		if err != nil {
			return nil, err
		}
		out = append(out, ApplicationFile{Name: catalog.SafeAttachmentName(u.Name, kind), ContentType: kind.ContentType(), Data: u.Data})
	}
	return out, nil
}

// submissionReason is the note of the applicant's step in the case history.
func submissionReason(sub Submission) (string, error) {
	text := strings.TrimSpace(sub.Text)
	if utf8.RuneCountInString(text) > MaxSubmissionText {
		return "", apperr.Newf(apperr.Invalid, "说明过长（最多%d字）", MaxSubmissionText)
	}
	var lead string
	switch sub.Type {
	case foirequest.EventCorrected:
		if text == "" && len(sub.Files) == 0 {
			return "", apperr.New(apperr.Invalid, "请填写补正内容或上传补正材料")
		}
		lead = "申请人通过查询页面提交补正"
	case foirequest.EventFeePaid:
		if len(sub.Files) == 0 {
			return "", apperr.New(apperr.Invalid, "请上传缴费凭证（银行回单、电子缴款凭证的截图或PDF）")
		}
		lead = "申请人通过查询页面上传缴费凭证"
	case foirequest.EventWithdrawn:
		lead = "申请人通过查询页面撤回申请"
	default:
		lead = "申请人通过查询页面提交"
	}
	if text != "" {
		return lead + "：" + text, nil
	}
	return lead, nil
}

// Submit records a step the applicant takes on the tracking page of the tracking number
// whose token (Application.TrackToken) they hold: answer a 补正 (their words and files),
// confirm a payment (the receipt), or withdraw the application. The step is received that
// day (第三十一条第（三）项: foirequest.Case.ApplyByApplicant decides what the case
// allows), its files are checked as every upload is, the applicant is sent a
// confirmation, the agency's 经办人 are reminded, and the step is audited — all in one
// transaction. A wrong or expired token is apperr.NotFound.
func (s *Applications) Submit(ctx context.Context, tracking, token string, sub Submission, now time.Time) (Application, error) {
	reason, err := submissionReason(sub)
	if err != nil {
		return Application{}, err
	}
	files, err := checkUploads(sub.Files)
	if err != nil {
		return Application{}, err
	}
	who := applicantPrincipal()
	var out Application
	err = s.inTx(ctx, func(tx *Tx) error {
		found, err := applicationForToken(ctx, tx, tracking, token, now)
		if err != nil {
			return err
		}
		a, err := applicationByID(ctx, tx, found.ID, true)
		if err != nil {
			return err
		}
		e := foirequest.Event{Type: sub.Type, Reason: reason, At: now.UTC().Truncate(time.Microsecond)}
		out, err = storeStep(ctx, tx, who, a, now, func(c *foirequest.Case, cal *workday.Calendar) error {
			return c.ApplyByApplicant(e, workday.Of(now), cal)
		})
		if err != nil {
			return err
		}
		seq := len(out.Events)
		for i := range files {
			files[i].EventSeq = seq
			if err := addApplicationFile(ctx, tx, who, out.ID, &files[i]); err != nil {
				return err
			}
		}
		if err := enqueueStep(ctx, tx, s.messaging(), out, now); err != nil {
			return err
		}
		return remindSubmission(ctx, tx, out, out.Events[seq-1], now)
	})
	return out, err
}

// remindSubmission reminds the agency's 经办人 (foirequest.RemindedOfSubmission) of the
// applicant's step e: an unread reminder of the case for today, replacing one of the same
// day.
func remindSubmission(ctx context.Context, tx *Tx, a Application, e foirequest.Event, now time.Time) error {
	users, err := listUsers(ctx, tx)
	if err != nil {
		return err
	}
	message := foirequest.SubmissionText(a.Number, a.Applicant.Name, e.Type, e.Day)
	for _, u := range users {
		if !foirequest.RemindedOfSubmission(u, a.AgencyID) {
			continue
		}
		if _, err := tx.Exec(ctx, `INSERT INTO reminders (user_id, agency_id, application_id, day, kind, message, due_day, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (user_id, application_id, day) DO UPDATE SET kind = excluded.kind, message = excluded.message,
				due_day = excluded.due_day, created_at = excluded.created_at, read_at = '', emailed_at = ''`,
			u.ID, a.AgencyID, a.ID, FormatDay(e.Day), string(foirequest.StatusSubmitted), message, dayOrEmpty(a.Due), FormatTime(now)); err != nil {
			return fmt.Errorf("store: submission reminder: %w", err)
		}
	}
	return nil
}

// MaxCodeResets is how many new query codes one application is sent in a day.
const MaxCodeResets = 3

// RecoverCode sends the applicant of a tracking number a new query code when contact is
// the e-mail address or mobile number on file and the deployment sends through that
// channel: the new code replaces the old one at once and goes out through the outbox (at
// most MaxCodeResets a day). Whether or not the number exists or the contact matches,
// it returns nil, so the answer never tells; only a failure of the database is an error.
func (s *Applications) RecoverCode(ctx context.Context, tracking, contact string, now time.Time) error {
	settings := s.messaging()
	contact = strings.TrimSpace(contact)
	return s.inTx(ctx, func(tx *Tx) error {
		var id int64
		err := tx.QueryRow(ctx, `SELECT id FROM applications WHERE tracking = ?`+tx.Dialect().ForUpdate(""), NormalizeTracking(tracking)).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("store: recover code: %w", err)
		}
		a, err := applicationByID(ctx, tx, id, false)
		if err != nil {
			return err
		}
		var d notify.Draft
		switch {
		case strings.Contains(contact, "@"):
			if !settings.Email || !strings.EqualFold(contact, strings.TrimSpace(a.Applicant.Email)) {
				return nil
			}
			d = notify.Draft{Kind: notify.KindQueryCode, Channel: notify.Email, To: strings.TrimSpace(a.Applicant.Email), State: notify.Pending}
		default:
			m := notify.Mobile(contact)
			if !settings.SMS || m == "" || m != notify.Mobile(a.Applicant.Phone) {
				return nil
			}
			d = notify.Draft{Kind: notify.KindQueryCode, Channel: notify.SMS, To: m, State: notify.Pending}
		}
		var recent int
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM outbox WHERE application_id = ? AND kind = ? AND created_at > ?`,
			a.ID, string(notify.KindQueryCode), FormatTime(now.Add(-24*time.Hour))).Scan(&recent); err != nil {
			return fmt.Errorf("store: recover code: %w", err)
		}
		if recent >= MaxCodeResets {
			return nil
		}
		code := randomCode(queryCodeLen)
		if _, err := tx.Exec(ctx, `UPDATE applications SET query_hash = ? WHERE id = ?`, hashQueryCode(code), a.ID); err != nil {
			return fmt.Errorf("store: recover code: %w", err)
		}
		if err := enqueue(ctx, tx, a, 0, []notify.Draft{d}, code, now); err != nil {
			return err
		}
		_, err = Audit(ctx, tx, change(applicantPrincipal(), "application.query_code_reset", "application", a.ID, a.AgencyID, nil,
			messageView{Kind: d.Kind, Channel: d.Channel, To: maskRecipient(d.Channel, d.To), State: d.State}, "申请人通过预留联系方式找回查询码"))
		return err
	})
}

// FileByLink returns a file of the case of tracking through the download link of an
// e-mail (exp and sig from the link), valid at now, when the applicant receives the file
// (PublicFile); apperr.NotFound otherwise, the same for every wrong part.
func (s *Applications) FileByLink(ctx context.Context, tracking string, fileID int64, exp, sig string, now time.Time) (ApplicationFile, error) {
	notFoundErr := apperr.New(apperr.NotFound, "下载链接无效或已过期，请凭查询码在查询页面下载")
	key, err := serverKey(ctx, s.q(), linkKeyName)
	if err != nil {
		return ApplicationFile{}, err
	}
	tracking = NormalizeTracking(tracking)
	if !checkDownload(key, tracking, fileID, exp, sig, now) {
		return ApplicationFile{}, notFoundErr
	}
	a, err := applicationByTracking(ctx, s.q(), tracking)
	if err != nil {
		return ApplicationFile{}, notFoundErr
	}
	f, err := applicationFileByID(ctx, s.q(), fileID)
	if err != nil || !PublicFile(a, f) {
		return ApplicationFile{}, notFoundErr
	}
	return f, nil
}

// Messages lists the messages sent to the applicant of a (from ForPublic or ForToken) for
// the tracking page: what was sent, how and when; the recipient masked.
func (s *Applications) Messages(ctx context.Context, a Application) ([]Message, error) {
	list, err := applicationMessages(ctx, s.q(), a.ID)
	for i := range list {
		list[i].To = maskRecipient(list[i].Channel, list[i].To)
		list[i].LastError = ""
	}
	return list, err
}
