package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"gongkai/internal/account"
	"strconv"
	"time"

	"gongkai/internal/annualreport"
	"gongkai/internal/apperr"
	"gongkai/internal/textcheck"
)

// OwnReport is an agency's own annual report for a year as stored: the draft narrative,
// and once published, the frozen report.
type OwnReport struct {
	ID        int64
	AgencyID  int64
	Year      int
	Narrative annualreport.Narrative // the draft: what staff last saved
	Published bool
	// Snapshot is the report as last published, with the narrative as published (the
	// draft may have moved on); nil until published.
	Snapshot    *annualreport.Report
	PublishedAt time.Time
	PublishedBy string
}

const ownReportColumns = `id, agency_id, year, overview, problems, other_text, fee_yuan, status, snapshot_json, published_at, published_by`

func scanOwnReport(sc interface{ Scan(...any) error }) (OwnReport, error) {
	var o OwnReport
	var fee, status, snap, pubAt string
	if err := sc.Scan(&o.ID, &o.AgencyID, &o.Year, &o.Narrative.Overview, &o.Narrative.Problems, &o.Narrative.Other, &fee, &status, &snap, &pubAt, &o.PublishedBy); err != nil {
		return o, err
	}
	o.Narrative.FeeYuan, _ = strconv.ParseFloat(fee, 64)
	o.Published = status == "published"
	if snap != "" {
		var ps publishedSnapshot
		if err := json.Unmarshal([]byte(snap), &ps); err != nil {
			return o, fmt.Errorf("store: report snapshot %d: %w", o.ID, err)
		}
		o.Snapshot = ps.Report
		if o.Snapshot != nil && o.Snapshot.Narrative == nil && ps.Narrative != nil {
			// Published before the report carried its narrative.
			n := annualreport.Narrative(*ps.Narrative)
			o.Snapshot.Narrative = &n
		}
	}
	if pubAt != "" {
		o.PublishedAt, _ = ParseTime(pubAt)
	}
	return o, nil
}

// publishedSnapshot is what publication freezes: the report, its narrative inside.
// Narrative is where snapshots written before kept the narrative (field names as keys).
type publishedSnapshot struct {
	Report    *annualreport.Report `json:"report"`
	Narrative *legacyNarrative     `json:"narrative,omitempty"`
}

type legacyNarrative struct {
	Overview, Problems, Other string
	FeeYuan                   float64
}

// ownReport returns the agency's report record for year; a new, unsaved one when none.
func ownReport(ctx context.Context, q Queryer, agencyID int64, year int) (OwnReport, error) {
	o, err := scanOwnReport(q.QueryRow(ctx, `SELECT `+ownReportColumns+` FROM annual_reports WHERE agency_id = ? AND year = ?`, agencyID, year))
	if errors.Is(err, sql.ErrNoRows) {
		return OwnReport{AgencyID: agencyID, Year: year}, nil
	}
	if err != nil {
		return o, fmt.Errorf("store: annual report %d/%d: %w", agencyID, year, err)
	}
	return o, nil
}

// publishedReports lists an agency's published reports, newest year first.
func publishedReports(ctx context.Context, q Queryer, agencyID int64) ([]OwnReport, error) {
	rows, err := q.Query(ctx, `SELECT `+ownReportColumns+` FROM annual_reports WHERE agency_id = ? AND status = 'published' ORDER BY year DESC`, agencyID)
	if err != nil {
		return nil, fmt.Errorf("store: published reports: %w", err)
	}
	defer rows.Close()
	var out []OwnReport
	for rows.Next() {
		o, err := scanOwnReport(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// writeNarrative stores the draft narrative of o's agency and year.
func writeNarrative(ctx context.Context, tx *Tx, o OwnReport, n annualreport.Narrative) error {
	fee := strconv.FormatFloat(n.FeeYuan, 'f', -1, 64)
	now := FormatTime(time.Now())
	var err error
	if o.ID == 0 {
		_, err = tx.Exec(ctx, `INSERT INTO annual_reports (agency_id, year, overview, problems, other_text, fee_yuan, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			o.AgencyID, o.Year, n.Overview, n.Problems, n.Other, fee, now)
	} else {
		_, err = tx.Exec(ctx, `UPDATE annual_reports SET overview = ?, problems = ?, other_text = ?, fee_yuan = ?, updated_at = ? WHERE id = ?`,
			n.Overview, n.Problems, n.Other, fee, now, o.ID)
	}
	if err != nil {
		return fmt.Errorf("store: save narrative: %w", err)
	}
	return nil
}

// writePublication freezes r as o's published report.
func writePublication(ctx context.Context, tx *Tx, o OwnReport, r *annualreport.Report, by string, at time.Time) error {
	snap, err := json.Marshal(publishedSnapshot{Report: r})
	if err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `UPDATE annual_reports SET status = 'published', snapshot_json = ?, published_at = ?, published_by = ? WHERE id = ?`,
		string(snap), FormatTime(at), by, o.ID); err != nil {
		return fmt.Errorf("store: publish report: %w", err)
	}
	return nil
}

// ImportedReport is a published report read by the reader and kept for comparison.
type ImportedReport struct {
	ID           int64
	GovernmentID int64
	FileName     string
	SHA256       string
	Report       *annualreport.Report
	CreatedAt    time.Time
}

// SaveImportedReport stores a read report, uploaded by who; the same file twice is refused.
func SaveImportedReport(ctx context.Context, tx *Tx, who account.Principal, govID int64, fileName, sha string, r *annualreport.Report) (int64, error) {
	// The agency's name is read from another body's file: bytes no field may hold are
	// shown as U+FFFD rather than stored (textcheck).
	r.Agency = textcheck.Clean(r.Agency, textcheck.Line)
	js, err := json.Marshal(r)
	if err != nil {
		return 0, err
	}
	id, err := Insert(ctx, tx, `INSERT INTO imported_reports (government_id, uploaded_by, file_name, sha256, agency_name, year, format, report_json, findings, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		govID, who.UserID, fileName, sha, r.Agency, r.Year, string(r.Format), string(js), len(r.Findings), FormatTime(time.Now()))
	if err != nil {
		if IsUniqueViolation(err) {
			return 0, apperr.Newf(apperr.Conflict, "文件“%s”已导入过", fileName)
		}
		return 0, fmt.Errorf("store: import report: %w", err)
	}
	_, err = Audit(ctx, tx, change(who, "annual_report.import", "imported_report", id, 0, nil, map[string]any{"file": fileName, "agency": r.Agency, "year": r.Year, "findings": len(r.Findings)}, ""))
	return id, err
}

// ImportedReports lists a government's imported reports by agency and year.
func ImportedReports(ctx context.Context, q Queryer, govID int64) ([]ImportedReport, error) {
	rows, err := q.Query(ctx, `SELECT id, government_id, file_name, sha256, report_json, created_at FROM imported_reports WHERE government_id = ? ORDER BY agency_name, year, id`, govID)
	if err != nil {
		return nil, fmt.Errorf("store: imported reports: %w", err)
	}
	defer rows.Close()
	var out []ImportedReport
	for rows.Next() {
		var ir ImportedReport
		var js, at string
		if err := rows.Scan(&ir.ID, &ir.GovernmentID, &ir.FileName, &ir.SHA256, &js, &at); err != nil {
			return nil, err
		}
		ir.Report = &annualreport.Report{}
		if err := json.Unmarshal([]byte(js), ir.Report); err != nil {
			return nil, fmt.Errorf("store: imported report %d: %w", ir.ID, err)
		}
		ir.CreatedAt, _ = ParseTime(at)
		out = append(out, ir)
	}
	return out, rows.Err()
}

// ImportedReportByID finds one imported report.
func ImportedReportByID(ctx context.Context, q Queryer, id int64) (ImportedReport, error) {
	var ir ImportedReport
	var js, at string
	err := q.QueryRow(ctx, `SELECT id, government_id, file_name, sha256, report_json, created_at FROM imported_reports WHERE id = ?`, id).Scan(&ir.ID, &ir.GovernmentID, &ir.FileName, &ir.SHA256, &js, &at)
	if err != nil {
		return ir, notFound(err, "报告不存在")
	}
	ir.Report = &annualreport.Report{}
	if err := json.Unmarshal([]byte(js), ir.Report); err != nil {
		return ir, err
	}
	ir.CreatedAt, _ = ParseTime(at)
	return ir, nil
}
