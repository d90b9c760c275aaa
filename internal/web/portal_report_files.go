package web

import (
	"net/http"

	"gongkai/internal/agency"
	"gongkai/internal/annualreport"
	"gongkai/internal/annualreport/reportfile"
	"gongkai/internal/apperr"
	"gongkai/internal/store"
)

// The files of a published annual report on the portal: the Word document in the national
// layout, the workbook of its tables and the A4 print page. Each prints the snapshot
// published (a correction replaces it), never the figures as they stand today; anyone may
// have them (published reports are public, 第五十条).

const (
	docxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)

// publishedReport is the agency and its published report of the path's {id} and {year},
// through the Reports door; apperr.NotFound when the report is not published.
func (s *Server) publishedReport(r *http.Request) (agency.Agency, store.OwnReport, error) {
	year, err := pathYear(r)
	if err != nil {
		return agency.Agency{}, store.OwnReport{}, err
	}
	a, err := s.agencyFromPath(r)
	if err != nil {
		return agency.Agency{}, store.OwnReport{}, err
	}
	o, err := s.db.Reports().Published(r.Context(), a.ID, year)
	return a, o, err
}

func (s *Server) portalReportDOCX(w http.ResponseWriter, r *http.Request) error {
	_, o, err := s.publishedReport(r)
	if err != nil {
		return err
	}
	data, err := reportfile.DOCX(o.Snapshot, o.PublishedAt)
	if err != nil {
		return err
	}
	sendDownload(w, annualreport.Title(o.Snapshot)+".docx", docxType, data)
	return nil
}

func (s *Server) portalReportXLSX(w http.ResponseWriter, r *http.Request) error {
	_, o, err := s.publishedReport(r)
	if err != nil {
		return err
	}
	if len(annualreport.Grid(o.Snapshot)) == 0 {
		return apperr.New(apperr.NotFound, "该报告没有统计表格")
	}
	data, err := reportfile.XLSX(o.Snapshot, o.PublishedAt)
	if err != nil {
		return err
	}
	sendDownload(w, annualreport.Title(o.Snapshot)+"（统计表）.xlsx", xlsxType, data)
	return nil
}

func (s *Server) portalReportPrint(w http.ResponseWriter, r *http.Request) error {
	a, o, err := s.publishedReport(r)
	if err != nil {
		return err
	}
	return s.render(w, r, "portal/report_print.html", map[string]any{
		"Agency": a, "Own": o, "Report": o.Snapshot, "Title": annualreport.Title(o.Snapshot),
		"TitleLines": annualreport.TitleLines(o.Snapshot),
	})
}
