package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"

	"gongkai/internal/account"
	"gongkai/internal/textcheck"
)

// TextFinding is a stored text value that today's boundary check would refuse.
type TextFinding struct {
	Table  string
	Column string
	Row    string // the row's key (id, seq, or the first column)
	textcheck.Finding
}

// BlocksPostgres reports whether PostgreSQL refuses the value outright (NUL, invalid
// UTF-8): such a database cannot be copied into PostgreSQL before it is corrected.
func (f TextFinding) BlocksPostgres() bool {
	return f.Reason == textcheck.NUL || f.Reason == textcheck.BadUTF8
}

// Maintenance is the door of the checks an operator runs on the database itself.
type Maintenance struct{ service }

// Maintenance is the door of the operator's checks of the database.
func (db *DB) Maintenance() *Maintenance { return &Maintenance{service{db: db}} }

// ScanText is DB.ScanText for a 系统管理员 or System (`gongkai doctor`).
func (s *Maintenance) ScanText(ctx context.Context, who account.Principal, found func(TextFinding) error) (int, error) {
	if err := who.RequireSysAdmin(); err != nil {
		return 0, err
	}
	db, err := s.outsideTx()
	if err != nil {
		return 0, err
	}
	return db.ScanText(ctx, found)
}

// ScanText reads every text column of every table and calls found for each value that
// holds invalid UTF-8, a NUL or a control character other than newline and tab — what
// older versions stored unchecked. It returns how many values it read.
func (db *DB) ScanText(ctx context.Context, found func(TextFinding) error) (int, error) {
	tables, err := db.textColumns(ctx)
	if err != nil {
		return 0, err
	}
	names := make([]string, 0, len(tables))
	for t := range tables {
		names = append(names, t)
	}
	sort.Strings(names)
	n := 0
	for _, t := range names {
		cols := tables[t]
		key := db.rowKey(ctx, t)
		q := fmt.Sprintf(`SELECT %s, %s FROM %s`, key, strings.Join(cols, ", "), quoteIdent(t))
		rows, err := db.sql.QueryContext(ctx, q)
		if err != nil {
			return n, fmt.Errorf("store: scan %s: %w", t, err)
		}
		vals := make([]sql.RawBytes, len(cols)+1)
		ptrs := make([]any, len(vals))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				rows.Close()
				return n, fmt.Errorf("store: scan %s: %w", t, err)
			}
			for i, c := range cols {
				n++
				if f, ok := textcheck.Scan(string(vals[i+1])); !ok {
					if err := found(TextFinding{Table: t, Column: c, Row: textcheck.Clean(string(vals[0]), textcheck.Line), Finding: f}); err != nil {
						rows.Close()
						return n, err
					}
				}
			}
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return n, fmt.Errorf("store: scan %s: %w", t, err)
		}
	}
	return n, nil
}

// textColumns lists the TEXT columns of gongkai's tables (not the migration bookkeeping,
// not the search index's internal tables, whose columns are untyped).
func (db *DB) textColumns(ctx context.Context) (map[string][]string, error) {
	out := map[string][]string{}
	if db.dialect == Postgres {
		rows, err := db.sql.QueryContext(ctx, `SELECT table_name, column_name FROM information_schema.columns
			WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying') ORDER BY table_name, ordinal_position`)
		if err != nil {
			return nil, fmt.Errorf("store: list columns: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var t, c string
			if err := rows.Scan(&t, &c); err != nil {
				return nil, err
			}
			if t != "goose_db_version" {
				out[t] = append(out[t], quoteIdent(c))
			}
		}
		return out, rows.Err()
	}
	rows, err := db.sql.QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'goose_db_version' ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("store: list tables: %w", err)
	}
	var tables []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			rows.Close()
			return nil, err
		}
		tables = append(tables, t)
	}
	rows.Close()
	for _, t := range tables {
		cols, err := db.sql.QueryContext(ctx, `SELECT name, type FROM pragma_table_info(?)`, t)
		if err != nil {
			return nil, fmt.Errorf("store: columns of %s: %w", t, err)
		}
		for cols.Next() {
			var c, typ string
			if err := cols.Scan(&c, &typ); err != nil {
				cols.Close()
				return nil, err
			}
			if strings.EqualFold(typ, "TEXT") {
				out[t] = append(out[t], quoteIdent(c))
			}
		}
		cols.Close()
	}
	return out, nil
}

// rowKey is the expression naming a row of table t in a report.
func (db *DB) rowKey(ctx context.Context, t string) string {
	for _, k := range []string{"id", "seq"} {
		var n int
		var err error
		if db.dialect == Postgres {
			err = db.sql.QueryRowContext(ctx, `SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 AND column_name = $2`, t, k).Scan(&n)
		} else {
			err = db.sql.QueryRowContext(ctx, `SELECT COUNT(*) FROM pragma_table_info(?) WHERE name = ?`, t, k).Scan(&n)
		}
		if err == nil && n > 0 {
			return "CAST(" + k + " AS TEXT)"
		}
	}
	if db.dialect == Postgres {
		return "ctid::text"
	}
	return "CAST(rowid AS TEXT)"
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
