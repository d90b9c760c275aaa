package foirequest

import (
	"strings"
	"testing"
	"time"

	"gongkai/internal/apperr"
	"gongkai/internal/workday"
)

func TestValidateCreditCode(t *testing.T) {
	for _, code := range []string{"91350100M000100Y43", "11610802016083285C"} {
		if err := ValidateCreditCode(code); err != nil {
			t.Errorf("%s: %v", code, err)
		}
	}
	bad := map[string]string{
		"91350100M000100Y44": "统一社会信用代码校验位不正确，请核对",
		"91350100M000100Y4":  "统一社会信用代码应为18位",
		"91350100M00010OY43": "统一社会信用代码第15位含有不允许的字符（不使用 I、O、Z、S、V）",
		"913A0100M000100Y43": "统一社会信用代码第3至8位应为行政区划码（数字）",
		"91350100m000100Y43": "统一社会信用代码第9位含有不允许的字符（不使用 I、O、Z、S、V）",
	}
	for code, want := range bad {
		if err := ValidateCreditCode(code); apperr.MessageOf(err) != want || !apperr.Is(err, apperr.Invalid) {
			t.Errorf("%s: %v, want %s", code, err, want)
		}
	}
	if CreditCheckChar("9135010") != 0 || CreditCheckChar("91350100M000100I4") != 0 {
		t.Error("CreditCheckChar must refuse bad input")
	}
}

func TestValidateResidentID(t *testing.T) {
	if err := ValidateResidentID("11010519491231002X"); err != nil {
		t.Errorf("GB 11643 example: %v", err)
	}
	bad := map[string]string{
		"110105194912310021": "居民身份证号码校验位不正确，请核对",
		"1101051949123100":   "居民身份证号码应为18位",
		"11010519491331002X": "居民身份证号码中的出生日期不正确",
		"11010518491231002X": "居民身份证号码中的出生日期不正确",
		"1101051949123100AX": "居民身份证号码前17位应为数字",
	}
	for id, want := range bad {
		if err := ValidateResidentID(id); apperr.MessageOf(err) != want {
			t.Errorf("%s: %v, want %s", id, err, want)
		}
	}
}

func TestApplicantValidate(t *testing.T) {
	person := Applicant{Kind: NaturalPerson, Name: " 张三 ", IDType: IDResident, IDNumber: "11010519491231002x", Phone: "13812345678"}
	org := Applicant{Kind: Business, Name: "某某科技有限公司", CreditCode: "91350100m000100y43", ContactPerson: "李四", Email: "li@example.com"}
	tests := []struct {
		name   string
		a      Applicant
		change func(*Applicant)
		want   string // "" = valid
	}{
		{"person ok", person, func(*Applicant) {}, ""},
		{"org ok", org, func(*Applicant) {}, ""},
		{"passport ok", person, func(a *Applicant) { a.IDType, a.IDNumber = IDPassport, "E12345678" }, ""},
		{"landline ok", person, func(a *Applicant) { a.Phone = "0571-87654321" }, ""},
		{"other org without code", org, func(a *Applicant) { a.Kind, a.CreditCode = OtherOrg, "" }, ""},
		{"no kind", person, func(a *Applicant) { a.Kind = "" }, "请选择申请人类型（自然人或法人或其他组织）"},
		{"no name", person, func(a *Applicant) { a.Name = "" }, "请填写申请人姓名"},
		{"no org name", org, func(a *Applicant) { a.Name = "" }, "请填写法人或其他组织名称"},
		{"no id type", person, func(a *Applicant) { a.IDType = "" }, "请选择身份证件类型"},
		{"no id", person, func(a *Applicant) { a.IDNumber = "" }, "请填写身份证件号码"},
		{"bad id", person, func(a *Applicant) { a.IDNumber = "110105194912310021" }, "居民身份证号码校验位不正确，请核对"},
		{"bad passport", person, func(a *Applicant) { a.IDType, a.IDNumber = IDPassport, "E1-2" }, "护照号码格式不正确"},
		{"no code", org, func(a *Applicant) { a.CreditCode = "" }, "请填写统一社会信用代码"},
		{"bad code", org, func(a *Applicant) { a.CreditCode = "91350100M000100Y42" }, "统一社会信用代码校验位不正确，请核对"},
		{"no contact", org, func(a *Applicant) { a.ContactPerson = "" }, "请填写联系人姓名"},
		{"no way to reach", person, func(a *Applicant) { a.Phone = "" }, "请至少填写一种联系方式（电话、电子邮箱或通信地址）"},
		{"bad phone", person, func(a *Applicant) { a.Phone = "12345" }, "联系电话格式不正确"},
		{"bad email", org, func(a *Applicant) { a.Email = "li@" }, "电子邮箱格式不正确"},
		{"bad post code", person, func(a *Applicant) { a.PostCode = "31000" }, "邮政编码应为6位数字"},
	}
	for _, tt := range tests {
		a := tt.a
		tt.change(&a)
		err := a.Normalized().Validate()
		if tt.want == "" {
			if err != nil {
				t.Errorf("%s: %v", tt.name, err)
			}
			continue
		}
		if !apperr.Is(err, apperr.Invalid) || apperr.MessageOf(err) != tt.want {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
	}
	if got := person.Normalized(); got.Name != "张三" || got.IDNumber != "11010519491231002X" {
		t.Errorf("Normalized = %+v", got)
	}
}

func TestMasking(t *testing.T) {
	tests := []struct {
		fn       func(string) string
		in, want string
	}{
		{MaskID, "330102199001011234", "3301********1234"},
		{MaskID, "E12345678", "E1********78"},
		{MaskID, "123", "********"},
		{MaskID, "", ""},
		{MaskPhone, "13812345678", "138****5678"},
		{MaskPhone, "0571-87654321", "057****4321"},
		{MaskPhone, "87654321", "876****4321"},
		{MaskPhone, "12345", "****2345"},
		{MaskPhone, "", ""},
		{MaskEmail, "zhangsan@example.com", "z***@example.com"},
		{MaskEmail, "张三@例子.中国", "张***@例子.中国"},
		{MaskEmail, "nonsense", "***"},
	}
	for _, tt := range tests {
		if got := tt.fn(tt.in); got != tt.want {
			t.Errorf("mask(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	m := Applicant{Kind: NaturalPerson, Name: "张三", IDNumber: "330102199001011234", Phone: "13812345678", Email: "a@b.cn"}.Masked()
	if m.IDNumber != "3301********1234" || m.Phone != "138****5678" || m.Email != "a***@b.cn" || m.Name != "张三" {
		t.Errorf("Masked = %+v", m)
	}
}

func TestReceiptDay(t *testing.T) {
	today := workday.Day(2025, 10, 9)
	d := func(m time.Month, dd int) time.Time { return workday.Day(2025, m, dd) }
	tests := []struct {
		name string
		in   Intake
		want time.Time
		err  string
	}{
		{"in person", Intake{Channel: ChannelInPerson, Submitted: d(9, 26)}, d(9, 26), ""},
		{"registered mail: signed for", Intake{Channel: ChannelRegisteredMail, Submitted: d(9, 22), SignedFor: d(9, 26)}, d(9, 26), ""},
		{"ordinary mail: confirmed", Intake{Channel: ChannelOrdinaryMail, Confirmed: d(9, 29)}, d(9, 29), ""},
		{"online: both confirm", Intake{Channel: ChannelOnline, Submitted: d(9, 30), Confirmed: d(10, 9)}, d(10, 9), ""},
		{"e-mail", Intake{Channel: ChannelEmail, Submitted: d(9, 30), Confirmed: d(9, 30)}, d(9, 30), ""},
		{"fax", Intake{Channel: ChannelFax, Confirmed: d(9, 28)}, d(9, 28), ""},
		{"other", Intake{Channel: ChannelOther, Confirmed: d(9, 28)}, d(9, 28), ""},
		{"time of day dropped", Intake{Channel: ChannelInPerson, Submitted: time.Date(2025, 9, 26, 15, 4, 0, 0, time.UTC)}, d(9, 26), ""},
		{"no channel", Intake{Submitted: d(9, 26)}, time.Time{}, "请选择申请渠道"},
		{"unknown channel", Intake{Channel: "pigeon", Submitted: d(9, 26)}, time.Time{}, "未知的申请渠道“pigeon”"},
		{"future", Intake{Channel: ChannelInPerson, Submitted: d(10, 10)}, time.Time{}, "提交日期（2025-10-10）不能晚于今天"},
		{"future signature", Intake{Channel: ChannelRegisteredMail, SignedFor: d(10, 20)}, time.Time{}, "签收日期（2025-10-20）不能晚于今天"},
		{"registered mail without signature", Intake{Channel: ChannelRegisteredMail, Submitted: d(9, 22)}, time.Time{},
			"挂号信的申请须填写签收日期（以邮寄方式提交的，以行政机关签收之日为收到申请之日（第三十一条第（二）项））"},
		{"confirmation before sending", Intake{Channel: ChannelOnline, Submitted: d(9, 30), Confirmed: d(9, 29)}, time.Time{},
			"收到申请之日（2025-09-29）不能早于提交日期（2025-09-30）"},
		{"ordinary mail: confirmed the day it arrived", Intake{Channel: ChannelOrdinaryMail, Arrived: d(9, 29), Confirmed: d(9, 29)}, d(9, 29), ""},
		{"ordinary mail: confirmed late", Intake{Channel: ChannelOrdinaryMail, Arrived: d(9, 26), Confirmed: d(9, 29)}, d(9, 29), ""},
		{"ordinary mail: confirmed before it arrived", Intake{Channel: ChannelOrdinaryMail, Arrived: d(9, 29), Confirmed: d(9, 26)}, time.Time{},
			"确认日期（2025-09-26）不能早于来信到达日期（2025-09-29）"},
		{"ordinary mail: arrival in the future", Intake{Channel: ChannelOrdinaryMail, Arrived: d(10, 10), Confirmed: d(10, 9)}, time.Time{},
			"来信到达日期（2025-10-10）不能晚于今天"},
	}
	for _, tt := range tests {
		got, err := tt.in.ReceiptDay(today)
		if tt.err != "" {
			if !apperr.Is(err, apperr.Invalid) || apperr.MessageOf(err) != tt.err {
				t.Errorf("%s: err = %v, want %q", tt.name, err, tt.err)
			}
			continue
		}
		if err != nil || !got.Equal(tt.want) {
			t.Errorf("%s: got %v, %v; want %v", tt.name, got, err, tt.want)
		}
	}
	for _, c := range Channels {
		if c.Label() == string(c) || c.ReceiptRule() == "" {
			t.Errorf("channel %s lacks a label or rule", c)
		}
	}
}

// TestLateConfirmation: a 平信 confirmed after the day it arrived is flagged (第三十一条第（二）项).
func TestLateConfirmation(t *testing.T) {
	d := func(m time.Month, dd int) time.Time { return workday.Day(2025, m, dd) }
	for _, tt := range []struct {
		name string
		in   Intake
		flag bool
	}{
		{"same day", Intake{Channel: ChannelOrdinaryMail, Arrived: d(9, 26), Confirmed: d(9, 26)}, false},
		{"three days later", Intake{Channel: ChannelOrdinaryMail, Arrived: d(9, 26), Confirmed: d(9, 29)}, true},
		{"arrival not recorded", Intake{Channel: ChannelOrdinaryMail, Confirmed: d(9, 29)}, false},
		{"registered mail is signed for, not confirmed", Intake{Channel: ChannelRegisteredMail, Arrived: d(9, 26), SignedFor: d(9, 29), Confirmed: d(9, 29)}, false},
	} {
		if got := tt.in.LateConfirmation() != ""; got != tt.flag {
			t.Errorf("%s: flagged %v, want %v", tt.name, got, tt.flag)
		}
	}
	app := Application{Applicant: Applicant{Kind: NaturalPerson, Name: "张三", IDType: IDResident, IDNumber: "11010519491231002X", Phone: "13800000000", Address: "北京市"},
		Intake: Intake{Channel: ChannelOrdinaryMail, Arrived: d(9, 26), Confirmed: d(9, 29)}, Description: "某文件", Delivery: DeliveryEmail}
	reg, err := Register(app, d(10, 9), 1, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(reg.Events[0].Reason, "晚于到达当日") || !reg.Received.Equal(d(9, 29)) {
		t.Errorf("registration: %s %v", reg.Events[0].Reason, reg.Received)
	}
}
