package web

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"gongkai/internal/workday"
)

// TestBrowserApplicationJourney: a clerk signs in, registers an application that came in
// person, and replies to it; the case shows as closed on time with the reply in its history.
func TestBrowserApplicationJourney(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		e.noReview("wj.jingban") // the reply is recorded directly; the review is walked in internal/app's journey
		ctx := newBrowser(t)
		err := chromedp.Do(ctx,
			chromedp.Navigate(e.ts.URL+"/console/login"),
			chromedp.WaitVisible(chromedp.ID("username")),
			chromedp.SendKeys(chromedp.ID("username"), "wj.jingban"),
			chromedp.SendKeys(chromedp.ID("password"), "gongkai-demo"),
			chromedp.Submit(chromedp.ID("password")),
			chromedp.WaitVisible(chromedp.CSS(".who")),
			chromedp.Click(chromedp.CSS(`nav.side a[href="/console/applications"]`)),
			chromedp.WaitVisible(chromedp.ID("new-application")),
			chromedp.Click(chromedp.ID("new-application")),
			chromedp.WaitVisible(chromedp.ID("intake")),
			// The page's script marks the chosen channel's rule once it has run.
			chromedp.WaitReady(chromedp.CSS("dd.current")),
		)
		if err != nil {
			t.Fatal(err)
		}
		// The rule of the chosen channel is highlighted and its date required.
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(function () {
			var c = document.getElementById("channel");
			var before = document.querySelector("dd.current").getAttribute("data-channel") === "in_person" && document.getElementById("submitted").required;
			c.value = "registered_mail"; c.dispatchEvent(new Event("change"));
			var mail = document.querySelector("dd.current").getAttribute("data-channel") === "registered_mail" && document.getElementById("signed_for").required && !document.getElementById("submitted").required;
			c.value = "in_person"; c.dispatchEvent(new Event("change"));
			return before && mail;
		})()`))
		if err != nil || !ok {
			t.Fatalf("receipt rule highlighting: %v %v", ok, err)
		}
		err = chromedp.Do(ctx,
			chromedp.SendKeys(chromedp.ID("name"), "浏览器测试某某"),
			chromedp.SendKeys(chromedp.ID("id_number"), testIDNumber),
			chromedp.SendKeys(chromedp.ID("phone"), "13900001111"),
			chromedp.SendKeys(chromedp.ID("description"), "清河区2026年度公共卫生服务项目资金分配表"),
			chromedp.SetValue(chromedp.ID("delivery"), "email"),
			chromedp.Click(chromedp.ID("register")),
			chromedp.WaitVisible(chromedp.ID("status")),
		)
		if err != nil {
			t.Fatal(err)
		}
		page, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
		if err != nil || !strings.Contains(page, "已登记") || !strings.Contains(page, "答复期限届满日") || !strings.Contains(page, "公共卫生服务项目资金分配表") {
			t.Fatalf("case page after registering: %q %v", page, err)
		}
		// A 予以公开 reply to an e-mail request without its material is refused with a
		// clear message; naming another form of delivery and its day, it goes out.
		err = chromedp.Do(ctx,
			chromedp.Click(chromedp.ID("open-replied")),
			chromedp.WaitVisible(chromedp.ID("reply")),
			chromedp.SetValue(chromedp.ID("reply"), "granted"),
			chromedp.SendKeys(chromedp.ID("reason-replied"), "经检索，予以公开"),
			chromedp.Click(chromedp.ID("submit-replied")),
			chromedp.WaitVisible(chromedp.CSS(`[role="alert"]`)),
		)
		if err != nil {
			t.Fatal(err)
		}
		refusal, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`[role="alert"]`)))
		if !strings.Contains(refusal, "须附上公开的政府信息文件") {
			t.Fatalf("the reply without material: %q", refusal)
		}
		today := workday.Format(workday.Of(time.Now()))
		err = chromedp.Do(ctx,
			chromedp.Click(chromedp.ID("open-replied")),
			chromedp.WaitVisible(chromedp.ID("reply")),
			chromedp.SetValue(chromedp.ID("reply"), "granted"),
			chromedp.SendKeys(chromedp.ID("reason-replied"), "经检索，予以公开"),
			chromedp.SetValue(chromedp.ID("handover"), "pickup"),
			chromedp.SetValue(chromedp.ID("handover-day"), today),
			chromedp.Click(chromedp.ID("submit-replied")),
			chromedp.WaitNotPresent(chromedp.ID("actions")), // a closed case offers no actions
		)
		if err != nil {
			t.Fatal(err)
		}
		status, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("status")))
		if err != nil || status != "按期办结" {
			t.Fatalf("status after reply: %q %v", status, err)
		}
		history, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("history")))
		if err != nil || !strings.Contains(history, "作出答复") || !strings.Contains(history, "予以公开") {
			t.Fatalf("history: %q %v", history, err)
		}
	})
}
