package web

import (
	"net/http"
)

func (s *Server) portalHome(w http.ResponseWriter, r *http.Request) error {
	govs, err := s.db.Agencies().Governments(r.Context())
	if err != nil {
		return err
	}
	type govView struct {
		Name     string
		Agencies any
	}
	var list []govView
	for _, g := range govs {
		as, err := s.db.Agencies().List(r.Context(), g.ID)
		if err != nil {
			return err
		}
		list = append(list, govView{g.Name, as})
	}
	return s.render(w, r, "portal/home.html", map[string]any{"Governments": list})
}

func (s *Server) portalAgency(w http.ResponseWriter, r *http.Request) error {
	a, err := s.agencyFromPath(r)
	if err != nil {
		return err
	}
	return s.render(w, r, "portal/agency.html", map[string]any{"Agency": a})
}
