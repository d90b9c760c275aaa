package store

import (
	"context"

	"gongkai/internal/annualreport/compose"
	"gongkai/internal/appeal"
)

// ReportFigures counts the tables of an agency's annual report for year from its records:
// table 二 from the catalog and monthly figures, table 三 from the applications, table 四
// from the appeals.
func ReportFigures(ctx context.Context, q Queryer, agencyID int64, year int) (compose.Figures, error) {
	var f compose.Figures
	appeals, err := Appeals(ctx, q, agencyID, year)
	if err != nil {
		return f, err
	}
	f.Appeals = appeal.Table4(appeals, year)
	for _, fill := range reportFigureSources() {
		if err := fill(ctx, q, agencyID, year, &f); err != nil {
			return f, err
		}
	}
	return f, nil
}

// reportFigureSources lists the domain areas that fill tables 二 and 三.
func reportFigureSources() []func(ctx context.Context, q Queryer, agencyID int64, year int, f *compose.Figures) error {
	return []func(ctx context.Context, q Queryer, agencyID int64, year int, f *compose.Figures) error{
		catalogReportFigures,
		applicationReportFigures,
	}
}

// applicationReportFigures fills table 三 from the applications.
func applicationReportFigures(ctx context.Context, q Queryer, agencyID int64, year int, f *compose.Figures) error {
	cells, err := ApplicationTable3(ctx, q, agencyID, year)
	if err != nil {
		return err
	}
	f.Applications = cells
	return nil
}
