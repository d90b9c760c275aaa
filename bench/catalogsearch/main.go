// Command catalogsearch times store.SearchItems in process, one query at a time, over the
// benchmark database that bench/catalog-portal.sh builds (bench/out/catalog-1000000.db): the
// SQL cost of each query of the portal's search mix without HTTP or templates. Each query
// runs -n times; the worst, the median and the best are shown (the best is the least disturbed by other work on a shared machine). Opening the database runs the store's
// migrations on it.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"sort"
	"time"

	"gongkai/internal/store"
)

func main() {
	dbPath := flag.String("db", "bench/out/catalog-1000000.db", "SQLite database built by bench/catalog-portal.sh")
	n := flag.Int("n", 5, "runs per query")
	flag.Parse()
	if err := run(*dbPath, *n); err != nil {
		fmt.Fprintln(os.Stderr, "catalogsearch:", err)
		os.Exit(1)
	}
}

func run(dbPath string, n int) error {
	ctx := context.Background()
	if _, err := os.Stat(dbPath); err != nil {
		return err
	}
	t0 := time.Now()
	db, err := store.Open(ctx, dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	fmt.Printf("opened (with migrations) in %s\n", time.Since(t0).Round(time.Millisecond))
	qs := []store.SearchQuery{
		{Q: "传染病防控"},
		{Q: "卫生健康"},
		{Q: "2021"},
		{Q: "清卫发〔2023〕12号"},
		{Q: "清教函[2019]3号"},
		{Q: "〔2024〕15号"},
		{Q: "2022年老旧小区改造"},
		{Q: "养老服务 2020"},
		{Q: "排污许可", Year: 2023},
		{Q: "政府采购", AgencyID: 12},
		{Q: "医保"},
		{Q: "低保"},
		{Q: "行政许可决定公示", Validity: "valid"},
		{Q: "根治欠薪", Offset: 40},
		{Q: "低保", Offset: 100},
		{Q: "医保 2021"},
	}
	var total time.Duration
	for _, sq := range qs {
		if sq.Limit == 0 {
			sq.Limit = 20
		}
		var ds []time.Duration
		var got, cnt int
		for k := 0; k < n; k++ {
			t := time.Now()
			res, c, err := store.SearchItems(ctx, db, sq)
			if err != nil {
				return fmt.Errorf("%q: %w", sq.Q, err)
			}
			ds = append(ds, time.Since(t))
			got, cnt = len(res), c
		}
		sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
		total += ds[len(ds)/2]
		fmt.Printf("  %-28s %-22s worst %7.1f  median %7.1f  best %6.1f ms  results %2d  total %d\n", sq.Q,
			fmt.Sprintf("y=%d a=%d v=%s off=%d", sq.Year, sq.AgencyID, sq.Validity, sq.Offset),
			ms(ds[len(ds)-1]), ms(ds[len(ds)/2]), ms(ds[0]), got, cnt)
	}
	fmt.Printf("sum of medians: %.1f ms\n", ms(total))
	return nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
