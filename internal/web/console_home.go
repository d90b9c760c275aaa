package web

import (
	"net/http"

	"gongkai/internal/agency"
	"gongkai/internal/store"
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
	a, err := store.AgencyByID(r.Context(), s.db, p.AgencyID)
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
	p := principal(r)
	all, err := s.db.Agencies().List(r.Context(), 0)
	if err != nil {
		return nil, err
	}
	var out []agency.Agency
	for _, a := range all {
		if p.CanRead(a.ID, a.GovernmentID) {
			out = append(out, a)
		}
	}
	return out, nil
}
