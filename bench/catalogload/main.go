// Command catalogload measures the public catalog portal under load (issue 5): it builds (or
// reuses) a SQLite database of 1,000,000 published items under bench/out/, starts gongkai
// serve on loopback, saves one item page to a file served by nginx on loopback, and drives
// concurrent load against the item page (gongkai), the same page (nginx) and the search page
// (gongkai). It prints p50/p99 latency and requests per second for each.
//
// Run it through bench/catalog-portal.sh, which installs nginx when missing. Every target is
// on 127.0.0.1; every run is bounded in requests and time.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

func main() {
	var (
		out       = flag.String("out", "bench/out", "folder for the database, binary, logs and nginx files")
		items     = flag.Int("items", 1000000, "published items in the database")
		rebuild   = flag.Bool("rebuild", false, "build the database even if a cached one exists")
		conc      = flag.Int("c", 16, "concurrent connections")
		sconc     = flag.Int("sc", 4, "concurrent connections of the second, lighter search run")
		dur       = flag.Duration("d", 15*time.Second, "measuring time per target")
		maxReq    = flag.Int("n", 300000, "at most this many requests per target")
		warm      = flag.Duration("warmup", 2*time.Second, "unmeasured warm-up per target")
		nginxBin  = flag.String("nginx", "", "nginx binary (default: from PATH or /usr/sbin/nginx)")
		gongkai   = flag.String("gongkai", "", "gongkai binary (default: built into -out)")
		cold      = flag.Bool("cold", true, "also load the search page with distinct queries only (no result is asked twice, so no cache helps)")
		search    = flag.Bool("search-only", false, "load the search page only (not the item page; nginx is not needed)")
		printCold = flag.Bool("print-cold", false, "print the cold mix, one query a line, and exit (bench/catalogsearch -queries reads it)")
	)
	flag.Parse()
	if *printCold {
		for _, p := range coldQueries() {
			fmt.Println(p)
		}
		return
	}
	if err := run(*out, *items, *rebuild, *conc, *sconc, *dur, *maxReq, *warm, *nginxBin, *gongkai, *cold, *search); err != nil {
		fmt.Fprintln(os.Stderr, "catalogload:", err)
		os.Exit(1)
	}
}

func run(out string, items int, rebuild bool, conc, sconc int, dur time.Duration, maxReq int, warm time.Duration, nginxBin, gongkai string, cold, searchOnly bool) error {
	ctx := context.Background()
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	out, _ = filepath.Abs(out)
	dbPath := filepath.Join(out, fmt.Sprintf("catalog-%d.db", items))
	if _, err := os.Stat(dbPath); err != nil || rebuild {
		for _, suffix := range []string{"", "-wal", "-shm"} {
			os.Remove(dbPath + suffix)
		}
		fmt.Printf("building %s with %d published items …\n", dbPath, items)
		start := time.Now()
		if err := buildDatabase(ctx, dbPath, items); err != nil {
			return fmt.Errorf("build database: %w", err)
		}
		fmt.Printf("built in %s\n", time.Since(start).Round(time.Second))
	} else {
		fmt.Printf("using cached %s\n", dbPath)
	}
	if st, err := os.Stat(dbPath); err == nil {
		fmt.Printf("database size: %.0f MiB\n", float64(st.Size())/(1<<20))
	}
	if gongkai == "" {
		gongkai = filepath.Join(out, "gongkai")
		build := exec.Command("go", "build", "-o", gongkai, "./cmd/gongkai")
		build.Stdout, build.Stderr = os.Stdout, os.Stderr
		if err := build.Run(); err != nil {
			return fmt.Errorf("go build: %w", err)
		}
	}
	itemID, err := sampleItemID(ctx, dbPath)
	if err != nil {
		return err
	}

	gkAddr, err := freeAddr()
	if err != nil {
		return err
	}
	logFile, err := os.Create(filepath.Join(out, "gongkai-serve.log"))
	if err != nil {
		return err
	}
	defer logFile.Close()
	srv := exec.Command(gongkai, "serve", "--db", dbPath, "--addr", gkAddr, "--demo=false")
	srv.Stdout, srv.Stderr = logFile, logFile
	srv.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := srv.Start(); err != nil {
		return err
	}
	defer stop(srv)
	gkBase := "http://" + gkAddr
	if err := waitUp(gkBase+"/healthz", 60*time.Second); err != nil {
		return fmt.Errorf("gongkai serve: %w (see %s)", err, logFile.Name())
	}
	itemPath := fmt.Sprintf("/items/%d", itemID)

	// nginx serves the same page, saved to a file.
	www := filepath.Join(out, "www")
	os.MkdirAll(www, 0o755)
	page, err := fetch(gkBase + itemPath)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(www, "item.html"), page, 0o644); err != nil {
		return err
	}
	ngBase := ""
	if !searchOnly {
		ngAddr, err := freeAddr()
		if err != nil {
			return err
		}
		ng, err := startNginx(nginxBin, out, www, ngAddr)
		if err != nil {
			return err
		}
		defer stop(ng)
		ngBase = "http://" + ngAddr
		if err := waitUp(ngBase+"/item.html", 10*time.Second); err != nil {
			return fmt.Errorf("nginx: %w", err)
		}
	}

	fmt.Printf("\nmachine: %d CPUs, %s, load average before: %s; load: %d connections, %s per target (after %s warm-up), at most %d requests\n",
		runtime.NumCPU(), runtime.Version(), loadAvg(), conc, dur, warm, maxReq)
	defer func() { fmt.Printf("load average after: %s\n", loadAvg()) }()
	fmt.Printf("item page: %s (%d bytes)\n\n", itemPath, len(page))

	searchPaths := searchQueries()
	type target struct {
		name  string
		paths func() []string // a call per run: the cold mix hands out queries never asked before
		base  string
		conc  int
		cold  bool
	}
	fixed := func(p ...string) func() []string { return func() []string { return p } }
	targets := []target{
		{"item page (gongkai)", fixed(itemPath), gkBase, conc, false},
		{"item page (nginx, static file)", fixed("/item.html"), ngBase, conc, false},
		{"search page (gongkai)", fixed(searchPaths...), gkBase, conc, false},
		{fmt.Sprintf("search page (gongkai), %d conns", sconc), fixed(searchPaths...), gkBase, sconc, false},
	}
	if searchOnly {
		targets = targets[2:]
	}
	if cold {
		distinct := coldQueries()
		fmt.Printf("cold mix: %d distinct queries, %d per run\n", len(distinct), coldChunk)
		next := 0
		chunk := func() []string {
			if next+coldChunk > len(distinct) {
				panic("cold mix: out of distinct queries")
			}
			next += coldChunk
			return distinct[next-coldChunk : next]
		}
		targets = append(targets,
			target{"search page, cold (gongkai)", chunk, gkBase, conc, true},
			target{fmt.Sprintf("search page, cold (gongkai), %d conns", sconc), chunk, gkBase, sconc, true})
	}
	results := map[string]result{}
	for _, t := range targets {
		paths, n := t.paths(), maxReq
		if t.cold {
			n = min(n, len(paths)) // never twice the same query
		}
		load(t.base, paths, t.conc, warm, n) // warm-up, not recorded
		la := loadAvg()
		if t.cold {
			paths = t.paths() // the measured run asks none of the warm-up's queries
		}
		r := load(t.base, paths, t.conc, dur, n)
		results[t.name] = r
		fmt.Printf("%-40s %s  (load average before: %s)\n", t.name, r, la)
	}
	// Per-query latency of the search mix, one request at a time.
	fmt.Printf("\nsearch queries, sequential (3 runs each, worst shown):\n")
	for _, p := range searchPaths {
		var worst time.Duration
		for k := 0; k < 3; k++ {
			t0 := time.Now()
			if _, err := fetch(gkBase + p); err != nil {
				return err
			}
			worst = max(worst, time.Since(t0))
		}
		q, _ := url.ParseQuery(strings.TrimPrefix(p, "/search?"))
		fmt.Printf("  %-40s %6.1f ms\n", q.Encode(), float64(worst.Microseconds())/1000)
	}
	fmt.Printf("\nother portal pages, sequential (3 runs each, worst shown):\n")
	for _, p := range []string{"/agencies/1/catalog", "/agencies/1/catalog?year=2020&topic=policy_documents", "/governments/1/catalog",
		"/governments/1/catalog?page=200", "/feed.xml", "/sitemap.xml", "/sitemap/items-1.xml", "/agencies/1/guide", "/"} {
		var worst time.Duration
		for k := 0; k < 3; k++ {
			t0 := time.Now()
			if _, err := fetch(gkBase + p); err != nil {
				return err
			}
			worst = max(worst, time.Since(t0))
		}
		fmt.Printf("  %-52s %7.1f ms\n", p, float64(worst.Microseconds())/1000)
	}
	fmt.Println()
	if !searchOnly {
		gk, nx := results[targets[0].name], results[targets[1].name]
		fmt.Printf("item page requests/s: gongkai %.0f = %.0f%% of nginx %.0f (target ≥ 30%%); item page p99: %.1f ms (target < 50 ms)\n",
			gk.RPS, 100*gk.RPS/nx.RPS, nx.RPS, ms(gk.P99))
	}
	for _, t := range targets {
		if strings.HasPrefix(t.name, "search") {
			fmt.Printf("%s: p99 %.1f ms at %d connections (target < 200 ms)\n", t.name, ms(results[t.name].P99), t.conc)
		}
	}
	return nil
}

// searchQueries is the search mix: words, years, 文号 whole and in part, mixed Chinese and
// digits, two-character words, with and without filters.
func searchQueries() []string {
	qs := []url.Values{
		{"q": {"传染病防控"}},
		{"q": {"卫生健康"}},
		{"q": {"2021"}},
		{"q": {"清卫发〔2023〕12号"}},
		{"q": {"清教函[2019]3号"}},
		{"q": {"〔2024〕15号"}},
		{"q": {"2022年老旧小区改造"}},
		{"q": {"养老服务 2020"}},
		{"q": {"排污许可"}, "year": {"2023"}},
		{"q": {"政府采购"}, "agency": {"12"}},
		{"q": {"医保"}},
		{"q": {"低保"}},
		{"q": {"行政许可决定公示"}, "validity": {"valid"}},
		{"q": {"根治欠薪"}, "page": {"3"}},
	}
	var out []string
	for _, q := range qs {
		out = append(out, "/search?"+q.Encode())
	}
	return out
}

// coldChunk is the number of distinct queries of one cold run (warm-up or measured): more
// than a run of the search page can ask, so that none is asked twice.
const coldChunk = 15000

// coldQueries is the cold search mix: distinct searches (word × year × agency × page, the
// words being the catalog's own phrases, parts of them, two-character words and 文号 prefixes;
// a word alone, with a year typed beside it, with a year filter, with an agency filter, or
// both filters), in a fixed random order.
func coldQueries() []string {
	words := map[string]bool{}
	for _, d := range depts {
		for _, a := range d.areas {
			words[a] = true
			rs := []rune(a)
			words[string(rs[:2])] = true
			if len(rs) >= 4 {
				words[string(rs[len(rs)-2:])] = true
				words[string(rs[1:4])] = true
			}
		}
		words[d.abbr+"发"] = true
	}
	var list []string
	for w := range words {
		list = append(list, w)
	}
	sort.Strings(list)
	seen := map[string]bool{}
	var out []string
	add := func(v url.Values) {
		p := "/search?" + v.Encode()
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for _, w := range list {
		for page := 1; page <= 2; page++ {
			pg := []string{strconv.Itoa(page)}
			add(url.Values{"q": {w}, "page": pg})
			for y := 2008; y <= 2025; y++ {
				ys := strconv.Itoa(y)
				add(url.Values{"q": {w + " " + ys}, "page": pg})
				add(url.Values{"q": {w}, "year": {ys}, "page": pg})
				for _, a := range []int{1 + y%len(depts), 1 + (y*7+3)%len(depts)} {
					add(url.Values{"q": {w}, "year": {ys}, "agency": {strconv.Itoa(a)}, "page": pg})
				}
			}
			for a := 1; a <= len(depts); a++ {
				add(url.Values{"q": {w}, "agency": {strconv.Itoa(a)}, "page": pg})
			}
		}
	}
	rng := rand.New(rand.NewPCG(5, 20251126))
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

type result struct {
	N, Errors      int
	RPS            float64
	P50, P99, PMax time.Duration
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func (r result) String() string {
	return fmt.Sprintf("%7d req  %8.0f req/s  p50 %6.2f ms  p99 %7.2f ms  max %7.2f ms  errors %d", r.N, r.RPS, ms(r.P50), ms(r.P99), ms(r.PMax), r.Errors)
}

// load runs conc workers over paths (round robin) for at most d and maxReq requests.
func load(base string, paths []string, conc int, d time.Duration, maxReq int) result {
	tr := &http.Transport{MaxIdleConnsPerHost: conc, MaxConnsPerHost: conc, DisableCompression: true}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second}
	var next, errs atomic.Int64
	lat := make([]time.Duration, maxReq)
	deadline := time.Now().Add(d)
	var wg sync.WaitGroup
	start := time.Now()
	for w := 0; w < conc; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(deadline) {
				i := next.Add(1) - 1
				if i >= int64(maxReq) {
					return
				}
				t0 := time.Now()
				resp, err := client.Get(base + paths[int(i)%len(paths)])
				if err == nil {
					_, err = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode != 200 {
						err = fmt.Errorf("status %d", resp.StatusCode)
					}
				}
				lat[i] = time.Since(t0)
				if err != nil {
					errs.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	n := int(min(next.Load(), int64(maxReq)))
	// Requests started but not run (counter passed maxReq) are not counted.
	done := lat[:n]
	var kept []time.Duration
	for _, l := range done {
		if l > 0 {
			kept = append(kept, l)
		}
	}
	sort.Slice(kept, func(a, b int) bool { return kept[a] < kept[b] })
	r := result{N: len(kept), Errors: int(errs.Load()), RPS: float64(len(kept)) / elapsed.Seconds()}
	if len(kept) > 0 {
		r.P50 = kept[len(kept)*50/100]
		r.P99 = kept[min(len(kept)*99/100, len(kept)-1)]
		r.PMax = kept[len(kept)-1]
	}
	return r
}

func fetch(u string) ([]byte, error) {
	resp, err := http.Get(u)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		return nil, fmt.Errorf("GET %s: status %d", u, resp.StatusCode)
	}
	return b, err
}

func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

func waitUp(u string, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		if resp, err := http.Get(u); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return nil
			}
		}
		time.Sleep(200 * time.Millisecond)
	}
	return errors.New("did not come up")
}

func startNginx(bin, out, www, addr string) (*exec.Cmd, error) {
	if bin == "" {
		if p, err := exec.LookPath("nginx"); err == nil {
			bin = p
		} else if _, err := os.Stat("/usr/sbin/nginx"); err == nil {
			bin = "/usr/sbin/nginx"
		} else {
			return nil, errors.New("nginx not found: run bench/catalog-portal.sh (installs Debian's nginx) or pass -nginx")
		}
	}
	prefix := filepath.Join(out, "nginx")
	os.MkdirAll(filepath.Join(prefix, "logs"), 0o755)
	conf := fmt.Sprintf(`worker_processes auto;
pid %[1]s/nginx.pid;
error_log %[1]s/logs/error.log;
events { worker_connections 1024; }
http {
    types { text/html html; }
    access_log %[1]s/logs/access.log;
    sendfile on;
    keepalive_requests 100000;
    client_body_temp_path %[1]s/tmp; proxy_temp_path %[1]s/tmp; fastcgi_temp_path %[1]s/tmp; uwsgi_temp_path %[1]s/tmp; scgi_temp_path %[1]s/tmp;
    server {
        listen %[2]s;
        root %[3]s;
    }
}
`, prefix, addr, www)
	confPath := filepath.Join(prefix, "nginx.conf")
	if err := os.WriteFile(confPath, []byte(conf), 0o644); err != nil {
		return nil, err
	}
	os.MkdirAll(filepath.Join(prefix, "tmp"), 0o755)
	cmd := exec.Command(bin, "-p", prefix, "-c", confPath, "-g", "daemon off;")
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	return cmd, cmd.Start()
}

// stop ends a process this program started (and its children: nginx workers), by its id.
func stop(cmd *exec.Cmd) {
	if cmd.Process == nil {
		return
	}
	syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		<-done
	}
}

// loadAvg is the first three fields of /proc/loadavg: other work on the machine shows there.
func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}
