package letter

import (
	"archive/zip"
	"bytes"
	"flag"
	"gongkai/internal/account"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gongkai/internal/apperr"
	"gongkai/internal/docx/docxtest"
	"gongkai/internal/foirequest"
	"gongkai/internal/workday"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func dd(s string) time.Time {
	d, err := workday.ParseDay(s)
	if err != nil {
		panic(err)
	}
	return d
}

var testAgency = Agency{
	Name: "清河区卫生健康局", ShortName: "区卫健局", Office: "清河区卫生健康局办公室",
	Address: "清河区人民路88号卫生健康局三楼302室", PostCode: "719000", Phone: "0912-3251234",
	ReviewOrgan: "清河区人民政府",
}

func baseInput(k Kind) Input {
	return Input{
		Kind: k, Agency: testAgency, Applicant: "张三", Number: "卫健依申〔2025〕第12号",
		Received: dd("2025-03-05"), Description: "2024年度本区医疗机构执业登记情况统计表",
		Delivery: foirequest.DeliveryEmail, Issued: dd("2025-03-26"),
	}
}

// details are the office's words a real reply of each type would carry; types missing
// here are composed without them (the statutory wording alone).
var details = map[foirequest.ReplyType]string{
	foirequest.ReplyPublished:       "该信息已于2025年1月20日在清河区人民政府门户网站“政府信息公开—法定主动公开内容—统计信息”栏目公开，您可登录查阅",
	foirequest.ReplyGranted:         "该信息详见附件",
	foirequest.ReplyPartial:         "统计表中“联系人手机号码”一栏属于个人隐私，公开会对第三方合法权益造成损害，依据《中华人民共和国政府信息公开条例》第十五条的规定不予公开",
	foirequest.ReplyNotHeld:         "经了解，该信息由清河区市场监督管理局负责公开，联系电话：0912-3250101",
	foirequest.ReplyOther:           "您提出的申请系咨询医疗机构开业审批办理流程，本机关已通过电话向您作出解答",
	foirequest.ReplyLawForbids:      "依据《中华人民共和国统计法》第二十五条的规定，统计调查中获得的能够识别单个统计调查对象的资料不得对外提供",
	foirequest.ReplyStillUnclear:    "",
	foirequest.ReplyPublication:     "",
	foirequest.ReplyEnforcementFile: "",
}

func TestReplyLetters(t *testing.T) {
	for _, r := range foirequest.ReplyTypes {
		t.Run(string(r), func(t *testing.T) {
			in := baseInput(KindReply)
			in.Reply = r
			in.Detail = details[r]
			switch r {
			case foirequest.ReplyStillUnclear, foirequest.ReplyNoCorrection:
				in.NoticeDay = dd("2025-03-07")
			case foirequest.ReplyFeeUnpaid:
				in.NoticeDay = dd("2025-03-10")
			}
			l, err := Compose(in)
			if err != nil {
				t.Fatal(err)
			}
			text := l.Text()
			golden(t, "reply_"+strings.ReplaceAll(string(r), ".", "_"), text)
			// Every reply states its legal basis and the remedies.
			if b := r.Basis(); b != "" && !strings.Contains(text, b) {
				t.Errorf("basis %q missing", b)
			}
			if !strings.Contains(text, foirequest.Remedies(r, "清河区人民政府", "")) {
				t.Error("remedies missing")
			}
			if strings.Contains(text, "{") {
				t.Errorf("unexpanded placeholder in %q", text)
			}
		})
	}
}

func TestNoticeLetters(t *testing.T) {
	cases := []struct {
		name string
		in   func(Input) Input
	}{
		{"correction", func(in Input) Input {
			in.Kind, in.Issued, in.Days, in.Until = KindCorrection, dd("2025-03-07"), 10, dd("2025-03-21")
			in.Detail = "请写明所需统计表的年度范围（例如2024年度）及统计口径（全部医疗机构或仅民营医疗机构）"
			return in
		}},
		{"extension", func(in Input) Input {
			in.Kind, in.Issued, in.Days, in.Until = KindExtension, dd("2025-03-31"), 20, dd("2025-04-29")
			in.Detail = "您申请公开的信息数量较多，需要调取2019年以来的纸质档案进行检索。"
			return in
		}},
		{"fee", func(in Input) Input {
			in.Kind, in.Issued, in.Amount, in.Until = KindFee, dd("2025-03-10"), 200, dd("2025-04-08")
			in.Detail = "按件计收，本申请为您本月提交的第12件申请，第11件至第30件每件收费100元"
			return in
		}},
		{"fee_org", func(in Input) Input {
			in.Kind, in.Issued, in.Amount, in.Until = KindFee, dd("2025-03-10"), 350, time.Time{}
			in.Applicant, in.Organization = "清河市某某信息咨询有限公司", true
			return in
		}},
		{"consultation", func(in Input) Input {
			in.Kind, in.Issued, in.Until = KindConsultation, dd("2025-03-12"), dd("2025-04-02")
			in.Party, in.Addressee = foirequest.PartyThirdParty, "清河仁和医院有限公司"
			return in
		}},
		{"consultation_organ", func(in Input) Input {
			in.Kind, in.Issued, in.Until = KindConsultation, dd("2025-03-12"), dd("2025-04-02")
			in.Party, in.Addressee = foirequest.PartyOrgan, "清河区医疗保障局"
			return in
		}},
		{"consultation_blank", func(in Input) Input {
			in.Kind, in.Issued = KindConsultation, dd("2025-03-12")
			in.Party, in.Applicant = foirequest.PartyThirdParty, ""
			return in
		}},
		{"granted_org_no_number", func(in Input) Input {
			in.Reply, in.Number = foirequest.ReplyGranted, ""
			in.Applicant, in.Organization = "清河市某某律师事务所", true
			in.Agency.ReviewOrgan, in.Agency.ShortName = "", ""
			in.Delivery = foirequest.DeliveryPickup
			return in
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := c.in(baseInput(KindReply))
			l, err := Compose(in)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, c.name, l.Text())
		})
	}
}

func TestConsultationHidesApplicant(t *testing.T) {
	in := baseInput(KindConsultation)
	in.Party = foirequest.PartyThirdParty
	l, err := Compose(in)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(l.Text(), "张三") {
		t.Error("a letter to a third party names the applicant")
	}
}

func TestComposeErrors(t *testing.T) {
	cases := []struct {
		name string
		in   func(Input) Input
		want string
	}{
		{"kind", func(in Input) Input { in.Kind = "x"; return in }, "未知的文书类型"},
		{"agency", func(in Input) Input { in.Agency.Name = " "; return in }, "文书缺少机关名称"},
		{"applicant", func(in Input) Input { in.Applicant = ""; return in }, "文书缺少申请人姓名或名称"},
		{"received", func(in Input) Input { in.Received = time.Time{}; return in }, "文书缺少收到申请之日"},
		{"issued", func(in Input) Input { in.Issued = time.Time{}; return in }, "文书缺少成文日期"},
		{"description", func(in Input) Input { in.Description = ""; return in }, "文书缺少申请公开的政府信息描述"},
		{"reply", func(in Input) Input { in.Reply = ""; return in }, "请选择答复类型"},
		{"published", func(in Input) Input { in.Reply = foirequest.ReplyPublished; return in }, "已主动公开的答复须写明获取该政府信息的方式和途径"},
		{"partial", func(in Input) Input { in.Reply = foirequest.ReplyPartial; return in }, "部分公开的答复须写明不予公开的内容及其理由"},
		{"other", func(in Input) Input { in.Reply = foirequest.ReplyOther; return in }, "其他处理的答复须写明处理情况和理由"},
		{"correction detail", func(in Input) Input { in.Kind, in.Days = KindCorrection, 5; return in }, "补正告知书须写明需要补正的事项"},
		{"correction days", func(in Input) Input { in.Kind, in.Detail = KindCorrection, "x"; return in }, "补正告知书须写明补正期限"},
		{"extension days", func(in Input) Input {
			in.Kind, in.Days, in.Detail, in.Until = KindExtension, 21, "x", dd("2025-05-01")
			return in
		}, "延期答复告知书须写明延长的工作日数（1至20个工作日）"},
		{"extension reason", func(in Input) Input { in.Kind, in.Days, in.Until = KindExtension, 5, dd("2025-05-01"); return in }, "延期答复告知书须写明延期的理由"},
		{"extension due", func(in Input) Input { in.Kind, in.Days, in.Detail = KindExtension, 5, "x"; return in }, "延期答复告知书须写明延长后的答复期限"},
		{"fee", func(in Input) Input { in.Kind = KindFee; return in }, "收费通知书须写明收费金额"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := baseInput(KindReply)
			in.Reply = foirequest.ReplyGranted
			_, err := Compose(c.in(in))
			if !apperr.Is(err, apperr.Invalid) || apperr.MessageOf(err) != c.want {
				t.Errorf("got %v, want %q", err, c.want)
			}
		})
	}
}

func TestDocNumber(t *testing.T) {
	cases := []struct {
		kind   Kind
		ag     Agency
		number string
		want   string
	}{
		{KindReply, testAgency, "2025-0012", "区卫健局公复〔2025〕12号"},
		{KindCorrection, testAgency, "2025-0100", "区卫健局公补〔2025〕100号"},
		{KindFee, Agency{Name: "清河区医疗保障局"}, "2024-7", "清河区医疗保障局公费〔2024〕7号"},
		{KindReply, testAgency, "卫健依申〔2026〕第15号", "卫健依申复〔2026〕15号"},
		{KindExtension, testAgency, "医保依申〔2025〕第007号", "医保依申延〔2025〕7号"},
		{KindReply, testAgency, "QH-12", "申请编号：QH-12"},
		{KindReply, testAgency, "", ""},
	}
	for _, c := range cases {
		if got := docNumber(c.kind, c.ag, c.number); got != c.want {
			t.Errorf("docNumber(%s, %q) = %q, want %q", c.kind, c.number, got, c.want)
		}
	}
}

// golden compares text with testdata/<name>.golden (go test -update rewrites it).
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file:\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

func TestDOCX(t *testing.T) {
	in := baseInput(KindReply)
	in.Reply = foirequest.ReplyPartial
	in.Detail = details[foirequest.ReplyPartial] + "<&>"
	l, err := Compose(in)
	if err != nil {
		t.Fatal(err)
	}
	data, err := l.DOCX()
	if err != nil {
		t.Fatal(err)
	}
	paras := docxtest.Paragraphs(t, data)
	want := []string{l.Title, l.DocNumber, l.To + "："}
	want = append(want, l.Paragraphs...)
	want = append(want, l.Contact, "", "", l.Signer, l.DateText())
	if strings.Join(paras, "\n") != strings.Join(want, "\n") {
		t.Errorf("document text:\n%s\nwant:\n%s", strings.Join(paras, "\n"), strings.Join(want, "\n"))
	}
	again, _ := l.DOCX()
	if !bytes.Equal(data, again) {
		t.Error("the same letter gives different bytes")
	}
	// The styles name the 公文 fonts and A4.
	z, _ := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	for _, f := range z.File {
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		switch f.Name {
		case "word/styles.xml":
			for _, s := range []string{`w:eastAsia="仿宋_GB2312"`, `w:eastAsia="方正小标宋简体"`, `w:sz w:val="44"`, `w:sz w:val="32"`} {
				if !strings.Contains(string(b), s) {
					t.Errorf("styles lack %s", s)
				}
			}
		case "word/fontTable.xml":
			if !strings.Contains(string(b), `<w:altName w:val="仿宋"/>`) || !strings.Contains(string(b), `<w:altName w:val="宋体"/>`) {
				t.Error("font table lacks the 仿宋/宋体 alternates")
			}
		case "word/document.xml":
			if !strings.Contains(string(b), `<w:pgSz w:w="11906" w:h="16838"/>`) {
				t.Error("page is not A4")
			}
		}
	}
}

// FuzzDOCX: whatever the office writes, the document stays well-formed and keeps the text
// (less the characters XML cannot carry).
func FuzzDOCX(f *testing.F) {
	f.Add("该信息详见附件", "张三")
	f.Add("a<b>&c\x00\x1f\ufffe", "O'Brien & \"Sons\"")
	f.Add("]]><w:p>", "\t\n")
	f.Fuzz(func(t *testing.T, detail, name string) {
		in := baseInput(KindReply)
		in.Reply = foirequest.ReplyOther
		in.Detail = detail
		in.Applicant = name
		l, err := Compose(in)
		if err != nil {
			if !apperr.Is(err, apperr.Invalid) {
				t.Fatal(err)
			}
			return
		}
		data, err := l.DOCX()
		if err != nil {
			t.Fatal(err)
		}
		paras := docxtest.Paragraphs(t, data)
		if len(paras) < 4 {
			t.Fatalf("paragraphs: %q", paras)
		}
	})
}

func TestForApplication(t *testing.T) {
	cal := workday.MustNew()
	app, err := foirequest.Register(foirequest.Application{
		Number: "2025-0012",
		Applicant: foirequest.Applicant{Kind: foirequest.NaturalPerson, Name: "张三", IDType: foirequest.IDResident,
			IDNumber: "11010519491231002X", Phone: "13812345678"},
		Intake:      foirequest.Intake{Channel: foirequest.ChannelOnline, Submitted: dd("2025-03-05"), Confirmed: dd("2025-03-05")},
		Description: "2024年度本区医疗机构执业登记情况统计表",
		Delivery:    foirequest.DeliveryEmail,
	}, dd("2025-03-05"), 0, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	handler := account.Principal{UserID: 1, Name: "赵刚", Roles: []account.Role{account.Clerk, account.Head}}
	add := func(e foirequest.Event) {
		t.Helper()
		c, err := app.Case(cal)
		if err != nil {
			t.Fatal(err)
		}
		if err := c.Apply(handler, e, cal); err != nil {
			t.Fatalf("%s: %v", e.Type, err)
		}
		app.Events = append(app.Events, e)
	}
	if _, err := ForApplication(app, testAgency, KindReply, cal); !apperr.Is(err, apperr.Conflict) {
		t.Errorf("reply before replying: %v", err)
	}
	if _, err := ForApplication(app, testAgency, KindFee, cal); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("fee notice without a fee: %v", err)
	}
	add(foirequest.Event{Type: foirequest.EventCorrectionRequested, Method: foirequest.NoticeInPerson, Day: dd("2025-03-07"), Days: 10, Reason: "请写明年度范围"})
	in, err := ForApplication(app, testAgency, KindCorrection, cal)
	if err != nil {
		t.Fatal(err)
	}
	if in.Days != 10 || !in.Until.Equal(dd("2025-03-21")) || in.Detail != "请写明年度范围" || !in.Issued.Equal(dd("2025-03-07")) {
		t.Errorf("correction input %+v", in)
	}
	add(foirequest.Event{Type: foirequest.EventCorrected, Day: dd("2025-03-10")})
	add(foirequest.Event{Type: foirequest.EventExtended, Day: dd("2025-04-03"), Days: 20, ApprovedBy: "赵刚", Reason: "需要调取纸质档案"})
	in, err = ForApplication(app, testAgency, KindExtension, cal)
	if err != nil {
		t.Fatal(err)
	}
	// Corrected on 10 March: 20 working days end on 7 April (清明 4 April is a holiday), plus 20 more.
	c, _ := app.Case(cal)
	want := c.Explain(cal, dd("2025-04-03")).Due
	if in.Days != 20 || !in.Until.Equal(want) || want.IsZero() {
		t.Errorf("extension until %s, want %s", workday.Format(in.Until), workday.Format(want))
	}
	add(foirequest.Event{Type: foirequest.EventReplied, Day: dd("2025-04-20"), Reply: foirequest.ReplyGranted, Reason: "该信息详见附件"})
	in, err = ForApplication(app, testAgency, KindReply, cal)
	if err != nil {
		t.Fatal(err)
	}
	l, err := Compose(in)
	if err != nil {
		t.Fatal(err)
	}
	text := l.Text()
	if !strings.Contains(text, "2025年4月20日") || !strings.Contains(text, "该信息详见附件。") || !strings.Contains(text, "2025年3月5日收到您提交") {
		t.Errorf("reply letter:\n%s", text)
	}
	for _, secret := range []string{"11010519491231002X", "13812345678", "1101", "5678"} {
		if strings.Contains(text, secret) {
			t.Errorf("letter shows %s", secret)
		}
	}
}

func TestForApplicationAbandoned(t *testing.T) {
	cal := workday.MustNew()
	app, err := foirequest.Register(foirequest.Application{
		Applicant:   foirequest.Applicant{Kind: foirequest.OtherOrg, Name: "清河市某某读书会", ContactPerson: "李四", Email: "a@b.cn"},
		Intake:      foirequest.Intake{Channel: foirequest.ChannelInPerson, Submitted: dd("2025-03-05")},
		Description: "信息",
		Delivery:    foirequest.DeliveryEmail,
	}, dd("2025-03-05"), 1, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	app.Events = append(app.Events,
		foirequest.Event{Type: foirequest.EventCorrectionRequested, Method: foirequest.NoticeInPerson, Day: dd("2025-03-07"), Days: 5, Reason: "请说明所需信息的年度"},
		foirequest.Event{Type: foirequest.EventNoCorrection, Day: dd("2025-03-20"), Reason: "逾期未补正"},
	)
	in, err := ForApplication(app, testAgency, KindReply, cal)
	if err != nil {
		t.Fatal(err)
	}
	if in.Reply != foirequest.ReplyNoCorrection || !in.NoticeDay.Equal(dd("2025-03-07")) || !in.Issued.Equal(dd("2025-03-20")) || !in.Organization || in.Detail != "" {
		t.Errorf("abandoned input %+v", in)
	}
	l, err := Compose(in)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(l.Text(), "本机关已于2025年3月7日向贵单位发出补正告知书") {
		t.Errorf("letter:\n%s", l.Text())
	}
}
