package web

import (
	"net/http"

	"gongkai/internal/agency"
)

// dashboardWidget is a block on the console home page contributed by a domain area.
type dashboardWidget struct {
	Title string
	Items []dashboardItem
	Link  string
}

type dashboardItem struct {
	Label string
	Value string
	Href  string
	Warn  bool
}

func (s *Server) consoleHome(w http.ResponseWriter, r *http.Request) error {
	p := principal(r)
	a, err := s.db.Agencies().Get(r.Context(), p.AgencyID)
	if err != nil {
		return err
	}
	widgets, err := s.dashboardWidgets(r)
	if err != nil {
		return err
	}
	data := map[string]any{"Agency": a, "Widgets": widgets}
	if p.HasAny(clerk, head) {
		// The annual report in progress: a widget and the quick action to open it.
		current, last, err := s.reportInProgress(r, p.AgencyID)
		if err != nil {
			return err
		}
		data["Widgets"] = append(widgets, s.reportWidgets(current, last)...)
		data["ReportYear"] = current.Year
	}
	return s.render(w, r, "console/home.html", data)
}

// visibleAgencies lists the agencies the signed-in user may read.
func (s *Server) visibleAgencies(r *http.Request) ([]agency.Agency, error) {
	return s.db.Agencies().Readable(r.Context(), principal(r))
}
