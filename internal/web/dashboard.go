package web

import "net/http"

// dashboardWidgets collects the console home page blocks of every domain area. Each area
// adds one call here.
func (s *Server) dashboardWidgets(r *http.Request) ([]dashboardWidget, error) {
	var out []dashboardWidget
	if ws, err := s.applicationWidgets(r); err != nil {
		return nil, err
	} else {
		out = append(out, ws...)
	}
	if ws, err := s.catalogWidgets(r); err != nil {
		return nil, err
	} else {
		out = append(out, ws...)
	}
	if ws, err := s.reportWidgets(r); err != nil {
		return nil, err
	} else {
		out = append(out, ws...)
	}
	return out, nil
}
