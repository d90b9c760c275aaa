package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/annualreport"
	"gongkai/internal/appeal"
	"gongkai/internal/apperr"
	"gongkai/internal/foirequest"
	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
	"gongkai/internal/workday"
)

// TestTable3ThroughStore simulates three years of applications through the store (every
// step through CreateApplication and AddApplicationEvent) and checks that table 三 counted
// from the store satisfies the consistency rules, year by year and across years, and
// equals the count from the replayed event logs. The cases wait for corrections,
// consultations (answered, or silent past the party's period) and fees (按件 from the
// records or 按量, with 减免, paid or not), with notices sent in person, electronically or
// by post; at the end no open case waits past its own period without a reminder.
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
		clerk := account.User{AgencyID: a.ID, Username: "sim.clerk", DisplayName: "经办人", PasswordHash: "x", Roles: []account.Role{account.Clerk}}
		if err := db.InTx(ctx, func(tx *store.Tx) error { return tx.Users().Create(ctx, account.System(), &clerk) }); err != nil {
			t.Fatal(err)
		}
		methods := foirequest.NoticeMethods
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
			var last store.Application
			step := func(e foirequest.Event) store.Application {
				t.Helper()
				var err error
				if last, err = addEvent(db, handler(a.ID), created.ID, e, e.Day.Add(4*time.Hour), disclosed(e)...); err != nil {
					t.Fatalf("case %d %s: %v", i, e.Type, err)
				}
				return last
			}
			d := received
			next := func(k int) time.Time { d = cal.Add(d, k); return d }
			after := func(end time.Time) time.Time { d = end.AddDate(0, 0, 1+rng.IntN(4)); return d }
			method := func() foirequest.NoticeMethod { return methods[rng.IntN(len(methods))] }
			// A fee notice: 按件 when the records give a fee (the simulated applicants apply
			// often), else 按量; a quarter with a 减免.
			fee := func() store.Application {
				e := foirequest.Event{Type: foirequest.EventFeeNotified, Method: method(), Day: next(3), FeeMethod: foirequest.FeeMethodPiece, Reason: "申请数量明显超过合理范围"}
				if rng.IntN(4) == 0 {
					e.Waived, e.WaiverReason = 50, "申请人经济困难，减收部分费用"
				}
				if rng.IntN(2) == 0 {
					if got, err := addEvent(db, handler(a.ID), created.ID, e, e.Day.Add(4*time.Hour)); err == nil {
						last = got
						return got
					} else if !apperr.Is(err, apperr.Conflict) {
						t.Fatalf("case %d fee by piece: %v", i, err)
					}
				}
				e.FeeMethod, e.Pages = foirequest.FeeMethodPage, 31+rng.IntN(250)
				return step(e)
			}
			switch rng.IntN(12) {
			case 0: // 补正, never answered: abandoned only after the applicant's period
				w := step(foirequest.Event{Type: foirequest.EventCorrectionRequested, Method: method(), Day: next(2), Days: 10, Reason: "内容不明确"})
				step(foirequest.Event{Type: foirequest.EventNoCorrection, Day: after(w.WaitDue), Reason: "逾期未补正"})
			case 1: // fee never paid: abandoned only after the 20 working days
				step(foirequest.Event{Type: foirequest.EventAccepted, Day: next(1)})
				w := fee()
				step(foirequest.Event{Type: foirequest.EventFeeUnpaid, Day: after(w.WaitDue), Reason: "逾期未缴费"})
			case 2: // withdrawn
				step(foirequest.Event{Type: foirequest.EventWithdrawn, Day: next(rng.IntN(10)), Reason: "申请人撤回"})
			case 3: // still open (if received late enough)
			case 4: // left waiting: for a correction, a consulted party or a payment
				switch rng.IntN(3) {
				case 0:
					step(foirequest.Event{Type: foirequest.EventCorrectionRequested, Method: method(), Day: next(2), Days: 5 + rng.IntN(10), Reason: "内容不明确"})
				case 1:
					step(foirequest.Event{Type: foirequest.EventAccepted, Day: next(1)})
					step(foirequest.Event{Type: foirequest.EventConsultationStarted, Method: method(), Day: next(2), Party: foirequest.PartyOrgan, Reason: "征求其他机关意见"})
				default:
					step(foirequest.Event{Type: foirequest.EventAccepted, Day: next(1)})
					fee()
				}
			case 5: // fee paid, then replied
				step(foirequest.Event{Type: foirequest.EventAccepted, Day: next(1)})
				fee()
				step(foirequest.Event{Type: foirequest.EventFeePaid, Day: next(1 + rng.IntN(10))})
				step(foirequest.Event{Type: foirequest.EventReplied, Day: next(1 + rng.IntN(10)), Reply: foirequest.ReplyGranted, Reason: "予以公开"})
			case 6: // the consulted party stays silent: the reply comes after its period
				step(foirequest.Event{Type: foirequest.EventAccepted, Day: next(1)})
				w := step(foirequest.Event{Type: foirequest.EventConsultationStarted, Method: method(), Day: next(2), Party: foirequest.PartyThirdParty, Reason: "涉及第三方"})
				step(foirequest.Event{Type: foirequest.EventReplied, Day: after(w.WaitDue), Reply: foirequest.ReplyGranted, Reason: "第三方逾期未提出意见，依法公开"})
			default: // replied, sometimes with a consultation and an extension
				step(foirequest.Event{Type: foirequest.EventAccepted, Day: next(1)})
				if rng.IntN(3) == 0 {
					step(foirequest.Event{Type: foirequest.EventConsultationStarted, Method: method(), Day: next(2), Party: foirequest.PartyThirdParty, Reason: "涉及第三方"})
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

		// At the end no open case waits past its own period (or its reply period) without
		// a reminder to the clerk.
		end := day("2027-01-15")
		if _, err := db.Applications().Refresh(ctx, account.System(), end); err != nil {
			t.Fatal(err)
		}
		made, err := db.Applications().Remind(ctx, account.System(), end)
		if err != nil {
			t.Fatal(err)
		}
		reminded := map[int64]bool{}
		for _, r := range made {
			if r.UserID == clerk.ID {
				reminded[r.ApplicationID] = true
			}
		}
		expired, open := 0, 0
		for _, id := range ids {
			x := byID(t, db, id)
			if x.State.Closed() {
				continue
			}
			open++
			if !x.WaitDue.IsZero() && end.After(x.WaitDue) {
				expired++
			}
			if !reminded[id] {
				t.Errorf("open case %s (%s, wait until %s, due %s) not reminded on %s", x.Number, x.State, store.FormatDay(x.WaitDue), store.FormatDay(x.Due), store.FormatDay(end))
			}
		}
		t.Logf("%d open cases on %s, %d past their waiting period, %d reminded", open, store.FormatDay(end), expired, len(reminded))
		if expired == 0 {
			t.Error("no case waited past its period: the simulation proves nothing about reminders")
		}

		// Appeals over the years: some applicants challenge their reply, by reconsideration
		// or lawsuit, accepted weeks after it and decided months later (in the same year, the
		// next, or not yet on the last day). Each is entered through the door; table 四 of
		// every year counts each case open during it — a decided case with its result in the
		// year of its decision only, a case open on 31 December as 尚未审结.
		kindsOf := []appeal.Kind{appeal.Reconsideration, appeal.Reconsideration, appeal.LitigationDirect, appeal.LitigationAfter}
		results := []appeal.Result{appeal.Upheld, appeal.Corrected, appeal.Other}
		var appeals []appeal.Appeal
		for k, id := range ids {
			x := byID(t, db, id)
			if !x.State.Closed() || x.Closed.IsZero() || rng.IntN(3) != 0 {
				continue
			}
			ap := appeal.Appeal{AgencyID: a.ID, ApplicationID: id, Kind: kindsOf[rng.IntN(len(kindsOf))],
				CaseNo: fmt.Sprintf("模复〔%d〕%d号", x.Closed.Year(), k+1), Organ: "模拟区人民政府",
				FiledOn: x.Closed.AddDate(0, 0, 10+rng.IntN(50))}
			if ap.FiledOn.After(end) {
				continue
			}
			if decided := ap.FiledOn.AddDate(0, 0, 20+rng.IntN(300)); !decided.After(end) {
				ap.Result, ap.DecidedOn = results[rng.IntN(len(results))], decided
			}
			if err := db.Appeals().Save(ctx, head(a.ID), &ap, end); err != nil {
				t.Fatalf("appeal of %s: %v", x.Number, err)
			}
			appeals = append(appeals, ap)
		}
		decidedIn := map[int]int{}
		crossing := 0
		for _, ap := range appeals {
			if ap.Result != appeal.Pending {
				decidedIn[ap.DecidedOn.Year()]++
				if ap.DecidedOn.Year() > ap.FiledOn.Year() {
					crossing++
				}
			}
		}
		if crossing == 0 {
			t.Error("no appeal was decided in a later year than it was accepted: the simulation proves nothing about table 四 across years")
		}
		for year := 2024; year <= 2026; year++ {
			open, err := store.AppealsOpenDuring(ctx, db, a.ID, year)
			if err != nil {
				t.Fatal(err)
			}
			cells := appeal.Table4(open, year)
			yearEnd := time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC)
			var pending, decided int64
			wantPending := int64(0)
			for _, ap := range appeals {
				if !ap.FiledOn.After(yearEnd) && (ap.Result == appeal.Pending || ap.DecidedOn.After(yearEnd)) {
					wantPending++
				}
			}
			for _, k := range appeal.Kinds {
				var sum int64
				for _, r := range appeal.Results {
					v := cells["appeals."+string(k)+"."+string(r)]
					sum += v
					if r == appeal.Pending {
						pending += v
					} else {
						decided += v
					}
				}
				if sum != cells["appeals."+string(k)+".total"] {
					t.Errorf("%d %s: results sum to %d, total %d", year, k, sum, cells["appeals."+string(k)+".total"])
				}
			}
			if decided != int64(decidedIn[year]) || pending != wantPending {
				t.Errorf("%d: table 四 has %d decided and %d 尚未审结, the records %d decided in the year and %d open on 31 December",
					year, decided, pending, decidedIn[year], wantPending)
			}
		}
		t.Logf("%d appeals, %d decided in a later year than accepted", len(appeals), crossing)

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
