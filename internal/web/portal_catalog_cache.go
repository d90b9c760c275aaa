package web

import (
	"bytes"
	"net/http"
	"sync"
	"time"

	"gongkai/internal/apperr"
	"gongkai/internal/store"
)

// itemPages keeps the rendered public page of recently viewed items. A page is served again
// only while its item is still published and unchanged (the same updated_at, checked with
// one prepared lookup on every request) and for at most itemPageTTL, so that a renamed agency
// or topic shows within that time. Signed-in users and pages with a notice are rendered
// afresh.
type itemPageCache struct {
	mu    sync.Mutex
	pages map[pageKey]cachedPage
}

// pageKey tells apart the servers of one process (tests run several over different databases).
type pageKey struct {
	srv *Server
	id  int64
}

type cachedPage struct {
	stamp string
	at    time.Time
	body  []byte
}

const (
	itemPageTTL      = time.Minute
	itemPageCacheMax = 20000
)

var itemPages = &itemPageCache{pages: map[pageKey]cachedPage{}}

func (c *itemPageCache) get(id pageKey, stamp string, now time.Time) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	p, ok := c.pages[id]
	if !ok || p.stamp != stamp || now.Sub(p.at) > itemPageTTL {
		return nil, false
	}
	return p.body, true
}

func (c *itemPageCache) put(id pageKey, stamp string, now time.Time, body []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.pages) >= itemPageCacheMax {
		for k := range c.pages { // drop an arbitrary tenth
			delete(c.pages, k)
			if len(c.pages) < itemPageCacheMax*9/10 {
				break
			}
		}
	}
	c.pages[id] = cachedPage{stamp: stamp, at: now, body: body}
}

func (c *itemPageCache) drop(id pageKey) {
	c.mu.Lock()
	delete(c.pages, id)
	c.mu.Unlock()
}

// captureWriter passes a response through and keeps a copy of its body.
type captureWriter struct {
	http.ResponseWriter
	status int
	buf    bytes.Buffer
}

func (w *captureWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

func (w *captureWriter) Write(b []byte) (int, error) {
	w.buf.Write(b)
	return w.ResponseWriter.Write(b)
}

// cachedItemPage serves /items/{id} from the cache when it can; otherwise it renders the page
// with render and keeps it.
func (s *Server) cachedItemPage(w http.ResponseWriter, r *http.Request, render func(http.ResponseWriter, *http.Request) error) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if _, signedIn := sessionOf(r); signedIn || r.URL.RawQuery != "" {
		return render(w, r)
	}
	key := pageKey{s, id}
	stamp, ok, err := store.ItemStamp(r.Context(), s.db, id)
	if err != nil {
		return err
	}
	if !ok {
		itemPages.drop(key)
		return apperr.New(apperr.NotFound, "信息不存在或尚未公开")
	}
	now := time.Now()
	if body, ok := itemPages.get(key, stamp, now); ok {
		h := w.Header()
		h.Set("Content-Type", "text/html; charset=utf-8")
		h.Set("Cache-Control", "no-store")
		_, err := w.Write(body)
		return err
	}
	cw := &captureWriter{ResponseWriter: w, status: http.StatusOK}
	if err := render(cw, r); err != nil {
		return err
	}
	if cw.status == http.StatusOK {
		itemPages.put(key, stamp, now, bytes.Clone(cw.buf.Bytes()))
	}
	return nil
}

// countCache keeps the counts beside and under the catalog lists (totals per filter, counts
// per topic and year) for countTTL: on a large catalog counting is the costly part of a list
// page, and a count a minute or two old is good enough for paging and side lists.
type countCache struct {
	mu sync.Mutex
	m  map[countKey]countEntry
}

type countKey struct {
	srv *Server
	key string
}

type countEntry struct {
	at time.Time
	v  any
}

const (
	countTTL      = 2 * time.Minute
	countCacheMax = 5000
)

var catalogCounts = &countCache{m: map[countKey]countEntry{}}

// cachedCount returns the value under key, computing it with fn when missing or old.
func cachedCount[T any](s *Server, key string, fn func() (T, error)) (T, error) {
	k := countKey{s, key}
	now := time.Now()
	catalogCounts.mu.Lock()
	e, ok := catalogCounts.m[k]
	catalogCounts.mu.Unlock()
	if ok && now.Sub(e.at) < countTTL {
		return e.v.(T), nil
	}
	v, err := fn()
	if err != nil {
		return v, err
	}
	catalogCounts.mu.Lock()
	if len(catalogCounts.m) >= countCacheMax {
		clear(catalogCounts.m)
	}
	catalogCounts.m[k] = countEntry{at: now, v: v}
	catalogCounts.mu.Unlock()
	return v, nil
}
