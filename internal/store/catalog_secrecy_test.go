package store_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"gongkai/internal/apperr"
	"gongkai/internal/catalog"
	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
)

// One person holding 审核人 and 负责人 may not do both the 保密审查 and the 审批 of a
// colleague's item; the 保密审查 is kept with its checklist and opinion.
func TestCatalogTwoPersons(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		_, a, _ := seed(t, db)
		it := createDraft(t, db, draftItem(a.ID, "关于印发本区基层医疗卫生机构绩效考核办法的通知"), catClerk(a.ID))
		mustStep(t, db, it.ID, catalog.ActSubmit, catClerk(a.ID))
		// The checklist is required to pass.
		if _, err := step(db, it.ID, catalog.Command{Action: catalog.ActPassReview, By: catAll(a.ID)}, catNow); !apperr.Is(err, apperr.Invalid) {
			t.Fatalf("pass without the checklist: %v", err)
		}
		// A rejection keeps the points found.
		if _, err := step(db, it.ID, catalog.Command{Action: catalog.ActRejectReview, By: catReviewer(a.ID), Reason: "附件含个人手机号码",
			Secrecy: catalog.Secrecy{Clear: []catalog.SecrecyCheck{catalog.CheckStateSecret, catalog.CheckWorkSecret}}}, catNow); err != nil {
			t.Fatal(err)
		}
		mustStep(t, db, it.ID, catalog.ActSubmit, catClerk(a.ID))
		mustStep(t, db, it.ID, catalog.ActPassReview, catAll(a.ID))
		audits, events := auditCount(t, db), catalogEventCount(t, db, it.ID)
		for _, act := range []catalog.Action{catalog.ActApprove, catalog.ActRejectApproval} {
			_, err := step(db, it.ID, catalog.Command{Action: act, By: catAll(a.ID), Reason: "x"}, catNow)
			if !apperr.Is(err, apperr.Forbidden) || !strings.Contains(apperr.MessageOf(err), "既进行保密审查又进行审批") {
				t.Fatalf("%s by the reviewer: %v", act, err)
			}
		}
		if auditCount(t, db) != audits || catalogEventCount(t, db, it.ID) != events {
			t.Fatal("a refused approval wrote something")
		}
		if got := mustStep(t, db, it.ID, catalog.ActApprove, catHead(a.ID)); got.State != catalog.Published {
			t.Fatalf("another head approves: %s", got.State)
		}
		_, _, recs, err := db.Catalog().SecrecyReviews(ctx, catClerk(a.ID), it.ID)
		if err != nil || len(recs) != 2 {
			t.Fatalf("records: %d %v", len(recs), err)
		}
		if !recs[0].Passed || recs[0].Reviewer != "全能" || !slices.Equal(recs[0].Clear, catalog.SecrecyChecks) || recs[0].Opinion != cleared.Opinion {
			t.Errorf("the passing review: %+v", recs[0])
		}
		if recs[1].Passed || recs[1].Opinion != "附件含个人手机号码" || recs[1].Cleared(catalog.CheckPrivacy) || !recs[1].Cleared(catalog.CheckWorkSecret) {
			t.Errorf("the rejection: %+v", recs[1])
		}
		if _, _, _, err := db.Catalog().SecrecyReviews(ctx, catClerk(a.ID+1000), it.ID); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("another agency reads the review: %v", err)
		}
	})
}
