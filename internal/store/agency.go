package store

import (
	"context"
	"fmt"
	"gongkai/internal/account"
	"time"

	"gongkai/internal/agency"
	"gongkai/internal/apperr"
)

// createGovernment adds a government, audited.
func createGovernment(ctx context.Context, tx *Tx, who account.Principal, g *agency.Government) error {
	if g.Name == "" {
		return apperr.New(apperr.Invalid, "人民政府名称不能为空")
	}
	id, err := Insert(ctx, tx, `INSERT INTO governments (name, region, created_at) VALUES (?, ?, ?)`, g.Name, g.Region, FormatTime(time.Now()))
	if err != nil {
		if IsUniqueViolation(err) {
			return apperr.Newf(apperr.Conflict, "人民政府“%s”已存在", g.Name)
		}
		return fmt.Errorf("store: create government: %w", err)
	}
	g.ID = id
	_, err = Audit(ctx, tx, change(who, "government.create", "government", id, 0, nil, g, ""))
	return err
}

// listGovernments lists every government.
func listGovernments(ctx context.Context, q Queryer) ([]agency.Government, error) {
	rows, err := q.Query(ctx, `SELECT id, name, region FROM governments ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("store: governments: %w", err)
	}
	defer rows.Close()
	var out []agency.Government
	for rows.Next() {
		var g agency.Government
		if err := rows.Scan(&g.ID, &g.Name, &g.Region); err != nil {
			return nil, err
		}
		out = append(out, g)
	}
	return out, rows.Err()
}

// GovernmentByName finds a government by its exact name.
func GovernmentByName(ctx context.Context, q Queryer, name string) (agency.Government, error) {
	var g agency.Government
	err := q.QueryRow(ctx, `SELECT id, name, region FROM governments WHERE name = ?`, name).Scan(&g.ID, &g.Name, &g.Region)
	return g, notFound(err, fmt.Sprintf("人民政府“%s”不存在", name))
}

const agencyColumns = `id, government_id, name, short_name, credit_code, kind, office_name, office_address, office_postcode, office_phone, office_hours, office_email, website`

func scanAgency(sc interface{ Scan(...any) error }) (agency.Agency, error) {
	var a agency.Agency
	err := sc.Scan(&a.ID, &a.GovernmentID, &a.Name, &a.ShortName, &a.CreditCode, &a.Kind, &a.OfficeName, &a.OfficeAddress, &a.OfficePostcode, &a.OfficePhone, &a.OfficeHours, &a.OfficeEmail, &a.Website)
	return a, err
}

// createAgency adds an agency, audited.
func createAgency(ctx context.Context, tx *Tx, who account.Principal, a *agency.Agency) error {
	if err := a.Validate(); err != nil {
		return err
	}
	id, err := Insert(ctx, tx, `INSERT INTO agencies (government_id, name, short_name, credit_code, kind, office_name, office_address, office_postcode, office_phone, office_hours, office_email, website, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.GovernmentID, a.Name, a.ShortName, a.CreditCode, a.Kind, a.OfficeName, a.OfficeAddress, a.OfficePostcode, a.OfficePhone, a.OfficeHours, a.OfficeEmail, a.Website, FormatTime(time.Now()))
	if err != nil {
		if IsUniqueViolation(err) {
			return apperr.Newf(apperr.Conflict, "机关“%s”已存在", a.Name)
		}
		if IsForeignKeyViolation(err) {
			return apperr.New(apperr.Invalid, "所属人民政府不存在")
		}
		return fmt.Errorf("store: create agency: %w", err)
	}
	a.ID = id
	_, err = Audit(ctx, tx, change(who, "agency.create", "agency", id, id, nil, a, ""))
	return err
}

// updateAgency changes an agency's details, audited with before and after.
func updateAgency(ctx context.Context, tx *Tx, who account.Principal, a *agency.Agency) error {
	if err := a.Validate(); err != nil {
		return err
	}
	before, err := AgencyByID(ctx, tx, a.ID)
	if err != nil {
		return err
	}
	_, err = tx.Exec(ctx, `UPDATE agencies SET name=?, short_name=?, credit_code=?, office_name=?, office_address=?, office_postcode=?, office_phone=?, office_hours=?, office_email=?, website=? WHERE id=?`,
		a.Name, a.ShortName, a.CreditCode, a.OfficeName, a.OfficeAddress, a.OfficePostcode, a.OfficePhone, a.OfficeHours, a.OfficeEmail, a.Website, a.ID)
	if err != nil {
		if IsUniqueViolation(err) {
			return apperr.Newf(apperr.Conflict, "机关“%s”已存在", a.Name)
		}
		return fmt.Errorf("store: update agency: %w", err)
	}
	_, err = Audit(ctx, tx, change(who, "agency.update", "agency", a.ID, a.ID, before, a, ""))
	return err
}

// AgencyByID finds an agency.
func AgencyByID(ctx context.Context, q Queryer, id int64) (agency.Agency, error) {
	a, err := scanAgency(q.QueryRow(ctx, `SELECT `+agencyColumns+` FROM agencies WHERE id = ?`, id))
	return a, notFound(err, "机关不存在")
}

// AgencyByName finds an agency by its exact name.
func AgencyByName(ctx context.Context, q Queryer, name string) (agency.Agency, error) {
	a, err := scanAgency(q.QueryRow(ctx, `SELECT `+agencyColumns+` FROM agencies WHERE name = ?`, name))
	return a, notFound(err, fmt.Sprintf("机关“%s”不存在", name))
}

// listAgencies lists agencies, of one government when governmentID is not 0.
func listAgencies(ctx context.Context, qr Queryer, governmentID int64) ([]agency.Agency, error) {
	q := `SELECT ` + agencyColumns + ` FROM agencies`
	var args []any
	if governmentID != 0 {
		q += ` WHERE government_id = ?`
		args = append(args, governmentID)
	}
	rows, err := qr.Query(ctx, q+` ORDER BY id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: agencies: %w", err)
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
