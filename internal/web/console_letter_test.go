package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"gongkai/internal/foirequest"
	"gongkai/internal/workday"
)

func TestConsoleLetterKinds(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		ctx := context.Background()
		id := wjAgencyID(t, e)
		tracking, _ := submitApplication(t, e.anon(), id, "本区2024年卫生健康统计公报")
		a := e.appByTracking(tracking)
		staff := e.user("wj.jingban")
		apps := e.db.Applications()
		today := workday.Of(time.Now())
		_, err := apps.Record(ctx, staff, a.ID, foirequest.Event{Type: foirequest.EventCorrectionRequested, Method: foirequest.NoticeElectronic, Day: today, Days: 10,
			Reason: "请写明所需公报的年度"}, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		clerk := e.login("wj.jingban")
		base := "/console/applications/" + itoa(a.ID) + "/letter"
		// Without a kind: the latest step's letter.
		resp, body := clerk.get(base)
		if resp.StatusCode != http.StatusOK || !strings.Contains(body, "政府信息公开申请补正告知书") || !strings.Contains(body, "请写明所需公报的年度。") ||
			!strings.Contains(body, "卫健依申补〔") {
			t.Fatalf("default letter: %d\n%s", resp.StatusCode, body)
		}
		if resp, _ := clerk.get(base + "?kind=nonsense"); resp.StatusCode != http.StatusNotFound {
			t.Errorf("unknown kind: %d", resp.StatusCode)
		}
		resp, body = clerk.get(base + "?kind=reply")
		if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "该申请尚未作出答复，不能生成答复书") {
			t.Errorf("reply before replying: %d", resp.StatusCode)
		}
		_, err = apps.Record(ctx, staff, a.ID, foirequest.Event{Type: foirequest.EventCorrected, Day: today}, time.Now())
		if err == nil {
			_, err = apps.Record(ctx, staff, a.ID, foirequest.Event{Type: foirequest.EventConsultationStarted, Method: foirequest.NoticeElectronic, Day: today,
				Party: foirequest.PartyThirdParty, Reason: "涉及仁和医院经营信息"}, time.Now())
		}
		if err != nil {
			t.Fatal(err)
		}
		resp, body = clerk.get(base + "?" + url.Values{"kind": {"consultation"}, "to": {"清河仁和医院有限公司"}}.Encode())
		if resp.StatusCode != http.StatusOK || !strings.Contains(body, "清河仁和医院有限公司：") || !strings.Contains(body, "第三十二条") ||
			strings.Contains(body, "张三") || strings.Contains(body, "涉及仁和医院经营信息") {
			t.Errorf("consultation letter: %d\n%s", resp.StatusCode, body)
		}
		if !strings.Contains(body, `href="/console/applications/`+itoa(a.ID)+`/letter.docx?kind=consultation&amp;to=`) {
			t.Error("the Word link loses the addressee")
		}
	})
}
