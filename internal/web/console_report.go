package web

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"gongkai/internal/annualreport"
	"gongkai/internal/annualreport/reader"
	"gongkai/internal/annualreport/workbook"
	"gongkai/internal/apperr"
	"gongkai/internal/catalog"
	"gongkai/internal/store"
	"gongkai/internal/workday"
)

func (s *Server) reportRoutes() {
	s.console("GET /console/reports", nil, s.reportYears)
	s.console("GET /console/reports/{year}", nil, s.reportEdit)
	s.console("POST /console/reports/{year}", roles(clerk, head), s.reportSave)
	s.console("POST /console/reports/{year}/publish", roles(head), s.reportPublish)
	s.console("GET /console/imports", roles(openOffice), s.importList)
	s.console("POST /console/imports", roles(openOffice), s.importUpload)
	s.console("GET /console/imports/{id}", roles(openOffice), s.importShow)
	s.console("GET /console/imports.xlsx", roles(openOffice), s.importExport)
	s.public("GET /agencies/{id}/reports", s.portalReports)
	s.public("GET /agencies/{id}/reports/{year}", s.portalReport)
	s.public("GET /agencies/{id}/reports/{year}/report.docx", s.portalReportDOCX)
	s.public("GET /agencies/{id}/reports/{year}/report.xlsx", s.portalReportXLSX)
	s.public("GET /agencies/{id}/reports/{year}/print", s.portalReportPrint)
}

func pathYear(r *http.Request) (int, error) {
	y, err := strconv.Atoi(r.PathValue("year"))
	if err != nil || y < 2008 || y > 2100 {
		return 0, apperr.New(apperr.NotFound, "年度不存在")
	}
	return y, nil
}

func (s *Server) reportYears(w http.ResponseWriter, r *http.Request) error {
	agencyID, err := s.agencyParam(r)
	if err != nil {
		return err
	}
	current := s.now().Year()
	type yearRow struct {
		Year      int
		Published bool
		Drafted   bool
	}
	var years []int
	for y := current; y >= current-4 && y >= annualreport.FirstYear; y-- {
		years = append(years, y)
	}
	list, err := s.db.Reports().Years(r.Context(), principal(r), agencyID, years)
	if err != nil {
		return err
	}
	var rows []yearRow
	for _, o := range list {
		rows = append(rows, yearRow{o.Year, o.Published, o.ID != 0})
	}
	agencies, err := s.visibleAgencies(r)
	if err != nil {
		return err
	}
	return s.render(w, r, "console/reports.html", map[string]any{"Years": rows, "AgencyID": agencyID, "Agencies": agencies, "Due": current})
}

// reportInProgress is the annual report the agency is working on: last year's until it is
// published (it is due by 31 January), then this year's. It returns that report's record
// and, when it is this year's, last year's published one.
func (s *Server) reportInProgress(r *http.Request, agencyID int64) (current store.OwnReport, published *store.OwnReport, err error) {
	return s.db.Reports().InProgress(r.Context(), principal(r), agencyID, s.now())
}

// reportWidgets shows on the console home page where the annual report stands: current
// and last as reportInProgress returns them.
func (s *Server) reportWidgets(current store.OwnReport, last *store.OwnReport) []dashboardWidget {
	state := "未编写"
	if current.ID != 0 {
		state = "草稿"
	}
	due := time.Date(current.Year+1, time.January, 31, 0, 0, 0, 0, time.UTC)
	today := workday.Of(s.now())
	if today.After(due) {
		state += "，已逾期"
	}
	w := dashboardWidget{Title: "年度报告", Link: "/console/reports", Items: []dashboardItem{{
		Label: strconv.Itoa(current.Year) + "年度报告（" + strconv.Itoa(current.Year+1) + "年1月31日前发布）",
		Value: state, Href: "/console/reports/" + strconv.Itoa(current.Year),
		Warn: !today.Before(due.AddDate(0, 0, -30)),
	}}}
	if last != nil {
		w.Items = append(w.Items, dashboardItem{Label: strconv.Itoa(last.Year) + "年度报告", Value: "已发布", Href: "/console/reports/" + strconv.Itoa(last.Year)})
	}
	return []dashboardWidget{w}
}

func (s *Server) reportEdit(w http.ResponseWriter, r *http.Request) error {
	year, err := pathYear(r)
	if err != nil {
		return err
	}
	agencyID, err := s.agencyParam(r)
	if err != nil {
		return err
	}
	d, err := s.db.Reports().Draft(r.Context(), principal(r), agencyID, year)
	if err != nil {
		return err
	}
	if r.URL.Query().Get("draft") == "overview" {
		// Section 一 drafted from the records, put in the form for staff to keep or
		// rewrite; nothing is saved until they save.
		text, err := s.db.Reports().DraftOverview(r.Context(), principal(r), agencyID, year)
		if err != nil {
			return err
		}
		d.Own.Narrative.Overview = text
		return s.renderReportEditWith(w, r, http.StatusOK, d, "", true)
	}
	return s.renderReportEdit(w, r, http.StatusOK, d, "")
}

func (s *Server) renderReportEdit(w http.ResponseWriter, r *http.Request, status int, d store.ReportDraft, msg string) error {
	return s.renderReportEditWith(w, r, status, d, msg, false)
}

// renderReportEditWith is the report page; drafted says the form holds section 一 drafted
// from the records and not yet saved.
func (s *Server) renderReportEditWith(w http.ResponseWriter, r *http.Request, status int, d store.ReportDraft, msg string, drafted bool) error {
	p := principal(r)
	return s.renderWith(w, r, status, "console/report.html", map[string]any{
		"Report": d.Report, "Own": d.Own, "FeeFromRecords": d.FeeFromRecords, "Error": msg, "Title": annualreport.Title(d.Report), "Drafted": drafted,
		"CanEdit":    annualreport.CanDraft(p, d.Agency.ID, d.Agency.GovernmentID),
		"CanPublish": annualreport.CanPublish(p, d.Agency.ID, d.Agency.GovernmentID),
		// Publication: not before the year is over; the cases still open are named and
		// confirmed with their fingerprint.
		"YearOver": !s.now().Before(d.PublishableFrom), "PublishableFrom": d.PublishableFrom,
		"Open": d.Open, "OpenFingerprint": d.Open.Fingerprint(), "OpenSummary": d.Open.Summary(),
	})
}

// narrativeForm reads the narrative form; a fee that is not a number is apperr.Invalid.
func narrativeForm(r *http.Request) (annualreport.Narrative, error) {
	n := annualreport.Narrative{Overview: r.PostFormValue("overview"), Problems: r.PostFormValue("problems"), Other: r.PostFormValue("other")}
	if v := strings.TrimSpace(r.PostFormValue("fee_yuan")); v != "" {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return n, apperr.New(apperr.Invalid, "信息处理费应为不小于 0 的数字（单位：元）")
		}
		n.FeeYuan = f
	}
	return n, nil
}

func (s *Server) reportSave(w http.ResponseWriter, r *http.Request) error {
	year, err := pathYear(r)
	if err != nil {
		return err
	}
	p := principal(r)
	n, err := narrativeForm(r)
	if err == nil {
		err = s.db.Reports().SaveNarrative(r.Context(), p, p.AgencyID, year, n)
	}
	if c := apperr.CodeOf(err); err != nil && c == apperr.Invalid {
		d, derr := s.db.Reports().Draft(r.Context(), p, p.AgencyID, year)
		if derr != nil {
			return derr
		}
		d.Own.Narrative = n // what was typed stays in the form
		return s.renderReportEdit(w, r, apperr.HTTPStatus(err), d, apperr.MessageOf(err))
	}
	if err != nil {
		return err
	}
	return redirect(w, r, "/console/reports/"+strconv.Itoa(year), "已保存草稿")
}

// reportPublish publishes the report, or with a reason, corrects the published one.
func (s *Server) reportPublish(w http.ResponseWriter, r *http.Request) error {
	year, err := pathYear(r)
	if err != nil {
		return err
	}
	p := principal(r)
	confirm := r.PostFormValue("confirm_open") // the open cases' fingerprint, when ticked
	if reason := strings.TrimSpace(r.PostFormValue("reason")); reason != "" {
		err = s.db.Reports().Correct(r.Context(), p, p.AgencyID, year, reason, s.now(), confirm)
	} else {
		err = s.db.Reports().Publish(r.Context(), p, p.AgencyID, year, s.now(), confirm)
	}
	if c := apperr.CodeOf(err); err != nil && (c == apperr.Invalid || c == apperr.Conflict) {
		d, derr := s.db.Reports().Draft(r.Context(), p, p.AgencyID, year)
		if derr != nil {
			return derr
		}
		return s.renderReportEdit(w, r, apperr.HTTPStatus(err), d, apperr.MessageOf(err))
	}
	if err != nil {
		return err
	}
	return redirect(w, r, "/console/reports/"+strconv.Itoa(year), "已发布，公众可在门户查看")
}

// Imports: a 政务公开办 reads the published reports of its government's agencies.

// maxReportFile bounds one uploaded report.
const maxReportFile = 8 << 20

func (s *Server) importList(w http.ResponseWriter, r *http.Request) error {
	return s.renderImports(w, r, http.StatusOK, nil, "")
}

type importResult struct {
	File     string
	ID       int64
	Agency   string
	Year     int
	Format   string
	Findings int
	Error    string
}

func (s *Server) renderImports(w http.ResponseWriter, r *http.Request, status int, results []importResult, msg string) error {
	list, err := s.db.Reports().Imported(r.Context(), principal(r))
	if err != nil {
		return err
	}
	// Cross-year findings between consecutive years of one agency.
	byAgency := map[string]map[int]*annualreport.Report{}
	for _, ir := range list {
		if byAgency[ir.Report.Agency] == nil {
			byAgency[ir.Report.Agency] = map[int]*annualreport.Report{}
		}
		byAgency[ir.Report.Agency][ir.Report.Year] = ir.Report
	}
	type cross struct {
		Agency   string
		Year     int
		Findings []annualreport.Finding
	}
	var crosses []cross
	for agency, years := range byAgency {
		for y, rep := range years {
			if prev, ok := years[y-1]; ok && agency != "" {
				if fs := annualreport.CheckYears(prev, rep); len(fs) > 0 {
					crosses = append(crosses, cross{agency, y, fs})
				}
			}
		}
	}
	sort.Slice(crosses, func(i, j int) bool {
		if crosses[i].Agency != crosses[j].Agency {
			return crosses[i].Agency < crosses[j].Agency
		}
		return crosses[i].Year < crosses[j].Year
	})
	return s.renderWith(w, r, status, "console/imports.html", map[string]any{
		"Reports": list, "Results": results, "Error": msg, "Cross": crosses, "KeyCells": keyCells,
	})
}

// importExport downloads every imported report of the government as a workbook: one
// row per report, one column per cell, and the findings.
func (s *Server) importExport(w http.ResponseWriter, r *http.Request) error {
	list, err := s.db.Reports().Imported(r.Context(), principal(r))
	if err != nil {
		return err
	}
	reports := make([]*annualreport.Report, 0, len(list))
	for _, ir := range list {
		rep := *ir.Report
		rep.File = ir.FileName
		reports = append(reports, &rep)
	}
	data, err := workbook.Write(reports)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", catalog.XLSX.ContentType())
	w.Header().Set("Content-Disposition", contentDisposition("政府信息公开工作年度报告汇总-"+s.now().Format("20060102")+".xlsx"))
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.Write(data)
	return nil
}

// keyCells are the figures the comparison table shows.
var keyCells = []struct{ ID, Label string }{
	{"applications.new.total", "本年新收申请"},
	{"applications.granted.total", "予以公开"},
	{"applications.total.total", "办理结果总计"},
	{"applications.carried_out.total", "结转下年度"},
	{"appeals.reconsideration.total", "行政复议"},
	{"appeals.litigation_direct.total", "直接起诉"},
}

func (s *Server) importUpload(w http.ResponseWriter, r *http.Request) error {
	if r.MultipartForm == nil {
		return s.renderImports(w, r, http.StatusBadRequest, nil, "请选择要导入的报告文件（"+strings.Join(reader.Extensions, "、")+"）")
	}
	files := r.MultipartForm.File["files"]
	if len(files) == 0 {
		return s.renderImports(w, r, http.StatusBadRequest, nil, "请选择要导入的报告文件（"+strings.Join(reader.Extensions, "、")+"）")
	}
	p := principal(r)
	var results []importResult
	for _, fh := range files {
		res := importResult{File: filepath.Base(fh.Filename)}
		switch {
		case !reader.Supported(fh.Filename):
			res.Error = "不支持的文件类型，请上传 " + strings.Join(reader.Extensions, "、") + " 文件"
		case fh.Size > maxReportFile:
			res.Error = "文件超过 8 MB"
		}
		if res.Error == "" {
			f, err := fh.Open()
			if err != nil {
				return err
			}
			data, err := io.ReadAll(io.LimitReader(f, maxReportFile+1))
			f.Close()
			if err != nil {
				return err
			}
			sum := sha256.Sum256(data)
			rep := reader.Read(res.File, data)
			res.Agency, res.Year, res.Format, res.Findings = rep.Agency, rep.Year, string(rep.Format), len(rep.Findings)
			res.ID, err = s.db.Reports().Import(r.Context(), p, res.File, hex.EncodeToString(sum[:]), rep)
			if err != nil {
				if apperr.CodeOf(err) == apperr.Internal {
					return err
				}
				res.Error = apperr.MessageOf(err)
			}
		}
		results = append(results, res)
	}
	return s.renderImports(w, r, http.StatusOK, results, "")
}

func (s *Server) importShow(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	ir, err := s.db.Reports().ImportedByID(r.Context(), principal(r), id)
	if err != nil {
		return err
	}
	var tabled *annualreport.Report // the report when its tables are of a national format
	if ir.Report.Format == annualreport.Format2019 || ir.Report.Format == annualreport.Format2021 {
		tabled = ir.Report
	}
	type cellRow struct {
		ID, Label, Value string
	}
	var cells []cellRow
	for _, cid := range annualreport.CellIDs(ir.Report.Format) {
		v := "（空）"
		if p := ir.Report.Cells[cid]; p != nil {
			v = annualreport.FormatNumber(*p)
		}
		cells = append(cells, cellRow{cid, annualreport.CellLabel(ir.Report.Format, cid), v})
	}
	return s.render(w, r, "console/import.html", map[string]any{"Imported": ir, "Tabled": tabled, "Cells": cells})
}

// Portal.

func (s *Server) portalReports(w http.ResponseWriter, r *http.Request) error {
	a, err := s.agencyFromPath(r)
	if err != nil {
		return err
	}
	list, err := s.db.Reports().PublishedList(r.Context(), a.ID)
	if err != nil {
		return err
	}
	earlier, err := s.earlierReports(r, a.ID, list)
	if err != nil {
		return err
	}
	return s.render(w, r, "portal/reports.html", map[string]any{"Agency": a, "Reports": list, "Earlier": earlier})
}

func (s *Server) portalReport(w http.ResponseWriter, r *http.Request) error {
	a, o, err := s.publishedReport(r)
	if err != nil {
		return err
	}
	return s.render(w, r, "portal/report.html", map[string]any{
		"Agency": a, "Own": o, "Report": o.Snapshot, "Title": annualreport.Title(o.Snapshot),
	})
}

// findingGroups splits findings for display: blank cells are listed compactly, every other
// finding gets a row.
type findingGroups struct {
	Others []annualreport.Finding
	Blank  []string // cell ids
}

func groupFindings(fs []annualreport.Finding) findingGroups {
	var g findingGroups
	for _, f := range fs {
		if f.Rule == annualreport.RuleBlankCell && f.Cell != "" {
			g.Blank = append(g.Blank, f.Cell)
			continue
		}
		g.Others = append(g.Others, f)
	}
	return g
}
