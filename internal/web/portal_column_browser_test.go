package web

import (
	"context"
	"fmt"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// testClock is a server clock the test moves.
type testClock struct{ ns atomic.Int64 }

func (c *testClock) now() time.Time      { return time.Unix(0, c.ns.Load()).UTC() }
func (c *testClock) set(t time.Time)     { c.ns.Store(t.UnixNano()) }
func (c *testClock) add(d time.Duration) { c.ns.Add(int64(d)) }

// serverWithClock serves the env's database with a clock of its own.
func (e *testEnv) serverWithClock(t *testing.T, c *testClock) string {
	t.Helper()
	srv, err := New(e.db, Options{Log: discardLogger(), Now: c.now})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return ts.URL
}

func textOf(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("text of %s: %v", sel, err)
	}
	return s
}

func visit(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
		t.Fatalf("%s: %v", url, err)
	}
}

func clickLink(t *testing.T, ctx context.Context, text string) {
	t.Helper()
	sel := fmt.Sprintf(`//main//a[normalize-space(.)=%q]`, text)
	if err := chromedp.Do(ctx, chromedp.Click(sel), chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
		loc, _ := chromedp.Run(ctx, chromedp.Location())
		t.Fatalf("click %q on %s: %v", text, loc, err)
	}
}

// A visitor walks the public column of the government and of an agency: the five parts an
// inspection checks, each reached by its link and filled.
func TestBrowserPublicColumn(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		ctx := newBrowser(t)
		wj, err := e.db.Agencies().ByName(context.Background(), "清河区卫生健康局")
		if err != nil {
			t.Fatal(err)
		}
		visit(t, ctx, e.ts.URL+"/")
		if latest := textOf(t, ctx, "#latest-h + ul.latest"); strings.Contains(latest, "暂无") {
			t.Errorf("home page shows no latest items: %q", latest)
		}
		feed, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('link[rel=alternate][type="application/atom+xml"]').href`))
		if err != nil || !strings.HasSuffix(feed, "/feed.xml") {
			t.Errorf("feed autodiscovery = %q (%v)", feed, err)
		}
		clickLink(t, ctx, "清河区人民政府")
		if h := textOf(t, ctx, "h1"); h != "清河区人民政府政府信息公开" {
			t.Fatalf("government page %q", h)
		}
		want := map[string]string{
			"信息公开制度":   "政府信息公开保密审查制度",
			"法定主动公开内容": "财政预算、决算信息",
			"政府信息公开年报": "政府信息公开工作年度报告",
			"政策解读":     "解读",
			"公示公告":     "公示",
		}
		for _, part := range []string{"信息公开制度", "法定主动公开内容", "政府信息公开年报", "政策解读", "公示公告"} {
			visit(t, ctx, e.ts.URL+"/governments/"+fmt.Sprint(wj.GovernmentID))
			clickLink(t, ctx, part)
			if body := textOf(t, ctx, "main"); !strings.Contains(body, want[part]) {
				t.Errorf("government %s lacks %q", part, want[part])
			}
		}
		// The agency: its own column, the guide with the printable form.
		visit(t, ctx, e.ts.URL+fmt.Sprintf("/agencies/%d", wj.ID))
		feed, _ = chromedp.Run(ctx, chromedp.Evaluate[string](`Array.from(document.querySelectorAll('link[rel=alternate][type="application/atom+xml"]')).map(l => l.href).join(" ")`))
		if !strings.Contains(feed, fmt.Sprintf("/agencies/%d/feed.xml", wj.ID)) {
			t.Errorf("agency feed autodiscovery = %q", feed)
		}
		clickLink(t, ctx, "信息公开指南")
		clickLink(t, ctx, "政府信息公开申请表（打印）")
		form := textOf(t, ctx, "table.print-form")
		for _, w := range []string{"申请人信息", "所需政府信息的名称、文号或者便于查询的其他特征性描述", "申请人签名或者盖章"} {
			if !strings.Contains(form, w) {
				t.Errorf("printable form lacks %q", w)
			}
		}
		if notes := textOf(t, ctx, ".print-notes"); !strings.Contains(notes, wj.OfficeAddress) {
			t.Errorf("form does not say where to send it: %q", notes)
		}
		visit(t, ctx, e.ts.URL+fmt.Sprintf("/agencies/%d", wj.ID))
		clickLink(t, ctx, "法定主动公开内容")
		heads, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("ol.statutory > li").length`))
		if err != nil || heads != 17 {
			t.Errorf("agency headings = %d (%v)", heads, err)
		}
		clickLink(t, ctx, "医疗机构设置审批")
		if body := textOf(t, ctx, "main"); !strings.Contains(body, "医疗机构设置") {
			t.Errorf("heading's items: %q", body)
		}
		visit(t, ctx, e.ts.URL+fmt.Sprintf("/agencies/%d", wj.ID))
		clickLink(t, ctx, "政府信息公开年报")
		reports, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("ul.report-list li a[href^='/items/'], ul.report-list li a[href*='/reports/']").length`))
		if err != nil || reports < 1 {
			t.Errorf("reports listed = %d (%v)", reports, err)
		}
		visit(t, ctx, e.ts.URL+fmt.Sprintf("/agencies/%d", wj.ID))
		clickLink(t, ctx, "依申请公开")
		if h := textOf(t, ctx, "h1"); h != "政府信息公开申请" {
			t.Errorf("依申请公开 leads to %q", h)
		}
		// The column's pages fit a phone screen.
		for _, p := range []string{"/", fmt.Sprintf("/governments/%d", wj.GovernmentID), fmt.Sprintf("/agencies/%d", wj.ID),
			fmt.Sprintf("/agencies/%d/statutory", wj.ID), fmt.Sprintf("/agencies/%d/notices", wj.ID), fmt.Sprintf("/agencies/%d/interaction", wj.ID),
			fmt.Sprintf("/agencies/%d/interpretations", wj.ID), fmt.Sprintf("/agencies/%d/guide/form", wj.ID)} {
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
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
			t.Fatal(err)
		}
		// Search sorts by date on request.
		visit(t, ctx, e.ts.URL+"/search?q=%E8%A7%A3%E8%AF%BB&sort=date")
		dates, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("ol.results .result-meta")).map(p => (p.textContent.match(/发布日期 (\d{4}-\d{2}-\d{2})/)||[])[1]||"").filter(d => d)`))
		if err != nil || len(dates) < 2 {
			t.Fatalf("dated results = %v (%v)", dates, err)
		}
		for i := 1; i < len(dates); i++ {
			if dates[i] > dates[i-1] {
				t.Errorf("by date, result %d (%s) is newer than %d (%s)", i, dates[i], i-1, dates[i-1])
			}
		}
	})
}

// A 政策解读 links to the document it interprets, and the document to its 解读.
func TestBrowserInterpretationLinked(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		ctx := newBrowser(t)
		wj, err := e.db.Agencies().ByName(context.Background(), "清河区卫生健康局")
		if err != nil {
			t.Fatal(err)
		}
		visit(t, ctx, e.ts.URL+fmt.Sprintf("/agencies/%d/interpretations", wj.ID))
		if counts := textOf(t, ctx, "#counts-h + .table-scroll tbody"); !strings.Contains(counts, "年") {
			t.Errorf("no counts per year: %q", counts)
		}
		clickLink(t, ctx, "《清河区家庭医生签约服务管理办法》政策解读")
		if got := textOf(t, ctx, "ul.interprets"); !strings.Contains(got, "清卫发〔2026〕9号") {
			t.Fatalf("the 解读 does not name its document: %q", got)
		}
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("ul.interprets a")), chromedp.WaitVisible(chromedp.CSS("ul.interpreted-by"))); err != nil {
			t.Fatal(err)
		}
		if h := textOf(t, ctx, "h1"); h != "清河区家庭医生签约服务管理办法" {
			t.Fatalf("document page %q", h)
		}
		if got := textOf(t, ctx, "ul.interpreted-by"); !strings.Contains(got, "政策解读") {
			t.Errorf("the document does not link its 解读: %q", got)
		}
	})
}

// A 公示 is 公示中 during its period and 已结束 the day after, by the clock alone.
func TestBrowserNoticeClosesByItself(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		ctx := newBrowser(t)
		c := &testClock{}
		c.set(time.Now())
		base := e.serverWithClock(t, c)
		wj, err := e.db.Agencies().ByName(context.Background(), "清河区卫生健康局")
		if err != nil {
			t.Fatal(err)
		}
		const title = "清河区2026年基层卫生人才招聘拟聘用人员公示"
		visit(t, ctx, base+fmt.Sprintf("/agencies/%d/notices", wj.ID))
		if open := textOf(t, ctx, "#open-h + .table-scroll"); !strings.Contains(open, title) || !strings.Contains(open, "公示中") {
			t.Fatalf("open notices: %q", open)
		}
		clickLink(t, ctx, title)
		if st := textOf(t, ctx, "#notice-state"); st != "公示中" {
			t.Fatalf("item says %q", st)
		}
		// Five days later the period (ending four days after today) is over.
		c.add(5 * 24 * time.Hour)
		if err := chromedp.Do(ctx, chromedp.Reload(), chromedp.WaitVisible(chromedp.ID("notice-state"))); err != nil {
			t.Fatal(err)
		}
		if st := textOf(t, ctx, "#notice-state"); st != "已结束" {
			t.Fatalf("after the period the item says %q", st)
		}
		visit(t, ctx, base+fmt.Sprintf("/agencies/%d/notices", wj.ID))
		if closed := textOf(t, ctx, "#closed-h + .table-scroll"); !strings.Contains(closed, title) {
			t.Fatalf("closed notices: %q", closed)
		}
		visit(t, ctx, base+"/")
		if home := textOf(t, ctx, "section[aria-labelledby=open-h]"); strings.Contains(home, title) {
			t.Error("the home page still lists the closed 公示 as open")
		}
	})
}

// A question asked on the portal is answered by the 经办人, published by the 负责人, and
// shown in public with its answer — without the asker's name or telephone.
func TestBrowserQuestionAnsweredInPublic(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		ctx := newBrowser(t)
		wj, err := e.db.Agencies().ByName(context.Background(), "清河区卫生健康局")
		if err != nil {
			t.Fatal(err)
		}
		const subject = "新生儿疫苗接种预约"
		visit(t, ctx, e.ts.URL+fmt.Sprintf("/agencies/%d/interaction", wj.ID))
		err = chromedp.Do(ctx,
			chromedp.Click(chromedp.ID("ask-link")),
			chromedp.WaitVisible(chromedp.ID("subject")),
			chromedp.SendKeys(chromedp.ID("subject"), subject),
			chromedp.SendKeys(chromedp.ID("question"), "孩子刚满月，乙肝疫苗第二针怎么预约？我叫钱七，电话13655556666。"),
			chromedp.SendKeys(chromedp.ID("asker_name"), "钱七"),
			chromedp.SendKeys(chromedp.ID("asker_contact"), "13655556666"),
			chromedp.Click(chromedp.ID("ask-submit")),
			chromedp.WaitVisible(chromedp.ID("ask-done")),
		)
		if err != nil {
			t.Fatal(err)
		}
		if done := textOf(t, ctx, "#ask-done"); !strings.Contains(done, "前答复") {
			t.Fatalf("receipt: %q", done)
		}
		signIn := func(user string) {
			t.Helper()
			err := chromedp.Do(ctx,
				chromedp.Navigate(e.ts.URL+"/console/login"),
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
		openQuestion := func() {
			t.Helper()
			sel := fmt.Sprintf(`//a[normalize-space(.)=%q]`, subject)
			err := chromedp.Do(ctx,
				chromedp.Navigate(e.ts.URL+"/console/interaction"),
				chromedp.WaitVisible(sel),
				chromedp.Click(sel),
				chromedp.WaitVisible(chromedp.ID("q-state")),
			)
			if err != nil {
				t.Fatal(err)
			}
		}
		signIn("wj.jingban")
		openQuestion()
		err = chromedp.Do(ctx,
			chromedp.SendKeys(chromedp.ID("answer"), "您好，可在“健康清河”公众号预约，或致电社区卫生服务中心。"),
			chromedp.Click(chromedp.ID("save-answer")),
			chromedp.WaitVisible(chromedp.ID("q-answer")),
		)
		if err != nil {
			t.Fatal(err)
		}
		if st := textOf(t, ctx, "#q-state"); st != "已答复（待审核）" {
			t.Fatalf("state after the answer: %q", st)
		}
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".who button")), chromedp.WaitVisible(chromedp.ID("username"))); err != nil {
			t.Fatal(err)
		}
		signIn("wj.fuze")
		openQuestion()
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("moderate"))); err != nil {
			t.Fatal(err)
		}
		// The page before the click shows a state too: wait for the one after it.
		for i := 0; i < 100; i++ {
			if st, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#q-state"))); err == nil && st != "已答复（待审核）" {
				break
			}
			time.Sleep(100 * time.Millisecond)
		}
		if st := textOf(t, ctx, "#q-state"); st != "已公开" {
			t.Fatalf("state after moderation: %q", st)
		}
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".who button")), chromedp.WaitVisible(chromedp.ID("username"))); err != nil {
			t.Fatal(err)
		}
		visit(t, ctx, e.ts.URL+fmt.Sprintf("/agencies/%d/interaction", wj.ID))
		page := textOf(t, ctx, "main")
		if !strings.Contains(page, subject) || !strings.Contains(page, "健康清河") {
			t.Fatalf("the question and its answer are not public: %q", page)
		}
		for _, secret := range []string{"钱七", "13655556666"} {
			if strings.Contains(page, secret) {
				t.Errorf("the public page shows %q", secret)
			}
		}
	})
}
