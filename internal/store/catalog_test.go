package store_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/apperr"
	"gongkai/internal/catalog"
	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
)

var catNow = time.Date(2025, 3, 10, 2, 0, 0, 0, time.UTC)

// Staff of an agency with their workflow roles.
func catUser(id, agencyID int64, name string, roles ...account.Role) account.Principal {
	return account.Principal{UserID: id, Name: name, AgencyID: agencyID, Roles: roles}
}
func catClerk(a int64) account.Principal    { return catUser(101, a, "经办人", account.Clerk) }
func catReviewer(a int64) account.Principal { return catUser(102, a, "审核人", account.Reviewer) }
func catHead(a int64) account.Principal     { return catUser(103, a, "负责人", account.Head) }
func catAll(a int64) account.Principal {
	return catUser(104, a, "全能", account.Clerk, account.Reviewer, account.Head)
}
func catAdmin(a int64) account.Principal { return catUser(105, a, "管理员", account.AgencyAdmin) }

func draftItem(agencyID int64, title string) catalog.Item {
	return catalog.Item{
		AgencyID:  agencyID,
		Title:     title,
		Topic:     "policy_documents",
		Publisher: "测试区卫生健康局",
		WrittenOn: time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC),
		BodyHTML:  "<p>正文</p>",
	}
}

func createDraft(t *testing.T, db *store.DB, it catalog.Item, who account.Principal, uploads ...store.AttachmentUpload) catalog.Item {
	t.Helper()
	out, err := db.Catalog().Create(context.Background(), who, it, uploads, catNow)
	if err != nil {
		t.Fatalf("create draft: %v", err)
	}
	return out
}

func step(db *store.DB, id int64, cmd catalog.Command, now time.Time) (catalog.Item, error) {
	return db.Catalog().Step(context.Background(), cmd.By, id, cmd, now)
}

// cleared is a 保密审查 that confirms every point of the checklist.
var cleared = catalog.Secrecy{Clear: catalog.SecrecyChecks, Opinion: "经审查，不涉及国家秘密等不宜公开的内容，同意公开"}

func mustStep(t *testing.T, db *store.DB, id int64, a catalog.Action, who account.Principal) catalog.Item {
	t.Helper()
	cmd := catalog.Command{Action: a, By: who}
	if a == catalog.ActPassReview {
		cmd.Secrecy = cleared
	}
	it, err := step(db, id, cmd, catNow)
	if err != nil {
		t.Fatalf("%s: %v", a, err)
	}
	return it
}

func catalogEventCount(t *testing.T, db *store.DB, id int64) int {
	t.Helper()
	var n int
	if err := db.QueryRow(context.Background(), `SELECT COUNT(*) FROM catalog_events WHERE item_id = ?`, id).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestCatalogWorkflowThroughStore(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		_, a, _ := seed(t, db)
		it := createDraft(t, db, draftItem(a.ID, "关于印发某某工作方案的通知"), catClerk(a.ID))
		if it.State != catalog.Draft || it.ID == 0 {
			t.Fatalf("draft = %+v", it)
		}

		// An illegal step (approval of a draft) is refused and writes nothing.
		audits, events := auditCount(t, db), catalogEventCount(t, db, it.ID)
		if _, err := step(db, it.ID, catalog.Command{Action: catalog.ActApprove, By: catHead(a.ID)}, catNow); !apperr.Is(err, apperr.Conflict) {
			t.Fatalf("approve a draft: err = %v, want conflict", err)
		}
		if auditCount(t, db) != audits || catalogEventCount(t, db, it.ID) != events {
			t.Fatal("a refused step wrote to the audit log or history")
		}

		mustStep(t, db, it.ID, catalog.ActSubmit, catClerk(a.ID))
		mustStep(t, db, it.ID, catalog.ActPassReview, catReviewer(a.ID))
		pub := mustStep(t, db, it.ID, catalog.ActApprove, catHead(a.ID))
		if pub.State != catalog.Published || pub.IndexNo != "11610802016083285C/2025-00001" {
			t.Fatalf("published = %s %q", pub.State, pub.IndexNo)
		}
		got, err := store.ItemByIndexNo(ctx, db, a.ID, pub.IndexNo)
		if err != nil || got.ID != it.ID || got.BodyHTML != "<p>正文</p>" {
			t.Fatalf("ItemByIndexNo = %+v, %v", got, err)
		}
		evs, err := store.CatalogEvents(ctx, db, it.ID)
		if err != nil || len(evs) != 4 || evs[3].Action != catalog.ActApprove || evs[3].ActorName != "负责人" {
			t.Fatalf("events = %+v, %v", evs, err)
		}
		items, total, err := store.PublishedItems(ctx, db, store.CatalogFilter{AgencyID: a.ID, Year: 2025, Topic: "policy_documents"})
		if err != nil || total != 1 || len(items) != 1 || items[0].BodyHTML != "" {
			t.Fatalf("PublishedItems = %d %v", total, err)
		}

		// Withdrawal keeps the number; reopening and republishing does not take a new one.
		if _, err := step(db, it.ID, catalog.Command{Action: catalog.ActWithdraw, By: catHead(a.ID)}, catNow); !apperr.Is(err, apperr.Invalid) {
			t.Fatalf("withdraw without reason: %v", err)
		}
		if _, err := step(db, it.ID, catalog.Command{Action: catalog.ActWithdraw, By: catHead(a.ID), Reason: "内容有误"}, catNow); err != nil {
			t.Fatal(err)
		}
		if _, total, _ := store.PublishedItems(ctx, db, store.CatalogFilter{AgencyID: a.ID}); total != 0 {
			t.Fatal("withdrawn item still published")
		}

		// Self-approval: one user holding every role may not review their own draft.
		own := createDraft(t, db, draftItem(a.ID, "自己起草的信息"), catAll(a.ID))
		mustStep(t, db, own.ID, catalog.ActSubmit, catAll(a.ID))
		audits, events = auditCount(t, db), catalogEventCount(t, db, own.ID)
		if _, err := step(db, own.ID, catalog.Command{Action: catalog.ActPassReview, By: catAll(a.ID)}, catNow); !apperr.Is(err, apperr.Forbidden) {
			t.Fatalf("self review: err = %v, want forbidden", err)
		}
		if auditCount(t, db) != audits || catalogEventCount(t, db, own.ID) != events {
			t.Fatal("refused self review wrote something")
		}
		if cur, _ := store.ItemByID(ctx, db, own.ID); cur.State != catalog.SecrecyReview {
			t.Fatalf("state after refusal = %s", cur.State)
		}
	})
}

func TestCatalogScheduledPublication(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		_, a, _ := seed(t, db)
		it := createDraft(t, db, draftItem(a.ID, "定时发布的信息"), catClerk(a.ID))
		mustStep(t, db, it.ID, catalog.ActSubmit, catClerk(a.ID))
		mustStep(t, db, it.ID, catalog.ActPassReview, catReviewer(a.ID))
		at := catNow.Add(48 * time.Hour)
		sch, err := step(db, it.ID, catalog.Command{Action: catalog.ActApprove, By: catHead(a.ID), PublishAt: at}, catNow)
		if err != nil || sch.State != catalog.Scheduled || sch.IndexNo == "" {
			t.Fatalf("scheduled = %+v, %v", sch, err)
		}
		if n, err := db.Catalog().PublishDue(ctx, account.System(), catNow.Add(time.Hour)); err != nil || n != 0 {
			t.Fatalf("early run published %d, %v", n, err)
		}
		if n, err := db.Catalog().PublishDue(ctx, account.System(), at.Add(time.Minute)); err != nil || n != 1 {
			t.Fatalf("due run published %d, %v", n, err)
		}
		got, _ := store.ItemByID(ctx, db, it.ID)
		if got.State != catalog.Published || got.IndexNo != sch.IndexNo {
			t.Fatalf("after job: %s %q", got.State, got.IndexNo)
		}
	})
}

// Many heads approving items of one agency at the same moment never get the same 索引号.
func TestCatalogIndexNoConcurrentApproval(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		_, a, _ := seed(t, db)
		const n = 24
		ids := make([]int64, n)
		for i := range ids {
			it := createDraft(t, db, draftItem(a.ID, fmt.Sprintf("并发审批的信息%d", i)), catClerk(a.ID))
			mustStep(t, db, it.ID, catalog.ActSubmit, catClerk(a.ID))
			mustStep(t, db, it.ID, catalog.ActPassReview, catReviewer(a.ID))
			ids[i] = it.ID
		}
		var wg sync.WaitGroup
		nos := make([]string, n)
		errs := make([]error, n)
		start := make(chan struct{})
		for i, id := range ids {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				it, err := step(db, id, catalog.Command{Action: catalog.ActApprove, By: catHead(a.ID)}, catNow)
				nos[i], errs[i] = it.IndexNo, err
			}()
		}
		close(start)
		wg.Wait()
		seen := map[string]bool{}
		for i := range nos {
			if errs[i] != nil {
				t.Fatalf("approval %d: %v", i, errs[i])
			}
			if seen[nos[i]] {
				t.Fatalf("索引号 %s handed out twice", nos[i])
			}
			seen[nos[i]] = true
		}
		for s := 1; s <= n; s++ {
			if no := fmt.Sprintf("11610802016083285C/2025-%05d", s); !seen[no] {
				t.Errorf("serial %s not used: numbers have gaps", no)
			}
		}
	})
}

func TestCatalogBodySanitisedOnSave(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		_, a, _ := seed(t, db)
		in := draftItem(a.ID, "含脚本的正文")
		in.BodyHTML = `<p onclick="x()">正文</p><script>alert(1)</script><img src="javascript:alert(2)">`
		it := createDraft(t, db, in, catClerk(a.ID))
		got, err := store.ItemByID(ctx, db, it.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, bad := range []string{"<script", "alert", "onclick", "javascript:"} {
			if strings.Contains(got.BodyHTML, bad) {
				t.Fatalf("stored body %q contains %q", got.BodyHTML, bad)
			}
		}
		in.BodyHTML = `<p>改</p><script>alert(3)</script>`
		_, err = db.Catalog().Update(ctx, catClerk(a.ID), it.ID, in, nil, catNow)
		if err != nil {
			t.Fatal(err)
		}
		got, _ = store.ItemByID(ctx, db, it.ID)
		if strings.Contains(got.BodyHTML, "script") || !strings.Contains(got.BodyHTML, "改") {
			t.Fatalf("edited body %q", got.BodyHTML)
		}
	})
}

func TestCatalogAttachments(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		_, a, _ := seed(t, db)
		pdf := []byte("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n")
		if _, err := store.NewAttachmentUpload(catalog.AttachmentPolicy{}, "页面.pdf", []byte("<html><script>alert(1)</script></html>")); !apperr.Is(err, apperr.Invalid) {
			t.Fatalf("HTML named .pdf accepted: %v", err)
		}
		if _, err := store.NewAttachmentUpload(catalog.AttachmentPolicy{MaxSize: 10}, "大.pdf", pdf); !apperr.Is(err, apperr.Invalid) {
			t.Fatalf("oversized file accepted: %v", err)
		}
		up, err := store.NewAttachmentUpload(catalog.AttachmentPolicy{}, "../../通知.exe", pdf)
		if err != nil || up.Kind != catalog.PDF || !strings.HasSuffix(up.Name, ".pdf") || strings.Contains(up.Name, "/") {
			t.Fatalf("upload = %+v, %v", up.Attachment, err)
		}
		it := createDraft(t, db, draftItem(a.ID, "带附件的信息"), catClerk(a.ID), up)
		got, err := store.ItemByID(ctx, db, it.ID)
		if err != nil || len(got.Attachments) != 1 || got.Attachments[0].SHA256 != up.SHA256 {
			t.Fatalf("attachments = %+v, %v", got.Attachments, err)
		}
		meta, data, err := store.CatalogAttachment(ctx, db, it.ID, 0)
		if err != nil || string(data) != string(pdf) || meta.Kind != catalog.PDF {
			t.Fatalf("CatalogAttachment = %+v %q %v", meta, data, err)
		}
		if _, _, err := store.CatalogAttachment(ctx, db, it.ID, 1); !apperr.Is(err, apperr.NotFound) {
			t.Fatalf("missing attachment: %v", err)
		}
		// Removing it in an edit deletes the bytes.
		in := got
		in.Attachments = nil
		_, err = db.Catalog().Update(ctx, catClerk(a.ID), it.ID, in, nil, catNow)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := store.CatalogAttachment(ctx, db, it.ID, 0); !apperr.Is(err, apperr.NotFound) {
			t.Fatalf("removed attachment still served: %v", err)
		}
	})
}

func importedItem(title, indexNo string) catalog.Item {
	return catalog.Item{Title: title, Topic: "policy_documents", Publisher: "测试区卫生健康局", IndexNo: indexNo,
		WrittenOn: time.Date(2023, 5, 4, 0, 0, 0, 0, time.UTC), PublishedOn: time.Date(2023, 5, 6, 0, 0, 0, 0, time.UTC)}
}

func TestCatalogImportAllOrNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		_, a, _ := seed(t, db)
		imp := func(items ...catalog.Item) ([]int64, error) {
			return db.Catalog().Import(ctx, catClerk(a.ID), a.ID, items, catNow)
		}
		ids, err := imp(importedItem("存量一", "11610802016083285C/2023-00079"), importedItem("存量二", ""))
		if err != nil || len(ids) != 2 {
			t.Fatalf("import: %v", err)
		}
		second, _ := store.ItemByID(ctx, db, ids[1])
		if second.IndexNo != "11610802016083285C/2023-00080" || second.State != catalog.Published {
			t.Fatalf("row without 索引号 got %q (%s)", second.IndexNo, second.State)
		}
		// A file whose last row repeats a number already used imports nothing.
		_, before, _ := store.CatalogItems(ctx, db, store.CatalogFilter{AgencyID: a.ID})
		audits := auditCount(t, db)
		if _, err := imp(importedItem("存量三", ""), importedItem("存量四", "11610802016083285C/2023-00079")); !apperr.Is(err, apperr.Conflict) {
			t.Fatalf("duplicate number: err = %v, want conflict", err)
		}
		if _, after, _ := store.CatalogItems(ctx, db, store.CatalogFilter{AgencyID: a.ID}); after != before || auditCount(t, db) != audits {
			t.Fatalf("failed import left %d items (had %d)", after, before)
		}
		// New numbers of 2023 continue above the imported ones.
		d := draftItem(a.ID, "2023年的新信息")
		d.WrittenOn = time.Date(2023, 12, 1, 0, 0, 0, 0, time.UTC)
		it := createDraft(t, db, d, catClerk(a.ID))
		mustStep(t, db, it.ID, catalog.ActSubmit, catClerk(a.ID))
		mustStep(t, db, it.ID, catalog.ActPassReview, catReviewer(a.ID))
		if pub := mustStep(t, db, it.ID, catalog.ActApprove, catHead(a.ID)); pub.IndexNo != "11610802016083285C/2023-00081" {
			t.Fatalf("next number = %q", pub.IndexNo)
		}
	})
}

func TestCatalogReportFigures(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		_, a, _ := seed(t, db)
		d := draftItem(a.ID, "关于印发某某管理办法的通知")
		d.Kind, d.DocNo = catalog.Normative, "测卫规〔2025〕1号"
		it := createDraft(t, db, d, catClerk(a.ID))
		unpublished := createDraft(t, db, d, catClerk(a.ID))
		mustStep(t, db, it.ID, catalog.ActSubmit, catClerk(a.ID))
		mustStep(t, db, it.ID, catalog.ActPassReview, catReviewer(a.ID))
		mustStep(t, db, it.ID, catalog.ActApprove, catHead(a.ID))
		// Only the agency's 经办人 or 负责人 record them.
		if err := db.Catalog().SaveFigures(ctx, catReviewer(a.ID), a.ID, []catalog.MonthlyFigures{{Year: 2025, Month: 1, Licensing: 5}}); !apperr.Is(err, apperr.Forbidden) {
			t.Fatalf("a 审核人 records figures: %v", err)
		}
		err := db.Catalog().SaveFigures(ctx, catClerk(a.ID), a.ID, []catalog.MonthlyFigures{
			{Year: 2025, Month: 1, Licensing: 5, Penalty: 2, Fees: 123456},
			{Year: 2025, Month: 2, Licensing: 7},
		})
		if err != nil {
			t.Fatal(err)
		}
		// The console's year view: the draft always, the published item in its year only.
		published, _ := store.ItemByID(ctx, db, it.ID)
		for year, want := range map[int][]int64{published.PublishedOn.Year(): {it.ID, unpublished.ID}, published.PublishedOn.Year() + 1: {unpublished.ID}} {
			got, err := store.CatalogItemsForYear(ctx, db, a.ID, year)
			if err != nil {
				t.Fatal(err)
			}
			var ids []int64
			for _, g := range got {
				ids = append(ids, g.ID)
			}
			if fmt.Sprint(ids) != fmt.Sprint(want) {
				t.Errorf("CatalogItemsForYear(%d) = %v, want %v", year, ids, want)
			}
		}
		fixtureMonthsFrom(t, db, a.ID, 2025, 3) // none of any since March: explicit zeros
		rd, err := db.Reports().Draft(ctx, account.System(), a.ID, 2025)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]float64{catalog.CellNormativeIssued: 1, catalog.CellNormativeInForce: 1, catalog.CellLicensingDecisions: 12,
			catalog.CellPenaltyDecisions: 2, catalog.CellFeesAmount: 0.123456}
		for k, v := range want {
			if got, _ := rd.Report.Cells.Get(k); got != v {
				t.Errorf("%s = %v, want %v", k, got, v)
			}
		}
		// Saving a month again replaces it.
		err = db.Catalog().SaveFigures(ctx, catHead(a.ID), a.ID, []catalog.MonthlyFigures{{Year: 2025, Month: 2, Licensing: 1}})
		if err != nil {
			t.Fatal(err)
		}
		figs, _ := store.MonthlyFigures(ctx, db, a.ID, 2025)
		if len(figs) != 12 || figs[1].Licensing != 1 {
			t.Fatalf("figures = %+v", figs)
		}
	})
}

func TestCatalogTaxonomyAndPattern(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		_, a, _ := seed(t, db)
		createDraft(t, db, draftItem(a.ID, "使用政策文件分类"), catClerk(a.ID))
		topics := catalog.DefaultTaxonomy().Topics()
		var without []catalog.Topic
		for _, tp := range topics {
			if tp.Code != "policy_documents" {
				without = append(without, tp)
			}
		}
		if err := db.Catalog().SaveTaxonomy(ctx, catClerk(a.ID), a.ID, topics); !apperr.Is(err, apperr.Forbidden) {
			t.Fatalf("a 经办人 changes the taxonomy: %v", err)
		}
		err := db.Catalog().SaveTaxonomy(ctx, catAdmin(a.ID), a.ID, without)
		if !apperr.Is(err, apperr.Conflict) {
			t.Fatalf("removing a used topic: %v", err)
		}
		topics[0].Label = "机构职能（本局）"
		if err := db.Catalog().SaveTaxonomy(ctx, catAdmin(a.ID), a.ID, topics); err != nil {
			t.Fatal(err)
		}
		tax, _ := store.CatalogTaxonomy(ctx, db, a.ID)
		if tax.Label(topics[0].Code) != "机构职能（本局）" {
			t.Fatal("taxonomy edit not saved")
		}
		if err := db.Catalog().SetIndexPattern(ctx, catAdmin(a.ID), a.ID, "{code}-{year}-{seq:4", 2025); !apperr.Is(err, apperr.Invalid) {
			t.Fatalf("bad pattern accepted: %v", err)
		}
		if err := db.Catalog().SetIndexPattern(ctx, account.System(), a.ID, "QW-{year}-{topic}-{seq:4}", 2025); err != nil {
			t.Fatal(err)
		}
		it := createDraft(t, db, draftItem(a.ID, "新格式"), catClerk(a.ID))
		mustStep(t, db, it.ID, catalog.ActSubmit, catClerk(a.ID))
		mustStep(t, db, it.ID, catalog.ActPassReview, catReviewer(a.ID))
		tp, _ := tax.Lookup("policy_documents")
		if pub := mustStep(t, db, it.ID, catalog.ActApprove, catHead(a.ID)); pub.IndexNo != "QW-2025-"+tp.Num+"-0001" {
			t.Fatalf("index = %q", pub.IndexNo)
		}
	})
}
