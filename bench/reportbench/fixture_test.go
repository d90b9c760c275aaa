package reportbench

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"gongkai/internal/account"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"gongkai/internal/agency"
	"gongkai/internal/store"
)

// The fixture: one 人民政府 with benchAgencies() agencies (default 50), each with, in the
// report's year, 100,000 applications (and 5,000 of the year before's last two months,
// half of them carried into the year), 2,000 appeals (a tenth accepted the year before),
// 1,000,000 catalog items and twelve months of figures — times GONGKAI_BENCH_SCALE
// (default 1). It is written with set-based SQL (a generated series per table and
// agency), the secondary indexes and the catalog's search triggers dropped during the
// load and recreated after it (the search index stays empty: the report does not read
// it). The fixture is kept between runs — a SQLite file under GONGKAI_BENCH_DIR (default
// the system's temporary directory) and a schema of the PostgreSQL named by
// GONGKAI_TEST_POSTGRES — and rebuilt when its parameters change.
const (
	fixtureVersion = "report-v7"
	benchYear      = 2025
	perApps        = 100_000
	perAppeals     = 2_000
	perItems       = 1_000_000
)

func benchAgencies() int {
	if v, err := strconv.Atoi(os.Getenv("GONGKAI_BENCH_AGENCIES")); err == nil && v > 0 {
		return v
	}
	return 50
}

func benchScale() float64 {
	if v, err := strconv.ParseFloat(os.Getenv("GONGKAI_BENCH_SCALE"), 64); err == nil && v > 0 && v <= 1 {
		return v
	}
	return 1
}

// sizes are the rows per agency.
type sizes struct{ apps, appeals, items int }

func benchSizes() sizes {
	s := benchScale()
	n := func(v int) int { return max(1, int(float64(v)*s)) }
	return sizes{n(perApps), n(perAppeals), n(perItems)}
}

// fixtureKey names the fixture's parameters.
func fixtureKey() string {
	s := benchSizes()
	return fmt.Sprintf("%s/%d/%d/%d/%d", fixtureVersion, benchAgencies(), s.apps, s.appeals, s.items)
}

// fixture is a loaded database and what the benchmarks need of it.
type fixture struct {
	db       *store.DB
	govID    int64
	agencies []int64
}

// openFixture returns the fixture on kind ("sqlite" or "postgres"), building it when it
// is missing or was built with other parameters.
func openFixtureT(t *testing.T, kind string) *fixture { return openFixtureTB(t, kind) }

func openFixture(b *testing.B, kind string) *fixture { return openFixtureTB(b, kind) }

func openFixtureTB(b testing.TB, kind string) *fixture {
	b.Helper()
	ctx := context.Background()
	key := fixtureKey()
	sum := sha256.Sum256([]byte(key))
	tag := hex.EncodeToString(sum[:4])
	var dsn string
	switch kind {
	case "sqlite":
		dir := os.Getenv("GONGKAI_BENCH_DIR")
		if dir == "" {
			dir = filepath.Join(os.TempDir(), "gongkai-bench")
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			b.Fatal(err)
		}
		dsn = filepath.Join(dir, "report-"+tag+".db")
	case "postgres":
		base := os.Getenv("GONGKAI_TEST_POSTGRES")
		if base == "" {
			b.Skip("GONGKAI_TEST_POSTGRES not set")
		}
		schema := "bench_report_" + tag
		admin, err := sql.Open("pgx", base)
		if err != nil {
			b.Fatal(err)
		}
		defer admin.Close()
		if _, err := admin.ExecContext(ctx, "CREATE SCHEMA IF NOT EXISTS "+schema); err != nil {
			b.Fatal(err)
		}
		u, err := url.Parse(base)
		if err != nil {
			b.Fatal(err)
		}
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = q.Encode()
		dsn = u.String()
	}
	db, err := store.Open(ctx, dsn)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	f := &fixture{db: db}
	if _, err := db.Exec(ctx, `CREATE TABLE IF NOT EXISTS bench_fixture (key TEXT NOT NULL)`); err != nil {
		b.Fatal(err)
	}
	var have string
	_ = db.QueryRow(ctx, `SELECT key FROM bench_fixture`).Scan(&have)
	if have != key {
		if have != "" {
			b.Fatalf("%s holds another fixture (%s); remove it", dsn, have)
		}
		start := time.Now()
		// Built through a connection with room to sort (index builds); measured through
		// one configured as gongkai runs.
		bdb, err := store.Open(ctx, builderDSN(kind, dsn))
		if err != nil {
			b.Fatal(err)
		}
		err = build(ctx, bdb)
		if err == nil {
			_, err = bdb.Exec(ctx, `INSERT INTO bench_fixture (key) VALUES (?)`, key)
		}
		bdb.Close()
		if err != nil {
			b.Fatal(err)
		}
		b.Logf("%s fixture %s built in %v", kind, key, time.Since(start).Round(time.Second))
	}
	if err := db.QueryRow(ctx, `SELECT id FROM governments WHERE name = ?`, benchGovernment).Scan(&f.govID); err != nil {
		b.Fatal(err)
	}
	rows, err := db.Query(ctx, `SELECT id FROM agencies WHERE government_id = ? ORDER BY id`, f.govID)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			b.Fatal(err)
		}
		f.agencies = append(f.agencies, id)
	}
	if err := rows.Err(); err != nil {
		b.Fatal(err)
	}
	return f
}

// builderDSN is dsn with a page cache of 1 GB (SQLite) or 1 GB to build indexes with
// (PostgreSQL), for building the fixture.
func builderDSN(kind, dsn string) string {
	if kind == "sqlite" {
		return "file:" + dsn + "?_pragma=cache_size(-1000000)"
	}
	return dsn + "&maintenance_work_mem=1GB"
}

const benchGovernment = "基准测试区人民政府"

// loadedTables are the tables the fixture fills in bulk.
var loadedTables = []string{"applications", "appeals", "catalog_items"}

// build writes the fixture into an empty, migrated database.
func build(ctx context.Context, db *store.DB) error {
	pg := db.Dialect() == store.Postgres
	var agencies []int64
	err := db.InTx(ctx, func(tx *store.Tx) error {
		gov := agency.Government{Name: benchGovernment}
		if err := tx.Agencies().CreateGovernment(ctx, account.System(), &gov); err != nil {
			return err
		}
		for i := 0; i < benchAgencies(); i++ {
			a := agency.Agency{GovernmentID: gov.ID, Name: fmt.Sprintf("基准测试区第%d局", i+1)}
			if err := tx.Agencies().Create(ctx, account.System(), &a); err != nil {
				return err
			}
			agencies = append(agencies, a.ID)
		}
		return nil
	})
	if err != nil {
		return err
	}
	restore, err := dropForLoad(ctx, db, pg)
	if err != nil {
		return err
	}
	s := benchSizes()
	for _, id := range agencies {
		for _, q := range []string{applicationsSQL(pg, id, s.apps), carriedSQL(pg, id, s.apps/20), appealsSQL(pg, id, s.appeals), itemsSQL(pg, id, s.items), figuresSQL(id)} {
			if _, err := db.Exec(ctx, q); err != nil {
				return fmt.Errorf("agency %d: %w\n%s", id, err, q)
			}
		}
	}
	if err := restore(); err != nil {
		return err
	}
	// Statistics for the planners, and (PostgreSQL) the visibility map that index-only
	// scans need, as a live database has them after autovacuum.
	if pg {
		_, err = db.Exec(ctx, `VACUUM ANALYZE`)
	} else {
		_, err = db.Exec(ctx, `ANALYZE`)
	}
	return err
}

// dropForLoad drops the secondary indexes of the loaded tables and the catalog's triggers,
// and returns what recreates them.
func dropForLoad(ctx context.Context, db *store.DB, pg bool) (func() error, error) {
	var list string
	for i, t := range loadedTables {
		if i > 0 {
			list += ", "
		}
		list += "'" + t + "'"
	}
	var recreate []string
	var drops []string
	if pg {
		rows, err := db.Query(ctx, `SELECT i.indexname, i.indexdef FROM pg_indexes i
			WHERE i.schemaname = current_schema() AND i.tablename IN (`+list+`)
			AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var name, def string
			if err := rows.Scan(&name, &def); err != nil {
				rows.Close()
				return nil, err
			}
			drops = append(drops, "DROP INDEX "+name)
			recreate = append(recreate, def)
		}
		rows.Close()
		drops = append(drops, `ALTER TABLE catalog_items DISABLE TRIGGER USER`)
		recreate = append(recreate, `ALTER TABLE catalog_items ENABLE TRIGGER USER`)
	} else {
		rows, err := db.Query(ctx, `SELECT type, name, sql FROM sqlite_master
			WHERE tbl_name IN (`+list+`) AND type IN ('index', 'trigger') AND sql IS NOT NULL`)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var typ, name, def string
			if err := rows.Scan(&typ, &name, &def); err != nil {
				rows.Close()
				return nil, err
			}
			drops = append(drops, "DROP "+strings.ToUpper(typ)+" "+name)
			recreate = append(recreate, def)
		}
		rows.Close()
	}
	for _, q := range drops {
		if _, err := db.Exec(ctx, q); err != nil {
			return nil, fmt.Errorf("%s: %w", q, err)
		}
	}
	return func() error {
		for _, q := range recreate {
			if _, err := db.Exec(ctx, q); err != nil {
				return fmt.Errorf("%s: %w", q, err)
			}
		}
		return nil
	}, nil
}

// series is a FROM item yielding n = 1…count.
func series(pg bool, count int) string {
	if pg {
		return fmt.Sprintf("generate_series(1, %d) AS s(n)", count)
	}
	return fmt.Sprintf("(WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < %d) SELECT n FROM r) AS s", count)
}

// day is the text of the day offset days after 1 January of year.
func day(pg bool, year int, offset string) string {
	if pg {
		return fmt.Sprintf("to_char(DATE '%d-01-01' + (%s)::int, 'YYYY-MM-DD')", year, offset)
	}
	return fmt.Sprintf("date('%d-01-01', '+' || (%s) || ' days')", year, offset)
}

// hash is a deterministic pseudo-random number from n and a salt, 0…999,982.
func hash(salt int) string {
	return fmt.Sprintf("((n * 2654435761 + %d) %% 999983)", salt*7919)
}

const stamp = "'2026-01-15T00:00:00.000000Z'"

// applicationsSQL: count applications received in benchYear; 2 % still open, the rest
// replied 1–30 days after receipt (some in the next year: carried over).
func applicationsSQL(pg bool, agencyID int64, count int) string {
	recv := day(pg, benchYear, "x.r")
	closed := day(pg, benchYear, "x.r + 1 + x.h3 % 30")
	return fmt.Sprintf(`INSERT INTO applications (agency_id, year, seq, number, tracking, query_hash, dedup_key,
	applicant_kind, applicant_name, channel, received, description, delivery, state, is_open, running, due_day, status,
	as_of, closed_day, outcome, created_at, updated_at)
SELECT %[1]d, %[2]d, x.n, 'B%[1]d-' || x.n, 'T%[1]d-' || x.n, '', 'D%[1]d-' || x.n,
	CASE WHEN x.h1 %% 10 < 8 THEN 'natural_person' WHEN x.h1 %% 10 = 8 THEN 'business' ELSE 'other_org' END,
	'申请人', 'online', %[3]s, '所需信息', 'email',
	CASE WHEN x.open = 1 THEN 'accepted' ELSE 'replied' END, x.open, x.open, '', 'normal', %[3]s,
	CASE WHEN x.open = 1 THEN '' ELSE %[4]s END,
	CASE WHEN x.open = 1 THEN '' ELSE CASE x.h2 %% 20
		WHEN 0 THEN 'partial' WHEN 1 THEN 'partial' WHEN 2 THEN 'partial'
		WHEN 3 THEN 'unavailable.not_held' WHEN 4 THEN 'unavailable.not_held' WHEN 5 THEN 'unavailable.not_held'
		WHEN 6 THEN 'not_processed.repeated' WHEN 7 THEN 'withheld.third_party' WHEN 8 THEN 'other.other'
		WHEN 9 THEN 'other.no_correction' ELSE 'granted' END END,
	%[5]s, %[5]s
FROM (SELECT n, %[6]s AS h1, %[7]s AS h2, %[8]s AS h3, %[6]s %% 365 AS r,
	CASE WHEN %[7]s %% 50 = 0 THEN 1 ELSE 0 END AS open FROM %[9]s) AS x`,
		agencyID, benchYear, recv, closed, stamp, hash(1), hash(2), hash(3), series(pg, count))
}

// carriedSQL: count applications received in November and December of the year before;
// a tenth still open, four in ten replied in the year (both carried into it), the rest
// replied before it.
func carriedSQL(pg bool, agencyID int64, count int) string {
	recv := day(pg, benchYear-1, "304 + x.h1 % 61")
	closed := fmt.Sprintf("CASE WHEN x.h2 %% 10 < 4 THEN %s ELSE %s END", day(pg, benchYear, "x.h3 % 60"), day(pg, benchYear-1, "305 + x.h1 % 61"))
	return fmt.Sprintf(`INSERT INTO applications (agency_id, year, seq, number, tracking, query_hash, dedup_key,
	applicant_kind, applicant_name, channel, received, description, delivery, state, is_open, running, due_day, status,
	as_of, closed_day, outcome, created_at, updated_at)
SELECT %[1]d, %[2]d, x.n, 'P%[1]d-' || x.n, 'Q%[1]d-' || x.n, '', 'E%[1]d-' || x.n,
	CASE WHEN x.h1 %% 10 < 8 THEN 'natural_person' ELSE 'business' END, '申请人', 'online', %[3]s, '所需信息', 'email',
	CASE WHEN x.open = 1 THEN 'accepted' ELSE 'replied' END, x.open, x.open, '', 'normal', %[3]s,
	CASE WHEN x.open = 1 THEN '' ELSE %[4]s END,
	CASE WHEN x.open = 1 THEN '' WHEN x.h3 %% 3 = 0 THEN 'partial' ELSE 'granted' END, %[5]s, %[5]s
FROM (SELECT n, %[6]s AS h1, %[7]s AS h2, %[8]s AS h3, CASE WHEN %[7]s %% 10 = 9 THEN 1 ELSE 0 END AS open FROM %[9]s) AS x`,
		agencyID, benchYear-1, recv, closed, stamp, hash(31), hash(32), hash(33), series(pg, count))
}

// appealsSQL: count appeals, nine in ten accepted in benchYear and one in ten late in the
// year before; a quarter not yet decided, the rest decided 20–140 days after acceptance.
func appealsSQL(pg bool, agencyID int64, count int) string {
	filed := fmt.Sprintf("CASE WHEN x.n %% 10 = 0 THEN %s ELSE %s END", day(pg, benchYear-1, "200 + x.h1 % 165"), day(pg, benchYear, "x.h1 % 365"))
	decided := fmt.Sprintf("CASE WHEN x.n %% 10 = 0 THEN %s ELSE %s END", day(pg, benchYear-1, "200 + x.h1 % 165 + 20 + x.h3 % 120"), day(pg, benchYear, "x.h1 % 365 + 20 + x.h3 % 120"))
	return fmt.Sprintf(`INSERT INTO appeals (agency_id, kind, case_no, organ, filed_on, result, decided_on, co_defendant_organ, created_at)
SELECT %[1]d, CASE x.h2 %% 3 WHEN 0 THEN 'reconsideration' WHEN 1 THEN 'litigation_direct' ELSE 'litigation_after' END,
	'案%[1]d-' || x.n, '基准测试区人民政府', %[2]s,
	CASE WHEN x.h2 %% 4 = 0 THEN 'pending' WHEN x.h3 %% 3 = 0 THEN 'upheld' WHEN x.h3 %% 3 = 1 THEN 'corrected' ELSE 'other' END,
	CASE WHEN x.h2 %% 4 = 0 THEN '' ELSE %[3]s END,
	CASE WHEN x.h1 %% 50 = 0 THEN 1 ELSE 0 END, %[4]s
FROM (SELECT n, %[5]s AS h1, %[6]s AS h2, %[7]s AS h3 FROM %[8]s) AS x`,
		agencyID, filed, decided, stamp, hash(11), hash(12), hash(13), series(pg, count))
}

// itemsSQL: count catalog items written in benchYear: 0.08 % 行政规范性文件 (a tenth of them
// repealed), 0.02 % 规章 — 1,000 documents a year, more than any agency issues — the rest
// 普通信息; 97 % published, 1 % withdrawn, 2 % drafts.
func itemsSQL(pg bool, agencyID int64, count int) string {
	written := day(pg, benchYear, "x.w")
	published := day(pg, benchYear, "x.w + x.h4 % 10")
	repealed := day(pg, benchYear, "x.w + 100")
	return fmt.Sprintf(`INSERT INTO catalog_items (agency_id, index_no, title, topic, publisher, written_on, published_on, doc_no,
	validity, validity_changed_on, kind, state, published_at, created_at, updated_at)
SELECT %[1]d, CASE WHEN x.st = 'draft' THEN NULL ELSE 'C%[1]d/%[2]d-' || x.n END,
	'基准测试信息' || x.n, CASE WHEN x.kind = 'general' THEN 'work_news' ELSE 'policy_documents' END, '基准测试区第%[1]d局',
	%[3]s, CASE WHEN x.st = 'draft' THEN '' ELSE %[4]s END,
	CASE WHEN x.kind = 'general' THEN '' ELSE '基规〔%[2]d〕' || x.n || '号' END,
	CASE WHEN x.kind = 'normative' AND x.h5 %% 10 = 0 THEN 'repealed' ELSE 'valid' END,
	CASE WHEN x.kind = 'normative' AND x.h5 %% 10 = 0 THEN %[5]s ELSE '' END,
	x.kind, x.st, CASE WHEN x.st = 'draft' THEN '' ELSE %[6]s END, %[6]s, %[6]s
FROM (SELECT n, %[7]s %% 365 AS w, %[8]s AS h4, %[9]s AS h5,
	CASE WHEN %[10]s %% 10000 < 8 THEN 'normative' WHEN %[10]s %% 10000 < 10 THEN 'regulation' ELSE 'general' END AS kind,
	CASE WHEN %[11]s %% 100 < 97 THEN 'published' WHEN %[11]s %% 100 = 97 THEN 'withdrawn' ELSE 'draft' END AS st
	FROM %[12]s) AS x`,
		agencyID, benchYear, written, published, repealed, stamp, hash(21), hash(22), hash(23), hash(24), hash(25), series(pg, count))
}

// figuresSQL: the twelve months of benchYear.
func figuresSQL(agencyID int64) string {
	var b strings.Builder
	b.WriteString(`INSERT INTO catalog_monthly_figures (agency_id, year, month, licensing, penalty, enforcement, fees_fen, updated_at) VALUES `)
	for m := 1; m <= 12; m++ {
		if m > 1 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "(%d, %d, %d, %d, %d, %d, %d, %s)", agencyID, benchYear, m, 300+m, 20+m, m%3, 100000*m, stamp)
	}
	return b.String()
}
