package store_test

import (
	"context"
	"math/rand/v2"
	"testing"
	"time"

	"gongkai/internal/annualreport"
	"gongkai/internal/foirequest"
	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
	"gongkai/internal/workday"
)

// TestTable3ThroughStore simulates three years of applications through the store (every
// step through CreateApplication and AddApplicationEvent) and checks that table 三 counted
// from the store satisfies the consistency rules, year by year and across years, and
// equals the count from the replayed event logs.
func TestTable3ThroughStore(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		_, a, _ := seed(t, db)
		noReview(t, db, a.ID)
		cal := workday.MustNew()
		rng := rand.New(rand.NewPCG(4, 2026))
		kinds := foirequest.ApplicantKinds
		n := 90
		if testing.Short() {
			n = 40
		}
		var ids []int64
		for i := 0; i < n; i++ {
			received := cal.Add(day("2024-01-02"), rng.IntN(3*245))
			if received.After(day("2026-11-20")) {
				received = day("2026-11-20")
			}
			app := newApp(a.ID, "申请人"+string(rune('甲'+i%10)), "模拟申请第"+time.Duration(i).String()+"件：卫生健康相关政府信息", store.FormatDay(received))
			app.Applicant = applicantOf(kinds[rng.IntN(len(kinds))])
			created, _ := create(t, db, handler(a.ID), app, received.Add(4*time.Hour))
			ids = append(ids, created.ID)
			step := func(e foirequest.Event) bool {
				t.Helper()
				if _, err := addEvent(db, handler(a.ID), created.ID, e, e.Day.Add(4*time.Hour), disclosed(e)...); err != nil {
					t.Fatalf("case %d %s: %v", i, e.Type, err)
				}
				return true
			}
			d := received
			next := func(k int) time.Time { d = cal.Add(d, k); return d }
			switch rng.IntN(8) {
			case 0: // 补正, never answered
				step(foirequest.Event{Type: foirequest.EventCorrectionRequested, Day: next(2), Days: 10, Reason: "内容不明确"})
				step(foirequest.Event{Type: foirequest.EventNoCorrection, Day: next(12), Reason: "逾期未补正"})
			case 1: // fee never paid
				step(foirequest.Event{Type: foirequest.EventAccepted, Day: next(1)})
				step(foirequest.Event{Type: foirequest.EventFeeNotified, Day: next(3), Amount: 100, Reason: "按件计收"})
				step(foirequest.Event{Type: foirequest.EventFeeUnpaid, Day: next(21), Reason: "逾期未缴费"})
			case 2: // withdrawn
				step(foirequest.Event{Type: foirequest.EventWithdrawn, Day: next(rng.IntN(10)), Reason: "申请人撤回"})
			case 3: // still open (if received late enough)
			default: // replied, sometimes with a consultation and an extension
				step(foirequest.Event{Type: foirequest.EventAccepted, Day: next(1)})
				if rng.IntN(3) == 0 {
					step(foirequest.Event{Type: foirequest.EventConsultationStarted, Day: next(2), Party: foirequest.PartyThirdParty, Reason: "涉及第三方"})
					step(foirequest.Event{Type: foirequest.EventConsultationEnded, Day: next(5), Reason: "收到意见"})
					step(foirequest.Event{Type: foirequest.EventExtended, Day: next(1), Days: 10, ApprovedBy: "赵刚", Reason: "情况复杂"})
				}
				reply := foirequest.ReplyTypes[rng.IntN(len(foirequest.ReplyTypes))]
				switch reply {
				case foirequest.ReplyNoCorrection, foirequest.ReplyFeeUnpaid, foirequest.ReplyStillUnclear:
					reply = foirequest.ReplyGranted
				}
				step(foirequest.Event{Type: foirequest.EventReplied, Day: next(1 + rng.IntN(15)), Reply: reply, Reason: "依法答复"})
			}
		}

		// The same records, replayed from the event logs.
		var replayed []foirequest.Record
		for _, id := range ids {
			app := byID(t, db, id)
			r, err := app.Record(cal)
			if err != nil {
				t.Fatal(err)
			}
			replayed = append(replayed, r)
		}
		var prev *annualreport.Report
		total := 0
		for year := 2024; year <= 2026; year++ {
			cells, err := store.ApplicationTable3(ctx, db, a.ID, year)
			if err != nil {
				t.Fatal(err)
			}
			want, _ := foirequest.CountApplications(replayed, year)
			for id, v := range want {
				if cells[id] != v {
					t.Errorf("%d %s: store %d, replay %d", year, id, cells[id], v)
				}
			}
			r := annualreport.NewReport(a.Name, year, annualreport.Format2021)
			for _, id := range annualreport.CellIDs(annualreport.Format2021) {
				r.Cells[id] = annualreport.Num(0)
			}
			for id, v := range cells {
				r.Cells[id] = annualreport.Num(float64(v))
			}
			for _, f := range annualreport.Check(r) {
				t.Errorf("%d: %s %s", year, f.Rule, f.Message)
			}
			for _, f := range annualreport.CheckYears(prev, r) {
				t.Errorf("%d: %s %s", year, f.Rule, f.Message)
			}
			prev = r
			total += cells["applications.new.total"]
		}
		if total != n {
			t.Errorf("new over three years = %d, want %d", total, n)
		}
	})
}

func applicantOf(k foirequest.ApplicantKind) foirequest.Applicant {
	if k == foirequest.NaturalPerson {
		return foirequest.Applicant{Kind: k, Name: "测试申请人", IDType: foirequest.IDResident, IDNumber: "11010519491231002X", Phone: "13800000000"}
	}
	return foirequest.Applicant{Kind: k, Name: "测试单位", CreditCode: "11610802016083285C", ContactPerson: "联系人", Phone: "0912-3250000"}
}
