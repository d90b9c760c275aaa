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
	"gongkai/internal/annualreport/compose"
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
	var rows []yearRow
	for y := current; y >= current-4; y-- {
		o, err := store.OwnReportFor(r.Context(), s.db, agencyID, y)
		if err != nil {
			return err
		}
		rows = append(rows, yearRow{y, o.Published, o.ID != 0})
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
	year := s.now().Year()
	last, err := store.OwnReportFor(r.Context(), s.db, agencyID, year-1)
	if err != nil || !last.Published {
		return last, nil, err
	}
	current, err = store.OwnReportFor(r.Context(), s.db, agencyID, year)
	return current, &last, err
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

// composeReport counts the agency's report for year from the records.
func (s *Server) composeReport(r *http.Request, agencyID int64, year int) (*annualreport.Report, store.OwnReport, error) {
	a, err := s.readableAgency(r, agencyID)
	if err != nil {
		return nil, store.OwnReport{}, err
	}
	figs, err := store.ReportFigures(r.Context(), s.db, agencyID, year)
	if err != nil {
		return nil, store.OwnReport{}, err
	}
	rep := compose.Build(a.Name, year, figs)
	o, err := store.OwnReportFor(r.Context(), s.db, agencyID, year)
	if err != nil {
		return nil, o, err
	}
	// Cross-year: last year's published report, when there is one.
	if prev, err := store.OwnReportFor(r.Context(), s.db, agencyID, year-1); err == nil && prev.Snapshot != nil {
		rep.Findings = append(rep.Findings, annualreport.CheckYears(prev.Snapshot, rep)...)
	}
	return rep, o, nil
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
	rep, o, err := s.composeReport(r, agencyID, year)
	if err != nil {
		return err
	}
	return s.renderReportEdit(w, r, http.StatusOK, rep, o, "")
}

func (s *Server) renderReportEdit(w http.ResponseWriter, r *http.Request, status int, rep *annualreport.Report, o store.OwnReport, msg string) error {
	return s.renderWith(w, r, status, "console/report.html", map[string]any{
		"Report": rep, "Own": o, "Error": msg,
		"CanEdit": principal(r).CanWrite(o.AgencyID), "Title": annualreport.Title(rep),
	})
}

func narrativeFromForm(r *http.Request) (compose.Narrative, error) {
	n := compose.Narrative{Overview: r.PostFormValue("overview"), Problems: r.PostFormValue("problems"), Other: r.PostFormValue("other")}
	if v := strings.TrimSpace(r.PostFormValue("fee_yuan")); v != "" {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f < 0 {
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
	n, err := narrativeFromForm(r)
	if err == nil {
		err = s.db.InTx(r.Context(), func(tx *store.Tx) error {
			return store.SaveNarrative(r.Context(), tx, actor(r), p.AgencyID, year, n)
		})
	}
	if err != nil && apperr.CodeOf(err) != apperr.Internal {
		rep, o, cerr := s.composeReport(r, p.AgencyID, year)
		if cerr != nil {
			return cerr
		}
		o.Narrative = n
		return s.renderReportEdit(w, r, http.StatusBadRequest, rep, o, apperr.MessageOf(err))
	}
	if err != nil {
		return err
	}
	return redirect(w, r, "/console/reports/"+strconv.Itoa(year), "已保存草稿")
}

func (s *Server) reportPublish(w http.ResponseWriter, r *http.Request) error {
	year, err := pathYear(r)
	if err != nil {
		return err
	}
	p := principal(r)
	rep, o, err := s.composeReport(r, p.AgencyID, year)
	if err != nil {
		return err
	}
	err = s.db.InTx(r.Context(), func(tx *store.Tx) error {
		return store.PublishReport(r.Context(), tx, actor(r), rep, p.AgencyID, strings.TrimSpace(r.PostFormValue("reason")), s.now())
	})
	if err != nil && apperr.CodeOf(err) != apperr.Internal {
		return s.renderReportEdit(w, r, statusOf[apperr.CodeOf(err)], rep, o, apperr.MessageOf(err))
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
	list, err := store.ImportedReports(r.Context(), s.db, principal(r).GovernmentID)
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
	list, err := store.ImportedReports(r.Context(), s.db, principal(r).GovernmentID)
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
			err = s.db.InTx(r.Context(), func(tx *store.Tx) error {
				id, err := store.SaveImportedReport(r.Context(), tx, actor(r), p.GovernmentID, res.File, hex.EncodeToString(sum[:]), rep)
				res.ID = id
				return err
			})
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
	ir, err := store.ImportedReportByID(r.Context(), s.db, id)
	if err != nil {
		return err
	}
	if ir.GovernmentID != principal(r).GovernmentID && !principal(r).Has(sysAdmin) {
		return apperr.New(apperr.NotFound, "报告不存在")
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
	list, err := store.PublishedReports(r.Context(), s.db, a.ID)
	if err != nil {
		return err
	}
	return s.render(w, r, "portal/reports.html", map[string]any{"Agency": a, "Reports": list})
}

func (s *Server) portalReport(w http.ResponseWriter, r *http.Request) error {
	year, err := pathYear(r)
	if err != nil {
		return err
	}
	a, err := s.agencyFromPath(r)
	if err != nil {
		return err
	}
	o, err := store.OwnReportFor(r.Context(), s.db, a.ID, year)
	if err != nil {
		return err
	}
	if !o.Published || o.Snapshot == nil {
		return apperr.New(apperr.NotFound, "该年度报告尚未发布")
	}
	rep := *o.Snapshot
	n := annualreport.Narrative(o.PublishedNarrative)
	rep.Narrative = &n
	return s.render(w, r, "portal/report.html", map[string]any{
		"Agency": a, "Own": o, "Report": &rep, "Title": annualreport.Title(&rep),
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
