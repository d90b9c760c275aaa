package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/catalog"
	"gongkai/internal/store"
)

func questionCount(t *testing.T, e *testEnv) int {
	t.Helper()
	var n int
	if err := e.db.QueryRow(context.Background(), `SELECT COUNT(*) FROM interaction_questions`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// Questions on the portal carry the form token and are limited per address like
// applications; a refused question (no contact) does not use up the quota.
func TestAskRateLimitAndCSRF(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		id := wjAgencyID(t, e)
		path := "/agencies/" + itoa(id) + "/ask"
		before := questionCount(t, e)
		form := func(subject, contact string) url.Values {
			return url.Values{"kind": {"consult"}, "subject": {subject}, "question": {"请问办理流程？"}, "asker_contact": {contact}}
		}
		c := e.anon()
		c.get(path)
		if resp, _ := c.postRaw(path, form("没有令牌", "13900000000")); resp.StatusCode != http.StatusForbidden {
			t.Fatalf("without CSRF token: %d", resp.StatusCode)
		}
		c.get(path)
		if resp, body := c.post(path, form("没有联系方式", "")); resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "请留下联系电话或电子邮箱") {
			t.Fatalf("without contact: %d", resp.StatusCode)
		}
		for i := 0; i < askLimit; i++ {
			c.get(path)
			if resp, body := c.post(path, form("咨询"+itoa(int64(i+1)), "13900000000")); resp.StatusCode != http.StatusOK || !strings.Contains(body, "前答复") {
				t.Fatalf("question %d: %d", i+1, resp.StatusCode)
			}
		}
		c.get(path)
		if resp, body := c.post(path, form("第六件", "13900000000")); resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, "每小时最多提交5件") {
			t.Fatalf("sixth question: %d", resp.StatusCode)
		}
		if n := questionCount(t, e) - before; n != askLimit {
			t.Errorf("%d stored, want %d", n, askLimit)
		}
		// The contact never reaches a public page, even before moderation.
		_, body := e.anon().get("/agencies/" + itoa(id) + "/interaction")
		if strings.Contains(body, "13900000000") || strings.Contains(body, "咨询1") {
			t.Error("an unmoderated question or its contact is public")
		}
	})
}

// The 机关管理员 edits the 法定主动公开内容; staff see the empty headings as gaps, on the
// console and on the portal; the public sees no gap marker.
func TestStatutoryHeadingsConsole(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		id := wjAgencyID(t, e)
		admin := e.login("wj.admin")
		resp, body := admin.get("/console/catalog/headings")
		if resp.StatusCode != http.StatusOK || !strings.Contains(body, "缺项") || !strings.Contains(body, "医疗机构设置审批") {
			t.Fatalf("headings page: %d", resp.StatusCode)
		}
		form := url.Values{
			"title":   {"政策文件", "医疗机构设置审批", "空栏目", ""},
			"article": {"第二十条第（一）项", "卫生健康领域基层政务公开标准目录", "本机关自定", ""},
			"topics":  {"policy_documents", "licensing、health", "fees", ""},
		}
		if resp, _ := admin.post("/console/catalog/headings", form); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("save: %d", resp.StatusCode)
		}
		_, body = admin.get("/console/catalog/headings")
		if !strings.Contains(body, "空栏目") || strings.Contains(body, "财政预算、决算信息") {
			t.Fatal("saved headings not shown")
		}
		bad := url.Values{"title": {"错误栏目"}, "article": {""}, "topics": {"no_such_topic"}}
		if resp, body := admin.post("/console/catalog/headings", bad); resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "不在本机关的主题分类中") {
			t.Fatalf("unknown topic: %d", resp.StatusCode)
		}
		clerk := e.login("wj.jingban")
		if resp, _ := clerk.post("/console/catalog/headings", form); resp.StatusCode != http.StatusForbidden {
			t.Fatalf("a clerk saves headings: %d", resp.StatusCode)
		}
		_, staffView := clerk.get("/agencies/" + itoa(id) + "/statutory")
		_, publicView := e.anon().get("/agencies/" + itoa(id) + "/statutory")
		if !strings.Contains(staffView, "缺项") || strings.Contains(publicView, "缺项") || !strings.Contains(publicView, "空栏目") {
			t.Error("the gap is for staff only, the heading for everyone")
		}
	})
}

// The 经办人 names the document a 政策解读 interprets by its 索引号 on the catalog form; a
// 索引号 that names nothing is shown on the form.
func TestInterpretationFormTakesIndexNumbers(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		ctx := context.Background()
		id := wjAgencyID(t, e)
		docs, err := e.db.Portal().Page(ctx, store.CatalogFilter{AgencyID: id, Kind: catalog.Normative, Limit: 1})
		if err != nil || len(docs) != 1 || docs[0].IndexNo == "" {
			t.Fatalf("a published document of the demo: %v %v", docs, err)
		}
		clerk := e.login("wj.jingban")
		form := func(ref string) url.Values {
			return url.Values{"title": {"关于某文件的政策解读"}, "topic": {"policy_interpretation"}, "kind": {"interpretation"}, "validity": {"valid"},
				"publisher": {"清河区卫生健康局"}, "written_on": {"2026-01-05"}, "body": {"<p>解读</p>"}, "interprets": {ref}}
		}
		clerk.get("/console/catalog/new")
		if resp, body := clerk.post("/console/catalog", form("11610802016083285C/1999-99999")); resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "不存在") {
			t.Fatalf("unknown 索引号: %d", resp.StatusCode)
		}
		resp, _ := clerk.post("/console/catalog", form(docs[0].IndexNo))
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("save: %d", resp.StatusCode)
		}
		var itemID int64
		if _, err := fmt.Sscanf(resp.Header.Get("Location"), "/console/catalog/%d", &itemID); err != nil {
			t.Fatalf("location %q", resp.Header.Get("Location"))
		}
		it, err := store.ItemByID(ctx, e.db, itemID)
		if err != nil || len(it.Interprets) != 1 || it.Interprets[0] != docs[0].ID {
			t.Fatalf("stored links = %v (%v)", it.Interprets, err)
		}
	})
}

// A document's page, kept in the portal's cache, names a 解读 published after the page was
// first served: the page's stamp covers the items linked with it.
func TestItemPageCacheSeesNewInterpretation(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		ctx := context.Background()
		id := wjAgencyID(t, e)
		docs, err := e.db.Portal().Page(ctx, store.CatalogFilter{AgencyID: id, Kind: catalog.Normative, Limit: 1})
		if err != nil || len(docs) != 1 {
			t.Fatalf("a published document of the demo: %v", err)
		}
		page := fmt.Sprintf("/items/%d", docs[0].ID)
		const title = "缓存之后发布的政策解读"
		for range 2 { // the second is served from the cache
			if _, body := e.anon().get(page); strings.Contains(body, title) {
				t.Fatal("the 解读 is shown before it exists")
			}
		}
		clerk, reviewer, head := e.user("wj.jingban"), e.user("wj.shenhe"), e.user("wj.fuze")
		now := time.Now()
		it, err := e.db.Catalog().Create(ctx, clerk, catalog.Item{AgencyID: id, Title: title, Topic: "policy_interpretation", Kind: catalog.Interpretation,
			Publisher: "清河区卫生健康局", WrittenOn: catalog.ChinaDay(now), BodyHTML: "<p>解读</p>", Validity: catalog.Valid, Interprets: []int64{docs[0].ID}}, nil, now)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range []struct {
			a  catalog.Action
			by account.Principal
		}{{catalog.ActSubmit, clerk}, {catalog.ActPassReview, reviewer}, {catalog.ActApprove, head}} {
			if _, err := e.db.Catalog().Step(ctx, s.by, it.ID, stepCommand(s.a, s.by), now); err != nil {
				t.Fatal(err)
			}
		}
		if _, body := e.anon().get(page); !strings.Contains(body, title) {
			t.Fatal("the cached document page does not name its new 解读")
		}
	})
}

// The register of hotline and platform tickets: the 经办人 registers a 12345 ticket, lists
// tickets by channel with their answers; another agency's staff cannot open it.
func TestTicketRegister(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		clerk := e.login("wj.jingban")
		clerk.get("/console/interaction/new")
		form := url.Values{"channel": {"hotline"}, "ticket_no": {"GD20261201-0099"}, "received_on": {time.Now().AddDate(0, 0, -3).Format("2006-01-02")}, "kind": {"message"},
			"subject": {"卫生院夜间值班电话无人接听"}, "question": {"反映某卫生院夜间值班电话无人接听。"}, "asker_contact": {"13911112222"}}
		resp, _ := clerk.post("/console/interaction", form)
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("register: %d", resp.StatusCode)
		}
		loc := resp.Header.Get("Location")
		path := loc[:strings.Index(loc, "?")]
		clerk.get(path)
		if resp, _ := clerk.post(path+"/answer", url.Values{"answer": {"已责成卫生院落实夜间值班制度。"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("answer: %d", resp.StatusCode)
		}
		_, body := clerk.get("/console/interaction?channel=hotline")
		if !strings.Contains(body, "GD20261201-0099") || !strings.Contains(body, "已责成卫生院落实夜间值班制度") {
			t.Fatal("the ticket and its answer are not in the register")
		}
		_, body = clerk.get("/console/interaction?channel=portal")
		if strings.Contains(body, "GD20261201-0099") {
			t.Fatal("the portal filter lists a hotline ticket")
		}
		if resp, _ := e.login("yb.jingban").get(path); resp.StatusCode != http.StatusNotFound {
			t.Fatalf("another agency opens the ticket: %d", resp.StatusCode)
		}
	})
}

// The agency's 年报 list names each year once: a report published here (with its files),
// or, for a year before gongkai, the one in its catalog.
func TestReportListEachYearOnce(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		ctx := context.Background()
		id := wjAgencyID(t, e)
		own, err := e.db.Reports().PublishedList(ctx, id)
		if err != nil || len(own) == 0 {
			t.Fatalf("the demo publishes no report here: %v", err)
		}
		clerk, reviewer, head := e.user("wj.jingban"), e.user("wj.shenhe"), e.user("wj.fuze")
		now := time.Now()
		earlier := own[len(own)-1].Year - 3
		for _, y := range []int{own[0].Year, earlier} {
			it, err := e.db.Catalog().Create(ctx, clerk, catalog.Item{AgencyID: id, Title: fmt.Sprintf("清河区卫生健康局%d年政府信息公开工作年度报告", y),
				Topic: "annual_report", Publisher: "清河区卫生健康局", WrittenOn: catalog.ChinaDay(now), BodyHTML: "<p>年报</p>", Validity: catalog.Valid}, nil, now)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range []struct {
				a  catalog.Action
				by account.Principal
			}{{catalog.ActSubmit, clerk}, {catalog.ActPassReview, reviewer}, {catalog.ActApprove, head}} {
				if _, err := e.db.Catalog().Step(ctx, s.by, it.ID, stepCommand(s.a, s.by), now); err != nil {
					t.Fatal(err)
				}
			}
		}
		_, body := e.anon().get("/agencies/" + itoa(id) + "/reports")
		seen := map[string]int{}
		for _, m := range regexp.MustCompile(`(\d{4})年政府信息公开工作年度报告</a>`).FindAllStringSubmatch(body, -1) {
			seen[m[1]]++
		}
		if seen[itoa(int64(earlier))] != 1 || seen[itoa(int64(own[0].Year))] != 1 {
			t.Fatalf("years listed: %v", seen)
		}
		for y, n := range seen {
			if n != 1 {
				t.Errorf("%s年 listed %d times", y, n)
			}
		}
	})
}

// stepCommand is the command of a catalog step, a 保密审查 that passes with its checklist.
func stepCommand(a catalog.Action, by account.Principal) catalog.Command {
	cmd := catalog.Command{Action: a, By: by}
	if a == catalog.ActPassReview {
		cmd.Secrecy = catalog.Secrecy{Clear: catalog.SecrecyChecks, Opinion: "经审查，同意公开"}
	}
	return cmd
}
