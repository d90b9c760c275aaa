package store_test

import (
	"context"
	"testing"
	"time"

	"gongkai/internal/apperr"
	"gongkai/internal/catalog"
	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
	"gongkai/internal/workday"
)

// publishItem takes a draft through review and approval at now.
func publishItem(t *testing.T, db *store.DB, id, agencyID int64, now time.Time) (catalog.Item, error) {
	t.Helper()
	if _, err := step(db, id, catalog.Command{Action: catalog.ActSubmit, By: catClerk(agencyID)}, now); err != nil {
		return catalog.Item{}, err
	}
	if _, err := step(db, id, catalog.Command{Action: catalog.ActPassReview, By: catReviewer(agencyID), Secrecy: cleared}, now); err != nil {
		return catalog.Item{}, err
	}
	return step(db, id, catalog.Command{Action: catalog.ActApprove, By: catHead(agencyID)}, now)
}

func TestInterpretationPublishedWithOrAfterItsDocument(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		_, a, b := seed(t, db)
		doc := draftItem(a.ID, "关于印发某某办法的通知")
		doc.Kind, doc.DocNo = catalog.Normative, "测卫发〔2025〕3号"
		doc = createDraft(t, db, doc, catClerk(a.ID))

		in := draftItem(a.ID, "《某某办法》政策解读")
		in.Topic, in.Kind, in.Interprets = "policy_interpretation", catalog.Interpretation, []int64{doc.ID}
		in = createDraft(t, db, in, catClerk(a.ID))
		got, err := store.ItemByID(ctx, db, in.ID)
		if err != nil || len(got.Interprets) != 1 || got.Interprets[0] != doc.ID {
			t.Fatalf("stored links = %v, %v", got.Interprets, err)
		}
		// Before its document: refused at approval, nothing published.
		if _, err := publishItem(t, db, in.ID, a.ID, catNow); !apperr.Is(err, apperr.Conflict) {
			t.Fatalf("interpretation before its document: %v", err)
		}
		if cur, _ := store.ItemByID(ctx, db, in.ID); cur.State == catalog.Published {
			t.Fatal("published before its document")
		}
		if _, err := publishItem(t, db, doc.ID, a.ID, catNow); err != nil {
			t.Fatal(err)
		}
		if _, err := step(db, in.ID, catalog.Command{Action: catalog.ActApprove, By: catHead(a.ID)}, catNow); err != nil {
			t.Fatalf("interpretation after its document: %v", err)
		}
		pdoc, _ := store.ItemByID(ctx, db, doc.ID)
		links, err := db.Portal().Links(ctx, pdoc, catalog.ChinaDay(catNow))
		if err != nil || len(links.InterpretedBy) != 1 || links.InterpretedBy[0].ID != in.ID {
			t.Fatalf("document's links = %+v, %v", links, err)
		}
		pin, _ := store.ItemByID(ctx, db, in.ID)
		links, err = db.Portal().Links(ctx, pin, catalog.ChinaDay(catNow))
		if err != nil || len(links.Interprets) != 1 || links.Interprets[0].ID != doc.ID {
			t.Fatalf("interpretation's links = %+v, %v", links, err)
		}
		counts, err := db.Catalog().InterpretationCounts(ctx, catClerk(a.ID), a.ID)
		if err != nil || len(counts) != 1 || counts[0] != (store.InterpretationYear{Year: 2025, Interpretations: 1, Documents: 1, Interpreted: 1}) {
			t.Fatalf("counts = %+v, %v", counts, err)
		}
		if _, err := db.Catalog().InterpretationCounts(ctx, catClerk(b.ID), a.ID); !apperr.Is(err, apperr.NotFound) {
			t.Fatalf("another agency's counts: %v", err)
		}
		// A link to an item of no government of this agency is refused.
		bad := draftItem(a.ID, "解读不存在的文件")
		bad.Kind, bad.Interprets = catalog.Interpretation, []int64{999999}
		if _, err := db.Catalog().Create(ctx, catClerk(a.ID), bad, nil, catNow); !apperr.Is(err, apperr.NotFound) {
			t.Fatalf("link to nothing: %v", err)
		}
	})
}

func TestNoticeClosesByItselfAndItsResultWaits(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		gov, a, _ := seed(t, db)
		n := draftItem(a.ID, "2025年第一批医疗机构设置审批拟批准名单公示")
		n.Topic, n.Kind = "licensing", catalog.Notice
		n.Period = catalog.NoticePeriod{Start: workday.Day(2025, 3, 10), End: workday.Day(2025, 3, 14), ObjectTo: "电话 0912-3456789"}
		n = createDraft(t, db, n, catClerk(a.ID))
		if _, err := publishItem(t, db, n.ID, a.ID, catNow); err != nil {
			t.Fatal(err)
		}
		open, err := db.Portal().Notices(ctx, gov.ID, 0, workday.Day(2025, 3, 14), true, 10)
		if err != nil || len(open) != 1 || open[0].State != catalog.NoticeOpen || open[0].Period.ObjectTo != "电话 0912-3456789" {
			t.Fatalf("open on the last day = %+v, %v", open, err)
		}
		if open, _ := db.Portal().Notices(ctx, gov.ID, 0, workday.Day(2025, 3, 15), true, 10); len(open) != 0 {
			t.Fatalf("still open the day after: %+v", open)
		}
		all, _ := db.Portal().Notices(ctx, 0, a.ID, workday.Day(2025, 3, 15), false, 10)
		if len(all) != 1 || all[0].State != catalog.NoticeClosed {
			t.Fatalf("closed = %+v", all)
		}

		res := draftItem(a.ID, "2025年第一批医疗机构设置审批结果")
		res.Topic, res.ResultOf = "licensing", n.ID
		res = createDraft(t, db, res, catClerk(a.ID))
		if _, err := publishItem(t, db, res.ID, a.ID, catNow); !apperr.Is(err, apperr.Conflict) {
			t.Fatalf("result during the period: %v", err)
		}
		after := time.Date(2025, 3, 15, 1, 0, 0, 0, time.UTC)
		if _, err := step(db, res.ID, catalog.Command{Action: catalog.ActApprove, By: catHead(a.ID)}, after); err != nil {
			t.Fatalf("result after the period: %v", err)
		}
		all, _ = db.Portal().Notices(ctx, 0, a.ID, workday.Day(2025, 3, 15), false, 10)
		if len(all) != 1 || all[0].Results != 1 {
			t.Fatalf("results counted = %+v", all)
		}
		counts, err := db.Catalog().NoticeCounts(ctx, catClerk(a.ID), a.ID)
		if err != nil || len(counts) != 1 || counts[0] != (store.NoticeYear{Year: 2025, Notices: 1, Results: 1}) {
			t.Fatalf("notice counts = %+v, %v", counts, err)
		}
	})
}

func TestStatutoryHeadings(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		_, a, _ := seed(t, db)
		views, saved, err := db.Catalog().Headings(ctx, catClerk(a.ID), a.ID)
		if err != nil || saved || len(views) != 15 {
			t.Fatalf("defaults = %d %v %v", len(views), saved, err)
		}
		for _, v := range views {
			if !v.Gap {
				t.Fatalf("heading %q is no gap in an empty catalog", v.Title)
			}
		}
		doc := createDraft(t, db, draftItem(a.ID, "关于印发某某工作方案的通知"), catClerk(a.ID))
		if _, err := publishItem(t, db, doc.ID, a.ID, catNow); err != nil {
			t.Fatal(err)
		}
		hs := []catalog.Heading{
			{Title: "政策文件", Article: "第二十条第（一）项", Topics: []string{"policy_documents"}},
			{Title: "医疗机构设置审批", Article: "卫生健康领域基层政务公开标准目录", Topics: []string{"licensing", "health"}},
		}
		if err := db.Catalog().SaveHeadings(ctx, catClerk(a.ID), a.ID, hs); !apperr.Is(err, apperr.Forbidden) {
			t.Fatalf("a clerk saves headings: %v", err)
		}
		audits := auditCount(t, db)
		if err := db.Catalog().SaveHeadings(ctx, catAdmin(a.ID), a.ID, hs); err != nil {
			t.Fatal(err)
		}
		if auditCount(t, db) != audits+1 {
			t.Fatal("saving headings is not audited")
		}
		views, saved, err = db.Catalog().Headings(ctx, catClerk(a.ID), a.ID)
		if err != nil || !saved || len(views) != 2 || views[0].Count != 1 || views[0].Gap || !views[1].Gap {
			t.Fatalf("saved headings = %+v %v %v", views, saved, err)
		}
		pv, err := db.Portal().Headings(ctx, 0, a.ID, 3)
		if err != nil || len(pv) != 2 || len(pv[0].Latest) != 1 || pv[0].Latest[0].ID != doc.ID {
			t.Fatalf("portal headings = %+v %v", pv, err)
		}
	})
}

func TestSearchByDate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		_, a, _ := seed(t, db)
		older := draftItem(a.ID, "卫生健康工作要点")
		older = createDraft(t, db, older, catClerk(a.ID))
		if _, err := publishItem(t, db, older.ID, a.ID, catNow); err != nil {
			t.Fatal(err)
		}
		newer := draftItem(a.ID, "关于开展爱国卫生月活动的通知")
		newer.Summary = "做好卫生健康宣传"
		newer = createDraft(t, db, newer, catClerk(a.ID))
		if _, err := publishItem(t, db, newer.ID, a.ID, catNow.AddDate(0, 0, 5)); err != nil {
			t.Fatal(err)
		}
		// By relevance the title match comes first; by date the newer item.
		res, total, err := db.Portal().Search(ctx, store.SearchQuery{Q: "卫生健康"})
		if err != nil || total != 2 || res[0].Item.ID != older.ID {
			t.Fatalf("by relevance = %d %v", total, err)
		}
		res, total, err = db.Portal().Search(ctx, store.SearchQuery{Q: "卫生健康", ByDate: true})
		if err != nil || total != 2 || res[0].Item.ID != newer.ID || res[1].Item.ID != older.ID {
			t.Fatalf("by date = %d %+v %v", total, res, err)
		}
	})
}
