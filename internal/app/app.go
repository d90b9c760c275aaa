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
	"gongkai/internal/notify"
	"gongkai/internal/notify/mailer"
	"gongkai/internal/notify/sms"
	"gongkai/internal/store"
	"gongkai/internal/web"
)

// App is gongkai wired together: its store (whose doors every use case goes through), its
// logger and, once asked for, its web server. `serve`, every command of the command line
// and the background jobs open the same App.
type App struct {
	Config Config
	DB     *store.DB
	Log    *slog.Logger
	// DemoLoaded is set when demo data was loaded on this start.
	DemoLoaded bool
	// Signer signs audit checkpoints; nil when no key is configured.
	Signer *AuditSigner
	// Passwords hashes and checks passwords at the configured cost, in bounded slots.
	Passwords *account.Passwords
	// Mailer and SMS send the messages to applicants (nil when not configured).
	Mailer *mailer.Mailer
	SMS    *sms.Sender
	// OutboxLease is how long a server holds a message it sends (DefaultOutboxLease).
	OutboxLease time.Duration

	web *web.Server
}

// Open opens (and migrates) the database and loads demo data when the config asks for
// it: by default only into a database this start created (DemoFresh). The web server is
// built by Web, when something serves.
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
	a := &App{Config: cfg, DB: db, Log: log, Signer: signer, Passwords: account.NewPasswords(cfg.Argon2, cfg.PasswordChecks), OutboxLease: DefaultOutboxLease}
	db.SetPasswords(a.Passwords)
	if mc, ok := cfg.Mailer(); ok {
		if a.Mailer, err = mailer.New(mc); err != nil {
			db.Close()
			return nil, err
		}
	}
	if sc, ok := cfg.SMS(); ok {
		if a.SMS, err = sms.New(sc); err != nil {
			db.Close()
			return nil, err
		}
	}
	if cfg.Demo == DemoOn || (cfg.Demo == DemoFresh && db.Created()) {
		_, loaded, err := demo.LoadIfEmpty(ctx, db, time.Now())
		if err != nil {
			db.Close()
			return nil, fmt.Errorf("demo data: %w", err)
		}
		a.DemoLoaded = loaded
	}
	// Set after the demo data: its invented applicants are never sent anything (their
	// messages wait for delivery by hand).
	db.SetMessaging(notify.Settings{Email: a.Mailer != nil, SMS: a.SMS != nil})
	db.SetMailDays(cfg.MailDays)
	return a, nil
}

// DemoAccounts lists the demo accounts that still have the public demo password; `serve`
// prints them at every start until each is changed or disabled.
func (a *App) DemoAccounts(ctx context.Context) ([]demo.Account, error) {
	return demo.StillDemo(ctx, a.DB, a.Passwords)
}

// Web is the web server of the App, built on first use.
func (a *App) Web() (*web.Server, error) {
	if a.web == nil {
		if a.Config.Argon2.Weak() {
			a.Log.Warn("password hashing below OWASP's argon2id minimum: for tests only", "memory_kib", a.Config.Argon2.MemoryKiB, "time", a.Config.Argon2.Time)
		}
		proxies, _ := a.Config.ProxyPrefixes() // validated by Open
		opts := web.Options{BaseURL: a.Config.BaseURL, SecureCookie: a.Config.SecureCookie, Log: a.Log, TrustedProxies: proxies}
		if a.Signer != nil {
			opts.AuditPublicKey = a.Signer.Public()
		}
		srv, err := web.New(a.DB, opts)
		if err != nil {
			return nil, err
		}
		a.web = srv
	}
	return a.web, nil
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
	handler, err := a.Web()
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           handler,
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
	err = srv.Shutdown(sctx)
	jobs.wait()
	return err
}

// Close releases the database.
func (a *App) Close() error { return a.DB.Close() }
