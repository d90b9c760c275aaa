package store

import (
	"context"
	"fmt"
	"slices"
	"time"
)

// RateLimit is a bucket of events that may hold at most Max of them within Window. With
// Distinct, Max bounds the number of different Subjects in the bucket instead: a repeat
// of a subject already there is always admitted (and recorded).
type RateLimit struct {
	Bucket   string
	Max      int
	Window   time.Duration
	Subject  string
	Distinct bool
}

// Reservation is the events a RateReserve recorded, to be released when the attempt
// turns out not to count (a right password, a valid form).
type Reservation struct{ ids []int64 }

// RateReserve records one event in every bucket of limits — all or none — when none of
// them is full, and reports whether it did. It is atomic across concurrent requests and
// app servers: on PostgreSQL a transaction-scoped advisory lock per bucket (taken in
// bucket order) serialises reservations of the same bucket; SQLite transactions start
// IMMEDIATE and so run one at a time. Call it before the expensive check, so that N
// concurrent attempts run at most Max checks.
func (db *DB) RateReserve(ctx context.Context, limits ...RateLimit) (res Reservation, ok bool, err error) {
	now := time.Now()
	sorted := slices.Clone(limits)
	slices.SortFunc(sorted, func(a, b RateLimit) int {
		switch {
		case a.Bucket < b.Bucket:
			return -1
		case a.Bucket > b.Bucket:
			return 1
		}
		return 0
	})
	err = db.InTx(ctx, func(tx *Tx) error {
		res, ok = Reservation{}, false
		for _, l := range sorted {
			if tx.dialect == Postgres {
				if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended(?, 7301))`, "rate:"+l.Bucket); err != nil {
					return err
				}
			}
			if _, err := tx.Exec(ctx, `DELETE FROM rate_events WHERE bucket = ? AND at < ?`, l.Bucket, FormatTime(now.Add(-l.Window))); err != nil {
				return err
			}
			full, err := rateFull(ctx, tx, l)
			if err != nil {
				return err
			}
			if full {
				return nil
			}
		}
		for _, l := range limits {
			id, err := Insert(ctx, tx, `INSERT INTO rate_events (bucket, at, subject) VALUES (?, ?, ?)`, l.Bucket, FormatTime(now), l.Subject)
			if err != nil {
				return err
			}
			res.ids = append(res.ids, id)
		}
		ok = true
		return nil
	})
	if err != nil {
		return Reservation{}, false, fmt.Errorf("store: rate reserve: %w", err)
	}
	return res, ok, nil
}

func rateFull(ctx context.Context, tx *Tx, l RateLimit) (bool, error) {
	var n int
	if l.Distinct {
		var seen int
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM rate_events WHERE bucket = ? AND subject = ?`, l.Bucket, l.Subject).Scan(&seen); err != nil {
			return false, err
		}
		if seen > 0 {
			return false, nil
		}
		if err := tx.QueryRow(ctx, `SELECT COUNT(DISTINCT subject) FROM rate_events WHERE bucket = ?`, l.Bucket).Scan(&n); err != nil {
			return false, err
		}
	} else if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM rate_events WHERE bucket = ?`, l.Bucket).Scan(&n); err != nil {
		return false, err
	}
	return n >= l.Max, nil
}

// RateRelease takes back the events of a reservation.
func (db *DB) RateRelease(ctx context.Context, res Reservation) error {
	if len(res.ids) == 0 {
		return nil
	}
	args := make([]any, len(res.ids))
	for i, id := range res.ids {
		args[i] = id
	}
	if _, err := db.Exec(ctx, `DELETE FROM rate_events WHERE id IN (`+placeholders(len(args))+`)`, args...); err != nil {
		return fmt.Errorf("store: rate release: %w", err)
	}
	return nil
}
