package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/agency"
	"gongkai/internal/annualreport"
	"gongkai/internal/annualreport/compose"
	"gongkai/internal/apperr"
	"gongkai/internal/auditlog"
)

// Reports is the annual report's use cases (the doors of the annualreport domain): each
// method opens one transaction, asks annualreport's authorisation entry whether the
// principal may, applies the rule, writes and appends the audit row. The console, the
// portal, the command line and the demo loader all come through here.
type Reports struct{ db *DB }

// Reports returns the annual report service.
func (db *DB) Reports() *Reports { return &Reports{db: db} }

// ReportDraft is an agency's report for a year as it stands: counted from the records by
// compose, with the narrative staff last saved, and the stored record.
type ReportDraft struct {
	Agency agency.Agency
	Report *annualreport.Report
	Own    OwnReport
	// Open are the cases of the year still open now, which the report counts as
	// 结转下年度 or 尚未审结: publication names them and asks for confirmation. Only Draft
	// fills it.
	Open annualreport.OpenCases
	// PublishableFrom is the first moment the report may be published (1 January of the
	// next year).
	PublishableFrom time.Time
	// FeeFromRecords: the year's applications are recorded in gongkai, so the fee under 六
	// is the sum of the payments recorded (Own.Narrative.FeeYuan), not a typed figure.
	FeeFromRecords bool
}

// Draft makes the agency's report for year from its records (compose.Build), with the
// saved narrative and the cross-year rules against last year's published report. Staff of
// the agency and the 政务公开办 of its government may read it.
func (s *Reports) Draft(ctx context.Context, who account.Principal, agencyID int64, year int) (ReportDraft, error) {
	var d ReportDraft
	err := s.db.InTx(ctx, func(tx *Tx) error {
		a, err := AgencyByID(ctx, tx, agencyID)
		if err != nil {
			return err
		}
		if !annualreport.CanRead(who, a.ID, a.GovernmentID) {
			return annualreport.Deny(who, a.ID, a.GovernmentID, "无权查看该机关的年度报告")
		}
		if d, err = draft(ctx, tx, a, year); err != nil {
			return err
		}
		d.Open, err = reportOpenCases(ctx, tx, a.ID, year)
		return err
	})
	return d, err
}

// draft gathers the records of a's report for year and composes it.
func draft(ctx context.Context, q Queryer, a agency.Agency, year int) (ReportDraft, error) {
	d := ReportDraft{Agency: a, PublishableFrom: annualreport.PublishableFrom(year)}
	if _, err := annualreport.FormatFor(year); err != nil {
		return d, err
	}
	in := compose.Records{Agency: a.Name, Year: year}
	var err error
	if in.Catalog, err = reportCatalogItems(ctx, q, a.ID); err != nil {
		return d, err
	}
	if in.Monthly, err = MonthlyFigures(ctx, q, a.ID, year); err != nil {
		return d, err
	}
	if in.Applications, err = reportApplications(ctx, q, a.ID, year); err != nil {
		return d, err
	}
	if in.Appeals, err = AppealsOpenDuring(ctx, q, a.ID, year); err != nil {
		return d, err
	}
	if d.Own, err = ownReport(ctx, q, a.ID, year); err != nil {
		return d, err
	}
	if len(in.Applications) > 0 {
		// The fee under 六 is summed from the payments recorded in the year's cases.
		paid, err := FeesPaid(ctx, q, a.ID, year)
		if err != nil {
			return d, err
		}
		d.Own.Narrative.FeeYuan = float64(paid)
		d.FeeFromRecords = true
	}
	if d.Own.ID != 0 {
		in.Narrative = &d.Own.Narrative
	}
	prev, err := ownReport(ctx, q, a.ID, year-1)
	if err != nil {
		return d, err
	}
	in.Previous = prev.Snapshot
	d.Report, err = compose.Build(in)
	return d, err
}

// SaveNarrative stores the draft of sections 一, 五 and 六 and the fee (allowed after
// publication too: it takes effect at the next publication, a correction). The agency's
// 经办人 and 负责人 may.
func (s *Reports) SaveNarrative(ctx context.Context, who account.Principal, agencyID int64, year int, n annualreport.Narrative) error {
	if err := n.Clean(); err != nil {
		return err
	}
	return s.db.InTx(ctx, func(tx *Tx) error {
		a, err := AgencyByID(ctx, tx, agencyID)
		if err != nil {
			return err
		}
		if !annualreport.CanDraft(who, a.ID, a.GovernmentID) {
			return annualreport.Deny(who, a.ID, a.GovernmentID, "只有本机关的经办人或负责人可以编写年度报告")
		}
		if _, err := annualreport.FormatFor(year); err != nil {
			return err
		}
		before, err := ownReport(ctx, tx, a.ID, year)
		if err != nil {
			return err
		}
		if err := writeNarrative(ctx, tx, before, n); err != nil {
			return err
		}
		_, err = Audit(ctx, tx, reportChange(who, "annual_report.save", "annual_report", reportKey(a.ID, year), a.ID, before.Narrative, n, ""))
		return err
	})
}

// Publish publishes the agency's report for year for the first time, as compose makes it
// now: not before the year is over (annualreport.CheckPublishable), with a complete
// narrative, without findings, and with the cases still open confirmed: confirm is the
// annualreport.OpenCases.Fingerprint of ReportDraft.Open the 负责人 saw (empty when none
// is open). Only the agency's 负责人 may. A published report is changed by Correct.
func (s *Reports) Publish(ctx context.Context, who account.Principal, agencyID int64, year int, at time.Time, confirm string) error {
	return s.publish(ctx, who, agencyID, year, "", at, confirm)
}

// Correct publishes the agency's report for year again (更正), as compose makes it now,
// with the reason stated; the version published before stays in the audit log beside the
// new one, with the reason. Only a published report is corrected, only by the 负责人, with
// the open cases confirmed as for Publish.
func (s *Reports) Correct(ctx context.Context, who account.Principal, agencyID int64, year int, reason string, at time.Time, confirm string) error {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return apperr.New(apperr.Invalid, "重新发布（更正）须填写原因")
	}
	return s.publish(ctx, who, agencyID, year, reason, at, confirm)
}

func (s *Reports) publish(ctx context.Context, who account.Principal, agencyID int64, year int, reason string, at time.Time, confirm string) error {
	return s.db.InTx(ctx, func(tx *Tx) error {
		a, err := AgencyByID(ctx, tx, agencyID)
		if err != nil {
			return err
		}
		if !annualreport.CanPublish(who, a.ID, a.GovernmentID) {
			return annualreport.Deny(who, a.ID, a.GovernmentID, "只有本机关负责人可以发布年度报告")
		}
		if _, err := annualreport.FormatFor(year); err != nil {
			return err
		}
		if err := annualreport.CheckPublishable(year, at); err != nil {
			return err
		}
		d, err := draft(ctx, tx, a, year)
		if err != nil {
			return err
		}
		o := d.Own
		switch {
		case o.ID == 0:
			return apperr.New(apperr.Invalid, "请先填写并保存报告正文")
		case reason == "" && o.Published:
			return apperr.New(apperr.Invalid, "报告已发布；重新发布（更正）须填写原因")
		case reason != "" && !o.Published:
			return apperr.New(apperr.Conflict, "报告尚未发布，无需更正")
		}
		if err := o.Narrative.Complete(); err != nil {
			return err
		}
		if len(d.Report.Findings) > 0 {
			return apperr.Newf(apperr.Conflict, "报告有 %d 处未通过校验，不能发布", len(d.Report.Findings))
		}
		open, err := reportOpenCases(ctx, tx, a.ID, year)
		if err != nil {
			return err
		}
		if err := annualreport.ConfirmOpen(open, confirm); err != nil {
			return err
		}
		if len(open) > 0 {
			// What the 负责人 confirmed stays with the publication in the audit log.
			reason = strings.TrimPrefix(reason+"；确认未办结："+open.Summary(), "；")
		}
		if err := writePublication(ctx, tx, o, d.Report, who.Name, at); err != nil {
			return err
		}
		var before any
		if o.Snapshot != nil {
			before = o.Snapshot
		}
		_, err = Audit(ctx, tx, reportChange(who, "annual_report.publish", "annual_report", reportKey(a.ID, year), a.ID, before, d.Report, reason))
		return err
	})
}

// Published returns the agency's published report for year, as published, for anyone
// (published reports are public, 第五十条); apperr.NotFound when not published.
func (s *Reports) Published(ctx context.Context, agencyID int64, year int) (OwnReport, error) {
	var o OwnReport
	err := s.db.InTx(ctx, func(tx *Tx) error {
		var err error
		if o, err = ownReport(ctx, tx, agencyID, year); err != nil {
			return err
		}
		if !o.Published || o.Snapshot == nil {
			return apperr.New(apperr.NotFound, "该年度报告尚未发布")
		}
		return nil
	})
	return o, err
}

// PublishedList lists the agency's published reports, newest year first, for anyone.
func (s *Reports) PublishedList(ctx context.Context, agencyID int64) ([]OwnReport, error) {
	var out []OwnReport
	err := s.db.InTx(ctx, func(tx *Tx) error {
		var err error
		out, err = publishedReports(ctx, tx, agencyID)
		return err
	})
	return out, err
}

// Years returns the agency's report records of the given years (unsaved ones for years
// without a draft), for those who may read its reports.
func (s *Reports) Years(ctx context.Context, who account.Principal, agencyID int64, years []int) ([]OwnReport, error) {
	var out []OwnReport
	err := s.db.InTx(ctx, func(tx *Tx) error {
		a, err := AgencyByID(ctx, tx, agencyID)
		if err != nil {
			return err
		}
		if !annualreport.CanRead(who, a.ID, a.GovernmentID) {
			return annualreport.Deny(who, a.ID, a.GovernmentID, "无权查看该机关的年度报告")
		}
		for _, y := range years {
			o, err := ownReport(ctx, tx, a.ID, y)
			if err != nil {
				return err
			}
			out = append(out, o)
		}
		return nil
	})
	return out, err
}

// InProgress is the report the agency is working on as of today: last year's until it is
// published (it is due by 31 January), then this year's. It returns that report's record
// and, when it is this year's, last year's published one.
func (s *Reports) InProgress(ctx context.Context, who account.Principal, agencyID int64, today time.Time) (current OwnReport, published *OwnReport, err error) {
	year := today.Year()
	list, err := s.Years(ctx, who, agencyID, []int{year - 1, year})
	if err != nil {
		return OwnReport{}, nil, err
	}
	if !list[0].Published {
		return list[0], nil, nil
	}
	return list[1], &list[0], nil
}

// AgencyReportStatus is where one agency's report for a year stands, for the summary.
type AgencyReportStatus struct {
	Agency    agency.Agency
	Published bool
	Late      bool // published after 31 January, or not yet published past it
	Report    *annualreport.Report
}

// GovernmentSummary is the government-level report of a year: every agency's report as
// compose makes it, where each stands, and their sum.
type GovernmentSummary struct {
	Government string
	Year       int
	Deadline   time.Time // the agencies' deadline
	Agencies   []AgencyReportStatus
	Total      *annualreport.Report
}

// Government compiles the summary of the principal's government for year (本级政府的年度
// 报告, compiled by its 政务公开办) as of now: each agency's report from its records, and
// the sum, in which a cell any agency leaves blank stays blank.
func (s *Reports) Government(ctx context.Context, who account.Principal, year int, now time.Time) (GovernmentSummary, error) {
	sum := GovernmentSummary{Year: year, Deadline: annualreport.AgencyDeadline(year)}
	f, err := annualreport.FormatFor(year)
	if err != nil {
		return sum, err
	}
	govID := who.GovernmentID
	err = s.db.InTx(ctx, func(tx *Tx) error {
		if !annualreport.CanSummarise(who, govID) {
			return apperr.New(apperr.Forbidden, "只有本级政府的政务公开办可以汇总年度报告")
		}
		if err := tx.QueryRow(ctx, `SELECT name FROM governments WHERE id = ?`, govID).Scan(&sum.Government); err != nil {
			return notFound(err, "人民政府不存在")
		}
		agencies, err := governmentAgencies(ctx, tx, govID)
		if err != nil {
			return err
		}
		var parts []*annualreport.Report
		for _, a := range agencies {
			d, err := draft(ctx, tx, a, year)
			if err != nil {
				return err
			}
			sum.Agencies = append(sum.Agencies, AgencyReportStatus{
				Agency: a, Published: d.Own.Published, Report: d.Report,
				Late: annualreport.Late(year, d.Own.Published, d.Own.PublishedAt, now),
			})
			parts = append(parts, d.Report)
		}
		sum.Total = annualreport.Sum(sum.Government, year, f, parts)
		return nil
	})
	return sum, err
}

// governmentAgencies lists the agencies of a government.
func governmentAgencies(ctx context.Context, q Queryer, govID int64) ([]agency.Agency, error) {
	rows, err := q.Query(ctx, `SELECT `+agencyColumns+` FROM agencies WHERE government_id = ? ORDER BY id`, govID)
	if err != nil {
		return nil, fmt.Errorf("store: agencies of government %d: %w", govID, err)
	}
	defer rows.Close()
	var out []agency.Agency
	for rows.Next() {
		a, err := scanAgency(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// Import keeps a report read from another agency's published page for the principal's
// government (its 政务公开办); the same file twice is apperr.Conflict.
func (s *Reports) Import(ctx context.Context, who account.Principal, fileName, sha string, r *annualreport.Report) (int64, error) {
	var id int64
	err := s.db.InTx(ctx, func(tx *Tx) error {
		if !annualreport.CanImport(who, who.GovernmentID) {
			return apperr.New(apperr.Forbidden, "只有政务公开办可以导入年度报告")
		}
		var err error
		id, err = SaveImportedReport(ctx, tx, who, who.GovernmentID, fileName, sha, r)
		return err
	})
	return id, err
}

// Imported lists the reports imported for the principal's government, by agency and year.
func (s *Reports) Imported(ctx context.Context, who account.Principal) ([]ImportedReport, error) {
	var out []ImportedReport
	err := s.db.InTx(ctx, func(tx *Tx) error {
		if !annualreport.CanImport(who, who.GovernmentID) {
			return apperr.New(apperr.Forbidden, "只有政务公开办可以查看导入的年度报告")
		}
		var err error
		out, err = ImportedReports(ctx, tx, who.GovernmentID)
		return err
	})
	return out, err
}

// ImportedByID returns one imported report; one of another government does not exist for
// the principal.
func (s *Reports) ImportedByID(ctx context.Context, who account.Principal, id int64) (ImportedReport, error) {
	var ir ImportedReport
	err := s.db.InTx(ctx, func(tx *Tx) error {
		var err error
		if ir, err = ImportedReportByID(ctx, tx, id); err != nil {
			return err
		}
		if !annualreport.CanImport(who, ir.GovernmentID) {
			return apperr.New(apperr.NotFound, "报告不存在")
		}
		return nil
	})
	return ir, err
}

// reportKey is the audit entity id of an agency's report for a year.
func reportKey(agencyID int64, year int) string { return fmt.Sprintf("%d/%d", agencyID, year) }

// reportChange is an audit change made by who.
func reportChange(who account.Principal, action, entity, entityID string, agencyID int64, before, after any, reason string) auditlog.Change {
	return auditlog.Change{
		ActorID: who.UserID, ActorName: who.Name, AgencyID: agencyID,
		Action: action, Entity: entity, EntityID: entityID,
		Before: before, After: after, Reason: reason,
	}
}
