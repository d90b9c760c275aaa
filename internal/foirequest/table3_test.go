package foirequest

import (
	"math/rand/v2"
	"testing"
	"time"

	"gongkai/internal/apperr"
	"gongkai/internal/workday"
)

func TestCountApplications(t *testing.T) {
	recs := []Record{
		{Kind: NaturalPerson, Received: dd("2024-12-20")},                                                       // still open: carried in and out
		{Kind: NaturalPerson, Received: dd("2024-12-25"), Closed: dd("2025-01-10"), Outcome: ReplyGranted},      // carried in, replied
		{Kind: Business, Received: dd("2024-03-01"), Closed: dd("2024-03-20"), Outcome: ReplyGranted},           // finished before
		{Kind: Business, Received: dd("2025-03-01"), Closed: dd("2025-03-02"), Outcome: ReplyPublished},         // new, granted
		{Kind: LegalService, Received: dd("2025-12-30"), Closed: dd("2026-01-20"), Outcome: ReplyThirdParty},    // new, carried out
		{Kind: Research, Received: dd("2025-05-01"), Closed: dd("2025-05-02"), Outcome: ReplyOther},             // withdrawn
		{Kind: OtherOrg, Received: dd("2025-06-01"), Closed: dd("2025-07-02"), Outcome: ReplyFeeUnpaid},         // abandoned
		{Kind: PublicInterest, Received: dd("2025-06-01"), Closed: dd("2025-06-02"), Outcome: ReplyNonexistent}, // not held
		{Kind: NaturalPerson, Received: dd("2026-01-05")},                                                       // next year
	}
	cells, err := CountApplications(recs, 2025)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{
		"applications.new.total":                            5,
		"applications.new.natural_person":                   0,
		"applications.carried_in.natural_person":            2,
		"applications.carried_in.total":                     2,
		"applications.granted.natural_person":               1,
		"applications.granted.business":                     1,
		"applications.granted.total":                        2,
		"applications.other.other.research":                 1,
		"applications.other.fee_unpaid.other_org":           1,
		"applications.unavailable.not_held.public_interest": 1,
		"applications.total.total":                          5,
		"applications.carried_out.natural_person":           1,
		"applications.carried_out.legal_service":            1,
		"applications.carried_out.total":                    2,
		"applications.withheld.third_party.legal_service":   0,
	}
	for k, v := range want {
		if got, ok := cells[k]; !ok || got != v {
			t.Errorf("%s = %d (present %v), want %d", k, got, ok, v)
		}
	}
	if len(cells) != 25*7 {
		t.Errorf("%d cells, want %d", len(cells), 25*7)
	}
	if errs := checkTable3(cells); len(errs) > 0 {
		t.Error(errs)
	}
	old := Collapse2019(cells)
	if old["applications.other.total"] != 2 || old["applications.other.other.total"] != 0 {
		t.Errorf("2019 collapse: other = %d", old["applications.other.total"])
	}
	if _, ok := old["applications.other.fee_unpaid.other_org"]; ok {
		t.Error("2019 format must not keep the 2021 sub-rows")
	}

	bad := []Record{{Kind: "alien", Received: dd("2025-01-01")}}
	if _, err := CountApplications(bad, 2025); !apperr.Is(err, apperr.Invalid) {
		t.Error("unknown kind must be refused")
	}
	bad = []Record{{Kind: NaturalPerson, Received: dd("2025-01-05"), Closed: dd("2025-01-04"), Outcome: ReplyGranted}}
	if _, err := CountApplications(bad, 2025); !apperr.Is(err, apperr.Invalid) {
		t.Error("closing before receipt must be refused")
	}
	bad = []Record{{Kind: NaturalPerson, Received: dd("2025-01-05"), Closed: dd("2025-01-06"), Outcome: "perhaps"}}
	if _, err := CountApplications(bad, 2025); !apperr.Is(err, apperr.Invalid) {
		t.Error("unknown outcome must be refused")
	}
}

// simulate drives one random case through the state machine from the given receipt day.
// It stops after a random number of steps, so some cases stay open.
func simulate(t *testing.T, rng *rand.Rand, cal *workday.Calendar, received time.Time) *Case {
	t.Helper()
	c, err := NewCase(Event{Type: EventRegistered, Day: received, UserID: 1})
	if err != nil {
		t.Fatal(err)
	}
	d := received
	for step := 0; step < 12 && !c.State.Closed(); step++ {
		if rng.IntN(12) == 0 {
			break // left open
		}
		allowed := c.Allowed()
		typ := allowed[rng.IntN(len(allowed))]
		if typ == EventWithdrawn && rng.IntN(4) != 0 {
			continue // keep withdrawals rarer
		}
		e := Event{Type: typ, Day: d.AddDate(0, 0, rng.IntN(12)), UserID: 2, Reason: "模拟"}
		if IsNotice(typ) {
			e.Method = NoticeMethods[rng.IntN(len(NoticeMethods))]
			switch {
			case e.Method == NoticeMail && rng.IntN(2) == 0:
				e.Receipt = e.Day.AddDate(0, 0, 1+rng.IntN(6)) // signed for
			case e.Method == NoticeMail:
				e.MailDays = 3 + rng.IntN(5) // assumed
			}
		}
		switch typ {
		case EventCorrectionRequested:
			e.Days = 1 + rng.IntN(15)
		case EventConsultationStarted:
			e.Party = []Party{PartyThirdParty, PartyOrgan}[rng.IntN(2)]
		case EventFeeNotified:
			if rng.IntN(2) == 0 {
				e.FeeMethod, e.Piece = FeeMethodPiece, 11+rng.IntN(40)
			} else {
				e.FeeMethod, e.Pages = FeeMethodPage, 31+rng.IntN(300)
			}
			if rng.IntN(4) == 0 {
				e.Waived, e.WaiverReason = 50, "申请人经济困难，减收部分费用"
			}
		case EventExtended:
			e.Days, e.ApprovedBy = 1+rng.IntN(20), "负责人"
		case EventExtensionRequested:
			e.Days = 1 + rng.IntN(20)
		case EventReplied:
			for {
				e.Reply = ReplyTypes[rng.IntN(len(ReplyTypes))]
				if !e.Reply.closedByEvent() && (e.Reply != ReplyStillUnclear || !c.Corrected.IsZero()) {
					break
				}
			}
		case EventNoCorrection:
			e.Day = c.correctionDue(cal).AddDate(0, 0, 1+rng.IntN(5))
		case EventFeeUnpaid:
			e.Day = c.Pauses[len(c.Pauses)-1].AnswerDue.AddDate(0, 0, 1+rng.IntN(5))
		}
		if err := c.Apply(handler, e, cal); err != nil {
			if apperr.Is(err, apperr.Conflict) && (typ == EventCorrectionRequested || typ == EventExtended || typ == EventExtensionRequested || typ == EventReplied) {
				continue // too late: a legal refusal, try something else
			}
			t.Fatalf("apply %s on %s: %v", typ, workday.Format(e.Day), err)
		}
		d = e.Day
	}
	return c
}

// TestSimulatedYears runs random applications through the state machine over several
// years and checks rules 1–3 of DOMAIN.md §4 every year, that each year's carried_in
// equals the previous year's carried_out, and the deadline invariants of every case.
func TestSimulatedYears(t *testing.T) {
	rng := rand.New(rand.NewPCG(2025, 9))
	cal := workday.MustNew(workday.Override{Day: dd("2025-07-15"), Reason: "防汛停工"})
	n := 1500
	if testing.Short() {
		n = 300
	}
	first, last := 2023, 2026
	span := int(workday.Day(last+1, 1, 1).Sub(workday.Day(first, 1, 1)).Hours() / 24)
	var recs []Record
	for i := 0; i < n; i++ {
		received := workday.Day(first, 1, 1).AddDate(0, 0, rng.IntN(span))
		c := simulate(t, rng, cal, received)
		kind := ApplicantKinds[rng.IntN(len(ApplicantKinds))]
		recs = append(recs, c.Record(kind))

		// Replaying the log gives the same case.
		again, err := Replay(c.Events, cal)
		if err != nil || again.State != c.State || !again.Closed.Equal(c.Closed) {
			t.Fatalf("replay differs: %v", err)
		}
		// A waiting state never outlives its own period: once it is over, the case is no
		// longer shown as merely waiting (补正 and fee: expired; consultation: running).
		for d := received; d.Before(received.AddDate(0, 0, 200)); d = d.AddDate(0, 0, 7) {
			ex := c.Explain(cal, d)
			if ex.Wait != nil && ex.Wait.Expired(d) && (ex.Status == StatusPaused || ex.Status == StatusAwaitingCorrection) {
				t.Fatalf("case %d on %s: %s over on %s but status %s", i, workday.Format(d), ex.Wait.Label(), workday.Format(ex.Wait.End), ex.Status)
			}
			if ex.Wait != nil && ex.Wait.Receipt.Day.Before(ex.Wait.Receipt.Sent) {
				t.Fatalf("case %d: received before sent", i)
			}
		}
		// Deadline invariants.
		ex := c.Explain(cal, received.AddDate(0, 0, 200))
		if ex.Due.IsZero() {
			continue
		}
		if len(ex.Counted) != ex.Limit || !cal.IsWorkday(ex.Due) || !ex.Counted[len(ex.Counted)-1].Day.Equal(ex.Due) {
			t.Fatalf("case %d: due %s not the %d-th counted working day", i, workday.Format(ex.Due), ex.Limit)
		}
		plain := cal.Add(ex.Start, ex.Limit)
		paused := 0
		for _, p := range ex.Pauses {
			paused += p.WorkingDays
			if ex.Due.After(p.From) && !ex.Due.After(p.Until) {
				t.Fatalf("case %d: due %s inside a pause", i, workday.Format(ex.Due))
			}
		}
		if ex.Due.Before(plain) || cal.Count(plain, ex.Due) > paused {
			t.Fatalf("case %d: due %s, %d working days after the unpaused due %s with %d paused", i,
				workday.Format(ex.Due), cal.Count(plain, ex.Due), workday.Format(plain), paused)
		}
	}
	var prev map[string]int
	for y := first; y <= last; y++ {
		cells, err := CountApplications(recs, y)
		if err != nil {
			t.Fatal(err)
		}
		if errs := checkTable3(cells); len(errs) > 0 {
			t.Fatalf("%d: %v", y, errs)
		}
		if cells[Cell("new", "total")] == 0 || cells[Cell("total", "total")] == 0 {
			t.Fatalf("%d: empty simulation", y)
		}
		for _, col := range Table3Columns {
			in := cells[Cell("carried_in", col)]
			if prev == nil && in != 0 {
				t.Errorf("%d %s: carried in %d before the first year", y, col, in)
			}
			if prev != nil && in != prev[Cell("carried_out", col)] {
				t.Errorf("%d %s: carried_in %d ≠ last year's carried_out %d", y, col, in, prev[Cell("carried_out", col)])
			}
		}
		prev = cells
	}
	// Everything received is either counted once as an outcome or still open at the end.
	outcomes := 0
	for y := first; y <= last+1; y++ {
		cells, _ := CountApplications(recs, y)
		outcomes += cells[Cell("total", "total")]
		if y == last+1 && outcomes+cells[Cell("carried_out", "total")] != n {
			t.Errorf("outcomes %d + open %d ≠ %d applications", outcomes, cells[Cell("carried_out", "total")], n)
		}
	}
}
