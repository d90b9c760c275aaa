package app

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"gongkai/internal/account"
	"gongkai/internal/demo"
	"gongkai/internal/notify"
	"gongkai/internal/notify/smtptest"
	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
	"gongkai/internal/web/browsertest"
)

// TestBrowserApplicantInTheLoop walks issue 11's journey in headless Chromium, on each
// database: a citizen applies online and receives the receipt by e-mail (a local SMTP
// server captures it); the clerk asks for a 补正; the applicant answers on the tracking
// page with a file; the clerk, reminded, drafts a 部分公开 letter with a file and a 审核人
// approves and sends it (four eyes); the applicant
// receives the reply letter and the file by e-mail and downloads the file on the tracking
// page.
func TestBrowserApplicantInTheLoop(t *testing.T) {
	for _, kind := range storetest.Dialects() {
		t.Run(kind, func(t *testing.T) {
			ctx := context.Background()
			smtp, smtpAddr := smtptest.Start(t)
			cfg := Default()
			cfg.DB, cfg.Demo = storetest.DSN(t, kind), DemoOff
			cfg.SMTPAddr, cfg.SMTPFrom, cfg.SMTPTLS = smtpAddr, "清河区卫生健康局 <gongkai@example.gov.cn>", "none"
			a, err := Open(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
			if err != nil {
				t.Fatal(err)
			}
			defer a.Close()
			// The demo's invented applicants are sent nothing (as in app.Open).
			messaging := a.DB.Messaging()
			a.DB.SetMessaging(notify.Settings{})
			if _, err := demo.LoadLight(ctx, a.DB, time.Now()); err != nil {
				t.Fatal(err)
			}
			a.DB.SetMessaging(messaging)
			h, err := a.Web()
			if err != nil {
				t.Fatal(err)
			}
			ts := httptest.NewServer(h)
			defer ts.Close()
			a.Config.BaseURL = ts.URL
			send := func(want int) []smtptest.Message {
				t.Helper()
				if _, err := RunOutbox(ctx, a, time.Now); err != nil {
					t.Fatal(err)
				}
				return smtp.Wait(t, want, 10*time.Second)
			}
			ag, err := store.AgencyByName(ctx, a.DB, "清河区卫生健康局")
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			answer := filepath.Join(dir, "补正说明.pdf")
			disclosed := filepath.Join(dir, "2024年度医疗机构执业登记统计表.pdf")
			disclosedData := []byte("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n% 统计表\n%%EOF\n")
			os.WriteFile(answer, []byte("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n% 补正\n%%EOF\n"), 0o644)
			os.WriteFile(disclosed, disclosedData, 0o644)

			b := browsertest.NewFor(t, 3*time.Minute)
			// 1. Apply online.
			err = chromedp.Do(b,
				chromedp.Navigate(ts.URL+"/agencies/"+strconv.FormatInt(ag.ID, 10)+"/apply"),
				chromedp.WaitVisible(chromedp.ID("name")),
				chromedp.SendKeys(chromedp.ID("name"), "张三"),
				chromedp.SendKeys(chromedp.ID("id_number"), "11010519491231002X"),
				chromedp.SendKeys(chromedp.ID("phone"), "13812345678"),
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
			tracking, _ := chromedp.Run(b, chromedp.Text(chromedp.ID("tracking")))
			code, _ := chromedp.Run(b, chromedp.Text(chromedp.ID("query-code")))
			app, err := a.DB.Applications().GetByTracking(ctx, account.System(), tracking)
			if err != nil {
				t.Fatal(err)
			}
			// 2. The receipt by e-mail, with the due day and the tracking number.
			receipt := parse(t, send(1)[0])
			if receipt.Subject != "【清河区卫生健康局】已收到您的政府信息公开申请" || !strings.Contains(receipt.Text, tracking) || !strings.Contains(receipt.Text, "答复期限届满日为") {
				t.Fatalf("receipt: %q\n%s", receipt.Subject, receipt.Text)
			}
			if strings.Contains(receipt.Text, code) {
				t.Error("the receipt carries the query code")
			}
			// 3. The clerk asks for a 补正.
			caseURL := ts.URL + "/console/applications/" + strconv.FormatInt(app.ID, 10)
			err = chromedp.Do(b,
				chromedp.Navigate(ts.URL+"/console/login"),
				chromedp.WaitVisible(chromedp.ID("username")),
				chromedp.SendKeys(chromedp.ID("username"), "wj.jingban"),
				chromedp.SendKeys(chromedp.ID("password"), demo.Password),
				chromedp.Submit(chromedp.ID("password")),
				chromedp.WaitVisible(chromedp.CSS(".who")),
				chromedp.Navigate(caseURL),
				chromedp.WaitVisible(chromedp.ID("messages")),
				chromedp.Click(chromedp.ID("open-correction_requested")),
				chromedp.WaitVisible(chromedp.ID("reason-correction_requested")),
				chromedp.SendKeys(chromedp.ID("reason-correction_requested"), "请说明所需统计表的统计口径（按机构类别或按街道）"),
				chromedp.Click(chromedp.ID("submit-correction_requested")),
				chromedp.WaitVisible(chromedp.CSS(`p.notice[role="status"]`)),
			)
			if err != nil {
				t.Fatal(err)
			}
			if main, _ := chromedp.Run(b, chromedp.Text(chromedp.CSS("main"))); !strings.Contains(main, "已记录：发出补正通知") {
				t.Fatalf("case page after the 补正 request:\n%s", main)
			}
			notice := parse(t, send(2)[1])
			if notice.Subject != "【清河区卫生健康局】政府信息公开申请补正告知书" || len(notice.Attachments) != 1 || !strings.HasSuffix(notice.Attachments[0].Name, ".docx") || !bytes.HasPrefix(notice.Attachments[0].Data, []byte("PK")) {
				t.Fatalf("补正 notice: %q %d attachments", notice.Subject, len(notice.Attachments))
			}
			// The case page shows what was sent.
			err = chromedp.Do(b, chromedp.Navigate(caseURL), chromedp.WaitVisible(chromedp.ID("messages")))
			if err != nil {
				t.Fatal(err)
			}
			page, _ := chromedp.Run(b, chromedp.Text(chromedp.ID("messages")))
			if strings.Count(page, "已发送") != 2 || !strings.Contains(page, "补正告知书") || strings.Contains(page, "须人工送达") {
				t.Errorf("case page's messages:\n%s", page)
			}
			// 4. The applicant answers on the tracking page with a file.
			err = chromedp.Do(b,
				chromedp.Navigate(ts.URL+"/track?n="+tracking),
				chromedp.WaitVisible(chromedp.ID("code")),
				chromedp.SendKeys(chromedp.ID("code"), code),
				chromedp.Submit(chromedp.ID("code")),
				chromedp.WaitVisible(chromedp.ID("form-corrected")),
				chromedp.SendKeys(chromedp.ID("text-corrected"), "按机构类别统计即可"),
				chromedp.SetUploadFiles(chromedp.ID("files-corrected"), []string{answer}),
				chromedp.Click(chromedp.ID("submit-corrected")),
				chromedp.WaitVisible(chromedp.CSS(`p.notice[role="status"]`)),
			)
			if err != nil {
				t.Fatal(err)
			}
			state, _ := chromedp.Run(b, chromedp.Text(chromedp.ID("state")))
			if !strings.Contains(state, "办理中") {
				t.Fatalf("state after the answer: %q", state)
			}
			// The clerk is reminded; the answer, with its file, is on the case.
			err = chromedp.Do(b, chromedp.Navigate(ts.URL+"/console/"), chromedp.WaitVisible(chromedp.CSS("main")))
			if err != nil {
				t.Fatal(err)
			}
			home, _ := chromedp.Run(b, chromedp.Text(chromedp.CSS("main")))
			if !strings.Contains(home, "申请人于") || !strings.Contains(home, "提交了补正材料") {
				t.Errorf("console home has no reminder of the answer:\n%s", home)
			}
			// 5. The clerk drafts the 部分公开 letter with a file: the disclosed part and the
			// withheld part with its reason and basis; the text starts from the template and
			// is edited; the clerk cannot approve it.
			err = chromedp.Do(b,
				chromedp.Navigate(caseURL),
				chromedp.WaitVisible(chromedp.ID("history")),
				chromedp.Click(chromedp.ID("open-replied")),
				chromedp.WaitVisible(chromedp.ID("draft-reply")),
				chromedp.Click(chromedp.ID("draft-reply")),
				chromedp.WaitVisible(chromedp.ID("draft-form")),
				chromedp.SetValue(chromedp.ID("reply"), "partial"),
				chromedp.SendKeys(chromedp.ID("disclosed"), "按机构类别统计的2024年度医疗机构执业登记情况"),
				chromedp.SendKeys(chromedp.ID("what-0"), "个体诊所负责人的联系方式"),
				chromedp.SendKeys(chromedp.ID("why-0"), "属于个人隐私，公开会对第三方合法权益造成损害"),
				chromedp.SendKeys(chromedp.ID("basis-0"), "《中华人民共和国政府信息公开条例》第十五条"),
				chromedp.SetUploadFiles(chromedp.ID("files"), []string{disclosed}),
				chromedp.Click(chromedp.ID("save-draft")),
				chromedp.WaitVisible(chromedp.ID("preview")), // only the saved draft's page has it
			)
			if err != nil {
				t.Fatal(err)
			}
			err = chromedp.Do(b,
				chromedp.SendKeys(chromedp.ID("body"), "\n\n如对统计口径有疑问，可致电本机关政府信息公开工作机构。"),
				chromedp.Click(chromedp.ID("save-draft")),
				chromedp.WaitVisible(chromedp.ID("preview")),
			)
			if err != nil {
				t.Fatal(err)
			}
			// The page before the second save shows a preview too: wait for the saved text.
			var draft string
			for i := 0; i < 100; i++ {
				if draft, _ = chromedp.Run(b, chromedp.Text(chromedp.CSS("main"))); strings.Contains(draft, "如对统计口径有疑问") {
					break
				}
				time.Sleep(100 * time.Millisecond)
			}
			for _, want := range []string{"一、予以公开的内容", "二、不予公开的内容", "个体诊所负责人的联系方式。理由：属于个人隐私", "如对统计口径有疑问", filepath.Base(disclosed), "待审核"} {
				if !strings.Contains(draft, want) {
					t.Errorf("the draft lacks %q:\n%s", want, draft)
				}
			}
			if n, _ := chromedp.Run(b, chromedp.Evaluate[int](`document.querySelectorAll("#approve, #issue").length`)); n != 0 {
				t.Fatal("the author is offered approval or issue")
			}
			// 6. A 审核人 approves and sends it.
			err = chromedp.Do(b,
				chromedp.Click(chromedp.CSS(".who button")),
				chromedp.WaitVisible(chromedp.ID("username")),
				chromedp.SendKeys(chromedp.ID("username"), "wj.shenhe"),
				chromedp.SendKeys(chromedp.ID("password"), demo.Password),
				chromedp.Submit(chromedp.ID("password")),
				chromedp.WaitVisible(chromedp.CSS(".who")),
				chromedp.Navigate(caseURL+"/reply"),
				chromedp.WaitVisible(chromedp.ID("approve")),
				chromedp.Click(chromedp.ID("approve")),
				chromedp.WaitVisible(chromedp.ID("issue")),
				chromedp.Click(chromedp.ID("issue")),
				chromedp.WaitNotPresent(chromedp.ID("actions")),
			)
			if err != nil {
				t.Fatal(err)
			}
			history, _ := chromedp.Run(b, chromedp.Text(chromedp.ID("history")))
			if !strings.Contains(history, "补正说明.pdf") || !strings.Contains(history, "申请人") {
				t.Errorf("history lacks the applicant's answer:\n%s", history)
			}
			if !strings.Contains(history, "经 ") || !strings.Contains(history, "审核") {
				t.Errorf("history lacks the letter's approval:\n%s", history)
			}
			// 7. The reply by e-mail: the letter (as edited) and the file attached.
			ms := send(4) // the confirmation of the answer, then the reply
			reply := parse(t, ms[3])
			if reply.Subject != "【清河区卫生健康局】政府信息公开申请答复书" || !strings.Contains(reply.Text, "部分公开") || len(reply.Attachments) != 2 {
				t.Fatalf("reply: %q %d attachments\n%s", reply.Subject, len(reply.Attachments), reply.Text)
			}
			if !bytes.Equal(reply.Attachments[1].Data, disclosedData) || reply.Attachments[1].Name != filepath.Base(disclosed) {
				t.Errorf("attached file %q differs", reply.Attachments[1].Name)
			}
			// 8. The applicant downloads the file on the tracking page.
			err = chromedp.Do(b,
				chromedp.Navigate(ts.URL+"/track/"+tracking),
				chromedp.WaitVisible(chromedp.ID("files")),
			)
			if err != nil {
				t.Fatal(err)
			}
			got, err := chromedp.Run(b, chromedp.Evaluate[string](`fetch(document.querySelector("#files a").href).then(r => r.ok ? r.text() : "HTTP " + r.status)`, chromedp.EvalAwaitPromise))
			if err != nil || got != string(disclosedData) {
				t.Errorf("download on the tracking page: %q %v", got, err)
			}
			sent, _ := chromedp.Run(b, chromedp.Text(chromedp.ID("sent-messages")))
			if strings.Count(sent, "已于") != 4 {
				t.Errorf("the tracking page's messages:\n%s", sent)
			}
		})
	}
}

func parse(t *testing.T, m smtptest.Message) smtptest.Parsed {
	t.Helper()
	p, err := m.Parse()
	if err != nil {
		t.Fatal(err)
	}
	if m.To[0] != "zhangsan@example.cn" {
		t.Errorf("sent to %v", m.To)
	}
	return p
}
