package store_test

import (
	"context"
	"fmt"
	"gongkai/internal/account"
	"gongkai/internal/searchtext"
	"math/rand/v2"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"gongkai/internal/apperr"
	"gongkai/internal/catalog"
	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
)

// rawItem is a catalog row written straight into the table, as an import or a bulk load would;
// the search triggers must index it all the same.
type rawItem struct {
	agency                       int64
	title, docNo, indexNo, topic string
	keywords, summary, body      string
	published, validity, state   string
	writtenOn                    string
}

func insertRaw(t *testing.T, db *store.DB, it rawItem) int64 {
	t.Helper()
	if it.state == "" {
		it.state = "published"
	}
	if it.validity == "" {
		it.validity = "valid"
	}
	if it.topic == "" {
		it.topic = "other"
	}
	var idx any
	if it.indexNo != "" {
		idx = it.indexNo
	}
	now := store.FormatTime(time.Now())
	id, err := store.Insert(context.Background(), db, `INSERT INTO catalog_items (agency_id, index_no, title, topic, publisher, written_on, published_on, doc_no, keywords, validity, summary, body_html, kind, state, created_at, updated_at)
		VALUES (?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?, 'general', ?, ?, ?)`,
		it.agency, idx, it.title, it.topic, it.writtenOn, it.published, it.docNo, it.keywords, it.validity, it.summary, it.body, it.state, now, now)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func titles(rs []store.SearchResult) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Item.Title)
	}
	return out
}

func TestSearchItems(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		_, a, b := seed(t, db)
		insertRaw(t, db, rawItem{agency: a.ID, title: "关于印发2021年卫生健康工作要点的通知", docNo: "清卫发〔2021〕3号", indexNo: "11610802016083285C/2021-00003",
			keywords: "卫生健康；工作要点", summary: "全年卫生健康工作安排。", body: "<p>各科室：现将<strong>工作要点</strong>印发给你们。</p>", published: "2021-02-01", topic: "plans"})
		insertRaw(t, db, rawItem{agency: a.ID, title: "清河区传染病防控工作方案", docNo: "清卫发〔2023〕12号", indexNo: "11610802016083285C/2023-00012",
			summary: "做好传染病防控。", body: "<p>为做好卫生健康领域传染病防控，制定本方案。&lt;script&gt; 不是标签</p>", published: "2023-05-06", topic: "policy_documents"})
		insertRaw(t, db, rawItem{agency: a.ID, title: "医疗机构校验结果公示", docNo: "清卫发〔2023〕120号", published: "2023-07-01", body: "<p>公示名单见附件。</p>", validity: "expired"})
		insertRaw(t, db, rawItem{agency: b.ID, title: "2021年城乡居民医保缴费通知", docNo: "清医保发〔2021〕1号", published: "2021-09-10", body: "<p>卫生院可代办。</p>"})
		draft := insertRaw(t, db, rawItem{agency: a.ID, title: "卫生健康草稿不得检索", state: "draft"})
		insertRaw(t, db, rawItem{agency: a.ID, title: "已撤回的卫生健康信息", state: "withdrawn", published: "2022-01-01"})

		search := func(q store.SearchQuery) ([]string, int) {
			t.Helper()
			rs, total, err := store.SearchItems(ctx, db, q)
			if err != nil {
				t.Fatalf("search %+v: %v", q, err)
			}
			return titles(rs), total
		}
		cases := []struct {
			q    store.SearchQuery
			want []string
		}{
			// Title matches first, then body matches; newest first within each.
			{store.SearchQuery{Q: "卫生健康"}, []string{"关于印发2021年卫生健康工作要点的通知", "清河区传染病防控工作方案"}},
			{store.SearchQuery{Q: "2021"}, []string{"2021年城乡居民医保缴费通知", "关于印发2021年卫生健康工作要点的通知"}},
			// A 文号 in full, with other brackets, or in part.
			{store.SearchQuery{Q: "清卫发〔2023〕12号"}, []string{"清河区传染病防控工作方案"}},
			{store.SearchQuery{Q: "清卫发[2023]12号"}, []string{"清河区传染病防控工作方案"}},
			{store.SearchQuery{Q: "清卫发（2023）12号"}, []string{"清河区传染病防控工作方案"}},
			{store.SearchQuery{Q: "〔2023〕12"}, []string{"医疗机构校验结果公示", "清河区传染病防控工作方案"}},
			{store.SearchQuery{Q: "2023-00012"}, []string{"清河区传染病防控工作方案"}},
			// Mixed Chinese and digits, and several terms.
			{store.SearchQuery{Q: "2021年卫生"}, []string{"关于印发2021年卫生健康工作要点的通知"}},
			{store.SearchQuery{Q: "２０２１ 医保"}, []string{"2021年城乡居民医保缴费通知"}},
			// One and two characters: shorter than a trigram.
			{store.SearchQuery{Q: "医"}, []string{"医疗机构校验结果公示", "2021年城乡居民医保缴费通知"}},
			{store.SearchQuery{Q: "公示"}, []string{"医疗机构校验结果公示"}},
			{store.SearchQuery{Q: "防控 方案"}, []string{"清河区传染病防控工作方案"}},
			// Body text: tags are not text, entities are.
			{store.SearchQuery{Q: "strong"}, nil},
			{store.SearchQuery{Q: "<script>"}, []string{"清河区传染病防控工作方案"}},
			{store.SearchQuery{Q: "附件"}, []string{"医疗机构校验结果公示"}},
			// LIKE wildcards are literal.
			{store.SearchQuery{Q: "%"}, nil},
			{store.SearchQuery{Q: "_"}, nil},
			// Drafts and withdrawn items are never found.
			{store.SearchQuery{Q: "草稿"}, nil},
			{store.SearchQuery{Q: "已撤回"}, nil},
			// Filters.
			{store.SearchQuery{Q: "卫生", AgencyID: b.ID}, []string{"2021年城乡居民医保缴费通知"}},
			{store.SearchQuery{Q: "卫生健康", Year: 2023}, []string{"清河区传染病防控工作方案"}},
			{store.SearchQuery{Q: "清卫发", Validity: catalog.Expired}, []string{"医疗机构校验结果公示"}},
			{store.SearchQuery{Q: "清卫发", Topic: "plans"}, []string{"关于印发2021年卫生健康工作要点的通知"}},
			{store.SearchQuery{Q: "", AgencyID: a.ID}, []string{"医疗机构校验结果公示", "清河区传染病防控工作方案", "关于印发2021年卫生健康工作要点的通知"}},
		}
		for _, c := range cases {
			got, total := search(c.q)
			if !reflect.DeepEqual(got, c.want) || total != len(c.want) {
				t.Errorf("search %q %+v = %q (total %d), want %q", c.q.Q, c.q, got, total, c.want)
			}
		}

		// Paging.
		rs, total, err := store.SearchItems(ctx, db, store.SearchQuery{Q: "清", Limit: 2, Offset: 2})
		if err != nil || total != 4 || len(rs) != 2 {
			t.Fatalf("page 2: %q %d %v", titles(rs), total, err)
		}
		first, _, _ := store.SearchItems(ctx, db, store.SearchQuery{Q: "清", Limit: 2})
		if titles(first)[0] == titles(rs)[0] || titles(first)[1] == titles(rs)[1] {
			t.Errorf("pages overlap: %q %q", titles(first), titles(rs))
		}

		// Snippets come from the summary or the body text.
		rs, _, _ = store.SearchItems(ctx, db, store.SearchQuery{Q: "卫生健康领域"})
		if len(rs) != 1 || !strings.Contains(rs[0].Snippet, "卫生健康领域") || strings.Contains(rs[0].Snippet, "<p>") {
			t.Errorf("snippet: %+v", rs)
		}
		if rs[0].AgencyName != a.Name {
			t.Errorf("agency name %q", rs[0].AgencyName)
		}

		// Publishing a draft indexes it; withdrawing removes it again.
		if _, err := db.Exec(ctx, `UPDATE catalog_items SET state = 'published', published_on = '2024-01-02' WHERE id = ?`, draft); err != nil {
			t.Fatal(err)
		}
		if got, _ := search(store.SearchQuery{Q: "草稿不得"}); len(got) != 1 {
			t.Errorf("published draft not found: %q", got)
		}
		if _, err := db.Exec(ctx, `UPDATE catalog_items SET state = 'withdrawn' WHERE id = ?`, draft); err != nil {
			t.Fatal(err)
		}
		if got, _ := search(store.SearchQuery{Q: "草稿不得"}); len(got) != 0 {
			t.Errorf("withdrawn item still found: %q", got)
		}
		if _, err := db.Exec(ctx, `DELETE FROM catalog_items WHERE id = ?`, draft); err != nil {
			t.Fatal(err)
		}

		// Facets.
		topics, years, err := store.PublishedFacets(ctx, db, 0, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		wantYears := []store.FacetCount{{Key: "2023", Count: 2}, {Key: "2021", Count: 1}}
		if !reflect.DeepEqual(years, wantYears) || len(topics) != 3 {
			t.Errorf("facets: topics %v years %v", topics, years)
		}
		_, gyears, _ := store.PublishedFacets(ctx, db, a.GovernmentID, 0)
		if len(gyears) != 2 || gyears[1].Count != 2 {
			t.Errorf("government years %v", gyears)
		}

		if first, last, err := store.PublishedYearRange(ctx, db); err != nil || first != 2021 || last != 2023 {
			t.Errorf("year range %d–%d %v", first, last, err)
		}

		// Item pages: published only.
		pubID := insertRaw(t, db, rawItem{agency: a.ID, title: "单项页面", published: "2022-02-02"})
		draftID := insertRaw(t, db, rawItem{agency: a.ID, title: "单项草稿", state: "draft"})
		if it, err := store.PublishedItem(ctx, db, pubID); err != nil || it.Title != "单项页面" {
			t.Errorf("PublishedItem = %+v, %v", it, err)
		}
		if _, err := store.PublishedItem(ctx, db, draftID); apperr.CodeOf(err) != apperr.NotFound {
			t.Errorf("draft item: %v", err)
		}
		if _, ok, err := store.AgencyTopicLabel(ctx, db, a.ID, "plans"); ok || err != nil {
			t.Errorf("default taxonomy label from the table: %v %v", ok, err)
		}
		db.Exec(ctx, `DELETE FROM catalog_items WHERE id IN (?, ?)`, pubID, draftID)

		// Sitemap references.
		maxID, err := store.MaxItemID(ctx, db)
		if err != nil || maxID == 0 {
			t.Fatalf("max id %d %v", maxID, err)
		}
		refs, err := store.PublishedItemRefs(ctx, db, 0, 3)
		if err != nil || len(refs) != 3 {
			t.Fatalf("refs %v %v", refs, err)
		}
		rest, err := store.PublishedItemRefs(ctx, db, refs[2].ID, 100)
		if err != nil || len(rest) != 1 {
			t.Fatalf("refs after %d: %v %v", refs[2].ID, rest, err)
		}
		recent, err := store.RecentPublished(ctx, db, a.ID, 2)
		if err != nil || len(recent) != 2 || recent[0].Title != "医疗机构校验结果公示" {
			t.Errorf("recent %v %v", recent, err)
		}
		stamp, ok, err := store.ItemStamp(ctx, db, recent[0].ID)
		if err != nil || !ok || stamp == "" {
			t.Errorf("stamp %q %v %v", stamp, ok, err)
		}
		// Pages of any size, laid end to end, are the whole result, across the ranks.
		for i := 0; i < 12; i++ {
			insertRaw(t, db, rawItem{agency: a.ID + int64(i%2), title: fmt.Sprintf("分页测试第%d件", i), docNo: fmt.Sprintf("分页发〔2020〕%d号", i),
				body: "<p>正文提到分页测试。</p>", published: fmt.Sprintf("2020-03-%02d", 1+i%5)})
			insertRaw(t, db, rawItem{agency: a.ID, title: fmt.Sprintf("其他%d", i), body: "<p>分页测试在正文</p>", published: fmt.Sprintf("2019-0%d-01", 1+i%9)})
		}
		for _, q := range []string{"分页测试", "分页", "页测", "分页发〔2020〕1号", "分页 测试", "分页测试 2020"} {
			all, total, err := store.SearchItems(ctx, db, store.SearchQuery{Q: q, Limit: 200})
			if err != nil || len(all) != total {
				t.Fatalf("%q: %d results, total %d, %v", q, len(all), total, err)
			}
			for _, size := range []int{1, 3, 7} {
				var got []string
				for off := 0; off < total+size; off += size {
					page, n, err := store.SearchItems(ctx, db, store.SearchQuery{Q: q, Limit: size, Offset: off})
					if err != nil || n != total {
						t.Fatalf("%q page %d/%d: total %d, %v", q, off, size, n, err)
					}
					got = append(got, titles(page)...)
				}
				if !reflect.DeepEqual(got, titles(all)) {
					t.Errorf("%q in pages of %d:\n%q\nwant\n%q", q, size, got, titles(all))
				}
			}
		}
		if rs, _, _ := store.SearchItems(ctx, db, store.SearchQuery{Q: "分页发〔2020〕1号"}); len(rs) == 0 || rs[0].Item.DocNo != "分页发〔2020〕1号" {
			t.Errorf("文号 not first: %q", titles(rs))
		}

	})
}

func TestAgencyGuide(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		_, a, _ := seed(t, db)
		if _, ok, err := store.AgencyGuide(ctx, db, a.ID); ok || err != nil {
			t.Fatalf("new agency has a guide: %v %v", ok, err)
		}
		now := time.Date(2025, 3, 1, 2, 0, 0, 0, time.UTC)
		save := func(body string) error { return db.Guides().Save(ctx, account.System(), a.ID, body, now) }
		for _, body := range []string{"## 一、主动公开\r\n本机关……", "## 一、主动公开\n修改后"} {
			if err := save(body); err != nil {
				t.Fatal(err)
			}
			g, ok, err := store.AgencyGuide(ctx, db, a.ID)
			if err != nil || !ok || g.Body != strings.ReplaceAll(body, "\r\n", "\n") || !g.UpdatedAt.Equal(now) {
				t.Fatalf("guide = %+v %v %v", g, ok, err)
			}
		}
		if err := save(strings.Repeat("字", store.MaxGuideLen+1)); err == nil {
			t.Error("over-long guide saved")
		}
		if err := save("  "); err != nil {
			t.Fatal(err)
		}
		if _, ok, _ := store.AgencyGuide(ctx, db, a.ID); ok {
			t.Error("blank save did not restore the default")
		}
		entries, err := db.ListAudit(ctx, store.AuditFilter{})
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, e := range entries {
			if e.Entity == "agency_guide" {
				actions = append(actions, e.Action)
			}
		}
		if len(actions) != 3 {
			t.Errorf("audited guide actions %v", actions)
		}
	})
}

func TestSearchCountLimits(t *testing.T) {
	if store.SearchCountLimitFor("医保 低保") != store.ShortSearchCountLimit || store.SearchCountLimitFor("医保 卫生健康") != store.SearchCountLimit {
		t.Error("count limits")
	}
}

// TestSearchRankHereSameAsPasses checks that ranking the matches in Go gives the pages and
// totals of the ranked passes, over items mixing 文号, 名称 and body matches, short and long
// terms, Latin letters in both cases, filters and pages.
func TestSearchRankHereSameAsPasses(t *testing.T) {
	db := storetest.Open(t, "sqlite")
	ctx := context.Background()
	_, a, b := seed(t, db)
	words := []string{"医保", "低保", "卫生健康", "防控", "ABC", "abc项目", "养老服务", "aB"}
	for i := range 90 {
		ag := a.ID
		if i%3 == 0 {
			ag = b.ID
		}
		w1, w2 := words[i%len(words)], words[(i*5+2)%len(words)]
		doc := ""
		if i%4 != 0 {
			doc = fmt.Sprintf("清卫发〔%d〕%d号", 2020+i%4, i%13+1)
		}
		idx := ""
		if i%5 == 0 {
			idx = fmt.Sprintf("11610802016083285C/%d-%05d", 2020+i%4, i)
		}
		title := fmt.Sprintf("关于%s工作的通知（第%d号）", w1, i%7)
		if i%2 == 0 {
			// The 文号 of the next item, in a 名称.
			title = fmt.Sprintf("清卫发〔%d〕%d号解读", 2020+(i+1)%4, (i+1)%13+1)
		}
		validity := "valid"
		if i%7 == 0 {
			validity = "expired"
		}
		insertRaw(t, db, rawItem{agency: ag, title: title, docNo: doc, indexNo: idx, keywords: w2,
			summary: "关于" + w2 + "的说明。", body: "<p>正文提到" + words[(i*3+1)%len(words)] + "和2021年。</p>",
			published: fmt.Sprintf("%d-%02d-%02d", 2020+i%5, i%12+1, i%27+1), validity: validity})
	}
	// More matches than the count limit of short terms (200): the newest ones may hold the
	// page, or the ranked passes must run.
	for i := range 230 {
		title := fmt.Sprintf("城乡居民救助第%d批名单", i)
		switch {
		case i%9 == 0 || i > 215:
			title = fmt.Sprintf("城乡低保第%d批名单", i)
		case i%2 == 0:
			title = fmt.Sprintf("落实民发1号文件第%d批名单", i)
		}
		doc := fmt.Sprintf("清民发〔2024〕%d号", i)
		if i%5 == 0 {
			doc = fmt.Sprintf("清民发1号-%d", i)
		}
		insertRaw(t, db, rawItem{agency: a.ID, title: title, docNo: doc, body: "<p>低保对象。见1号文件。</p>",
			published: fmt.Sprintf("2024-%02d-%02d", i%12+1, i%28+1)})
	}
	queries := []store.SearchQuery{
		{Q: "低保 名单"}, {Q: "名单 1号"}, {Q: "清民发〔2024〕1号"}, {Q: "民发 低保"}, {Q: "民发 1号"},
		{Q: "医保"}, {Q: "低保"}, {Q: "医"}, {Q: "医保 2021"}, {Q: "卫生健康"}, {Q: "abc"}, {Q: "ABC项目"},
		{Q: "清卫发〔2021〕3号"}, {Q: "清卫发[2022]4号"}, {Q: "〔2023〕"}, {Q: "〔2023〕5号"}, {Q: "2021-000"},
		{Q: "养老服务 2020"}, {Q: "通知 防控"}, {Q: "号 医保"}, {Q: "2021"}, {Q: "Ab"}, {Q: "ab 医保"},
		{Q: "医保", AgencyID: b.ID}, {Q: "清卫发", Year: 2021}, {Q: "防控", Validity: catalog.Expired},
	}
	for _, q := range queries {
		sameSearch(t, ctx, db, q, 5, []int{0, 5, 10, 40, 195}, store.SetSearchRankHere, "ranked here", "passes")
	}
}

// sameSearch checks that q gives the same pages and totals with a search feature on as
// with it switched off (set switches it and returns the previous setting).
func sameSearch(t *testing.T, ctx context.Context, db *store.DB, q store.SearchQuery, limit int, offsets []int, set func(bool) bool, on, off string) {
	t.Helper()
	for _, o := range offsets {
		q.Limit, q.Offset = limit, o
		old := set(false)
		want, wantTotal, err := store.SearchItems(ctx, db, q)
		set(old)
		if err != nil {
			t.Fatal(err)
		}
		got, total, err := store.SearchItems(ctx, db, q)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(titleIDs(got), titleIDs(want)) || total != wantTotal {
			t.Errorf("%+v: %s %v (%d), %s %v (%d)", q, on, titleIDs(got), total, off, titleIDs(want), wantTotal)
		}
	}
}

func titleIDs(rs []store.SearchResult) []string {
	var out []string
	for _, r := range rs {
		out = append(out, fmt.Sprintf("%d %s", r.Item.ID, r.Item.Title))
	}
	return out
}

// TestSearchTwoCharacterTerms checks that a two-character term finds exactly the items whose
// text holds it (Latin letters without case, as LIKE compares), in the order of the ranks,
// over random text of Chinese, digits, Latin letters and punctuation, after edits,
// withdrawals and deletions; and, on SQLite, that the pair index gives the pages and totals
// of LIKE for queries mixing terms of every length.
func TestSearchTwoCharacterTerms(t *testing.T) {
	alphabet := []rune("医保低局12０aAb号，-/ 〔〕Ｂ&")
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		_, a, b := seed(t, db)
		rng := rand.New(rand.NewPCG(7, 11))
		gen := func(min, max int) string {
			rs := make([]rune, min+rng.IntN(max-min+1))
			for i := range rs {
				rs[i] = alphabet[rng.IntN(len(alphabet))]
			}
			return string(rs)
		}
		type doc struct {
			id, agency int64
			title      string
			texts      []string // every column search compares
			published  string
		}
		docs := map[int64]*doc{}
		for i := range 150 {
			ag := a.ID
			if i%3 == 1 {
				ag = b.ID
			}
			it := rawItem{agency: ag, title: gen(2, 8), docNo: gen(0, 6), keywords: gen(0, 4), summary: gen(0, 8),
				body:      "<p>" + strings.ReplaceAll(gen(0, 12), "&", "&amp;") + "</p>" + gen(0, 3),
				published: time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i*7+rng.IntN(5)).Format("2006-01-02")}
			if i%3 == 0 {
				it.indexNo = fmt.Sprintf("%s/%d", gen(1, 5), i) // unique per agency
			}
			id := insertRaw(t, db, it)
			docs[id] = &doc{id: id, agency: ag, title: it.title, published: it.published,
				texts: []string{it.title, it.docNo, it.indexNo, it.keywords, it.summary, searchtext.HTMLText(it.body)}}
		}
		// Edits, a withdrawal and a deletion go through the triggers.
		n := 0
		for id, d := range docs {
			switch n++; n % 10 {
			case 0:
				title := gen(2, 8)
				if _, err := db.Exec(ctx, `UPDATE catalog_items SET title = ? WHERE id = ?`, title, id); err != nil {
					t.Fatal(err)
				}
				d.title, d.texts[0] = title, title
			case 1:
				if _, err := db.Exec(ctx, `UPDATE catalog_items SET state = 'withdrawn' WHERE id = ?`, id); err != nil {
					t.Fatal(err)
				}
				delete(docs, id)
			case 2:
				if _, err := db.Exec(ctx, `DELETE FROM catalog_items WHERE id = ?`, id); err != nil {
					t.Fatal(err)
				}
				delete(docs, id)
			}
		}
		lower := func(s string) string {
			return strings.Map(func(r rune) rune { return unicode.To(unicode.LowerCase, r) }, s)
		}
		holds := func(s, term string) bool {
			// Latin letters in the test's text are ASCII or a capital Ｂ with no small ｂ beside
			// it, so that LIKE (ASCII case) and ILIKE (any case) agree.
			return strings.Contains(lower(s), lower(term))
		}
		checked := 0
		for _, x := range alphabet {
			for _, y := range alphabet {
				q := string([]rune{x, y})
				terms := searchtext.Terms(q)
				if len(terms) != 1 || utf8.RuneCountInString(terms[0]) != 2 {
					continue
				}
				term := terms[0]
				for _, agencyID := range []int64{0, b.ID} {
					var want []*doc
					for _, d := range docs {
						if agencyID != 0 && d.agency != agencyID {
							continue
						}
						for _, s := range d.texts {
							if holds(s, term) {
								want = append(want, d)
								break
							}
						}
					}
					sort.Slice(want, func(i, j int) bool {
						ti, tj := holds(want[i].title, term), holds(want[j].title, term)
						if ti != tj {
							return ti
						}
						if want[i].published != want[j].published {
							return want[i].published > want[j].published
						}
						return want[i].id > want[j].id
					})
					var wantIDs []int64
					for _, d := range want {
						wantIDs = append(wantIDs, d.id)
					}
					got, total, err := store.SearchItems(ctx, db, store.SearchQuery{Q: q, AgencyID: agencyID, Limit: 200})
					if err != nil {
						t.Fatal(err)
					}
					var gotIDs []int64
					for _, r := range got {
						gotIDs = append(gotIDs, r.Item.ID)
					}
					if !reflect.DeepEqual(gotIDs, wantIDs) || total != len(wantIDs) {
						t.Errorf("%q (agency %d): got %v (total %d), want %v", q, agencyID, gotIDs, total, wantIDs)
					}
				}
				checked++
			}
		}
		if checked < 100 {
			t.Fatalf("only %d two-character terms checked", checked)
		}
		if db.Dialect() != store.SQLite {
			return
		}
		queries := []store.SearchQuery{{Q: "医保"}, {Q: "ab"}, {Q: "AB"}, {Q: "2号"}, {Q: "12"}, {Q: "a1"}, {Q: "保 局"}, {Q: "医保 低局"},
			{Q: "医保 号"}, {Q: "医 保"}, {Q: "医保 12"}, {Q: "1a 医保低"}, {Q: "〔12〕号"}, {Q: "2-"}, {Q: "Ｂ1"}, {Q: "号-1"},
			{Q: "医保", Year: 2016}, {Q: "医保 a1b", Year: 2017}, {Q: "12", AgencyID: a.ID}, {Q: "ab 保局1", AgencyID: a.ID}, {Q: "医保", AgencyID: b.ID}, {Q: "医保低", AgencyID: b.ID},
			{Q: "医保低", AgencyID: a.ID, Year: 2016}, {Q: "1a 医保", AgencyID: b.ID, Validity: catalog.Valid}, {Q: "医 保局", AgencyID: b.ID}, {Q: "号 1a 医保"}, {Q: "〔1 医保低", Validity: catalog.Valid}, {Q: "保局", Validity: catalog.Valid}, {Q: "保局 ab", Topic: "other"}}
		for _, q := range queries {
			sameSearch(t, ctx, db, q, 7, []int{0, 3, 10, 30}, store.SetSearchPairIndex, "pair index", "LIKE")
		}
	})
}

// TestCatalogChanges checks that the change counter advances with every change that can alter
// a search result, and only with those.
func TestCatalogChanges(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		_, a, _ := seed(t, db)
		last, err := store.CatalogChanges(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		step := func(what string, changes bool, fn func()) {
			t.Helper()
			fn()
			n, err := store.CatalogChanges(ctx, db)
			if err != nil {
				t.Fatal(err)
			}
			if (n != last) != changes {
				t.Errorf("%s: counter %d → %d", what, last, n)
			}
			last = n
		}
		exec := func(query string, args ...any) {
			t.Helper()
			if _, err := db.Exec(ctx, query, args...); err != nil {
				t.Fatal(err)
			}
		}
		var draft, pub int64
		step("draft created", false, func() { draft = insertRaw(t, db, rawItem{agency: a.ID, title: "草稿", state: "draft"}) })
		step("draft edited", false, func() { exec(`UPDATE catalog_items SET title = '草稿二' WHERE id = ?`, draft) })
		step("draft published", true, func() {
			exec(`UPDATE catalog_items SET state = 'published', published_on = '2024-01-02' WHERE id = ?`, draft)
		})
		step("published item inserted", true, func() { pub = insertRaw(t, db, rawItem{agency: a.ID, title: "公开", published: "2024-01-03"}) })
		step("published item edited", true, func() { exec(`UPDATE catalog_items SET title = '公开二' WHERE id = ?`, pub) })
		step("效力状态 changed", true, func() { exec(`UPDATE catalog_items SET validity = 'repealed' WHERE id = ?`, pub) })
		step("withdrawn", true, func() { exec(`UPDATE catalog_items SET state = 'withdrawn' WHERE id = ?`, pub) })
		step("withdrawn item edited", false, func() { exec(`UPDATE catalog_items SET title = '公开三' WHERE id = ?`, pub) })
		step("published item deleted", true, func() { exec(`DELETE FROM catalog_items WHERE id = ?`, draft) })
		step("agency renamed", true, func() {
			a.Name = "测试区卫生健康委员会"
			if err := db.InTx(ctx, func(tx *store.Tx) error { return tx.Agencies().Update(ctx, account.System(), &a, "", 0) }); err != nil {
				t.Fatal(err)
			}
		})
	})
}
