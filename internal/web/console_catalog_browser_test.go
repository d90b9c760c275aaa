package web

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserCatalogJourney: the 经办人 drafts an item, the 审核人 passes 保密审查, the 负责人
// approves and it is published with an 索引号.
func TestBrowserCatalogJourney(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		ctx := newBrowser(t)
		ctx, cancel := context.WithTimeout(ctx, 45*time.Second)
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

		signIn("wj.shenhe")
		if err := chromedp.Do(ctx, chromedp.Navigate(itemURL)); err != nil {
			t.Fatal(err)
		}
		act("pass_review")
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
	})
}
