package web

import (
	"net/http"
)

// The 政务公开办 compiles the government-level report (本级政府, due 31 March) from every
// agency of its government, and follows which agencies have published theirs (due 31 January).

func (s *Server) govReportRoutes() {
	s.console("GET /console/reports/government/{year}", roles(openOffice), s.govReport)
}

func (s *Server) govReport(w http.ResponseWriter, r *http.Request) error {
	year, err := pathYear(r)
	if err != nil {
		return err
	}
	sum, err := s.db.Reports().Government(r.Context(), principal(r), year, s.now())
	if err != nil {
		return err
	}
	return s.render(w, r, "console/govreport.html", map[string]any{
		"Year": year, "Government": sum.Government, "Agencies": sum.Agencies, "Report": sum.Total,
		"Deadline": sum.Deadline, "PrevYear": year - 1, "NextYear": year + 1,
	})
}
