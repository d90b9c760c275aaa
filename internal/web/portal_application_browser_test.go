package web

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserApplyAndTrackJourney: a citizen finds the application form from the portal
// home, applies online, writes down the tracking number and query code, and checks the
// status with them.
func TestBrowserApplyAndTrackJourney(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		id := wjAgencyID(t, e)
		ctx := newBrowser(t)
		err := chromedp.Do(ctx,
			chromedp.Navigate(e.ts.URL+"/"),
			chromedp.WaitVisible(chromedp.CSS(`nav a[href="/apply"]`)),
			chromedp.Click(chromedp.CSS(`nav a[href="/apply"]`)),
			chromedp.WaitVisible(chromedp.CSS(`a[href="/agencies/`+itoa(id)+`/apply"]`)),
			chromedp.Click(chromedp.CSS(`a[href="/agencies/`+itoa(id)+`/apply"]`)),
			chromedp.WaitVisible(chromedp.ID("name")),
			chromedp.SendKeys(chromedp.ID("name"), "张三"),
			chromedp.SendKeys(chromedp.ID("id_number"), portalIDNumber),
			chromedp.SendKeys(chromedp.ID("phone"), portalPhone),
			chromedp.SendKeys(chromedp.ID("email"), "zhangsan@example.cn"),
			chromedp.SendKeys(chromedp.ID("description"), "2024年度本区医疗机构执业登记情况统计表"),
			chromedp.Click(chromedp.CSS(`input[name="form"][value="electronic"]`)),
			chromedp.Click(chromedp.CSS(`input[name="way"][value="email"]`)),
			chromedp.Click(chromedp.CSS(`input[name="consent"]`)),
			chromedp.Click(chromedp.CSS(`form.apply-form button[type="submit"]`)),
			chromedp.WaitVisible(chromedp.ID("query-code")),
		)
		if err != nil {
			t.Fatal(err)
		}
		tracking, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("tracking")))
		if err != nil {
			t.Fatal(err)
		}
		code, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("query-code")))
		if err != nil {
			t.Fatal(err)
		}
		if len(tracking) != 12 || len(code) != 8 {
			t.Fatalf("tracking %q code %q", tracking, code)
		}
		// Later, in the same browser: the query form, typed in lower case with a space.
		err = chromedp.Do(ctx,
			chromedp.Navigate(e.ts.URL+"/track"),
			chromedp.WaitVisible(chromedp.ID("code")),
			chromedp.SendKeys(chromedp.ID("tracking"), strings.ToLower(tracking[:6])+" "+tracking[6:]),
			chromedp.SendKeys(chromedp.ID("code"), strings.ToLower(code)),
			chromedp.Submit(chromedp.ID("code")),
			chromedp.WaitVisible(chromedp.ID("state")),
		)
		if err != nil {
			t.Fatal(err)
		}
		page, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"申请办理情况", "已登记", "2024年度本区医疗机构执业登记情况统计表", "1101********002X", "138****5678"} {
			if !strings.Contains(page, want) {
				t.Errorf("status page lacks %q:\n%s", want, page)
			}
		}
		if strings.Contains(page, portalIDNumber) || strings.Contains(page, portalPhone) {
			t.Error("status page shows the identity number or phone")
		}
	})
}
