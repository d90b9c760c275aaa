package web

import "net/http"

// dashboardWidgets collects the console home page blocks of the domain areas. Each area
// adds one call here; the annual report's block is added by consoleHome, which also needs
// its year for the quick action.
func (s *Server) dashboardWidgets(r *http.Request) ([]dashboardWidget, error) {
	var out []dashboardWidget
	if ws, err := s.applicationWidgets(r); err != nil {
		return nil, err
	} else {
		out = append(out, ws...)
	}
	if ws, err := s.letterWidgets(r); err != nil {
		return nil, err
	} else {
		out = append(out, ws...)
	}
	if ws, err := s.catalogWidgets(r); err != nil {
		return nil, err
	} else {
		out = append(out, ws...)
	}
	if ws, err := s.oversightWidgets(r); err != nil {
		return nil, err
	} else {
		out = append(out, ws...)
	}
	if ws, err := s.columnWidgets(r); err != nil {
		return nil, err
	} else {
		out = append(out, ws...)
	}
	return out, nil
}
