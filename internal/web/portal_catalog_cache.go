package web

import (
	"bytes"
	"container/list"
	"context"
	"gongkai/internal/searchtext"
	"net/http"
	"runtime"
	"sync"
	"time"

	"gongkai/internal/apperr"
	"gongkai/internal/catalog"
	"gongkai/internal/store"
)

// itemPageCache keeps the rendered public page of recently viewed items. A page is served again
// only while its item is still published and unchanged (the same updated_at, checked with
// one prepared lookup on every request) and for at most itemPageTTL, so that a renamed agency
// or topic shows within that time. Signed-in users and pages with a notice are rendered
// afresh.
type itemPageCache struct {
	mu    sync.Mutex
	pages map[int64]cachedPage // by item id
}

// caches are the Server's caches of the portal, owned by it (tests run several servers over
// different databases in one process).
type caches struct {
	itemPages *itemPageCache
	counts    *countCache
	searches  *searchCache
	// searchSlots bounds the SQLite searches that run at once (see cachedSearch).
	searchSlots chan struct{}
}

func newCaches() caches {
	return caches{
		itemPages:   &itemPageCache{pages: map[int64]cachedPage{}},
		counts:      &countCache{m: map[string]countEntry{}},
		searches:    newSearchCache(searchCacheMax, searchCacheBytes),
		searchSlots: make(chan struct{}, max(2, runtime.GOMAXPROCS(0))),
	}
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

func (c *itemPageCache) get(id int64, stamp string, now time.Time) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	p, ok := c.pages[id]
	if !ok || p.stamp != stamp || now.Sub(p.at) > itemPageTTL {
		return nil, false
	}
	return p.body, true
}

func (c *itemPageCache) put(id int64, stamp string, now time.Time, body []byte) {
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

func (c *itemPageCache) drop(id int64) {
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
	key := id
	stamp, ok, err := s.db.Portal().Stamp(r.Context(), id)
	if err != nil {
		return err
	}
	if !ok {
		s.caches.itemPages.drop(key)
		return apperr.New(apperr.NotFound, "信息不存在或尚未公开")
	}
	// A 公示's page says whether it is open that day: a page is kept for one day at most.
	stamp += "|" + catalog.ChinaDay(s.now()).Format("20060102")
	now := time.Now()
	if body, ok := s.caches.itemPages.get(key, stamp, now); ok {
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
		s.caches.itemPages.put(key, stamp, now, bytes.Clone(cw.buf.Bytes()))
	}
	return nil
}

// countCache keeps the counts beside and under the catalog lists (totals per filter, counts
// per topic and year) for countTTL: on a large catalog counting is the costly part of a list
// page, and a count a minute or two old is good enough for paging and side lists.
type countCache struct {
	mu sync.Mutex
	m  map[string]countEntry
}

type countEntry struct {
	at time.Time
	v  any
}

const (
	countTTL      = 2 * time.Minute
	countCacheMax = 5000
)

// cachedCount returns the value under key, computing it with fn when missing or old.
func cachedCount[T any](s *Server, key string, fn func() (T, error)) (T, error) {
	k := key
	c := s.caches.counts
	now := time.Now()
	c.mu.Lock()
	e, ok := c.m[k]
	c.mu.Unlock()
	if ok && now.Sub(e.at) < countTTL {
		return e.v.(T), nil
	}
	v, err := fn()
	if err != nil {
		return v, err
	}
	c.mu.Lock()
	if len(c.m) >= countCacheMax {
		clear(c.m)
	}
	c.m[k] = countEntry{at: now, v: v}
	c.mu.Unlock()
	return v, nil
}

// searchCache keeps the results of recent searches of the portal: the page of results and the
// total, keyed by the normalised query, the filters and the page. An entry is used only while
// the catalog change counter (store.CatalogChanges, read with one prepared lookup on every
// search) still stands where it stood before the search ran, so that a publication,
// withdrawal, edit or agency change shows in the very next search, on every app server. The
// least recently used entries go first beyond searchCacheMax entries or searchCacheBytes of
// text.
type searchCache struct {
	maxEntries, maxBytes int

	mu    sync.Mutex
	ll    *list.List // of *searchEntry, most recent first
	m     map[searchKey]*list.Element
	bytes int
}

type searchKey struct {
	q store.SearchQuery // Q normalised
}

type searchEntry struct {
	key     searchKey
	changes int64
	results []store.SearchResult
	total   int
	size    int
}

const (
	searchCacheMax   = 10000
	searchCacheBytes = 64 << 20
)

func newSearchCache(maxEntries, maxBytes int) *searchCache {
	return &searchCache{maxEntries: maxEntries, maxBytes: maxBytes, ll: list.New(), m: map[searchKey]*list.Element{}}
}

func (c *searchCache) get(k searchKey, changes int64) ([]store.SearchResult, int, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.m[k]
	if !ok {
		return nil, 0, false
	}
	e := el.Value.(*searchEntry)
	if e.changes != changes {
		c.remove(el)
		return nil, 0, false
	}
	c.ll.MoveToFront(el)
	return e.results, e.total, true
}

func (c *searchCache) put(k searchKey, changes int64, results []store.SearchResult, total int) {
	e := &searchEntry{key: k, changes: changes, results: results, total: total, size: searchEntrySize(k, results)}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.m[k]; ok {
		if old := el.Value.(*searchEntry); old.changes > changes {
			return // a search that began later already stored newer results
		}
		c.remove(el)
	}
	c.m[k] = c.ll.PushFront(e)
	c.bytes += e.size
	for c.ll.Len() > c.maxEntries || c.bytes > c.maxBytes {
		c.remove(c.ll.Back())
	}
}

func (c *searchCache) remove(el *list.Element) {
	e := el.Value.(*searchEntry)
	c.ll.Remove(el)
	delete(c.m, e.key)
	c.bytes -= e.size
}

// searchEntrySize is about the memory an entry holds: its text and a fixed part per result.
func searchEntrySize(k searchKey, results []store.SearchResult) int {
	n := 200 + len(k.q.Q) + len(k.q.Topic)
	for _, r := range results {
		it := r.Item
		n += 400 + len(r.AgencyName) + len(r.Snippet) + len(it.Title) + len(it.DocNo) + len(it.IndexNo) + len(it.Keywords)*16 +
			len(it.Summary) + len(it.Publisher)
	}
	return n
}

// The search slots (caches.searchSlots) bound the SQLite searches that run at once (the
// cache misses) to the number of CPUs. A search is CPU work inside SQLite, reading index lists in process; more at once than
// there are CPUs only share them, so that each takes longer, the slowest (40–80 ms alone)
// several times longer. Waiting for a slot in turn (a channel's senders are served in order)
// leaves the total work the same and keeps the slowest searches near their own cost.
// PostgreSQL runs searches in its own server, on its own CPUs: no bound.
// cachedSearch is store.SearchItems through the search cache. The results are shared by
// every request that finds them in the cache: callers must not change them.
func (s *Server) cachedSearch(ctx context.Context, sq store.SearchQuery) ([]store.SearchResult, int, error) {
	changes, err := s.db.Portal().Changes(ctx)
	if err != nil {
		return nil, 0, err
	}
	k := sq
	k.Q = searchtext.Normalize(sq.Q) // the results depend on the query only through this
	key := searchKey{k}
	if results, total, ok := s.caches.searches.get(key, changes); ok {
		return results, total, nil
	}
	if s.db.Dialect() == store.SQLite {
		// Searches beyond the number of CPUs would only share them: wait in turn.
		select {
		case s.caches.searchSlots <- struct{}{}:
			defer func() { <-s.caches.searchSlots }()
		case <-ctx.Done():
			return nil, 0, ctx.Err()
		}
	}
	results, total, err := s.db.Portal().Search(ctx, sq)
	if err != nil {
		return nil, 0, err
	}
	s.caches.searches.put(key, changes, results, total)
	return results, total, nil
}
