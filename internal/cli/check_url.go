package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path"
	"strings"
	"sync"
	"time"

	"golang.org/x/net/html"

	ar "gongkai/internal/annualreport"
	"gongkai/internal/annualreport/reader"
)

// Limits of `gongkai check URL` (README, docs/architecture.md).
const (
	fetchTimeout   = 30 * time.Second // one download, body included
	fetchMaxBytes  = 64 << 20         // one download
	fetchRedirects = 10
	fetchHostGap   = time.Second // between two requests to one host
	fetchMaxLinks  = 20          // report files fetched from one page
)

// isURL reports an http or https address given on the command line.
func isURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// fetcher downloads report pages and the report files they link to: one request at a
// time per host, a second apart, each with a time and size limit.
type fetcher struct {
	client *http.Client
	mu     sync.Mutex
	last   map[string]time.Time // host → when its last request started
	gap    time.Duration
	max    int // bytes of one download
}

func newFetcher() *fetcher {
	return &fetcher{
		client: &http.Client{
			Timeout: fetchTimeout,
			CheckRedirect: func(req *http.Request, via []*http.Request) error {
				if len(via) >= fetchRedirects {
					return errTooManyRedirects
				}
				return nil
			},
		},
		last: map[string]time.Time{},
		gap:  fetchHostGap,
		max:  fetchMaxBytes,
	}
}

var (
	errTooManyRedirects = errors.New("too many redirects")
	errTooLarge         = errors.New("too large")
)

// wait keeps the polite gap to host.
func (f *fetcher) wait(ctx context.Context, host string) error {
	f.mu.Lock()
	next := f.last[host].Add(f.gap)
	now := time.Now()
	if next.Before(now) {
		next = now
	}
	f.last[host] = next
	f.mu.Unlock()
	select {
	case <-time.After(time.Until(next)):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// get downloads u, or says in Chinese why it could not.
func (f *fetcher) get(ctx context.Context, u *url.URL) ([]byte, string, string) {
	if err := f.wait(ctx, u.Host); err != nil {
		return nil, "", "下载已取消"
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, "", "网址无效：" + err.Error()
	}
	req.Header.Set("User-Agent", "gongkai-check (政府信息公开工作年度报告核对)")
	resp, err := f.client.Do(req)
	if err != nil {
		switch {
		case errors.Is(err, errTooManyRedirects):
			return nil, "", fmt.Sprintf("网址重定向超过 %d 次，未下载", fetchRedirects)
		case isTimeout(err):
			return nil, "", fmt.Sprintf("下载超过 %d 秒未完成，未读取", int(fetchTimeout/time.Second))
		}
		return nil, "", "无法下载：" + err.Error()
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, "", fmt.Sprintf("无法下载：服务器返回 %s", resp.Status)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, int64(f.max)+1))
	switch {
	case err != nil && isTimeout(err):
		return nil, "", fmt.Sprintf("下载超过 %d 秒未完成，未读取", int(fetchTimeout/time.Second))
	case err != nil:
		return nil, "", "下载中断：" + err.Error()
	case len(data) > f.max:
		return nil, "", fmt.Sprintf("文件超过 %d MB，未下载", max(f.max>>20, 1))
	}
	return data, resp.Header.Get("Content-Type"), ""
}

func isTimeout(err error) bool {
	var t interface{ Timeout() bool }
	return errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &t) && t.Timeout())
}

// readURL reads the report at a web address: the page itself when it holds a report,
// and every report file (PDF, Word) it links to, each as a report of its own named by
// its address.
func (f *fetcher) readURL(ctx context.Context, raw string) []*ar.Report {
	if ctx == nil {
		ctx = context.Background()
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return []*ar.Report{failed(raw, "网址无效")}
	}
	data, ctype, msg := f.get(ctx, u)
	if msg != "" {
		return []*ar.Report{failed(raw, msg)}
	}
	page := reader.Read(raw, data)
	if !strings.Contains(ctype, "html") && !looksHTMLBytes(data) {
		return []*ar.Report{page} // a report file given directly
	}
	links := reportLinks(u, data)
	out := []*ar.Report{}
	// The page is a report of its own when it has one; a page that only links to
	// report files is not reported as text only.
	if len(links) == 0 || page.Format != ar.FormatNarrative {
		out = append(out, page)
	}
	for _, l := range links {
		ld, _, msg := f.get(ctx, l)
		if msg != "" {
			out = append(out, failed(l.String(), msg))
			continue
		}
		out = append(out, reader.Read(l.String(), ld))
	}
	return out
}

func looksHTMLBytes(b []byte) bool {
	head := strings.ToLower(string(b[:min(len(b), 1024)]))
	return strings.Contains(head, "<html") || strings.Contains(head, "<!doctype html")
}

// reportLinks are the links of a page to report files (.pdf .doc .docx .wps), in page
// order, without repeats, at most fetchMaxLinks.
func reportLinks(base *url.URL, page []byte) []*url.URL {
	var out []*url.URL
	seen := map[string]bool{}
	z := html.NewTokenizer(strings.NewReader(string(page)))
	for len(out) < fetchMaxLinks {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, has := z.TagName()
		if string(name) != "a" || !has {
			continue
		}
		for {
			k, v, more := z.TagAttr()
			if string(k) == "href" {
				ref, err := url.Parse(strings.TrimSpace(string(v)))
				if err == nil {
					abs := base.ResolveReference(ref)
					ext := strings.ToLower(path.Ext(abs.Path))
					if (abs.Scheme == "http" || abs.Scheme == "https") && (ext == ".pdf" || ext == ".doc" || ext == ".docx" || ext == ".wps") && !seen[abs.String()] {
						seen[abs.String()] = true
						out = append(out, abs)
					}
				}
			}
			if !more {
				break
			}
		}
	}
	return out
}

// failed is the report of an address that could not be read.
func failed(name, msg string) *ar.Report {
	return &ar.Report{File: name, Format: ar.FormatNarrative, Cells: ar.Cells{},
		Findings: []ar.Finding{{Rule: ar.RuleUnreadable, Message: msg}}}
}
