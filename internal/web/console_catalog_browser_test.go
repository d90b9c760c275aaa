package web

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"gongkai/internal/account"
	"gongkai/internal/catalog"
	"gongkai/internal/demo"
	"gongkai/internal/store"
)

// TestBrowserCatalogJourney: the 经办人 drafts an item, a 审核人 who is also 负责人 passes
// 保密审查 with its checklist and opinion and may not approve it too (no button; a forged
// request refused), another 负责人 approves and it is published with an 索引号; the
// 保密审查单 prints the review.
func TestBrowserCatalogJourney(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		ag, _ := store.AgencyByName(context.Background(), e.db, "清河区卫生健康局")
		hash, _ := account.DefaultPasswords().Hash(context.Background(), demo.Password)
		if err := e.db.InTx(context.Background(), func(tx *store.Tx) error {
			u := account.User{AgencyID: ag.ID, Username: "wj.shenfu", DisplayName: "审批兼审核", PasswordHash: hash, Roles: []account.Role{account.Reviewer, account.Head}}
			return tx.Users().Create(context.Background(), account.System(), &u)
		}); err != nil {
			t.Fatal(err)
		}
		ctx := newBrowser(t)
		ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
		defer cancel()
		signIn := func(user string) {
			t.Helper()
			err := chromedp.Do(ctx,
				chromedp.WaitVisible(chromedp.ID("username")),
				chromedp.SendKeys(chromedp.ID("username"), user),
				chromedp.SendKeys(chromedp.ID("password"), "gongkai-demo"),
				chromedp.Submit(chromedp.ID("password")),
				chromedp.WaitVisible(chromedp.CSS(".who")),
			)
			if err != nil {
				t.Fatalf("sign in %s: %v", user, err)
			}
		}
		signOut := func() {
			t.Helper()
			err := chromedp.Do(ctx,
				chromedp.Click(chromedp.CSS(".who button")),
				chromedp.WaitNotPresent(chromedp.CSS(".who")),
				chromedp.WaitVisible(chromedp.ID("username")),
			)
			if err != nil {
				t.Fatalf("sign out: %v", err)
			}
		}
		act := func(action string) {
			t.Helper()
			err := chromedp.Do(ctx,
				chromedp.WaitVisible(chromedp.ID("act-"+action)),
				chromedp.Click(chromedp.ID("act-"+action)),
				chromedp.WaitNotPresent(chromedp.ID("act-"+action)),
				chromedp.WaitVisible(chromedp.ID("item-state")),
			)
			if err != nil {
				page, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
				loc, _ := chromedp.Run(ctx, chromedp.Location())
				t.Fatalf("%s: %v\n%s\n%s", action, err, loc, page)
			}
		}

		if err := chromedp.Do(ctx, chromedp.Navigate(e.ts.URL+"/console/login")); err != nil {
			t.Fatal(err)
		}
		signIn("wj.jingban")
		err := chromedp.Do(ctx,
			chromedp.Click(chromedp.CSS(`nav.side a[href="/console/catalog"]`)),
			chromedp.WaitVisible(chromedp.ID("new-item")),
			chromedp.Click(chromedp.ID("new-item")),
			chromedp.WaitVisible(chromedp.ID("title")),
			chromedp.SendKeys(chromedp.ID("title"), "清河区卫生健康局关于开展健康宣传周活动的通知"),
			chromedp.SetValue(chromedp.ID("topic"), "work_news"),
			chromedp.SetValue(chromedp.ID("written_on"), "2026-01-05"),
			chromedp.SetValue(chromedp.ID("body"), "<p>各社区卫生服务中心：</p><p>现就开展健康宣传周活动通知如下。</p><script>alert(1)</script>"),
			chromedp.Click(chromedp.ID("save-item")),
			chromedp.WaitVisible(chromedp.ID("item-state")),
		)
		if err != nil {
			t.Fatal(err)
		}
		itemURL, err := chromedp.Run(ctx, chromedp.Location())
		if err != nil {
			t.Fatal(err)
		}
		itemURL, _, _ = strings.Cut(itemURL, "?")
		body, _ := chromedp.Run(ctx, chromedp.Text(chromedp.ID("item-body")))
		if !strings.Contains(body, "健康宣传周") || strings.Contains(body, "alert") {
			t.Errorf("body shown as %q", body)
		}
		act("submit")
		signOut()

		signIn("wj.shenfu")
		if err := chromedp.Do(ctx, chromedp.Navigate(itemURL), chromedp.WaitVisible(chromedp.ID("act-pass_review"))); err != nil {
			t.Fatal(err)
		}
		// The checklist: every point confirmed, and the written opinion.
		var tick []chromedp.Action[chromedp.Void]
		for _, c := range catalog.SecrecyChecks {
			tick = append(tick, chromedp.Click(chromedp.ID("clear-pass_review-"+string(c))))
		}
		tick = append(tick, chromedp.SendKeys(chromedp.ID("opinion-pass_review"), "经审查，通知不涉及国家秘密等不宜公开的内容，同意公开。"))
		if err := chromedp.Do(ctx, tick...); err != nil {
			t.Fatal(err)
		}
		act("pass_review")
		// The same person may not approve: no button, and a forged request is refused.
		if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#act-approve").length`)); n != 0 {
			t.Fatal("the reviewer is offered approval")
		}
		status, err := chromedp.Run(ctx, chromedp.Evaluate[int](`(() => {
			const f = new FormData();
			f.set("_csrf", document.querySelector("input[name=_csrf]").value);
			f.set("action", "approve");
			return fetch(location.pathname + "/step", {method: "POST", body: new URLSearchParams(f)}).then(r => r.status);
		})()`, chromedp.EvalAwaitPromise))
		if err != nil || status != 403 {
			t.Fatalf("the reviewer's forged approval: %d %v", status, err)
		}
		signOut()

		signIn("wj.fuze")
		if err := chromedp.Do(ctx, chromedp.Navigate(itemURL)); err != nil {
			t.Fatal(err)
		}
		act("approve")
		state, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("item-state")))
		if err != nil || state != "已发布" {
			t.Fatalf("state %q: %v", state, err)
		}
		no, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("index-no")))
		if err != nil || !strings.HasPrefix(no, "11610802016083285C/2026-") {
			t.Fatalf("索引号 %q: %v", no, err)
		}
		history, _ := chromedp.Run(ctx, chromedp.Text(chromedp.ID("history")))
		for _, want := range []string{"提交保密审查", "保密审查通过", "审批通过"} {
			if !strings.Contains(history, want) {
				t.Errorf("history lacks %s: %q", want, history)
			}
		}
		err = chromedp.Do(ctx, chromedp.Click(chromedp.ID("secrecy-sheet")), chromedp.WaitVisible(chromedp.ID("sheet-opinion")))
		if err != nil {
			t.Fatal(err)
		}
		sheet, _ := chromedp.Run(ctx, chromedp.Text(chromedp.ID("secrecy-sheet")))
		for _, want := range []string{"保密审查单", "保密审查通过，同意公开", "国家秘密", "其他不宜公开的内容", "☑ 不涉及", "审批兼审核", "同意公开。"} {
			if !strings.Contains(sheet, want) {
				t.Errorf("保密审查单 lacks %q:\n%s", want, sheet)
			}
		}
	})
}
