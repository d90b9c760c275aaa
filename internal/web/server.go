// Package web serves gongkai's two faces: the public portal (门户) and the staff console
// (工作台). Handlers are methods on Server; the portal and console are separate route
// groups with their own middleware; templates and assets are embedded in the binary.
package web

import (
	"context"
	"crypto/ed25519"
	"log/slog"
	"net/http"
	"net/netip"
	"time"

	"gongkai/internal/store"
)

// Options configure the web server.
type Options struct {
	BaseURL      string
	SecureCookie bool
	Log          *slog.Logger
	Now          func() time.Time // the clock; time.Now when nil
	// TrustedProxies are the reverse proxies whose X-Forwarded-For is believed, so that
	// rate limits count visitors rather than the proxy.
	TrustedProxies []netip.Prefix
	// AuditPublicKey is the key of the audit checkpoints, published with them (nil: none
	// configured; the keys the checkpoints name are published all the same).
	AuditPublicKey ed25519.PublicKey
}

// Server holds the dependencies of every handler.
type Server struct {
	db   *store.DB
	log  *slog.Logger
	opts Options
	tmpl *templates
	mux  *http.ServeMux
	now  func() time.Time

	// consoleRoutes lists every console pattern, so tests can prove each one is guarded.
	consoleRoutes []string
	// publicRoutes lists every portal pattern, for the same reason.
	publicRoutes []string

	caches caches // the portal's caches (portal_catalog_cache.go)
}

// New builds the HTTP handler.
func New(db *store.DB, opts Options) (*Server, error) {
	if opts.Log == nil {
		opts.Log = slog.Default()
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	t, err := parseTemplates()
	if err != nil {
		return nil, err
	}
	s := &Server{db: db, log: opts.Log, opts: opts, tmpl: t, mux: http.NewServeMux(), now: opts.Now, caches: newCaches()}
	s.routes()
	return s, nil
}

// ServeHTTP implements http.Handler with the middleware every request gets.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.common(s.mux).ServeHTTP(w, r)
}

// routes registers every route. Public pages use s.public, console pages s.console (which
// checks the session, the CSRF token of unsafe methods and the role) — there is no other way
// to register a handler.
func (s *Server) routes() {
	s.mux.Handle("GET /static/", staticHandler())
	s.mux.HandleFunc("GET /livez", s.livez)
	s.mux.HandleFunc("GET /healthz", s.livez)
	s.mux.HandleFunc("GET /readyz", s.readyz)

	// Portal.
	s.public("GET /{$}", s.portalHome)
	s.public("GET /agencies/{id}", s.portalAgency)

	// Sign-in.
	s.public("GET /console/login", s.loginForm)
	s.public("POST /console/login", s.login)
	s.console("POST /console/logout", nil, s.logout)

	// Console.
	s.console("GET /console/{$}", nil, s.consoleHome)
	s.console("GET /console/agencies", nil, s.agencyList)
	s.console("GET /console/agencies/{id}/edit", nil, s.agencyEdit)
	s.console("POST /console/agencies/{id}", nil, s.agencySave)
	s.console("GET /console/agencies/new", roles(sysAdmin), s.agencyNew)
	s.console("POST /console/agencies", roles(sysAdmin), s.agencyCreate)
	s.console("GET /console/users", roles(agencyAdmin), s.userList)
	s.console("POST /console/users", roles(agencyAdmin), s.userCreate)
	s.console("POST /console/users/{id}/disable", roles(agencyAdmin), s.userDisable)
	s.console("GET /console/audit", nil, s.auditList)

	s.domainRoutes()
}

// livez (also /healthz) says the process is alive and serving: it touches nothing else,
// so a database outage does not get a healthy process restarted.
func (s *Server) livez(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Write([]byte("alive\n"))
}

// readyz says whether this server can do its work: the database answers and accepts a
// write (store.DB.Ready). Load balancers send traffic only to ready servers.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
	defer cancel()
	w.Header().Set("Cache-Control", "no-store")
	if err := s.db.Ready(ctx); err != nil {
		s.log.Error("readyz: not ready", "err", err)
		http.Error(w, "not ready: "+err.Error(), http.StatusServiceUnavailable)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write([]byte("ready\n"))
}
