package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/agency"
	"gongkai/internal/annualreport"
	"gongkai/internal/apperr"
	"gongkai/internal/catalog"
	"gongkai/internal/foirequest"
	"gongkai/internal/oversight"
	"gongkai/internal/workday"
)

// Oversight is the door of the 政务公开办 following the agencies of its government: the
// overview, each agency's profile and score, and the 督办 notices (oversight.CanOversee,
// CanSend, CanReadNotice, CanAnswer decide). Everything is counted from the records at
// each call; nothing is kept but the notices.
type Oversight struct{ service }

// Oversight returns the oversight door.
func (db *DB) Oversight() *Oversight { return &Oversight{service{db: db}} }

// Oversight returns the oversight door inside this transaction.
func (tx *Tx) Oversight() *Oversight { return &Oversight{service{tx: tx}} }

// Overview is the 政务公开办's table of every agency of its government.
type Overview struct {
	GovernmentID int64
	Government   string
	Year         int // the year of the publications judged
	ReportYear   int // the annual report followed (due 31 January of Year)
	Rows         []oversight.Row
}

// Overview counts, for every agency of the principal's government as of now: open
// applications, due soon and overdue; the year's publications late against 第二十六条;
// the state of the annual report of the year before (draft, published, late after 31
// January) and its consistency findings; the notices not answered; the public column's
// gaps (empty 法定主动公开内容 headings), the year's 解读 ratio and the 政民互动 unanswered past
// their answer period (columnFiguresOf: one query per figure for every agency).
func (s *Oversight) Overview(ctx context.Context, who account.Principal, year int, now time.Time) (Overview, error) {
	ov := Overview{GovernmentID: who.GovernmentID, Year: year, ReportYear: oversight.ReportYear(year)}
	today := workday.Of(now)
	err := s.inTx(ctx, func(tx *Tx) error {
		if err := oversight.RequireOversee(who, ov.GovernmentID); err != nil {
			return err
		}
		if err := tx.QueryRow(ctx, `SELECT name FROM governments WHERE id = ?`, ov.GovernmentID).Scan(&ov.Government); err != nil {
			return notFound(err, "人民政府不存在")
		}
		agencies, err := governmentAgencies(ctx, tx, ov.GovernmentID)
		if err != nil {
			return err
		}
		cal, err := Calendar(ctx, tx)
		if err != nil {
			return err
		}
		open, overdue, err := noticeCounts(ctx, tx, ov.GovernmentID, today)
		if err != nil {
			return err
		}
		column, err := columnFiguresOf(ctx, tx, agencies, ov.GovernmentID, 0, year, today)
		if err != nil {
			return err
		}
		for _, a := range agencies {
			r := oversight.Row{AgencyID: a.ID, Agency: a.Name, Kind: a.Kind, ReportYear: ov.ReportYear,
				NoticesOpen: open[a.ID], NoticesOverdue: overdue[a.ID]}
			due, err := countDue(ctx, tx, []int64{a.ID}, today)
			if err != nil {
				return err
			}
			r.Open, r.DueSoon, r.Overdue = due.Open, due.DueSoon, due.Overdue
			items, err := CatalogItemsForYear(ctx, tx, a.ID, year)
			if err != nil {
				return err
			}
			yt := catalog.TimelinessForYear(cal, items, year, today)
			r.LatePublished, r.Unpublished, r.Judged = yt.Late, yt.Overdue, yt.OnTime+yt.Late+yt.Overdue
			column[a.ID].fill(&r)
			sc, err := score(ctx, tx, cal, a.ID, year, yt, column[a.ID], now)
			if err != nil {
				return err
			}
			r.Score, r.Scored = sc.Total, sc.Scored
			if r.Report, r.Findings, err = reportState(ctx, tx, a, ov.ReportYear, now); err != nil {
				return err
			}
			ov.Rows = append(ov.Rows, r)
		}
		return nil
	})
	return ov, err
}

// reportState is where a's report of year stands as of now and its findings (the report
// as published, or as compose makes it now while unpublished). A year before the national
// format (2019) has no report gongkai can make: ReportNone, no findings.
func reportState(ctx context.Context, q Queryer, a agency.Agency, year int, now time.Time) (oversight.ReportState, int, error) {
	if _, err := annualreport.FormatFor(year); err != nil {
		return oversight.ReportNone, 0, nil
	}
	d, err := draft(ctx, q, a, year)
	if err != nil {
		return "", 0, err
	}
	findings := len(d.Report.Findings)
	if d.Own.Published && d.Own.Snapshot != nil {
		findings = len(d.Own.Snapshot.Findings)
	}
	late := annualreport.Late(year, d.Own.Published, d.Own.PublishedAt, now)
	return oversight.StateOfReport(d.Own.ID != 0, d.Own.Published, late), findings, nil
}

// overseenAgency is agency id for who oversees its government (oversight.RequireOversee).
func overseenAgency(ctx context.Context, q Queryer, who account.Principal, id int64) (agency.Agency, error) {
	a, err := AgencyByID(ctx, q, id)
	if err != nil {
		return a, err
	}
	return a, oversight.RequireOversee(who, a.GovernmentID)
}

// ProfileYear is an agency's figures of one year beside those of the agencies of the same
// kind (its government's agencies on gongkai and the agencies whose reports were imported).
type ProfileYear struct {
	Year  int
	Own   oversight.Figures
	Peers oversight.Figures
}

// Profile is one agency's replies over the years.
type Profile struct {
	Agency agency.Agency // zero ID for an agency known only from imported reports
	Name   string
	Kind   string
	Years  []ProfileYear
}

// Profile compares agencyID's replies in each of years — the working days taken, the
// share of each outcome and of each 不予公开 reason — with the agencies of the same kind of
// its government: those on gongkai counted from their records, the others read from their
// imported annual reports. For the government's 政务公开办.
func (s *Oversight) Profile(ctx context.Context, who account.Principal, agencyID int64, years []int) (Profile, error) {
	var p Profile
	err := s.inTx(ctx, func(tx *Tx) error {
		a, err := overseenAgency(ctx, tx, who, agencyID)
		if err != nil {
			return err
		}
		p.Agency, p.Name, p.Kind = a, a.Name, a.Kind
		return profile(ctx, tx, &p, a.GovernmentID, years)
	})
	return p, err
}

// ImportedProfile is Profile for an agency not on gongkai, known by the name on the
// reports imported for the principal's government.
func (s *Oversight) ImportedProfile(ctx context.Context, who account.Principal, name string, years []int) (Profile, error) {
	p := Profile{Name: strings.TrimSpace(name), Kind: oversight.KindOfName(strings.TrimSpace(name))}
	err := s.inTx(ctx, func(tx *Tx) error {
		if err := oversight.RequireOversee(who, who.GovernmentID); err != nil {
			return err
		}
		if a, err := AgencyByName(ctx, tx, p.Name); err == nil && a.GovernmentID == who.GovernmentID {
			p.Agency, p.Kind = a, a.Kind
		}
		return profile(ctx, tx, &p, who.GovernmentID, years)
	})
	if err == nil && p.Agency.ID == 0 && !slices.ContainsFunc(p.Years, func(y ProfileYear) bool { return y.Own.Source == oversight.FromImported }) {
		return p, apperr.New(apperr.NotFound, "没有该机关的年度报告")
	}
	return p, err
}

// profile fills p's years: the agency's own figures and its peers'.
func profile(ctx context.Context, q Queryer, p *Profile, govID int64, years []int) error {
	agencies, err := governmentAgencies(ctx, q, govID)
	if err != nil {
		return err
	}
	imported, err := ImportedReports(ctx, q, govID)
	if err != nil {
		return err
	}
	onGongkai := map[string]bool{}
	for _, a := range agencies {
		onGongkai[a.Name] = true
	}
	cal, err := Calendar(ctx, q)
	if err != nil {
		return err
	}
	for _, y := range years {
		py := ProfileYear{Year: y, Peers: oversight.Figures{Name: "同类机关（" + oversight.KindLabel(p.Kind) + "）", Year: y, Source: oversight.FromPeers}}
		for _, a := range agencies {
			if a.Kind != p.Kind && a.ID != p.Agency.ID {
				continue
			}
			f, err := recordFigures(ctx, q, cal, a, y)
			if err != nil {
				return err
			}
			if a.ID == p.Agency.ID {
				py.Own = f
				continue
			}
			py.Peers.Add(f)
		}
		for _, ir := range imported {
			r := ir.Report
			if r.Year != y || onGongkai[r.Agency] {
				continue
			}
			f := oversight.Figures{Name: r.Agency, Year: y, Source: oversight.FromImported, Rows: oversight.RowsFromCells(r.Cells)}
			switch {
			case p.Agency.ID == 0 && r.Agency == p.Name:
				py.Own = f
			case oversight.KindOfName(r.Agency) == p.Kind:
				py.Peers.Add(f)
			}
		}
		if py.Own.Source == "" {
			py.Own = oversight.Figures{Name: p.Name, Year: y}
		}
		p.Years = append(p.Years, py)
	}
	return nil
}

// recordFigures counts a's replies of year from its records: table 三's outcome rows as
// the annual report counts them, the working days each reply took.
func recordFigures(ctx context.Context, q Queryer, cal *workday.Calendar, a agency.Agency, year int) (oversight.Figures, error) {
	f := oversight.Figures{Name: a.Name, Year: year, Source: oversight.FromRecords, Rows: map[string]float64{}}
	recs, err := reportApplications(ctx, q, a.ID, year)
	if err != nil {
		return f, err
	}
	cells, err := foirequest.CountApplications(recs, year)
	if err != nil {
		return f, err
	}
	for _, row := range foirequest.Table3OutcomeRows {
		if v := cells[foirequest.Cell(row, "total")]; v != 0 {
			f.Rows[row] = float64(v)
		}
	}
	f.Days, f.OnTime, err = repliesOfYear(ctx, q, cal, a.ID, year)
	return f, err
}

// Send sends a 督办 notice to an agency of the principal's government (its 政务公开办),
// due on n.Due; n gets its ID, government, sender and time.
func (s *Oversight) Send(ctx context.Context, who account.Principal, n *oversight.Notice, now time.Time) error {
	return s.inTx(ctx, func(tx *Tx) error {
		a, err := AgencyByID(ctx, tx, n.AgencyID)
		if err != nil {
			return err
		}
		if !oversight.CanSend(who, a.GovernmentID) {
			return apperr.New(apperr.Forbidden, "只有本级政府的政务公开办可以发出督办")
		}
		if err := n.Validate(workday.Of(now)); err != nil {
			return err
		}
		n.GovernmentID, n.Agency = a.GovernmentID, a.Name
		n.SentAt, n.SentBy, n.SentByID = now.UTC().Truncate(time.Microsecond), who.Name, who.UserID
		if err := insertNotice(ctx, tx, n); err != nil {
			return err
		}
		_, err = Audit(ctx, tx, change(who, "oversight.notice.send", "oversight_notice", n.ID, a.ID, nil,
			map[string]any{"agency": a.Name, "subject": n.Subject, "body": n.Body, "due": FormatDay(n.Due)}, ""))
		return err
	})
}

// Answer records the agency's answer to notice id (its 经办人, 负责人 or 机关管理员); a
// notice is answered once.
func (s *Oversight) Answer(ctx context.Context, who account.Principal, id int64, answer string, now time.Time) (oversight.Notice, error) {
	var n oversight.Notice
	err := s.inTx(ctx, func(tx *Tx) error {
		var err error
		if n, err = noticeByID(ctx, tx, id); err != nil {
			return err
		}
		if !oversight.CanReadNotice(who, n.AgencyID, n.GovernmentID) {
			return apperr.New(apperr.NotFound, "督办事项不存在")
		}
		if !oversight.CanAnswer(who, n.AgencyID) {
			return apperr.New(apperr.Forbidden, "督办事项由被督办机关的经办人、负责人或机关管理员答复")
		}
		if n.Answer, err = oversight.CheckAnswer(n, answer); err != nil {
			return err
		}
		n.AnsweredAt, n.AnsweredBy = now.UTC().Truncate(time.Microsecond), who.Name
		if err := answerNotice(ctx, tx, n, who); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE oversight_reminders SET read_at = ? WHERE notice_id = ? AND read_at = ''`, FormatTime(now), n.ID); err != nil {
			return err
		}
		_, err = Audit(ctx, tx, change(who, "oversight.notice.answer", "oversight_notice", n.ID, n.AgencyID, nil, map[string]any{"answer": n.Answer}, ""))
		return err
	})
	return n, err
}

// Notice returns notice id, for the government's 政务公开办 and the agency's staff, and
// marks who's reminders of it read (opening a notice reads its reminders).
func (s *Oversight) Notice(ctx context.Context, who account.Principal, id int64) (oversight.Notice, error) {
	n, err := noticeByID(ctx, s.q(), id)
	if err != nil {
		return n, err
	}
	if !oversight.CanReadNotice(who, n.AgencyID, n.GovernmentID) {
		return oversight.Notice{}, apperr.New(apperr.NotFound, "督办事项不存在")
	}
	if who.IsStaff() {
		if _, err := s.q().Exec(ctx, `UPDATE oversight_reminders SET read_at = ? WHERE user_id = ? AND notice_id = ? AND read_at = ''`,
			FormatTime(time.Now()), who.UserID, n.ID); err != nil {
			return n, fmt.Errorf("store: read notice reminders: %w", err)
		}
	}
	return n, nil
}

// Notices lists the notices who reads: the 政务公开办 every notice of its government (of
// agencyID only when not 0), agency staff those to their agency. Unanswered first, by due day.
func (s *Oversight) Notices(ctx context.Context, who account.Principal, agencyID int64) ([]oversight.Notice, error) {
	if oversight.CanOversee(who, who.GovernmentID) {
		if agencyID != 0 {
			return queryNotices(ctx, s.q(), `n.government_id = ? AND n.agency_id = ?`, who.GovernmentID, agencyID)
		}
		return queryNotices(ctx, s.q(), `n.government_id = ?`, who.GovernmentID)
	}
	if !who.IsStaff() {
		return nil, apperr.New(apperr.Forbidden, "请先登录")
	}
	return queryNotices(ctx, s.q(), `n.agency_id = ?`, who.AgencyID)
}

// NoticeReminder is a reminder of a notice for one user.
type NoticeReminder struct {
	ID       int64
	NoticeID int64
	Day      time.Time
	Kind     oversight.NoticeStatus
	Message  string
}

// Remind creates today's reminders of the notices not answered (oversight.Notice.Reminders:
// the agency's 经办人 and 负责人 while due soon or overdue, the sender once overdue), at
// most one per user, notice and day; it returns how many it created. System only (the
// reminder job).
func (s *Oversight) Remind(ctx context.Context, who account.Principal, today time.Time) (int, error) {
	if err := requireSystem(who); err != nil {
		return 0, err
	}
	today = workday.Of(today)
	created := 0
	err := s.inTx(ctx, func(tx *Tx) error {
		cal, err := Calendar(ctx, tx)
		if err != nil {
			return err
		}
		notices, err := queryNotices(ctx, tx, `n.answered_at = ''`)
		if err != nil {
			return err
		}
		for _, n := range notices {
			for _, r := range n.Reminders(cal, today) {
				var users []int64
				if r.ToAgency {
					staff, err := listUsers(ctx, tx, n.AgencyID)
					if err != nil {
						return err
					}
					for _, u := range staff {
						if !u.Disabled && slices.ContainsFunc(u.Roles, func(r account.Role) bool { return r == account.Clerk || r == account.Head }) {
							users = append(users, u.ID)
						}
					}
				} else {
					users = append(users, n.SentByID)
				}
				for _, uid := range users {
					res, err := tx.Exec(ctx, `INSERT INTO oversight_reminders (notice_id, user_id, day, kind, message, created_at) VALUES (?, ?, ?, ?, ?, ?)
						ON CONFLICT (notice_id, user_id, day) DO NOTHING`, n.ID, uid, FormatDay(today), string(r.Kind), r.Text, FormatTime(time.Now()))
					if err != nil {
						return err
					}
					if k, _ := res.RowsAffected(); k > 0 {
						created++
					}
				}
			}
		}
		if created > 0 {
			_, err = Audit(ctx, tx, change(who, "oversight.remind", "oversight_notice", FormatDay(today), 0, nil, map[string]any{"created": created}, ""))
		}
		return err
	})
	return created, err
}

// Reminders lists the signed-in user's unread notice reminders, newest first.
func (s *Oversight) Reminders(ctx context.Context, who account.Principal) ([]NoticeReminder, error) {
	if !who.IsStaff() {
		return nil, nil
	}
	var out []NoticeReminder
	err := eachRow(ctx, s.q(), func(scan func(...any) error) error {
		var r NoticeReminder
		var day, kind string
		if err := scan(&r.ID, &r.NoticeID, &day, &kind, &r.Message); err != nil {
			return err
		}
		r.Day, r.Kind = parseDayOrZero(day), oversight.NoticeStatus(kind)
		out = append(out, r)
		return nil
	}, `SELECT id, notice_id, day, kind, message FROM oversight_reminders WHERE user_id = ? AND read_at = '' ORDER BY day DESC, id DESC LIMIT 50`, who.UserID)
	return out, err
}

// Scores computes agencyID's transparency score (oversight.ComputeScore) for each of
// years, as of now, from its records. For the government's 政务公开办.
func (s *Oversight) Scores(ctx context.Context, who account.Principal, agencyID int64, years []int, now time.Time) ([]oversight.Score, error) {
	var out []oversight.Score
	today := workday.Of(now)
	err := s.inTx(ctx, func(tx *Tx) error {
		a, err := overseenAgency(ctx, tx, who, agencyID)
		if err != nil {
			return err
		}
		cal, err := Calendar(ctx, tx)
		if err != nil {
			return err
		}
		for _, y := range years {
			items, err := CatalogItemsForYear(ctx, tx, a.ID, y)
			if err != nil {
				return err
			}
			column, err := columnFiguresOf(ctx, tx, []agency.Agency{a}, a.GovernmentID, a.ID, y, today)
			if err != nil {
				return err
			}
			sc, err := score(ctx, tx, cal, a.ID, y, catalog.TimelinessForYear(cal, items, y, today), column[a.ID], now)
			if err != nil {
				return err
			}
			out = append(out, sc)
		}
		return nil
	})
	return out, err
}

// score is the agency's transparency score of year as of now (oversight.ComputeScore),
// from its replies, its publications judged against 第二十六条 (yt), its report of the
// year, the notices due in the year and its column's figures (columnFiguresOf).
func score(ctx context.Context, q Queryer, cal *workday.Calendar, agencyID int64, year int, yt catalog.YearTimeliness, column columnFigures, now time.Time) (oversight.Score, error) {
	today := workday.Of(now)
	in := oversight.ScoreInput{Year: year, Judged: yt.OnTime + yt.Late + yt.Overdue, PublishedOnTime: yt.OnTime}
	column.scoreInput(&in)
	days, onTime, err := repliesOfYear(ctx, q, cal, agencyID, year)
	if err != nil {
		return oversight.Score{}, err
	}
	in.Replied, in.RepliedOnTime = len(days), onTime
	o, err := ownReport(ctx, q, agencyID, year)
	if err != nil {
		return oversight.Score{}, err
	}
	in.ReportDue = now.After(annualreport.AgencyDeadline(year))
	in.ReportPublished = o.Published
	in.ReportOnTime = o.Published && !annualreport.Late(year, true, o.PublishedAt, now)
	if o.Snapshot != nil {
		in.ReportFindings = len(o.Snapshot.Findings)
	}
	ns, err := noticesDueIn(ctx, q, agencyID, year)
	if err != nil {
		return oversight.Score{}, err
	}
	for _, n := range ns {
		if n.Due.Before(today) || n.Answered() {
			in.NoticesDue++
			if n.AnsweredOnTime() {
				in.NoticesOnTime++
			}
		}
	}
	return oversight.ComputeScore(in), nil
}
