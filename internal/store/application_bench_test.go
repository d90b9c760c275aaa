package store_test

import (
	"context"
	"fmt"
	"gongkai/internal/account"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"gongkai/internal/agency"
	"gongkai/internal/foirequest"
	"gongkai/internal/store"
	"gongkai/internal/workday"
)

// The due-date benchmark fixture: benchRows open applications (default 1,000,000;
// GONGKAI_BENCH_ROWS overrides) over benchAgencies agencies in a SQLite file, built once per
// `go test -bench` run by the benchmark that uses it. Benchmarks only run with -bench, so `go test ./...` never builds it.
const benchAgencies = 100

var (
	benchOnce  sync.Once
	benchDB    *store.DB
	benchErr   error
	benchAgent int64
	benchToday = workday.Day(2026, 11, 25)
)

func benchRows() int {
	if v, err := strconv.Atoi(os.Getenv("GONGKAI_BENCH_ROWS")); err == nil && v > 0 {
		return v
	}
	return 1_000_000
}

func benchFixture(b *testing.B) *store.DB {
	b.Helper()
	benchOnce.Do(func() {
		dir := b.TempDir() // removed when the benchmark that built it ends
		ctx := context.Background()
		start := time.Now()
		benchDB, benchErr = store.Open(ctx, filepath.Join(dir, "bench.db"))
		if benchErr != nil {
			return
		}
		b.Cleanup(func() { benchDB.Close() })
		benchErr = fillBench(ctx, benchDB, benchRows())
		b.Logf("fixture: %d applications in %v (%s)", benchRows(), time.Since(start).Round(time.Millisecond), dir)
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchDB
}

// fillBench inserts n open applications in one transaction with a prepared statement.
// Due days: most within the next 30 working days, about 2% overdue, some paused.
func fillBench(ctx context.Context, db *store.DB, n int) error {
	var ids []int64
	err := db.InTx(ctx, func(tx *store.Tx) error {
		gov := agency.Government{Name: "基准测试区人民政府"}
		if err := tx.Agencies().CreateGovernment(ctx, account.System(), &gov); err != nil {
			return err
		}
		for i := 0; i < benchAgencies; i++ {
			a := agency.Agency{GovernmentID: gov.ID, Name: fmt.Sprintf("基准测试第%d局", i+1)}
			if err := tx.Agencies().Create(ctx, account.System(), &a); err != nil {
				return err
			}
			ids = append(ids, a.ID)
		}
		return nil
	})
	if err != nil {
		return err
	}
	benchAgent = ids[len(ids)/2]
	cal := workday.MustNew()
	sqlTx, err := db.SQL().BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer sqlTx.Rollback()
	stmt, err := sqlTx.PrepareContext(ctx, `INSERT INTO applications (agency_id, year, seq, number, tracking, query_hash, dedup_key,
		applicant_kind, applicant_name, channel, received, description, delivery,
		state, is_open, running, due_day, status, as_of, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, '', ?, 'natural_person', '基准申请人', 'online', ?, '基准测试申请', 'email', ?, 1, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	rng := rand.New(rand.NewPCG(1, 2))
	// Precompute the working days around today: index 0 is 40 working days back.
	days := make([]string, 0, 80)
	for k := -40; k < 40; k++ {
		days = append(days, store.FormatDay(cal.Add(benchToday, k)))
	}
	now := store.FormatTime(time.Now())
	asOf := store.FormatDay(benchToday)
	for i := 0; i < n; i++ {
		ag := ids[i%len(ids)]
		seq := i/len(ids) + 1
		var k int
		if rng.IntN(50) == 0 {
			k = rng.IntN(40) // overdue
		} else {
			k = 40 + rng.IntN(30)
		}
		state, running, status := "in_progress", 1, "on_track"
		if rng.IntN(10) == 0 {
			state, running, status = "consulting", 0, "paused"
		}
		received := days[max(k-20, 0)]
		if _, err := stmt.ExecContext(ctx, ag, 2026, seq, "B"+strconv.Itoa(i), "T"+strconv.Itoa(i), "D"+strconv.Itoa(i),
			received, state, running, days[k], status, asOf, now, now); err != nil {
			return err
		}
	}
	if err := sqlTx.Commit(); err != nil {
		return err
	}
	_, err = db.Exec(ctx, `ANALYZE`)
	return err
}

// BenchmarkDueSoonAndOverdue lists one agency's due-soon and overdue cases among
// 1,000,000 open applications (the reminder job's and the console's query), and counts
// them for the dashboard.
func BenchmarkDueSoonAndOverdue(b *testing.B) {
	db := benchFixture(b)
	ctx := context.Background()
	rows, err := db.Query(ctx, `EXPLAIN QUERY PLAN SELECT id FROM applications a WHERE a.agency_id = ? AND a.running = 1 AND a.due_day <> '' AND a.due_day <= ?`, benchAgent, "2026-12-02")
	if err != nil {
		b.Fatal(err)
	}
	var plan []string
	for rows.Next() {
		var id, parent, notused int
		var detail string
		rows.Scan(&id, &parent, &notused, &detail)
		plan = append(plan, detail)
	}
	rows.Close()
	if !strings.Contains(strings.Join(plan, ";"), "applications_due") {
		b.Fatalf("query does not use the (agency_id, running, due_day) index: %v", plan)
	}
	b.Run("list", func(b *testing.B) {
		n := 0
		for b.Loop() {
			list, err := db.Applications().DueSoonAndOverdue(ctx, account.System(), benchAgent, benchToday)
			if err != nil {
				b.Fatal(err)
			}
			n = len(list)
		}
		b.ReportMetric(float64(n), "cases")
	})
	b.Run("count", func(b *testing.B) {
		var c store.DueCounts
		for b.Loop() {
			var err error
			c, err = db.Applications().CountDue(ctx, account.System(), []int64{benchAgent}, benchToday)
			if err != nil {
				b.Fatal(err)
			}
		}
		if c.Open == 0 || c.DueSoon+c.Overdue == 0 {
			b.Fatalf("counts %+v", c)
		}
		b.ReportMetric(float64(c.DueSoon), "due_soon")
		b.ReportMetric(float64(c.Overdue), "overdue")
	})
	_ = foirequest.DueSoonDays
}
