package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"gongkai/internal/account"
	"time"

	"gongkai/internal/appeal"
	"gongkai/internal/apperr"
)

const appealColumns = `id, agency_id, COALESCE(application_id, 0), kind, case_no, organ, filed_on, result, decided_on, co_defendant_organ, note`

func scanAppeal(sc interface{ Scan(...any) error }) (appeal.Appeal, error) {
	var a appeal.Appeal
	var kind, result, filed, decided string
	var co int
	if err := sc.Scan(&a.ID, &a.AgencyID, &a.ApplicationID, &kind, &a.CaseNo, &a.Organ, &filed, &result, &decided, &co, &a.Note); err != nil {
		return a, err
	}
	a.Kind, a.Result, a.CoDefendantOrgan = appeal.Kind(kind), appeal.Result(result), co != 0
	a.FiledOn, _ = ParseDay(filed)
	if decided != "" {
		a.DecidedOn, _ = ParseDay(decided)
	}
	return a, nil
}

func dayOrEmpty(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return FormatDay(t)
}

// saveAppeal creates (ID 0) or updates an appeal, audited. today bounds the dates.
func saveAppeal(ctx context.Context, tx *Tx, who account.Principal, a *appeal.Appeal, today time.Time) error {
	if err := a.Validate(today); err != nil {
		return err
	}
	linked, err := linkedApplication(ctx, tx, a.ApplicationID)
	if err != nil {
		return err
	}
	if err := a.CheckLink(linked); err != nil {
		return err
	}
	args := []any{a.AgencyID, nullInt(a.ApplicationID), string(a.Kind), a.CaseNo, a.Organ, FormatDay(a.FiledOn), string(a.Result), dayOrEmpty(a.DecidedOn), boolInt(a.CoDefendantOrgan), a.Note}
	if a.ID == 0 {
		id, err := Insert(ctx, tx, `INSERT INTO appeals (agency_id, application_id, kind, case_no, organ, filed_on, result, decided_on, co_defendant_organ, note, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, append(args, FormatTime(time.Now()))...)
		if err != nil {
			return fmt.Errorf("store: create appeal: %w", err)
		}
		a.ID = id
		_, err = Audit(ctx, tx, change(who, "appeal.create", "appeal", id, a.AgencyID, nil, a, ""))
		return err
	}
	before, err := appealByID(ctx, tx, a.ID)
	if err != nil {
		return err
	}
	if before.AgencyID != a.AgencyID {
		return apperr.New(apperr.NotFound, "案件不存在")
	}
	if _, err := tx.Exec(ctx, `UPDATE appeals SET agency_id=?, application_id=?, kind=?, case_no=?, organ=?, filed_on=?, result=?, decided_on=?, co_defendant_organ=?, note=? WHERE id=?`, append(args, a.ID)...); err != nil {
		return fmt.Errorf("store: update appeal: %w", err)
	}
	_, err = Audit(ctx, tx, change(who, "appeal.update", "appeal", a.ID, a.AgencyID, before, a, ""))
	return err
}

// linkedApplication is what appeal.CheckLink needs of application id.
func linkedApplication(ctx context.Context, q Queryer, id int64) (appeal.LinkedApplication, error) {
	var l appeal.LinkedApplication
	if id <= 0 {
		return l, nil
	}
	err := q.QueryRow(ctx, `SELECT agency_id FROM applications WHERE id = ?`, id).Scan(&l.AgencyID)
	if errors.Is(err, sql.ErrNoRows) {
		return l, nil
	}
	if err != nil {
		return l, fmt.Errorf("store: linked application: %w", err)
	}
	l.Found = true
	return l, nil
}

// appealByID finds an appeal.
func appealByID(ctx context.Context, q Queryer, id int64) (appeal.Appeal, error) {
	a, err := scanAppeal(q.QueryRow(ctx, `SELECT `+appealColumns+` FROM appeals WHERE id = ?`, id))
	return a, notFound(err, "案件不存在")
}

// Appeals lists an agency's appeals, newest first; year 0 means every year.
func Appeals(ctx context.Context, q Queryer, agencyID int64, year int) ([]appeal.Appeal, error) {
	query := `SELECT ` + appealColumns + ` FROM appeals WHERE agency_id = ?`
	args := []any{agencyID}
	if year != 0 {
		query += ` AND filed_on >= ? AND filed_on <= ?`
		args = append(args, fmt.Sprintf("%04d-01-01", year), fmt.Sprintf("%04d-12-31", year))
	}
	rows, err := q.Query(ctx, query+` ORDER BY filed_on DESC, id DESC`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: appeals: %w", err)
	}
	defer rows.Close()
	var out []appeal.Appeal
	for rows.Next() {
		a, err := scanAppeal(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}
