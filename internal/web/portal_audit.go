package web

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"slices"

	"gongkai/internal/auditlog"
)

// auditRoutes publishes the signed checkpoints of the audit log, so that anyone may save
// them and later prove a rewrite of the log (see internal/auditlog, Checkpoint).
func (s *Server) auditRoutes() {
	s.public("GET /audit/checkpoints", s.auditCheckpointsPage)
	s.public("GET /audit/checkpoints.json", s.auditCheckpointsJSON)
}

func (s *Server) publishedCheckpoints(r *http.Request) (auditlog.Published, error) {
	cps, err := s.db.AuditLog().Checkpoints(r.Context())
	if err != nil {
		return auditlog.Published{}, err
	}
	p := auditlog.Published{Format: auditlog.PublishedFormat, PublicKeys: []string{}, Checkpoints: cps}
	if s.opts.AuditPublicKey != nil {
		p.PublicKeys = append(p.PublicKeys, base64.StdEncoding.EncodeToString(s.opts.AuditPublicKey))
	}
	for _, c := range cps {
		if !slices.Contains(p.PublicKeys, c.PublicKey) {
			p.PublicKeys = append(p.PublicKeys, c.PublicKey)
		}
	}
	if p.Checkpoints == nil {
		p.Checkpoints = []auditlog.Checkpoint{}
	}
	return p, nil
}

func (s *Server) auditCheckpointsPage(w http.ResponseWriter, r *http.Request) error {
	p, err := s.publishedCheckpoints(r)
	if err != nil {
		return err
	}
	newest := slices.Clone(p.Checkpoints)
	slices.Reverse(newest)
	return s.render(w, r, "portal/audit_checkpoints.html", map[string]any{"P": p, "Newest": newest})
}

func (s *Server) auditCheckpointsJSON(w http.ResponseWriter, r *http.Request) error {
	p, err := s.publishedCheckpoints(r)
	if err != nil {
		return err
	}
	b, err := json.MarshalIndent(p, "", " ")
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "public, max-age=300")
	h.Set("Content-Disposition", `inline; filename="gongkai-audit-checkpoints.json"`)
	_, err = w.Write(append(b, '\n'))
	return err
}
