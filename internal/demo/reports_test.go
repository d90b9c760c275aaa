package demo

import (
	"context"
	"testing"
	"time"

	"gongkai/internal/annualreport"
	"gongkai/internal/store/storetest"
)

// The demo's annual reports keep the rules a real agency keeps, checked by the same
// domain rules: each is published after its year ended and by 31 January, none for the
// year in progress, none after "now", and each is consistent as published.
func TestDemoReportsKeepTheRules(t *testing.T) {
	nows := []time.Time{
		time.Date(2026, 12, 7, 1, 0, 0, 0, time.UTC), // late in a year
		time.Date(2027, 1, 5, 1, 0, 0, 0, time.UTC),  // a new year, last year's report not yet due
		time.Date(2027, 1, 25, 1, 0, 0, 0, time.UTC), // after the demo's publication day
	}
	for i, now := range nows {
		kind := "sqlite"
		if i == 0 {
			kind = storetest.Dialects()[len(storetest.Dialects())-1] // PostgreSQL when the environment names one
		}
		t.Run(now.Format("2006-01-02")+"/"+kind, func(t *testing.T) {
			ctx := context.Background()
			db := storetest.Open(t, kind)
			if _, err := load(ctx, db, now, true); err != nil {
				t.Fatal(err)
			}
			agencies, err := db.Agencies().List(ctx, 0)
			if err != nil {
				t.Fatal(err)
			}
			published := 0
			for _, a := range agencies {
				list, err := db.Reports().PublishedList(ctx, a.ID)
				if err != nil {
					t.Fatal(err)
				}
				for _, o := range list {
					published++
					if err := annualreport.CheckPublishable(o.Year, o.PublishedAt); err != nil {
						t.Errorf("%s %d: %v", a.Name, o.Year, err)
					}
					if annualreport.Late(o.Year, true, o.PublishedAt, now) {
						t.Errorf("%s %d published late, on %v", a.Name, o.Year, o.PublishedAt)
					}
					if o.Year >= now.Year() || o.PublishedAt.After(now) {
						t.Errorf("%s %d published on %v, now is %v", a.Name, o.Year, o.PublishedAt, now)
					}
					if fs := annualreport.Check(o.Snapshot); len(o.Snapshot.Findings) > 0 || len(fs) > 0 {
						t.Errorf("%s %d published with findings: %v %v", a.Name, o.Year, o.Snapshot.Findings, fs)
					}
				}
			}
			if published != 2 {
				t.Errorf("%d reports published, want the two departments'", published)
			}
		})
	}
}
