package web

import (
	"net/http"
	"time"

	"gongkai/internal/annualreport"
	"gongkai/internal/annualreport/compose"
	"gongkai/internal/store"
)

// The 政务公开办 compiles the government-level report (本级政府, due 31 March) from every
// agency of its government, and follows which agencies have published theirs (due 31 January).

func (s *Server) govReportRoutes() {
	s.console("GET /console/reports/government/{year}", roles(openOffice), s.govReport)
}

type agencyReportStatus struct {
	AgencyID  int64
	Name      string
	Published bool
	Late      bool // published after 31 January, or not yet published past it
	Findings  int
	Report    *annualreport.Report
}

func (s *Server) govReport(w http.ResponseWriter, r *http.Request) error {
	year, err := pathYear(r)
	if err != nil {
		return err
	}
	p := principal(r)
	govs, err := s.db.Governments(r.Context())
	if err != nil {
		return err
	}
	govName := ""
	for _, g := range govs {
		if g.ID == p.GovernmentID {
			govName = g.Name
		}
	}
	agencies, err := s.db.Agencies(r.Context(), p.GovernmentID)
	if err != nil {
		return err
	}
	deadline := time.Date(year+1, 1, 31, 23, 59, 59, 0, chinaTime)
	var rows []agencyReportStatus
	var parts []*annualreport.Report
	for _, a := range agencies {
		figs, err := store.ReportFigures(r.Context(), s.db, a.ID, year)
		if err != nil {
			return err
		}
		rep := compose.Build(a.Name, year, figs)
		o, err := store.OwnReportFor(r.Context(), s.db, a.ID, year)
		if err != nil {
			return err
		}
		st := agencyReportStatus{AgencyID: a.ID, Name: a.Name, Published: o.Published, Findings: len(rep.Findings), Report: rep}
		if o.Published {
			st.Late = o.PublishedAt.After(deadline)
		} else {
			st.Late = s.now().After(deadline)
		}
		rows = append(rows, st)
		parts = append(parts, rep)
	}
	total := sumReports(govName, year, parts)
	return s.render(w, r, "console/govreport.html", map[string]any{
		"Year": year, "Government": govName, "Agencies": rows, "Report": total,
		"Deadline": deadline, "PrevYear": year - 1, "NextYear": year + 1,
	})
}

// sumReports adds the figures of several 2021-format reports cell by cell; a cell is blank
// when it is blank in any part, so that a gap is never hidden by the sum.
func sumReports(name string, year int, parts []*annualreport.Report) *annualreport.Report {
	out := annualreport.NewReport(name, year, annualreport.Format2021)
	for id := range out.Cells {
		var sum float64
		ok := len(parts) > 0
		for _, p := range parts {
			v := p.Cells[id]
			if v == nil {
				ok = false
				break
			}
			sum += *v
		}
		if ok {
			out.Cells[id] = annualreport.Num(sum)
		}
	}
	out.Sections = []string{"一", "二", "三", "四", "五", "六"}
	out.Findings = annualreport.Check(out)
	return out
}
