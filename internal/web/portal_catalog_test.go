package web

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/catalog"
	"gongkai/internal/store"
)

// portalFixture is a small catalog of distinctive items in 清河区卫生健康局, loaded through
// the store beside the demo data.
type portalFixture struct {
	agencyID, govID                         int64
	plan, docItem, scripted, draft, expired int64 // item ids
	withdrawn, attached                     int64
}

func itemID(t testing.TB, e *testEnv, title string) int64 {
	t.Helper()
	var id int64
	if err := e.db.QueryRow(context.Background(), `SELECT id FROM catalog_items WHERE title = ?`, title).Scan(&id); err != nil {
		t.Fatalf("item %q: %v", title, err)
	}
	return id
}

func loadPortalFixture(t testing.TB, e *testEnv) portalFixture {
	t.Helper()
	ctx := context.Background()
	a, err := store.AgencyByName(ctx, e.db, "清河区卫生健康局")
	if err != nil {
		t.Fatal(err)
	}
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	pub := func(it catalog.Item) catalog.Item {
		it.AgencyID, it.State, it.Kind = a.ID, catalog.Published, catalog.General
		if it.Validity == "" {
			it.Validity = catalog.Valid
		}
		if it.Topic == "" {
			it.Topic = "other"
		}
		it.PublishedAt = it.PublishedOn.Add(2 * time.Hour)
		return it
	}
	items := []catalog.Item{
		pub(catalog.Item{Title: "甲乙丙区卫生健康工作要点测试件", IndexNo: "TEST/2031-00001", DocNo: "清卫发〔2031〕7号", Topic: "plans",
			WrittenOn: day(2031, 1, 20), PublishedOn: day(2031, 2, 1), Summary: "测试件的内容概述。", Keywords: []string{"卫生健康", "工作要点"},
			BodyHTML: "<p>各科室：现将工作要点印发。</p>"}),
		pub(catalog.Item{Title: "丁戊己区医疗机构许可测试件", IndexNo: "TEST/2032-00012", DocNo: "清卫许〔2032〕12号",
			WrittenOn: day(2032, 3, 1), PublishedOn: day(2032, 3, 5), BodyHTML: "<p>准予许可。</p>"}),
		pub(catalog.Item{Title: "含脚本的<b>测试件</b>", IndexNo: "TEST/2032-00013",
			WrittenOn: day(2032, 4, 1), PublishedOn: day(2032, 4, 2),
			BodyHTML: `<p>正文第一段庚辛</p><script>alert("x")</script><img src="x" onerror="alert(1)"><a href="javascript:alert(2)">链接</a>`}),
		pub(catalog.Item{Title: "已失效的壬癸测试件", IndexNo: "TEST/2030-00003", WrittenOn: day(2030, 1, 1), PublishedOn: day(2030, 1, 5),
			Validity: catalog.Expired, ValidityChangedOn: day(2031, 1, 1), BodyHTML: "<p>失效。</p>"}),
		{AgencyID: a.ID, Title: "草稿子丑测试件", Topic: "other", Kind: catalog.General, Validity: catalog.Valid, State: catalog.Draft, BodyHTML: "<p>草稿</p>"},
		{AgencyID: a.ID, Title: "撤回寅卯测试件", IndexNo: "TEST/2032-00099", Topic: "other", Kind: catalog.General, Validity: catalog.Valid, State: catalog.Withdrawn,
			PublishedOn: day(2032, 1, 1), BodyHTML: "<p>撤回</p>"},
	}
	err = e.db.Catalog().Load(ctx, account.System(), items, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	f := portalFixture{agencyID: a.ID, govID: a.GovernmentID}
	f.plan = itemID(t, e, "甲乙丙区卫生健康工作要点测试件")
	f.docItem = itemID(t, e, "丁戊己区医疗机构许可测试件")
	f.scripted = itemID(t, e, "含脚本的<b>测试件</b>")
	f.expired = itemID(t, e, "已失效的壬癸测试件")
	f.draft = itemID(t, e, "草稿子丑测试件")
	f.withdrawn = itemID(t, e, "撤回寅卯测试件")
	f.attached = publishWithAttachment(t, e, a.ID)
	return f
}

// publishWithAttachment takes an item with a PDF attachment through the real workflow:
// 经办人 drafts, 审核人 passes 保密审查, 负责人 approves.
func publishWithAttachment(t testing.TB, e *testEnv, agencyID int64) int64 {
	t.Helper()
	ctx := context.Background()
	pdf := []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
	up, err := store.NewAttachmentUpload(catalog.AttachmentPolicy{}, "公示名单.pdf", pdf)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	var id int64
	err = e.db.InTx(ctx, func(tx *store.Tx) error {
		it, err := tx.Catalog().Create(ctx, e.user("wj.jingban"), catalog.Item{AgencyID: agencyID, Title: "附件辰巳测试件", Topic: "other", Publisher: "清河区卫生健康局",
			WrittenOn: catalog.ChinaDay(now), BodyHTML: "<p>见附件。</p>", Kind: catalog.General, Validity: catalog.Valid}, []store.AttachmentUpload{up}, now)
		if err != nil {
			return err
		}
		id = it.ID
		for _, st := range []struct {
			who string
			act catalog.Action
		}{{"wj.jingban", catalog.ActSubmit}, {"wj.shenhe", catalog.ActPassReview}, {"wj.fuze", catalog.ActApprove}} {
			cmd := catalog.Command{Action: st.act}
			if st.act == catalog.ActPassReview {
				cmd.Secrecy = catalog.Secrecy{Clear: catalog.SecrecyChecks, Opinion: "经审查，同意公开"}
			}
			if _, err := tx.Catalog().Step(ctx, e.user(st.who), id, cmd, now); err != nil {
				return fmt.Errorf("%s: %w", st.act, err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func expect(t *testing.T, resp *http.Response, body string, status int, wants ...string) {
	t.Helper()
	if resp.StatusCode != status {
		t.Fatalf("%s: status %d, want %d", resp.Request.URL, resp.StatusCode, status)
	}
	for _, w := range wants {
		if !strings.Contains(body, w) {
			t.Errorf("%s: page lacks %q", resp.Request.URL, w)
		}
	}
}

func TestPortalCatalogBrowse(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		f := loadPortalFixture(t, e)
		c := e.anon()
		resp, body := c.get(fmt.Sprintf("/agencies/%d/catalog", f.agencyID))
		expect(t, resp, body, 200, "清河区卫生健康局政府信息公开目录", "按主题分类", "按发布年份", "2032年", "规划计划")
		// Filter by year and topic; counts in the side list.
		resp, body = c.get(fmt.Sprintf("/agencies/%d/catalog?year=2031", f.agencyID))
		expect(t, resp, body, 200, "甲乙丙区卫生健康工作要点测试件", "发布年份：2031年")
		if strings.Contains(body, "丁戊己区医疗机构许可测试件") {
			t.Error("year filter shows an item of 2032")
		}
		resp, body = c.get(fmt.Sprintf("/agencies/%d/catalog?topic=plans&year=2031", f.agencyID))
		expect(t, resp, body, 200, "甲乙丙区卫生健康工作要点测试件", "主题分类：")
		resp, body = c.get(fmt.Sprintf("/agencies/%d/catalog?validity=expired", f.agencyID))
		expect(t, resp, body, 200, "已失效的壬癸测试件")
		if strings.Contains(body, "甲乙丙区卫生健康工作要点测试件") {
			t.Error("validity filter shows a valid item")
		}
		// Government-wide catalog, with the agency column.
		resp, body = c.get(fmt.Sprintf("/governments/%d/catalog?year=2032", f.govID))
		expect(t, resp, body, 200, "丁戊己区医疗机构许可测试件", "发布机关")
		// Drafts and withdrawn items never appear in lists.
		for _, p := range []string{fmt.Sprintf("/agencies/%d/catalog", f.agencyID), fmt.Sprintf("/governments/%d/catalog?year=2032", f.govID)} {
			_, body := c.get(p)
			if strings.Contains(body, "草稿子丑测试件") || strings.Contains(body, "撤回寅卯测试件") {
				t.Errorf("%s lists an unpublished item", p)
			}
		}
		// Paging beyond the end is not found; the agency page links here.
		resp, _ = c.get(fmt.Sprintf("/agencies/%d/catalog?page=999", f.agencyID))
		if resp.StatusCode != 404 {
			t.Errorf("page 999: %d", resp.StatusCode)
		}
		_, body = c.get(fmt.Sprintf("/agencies/%d", f.agencyID))
		expect(t, resp, "", 404)
		if !strings.Contains(body, fmt.Sprintf(`href="/agencies/%d/catalog"`, f.agencyID)) || !strings.Contains(body, fmt.Sprintf(`href="/agencies/%d/guide"`, f.agencyID)) {
			t.Error("agency page lacks catalog and guide links")
		}
		resp, body = c.get("/agencies/999999/catalog")
		expect(t, resp, body, 404)
	})
}

func TestPortalItemPage(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		f := loadPortalFixture(t, e)
		c := e.anon()
		resp, body := c.get(fmt.Sprintf("/items/%d", f.plan))
		expect(t, resp, body, 200, "索引号", "TEST/2031-00001", "主题分类", "规划计划", "发布机构", "发文日期", "2031-01-20",
			"效力状态", "有效", "文号", "清卫发〔2031〕7号", "名称", "甲乙丙区卫生健康工作要点测试件", "内容概述", "测试件的内容概述。",
			"发布日期", "2031-02-01", "卫生健康；工作要点", "各科室：现将工作要点印发。")

		// A script stored in a body never reaches the page, nor do event handlers or
		// javascript: links; the title's markup is shown as text.
		resp, body = c.get(fmt.Sprintf("/items/%d", f.scripted))
		expect(t, resp, body, 200, "正文第一段庚辛", "含脚本的&lt;b&gt;测试件&lt;/b&gt;")
		main := body[strings.Index(body, "<main"):]
		for _, bad := range []string{"<script", "alert(", "onerror", "javascript:", "<b>测试件"} {
			if strings.Contains(main, bad) {
				t.Errorf("item page contains %q", bad)
			}
		}

		// A page served again reflects every change of its item at once: an edit, a
		// withdrawal.
		ctx := context.Background()
		c.get(fmt.Sprintf("/items/%d", f.docItem))
		if _, err := e.db.Exec(ctx, `UPDATE catalog_items SET title = '丁戊己区医疗机构许可测试件（更正）', updated_at = ? WHERE id = ?`, store.FormatTime(time.Now().Add(time.Second)), f.docItem); err != nil {
			t.Fatal(err)
		}
		resp, body = c.get(fmt.Sprintf("/items/%d", f.docItem))
		expect(t, resp, body, 200, "丁戊己区医疗机构许可测试件（更正）")
		if _, err := e.db.Exec(ctx, `UPDATE catalog_items SET state = 'withdrawn' WHERE id = ?`, f.docItem); err != nil {
			t.Fatal(err)
		}
		resp, body = c.get(fmt.Sprintf("/items/%d", f.docItem))
		expect(t, resp, body, 404)

		// Unpublished items are not found, with their attachments.
		for _, id := range []int64{f.draft, f.withdrawn, 999999} {
			resp, body := c.get(fmt.Sprintf("/items/%d", id))
			expect(t, resp, body, 404)
			if strings.Contains(body, "测试件") {
				t.Errorf("404 page of item %d shows its title", id)
			}
			resp, _ = c.get(fmt.Sprintf("/items/%d/attachments/0", id))
			expect(t, resp, "", 404)
		}
		// Staff signed in see no more on the portal.
		staff := e.login("wj.jingban")
		resp, _ = staff.get(fmt.Sprintf("/items/%d", f.draft))
		expect(t, resp, "", 404)

		// Attachments: linked and downloadable with the right type and name.
		resp, body = c.get(fmt.Sprintf("/items/%d", f.attached))
		href := fmt.Sprintf("/items/%d/attachments/0", f.attached)
		expect(t, resp, body, 200, "附件", href, "公示名单.pdf")
		req, _ := http.NewRequest("GET", e.ts.URL+href, nil)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 || res.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(string(data), "%PDF") ||
			!strings.Contains(res.Header.Get("Content-Disposition"), "attachment") {
			t.Errorf("attachment: %d %q %q", res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("Content-Disposition"))
		}
		resp, _ = c.get(fmt.Sprintf("/items/%d/attachments/1", f.attached))
		expect(t, resp, "", 404)
	})
}

func TestPortalSearch(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		f := loadPortalFixture(t, e)
		c := e.anon()
		search := func(q string, extra ...string) string {
			t.Helper()
			v := url.Values{"q": {q}}
			for i := 0; i+1 < len(extra); i += 2 {
				v.Set(extra[i], extra[i+1])
			}
			resp, body := c.get("/search?" + v.Encode())
			expect(t, resp, body, 200, "检索结果")
			return body
		}
		cases := []struct {
			q          string
			want, not  []string
			extraParam []string
		}{
			{q: "甲乙丙区卫生", want: []string{"<mark>甲乙丙区卫生</mark>健康"}},
			{q: "工作要点", want: []string{"甲乙丙区卫生健康<mark>工作要点</mark>测试件"}},
			{q: "丙区", want: []string{"甲乙<mark>丙区</mark>卫生健康工作要点测试件"}},
			{q: "清卫发〔2031〕7号", want: []string{"<mark>清卫发</mark>〔<mark>2031</mark>〕<mark>7号</mark>", `href="/items/` + fmt.Sprint(f.plan) + `"`}},
			{q: "清卫许[2032]12号", want: []string{"丁戊己区医疗机构许可测试件"}},
			{q: "2032-00012", want: []string{"丁戊己区医疗机构许可测试件"}},
			{q: "庚辛", want: []string{"正文第一段<mark>庚辛</mark>"}},
			{q: "壬癸", want: []string{"已失效的<mark>壬癸</mark>测试件", "失效"}},
			{q: "子丑", want: []string{"共找到 0 条"}, not: []string{"草稿子丑测试件"}},
			{q: "寅卯", want: []string{"共找到 0 条"}, not: []string{"撤回寅卯测试件"}},
			{q: "测试件", want: []string{"壬癸"}, not: []string{"甲乙丙"}, extraParam: []string{"validity", "expired"}},
			{q: "测试件", want: []string{"丁戊己"}, not: []string{"甲乙丙"}, extraParam: []string{"year", "2032"}},
			{q: "测试件", want: []string{"甲乙丙"}, not: []string{"丁戊己"}, extraParam: []string{"topic", "plans"}},
			// The title's own markup is escaped and only then highlighted.
			{q: "测试件", want: []string{"含脚本的&lt;b&gt;<mark>测试件</mark>&lt;/b&gt;"}, not: []string{"<b>测试件"}},
			{q: "<b>", want: []string{"含脚本的&lt;<mark>b</mark>&gt;"}, not: []string{"<b>"}},
		}
		for _, cs := range cases {
			body := search(cs.q, cs.extraParam...)
			for _, w := range cs.want {
				if !strings.Contains(body, w) {
					t.Errorf("search %q %v: page lacks %q", cs.q, cs.extraParam, w)
				}
			}
			for _, n := range cs.not {
				if strings.Contains(body[strings.Index(body, "检索结果"):], n) {
					t.Errorf("search %q %v: page shows %q", cs.q, cs.extraParam, n)
				}
			}
		}
		// Agency filter and paging keep the other parameters.
		body := search("测试件", "agency", fmt.Sprint(f.agencyID))
		if !strings.Contains(body, "共找到 5 条") {
			t.Errorf("agency filter: %s", body[strings.Index(body, "检索结果"):][:200])
		}
		other, _ := store.AgencyByName(context.Background(), e.db, "清河区医疗保障局")
		if body := search("测试件", "agency", fmt.Sprint(other.ID)); !strings.Contains(body, "共找到 0 条") {
			t.Error("other agency's search finds this agency's items")
		}
		// An empty query shows the form only.
		resp, body := c.get("/search")
		expect(t, resp, body, 200, `<label for="q">`)
		if strings.Contains(body, "检索结果") {
			t.Error("empty search shows results")
		}
	})
}

// wellFormed parses an XML document to the end and returns its root element name.
func wellFormed(t *testing.T, what, body string) string {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(body))
	root := ""
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: not well-formed XML: %v", what, err)
		}
		if se, ok := tok.(xml.StartElement); ok && root == "" {
			root = se.Name.Space + " " + se.Name.Local
		}
	}
	return root
}

func TestPortalFeedAndSitemap(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		f := loadPortalFixture(t, e)
		c := e.anon()
		for _, p := range []string{"/feed.xml", fmt.Sprintf("/agencies/%d/feed.xml", f.agencyID)} {
			resp, body := c.get(p)
			expect(t, resp, body, 200, "丁戊己区医疗机构许可测试件", "含脚本的&lt;b&gt;测试件&lt;/b&gt;", e.ts.URL+fmt.Sprintf("/items/%d", f.docItem))
			if !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/atom+xml") {
				t.Errorf("%s: content type %q", p, resp.Header.Get("Content-Type"))
			}
			if root := wellFormed(t, p, body); root != "http://www.w3.org/2005/Atom feed" {
				t.Errorf("%s: root %q", p, root)
			}
			var feed atomFeed
			if err := xml.Unmarshal([]byte(body), &feed); err != nil || len(feed.Entries) == 0 {
				t.Fatalf("%s: %v", p, err)
			}
			for _, en := range feed.Entries {
				if _, err := time.Parse(time.RFC3339, en.Updated); err != nil || en.ID == "" || en.Title == "" {
					t.Errorf("%s: bad entry %+v", p, en)
				}
				if strings.Contains(en.Title, "子丑") || strings.Contains(en.Title, "寅卯") {
					t.Errorf("%s: unpublished item %q", p, en.Title)
				}
			}
		}
		resp, body := c.get("/sitemap.xml")
		expect(t, resp, body, 200, "/sitemap/pages.xml", "/sitemap/items-1.xml")
		if root := wellFormed(t, "sitemap.xml", body); root != "http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex" {
			t.Errorf("sitemap root %q", root)
		}
		resp, body = c.get("/sitemap/pages.xml")
		expect(t, resp, body, 200, fmt.Sprintf("/agencies/%d/guide", f.agencyID), fmt.Sprintf("/governments/%d/catalog", f.govID))
		wellFormed(t, "pages.xml", body)
		resp, body = c.get("/sitemap/items-1.xml")
		expect(t, resp, body, 200, fmt.Sprintf("/items/%d</loc>", f.plan), "<lastmod>2031-02-01</lastmod>")
		if strings.Contains(body, fmt.Sprintf("/items/%d<", f.draft)) || strings.Contains(body, fmt.Sprintf("/items/%d<", f.withdrawn)) {
			t.Error("sitemap lists an unpublished item")
		}
		wellFormed(t, "items-1.xml", body)
		for _, p := range []string{"/sitemap/items-2.xml", "/sitemap/items-x.xml", "/sitemap/other.xml"} {
			resp, _ := c.get(p)
			expect(t, resp, "", 404)
		}
		resp, body = c.get("/robots.txt")
		expect(t, resp, body, 200, "Disallow: /console/", "Sitemap: "+e.ts.URL+"/sitemap.xml")
	})
}

func TestPortalGuide(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		a, err := store.AgencyByName(context.Background(), e.db, "清河区卫生健康局")
		if err != nil {
			t.Fatal(err)
		}
		c := e.anon()
		guide := fmt.Sprintf("/agencies/%d/guide", a.ID)
		// The default guide is built from the office details.
		resp, body := c.get(guide)
		expect(t, resp, body, 200, "清河区卫生健康局政府信息公开指南", "一、主动公开", "二、依申请公开", "20个工作日", "信息处理费", "行政复议", a.OfficeAddress, a.OfficePhone)

		// Only the 机关管理员 edits it.
		clerk := e.login("wj.jingban")
		resp, _ = clerk.get("/console/guide")
		expect(t, resp, "", http.StatusForbidden)
		admin := e.login("wj.admin")
		resp, body = admin.get("/console/guide")
		expect(t, resp, body, 200, "政府信息公开指南", `name="body"`, "预览")
		text := "## 一、总则\n本指南<script>alert(1)</script>适用于本局。\n\n- 第一项\n- 第二项"
		resp, _ = admin.post("/console/guide", url.Values{"body": {text}, "agency": {fmt.Sprint(a.ID)}})
		expect(t, resp, "", http.StatusSeeOther)
		resp, body = c.get(guide)
		expect(t, resp, body, 200, "<h2>一、总则</h2>", "本指南&lt;script&gt;alert(1)&lt;/script&gt;适用于本局。", "<li>第一项</li>", "更新时间")
		if strings.Contains(body, "<script>alert") {
			t.Error("guide markup reached the page")
		}
		// Another agency's guide is not this admin's to edit.
		other, _ := store.AgencyByName(context.Background(), e.db, "清河区医疗保障局")
		resp, _ = admin.get(fmt.Sprintf("/console/guide?agency=%d", other.ID))
		if resp.StatusCode != 404 && resp.StatusCode != 403 {
			t.Errorf("other agency's guide: %d", resp.StatusCode)
		}
		admin.get("/console/guide")
		resp, _ = admin.post("/console/guide", url.Values{"body": {"x"}, "agency": {fmt.Sprint(other.ID)}})
		if resp.StatusCode != 404 && resp.StatusCode != 403 {
			t.Errorf("saving other agency's guide: %d", resp.StatusCode)
		}
		// Reset restores the default.
		admin.get("/console/guide")
		resp, _ = admin.post("/console/guide", url.Values{"action": {"reset"}, "agency": {fmt.Sprint(a.ID)}})
		expect(t, resp, "", http.StatusSeeOther)
		_, body = c.get(guide)
		if !strings.Contains(body, "二、依申请公开") {
			t.Error("reset did not restore the default guide")
		}
		_ = account.AgencyAdmin
	})
}

func TestHighlight(t *testing.T) {
	cases := []struct {
		text  string
		terms []string
		want  string
	}{
		{"卫生健康局", []string{"卫生"}, "<mark>卫生</mark>健康局"},
		{"卫生健康局", []string{"卫生", "健康"}, "<mark>卫生健康</mark>局"},
		{"卫生卫生", []string{"卫生"}, "<mark>卫生卫生</mark>"},
		{"ABC abc", []string{"b"}, "A<mark>B</mark>C a<mark>b</mark>c"},
		{"<b>卫生</b>&", []string{"卫生"}, "&lt;b&gt;<mark>卫生</mark>&lt;/b&gt;&amp;"},
		{"<b>", []string{"<b>"}, "<mark>&lt;b&gt;</mark>"},
		{"a\"'b", []string{"'"}, "a&#34;<mark>&#39;</mark>b"},
		{"无匹配", []string{"有"}, "无匹配"},
		{"", []string{"x"}, ""},
		{"清卫发〔2023〕12号", []string{"清卫发", "2023", "12号"}, "<mark>清卫发</mark>〔<mark>2023</mark>〕<mark>12号</mark>"},
	}
	for _, c := range cases {
		if got := string(highlight(c.text, c.terms)); got != c.want {
			t.Errorf("highlight(%q, %q) = %q, want %q", c.text, c.terms, got, c.want)
		}
	}
}

func TestRenderGuide(t *testing.T) {
	got := string(renderGuide("# 一、总则\n第一行\n第二行 <i>\n\n### （一）小节\n- 甲\n* 乙\n尾段"))
	want := "<h2>一、总则</h2>\n<p>第一行<br>第二行 &lt;i&gt;</p>\n<h3>（一）小节</h3>\n<ul>\n<li>甲</li>\n<li>乙</li>\n</ul>\n<p>尾段</p>\n"
	if got != want {
		t.Errorf("renderGuide =\n%s\nwant\n%s", got, want)
	}
}

func FuzzHighlight(f *testing.F) {
	f.Add("<b>卫生</b>", "卫生")
	f.Add("a&b", "&")
	f.Add("\xff<", "<")
	f.Fuzz(func(t *testing.T, text, term string) {
		out := string(highlight(text, []string{term}))
		stripped := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(out)
		if strings.ContainsAny(stripped, "<>\"") {
			t.Fatalf("unescaped markup in %q", out)
		}
	})
}

func FuzzRenderGuide(f *testing.F) {
	f.Add("## 标题\n- 项\n正文<script>")
	f.Add("###\n#\n- \n*")
	f.Fuzz(func(t *testing.T, src string) {
		out := string(renderGuide(src))
		stripped := out
		for _, tag := range []string{"<h2>", "</h2>", "<h3>", "</h3>", "<p>", "</p>", "<br>", "<ul>", "</ul>", "<li>", "</li>"} {
			stripped = strings.ReplaceAll(stripped, tag, "")
		}
		if strings.ContainsAny(stripped, "<>\"") {
			t.Fatalf("unescaped markup in %q", out)
		}
		if strings.Count(out, "<ul>") != strings.Count(out, "</ul>") || strings.Count(out, "<p>") != strings.Count(out, "</p>") {
			t.Fatalf("unbalanced %q", out)
		}
	})
}

// TestPortalSearchSeesChanges checks that the search page's results cache never shows a
// result from before a change: publication, 效力状态, an agency's new name and withdrawal
// show in the very next search.
func TestPortalSearchSeesChanges(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		public := e.anon()
		search := func(q string, extra ...string) string {
			t.Helper()
			v := url.Values{"q": {q}}
			for i := 0; i+1 < len(extra); i += 2 {
				v.Set(extra[i], extra[i+1])
			}
			resp, body := public.get("/search?" + v.Encode())
			expect(t, resp, body, 200, "检索结果")
			return body[strings.Index(body, "检索结果"):]
		}
		const title = "缓存检验测试件"
		queries := [][]string{{"缓存检验"}, {"检验"}, {"缓存检验", "validity", "valid"}}
		for _, q := range queries {
			if body := search(q[0], q[1:]...); !strings.Contains(body, "共找到 0 条") {
				t.Fatalf("%v before publication: %.300s", q, body)
			}
		}
		clerkC := e.login("wj.jingban")
		resp, body := clerkC.post("/console/catalog", itemForm(title))
		id := createdItemID(t, resp, body)
		headC := e.login("wj.fuze")
		for _, s := range []struct {
			c      *client
			action string
		}{{clerkC, "submit"}, {e.login("wj.shenhe"), "pass_review"}, {headC, "approve"}} {
			if resp, body := e.step(s.c, id, s.action, nil); resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("%s: %d\n%s", s.action, resp.StatusCode, body)
			}
		}
		for _, q := range queries {
			if body := search(q[0], q[1:]...); !strings.Contains(body, "共找到 1 条") || !strings.Contains(body, "测试件") {
				t.Errorf("%v after publication: %.300s", q, body)
			}
		}
		resp, body = e.step(headC, id, "change_validity", url.Values{"validity": {"repealed"}, "effective_on": {"2026-03-01"}, "reason": {"已修订"}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("change validity: %d\n%s", resp.StatusCode, body)
		}
		if body := search("缓存检验", "validity", "valid"); !strings.Contains(body, "共找到 0 条") {
			t.Errorf("repealed item among valid ones: %.300s", body)
		}
		ctx := context.Background()
		a, err := store.AgencyByName(ctx, e.db, "清河区卫生健康局")
		if err != nil {
			t.Fatal(err)
		}
		a.Name = "清河区卫生健康委员会"
		if err := e.db.InTx(ctx, func(tx *store.Tx) error { return tx.Agencies().Update(ctx, account.System(), &a, "", 0) }); err != nil {
			t.Fatal(err)
		}
		if body := search("缓存检验"); !strings.Contains(body, "清河区卫生健康委员会") {
			t.Errorf("old agency name after renaming: %.600s", body)
		}
		if resp, body := e.step(headC, id, "withdraw", url.Values{"reason": {"内容有误"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("withdraw: %d\n%s", resp.StatusCode, body)
		}
		for _, q := range queries[:2] {
			if body := search(q[0], q[1:]...); !strings.Contains(body, "共找到 0 条") {
				t.Errorf("%v after withdrawal: %.300s", q, body)
			}
		}
	})
}

// TestSearchWaitsForSlot checks that on SQLite a search waits while every search slot is
// taken, giving up with its request, and runs once one is free; PostgreSQL does not wait.
func TestSearchWaitsForSlot(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		for range cap(e.srv.caches.searchSlots) {
			e.srv.caches.searchSlots <- struct{}{}
		}
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		_, _, err := e.srv.cachedSearch(ctx, store.SearchQuery{Q: "等待检验"})
		cancel()
		for range cap(e.srv.caches.searchSlots) {
			<-e.srv.caches.searchSlots
		}
		if e.db.Dialect() == store.SQLite && !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("search with every slot taken: %v, want the request's deadline", err)
		}
		if e.db.Dialect() == store.Postgres && err != nil {
			t.Errorf("search on PostgreSQL with every slot taken: %v", err)
		}
		if _, _, err := e.srv.cachedSearch(context.Background(), store.SearchQuery{Q: "等待检验"}); err != nil {
			t.Errorf("search with the slots free: %v", err)
		}
	})
}

func TestSearchCacheBounded(t *testing.T) {
	c := newSearchCache(3, 1<<20)
	key := func(q string) searchKey { return searchKey{store.SearchQuery{Q: q}} }
	res := []store.SearchResult{{AgencyName: "机关"}}
	for _, q := range []string{"甲", "乙", "丙"} {
		c.put(key(q), 1, res, 1)
	}
	if _, _, ok := c.get(key("甲"), 1); !ok { // 甲 is now the most recent
		t.Fatal("entry missing")
	}
	c.put(key("丁"), 1, res, 1)
	if _, _, ok := c.get(key("乙"), 1); ok {
		t.Error("least recently used entry kept beyond the limit")
	}
	for _, q := range []string{"甲", "丙", "丁"} {
		if _, _, ok := c.get(key(q), 1); !ok {
			t.Errorf("%s evicted", q)
		}
	}
	if _, _, ok := c.get(key("甲"), 2); ok {
		t.Error("entry used after a change")
	}
	if _, _, ok := c.get(key("甲"), 1); ok {
		t.Error("stale entry kept")
	}
	small := newSearchCache(100, 3000)
	for i := range 20 {
		small.put(key(fmt.Sprint(i)), 1, res, 1)
	}
	if small.bytes > 3000 || small.ll.Len() == 0 || small.ll.Len() == 20 {
		t.Errorf("byte bound: %d entries, %d bytes", small.ll.Len(), small.bytes)
	}
}
