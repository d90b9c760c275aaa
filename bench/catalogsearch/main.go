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
	"net/url"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"gongkai/internal/catalog"
	"gongkai/internal/store"
)

func main() {
	dbPath := flag.String("db", "bench/out/catalog-1000000.db", "SQLite database built by bench/catalog-portal.sh")
	n := flag.Int("n", 5, "runs per query")
	queries := flag.String("queries", "", "instead of the mix: time each search of this file once (search page paths, one a line: go run ./bench/catalogload -print-cold)")
	first := flag.Int("first", 2000, "with -queries: the first this many lines")
	flag.Parse()
	if *queries != "" {
		if err := runFile(*dbPath, *queries, *first); err != nil {
			fmt.Fprintln(os.Stderr, "catalogsearch:", err)
			os.Exit(1)
		}
		return
	}
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

// runFile times each search of a file of search page paths once and prints the distribution
// and the slowest.
func runFile(dbPath, file string, first int) error {
	ctx := context.Background()
	raw, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	db, err := store.Open(ctx, dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	type timed struct {
		path, form string
		d          time.Duration
		total      int
	}
	var ts []timed
	var sum time.Duration
	for _, line := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
		if len(ts) == first {
			break
		}
		u, err := url.Parse(line)
		if err != nil {
			return err
		}
		v := u.Query()
		sq := store.SearchQuery{Q: v.Get("q"), Topic: v.Get("topic"), Validity: catalog.Validity(v.Get("validity")), Limit: 20}
		sq.Year, _ = strconv.Atoi(v.Get("year"))
		sq.AgencyID, _ = strconv.ParseInt(v.Get("agency"), 10, 64)
		if p, _ := strconv.Atoi(v.Get("page")); p > 1 {
			sq.Offset = (p - 1) * 20
		}
		t := time.Now()
		_, total, err := store.SearchItems(ctx, db, sq)
		if err != nil {
			return fmt.Errorf("%s: %w", line, err)
		}
		d := time.Since(t)
		sum += d
		var form []string
		if strings.Contains(sq.Q, " ") {
			form = append(form, "word+year typed")
		} else {
			form = append(form, "word")
		}
		if sq.Year != 0 {
			form = append(form, "year filter")
		}
		if sq.AgencyID != 0 {
			form = append(form, "agency filter")
		}
		ts = append(ts, timed{line, strings.Join(form, ", "), d, total})
	}
	if len(ts) == 0 {
		return fmt.Errorf("%s: no queries", file)
	}
	sort.Slice(ts, func(i, j int) bool { return ts[i].d < ts[j].d })
	at := func(p int) float64 { return ms(ts[min(len(ts)*p/100, len(ts)-1)].d) }
	fmt.Printf("%d searches, one each: mean %.1f ms, p50 %.1f, p90 %.1f, p99 %.1f, max %.1f ms\n",
		len(ts), ms(sum)/float64(len(ts)), at(50), at(90), at(99), ms(ts[len(ts)-1].d))
	byForm := map[string][]time.Duration{}
	for _, t := range ts {
		byForm[t.form] = append(byForm[t.form], t.d)
	}
	var forms []string
	for f := range byForm {
		forms = append(forms, f)
	}
	sort.Strings(forms)
	for _, f := range forms {
		ds := byForm[f] // sorted, as ts is
		var sum time.Duration
		for _, d := range ds {
			sum += d
		}
		fmt.Printf("  %-36s %4d  mean %6.1f  p50 %6.1f  max %7.1f ms\n", f, len(ds), ms(sum)/float64(len(ds)), ms(ds[len(ds)/2]), ms(ds[len(ds)-1]))
	}
	fmt.Println("slowest:")
	for i := len(ts) - 1; i >= max(0, len(ts)-10); i-- {
		q, _ := url.QueryUnescape(ts[i].path)
		fmt.Printf("  %8.1f ms  total %4d  %s\n", ms(ts[i].d), ts[i].total, q)
	}
	return nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
