package web

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserOversightJourney: the 政务公开办 opens the overview of its agencies, sorts
// it, opens an agency and sends it a 督办; the agency's clerk finds it among the notices
// and answers; the office sees it answered.
func TestBrowserOversightJourney(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		ctx := newBrowser(t)
		type step = chromedp.Action[chromedp.Void]
		signIn := func(user string) []step {
			return []step{
				chromedp.Navigate(e.ts.URL + "/console/login"),
				chromedp.WaitVisible(chromedp.ID("username")),
				chromedp.SendKeys(chromedp.ID("username"), user),
				chromedp.SendKeys(chromedp.ID("password"), "gongkai-demo"),
				chromedp.Submit(chromedp.ID("password")),
				chromedp.WaitVisible(chromedp.CSS(".who")),
			}
		}
		signOut := []step{
			chromedp.Click(chromedp.CSS(`.who form button`)),
			chromedp.WaitNotPresent(chromedp.CSS(".who")),
		}
		err := chromedp.Do(ctx, append(signIn("gkb"),
			chromedp.Click(chromedp.CSS(`nav.side a[href="/console/oversight"]`)),
			chromedp.WaitVisible(chromedp.ID("overview")),
		)...)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#overview tbody tr").length`))
		if err != nil || rows != 3 {
			t.Fatalf("overview rows: %d %v", rows, err)
		}
		table, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("overview")))
		if err != nil || !strings.Contains(table, "清河区卫生健康局") || !strings.Contains(table, "合计") {
			t.Fatalf("overview: %q %v", table, err)
		}
		// Sorting by overdue puts the column in descending order.
		err = chromedp.Do(ctx,
			chromedp.Click(chromedp.CSS(`#overview thead a[href*="sort=overdue"]`)),
			chromedp.WaitVisible(chromedp.CSS(`#overview th[aria-sort="descending"]`)),
		)
		if err != nil {
			t.Fatal(err)
		}
		sorted, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(function () {
			var cells = Array.from(document.querySelectorAll("#overview tbody tr td:nth-child(4)")).map(function (td) { return parseInt(td.textContent, 10); });
			for (var i = 1; i < cells.length; i++) { if (cells[i] > cells[i-1]) return false; }
			return cells.length === 3;
		})()`))
		if err != nil || !sorted {
			t.Fatalf("overdue column not descending: %v", err)
		}
		err = chromedp.Do(ctx,
			chromedp.Click(chromedp.CSS(`#overview tbody a[href^="/console/oversight/agencies/"]`)),
			chromedp.WaitVisible(chromedp.ID("score")),
		)
		if err != nil {
			t.Fatal(err)
		}
		// Send the notice from the agency's page (the 卫生健康局's: open it by name).
		err = chromedp.Do(ctx,
			chromedp.Navigate(e.ts.URL+"/console/oversight"),
			chromedp.WaitVisible(chromedp.ID("overview")),
		)
		if err != nil {
			t.Fatal(err)
		}
		href, err := chromedp.Run(ctx, chromedp.Evaluate[string](`Array.from(document.querySelectorAll("#overview tbody a")).find(function (a) { return a.textContent === "清河区卫生健康局"; }).getAttribute("href")`))
		if err != nil {
			t.Fatal(err)
		}
		err = chromedp.Do(ctx,
			chromedp.Navigate(e.ts.URL+href),
			chromedp.WaitVisible(chromedp.ID("notices")),
			chromedp.SendKeys(chromedp.ID("subject"), "关于浏览器测试事项的督办"),
			chromedp.SendKeys(chromedp.ID("body"), "请于期限内报送整改情况。"),
			chromedp.Submit(chromedp.ID("subject")),
			chromedp.WaitVisible(chromedp.ID("notice-status")),
		)
		if err != nil {
			t.Fatal(err)
		}
		status, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("notice-status")))
		if err != nil || (status != "待答复" && status != "即将到期") {
			t.Fatalf("status after sending: %q %v", status, err)
		}
		var noticeURL string
		if noticeURL, err = chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname`)); err != nil {
			t.Fatal(err)
		}

		// The agency's clerk answers it.
		err = chromedp.Do(ctx, append(append(signOut, signIn("wj.jingban")...),
			chromedp.Click(chromedp.CSS(`nav.side a[href="/console/notices"]`)),
			chromedp.WaitVisible(chromedp.ID("notices")),
			chromedp.Click(chromedp.CSS(`#notices a[href="`+noticeURL+`"]`)),
			chromedp.WaitVisible(chromedp.ID("answer")),
			chromedp.SendKeys(chromedp.ID("answer"), "已逐件核查，整改情况如下：全部按期答复。"),
			chromedp.Submit(chromedp.ID("answer")),
			chromedp.WaitVisible(chromedp.CSS("section#answer")),
		)...)
		if err != nil {
			t.Fatal(err)
		}

		// The office sees it answered.
		err = chromedp.Do(ctx, append(append(signOut, signIn("gkb")...),
			chromedp.Navigate(e.ts.URL+"/console/notices"),
			chromedp.WaitVisible(chromedp.ID("notices")),
			chromedp.Click(chromedp.CSS(`#notices a[href="`+noticeURL+`"]`)),
			chromedp.WaitVisible(chromedp.CSS("section#answer")),
		)...)
		if err != nil {
			t.Fatal(err)
		}
		status, err = chromedp.Run(ctx, chromedp.Text(chromedp.ID("notice-status")))
		if err != nil || status != "已答复" {
			t.Fatalf("office sees %q %v", status, err)
		}
		answer, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("section#answer")))
		if err != nil || !strings.Contains(answer, "全部按期答复") || !strings.Contains(answer, "王敏") {
			t.Fatalf("answer as the office sees it: %q %v", answer, err)
		}
	})
}
