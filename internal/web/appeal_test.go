package web

import (
	"context"
	"gongkai/internal/account"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gongkai/internal/appeal"
	"gongkai/internal/store"
)

func TestAppeals(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		ctx := context.Background()
		clerk := e.login("wj.jingban")
		clerk.get("/console/appeals/new")
		resp, body := clerk.post("/console/appeals", url.Values{"kind": {"reconsideration"}, "filed_on": {"2099-01-01"}, "result": {"pending"}})
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "受理日期不能晚于今天") {
			t.Fatalf("future filing: %d", resp.StatusCode)
		}
		resp, _ = clerk.post("/console/appeals", url.Values{"kind": {"reconsideration"}, "case_no": {"清复决字〔2025〕3号"}, "filed_on": {"2025-03-01"}, "result": {"upheld"}, "decided_on": {"2025-05-01"}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("create: %d", resp.StatusCode)
		}
		_, body = clerk.get("/console/appeals?year=2025")
		if !strings.Contains(body, "清复决字〔2025〕3号") {
			t.Fatal("appeal not listed")
		}
		wj, _ := store.AgencyByName(ctx, e.db, "清河区卫生健康局")
		all, _ := e.db.Appeals().List(ctx, account.System(), wj.ID, 2025)
		var list []appeal.Appeal
		for _, a := range all {
			if a.CaseNo == "清复决字〔2025〕3号" {
				list = append(list, a)
			}
		}
		if len(list) != 1 {
			t.Fatalf("%d appeals stored", len(list))
		}
		id := itoa(list[0].ID)
		other := e.login("yb.jingban")
		if resp, _ := other.get("/console/appeals/" + id); resp.StatusCode != http.StatusNotFound {
			t.Fatalf("other agency reads appeal: %d", resp.StatusCode)
		}
		other.get("/console/appeals")
		if resp, _ := other.post("/console/appeals/"+id, url.Values{"kind": {"reconsideration"}, "filed_on": {"2025-03-01"}}); resp.StatusCode != http.StatusNotFound {
			t.Fatalf("other agency edits appeal: %d", resp.StatusCode)
		}
		gkb := e.login("gkb")
		if resp, _ := gkb.get("/console/appeals?agency=" + itoa(wj.ID) + "&year=2025"); resp.StatusCode != http.StatusOK {
			t.Fatalf("open office reads: %d", resp.StatusCode)
		}
	})
}

// TestAppealLinksOnlyOwnAgency: an appeal links an application of its own agency only;
// another agency's application and a number that does not exist are refused alike.
func TestAppealLinksOnlyOwnAgency(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		wj, yb := secAgency(t, e, "清河区卫生健康局"), secAgency(t, e, "清河区医疗保障局")
		own := secApplication(t, e, wj.ID, 1, "本机关的申请")
		theirs := secApplication(t, e, yb.ID, 2, "其他机关的申请")
		clerk := e.login("wj.jingban")
		clerk.get("/console/appeals/new")
		form := func(app int64) url.Values {
			return url.Values{"kind": {"reconsideration"}, "filed_on": {"2025-03-01"}, "result": {"pending"}, "application_id": {itoa(app)}}
		}
		for _, id := range []int64{theirs.ID, 99999999} {
			resp, body := clerk.post("/console/appeals", form(id))
			if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "关联的申请不存在或不属于本机关") {
				t.Errorf("application %d: %d", id, resp.StatusCode)
			}
		}
		if resp, body := clerk.post("/console/appeals", form(own.ID)); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("own application: %d %s", resp.StatusCode, errorText(body))
		}
	})
}
