// Package store holds all SQL of gongkai. It runs on SQLite (modernc.org/sqlite, the
// embedded default) and PostgreSQL (pgx), with one set of migrations. Queries are written
// once with `?` placeholders; the differences between the two dialects live in dialect.go.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // PostgreSQL driver "pgx"

	"gongkai/internal/account"
	"gongkai/internal/apperr"
	"gongkai/internal/notify"
)

// DB is the database of one gongkai deployment. It owns its connections (on SQLite
// through a driver of its own that carries the search functions, sqlite.go) and the
// statements it prepared once (prepared).
type DB struct {
	sql     *sql.DB
	dialect Dialect
	dsn     string
	stmts   sync.Map // query → *sql.Stmt
	created bool     // Migrate found no gongkai schema and made it
	// passwords is the doors' hasher (SetPasswords).
	passwords *account.Passwords
	// messaging says which channels messages to applicants go through (SetMessaging).
	messaging notify.Settings
	// mailDays is the mailing allowance for mailed notices without a signed-for day
	// (SetMailDays; 0: foirequest.DefaultMailDays).
	mailDays int
}

// Queryer is what both *DB and *Tx offer, so store functions can run inside or outside a
// transaction.
type Queryer interface {
	Exec(ctx context.Context, query string, args ...any) (sql.Result, error)
	Query(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRow(ctx context.Context, query string, args ...any) *sql.Row
	Dialect() Dialect
}

// IsPostgresDSN reports whether dsn names a PostgreSQL database.
func IsPostgresDSN(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Open connects to dsn (a SQLite file path, "file:" URI, or a postgres:// URL), checks the
// connection and applies pending migrations. Errors carry a one-line English cause.
func Open(ctx context.Context, dsn string) (*DB, error) {
	db, err := open(ctx, dsn)
	if err != nil {
		return nil, err
	}
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

func open(ctx context.Context, dsn string) (*DB, error) {
	if strings.TrimSpace(dsn) == "" {
		return nil, errors.New("database: empty --db")
	}
	var (
		sqldb   *sql.DB
		dialect Dialect
		err     error
	)
	if IsPostgresDSN(dsn) {
		if _, perr := url.Parse(dsn); perr != nil {
			return nil, fmt.Errorf("database: malformed PostgreSQL URL: %v", perr)
		}
		dialect = Postgres
		sqldb, err = sql.Open("pgx", dsn)
		if err != nil {
			return nil, fmt.Errorf("database: %v", err)
		}
		sqldb.SetMaxOpenConns(20)
		sqldb.SetConnMaxIdleTime(5 * time.Minute)
	} else {
		if strings.Contains(dsn, "://") {
			return nil, fmt.Errorf("database: unsupported --db %q: use a SQLite file path or a postgres:// URL", redactDSN(dsn))
		}
		dialect = SQLite
		path := strings.TrimPrefix(dsn, "file:")
		if i := strings.IndexByte(path, '?'); i >= 0 {
			path = path[:i]
		}
		if path != ":memory:" && path != "" {
			if dir := filepath.Dir(path); dir != "." {
				if st, serr := os.Stat(dir); serr != nil || !st.IsDir() {
					return nil, fmt.Errorf("database: folder %s does not exist", dir)
				}
			}
		}
		sqldb, err = openSQLite(sqliteDSN(dsn))
		if err != nil {
			return nil, fmt.Errorf("database: %v", err)
		}
		// One writer at a time is what SQLite allows; WAL lets readers run beside it.
		sqldb.SetMaxOpenConns(8)
	}
	pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := sqldb.PingContext(pctx); err != nil {
		sqldb.Close()
		return nil, fmt.Errorf("database: cannot connect to %s: %v", redactDSN(dsn), oneLine(err))
	}
	return &DB{sql: sqldb, dialect: dialect, dsn: dsn}, nil
}

// sqliteDSN adds the pragmas gongkai relies on: WAL, foreign keys, a busy timeout.
func sqliteDSN(dsn string) string {
	if !strings.HasPrefix(dsn, "file:") {
		dsn = "file:" + dsn
	}
	sep := "?"
	if strings.Contains(dsn, "?") {
		sep = "&"
	}
	return dsn + sep + "_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)&_pragma=synchronous(NORMAL)&_txlock=immediate"
}

func redactDSN(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.User == nil {
		return dsn
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

func oneLine(err error) string {
	s := err.Error()
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}

// Close closes the database and the statements it prepared.
func (db *DB) Close() error {
	db.stmts.Range(func(_, v any) bool {
		v.(*sql.Stmt).Close()
		return true
	})
	return db.sql.Close()
}

// prepared returns query prepared on db, once per DB (database/sql re-prepares it per
// connection as needed); the statements close with the DB.
func (db *DB) prepared(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := db.stmts.Load(query); ok {
		return st.(*sql.Stmt), nil
	}
	st, err := db.sql.PrepareContext(ctx, db.dialect.Rebind(query))
	if err != nil {
		return nil, err
	}
	if prev, loaded := db.stmts.LoadOrStore(query, st); loaded {
		st.Close()
		return prev.(*sql.Stmt), nil
	}
	return st, nil
}

// SQL returns the underlying *sql.DB (for tests and tools).
func (db *DB) SQL() *sql.DB { return db.sql }

// Dialect is the SQL dialect of this database.
func (db *DB) Dialect() Dialect { return db.dialect }

// Exec runs a statement written with ? placeholders.
func (db *DB) Exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return db.sql.ExecContext(ctx, db.dialect.Rebind(query), args...)
}

// Query runs a query written with ? placeholders.
func (db *DB) Query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return db.sql.QueryContext(ctx, db.dialect.Rebind(query), args...)
}

// QueryRow runs a one-row query written with ? placeholders.
func (db *DB) QueryRow(ctx context.Context, query string, args ...any) *sql.Row {
	return db.sql.QueryRowContext(ctx, db.dialect.Rebind(query), args...)
}

// Tx is a transaction.
type Tx struct {
	tx      *sql.Tx
	dialect Dialect
	db      *DB
}

// Dialect is the SQL dialect of this transaction.
func (tx *Tx) Dialect() Dialect { return tx.dialect }

// Exec runs a statement written with ? placeholders.
func (tx *Tx) Exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return tx.tx.ExecContext(ctx, tx.dialect.Rebind(query), args...)
}

// Query runs a query written with ? placeholders.
func (tx *Tx) Query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return tx.tx.QueryContext(ctx, tx.dialect.Rebind(query), args...)
}

// QueryRow runs a one-row query written with ? placeholders.
func (tx *Tx) QueryRow(ctx context.Context, query string, args ...any) *sql.Row {
	return tx.tx.QueryRowContext(ctx, tx.dialect.Rebind(query), args...)
}

// InTx runs fn in one transaction, committing when fn returns nil.
func (db *DB) InTx(ctx context.Context, fn func(tx *Tx) error) error {
	sqltx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	tx := &Tx{tx: sqltx, dialect: db.dialect, db: db}
	if err := fn(tx); err != nil {
		sqltx.Rollback()
		return err
	}
	if err := sqltx.Commit(); err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	return nil
}

// Insert runs an INSERT ... RETURNING id and returns the new id.
func Insert(ctx context.Context, q Queryer, query string, args ...any) (int64, error) {
	var id int64
	if err := q.QueryRow(ctx, query+" RETURNING id", args...).Scan(&id); err != nil {
		return 0, err
	}
	return id, nil
}

// notFound turns sql.ErrNoRows into an apperr.NotFound with the given Chinese message.
func notFound(err error, message string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return apperr.Wrap(apperr.NotFound, message, err)
	}
	return err
}

// Time layout used for every timestamp column: fixed width UTC, so text order is time order.
const timeLayout = "2006-01-02T15:04:05.000000Z"

// FormatTime renders t for a timestamp column.
func FormatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

// ParseTime reads a timestamp column.
func ParseTime(s string) (time.Time, error) { return time.Parse(timeLayout, s) }

// FormatDay renders a calendar day (a time.Time at 00:00 UTC) for a date column.
func FormatDay(t time.Time) string { return t.Format("2006-01-02") }

// ParseDay reads a date column.
func ParseDay(s string) (time.Time, error) { return time.Parse("2006-01-02", s) }
