// Package compose makes an agency's own annual report from its records: table 二 from the
// catalog and the monthly enforcement figures, table 三 from the applications, table 四
// from the appeals, sections 一, 五 and 六 from what staff wrote. It is the only way an
// agency's report is made (the console, the portal's publication, the government summary,
// the command line and the demo all come through it). The figures are never typed in by
// hand, so the consistency rules hold by construction; Check still runs, as a guard, and
// names every cell the records cannot give.
package compose

import (
	"gongkai/internal/annualreport"
	"gongkai/internal/appeal"
	"gongkai/internal/catalog"
	"gongkai/internal/foirequest"
)

// Records are what an agency's report for Year is counted from.
type Records struct {
	Agency string // the agency's full name, for the title
	Year   int
	// Catalog is every item of the agency's catalog, in any state (table 二, 第（一）项).
	Catalog []catalog.Item
	// Monthly are the agency's monthly figures; other years than Year are ignored
	// (table 二, 第（五）（六）（八）项).
	Monthly []catalog.MonthlyFigures
	// Applications are the applications open at some time during Year (table 三).
	Applications []foirequest.Record
	// Appeals are the agency's appeals; those filed in Year are counted (table 四).
	Appeals []appeal.Appeal
	// Narrative is what staff saved for sections 一, 五 and 六; nil when nothing yet.
	Narrative *annualreport.Narrative
	// Previous is last year's published report, for the cross-year rules; nil when none.
	Previous *annualreport.Report
}

// Build returns the agency's report for in.Year in the format of that year (2019 format
// for 2019 and 2020, 2021 format from 2021; an earlier year is apperr.Invalid). Every cell
// of the format is present; a cell the records do not give stays blank and is named by a
// finding, as is every broken consistency rule, this year's or across years.
func Build(in Records) (*annualreport.Report, error) {
	f, err := annualreport.FormatFor(in.Year)
	if err != nil {
		return nil, err
	}
	year, err := catalog.SumYear(in.Monthly, in.Year)
	if err != nil {
		return nil, err
	}
	apps, err := foirequest.CountApplications(in.Applications, in.Year)
	if err != nil {
		return nil, err
	}
	r := annualreport.NewReport(in.Agency, in.Year, f)
	b := builder{r}
	switch f {
	case annualreport.Format2021:
		b.active2021(catalog.CountDocuments(in.Catalog, in.Year), year)
	case annualreport.Format2019:
		b.active2019(catalog.CountDocuments2019(in.Catalog, in.Year), year)
	}
	b.applications(apps)
	for id, v := range appeal.Table4(in.Appeals, in.Year) {
		b.set(id, float64(v))
	}
	annualreport.FillDerived(r)
	if in.Narrative != nil {
		n := *in.Narrative
		r.Narrative = &n
	}
	r.Sections = []string{"一", "二", "三", "四", "五", "六"}
	r.Findings = annualreport.Check(r)
	if in.Previous != nil {
		r.Findings = append(r.Findings, annualreport.CheckYears(in.Previous, r)...)
	}
	return r, nil
}

// builder fills the cells of one report.
type builder struct{ r *annualreport.Report }

// set fills cell id when the report's format has it.
func (b builder) set(id string, v float64) {
	if _, ok := b.r.Cells[id]; ok {
		b.r.Cells.Set(id, v)
	}
}

// active2021 is table 二 of the 2021 format: 第（一）项 from the catalog, the rest from the
// year's monthly figures.
func (b builder) active2021(docs catalog.DocCounts, y catalog.YearFigures) {
	for id, v := range docs.Cells() {
		b.set(id, v)
	}
	for id, v := range y.Cells() {
		b.set(id, v)
	}
}

// active2019 is table 二 of the 2019 format: 第（一）项 from the catalog, the 处理决定数量
// of 行政许可, 行政处罚 and 行政强制 from the monthly figures. The records hold no 项目数量
// (上一年项目数量, 本年增/减), no 其他对外管理服务事项 and no 政府集中采购: those cells stay
// blank and are named by findings.
func (b builder) active2019(docs catalog.DocCounts2019, y catalog.YearFigures) {
	for id, v := range docs.Cells() {
		b.set(id, v)
	}
	t := annualreport.TableActive2019
	b.set(annualreport.Cell(t, "licensing", "decisions"), float64(y.Licensing))
	b.set(annualreport.Cell(t, "penalty", "decisions"), float64(y.Penalty))
	b.set(annualreport.Cell(t, "enforcement", "decisions"), float64(y.Enforcement))
}

// applications is table 三. The 2019 format has one （六）其他处理 row where the 2021 format
// has three: it gets their sum.
func (b builder) applications(cells map[string]int) {
	for id, v := range cells {
		b.set(id, float64(v))
	}
	if b.r.Format != annualreport.Format2019 {
		return
	}
	for _, c := range annualreport.ApplicationColumns {
		sum := 0
		for _, row := range []string{"other.no_correction", "other.fee_unpaid", "other.other"} {
			sum += cells[foirequest.Cell(row, c)]
		}
		b.set(annualreport.Cell(annualreport.TableApplications, "other", c), float64(sum))
	}
}
