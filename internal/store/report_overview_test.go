package store_test

import (
	"context"
	"strings"
	"testing"

	"gongkai/internal/account"
	"gongkai/internal/apperr"
	"gongkai/internal/foirequest"
	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
)

// TestDraftOverview drafts section 一 from the records on both databases: the applications
// and how they were answered, the reply past its due day, the fee paid; another agency's
// clerk may not.
func TestDraftOverview(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		_, a, b := seed(t, db)
		noReview(t, db, a.ID, b.ID) // replies recorded directly: the letters' review is not the subject here
		clerk := staff(a.ID)
		paid, _ := create(t, db, clerk, newApp(a.ID, "张三", "本区医疗机构名单", "2026-03-02"), noon("2026-03-02"))
		late, _ := create(t, db, clerk, newApp(a.ID, "李四", "某医院的检查记录", "2026-03-02"), noon("2026-03-02"))
		create(t, db, clerk, newApp(a.ID, "王五", "某诊所的处罚决定", "2026-12-01"), noon("2026-12-01"))
		mustEvent(t, db, clerk, paid.ID, foirequest.Event{Type: foirequest.EventAccepted, Day: day("2026-03-03")}, noon("2026-03-03"))
		mustEvent(t, db, clerk, paid.ID, foirequest.Event{Type: foirequest.EventFeeNotified, Method: foirequest.NoticeInPerson, Day: day("2026-03-05"), FeeMethod: foirequest.FeeMethodPage, Pages: 50, Reason: "按量计收"}, noon("2026-03-05"))
		mustEvent(t, db, clerk, paid.ID, foirequest.Event{Type: foirequest.EventFeePaid, Day: day("2026-03-09")}, noon("2026-03-09"))
		mustEvent(t, db, clerk, paid.ID, foirequest.Event{Type: foirequest.EventReplied, Day: day("2026-03-20"), Reply: foirequest.ReplyGranted}, noon("2026-03-20"))
		mustEvent(t, db, clerk, late.ID, foirequest.Event{Type: foirequest.EventReplied, Day: day("2026-04-20"), Reply: foirequest.ReplyNotHeld}, noon("2026-04-20"))

		if _, err := db.Reports().DraftOverview(ctx, staff(b.ID), a.ID, 2026); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("another agency drafts: %v", err)
		}
		text, err := db.Reports().DraftOverview(ctx, clerk, a.ID, 2026)
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{
			"本年度主动公开政府信息0条",
			"新收政府信息公开申请3件，上年结转0件，办结2件，其中予以公开1件、无法提供1件；结转下年度继续办理1件。",
			"超过法定期限答复1件",
			"收取信息处理费200元（1件申请）",
			"未发生因政府信息公开引起的行政复议和行政诉讼",
		} {
			if !strings.Contains(text, want) {
				t.Errorf("draft lacks %q:\n%s", want, text)
			}
		}
		// Nothing is saved by drafting.
		if d, err := db.Reports().Draft(ctx, account.System(), a.ID, 2026); err != nil || d.Own.ID != 0 {
			t.Errorf("drafting saved the narrative: %+v %v", d.Own, err)
		}
	})
}
