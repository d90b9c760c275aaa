package web

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// A person searches the catalog from the portal home and opens the item found.
func TestBrowserCatalogSearch(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		f := loadPortalFixture(t, e)
		ctx := newBrowser(t)
		err := chromedp.Do(ctx,
			chromedp.Navigate(e.ts.URL+"/"),
			chromedp.WaitVisible(chromedp.ID("home-q")),
			chromedp.SendKeys(chromedp.ID("home-q"), "清卫发[2031]7号"),
			chromedp.Submit(chromedp.ID("home-q")),
			chromedp.WaitVisible(chromedp.CSS("ol.results")),
		)
		if err != nil {
			t.Fatal(err)
		}
		first, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("ol.results li h3")))
		if err != nil || first != "甲乙丙区卫生健康工作要点测试件" {
			t.Fatalf("first result %q: %v", first, err)
		}
		marks, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("ol.results li:first-child mark").length`))
		if err != nil || marks == 0 {
			t.Errorf("no highlighted match in the first result (%v)", err)
		}
		err = chromedp.Do(ctx,
			chromedp.Click(chromedp.CSS("ol.results li h3 a")),
			chromedp.WaitVisible(chromedp.CSS("table.item-meta")),
		)
		if err != nil {
			t.Fatal(err)
		}
		title, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("h1")))
		if err != nil || title != "甲乙丙区卫生健康工作要点测试件" {
			t.Errorf("item heading %q: %v", title, err)
		}
		meta, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("table.item-meta")))
		if err != nil || !strings.Contains(meta, "清卫发〔2031〕7号") || !strings.Contains(meta, "索引号") {
			t.Errorf("metadata table %q: %v", meta, err)
		}

		// The item and search pages fit a phone screen.
		for _, p := range []string{fmt.Sprintf("/items/%d", f.plan), "/search?q=%E6%B5%8B%E8%AF%95%E4%BB%B6", fmt.Sprintf("/agencies/%d/catalog", f.agencyID)} {
			err := chromedp.Do(ctx, chromedp.EmulateViewport(375, 740), chromedp.Navigate(e.ts.URL+p), chromedp.WaitVisible(chromedp.CSS("h1")))
			if err != nil {
				t.Fatal(err)
			}
			overflow, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth + 1`))
			if err != nil {
				t.Fatal(err)
			}
			if overflow {
				t.Errorf("%s scrolls sideways on a 375px phone screen", p)
			}
		}
	})
}
