package demo

import (
	"context"
	"strings"
	"testing"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/catalog"
	"gongkai/internal/interaction"
	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
)

// The demo fills every part of the public column, through the doors.
func TestColumnDemo(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Date(2026, 11, 25, 3, 0, 0, 0, time.UTC)
		if _, err := LoadLight(ctx, db, now); err != nil {
			t.Fatal(err)
		}
		govs, err := db.Agencies().Governments(ctx)
		if err != nil || len(govs) != 1 {
			t.Fatal(govs, err)
		}
		g := govs[0]
		for _, kind := range []catalog.DocKind{catalog.Institution, catalog.Interpretation} {
			if n, err := db.Portal().Count(ctx, store.CatalogFilter{GovernmentID: g.ID, Kind: kind}); err != nil || n < 3 {
				t.Errorf("%s: %d published (%v)", kind.Label(), n, err)
			}
		}
		today := catalog.ChinaDay(now)
		open, err := db.Portal().Notices(ctx, g.ID, 0, today, true, 10)
		if err != nil || len(open) != 2 {
			t.Errorf("open 公示 = %d (%v)", len(open), err)
		}
		all, _ := db.Portal().Notices(ctx, g.ID, 0, today, false, 10)
		results := 0
		for _, n := range all {
			if n.State == catalog.NoticeClosed {
				results += n.Results
			}
		}
		if len(all) != 4 || results != 2 {
			t.Errorf("公示 = %d, results of the closed ones = %d", len(all), results)
		}
		counts, err := db.Portal().Interpretations(ctx, g.ID, 0)
		if err != nil || len(counts) == 0 || counts[len(counts)-1].Interpreted == 0 {
			t.Errorf("解读 counts = %+v (%v)", counts, err)
		}
		pub, total, err := db.Interactions().Published(ctx, g.ID, 0, 50, 0)
		if err != nil || total < 5 {
			t.Errorf("published questions = %d (%v)", total, err)
		}
		for _, q := range pub {
			if q.Answer == "" {
				t.Errorf("question %q published without its answer", q.Subject)
			}
		}
		qc, _ := db.Interactions().PublicCounts(ctx, g.ID, 0)
		chans := map[interaction.Channel]bool{}
		for _, c := range qc {
			chans[c.Channel] = true
		}
		if !chans[interaction.Portal] || !chans[interaction.Hotline] {
			t.Errorf("counts by channel = %+v", qc)
		}
		as, _ := db.Agencies().List(ctx, g.ID)
		h, err := db.Portal().Headings(ctx, g.ID, as[0].ID, 0)
		if err != nil || len(h) != 17 {
			t.Errorf("headings of %s = %d (%v)", as[0].Name, len(h), err)
		}
		// Section 一's draft counts the column's 解读, 公示 and 政民互动 of the year.
		seen := map[string]bool{}
		for _, a := range as {
			text, err := db.Reports().DraftOverview(ctx, account.System(), a.ID, 2026)
			if err != nil {
				t.Fatal(err)
			}
			for _, part := range []string{"发布政策解读", "发布公示", "（四）政民互动", "其中已答复"} {
				if strings.Contains(text, part) {
					seen[part] = true
				}
			}
		}
		if len(seen) != 4 {
			t.Errorf("section 一 drafts name only %v of 政策解读, 公示, 政民互动 and answers", seen)
		}
	})
}
