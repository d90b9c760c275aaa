package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"strings"

	"modernc.org/sqlite"

	"gongkai/internal/searchtext"
)

// newSQLiteDriver is the SQLite driver of one gongkai database: modernc's, with the SQL
// functions the search triggers call registered on it alone (the driver's
// private-registration pattern), not on the process-wide "sqlite" driver.
//
//   - gk_html_text(body) is what the search index (migration 00026) holds as body text:
//     searchtext.HTMLText.
//   - gk_search_pairs(col, ...) is the text of the pair index (migration 00028) of its
//     arguments: searchtext.AppendPairs.
func newSQLiteDriver() (*sqlite.Driver, error) {
	d := &sqlite.Driver{}
	if err := d.RegisterDeterministicScalarFunction("gk_html_text", 1, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		switch v := args[0].(type) {
		case string:
			return searchtext.HTMLText(v), nil
		case []byte:
			return searchtext.HTMLText(string(v)), nil
		case nil:
			return "", nil
		default:
			return fmt.Sprint(v), nil
		}
	}); err != nil {
		return nil, err
	}
	if err := d.RegisterDeterministicScalarFunction("gk_search_pairs", -1, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		var b strings.Builder
		for _, a := range args {
			switch v := a.(type) {
			case string:
				searchtext.AppendPairs(&b, v)
			case []byte:
				searchtext.AppendPairs(&b, string(v))
			case nil:
			default:
				searchtext.AppendPairs(&b, fmt.Sprint(v))
			}
		}
		return b.String(), nil
	}); err != nil {
		return nil, err
	}
	return d, nil
}

// sqliteConnector opens connections of one database through its driver.
type sqliteConnector struct {
	d   *sqlite.Driver
	dsn string
}

func (c sqliteConnector) Connect(context.Context) (driver.Conn, error) { return c.d.Open(c.dsn) }
func (c sqliteConnector) Driver() driver.Driver                        { return c.d }

// openSQLite opens the SQLite database dsn (a driver DSN, pragmas included) with gongkai's
// SQL functions.
func openSQLite(dsn string) (*sql.DB, error) {
	d, err := newSQLiteDriver()
	if err != nil {
		return nil, err
	}
	return sql.OpenDB(sqliteConnector{d: d, dsn: dsn}), nil
}

// OpenSQLiteRaw opens a SQLite file (a driver DSN, pragmas included) as a plain *sql.DB
// with gongkai's SQL functions, not migrated, for tools that bulk-load a database the
// store made (bench/catalogload); everything else opens a DB with Open.
func OpenSQLiteRaw(dsn string) (*sql.DB, error) { return openSQLite(dsn) }
