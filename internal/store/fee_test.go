package store_test

import (
	"context"
	"strconv"
	"testing"

	"gongkai/internal/apperr"
	"gongkai/internal/foirequest"
	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
)

// TestFeesFromRecords: 按件 counts the applicant's applications to the agency in the
// natural month from the records; 按量 computes the pages' bands; the payments recorded
// are what the report's fee sums — on SQLite and PostgreSQL.
func TestFeesFromRecords(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		_, a, b := seed(t, db)
		clerk := handler(a.ID)
		var apps []store.Application
		for i := 1; i <= 11; i++ {
			received := "2025-11-" + twoDigits(2+i)
			app, _ := create(t, db, clerk, newApp(a.ID, "张三", "第"+strconv.Itoa(i)+"件：卫生监督信息", received), noon(received))
			apps = append(apps, app)
		}
		// The same applicant in another month and at another agency do not count.
		create(t, db, clerk, newApp(a.ID, "张三", "上月申请", "2025-10-31"), noon("2025-10-31"))
		create(t, db, handler(b.ID), newApp(b.ID, "张三", "其他机关", "2025-11-04"), noon("2025-11-04"))
		other, _ := create(t, db, clerk, func() foirequest.Application {
			x := newApp(a.ID, "李四", "另一申请人", "2025-11-13")
			x.Applicant.IDNumber = "110105194912310046"
			return x
		}(), noon("2025-11-13"))

		notice := func(app store.Application, method foirequest.FeeMethod, pages int) (store.Application, error) {
			mustEvent(t, db, clerk, app.ID, foirequest.Event{Type: foirequest.EventAccepted, Day: day("2025-11-14")}, noon("2025-11-14"))
			return addEvent(db, clerk, app.ID, foirequest.Event{Type: foirequest.EventFeeNotified, Day: day("2025-11-17"), Method: foirequest.NoticeElectronic,
				FeeMethod: method, Pages: pages, Piece: 99, Amount: 0, Reason: "申请数量明显超过合理范围"}, noon("2025-11-17"))
		}
		// The 11th application of the month: 100 元, whatever the form said about the count.
		got, err := notice(apps[10], foirequest.FeeMethodPiece, 0)
		if err != nil {
			t.Fatal(err)
		}
		e := got.Events[len(got.Events)-1]
		if e.Piece != 11 || e.Amount != 100 {
			t.Fatalf("11th application: piece %d amount %d", e.Piece, e.Amount)
		}
		// The 10th: free, no fee notice.
		if _, err := notice(apps[9], foirequest.FeeMethodPiece, 0); !apperr.Is(err, apperr.Conflict) {
			t.Fatalf("10th application charged: %v", err)
		}
		// Another applicant's first: free.
		if _, err := notice(other, foirequest.FeeMethodPiece, 0); !apperr.Is(err, apperr.Conflict) {
			t.Fatalf("first application of another applicant charged: %v", err)
		}
		// 按量: 110 pages, 900 元.
		got, err = notice(apps[0], foirequest.FeeMethodPage, 110)
		if err != nil || got.Events[len(got.Events)-1].Amount != 900 {
			t.Fatalf("110 pages: %v", err)
		}
		// Payments: 100 and 900, both in 2025.
		mustEvent(t, db, clerk, apps[10].ID, foirequest.Event{Type: foirequest.EventFeePaid, Day: day("2025-11-20")}, noon("2025-11-20"))
		mustEvent(t, db, clerk, apps[0].ID, foirequest.Event{Type: foirequest.EventFeePaid, Day: day("2025-12-01")}, noon("2025-12-01"))
		if paid, err := store.FeesPaid(ctx, db, a.ID, 2025); err != nil || paid != 1000 {
			t.Errorf("fees paid 2025: %d %v", paid, err)
		}
		if paid, _ := store.FeesPaid(ctx, db, a.ID, 2024); paid != 0 {
			t.Errorf("fees paid 2024: %d", paid)
		}
		d, err := db.Reports().Draft(ctx, clerk, a.ID, 2025)
		if err != nil {
			t.Fatal(err)
		}
		if !d.FeeFromRecords || d.Own.Narrative.FeeYuan != 1000 {
			t.Errorf("report fee: from records %v, %v 元", d.FeeFromRecords, d.Own.Narrative.FeeYuan)
		}
	})
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}
