package store_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
)

// TestRateReserveConcurrent: 50 concurrent reservations of a bucket of 5 admit exactly 5,
// on both databases.
func TestRateReserveConcurrent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		l := store.RateLimit{Bucket: "test:burst", Max: 5, Window: time.Minute}
		var mu sync.Mutex
		admitted := 0
		var wg sync.WaitGroup
		for i := 0; i < 50; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, ok, err := db.RateReserve(ctx, l)
				if err != nil {
					t.Error(err)
					return
				}
				if ok {
					mu.Lock()
					admitted++
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		if admitted != l.Max {
			t.Errorf("%d admitted, want %d", admitted, l.Max)
		}
	})
}

func TestRateReserveRules(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		reserve := func(ls ...store.RateLimit) (store.Reservation, bool) {
			t.Helper()
			res, ok, err := db.RateReserve(ctx, ls...)
			if err != nil {
				t.Fatal(err)
			}
			return res, ok
		}
		a := store.RateLimit{Bucket: "test:a", Max: 2, Window: time.Minute}
		b := store.RateLimit{Bucket: "test:b", Max: 1, Window: time.Minute}
		// All or none: b full refuses a as well.
		if _, ok := reserve(a, b); !ok {
			t.Fatal("first reservation refused")
		}
		if _, ok := reserve(a, b); ok {
			t.Fatal("b is full, yet admitted")
		}
		res, ok := reserve(a)
		if !ok {
			t.Fatal("a has room for one more (the refused reservation recorded nothing)")
		}
		if _, ok := reserve(a); ok {
			t.Fatal("a is full, yet admitted")
		}
		// A released reservation frees its place.
		if err := db.RateRelease(ctx, res); err != nil {
			t.Fatal(err)
		}
		if _, ok := reserve(a); !ok {
			t.Fatal("released place not freed")
		}
		// Distinct: at most 3 subjects; a repeat of a known subject always passes.
		d := func(s string) store.RateLimit {
			return store.RateLimit{Bucket: "test:d", Max: 3, Window: time.Minute, Distinct: true, Subject: s}
		}
		for i := 0; i < 3; i++ {
			for range 3 {
				if _, ok := reserve(d(fmt.Sprint(i))); !ok {
					t.Fatalf("subject %d refused", i)
				}
			}
		}
		if _, ok := reserve(d("new")); ok {
			t.Fatal("fourth subject admitted")
		}
		if _, ok := reserve(d("1")); !ok {
			t.Fatal("a known subject refused")
		}
		// The window: old events do not count.
		old := store.RateLimit{Bucket: "test:old", Max: 1, Window: time.Millisecond}
		reserve(old)
		time.Sleep(5 * time.Millisecond)
		if _, ok := reserve(old); !ok {
			t.Fatal("an event outside the window still counted")
		}
	})
}
