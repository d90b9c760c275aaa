package foirequest

import (
	"strings"
	"testing"
	"time"

	"gongkai/internal/apperr"
	"gongkai/internal/workday"
)

func TestRegister(t *testing.T) {
	app := Application{
		Applicant:   Applicant{Kind: NaturalPerson, Name: "张三", IDType: IDResident, IDNumber: "11010519491231002X", Phone: "13812345678"},
		Intake:      Intake{Channel: ChannelRegisteredMail, Submitted: dd("2025-09-22"), SignedFor: dd("2025-09-26")},
		Description: "  2025年本区老旧小区改造项目清单  ",
		Delivery:    DeliveryEmail,
	}
	at := time.Date(2025, 9, 26, 2, 0, 0, 0, time.UTC)
	got, err := Register(app, dd("2025-09-26"), 3, at)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Received.Equal(dd("2025-09-26")) || len(got.Events) != 1 || got.Events[0].UserID != 3 || got.Description != "2025年本区老旧小区改造项目清单" {
		t.Fatalf("registered = %+v", got)
	}
	c, err := got.Case(nil)
	if err != nil || c.State != StateRegistered {
		t.Fatalf("case %v %v", c, err)
	}
	if r, err := got.Record(workday.MustNew()); err != nil || r.Kind != NaturalPerson || !r.Closed.IsZero() {
		t.Errorf("record %+v %v", r, err)
	}
	if _, err := Register(got, dd("2025-09-26"), 3, at); !apperr.Is(err, apperr.Conflict) {
		t.Errorf("registering twice: %v", err)
	}
	bad := app
	bad.Description = " "
	if _, err := Register(bad, dd("2025-09-26"), 3, at); apperr.MessageOf(err) != "请描述申请公开的政府信息（名称、文号或者便于查询的其他特征性描述）" {
		t.Errorf("no description: %v", err)
	}
	bad = app
	bad.Delivery = ""
	if _, err := Register(bad, dd("2025-09-26"), 3, at); apperr.MessageOf(err) != "请选择获取信息的方式" {
		t.Errorf("no delivery: %v", err)
	}
	bad = app
	bad.Intake.SignedFor = dd("2025-09-27")
	if _, err := Register(bad, dd("2025-09-26"), 3, at); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("future signature: %v", err)
	}
	bad = app
	bad.Applicant.Phone = ""
	if _, err := Register(bad, dd("2025-09-26"), 3, at); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("no contact: %v", err)
	}
}

func BenchmarkExplain(b *testing.B) {
	events := []Event{
		ev(EventRegistered, "2025-09-01"), ev(EventAccepted, "2025-09-02"),
		ev(EventConsultationStarted, "2025-09-10", party(PartyThirdParty)), ev(EventConsultationEnded, "2025-09-24"),
		ev(EventExtended, "2025-10-15", days(20), approved("王主任")),
	}
	cal := workday.MustNew()
	asOf := dd("2025-10-16")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Explain(events, cal, asOf); err != nil {
			b.Fatal(err)
		}
	}
}

// A form reports every problem in one pass: each one named, in the order of the form.
func TestRegisterReportsEveryProblem(t *testing.T) {
	today := workday.Day(2025, 9, 1)
	tests := []struct {
		name string
		app  Application
		want []string
	}{
		{"empty natural person", Application{Applicant: Applicant{Kind: NaturalPerson}, Intake: Intake{Channel: ChannelInPerson}},
			[]string{"请填写申请人姓名", "请选择身份证件类型", "请至少填写一种联系方式", "须填写提交日期", "请描述申请公开的政府信息", "请选择获取信息的方式"}},
		{"organization without its fields", Application{Applicant: Applicant{Kind: Business, Name: "某公司", Phone: "abc"}, Intake: Intake{Channel: ChannelInPerson, Submitted: today}, Description: "某文件", Delivery: DeliveryEmail},
			[]string{"请填写统一社会信用代码", "请填写联系人姓名", "联系电话格式不正确"}},
		{"no kind", Application{Description: "x", Delivery: DeliveryPaper, Intake: Intake{Channel: ChannelInPerson, Submitted: today}, Applicant: Applicant{Phone: "13812345678"}},
			[]string{"请选择申请人类型", "请填写申请人姓名"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Register(tt.app, today, 0, time.Time{})
			if !apperr.Is(err, apperr.Invalid) {
				t.Fatalf("got %v", err)
			}
			msg, at := apperr.MessageOf(err), -1
			for _, w := range tt.want {
				i := strings.Index(msg, w)
				if i < 0 || i < at {
					t.Fatalf("%q missing or out of order in %q", w, msg)
				}
				at = i
			}
			if n := strings.Count(msg, "；") + 1; n != len(tt.want) {
				t.Errorf("%d problems reported, want %d: %s", n, len(tt.want), msg)
			}
		})
	}
}
