package web

// Bursts of guesses: the limits hold under concurrency (each attempt is reserved in the
// database before the expensive check) and password checks run under a bounded number of
// slots, so memory stays bounded whatever arrives. Run on SQLite and PostgreSQL.

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/demo"
	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
)

// burstSize is how many requests each burst sends at once.
const burstSize = 100

// newEnvOpts is newEnvWith with the server's options given.
func newEnvOpts(t *testing.T, db *store.DB, opts Options) *testEnv {
	t.Helper()
	if _, err := demo.LoadLight(context.Background(), db, time.Now()); err != nil {
		t.Fatalf("demo: %v", err)
	}
	if opts.Log == nil {
		opts.Log = discardLogger()
	}
	srv, err := New(db, opts)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return &testEnv{t: t, db: db, srv: srv, ts: ts}
}

// heapPeak samples the heap while fn runs and returns how far it rose above where it
// stood before (after a collection), in bytes.
func heapPeak(fn func()) uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base := ms.HeapAlloc
	var peak atomic.Uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		var ms runtime.MemStats
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapAlloc > peak.Load() {
				peak.Store(ms.HeapAlloc)
			}
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()
	fn()
	close(stop)
	<-done
	if p := peak.Load(); p > base {
		return p - base
	}
	return 0
}

// burst posts form n times at once from browser c (its cookies and CSRF token), each
// request with the headers of hdr(i), and returns the statuses and the bodies.
func burst(t *testing.T, c *client, path string, n int, form func(i int) url.Values, hdr func(i int) http.Header) ([]int, []string) {
	t.Helper()
	statuses, bodies := make([]int, n), make([]string, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := 0; i < n; i++ {
		f := form(i)
		f.Set(csrfField, c.csrf)
		req, _ := http.NewRequest("POST", c.base+path, strings.NewReader(f.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if hdr != nil {
			for k, v := range hdr(i) {
				req.Header[k] = v
			}
		}
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			<-start
			resp, err := c.hc.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			statuses[i], bodies[i] = resp.StatusCode, string(b)
		}(i)
	}
	close(start)
	wg.Wait()
	return statuses, bodies
}

func countStatus(statuses []int) map[int]int {
	m := map[int]int{}
	for _, s := range statuses {
		m[s]++
	}
	return m
}

// signInMemoryBound is the stated bound on the heap a burst of sign-ins may add: every
// slot's argon2id memory three times over (the collector frees finished checks' blocks
// only when the heap has doubled since its last cycle) plus 64 MiB for the requests
// themselves. Without slots, 100 checks of the default cost hold 6.4 GiB at once.
func signInMemoryBound(pw *account.Passwords, hashMemKiB uint32) uint64 {
	return 3*uint64(pw.Slots())*uint64(hashMemKiB)*1024 + 64<<20
}

// TestSignInBurst: 100 concurrent wrong passwords for one user run at most
// store.SignInPerUser.Max password checks; the heap stays under signInMemoryBound.
func TestSignInBurst(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		pw := account.NewPasswords(account.DefaultArgon2(), 2)
		db.SetPasswords(pw)
		e := newEnvOpts(t, db, Options{})
		c := e.anon()
		c.get("/console/login")
		before := pw.Stats()
		var statuses []int
		grew := heapPeak(func() {
			statuses, _ = burst(t, c, "/console/login", burstSize, func(int) url.Values {
				return url.Values{"username": {"wj.fuze"}, "password": {"wrong-password-1"}}
			}, nil)
		})
		after := pw.Stats()
		checks := after.Checks - before.Checks
		got := countStatus(statuses)
		t.Logf("%d sign-ins: statuses %v, %d password checks, at most %d at once, heap +%d MiB", burstSize, got, checks, after.MaxInFlight, grew>>20)
		if checks > int64(store.SignInPerUser.Max) {
			t.Errorf("%d password checks, limit %d", checks, store.SignInPerUser.Max)
		}
		if got[http.StatusUnauthorized] != store.SignInPerUser.Max || got[http.StatusTooManyRequests] != burstSize-store.SignInPerUser.Max {
			t.Errorf("statuses %v, want %d × 401 and the rest 429", got, store.SignInPerUser.Max)
		}
		if after.MaxInFlight > int64(pw.Slots()) {
			t.Errorf("%d checks at once, slots %d", after.MaxInFlight, pw.Slots())
		}
		// The demo accounts' hashes have the default cost.
		if bound := signInMemoryBound(pw, account.DefaultArgon2().MemoryKiB); grew > bound {
			t.Errorf("heap grew %d MiB, bound %d MiB", grew>>20, bound>>20)
		}
		// The right password is refused too while the user is locked.
		c.get("/console/login")
		if resp, _ := c.post("/console/login", url.Values{"username": {"wj.fuze"}, "password": {demo.Password}}); resp.StatusCode != http.StatusTooManyRequests {
			t.Errorf("locked user signed in: %d", resp.StatusCode)
		}
	})
}

// TestSignInBurstManyAddresses: 100 concurrent sign-ins for unknown names from 100
// addresses are all within the limits, so each runs a check — never more at once than
// the slots, and the heap stays under signInMemoryBound. The cost is lowered through the
// same configuration a deployment uses.
func TestSignInBurstManyAddresses(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		cost := account.Argon2{Time: 1, MemoryKiB: 8 * 1024, Threads: 1}
		pw := account.NewPasswords(cost, 2)
		db.SetPasswords(pw)
		e := newEnvOpts(t, db, Options{TrustedProxies: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32"), netip.MustParsePrefix("::1/128")}})
		c := e.anon()
		c.get("/console/login")
		var statuses []int
		grew := heapPeak(func() {
			statuses, _ = burst(t, c, "/console/login", burstSize, func(i int) url.Values {
				return url.Values{"username": {fmt.Sprintf("nobody.%d", i)}, "password": {"wrong-password-1"}}
			}, func(i int) http.Header {
				return http.Header{"X-Forwarded-For": {fmt.Sprintf("198.51.100.%d", i+1)}}
			})
		})
		st := pw.Stats()
		t.Logf("statuses %v, %d checks, at most %d at once, heap +%d MiB", countStatus(statuses), st.Checks, st.MaxInFlight, grew>>20)
		for i, s := range statuses {
			if s != http.StatusUnauthorized && s != http.StatusTooManyRequests {
				t.Errorf("request %d: %d", i, s)
			}
		}
		if st.MaxInFlight > int64(pw.Slots()) {
			t.Errorf("%d checks at once, slots %d", st.MaxInFlight, pw.Slots())
		}
		if bound := signInMemoryBound(pw, cost.MemoryKiB); grew > bound {
			t.Errorf("heap grew %d MiB, bound %d MiB", grew>>20, bound>>20)
		}
	})
}

// TestTrackBurst: 100 concurrent wrong query codes for one tracking number compare at most
// store.TrackPerNumber.Max codes; the address itself is not locked by one number.
func TestTrackBurst(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnvOpts(t, db, Options{})
		tracking, code := submitApplication(t, e.anon(), wjAgencyID(t, e), "本区2024年卫生健康统计公报")
		other, otherCode := submitApplication(t, e.anon(), wjAgencyID(t, e), "本区2024年医疗机构名录")
		c := e.anon()
		c.get("/track")
		before := store.QueryCodeChecks()
		var statuses []int
		grew := heapPeak(func() {
			statuses, _ = burst(t, c, "/track", burstSize, func(i int) url.Values {
				return url.Values{"tracking": {tracking}, "code": {fmt.Sprintf("WRONG%03d", i)}}
			}, nil)
		})
		checks := store.QueryCodeChecks() - before
		got := countStatus(statuses)
		t.Logf("statuses %v, %d code checks, heap +%d MiB", got, checks, grew>>20)
		if checks > int64(store.TrackPerNumber.Max) {
			t.Errorf("%d query codes compared, limit %d", checks, store.TrackPerNumber.Max)
		}
		if got[http.StatusNotFound] != store.TrackPerNumber.Max || got[http.StatusTooManyRequests] != burstSize-store.TrackPerNumber.Max {
			t.Errorf("statuses %v", got)
		}
		if grew > 64<<20 {
			t.Errorf("heap grew %d MiB, bound 64 MiB", grew>>20)
		}
		// The number is locked, right code or not; another number from the same address is not.
		if resp := track(t, c, tracking, code); resp.StatusCode != http.StatusTooManyRequests {
			t.Errorf("locked number with the right code: %d", resp.StatusCode)
		}
		if resp := track(t, c, other, otherCode); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("another number from the same address: %d", resp.StatusCode)
		}
	})
}

// TestTrackAddressLockedAfterManyNumbers: an address that fails with many different
// tracking numbers is locked out, for every number.
func TestTrackAddressLockedAfterManyNumbers(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		tracking, code := submitApplication(t, e.anon(), wjAgencyID(t, e), "本区2024年卫生健康统计公报")
		c := e.anon()
		for i := 0; i < store.TrackPerAddress.Max; i++ {
			// Two tries per number: repeats of a number do not count twice against the address.
			for range 2 {
				if resp := track(t, c, fmt.Sprintf("ABCDEFGH%04d", i), "WRONGONE"); resp.StatusCode != http.StatusNotFound {
					t.Fatalf("number %d: %d", i, resp.StatusCode)
				}
			}
		}
		if resp := track(t, c, tracking, code); resp.StatusCode != http.StatusTooManyRequests {
			t.Errorf("after %d different numbers: %d, want 429", store.TrackPerAddress.Max, resp.StatusCode)
		}
	})
}

// TestApplyBurst: 20 concurrent valid submissions from one address store exactly
// applyLimit applications.
func TestApplyBurst(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnvOpts(t, db, Options{})
		path := "/agencies/" + itoa(wjAgencyID(t, e)) + "/apply"
		before := applicationCount(t, e)
		c := e.anon()
		c.get(path)
		statuses, _ := burst(t, c, path, 20, func(i int) url.Values {
			return applyValues(fmt.Sprintf("并发申请第%d项信息", i))
		}, nil)
		got := countStatus(statuses)
		if n := applicationCount(t, e) - before; n != applyLimit || got[http.StatusOK] != applyLimit {
			t.Errorf("%d stored, statuses %v; want %d", n, got, applyLimit)
		}
	})
}
