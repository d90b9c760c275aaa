package web

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"gongkai/internal/web/browsertest"
)

// newBrowser starts headless Chromium for a journey test (browsertest.New).
func newBrowser(t *testing.T) context.Context { return browsertest.New(t) }

func TestBrowserSignInJourney(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		ctx := newBrowser(t)
		err := chromedp.Do(ctx,
			chromedp.Navigate(e.ts.URL+"/"),
			chromedp.WaitVisible(chromedp.CSS("h1")),
		)
		if err != nil {
			t.Fatal(err)
		}
		heading, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("h1")))
		if err != nil || heading != "政府信息公开" {
			t.Fatalf("portal heading %q: %v", heading, err)
		}
		err = chromedp.Do(ctx,
			chromedp.Click(chromedp.CSS(`a[href="/console/login"]`)),
			chromedp.WaitVisible(chromedp.ID("username")),
			chromedp.SendKeys(chromedp.ID("username"), "wj.jingban"),
			chromedp.SendKeys(chromedp.ID("password"), "gongkai-demo"),
			chromedp.Submit(chromedp.ID("password")),
			chromedp.WaitVisible(chromedp.CSS(".who")),
		)
		if err != nil {
			t.Fatal(err)
		}
		console, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
		if err != nil || !strings.Contains(console, "清河区卫生健康局") {
			t.Errorf("console after sign-in: %q %v", console, err)
		}
	})
}

func TestBrowserPhoneLayout(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		ctx := newBrowser(t)
		err := chromedp.Do(ctx,
			chromedp.EmulateViewport(375, 740),
			chromedp.Navigate(e.ts.URL+"/"),
			chromedp.WaitVisible(chromedp.CSS("h1")),
		)
		if err != nil {
			t.Fatal(err)
		}
		overflow, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth + 1`))
		if err != nil {
			t.Fatal(err)
		}
		if overflow {
			t.Error("portal home scrolls sideways on a 375px phone screen")
		}
	})
}
