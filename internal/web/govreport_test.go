package web

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"gongkai/internal/store"
)

func TestGovernmentReport(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		ctx := context.Background()
		gkb := e.login("gkb")
		resp, body := gkb.get("/console/reports/government/2025")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("government report: %d", resp.StatusCode)
		}
		for _, name := range []string{"清河区卫生健康局", "清河区医疗保障局", "清河区人民政府办公室", "全部勾稽关系校验通过"} {
			if !strings.Contains(body, name) {
				t.Errorf("government report lacks %q", name)
			}
		}
		// The sum of the agencies' new applications is the government's.
		agencies, _ := e.db.Agencies().List(ctx, 0)
		var want int
		for _, a := range agencies {
			cells, err := store.ApplicationTable3(ctx, e.db, a.ID, 2025)
			if err != nil {
				t.Fatal(err)
			}
			want += cells["applications.new.total"]
		}
		if !strings.Contains(body, `data-cell="applications.new.total">`+itoa(int64(want))+`<`) {
			t.Errorf("summed new applications: want %d", want)
		}
		clerk := e.login("wj.jingban")
		if resp, _ := clerk.get("/console/reports/government/2025"); resp.StatusCode != http.StatusForbidden {
			t.Fatalf("clerk on the government report: %d", resp.StatusCode)
		}
	})
}
