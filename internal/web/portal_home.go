package web

import (
	"net/http"

	"gongkai/internal/catalog"
)

func (s *Server) portalHome(w http.ResponseWriter, r *http.Request) error {
	govs, err := s.db.Agencies().Governments(r.Context())
	if err != nil {
		return err
	}
	type govView struct {
		ID       int64
		Name     string
		Agencies any
	}
	var list []govView
	for _, g := range govs {
		as, err := s.db.Agencies().List(r.Context(), g.ID)
		if err != nil {
			return err
		}
		list = append(list, govView{g.ID, g.Name, as})
	}
	latest, err := s.db.Portal().Recent(r.Context(), 0, 10)
	if err != nil {
		return err
	}
	open, err := s.db.Portal().Notices(r.Context(), 0, 0, catalog.ChinaDay(s.now()), true, 10)
	if err != nil {
		return err
	}
	return s.render(w, r, "portal/home.html", map[string]any{"Governments": list, "Latest": latest, "OpenNotices": open})
}
