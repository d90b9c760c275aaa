package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"syscall"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/demo"
	"gongkai/internal/store"
	"gongkai/internal/web"
)

// App is a running gongkai: its store and its web server.
type App struct {
	Config Config
	DB     *store.DB
	Web    *web.Server
	Log    *slog.Logger
	// DemoLoaded is set when demo data was loaded on this start.
	DemoLoaded bool
	// DemoAccounts are the demo accounts that still have the public demo password (on
	// every start, until each is changed or disabled).
	DemoAccounts []demo.Account
	// Signer signs audit checkpoints; nil when no key is configured.
	Signer *AuditSigner
}

// Open opens (and migrates) the database, loads demo data into an empty database when
// the config asks for it, and builds the web server.
func Open(ctx context.Context, cfg Config, log *slog.Logger) (*App, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if log == nil {
		log = slog.Default()
	}
	var signer *AuditSigner
	if cfg.AuditKey != "" {
		var err error
		if signer, err = OpenAuditSigner(cfg.AuditKey); err != nil {
			return nil, err
		}
	}
	db, err := store.Open(ctx, cfg.DB)
	if err != nil {
		return nil, err
	}
	a := &App{Config: cfg, DB: db, Log: log, Signer: signer}
	pw := account.NewPasswords(cfg.Argon2, cfg.PasswordChecks)
	if cfg.Demo == DemoOn || (cfg.Demo == DemoFresh && db.Created()) {
		_, loaded, err := demo.LoadIfEmpty(ctx, db, time.Now())
		if err != nil {
			db.Close()
			return nil, fmt.Errorf("demo data: %w", err)
		}
		a.DemoLoaded = loaded
	}
	if a.DemoAccounts, err = demo.StillDemo(ctx, db, pw); err != nil {
		db.Close()
		return nil, fmt.Errorf("demo accounts: %w", err)
	}
	proxies, _ := cfg.ProxyPrefixes() // validated above
	if cfg.Argon2.Weak() {
		log.Warn("password hashing below OWASP's argon2id minimum: for tests only", "memory_kib", cfg.Argon2.MemoryKiB, "time", cfg.Argon2.Time)
	}
	opts := web.Options{BaseURL: cfg.BaseURL, SecureCookie: cfg.SecureCookie, Log: log, TrustedProxies: proxies,
		Passwords: pw}
	if signer != nil {
		opts.AuditPublicKey = signer.Public()
	}
	a.Web, err = web.New(db, opts)
	if err != nil {
		db.Close()
		return nil, err
	}
	return a, nil
}

// Listen opens the listening socket, with a clear error when the port is taken. `serve`
// calls it before Open, so that a start that cannot serve creates nothing — no database
// file, no demo accounts.
func Listen(addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			return nil, fmt.Errorf("address %s is already in use: is another gongkai running? choose another with --addr", addr)
		}
		return nil, fmt.Errorf("listen on %s: %v", addr, err)
	}
	return ln, nil
}

// Serve serves HTTP on ln and the background jobs until ctx is cancelled, then shuts down
// gracefully.
func (a *App) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           a.Web,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute,
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(a.Log.Handler(), slog.LevelWarn),
	}
	jobs := startJobs(ctx, a)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		jobs.wait()
		return err
	case <-ctx.Done():
	}
	a.Log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), a.Config.ShutdownTimeout)
	defer cancel()
	err := srv.Shutdown(sctx)
	jobs.wait()
	return err
}

// Close releases the database.
func (a *App) Close() error { return a.DB.Close() }
