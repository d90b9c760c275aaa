package demo

import (
	"context"
	"testing"
	"time"

	"gongkai/internal/store/storetest"
)

// BenchmarkOversight times the 政务公开办's pages on the full demo (SQLite): the overview of
// every agency (each agency's due counts, its catalog judged against 第二十六条, last year's
// report composed from its records) and one agency's profile and score over three years.
func BenchmarkOversight(b *testing.B) {
	ctx := context.Background()
	db := storetest.Open(b, "sqlite")
	now := time.Now()
	if _, err := Load(ctx, db, now); err != nil {
		b.Fatal(err)
	}
	env := envOf(b, db, now)
	var apps, items int
	if err := db.QueryRow(ctx, `SELECT (SELECT COUNT(*) FROM applications), (SELECT COUNT(*) FROM catalog_items)`).Scan(&apps, &items); err != nil {
		b.Fatal(err)
	}
	b.Logf("full demo: %d agencies, %d applications, %d catalog items", len(env.Agencies), apps, items)
	office := Principal(env.Users["gkb"], env.Agencies[2])
	years := []int{now.Year() - 2, now.Year() - 1, now.Year()}
	b.Run("overview", func(b *testing.B) {
		for b.Loop() {
			if _, err := db.Oversight().Overview(ctx, office, now.Year(), now); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("profile+score", func(b *testing.B) {
		for b.Loop() {
			if _, err := db.Oversight().Profile(ctx, office, env.Agencies[0].ID, years); err != nil {
				b.Fatal(err)
			}
			if _, err := db.Oversight().Scores(ctx, office, env.Agencies[0].ID, years, now); err != nil {
				b.Fatal(err)
			}
		}
	})
}
