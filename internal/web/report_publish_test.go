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

	"gongkai/internal/store"
)

var confirmOpenRE = regexp.MustCompile(`name="confirm_open" value="([0-9a-f]+)" required`)

// The publication page: this year's report cannot be published before the year is over;
// last year's names the cases still open and publishes only when the 负责人 ticks the
// confirmation of exactly those.
func TestReportPublishConfirmsOpenCases(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		ctx := context.Background()
		wj, _ := store.AgencyByName(ctx, e.db, "清河区卫生健康局")
		y := time.Now().Year()
		head := e.login("wj.fuze")

		// This year: no publication form, and the door refuses a forged post.
		_, page := head.get(fmt.Sprintf("/console/reports/%d", y))
		if !strings.Contains(page, fmt.Sprintf("%d年度尚未结束，年度报告须在%d年1月1日以后发布", y, y+1)) {
			t.Errorf("this year's page does not say when it may be published")
		}
		if strings.Contains(page, fmt.Sprintf(`action="/console/reports/%d/publish"`, y)) {
			t.Errorf("this year's page offers publication")
		}
		resp, body := head.post(fmt.Sprintf("/console/reports/%d/publish", y), nil)
		if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "尚未结束") {
			t.Fatalf("publishing this year's report: %d", resp.StatusCode)
		}

		// Last year's, published by the demo: its correction names the lawsuit still open.
		last := fmt.Sprintf("/console/reports/%d", y-1)
		_, page = head.get(last)
		caseNo := fmt.Sprintf("（%d）示0102行初31号", y-1)
		if !strings.Contains(page, `id="open-cases"`) || !strings.Contains(page, caseNo) || !strings.Contains(page, "行政诉讼（未经复议直接起诉）") {
			t.Fatalf("the publication form does not name the open lawsuit %s", caseNo)
		}
		m := confirmOpenRE.FindStringSubmatch(page)
		if m == nil {
			t.Fatal("no confirmation box on the publication form")
		}
		before, _ := e.db.Reports().Published(ctx, wj.ID, y-1)
		// Not ticked: refused, the page shown again with the cases and the box.
		resp, body = head.post(last+"/publish", url.Values{"reason": {"更正文字"}})
		if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "未办结") || !strings.Contains(body, caseNo) || !confirmOpenRE.MatchString(body) {
			t.Fatalf("correction without confirmation: %d", resp.StatusCode)
		}
		if o, _ := e.db.Reports().Published(ctx, wj.ID, y-1); !o.PublishedAt.Equal(before.PublishedAt) {
			t.Fatal("an unconfirmed correction was published")
		}
		// Ticked: published.
		resp, body = head.post(last+"/publish", url.Values{"reason": {"更正文字"}, "confirm_open": {m[1]}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("confirmed correction: %d\n%s", resp.StatusCode, body)
		}
		if o, _ := e.db.Reports().Published(ctx, wj.ID, y-1); o.PublishedAt.Equal(before.PublishedAt) {
			t.Fatal("the confirmed correction was not published")
		}
	})
}
