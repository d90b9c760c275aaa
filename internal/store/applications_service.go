package store

import (
	"context"
	"fmt"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/apperr"
	"gongkai/internal/foirequest"
	"gongkai/internal/workday"
)

// Applications is the door of 依申请公开: every use case of an application is one of its
// methods. Each opens one transaction (or joins the Tx it was obtained from), checks the
// caller's permission through foirequest's entry (CanRead, CanWrite, CanApprove,
// CanRegister), applies the domain rule (foirequest.Register, Case.Apply), writes and
// appends the audit row.
type Applications struct{ service }

// Applications is the door of 依申请公开.
func (db *DB) Applications() *Applications { return &Applications{service{db: db}} }

// Applications is the door of 依申请公开 inside this transaction (a batch).
func (tx *Tx) Applications() *Applications { return &Applications{service{tx: tx}} }

// Register registers a new application with its agency (app.AgencyID): by the public
// through the portal, or by the agency's 经办人 or 负责人 at intake. It returns the stored
// application and the plain query code, which must be shown to the applicant now.
func (s *Applications) Register(ctx context.Context, who account.Principal, app foirequest.Application, now time.Time) (Application, string, error) {
	var out Application
	var code string
	err := s.inTx(ctx, func(tx *Tx) error {
		var err error
		out, code, err = createApplication(ctx, tx, who, app, now)
		if err != nil {
			return err
		}
		return enqueueStep(ctx, tx, s.messaging(), out, now)
	})
	return out, code, err
}

// Record records one step of case id, recorded by who at now, with the files that go
// with it (a reply letter and its attachments). foirequest.Case.Apply decides: only the
// staff handling the case act (apperr.Forbidden), only its 负责人 approves an extension
// (第三十三条第二款, apperr.Forbidden), a withholding reply states its reason (第三十六条,
// apperr.Invalid); foirequest.CheckMaterial decides that a 予以公开 or 部分公开 reply asked
// for electronically carries files or names another form of delivery with its day
// (apperr.Invalid); an illegal step is apperr.Conflict. Nothing is written when it refuses.
func (s *Applications) Record(ctx context.Context, who account.Principal, id int64, e foirequest.Event, now time.Time, files ...ApplicationFile) (Application, error) {
	var out Application
	if foirequest.IsNotice(e.Type) && e.Method == foirequest.NoticeMail && e.Receipt.IsZero() && e.MailDays == 0 {
		e.MailDays = s.mailDays() // the configured mailing allowance, recorded with the step
	}
	err := s.inTx(ctx, func(tx *Tx) error {
		var err error
		out, err = recordEvent(ctx, tx, who, id, e, now, len(files))
		if err != nil {
			return err
		}
		for i := range files {
			files[i].EventSeq = len(out.Events)
			if err := addApplicationFile(ctx, tx, who, id, &files[i]); err != nil {
				return err
			}
		}
		return enqueueStep(ctx, tx, s.messaging(), out, now)
	})
	return out, err
}

// Attach adds a file to step seq of case id (0: the case itself, such as the scan of a
// paper application), for the staff handling the case.
func (s *Applications) Attach(ctx context.Context, who account.Principal, id int64, seq int, f ApplicationFile) (ApplicationFile, error) {
	err := s.inTx(ctx, func(tx *Tx) error {
		a, err := applicationByID(ctx, tx, id, true)
		if err != nil {
			return err
		}
		if err := requireReadApplication(ctx, tx, who, a); err != nil {
			return err
		}
		if !foirequest.CanWrite(who, a.AgencyID) {
			return apperr.New(apperr.Forbidden, "只有承办机关的经办人、审核人或负责人可以办理申请")
		}
		f.EventSeq = seq
		return addApplicationFile(ctx, tx, who, id, &f)
	})
	return f, err
}

// requireReadApplication refuses (apperr.NotFound) an application who may not read.
func requireReadApplication(ctx context.Context, q Queryer, who account.Principal, a Application) error {
	ag, err := AgencyByID(ctx, q, a.AgencyID)
	if err != nil {
		return err
	}
	return foirequest.RequireRead(who, ag.ID, ag.GovernmentID)
}

// forReader returns a as who may see it: the applicant masked unless who handles the case.
func forReader(who account.Principal, a Application) Application {
	if !foirequest.SeesApplicant(who, a.AgencyID) {
		a.Applicant = a.Applicant.Masked()
	}
	return a
}

// Get returns application id with its events, as who may see it (the applicant masked
// unless who handles it); apperr.NotFound when who may not read it.
func (s *Applications) Get(ctx context.Context, who account.Principal, id int64) (Application, error) {
	a, err := applicationByID(ctx, s.q(), id, false)
	if err != nil {
		return a, err
	}
	if err := requireReadApplication(ctx, s.q(), who, a); err != nil {
		return Application{}, err
	}
	return forReader(who, a), nil
}

// GetByTracking is Get by the public tracking number (typed by a user: case, spaces and
// hyphens are ignored), for staff and the command line.
func (s *Applications) GetByTracking(ctx context.Context, who account.Principal, tracking string) (Application, error) {
	a, err := applicationByTracking(ctx, s.q(), tracking)
	if err != nil {
		return a, err
	}
	if err := requireReadApplication(ctx, s.q(), who, a); err != nil {
		return Application{}, err
	}
	return forReader(who, a), nil
}

// IDByNumber is the id of the agency's application with the case number, for who
// writing the agency's records (依申请转主动).
func (s *Applications) IDByNumber(ctx context.Context, who account.Principal, agencyID int64, number string) (int64, error) {
	if !who.CanWrite(agencyID) {
		return 0, apperr.New(apperr.NotFound, "申请不存在")
	}
	return applicationIDByNumber(ctx, s.q(), agencyID, number)
}

// Folder is a case as its page shows it: the application, the replayed case, the
// deadline explained as of a day, and its files.
type Folder struct {
	Application
	Case        *foirequest.Case
	Explanation foirequest.Explanation
	Files       []ApplicationFile
	Messages    []Message // the messages to the applicant, oldest first
	Masked      bool      // the applicant is masked for this reader
}

// Open returns case id as who sees it on the day today, and marks who's reminders of the
// case read (opening a case reads its reminders).
func (s *Applications) Open(ctx context.Context, who account.Principal, id int64, today time.Time) (Folder, error) {
	a, err := s.Get(ctx, who, id)
	if err != nil {
		return Folder{}, err
	}
	f := Folder{Application: a, Masked: !foirequest.SeesApplicant(who, a.AgencyID)}
	cal, err := Calendar(ctx, s.q())
	if err != nil {
		return f, err
	}
	if f.Case, err = a.Case(cal); err != nil {
		return f, err
	}
	f.Explanation = f.Case.Explain(cal, today)
	if f.Files, err = applicationFiles(ctx, s.q(), a.ID); err != nil {
		return f, err
	}
	if f.Messages, err = messagesFor(ctx, s.q(), who, a); err != nil {
		return f, err
	}
	if who.UserID != 0 {
		if err := markCaseRemindersRead(ctx, s.q(), who.UserID, a.ID); err != nil {
			return f, err
		}
	}
	return f, nil
}

func markCaseRemindersRead(ctx context.Context, q Queryer, userID, appID int64) error {
	_, err := q.Exec(ctx, `UPDATE reminders SET read_at = ? WHERE user_id = ? AND application_id = ? AND read_at = ''`,
		FormatTime(time.Now()), userID, appID)
	return err
}

// Explain explains the deadline of case id as of the day asOf.
func (s *Applications) Explain(ctx context.Context, who account.Principal, id int64, asOf time.Time) (Application, foirequest.Explanation, error) {
	a, err := s.Get(ctx, who, id)
	if err != nil {
		return a, foirequest.Explanation{}, err
	}
	cal, err := Calendar(ctx, s.q())
	if err != nil {
		return a, foirequest.Explanation{}, err
	}
	ex, err := foirequest.Explain(a.Events, cal, asOf)
	return a, ex, err
}

// File returns a file of case appID with its bytes. Staff outside the case see what the
// applicant sees (foirequest.PublicStep): registration scans may show identity documents,
// which only the handling staff read in full.
func (s *Applications) File(ctx context.Context, who account.Principal, appID, fileID int64) (ApplicationFile, error) {
	a, err := s.Get(ctx, who, appID)
	if err != nil {
		return ApplicationFile{}, err
	}
	f, err := applicationFileByID(ctx, s.q(), fileID)
	if err != nil {
		return f, err
	}
	if f.ApplicationID != a.ID || !foirequest.SeesApplicant(who, a.AgencyID) && !PublicFile(a, f) {
		return ApplicationFile{}, apperr.New(apperr.NotFound, "文件不存在")
	}
	return f, nil
}

// PublicFile reports whether file f of application a is one the applicant receives: the
// files of a reply or of a notice sent to them (foirequest.PublicStep).
func PublicFile(a Application, f ApplicationFile) bool {
	if f.ApplicationID != a.ID || f.EventSeq < 1 || f.EventSeq > len(a.Events) {
		return false
	}
	return foirequest.PublicStep(a.Events[f.EventSeq-1].Type)
}

// readableAgencies narrows the agencies asked for (none: every agency) to those who
// reads: apperr.NotFound for one asked for and not readable. No agency at all gives
// [0], which matches nothing.
func readableAgencies(ctx context.Context, q Queryer, who account.Principal, asked []int64) ([]int64, error) {
	all, err := listAgencies(ctx, q, 0)
	if err != nil {
		return nil, err
	}
	readable := map[int64]bool{}
	var out []int64
	for _, a := range all {
		if who.CanRead(a.ID, a.GovernmentID) {
			readable[a.ID] = true
			out = append(out, a.ID)
		}
	}
	if len(asked) > 0 {
		for _, id := range asked {
			if !readable[id] {
				return nil, apperr.New(apperr.NotFound, "记录不存在或无权查看")
			}
		}
		out = asked
	}
	if len(out) == 0 {
		out = []int64{0}
	}
	return out, nil
}

// List returns one page of the applications who reads that match f (f.AgencyIDs empty:
// every agency who reads), open cases first by due day, and the number of all matches;
// each with its status (foirequest.StatusOn) and working days left as of f.Today.
func (s *Applications) List(ctx context.Context, who account.Principal, f ApplicationFilter) ([]Application, int, error) {
	ids, err := readableAgencies(ctx, s.q(), who, f.AgencyIDs)
	if err != nil {
		return nil, 0, err
	}
	f.AgencyIDs = ids
	list, total, err := listApplications(ctx, s.q(), f)
	for i := range list {
		list[i] = forReader(who, list[i])
	}
	return list, total, err
}

// CountDue counts the open, due-soon and overdue applications of the agencies who reads
// (agencyIDs empty: all of them) as of today.
func (s *Applications) CountDue(ctx context.Context, who account.Principal, agencyIDs []int64, today time.Time) (DueCounts, error) {
	ids, err := readableAgencies(ctx, s.q(), who, agencyIDs)
	if err != nil {
		return DueCounts{}, err
	}
	return countDue(ctx, s.q(), ids, today)
}

// DueSoonAndOverdue returns the running applications of one agency that are overdue or
// due within foirequest.DueSoonDays working days of today, most urgent first.
func (s *Applications) DueSoonAndOverdue(ctx context.Context, who account.Principal, agencyID int64, today time.Time) ([]Application, error) {
	if _, err := readableAgencies(ctx, s.q(), who, []int64{agencyID}); err != nil {
		return nil, err
	}
	cal, err := Calendar(ctx, s.q())
	if err != nil {
		return nil, err
	}
	return dueSoonAndOverdue(ctx, s.q(), cal, agencyID, today)
}

// ExtensionTasks are the 负责人's tasks: the open cases of the agencies who approves
// extensions for (foirequest.CanApprove) with a clerk's extension request awaiting a
// decision, the most urgent first. The decision is recorded with Record
// (foirequest.EventExtended or EventExtensionRefused) before ExtensionBy.
func (s *Applications) ExtensionTasks(ctx context.Context, who account.Principal) ([]Application, error) {
	ids, err := readableAgencies(ctx, s.q(), who, nil)
	if err != nil {
		return nil, err
	}
	var mine []int64
	for _, id := range ids {
		if foirequest.CanApprove(who, id) {
			mine = append(mine, id)
		}
	}
	if len(mine) == 0 {
		return nil, nil
	}
	args := make([]any, len(mine))
	for i, id := range mine {
		args[i] = id
	}
	rows, err := s.q().Query(ctx, `SELECT `+applicationColumns+applicationFrom+` WHERE a.agency_id IN (`+placeholders(len(mine))+
		`) AND a.extension_requested <> '' AND a.is_open = 1 ORDER BY a.extension_by, a.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: extension tasks: %w", err)
	}
	defer rows.Close()
	var out []Application
	for rows.Next() {
		a, err := scanApplication(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, forReader(who, a))
	}
	return out, rows.Err()
}

// ForPublic is the application of a tracking number and query code, for the portal. An
// unknown number and a wrong code give the same apperr.NotFound after the same work.
func (s *Applications) ForPublic(ctx context.Context, tracking, code string) (Application, error) {
	return applicationForPublic(ctx, s.q(), tracking, code)
}

// ForToken is the application of a tracking number whose TrackToken the caller holds,
// valid at now, for the portal.
func (s *Applications) ForToken(ctx context.Context, tracking, token string, now time.Time) (Application, error) {
	return applicationForToken(ctx, s.q(), tracking, token, now)
}

// PublicFiles lists the files of a the applicant receives (without their bytes), for
// the portal: a must come from ForPublic or ForToken.
func (s *Applications) PublicFiles(ctx context.Context, a Application) ([]ApplicationFile, error) {
	all, err := applicationFiles(ctx, s.q(), a.ID)
	if err != nil {
		return nil, err
	}
	var out []ApplicationFile
	for _, f := range all {
		if PublicFile(a, f) {
			out = append(out, f)
		}
	}
	return out, nil
}

// PublicFile returns a file of a (from ForToken) with its bytes when the applicant
// receives it; apperr.NotFound otherwise.
func (s *Applications) PublicFile(ctx context.Context, a Application, fileID int64) (ApplicationFile, error) {
	f, err := applicationFileByID(ctx, s.q(), fileID)
	if err != nil || !PublicFile(a, f) {
		return ApplicationFile{}, apperr.New(apperr.NotFound, "文件不存在")
	}
	return f, nil
}

func requireSystem(who account.Principal) error {
	if !who.IsSystem() {
		return apperr.New(apperr.Forbidden, "此操作只能由系统任务执行")
	}
	return nil
}

// Refresh recomputes every open application as of today (paused cases' provisional due
// day moves with each day; statuses age), for System. Changes of the due day are audited
// like a calendar change. Cases already computed today are skipped, so the reminder job
// can run it often. It returns how many due days moved.
func (s *Applications) Refresh(ctx context.Context, who account.Principal, today time.Time) (int, error) {
	if err := requireSystem(who); err != nil {
		return 0, err
	}
	n := 0
	err := s.inTx(ctx, func(tx *Tx) error {
		cal, err := Calendar(ctx, tx)
		if err != nil {
			return err
		}
		n, err = recomputeOpen(ctx, tx, who, cal, workday.Normalize(today))
		return err
	})
	return n, err
}

// Remind creates today's in-app reminders of the cases due soon or overdue, for System
// (the reminder job), and returns those it created.
func (s *Applications) Remind(ctx context.Context, who account.Principal, today time.Time) ([]NewReminder, error) {
	if err := requireSystem(who); err != nil {
		return nil, err
	}
	return createReminders(ctx, s.service, today)
}

// ReminderEmailed records, for System, that a reminder was sent by e-mail.
func (s *Applications) ReminderEmailed(ctx context.Context, who account.Principal, id int64) error {
	if err := requireSystem(who); err != nil {
		return err
	}
	return markReminderEmailed(ctx, s.q(), id)
}

// Reminders returns who's unread reminders, newest first (at most limit).
func (s *Applications) Reminders(ctx context.Context, who account.Principal, limit int) ([]Reminder, error) {
	if who.UserID == 0 {
		return nil, nil
	}
	return unreadReminders(ctx, s.q(), who.UserID, limit)
}

// ReadReminders marks who's reminders read: the given ids, or all when none are given.
func (s *Applications) ReadReminders(ctx context.Context, who account.Principal, ids ...int64) error {
	if who.UserID == 0 {
		return nil
	}
	return markRemindersRead(ctx, s.q(), who.UserID, ids...)
}
