package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/foirequest"
	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
)

// Table 三 counted in SQL is table 三 as foirequest counts the applications one by one,
// for any applications and any year.
func TestTable3CountedInSQLIsTheDomainsCount(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		gov, a, b := seed(t, db)
		r := rand.New(rand.NewPCG(10, 3))
		outcomes := append([]foirequest.ReplyType(nil), foirequest.ReplyTypes...)
		var records []foirequest.Record
		err := db.InTx(ctx, func(tx *store.Tx) error {
			for i := 0; i < 400; i++ {
				agencyID := a.ID
				if i%7 == 0 {
					agencyID = b.ID // another agency's, never counted
				}
				received := someDay(r)
				rec := foirequest.Record{Kind: foirequest.ApplicantKinds[r.IntN(len(foirequest.ApplicantKinds))], Received: received}
				closed, outcome, open := "", "", 1
				if r.IntN(4) > 0 {
					rec.Closed = received.AddDate(0, 0, r.IntN(90))
					if r.IntN(3) == 0 {
						rec.Closed = someDay(r) // the year's first and last days, often
					}
					if rec.Closed.Before(received) {
						rec.Closed = received
					}
					rec.Outcome = outcomes[r.IntN(len(outcomes))]
					closed, outcome, open = store.FormatDay(rec.Closed), string(rec.Outcome), 0
				}
				if agencyID == a.ID {
					records = append(records, rec)
				}
				n := fmt.Sprintf("%d-%d", agencyID, i)
				_, err := tx.Exec(ctx, `INSERT INTO applications (agency_id, year, seq, number, tracking, query_hash, dedup_key,
					applicant_kind, applicant_name, channel, received, description, delivery, state, is_open, running, status, as_of,
					closed_day, outcome, created_at, updated_at)
					VALUES (?, ?, ?, ?, ?, '', ?, ?, '申请人', 'online', ?, '所需信息', 'email', 'accepted', ?, ?, 'normal', ?, ?, ?, '', '')`,
					agencyID, received.Year(), i, "N"+n, "T"+n, "D"+n, string(rec.Kind), store.FormatDay(received), open, open,
					store.FormatDay(received), closed, outcome)
				if err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		who := account.Principal{Name: "经办人", AgencyID: a.ID, GovernmentID: gov.ID, Roles: []account.Role{account.Clerk}}
		for _, year := range []int{2022, 2023, 2024, 2025, 2026, 2027} {
			want, err := foirequest.CountApplications(records, year)
			if err != nil {
				t.Fatal(err)
			}
			d, err := db.Reports().Draft(ctx, who, a.ID, year)
			if err != nil {
				t.Fatal(err)
			}
			for id, v := range want {
				if got, ok := d.Report.Cells.Get(id); !ok || got != float64(v) {
					t.Errorf("%d: %s = %v, want %d", year, id, got, v)
				}
			}
		}
	})
}

// someDay is a day of 2023–2026, one time in three 1 January or 31 December.
func someDay(r *rand.Rand) time.Time {
	y := 2023 + r.IntN(4)
	switch r.IntN(6) {
	case 0:
		return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
	case 1:
		return time.Date(y, 12, 31, 0, 0, 0, 0, time.UTC)
	}
	return time.Date(y, time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC)
}
