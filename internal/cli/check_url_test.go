package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	ar "gongkai/internal/annualreport"
	"gongkai/internal/annualreport/testreports"
)

// TestCheckURL reads a report page over HTTP and the Word report it links to, like local
// files, through the command.
func TestCheckURL(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 9))
	page := testreports.Random(rng, ar.Format2021, 0)
	att := testreports.Random(rng, ar.Format2019, 0)
	o := testreports.RandomOptions(rng)
	o.Style, o.GBK, o.BOM, o.Traditional = testreports.HTML, false, false, false
	html := string(testreports.Render(rng, page, o).Data)
	html = strings.Replace(html, "</body>", `<p>附件：<a href="files/report.docx">年度报告.docx</a> <a href="/logo.png">logo</a></p></body>`, 1)
	docx := testreports.DOCX(testreports.RenderVariant(att, testreports.Variant{Word: true}))
	mux := http.NewServeMux()
	mux.HandleFunc("/gk/report.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, html)
	})
	mux.HandleFunc("/gk/files/report.docx", func(w http.ResponseWriter, r *http.Request) { w.Write(docx) })
	ts := httptest.NewServer(mux)
	defer ts.Close()
	code, out, stderr := run(t, "check", "--json", ts.URL+"/gk/report.html")
	if code != 0 && code != 1 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var reports []ar.Report
	if err := json.Unmarshal([]byte(out), &reports); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if len(reports) != 2 {
		t.Fatalf("want the page and its attachment, got %d reports", len(reports))
	}
	for k, want := range []*ar.Report{page, att} {
		got := reports[k]
		if got.Agency != want.Agency || got.Year != want.Year || len(got.Findings) != 0 {
			t.Errorf("report %d (%s): %s %d %v, want %s %d and no finding", k, got.File, got.Agency, got.Year, got.Findings, want.Agency, want.Year)
		}
		for _, id := range ar.CellIDs(want.Format) {
			a, _ := want.Cells.Get(id)
			if b, ok := got.Cells.Get(id); !ok || a != b {
				t.Errorf("report %d cell %s: %v, want %v", k, id, b, a)
			}
		}
	}
	if !strings.HasSuffix(reports[1].File, "/gk/files/report.docx") {
		t.Errorf("attachment named %q", reports[1].File)
	}
}

// TestCheckURLBadServers: a page that never ends, a redirect loop, a file too large and
// a missing page each give a finding in bounded time.
func TestCheckURLBadServers(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		for {
			if _, err := w.Write([]byte("<p>1</p>")); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
				return
			case <-time.After(50 * time.Millisecond):
			}
		}
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop?x", http.StatusFound) })
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) { w.Write(make([]byte, 3<<20)) })
	ts := httptest.NewServer(mux)
	defer ts.Close()
	f := newFetcher()
	f.client.Timeout, f.gap, f.max = 2*time.Second, 0, 1<<20
	for _, c := range []struct{ path, want string }{
		{"/slow", "秒未完成"},
		{"/loop", "重定向超过"},
		{"/big", "文件超过 1 MB"},
		{"/missing", "404"},
		{":bad", "网址无效"},
	} {
		start := time.Now()
		reps := f.readURL(context.Background(), ts.URL+c.path)
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("%s: took %v", c.path, d)
		}
		if len(reps) != 1 || len(reps[0].Findings) != 1 || !strings.Contains(reps[0].Findings[0].Message, c.want) {
			t.Errorf("%s: %+v, want one finding with %q", c.path, reps, c.want)
		}
	}
}

// TestFetcherPoliteGap: two requests to one host are a second apart.
func TestFetcherPoliteGap(t *testing.T) {
	f := newFetcher()
	f.gap = 300 * time.Millisecond
	start := time.Now()
	for k := 0; k < 3; k++ {
		if err := f.wait(context.Background(), "example.test"); err != nil {
			t.Fatal(err)
		}
	}
	if d := time.Since(start); d < 600*time.Millisecond {
		t.Errorf("three requests in %v, want at least 600ms", d)
	}
	start = time.Now()
	f.wait(context.Background(), "other.test")
	if d := time.Since(start); d > 100*time.Millisecond {
		t.Errorf("another host waited %v", d)
	}
}
