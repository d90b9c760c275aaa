package demo

import (
	"context"
	"slices"
	"testing"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/foirequest"
	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
)

func TestApplicationsDemo(t *testing.T) {
	for _, light := range []bool{true, false} {
		if !light && testing.Short() {
			continue
		}
		name := "full"
		if light {
			name = "light"
		}
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			db := storetest.Open(t, "sqlite")
			now := time.Date(2026, 11, 25, 3, 0, 0, 0, time.UTC)
			start := time.Now()
			if _, err := load(ctx, db, now, light); err != nil {
				t.Fatal(err)
			}
			t.Logf("loaded in %v", time.Since(start))
			list, total, err := db.Applications().List(ctx, account.System(), store.ApplicationFilter{Today: now, Limit: 500})
			if err != nil {
				t.Fatal(err)
			}
			// The handling staff see the applicants in full: the made-up identity numbers
			// pass the check digit.
			all, _ := db.Agencies().List(ctx, 0)
			for _, ag := range all {
				users, _ := db.Users().List(ctx, account.System(), ag.ID)
				for _, u := range users {
					if !slices.Contains(u.Roles, account.Clerk) {
						continue
					}
					mine, _, err := db.Applications().List(ctx, Principal(u, ag), store.ApplicationFilter{AgencyIDs: []int64{ag.ID}, Today: now, Limit: 500})
					if err != nil {
						t.Fatal(err)
					}
					for _, a := range mine {
						if err := foirequest.ValidateResidentID(a.Applicant.IDNumber); a.Applicant.IDNumber != "" && err != nil {
							t.Errorf("%s: %v", a.Applicant.IDNumber, err)
						}
					}
					break
				}
			}
			if light && (total < 25 || total > 40) {
				t.Errorf("light demo has %d applications, want about 30", total)
			}
			states := map[foirequest.State]bool{}
			statuses := map[foirequest.Status]int{}
			replies := map[foirequest.ReplyType]bool{}
			agencies := map[int64]bool{}
			for _, a := range list {
				states[a.State] = true
				statuses[a.Status]++
				agencies[a.AgencyID] = true
				if a.Outcome != "" {
					replies[a.Outcome] = true
				}
			}
			for _, s := range []foirequest.State{foirequest.StateRegistered, foirequest.StateCorrectionRequested, foirequest.StateInProgress, foirequest.StateConsulting,
				foirequest.StateFeePending, foirequest.StateReplied, foirequest.StateWithdrawn, foirequest.StateAbandoned} {
				if !states[s] {
					t.Errorf("no application in state %s", s)
				}
			}
			for _, r := range foirequest.ReplyTypes {
				if !replies[r] {
					t.Errorf("no application with outcome %s", r)
				}
			}
			if statuses[foirequest.StatusDueSoon] == 0 || statuses[foirequest.StatusOverdue] == 0 || statuses[foirequest.StatusClosedLate] == 0 {
				t.Errorf("statuses %v", statuses)
			}
			if len(agencies) != 2 {
				t.Errorf("applications in %d agencies", len(agencies))
			}
			if !light {
				for _, y := range []int{2024, 2025} {
					recs, _ := store.ApplicationRecords(ctx, db, list[0].AgencyID, y)
					if len(recs) < len(foirequest.ReplyTypes) {
						t.Errorf("%d: %d records", y, len(recs))
					}
				}
			}
		})
	}
}

func TestFakeIdentifiers(t *testing.T) {
	for n := 0; n < 500; n++ {
		if err := foirequest.ValidateResidentID(FakeResidentID(n)); err != nil {
			t.Fatalf("%s: %v", FakeResidentID(n), err)
		}
		if err := foirequest.ValidateCreditCode(FakeCreditCode(n)); err != nil {
			t.Fatalf("%s: %v", FakeCreditCode(n), err)
		}
	}
}

// TestDemoFeesObey109: every fee notice in the demo data carries its method and the amount
// 国办函〔2020〕109号 gives (按件 from the applicant's applications of the month in the
// records, 按量 from the pages).
func TestDemoFeesObey109(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t, "sqlite")
	now := time.Date(2026, 11, 25, 3, 0, 0, 0, time.UTC)
	if _, err := load(ctx, db, now, true); err != nil {
		t.Fatal(err)
	}
	list, _, err := db.Applications().List(ctx, account.System(), store.ApplicationFilter{Today: now, Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	fees := 0
	for _, x := range list {
		a, err := db.Applications().Get(ctx, account.System(), x.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range a.Events {
			if e.Type != foirequest.EventFeeNotified {
				continue
			}
			fees++
			f, ok := e.Fee()
			if !ok || f.Amount != e.Amount || e.Amount <= 0 {
				t.Errorf("%s: fee notice %d 元 without a 109号 computation (%+v)", a.Number, e.Amount, f)
			}
		}
	}
	if fees == 0 {
		t.Fatal("the demo data has no fee notice: the test proves nothing")
	}
}
