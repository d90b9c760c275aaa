package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/agency"
	"gongkai/internal/apperr"
	"gongkai/internal/foirequest"
	"gongkai/internal/workday"
)

// Application is a 政府信息公开申请 as the store keeps it: the domain application (with its
// event log when loaded by id or tracking number), the public tracking number, and the
// state, due day and status denormalised from the events for fast lists.
type Application struct {
	foirequest.Application
	AgencyName string
	Tracking   string // public tracking number (查询号), 12 characters of TrackingAlphabet
	State      foirequest.State
	Due        time.Time            // zero while waiting for a correction
	WaitDue    time.Time            // last day of the open waiting state's own period (zero when none)
	WaitKind   foirequest.EventType // the waiting state's notice: correction, consultation or fee
	// A clerk's extension request awaiting the 负责人: the day asked, the day to decide by.
	ExtensionRequested, ExtensionBy time.Time
	Status                          foirequest.Status
	AsOf                            time.Time // the day Due and Status were computed (paused cases' due moves daily)
	Left                            int       // lists: working days after the list's day up to Due (negative when overdue)
	Closed                          time.Time
	Outcome                         foirequest.ReplyType
	CreatedAt                       time.Time
	UpdatedAt                       time.Time
	// Recorders are the names of the users who recorded Events, index for index
	// ("" for the applicant or the system).
	Recorders []string

	queryHash string
}

// Running reports whether the reply period is running (registered or in progress): only
// those cases can become due soon or overdue.
func (a Application) Running() bool { return a.State.Running() }

// ClockRuns reports whether the listed case's reply period is running as of the list's
// day: registered or in progress, or a consultation whose party's period is over.
func (a Application) ClockRuns() bool {
	switch a.Status {
	case foirequest.StatusOverdue, foirequest.StatusDueSoon, foirequest.StatusOnTrack:
		return true
	}
	return false
}

// WaitLabel names the open waiting state's own period ("" when the case does not wait).
func (a Application) WaitLabel() string { return foirequest.WaitLabel(a.WaitKind) }

func running(s foirequest.State) bool { return s.Running() }

// CheckQueryCode reports whether code is the application's query code (查询码).
func (a Application) CheckQueryCode(code string) bool {
	if a.queryHash == "" {
		return false
	}
	h := hashQueryCode(code)
	return subtle.ConstantTimeCompare([]byte(h), []byte(a.queryHash)) == 1
}

// TrackingAlphabet is the alphabet of tracking numbers and query codes: no 0/O, 1/I/L.
const TrackingAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

const (
	trackingLen  = 12 // 31^12 ≈ 2^59
	queryCodeLen = 8  // 31^8 ≈ 2^40, and the portal rate-limits guesses
)

func randomCode(n int) string {
	out := make([]byte, 0, n)
	buf := make([]byte, 2*n)
	limit := byte(256 - 256%len(TrackingAlphabet)) // rejection sampling: no modulo bias
	for len(out) < n {
		if _, err := rand.Read(buf); err != nil {
			panic("crypto/rand failed: " + err.Error())
		}
		for _, b := range buf {
			if b < limit && len(out) < n {
				out = append(out, TrackingAlphabet[int(b)%len(TrackingAlphabet)])
			}
		}
	}
	return string(out)
}

// NormalizeTracking turns what a user typed into a tracking number or query code:
// upper case, without spaces and hyphens.
func NormalizeTracking(s string) string {
	s = strings.ToUpper(s)
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' || r == '\t' || r == '　' {
			return -1
		}
		return r
	}, s)
}

func hashQueryCode(code string) string {
	sum := sha256.Sum256([]byte("gongkai-query-code:" + NormalizeTracking(code)))
	return hex.EncodeToString(sum[:])
}

// CaseNumberPrefix is the prefix of an agency's case numbers: its short name without the
// level and the kind (区卫健局 → 卫健), followed by 依申.
func CaseNumberPrefix(a agency.Agency) string {
	s := strings.TrimSpace(a.ShortName)
	if s == "" {
		s = a.Name
	}
	for _, p := range []string{"区", "市", "县", "省"} {
		if r := strings.TrimPrefix(s, p); r != "" {
			s = r
			break
		}
	}
	for _, p := range []string{"局", "办", "委", "厅", "室"} {
		if r := strings.TrimSuffix(s, p); r != "" && r != s {
			s = r
			break
		}
	}
	return s + "依申"
}

// CaseNumber formats a case number: 卫健依申〔2026〕第15号.
func CaseNumber(prefix string, year, seq int) string {
	return fmt.Sprintf("%s〔%d〕第%d号", prefix, year, seq)
}

// dedupKey identifies one submission: the same agency, applicant, description and day of
// receipt is the same application.
func dedupKey(a foirequest.Application) string {
	desc := strings.Join(strings.Fields(a.Description), " ")
	id := a.Applicant.IDNumber
	if a.Applicant.Kind.IsOrganization() {
		id = a.Applicant.CreditCode
	}
	sum := sha256.Sum256([]byte(strings.Join([]string{
		fmt.Sprint(a.AgencyID), string(a.Applicant.Kind), a.Applicant.Name, id, FormatDay(a.Received), desc,
	}, "\x1f")))
	return hex.EncodeToString(sum[:])
}

// applicationView is what the audit log records of an application: the applicant masked.
type applicationView struct {
	ID          int64                `json:"id"`
	Number      string               `json:"number"`
	Applicant   foirequest.Applicant `json:"applicant"`
	Channel     foirequest.Channel   `json:"channel"`
	Received    string               `json:"received"`
	Description string               `json:"description"`
	Delivery    foirequest.Delivery  `json:"delivery"`
	State       foirequest.State     `json:"state"`
	Due         string               `json:"due"`
	Status      foirequest.Status    `json:"status"`
}

func (a Application) view() applicationView {
	return applicationView{
		ID: a.ID, Number: a.Number, Applicant: a.Applicant.Masked(), Channel: a.Intake.Channel,
		Received: FormatDay(a.Received), Description: a.Description, Delivery: a.Delivery,
		State: a.State, Due: dayOrEmpty(a.Due), Status: a.Status,
	}
}

// caseView is what the audit log records of an event: the case before and after.
type caseView struct {
	State  foirequest.State  `json:"state"`
	Due    string            `json:"due"`
	Status foirequest.Status `json:"status"`
	Event  *foirequest.Event `json:"event,omitempty"`
}

// createApplication registers a new application: it validates it (foirequest.Register,
// with today = the China day of now), refuses a duplicate submission (same agency,
// applicant, description and day of receipt), assigns the agency's case number for the
// year of receipt, a random tracking number and query code, stores the registration
// event and audits it. It returns the stored application and the plain query code, which
// is not kept (only its hash) and must be shown to the applicant now.
//
// who.UserID is recorded as the registering staff member (0 for the portal: Public).
func createApplication(ctx context.Context, tx *Tx, who account.Principal, app foirequest.Application, now time.Time) (Application, string, error) {
	ag, err := AgencyByID(ctx, tx, app.AgencyID)
	if err != nil {
		return Application{}, "", err
	}
	if !foirequest.CanRegister(who, ag.ID) {
		return Application{}, "", apperr.New(apperr.Forbidden, "只有本机关的经办人或负责人可以登记申请")
	}
	reg, err := foirequest.Register(app, workday.Of(now), who.UserID, now)
	if err != nil {
		return Application{}, "", err
	}
	reg.AgencyID = ag.ID
	key := dedupKey(reg)
	var dupNumber string
	err = tx.QueryRow(ctx, `SELECT number FROM applications WHERE dedup_key = ?`, key).Scan(&dupNumber)
	if err == nil {
		return Application{}, "", duplicateError(dupNumber, reg.Received)
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return Application{}, "", fmt.Errorf("store: application dedup: %w", err)
	}
	cal, err := Calendar(ctx, tx)
	if err != nil {
		return Application{}, "", err
	}
	c, err := reg.Case(cal)
	if err != nil {
		return Application{}, "", err
	}
	year := reg.Received.Year()
	var seq int
	if err := tx.QueryRow(ctx, `INSERT INTO application_counters (agency_id, year, last_seq) VALUES (?, ?, 1)
		ON CONFLICT (agency_id, year) DO UPDATE SET last_seq = application_counters.last_seq + 1
		RETURNING last_seq`, ag.ID, year).Scan(&seq); err != nil {
		return Application{}, "", fmt.Errorf("store: application number: %w", err)
	}
	reg.Number = CaseNumber(CaseNumberPrefix(ag), year, seq)
	code := randomCode(queryCodeLen)
	out := Application{Application: reg, AgencyName: ag.Name, Tracking: randomCode(trackingLen), queryHash: hashQueryCode(code),
		CreatedAt: now.UTC().Truncate(time.Microsecond), UpdatedAt: now.UTC().Truncate(time.Microsecond)}
	out.derive(c, cal, workday.Of(now))
	ap := reg.Applicant
	in := reg.Intake
	id, err := Insert(ctx, tx, `INSERT INTO applications (agency_id, year, seq, number, tracking, query_hash, dedup_key,
		applicant_kind, applicant_name, id_type, id_number, credit_code, contact_person, phone, address, post_code, email,
		channel, submitted, signed_for, confirmed, arrived, received, description, delivery,
		state, is_open, running, due_day, status, as_of, closed_day, outcome, created_by, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		ag.ID, year, seq, reg.Number, out.Tracking, out.queryHash, key,
		string(ap.Kind), ap.Name, string(ap.IDType), ap.IDNumber, ap.CreditCode, ap.ContactPerson, ap.Phone, ap.Address, ap.PostCode, ap.Email,
		string(in.Channel), dayOrEmpty(in.Submitted), dayOrEmpty(in.SignedFor), dayOrEmpty(in.Confirmed), dayOrEmpty(in.Arrived), FormatDay(reg.Received), reg.Description, string(reg.Delivery),
		string(out.State), boolInt(!out.State.Closed()), boolInt(running(out.State)), dayOrEmpty(out.Due), string(out.Status), FormatDay(out.AsOf),
		dayOrEmpty(out.Closed), string(out.Outcome), nullInt(who.UserID), FormatTime(out.CreatedAt), FormatTime(out.UpdatedAt))
	if err != nil {
		if IsUniqueViolation(err) {
			// The duplicate was checked above; a unique violation here is the same
			// submission registered concurrently (the case number and tracking number
			// cannot collide: the counter is locked, the tracking number has 59 bits).
			return Application{}, "", apperr.Wrap(apperr.Conflict, duplicateMessage("", reg.Received), err)
		}
		return Application{}, "", fmt.Errorf("store: create application: %w", err)
	}
	out.ID = id
	if err := insertEvent(ctx, tx, who, id, 1, reg.Events[0]); err != nil {
		return Application{}, "", err
	}
	out.Recorders = []string{recorderName(who)}
	if _, err := Audit(ctx, tx, change(who, "application.create", "application", id, ag.ID, nil, out.view(), reg.Events[0].Reason)); err != nil {
		return Application{}, "", err
	}
	return out, code, nil
}

func duplicateError(number string, received time.Time) error {
	return apperr.New(apperr.Conflict, duplicateMessage(number, received))
}

func duplicateMessage(number string, received time.Time) string {
	if number == "" {
		return fmt.Sprintf("同一申请人于%s提交的相同内容的申请已经登记，请勿重复提交", workday.FormatChinese(received))
	}
	return fmt.Sprintf("同一申请人于%s提交的相同内容的申请已经登记（%s），请勿重复提交", workday.FormatChinese(received), number)
}

// recorderName is the name recorded with a step: the staff member's, 申请人 for the
// applicant (an online application, a step on the tracking page), "" for the system.
func recorderName(who account.Principal) string {
	if who.UserID == 0 {
		if who.IsPublic() {
			return recorderApplicant
		}
		return ""
	}
	return who.Name
}

func insertEvent(ctx context.Context, tx *Tx, who account.Principal, appID int64, seq int, e foirequest.Event) error {
	data, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("store: event json: %w", err)
	}
	at := e.At
	if at.IsZero() {
		at = time.Now()
	}
	if _, err := tx.Exec(ctx, `INSERT INTO application_events (application_id, seq, type, day, at, user_id, user_name, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		appID, seq, string(e.Type), FormatDay(e.Day), FormatTime(at), nullInt(e.UserID), recorderName(who), string(data)); err != nil {
		if IsUniqueViolation(err) {
			return apperr.Wrap(apperr.Conflict, "该申请刚刚被他人更新，请刷新后重试", err)
		}
		return fmt.Errorf("store: insert event: %w", err)
	}
	return nil
}

// derive fills the denormalised fields from the replayed case as of the given day.
func (a *Application) derive(c *foirequest.Case, cal *workday.Calendar, asOf time.Time) {
	a.State = c.State
	a.Due, a.Status = c.Due(cal, asOf)
	a.AsOf = asOf
	a.WaitDue, a.WaitKind = time.Time{}, ""
	if w := c.Waiting(cal); w != nil {
		a.WaitDue, a.WaitKind = w.End, w.Kind
	}
	a.ExtensionRequested, a.ExtensionBy = time.Time{}, time.Time{}
	if r := c.ExtensionRequest; r != nil && !c.State.Closed() {
		a.ExtensionRequested, a.ExtensionBy = r.Day, r.By
	}
	a.Closed, a.Outcome = time.Time{}, ""
	if c.State.Closed() {
		a.Closed, a.Outcome = c.Closed, c.Outcome
	}
}

// recordEvent records one step of a case: it replays the stored events, applies the new
// one as who (foirequest.Case.Apply: who may act, the extension's approver, the
// withholding reason; an illegal transition is apperr.Conflict, bad data apperr.Invalid,
// and then nothing is written), stores it, recomputes the due day and status and audits
// the change with who and why. e.At is set to now; a day after today is refused. A case
// of an agency who may not read is apperr.NotFound.
func recordEvent(ctx context.Context, tx *Tx, who account.Principal, id int64, e foirequest.Event, now time.Time, files int) (Application, error) {
	a, err := applicationByID(ctx, tx, id, true)
	if err != nil {
		return Application{}, err
	}
	if err := requireReadApplication(ctx, tx, who, a); err != nil {
		return Application{}, err
	}
	return recordStep(ctx, tx, who, a, e, now, files, false)
}

// recordStep records step e of case a (loaded, locked and readable by who) with files
// files attached to it. A reply recorded directly (viaLetter false) carries no letter of
// its own and is refused where the agency requires reply letters to be reviewed
// (foirequest.ErrReviewRequired): those go out through Letters.Issue.
func recordStep(ctx context.Context, tx *Tx, who account.Principal, a Application, e foirequest.Event, now time.Time, files int, viaLetter bool) (Application, error) {
	e.At = now.UTC().Truncate(time.Microsecond)
	if e.Type == foirequest.EventFeeNotified && e.FeeMethod == foirequest.FeeMethodPiece {
		// 按件: the count comes from the records, never from the form.
		var err error
		if e.Piece, err = monthlyPiece(ctx, tx, a); err != nil {
			return Application{}, err
		}
	}
	if !viaLetter {
		e.Letter, e.DraftedBy, e.ReviewedBy = nil, "", ""
	}
	return storeStep(ctx, tx, who, a, now, func(c *foirequest.Case, cal *workday.Calendar) error {
		if err := c.Apply(who, e, cal); err != nil {
			return err
		}
		if err := foirequest.CheckMaterial(a.Delivery, c.Events[len(c.Events)-1], files); err != nil {
			return err
		}
		if e.Type == foirequest.EventReplied && !viaLetter {
			review, err := replyReview(ctx, tx, a.AgencyID)
			if err != nil {
				return err
			}
			if review {
				return foirequest.ErrReviewRequired
			}
		}
		return nil
	})
}

// storeStep replays case a (loaded and locked by the caller), lets apply add one step to
// it (foirequest's rule decides), stores the step, recomputes the due day and status as of
// now and audits the change with who and why.
func storeStep(ctx context.Context, tx *Tx, who account.Principal, a Application, now time.Time, apply func(*foirequest.Case, *workday.Calendar) error) (Application, error) {
	cal, err := Calendar(ctx, tx)
	if err != nil {
		return Application{}, err
	}
	c, err := a.Case(cal)
	if err != nil {
		return Application{}, fmt.Errorf("store: application %d: %w", a.ID, err)
	}
	if err := apply(c, cal); err != nil {
		return Application{}, err
	}
	before := caseView{State: a.State, Due: dayOrEmpty(a.Due), Status: a.Status}
	stored := c.Events[len(c.Events)-1]
	if err := insertEvent(ctx, tx, who, a.ID, len(c.Events), stored); err != nil {
		return Application{}, err
	}
	a.Events = c.Events
	a.Recorders = append(a.Recorders, recorderName(who))
	a.derive(c, cal, workday.Of(now))
	a.UpdatedAt = stored.At
	if a.UpdatedAt.IsZero() {
		a.UpdatedAt = now.UTC().Truncate(time.Microsecond)
	}
	if err := updateDerived(ctx, tx, a); err != nil {
		return Application{}, err
	}
	after := caseView{State: a.State, Due: dayOrEmpty(a.Due), Status: a.Status, Event: &stored}
	if _, err := Audit(ctx, tx, change(who, "application."+string(stored.Type), "application", a.ID, a.AgencyID, before, after, stored.Reason)); err != nil {
		return Application{}, err
	}
	return a, nil
}

func updateDerived(ctx context.Context, q Queryer, a Application) error {
	_, err := q.Exec(ctx, `UPDATE applications SET state = ?, is_open = ?, running = ?, due_day = ?, status = ?, as_of = ?, closed_day = ?, outcome = ?, updated_at = ?, wait_due = ?, wait_kind = ?, extension_requested = ?, extension_by = ? WHERE id = ?`,
		string(a.State), boolInt(!a.State.Closed()), boolInt(running(a.State)), dayOrEmpty(a.Due), string(a.Status), FormatDay(a.AsOf),
		dayOrEmpty(a.Closed), string(a.Outcome), FormatTime(a.UpdatedAt), dayOrEmpty(a.WaitDue), string(a.WaitKind), dayOrEmpty(a.ExtensionRequested), dayOrEmpty(a.ExtensionBy), a.ID)
	if err != nil {
		return fmt.Errorf("store: update application %d: %w", a.ID, err)
	}
	return nil
}

const applicationColumns = `a.id, a.agency_id, g.name, a.number, a.tracking, a.query_hash,
	a.applicant_kind, a.applicant_name, a.id_type, a.id_number, a.credit_code, a.contact_person, a.phone, a.address, a.post_code, a.email,
	a.channel, a.submitted, a.signed_for, a.confirmed, a.received, a.description, a.delivery,
	a.state, a.due_day, a.status, a.as_of, a.closed_day, a.outcome, a.created_at, a.updated_at, a.wait_due, a.wait_kind, a.arrived, a.extension_requested, a.extension_by`

const applicationFrom = ` FROM applications a JOIN agencies g ON g.id = a.agency_id`

func scanApplication(sc interface{ Scan(...any) error }) (Application, error) {
	var a Application
	var kind, idType, channel, submitted, signed, confirmed, received, delivery, state, due, status, asOf, closed, outcome, created, updated, waitDue, waitKind, arrived, extReq, extBy string
	ap := &a.Applicant
	err := sc.Scan(&a.ID, &a.AgencyID, &a.AgencyName, &a.Number, &a.Tracking, &a.queryHash,
		&kind, &ap.Name, &idType, &ap.IDNumber, &ap.CreditCode, &ap.ContactPerson, &ap.Phone, &ap.Address, &ap.PostCode, &ap.Email,
		&channel, &submitted, &signed, &confirmed, &received, &a.Description, &delivery,
		&state, &due, &status, &asOf, &closed, &outcome, &created, &updated, &waitDue, &waitKind, &arrived, &extReq, &extBy)
	if err != nil {
		return a, err
	}
	ap.Kind, ap.IDType = foirequest.ApplicantKind(kind), foirequest.IDType(idType)
	a.Intake.Channel = foirequest.Channel(channel)
	a.Delivery = foirequest.Delivery(delivery)
	a.State, a.Status, a.Outcome = foirequest.State(state), foirequest.Status(status), foirequest.ReplyType(outcome)
	a.Intake.Submitted = parseDayOrZero(submitted)
	a.Intake.SignedFor = parseDayOrZero(signed)
	a.Intake.Confirmed = parseDayOrZero(confirmed)
	a.Received = parseDayOrZero(received)
	a.Due = parseDayOrZero(due)
	a.WaitDue, a.WaitKind = parseDayOrZero(waitDue), foirequest.EventType(waitKind)
	a.Intake.Arrived = parseDayOrZero(arrived)
	a.ExtensionRequested, a.ExtensionBy = parseDayOrZero(extReq), parseDayOrZero(extBy)
	a.AsOf = parseDayOrZero(asOf)
	a.Closed = parseDayOrZero(closed)
	a.CreatedAt, _ = ParseTime(created)
	a.UpdatedAt, _ = ParseTime(updated)
	return a, nil
}

func parseDayOrZero(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	d, err := ParseDay(s)
	if err != nil {
		return time.Time{}
	}
	return d
}

func applicationByID(ctx context.Context, q Queryer, id int64, lock bool) (Application, error) {
	query := `SELECT ` + applicationColumns + applicationFrom + ` WHERE a.id = ?`
	if lock {
		query += q.Dialect().ForUpdate("a")
	}
	a, err := scanApplication(q.QueryRow(ctx, query, id))
	if err != nil {
		return a, notFound(err, "申请不存在")
	}
	return a, loadEvents(ctx, q, &a)
}

func loadEvents(ctx context.Context, q Queryer, a *Application) error {
	rows, err := q.Query(ctx, `SELECT data, user_name FROM application_events WHERE application_id = ? ORDER BY seq`, a.ID)
	if err != nil {
		return fmt.Errorf("store: application events: %w", err)
	}
	defer rows.Close()
	a.Events, a.Recorders = nil, nil
	for rows.Next() {
		var data, name string
		if err := rows.Scan(&data, &name); err != nil {
			return err
		}
		var e foirequest.Event
		if err := json.Unmarshal([]byte(data), &e); err != nil {
			return fmt.Errorf("store: application %d event: %w", a.ID, err)
		}
		a.Events = append(a.Events, e)
		a.Recorders = append(a.Recorders, name)
	}
	return rows.Err()
}

// applicationByTracking returns the application with the given public tracking number
// (typed by a user: case, spaces and hyphens are ignored), with its events. The portal
// must also check the query code.
func applicationByTracking(ctx context.Context, q Queryer, tracking string) (Application, error) {
	a, err := scanApplication(q.QueryRow(ctx, `SELECT `+applicationColumns+applicationFrom+` WHERE a.tracking = ?`, NormalizeTracking(tracking)))
	if err != nil {
		return a, notFound(err, "查询号不存在")
	}
	return a, loadEvents(ctx, q, &a)
}

// ApplicationFilter selects applications for the console list.
type ApplicationFilter struct {
	AgencyIDs []int64          // empty: every agency
	State     foirequest.State // "" any; "open" every open state
	// Status: due_soon, overdue and on_track are computed from the due day as of Today
	// (so they never go stale); the other statuses are stored.
	Status    foirequest.Status
	DueBefore time.Time // due on or before this day (zero: any)
	Text      string    // in the description, case number or tracking number
	Today     time.Time // the China day the statuses are computed for
	Limit     int       // default 50, at most 500
	Offset    int
}

// StateOpen is the filter value for every open state.
const StateOpen foirequest.State = "open"

// escapeLike escapes the LIKE wildcards of s (with \ as the escape character).
func escapeLike(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s)
}

func (f ApplicationFilter) where(cal *workday.Calendar) (string, []any, error) {
	var conds []string
	var args []any
	if len(f.AgencyIDs) > 0 {
		conds = append(conds, `a.agency_id IN (`+placeholders(len(f.AgencyIDs))+`)`)
		for _, id := range f.AgencyIDs {
			args = append(args, id)
		}
	}
	switch f.State {
	case "":
	case StateOpen:
		conds = append(conds, `a.is_open = 1`)
	default:
		conds = append(conds, `a.state = ?`)
		args = append(args, string(f.State))
	}
	today := workday.Normalize(f.Today)
	soon := cal.Add(today, foirequest.DueSoonDays)
	// The reply clock runs in registered and in-progress cases, and in a consultation
	// whose party's period is over (foirequest.StatusOn, 第三十二条).
	runs := `(a.running = 1 OR a.state = '` + string(foirequest.StateConsulting) + `' AND a.wait_due <> '' AND a.wait_due < ?)`
	expired := `a.wait_due <> '' AND a.wait_due < ?`
	switch f.Status {
	case "":
	case foirequest.StatusOverdue:
		conds = append(conds, runs+` AND a.due_day <> '' AND a.due_day < ?`)
		args = append(args, FormatDay(today), FormatDay(today))
	case foirequest.StatusDueSoon:
		conds = append(conds, runs+` AND a.due_day >= ? AND a.due_day <= ?`)
		args = append(args, FormatDay(today), FormatDay(today), FormatDay(soon))
	case foirequest.StatusOnTrack:
		conds = append(conds, runs+` AND a.due_day > ?`)
		args = append(args, FormatDay(today), FormatDay(soon))
	case foirequest.StatusPaused:
		conds = append(conds, `(a.state = ? OR a.state = ?) AND NOT (`+expired+`)`)
		args = append(args, string(foirequest.StateConsulting), string(foirequest.StateFeePending), FormatDay(today))
	case foirequest.StatusAwaitingCorrection:
		conds = append(conds, `a.state = ? AND NOT (`+expired+`)`)
		args = append(args, string(foirequest.StateCorrectionRequested), FormatDay(today))
	case foirequest.StatusCorrectionExpired, foirequest.StatusFeeExpired:
		st := foirequest.StateCorrectionRequested
		if f.Status == foirequest.StatusFeeExpired {
			st = foirequest.StateFeePending
		}
		conds = append(conds, `a.state = ? AND `+expired)
		args = append(args, string(st), FormatDay(today))
	case foirequest.StatusClosedOnTime, foirequest.StatusClosedLate:
		conds = append(conds, `a.status = ?`)
		args = append(args, string(f.Status))
	default:
		return "", nil, apperr.Newf(apperr.Invalid, "未知的期限状态“%s”", string(f.Status))
	}
	if !f.DueBefore.IsZero() {
		conds = append(conds, `a.is_open = 1 AND a.due_day <> '' AND a.due_day <= ?`)
		args = append(args, FormatDay(f.DueBefore))
	}
	if t := strings.TrimSpace(f.Text); t != "" {
		like := "%" + escapeLike(t) + "%"
		conds = append(conds, `(a.description LIKE ? ESCAPE '\' OR a.number LIKE ? ESCAPE '\' OR a.tracking = ?)`)
		args = append(args, like, like, NormalizeTracking(t))
	}
	if len(conds) == 0 {
		return "", nil, nil
	}
	return ` WHERE ` + strings.Join(conds, ` AND `), args, nil
}

// listApplications returns one page of applications matching f (without their events),
// open cases first by due day, and the number of all matches. The status of every case
// is foirequest.StatusOn as of f.Today, and Left its working days left.
func listApplications(ctx context.Context, q Queryer, f ApplicationFilter) ([]Application, int, error) {
	cal, err := Calendar(ctx, q)
	if err != nil {
		return nil, 0, err
	}
	if f.Today.IsZero() {
		f.Today = workday.Of(time.Now())
	}
	where, args, err := f.where(cal)
	if err != nil {
		return nil, 0, err
	}
	var total int
	if err := q.QueryRow(ctx, `SELECT COUNT(*) FROM applications a`+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: count applications: %w", err)
	}
	if f.Limit <= 0 || f.Limit > 500 {
		f.Limit = 50
	}
	if f.Offset < 0 {
		f.Offset = 0
	}
	query := `SELECT ` + applicationColumns + applicationFrom + where +
		fmt.Sprintf(` ORDER BY a.is_open DESC, CASE WHEN a.is_open = 1 AND a.due_day <> '' THEN a.due_day ELSE '9999-12-31' END, a.received DESC, a.id DESC LIMIT %d OFFSET %d`, f.Limit, f.Offset)
	rows, err := q.Query(ctx, query, args...)
	if err != nil {
		return nil, 0, fmt.Errorf("store: list applications: %w", err)
	}
	defer rows.Close()
	var out []Application
	for rows.Next() {
		a, err := scanApplication(rows)
		if err != nil {
			return nil, 0, err
		}
		a.statusOn(cal, f.Today)
		out = append(out, a)
	}
	return out, total, rows.Err()
}

// statusOn sets the status and working days left of a listed case as of today
// (foirequest.StatusOn: statuses of running cases age with every day).
func (a *Application) statusOn(cal *workday.Calendar, today time.Time) {
	today = workday.Normalize(today)
	a.Status = foirequest.StatusOn(cal, a.State, a.Due, a.WaitDue, a.Closed, today)
	a.Left = a.WorkdaysLeft(cal, today)
}

// WorkdaysLeft is the number of working days after today up to the due day (negative when
// overdue; 0 when there is no due day).
func (a Application) WorkdaysLeft(cal *workday.Calendar, today time.Time) int {
	if a.Due.IsZero() {
		return 0
	}
	return cal.Count(workday.Normalize(today), a.Due)
}

// DueCounts are the figures of the console dashboard.
type DueCounts struct {
	Open              int
	DueSoon           int
	Overdue           int
	Waiting           int // waiting for a consulted party or a payment within its period
	CorrectionExpired int // 补正期限已届满
	FeeExpired        int // 缴费期限已届满
}

// countDue counts the open, due-soon and overdue applications of the agencies (empty:
// every agency) as of today.
func countDue(ctx context.Context, q Queryer, agencyIDs []int64, today time.Time) (DueCounts, error) {
	var out DueCounts
	cal, err := Calendar(ctx, q)
	if err != nil {
		return out, err
	}
	for _, c := range []struct {
		n *int
		f ApplicationFilter
	}{
		{&out.Open, ApplicationFilter{AgencyIDs: agencyIDs, State: StateOpen, Today: today}},
		{&out.DueSoon, ApplicationFilter{AgencyIDs: agencyIDs, Status: foirequest.StatusDueSoon, Today: today}},
		{&out.Overdue, ApplicationFilter{AgencyIDs: agencyIDs, Status: foirequest.StatusOverdue, Today: today}},
		{&out.Waiting, ApplicationFilter{AgencyIDs: agencyIDs, Status: foirequest.StatusPaused, Today: today}},
		{&out.CorrectionExpired, ApplicationFilter{AgencyIDs: agencyIDs, Status: foirequest.StatusCorrectionExpired, Today: today}},
		{&out.FeeExpired, ApplicationFilter{AgencyIDs: agencyIDs, Status: foirequest.StatusFeeExpired, Today: today}},
	} {
		where, args, err := c.f.where(cal)
		if err != nil {
			return out, err
		}
		if err := q.QueryRow(ctx, `SELECT COUNT(*) FROM applications a`+where, args...).Scan(c.n); err != nil {
			return out, fmt.Errorf("store: count due: %w", err)
		}
	}
	return out, nil
}

// dueSoonAndOverdue returns the running applications of one agency that are overdue or
// due within foirequest.DueSoonDays working days of today, most urgent first (the
// reminder job and the benchmark use it; it runs on the (agency_id, running, due_day)
// index).
func dueSoonAndOverdue(ctx context.Context, q Queryer, cal *workday.Calendar, agencyID int64, today time.Time) ([]Application, error) {
	today = workday.Normalize(today)
	soon := cal.Add(today, foirequest.DueSoonDays)
	rows, err := q.Query(ctx, `SELECT `+applicationColumns+applicationFrom+
		` WHERE a.agency_id = ? AND (a.running = 1 OR a.state = ? AND a.wait_due <> '' AND a.wait_due < ?) AND a.due_day <> '' AND a.due_day <= ? ORDER BY a.due_day, a.id`,
		agencyID, string(foirequest.StateConsulting), FormatDay(today), FormatDay(soon))
	if err != nil {
		return nil, fmt.Errorf("store: due applications: %w", err)
	}
	defer rows.Close()
	var out []Application
	for rows.Next() {
		a, err := scanApplication(rows)
		if err != nil {
			return nil, err
		}
		a.statusOn(cal, today)
		out = append(out, a)
	}
	return out, rows.Err()
}

// monthlyPiece is the position of a among the applications of its applicant to its agency
// received in the same natural month (foirequest.MonthlyPiece: 按件, 国办函〔2020〕109号第四条).
func monthlyPiece(ctx context.Context, q Queryer, a Application) (int, error) {
	first := time.Date(a.Received.Year(), a.Received.Month(), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1)
	rows, err := q.Query(ctx, `SELECT `+applicationColumns+applicationFrom+` WHERE a.agency_id = ? AND a.received >= ? AND a.received <= ? ORDER BY a.id`,
		a.AgencyID, FormatDay(first), FormatDay(last))
	if err != nil {
		return 0, fmt.Errorf("store: applications of the month: %w", err)
	}
	defer rows.Close()
	var month []foirequest.Application
	for rows.Next() {
		o, err := scanApplication(rows)
		if err != nil {
			return 0, err
		}
		month = append(month, o.Application)
	}
	if err := rows.Err(); err != nil {
		return 0, err
	}
	return foirequest.MonthlyPiece(a.Application, month), nil
}

// FeesPaid is the 信息处理费 paid to one agency in one year, in 元, summed from the
// payments recorded in its cases (section 六 of the annual report).
func FeesPaid(ctx context.Context, q Queryer, agencyID int64, year int) (int, error) {
	rows, err := q.Query(ctx, `SELECT DISTINCT e.application_id FROM application_events e JOIN applications a ON a.id = e.application_id
		WHERE a.agency_id = ? AND e.type = ? AND e.day >= ? AND e.day <= ? ORDER BY e.application_id`,
		agencyID, string(foirequest.EventFeePaid), fmt.Sprintf("%04d-01-01", year), fmt.Sprintf("%04d-12-31", year))
	if err != nil {
		return 0, fmt.Errorf("store: fees paid: %w", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return 0, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	cal, err := Calendar(ctx, q)
	if err != nil {
		return 0, err
	}
	total := 0
	for _, id := range ids {
		a, err := applicationByID(ctx, q, id, false)
		if err != nil {
			return 0, err
		}
		c, err := a.Case(cal)
		if err != nil {
			return 0, fmt.Errorf("store: application %d: %w", id, err)
		}
		for _, p := range c.Payments {
			if p.Day.Year() == year {
				total += p.Amount
			}
		}
	}
	return total, nil
}

// ApplicationRecords returns the table 三 records of one agency for one year: every
// application received by 31 December of the year and not closed before 1 January
// (what foirequest.CountApplications looks at).
func ApplicationRecords(ctx context.Context, q Queryer, agencyID int64, year int) ([]foirequest.Record, error) {
	rows, err := q.Query(ctx, `SELECT applicant_kind, received, closed_day, outcome FROM applications
		WHERE agency_id = ? AND received <= ? AND (closed_day = '' OR closed_day >= ?) ORDER BY id`,
		agencyID, fmt.Sprintf("%04d-12-31", year), fmt.Sprintf("%04d-01-01", year))
	if err != nil {
		return nil, fmt.Errorf("store: application records: %w", err)
	}
	defer rows.Close()
	var out []foirequest.Record
	for rows.Next() {
		var kind, received, closed, outcome string
		if err := rows.Scan(&kind, &received, &closed, &outcome); err != nil {
			return nil, err
		}
		out = append(out, foirequest.Record{Kind: foirequest.ApplicantKind(kind), Received: parseDayOrZero(received),
			Closed: parseDayOrZero(closed), Outcome: foirequest.ReplyType(outcome)})
	}
	return out, rows.Err()
}

// ApplicationTable3 counts table 三 (2021 format, cell ids applications.<row>.<column>) of
// one agency for one year from the stored applications.
func ApplicationTable3(ctx context.Context, q Queryer, agencyID int64, year int) (map[string]int, error) {
	recs, err := ApplicationRecords(ctx, q, agencyID, year)
	if err != nil {
		return nil, err
	}
	return foirequest.CountApplications(recs, year)
}

// recomputeApplicationDues recomputes the due day and status of every open application
// with the calendar cal (after an override changed), each as of the day it was last
// computed so that only the calendar can move it; every case whose due day moved gets an
// audit row "application.due_recomputed" with the due day before and after. It returns
// how many moved. It is one of calendarDependents.
func recomputeApplicationDues(ctx context.Context, tx *Tx, who account.Principal, cal *workday.Calendar) (int, error) {
	return recomputeOpen(ctx, tx, who, cal, time.Time{})
}

// DueChange is a recomputed due day, as the audit log recorded it.
type DueChange struct {
	ApplicationID int64  `json:"id"`
	Number        string `json:"number"`
	Before        string `json:"before"`
	After         string `json:"after"`
}

func recomputeOpen(ctx context.Context, tx *Tx, who account.Principal, cal *workday.Calendar, today time.Time) (int, error) {
	query := `SELECT ` + applicationColumns + applicationFrom + ` WHERE a.is_open = 1`
	var args []any
	if !today.IsZero() {
		// The daily refresh skips cases already computed today.
		query += ` AND a.as_of <> ?`
		args = append(args, FormatDay(today))
	}
	rows, err := tx.Query(ctx, query+` ORDER BY a.id`, args...)
	if err != nil {
		return 0, fmt.Errorf("store: open applications: %w", err)
	}
	var open []Application
	for rows.Next() {
		a, err := scanApplication(rows)
		if err != nil {
			rows.Close()
			return 0, err
		}
		open = append(open, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	moved := 0
	for _, a := range open {
		if err := loadEvents(ctx, tx, &a); err != nil {
			return moved, err
		}
		c, err := a.Case(cal)
		if err != nil {
			return moved, fmt.Errorf("store: application %d: %w", a.ID, err)
		}
		asOf := a.AsOf
		if !today.IsZero() {
			asOf = today
		}
		before := a
		a.derive(c, cal, asOf)
		if a.Due.Equal(before.Due) && a.Status == before.Status && a.AsOf.Equal(before.AsOf) && a.WaitDue.Equal(before.WaitDue) && a.WaitKind == before.WaitKind {
			continue
		}
		a.UpdatedAt = before.UpdatedAt
		if err := updateDerived(ctx, tx, a); err != nil {
			return moved, err
		}
		if a.Due.Equal(before.Due) {
			continue
		}
		moved++
		ch := DueChange{ApplicationID: a.ID, Number: a.Number, Before: dayOrEmpty(before.Due), After: dayOrEmpty(a.Due)}
		reason := "工作日历调整，重新计算答复期限"
		if !today.IsZero() {
			reason = "暂停计时期间按日顺延答复期限"
		}
		if _, err := Audit(ctx, tx, change(who, "application.due_recomputed", "application", a.ID, a.AgencyID,
			caseView{State: before.State, Due: ch.Before, Status: before.Status}, caseView{State: a.State, Due: ch.After, Status: a.Status}, reason)); err != nil {
			return moved, err
		}
	}
	return moved, nil
}

// AuditHead returns the sequence number of the newest audit row (0 when empty): take it
// before a calendar change, then DueChangesSince lists what the change moved.
func AuditHead(ctx context.Context, q Queryer) (int64, error) {
	var seq int64
	err := q.QueryRow(ctx, `SELECT seq FROM audit_head WHERE id = 1`).Scan(&seq)
	return seq, err
}

// DueChangesSince lists the due days recomputed after audit row afterSeq, for the
// agencies (empty: all), in order.
func DueChangesSince(ctx context.Context, q Queryer, afterSeq int64, agencyIDs []int64) ([]DueChange, error) {
	query := `SELECT l.entity_id, COALESCE(a.number, ''), l.before_json, l.after_json FROM audit_log l
		LEFT JOIN applications a ON CAST(a.id AS TEXT) = l.entity_id
		WHERE l.action = 'application.due_recomputed' AND l.seq > ?`
	args := []any{afterSeq}
	if len(agencyIDs) > 0 {
		query += ` AND l.agency_id IN (` + placeholders(len(agencyIDs)) + `)`
		for _, id := range agencyIDs {
			args = append(args, id)
		}
	}
	rows, err := q.Query(ctx, query+` ORDER BY l.seq`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: due changes: %w", err)
	}
	defer rows.Close()
	var out []DueChange
	for rows.Next() {
		var idText, number, b, a string
		if err := rows.Scan(&idText, &number, &b, &a); err != nil {
			return nil, err
		}
		var bv, av caseView
		_ = json.Unmarshal([]byte(b), &bv)
		_ = json.Unmarshal([]byte(a), &av)
		var id int64
		fmt.Sscan(idText, &id)
		out = append(out, DueChange{ApplicationID: id, Number: number, Before: bv.Due, After: av.Due})
	}
	return out, rows.Err()
}
