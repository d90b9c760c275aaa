package foirequest

import (
	"strings"
	"testing"

	"gongkai/internal/apperr"
)

func TestCheckMaterial(t *testing.T) {
	handover := func(d Delivery, day string) func(*Event) {
		return func(e *Event) {
			e.Handover = d
			if day != "" {
				e.HandoverDay = dd(day)
			}
		}
	}
	tests := []struct {
		name  string
		asked Delivery
		e     Event
		files int
		want  apperr.Code // "" when allowed
		says  string
	}{
		{"granted by e-mail with a file", DeliveryEmail, ev(EventReplied, "2025-10-09", reply(ReplyGranted)), 1, "", ""},
		{"partial online with files", DeliveryOnline, ev(EventReplied, "2025-10-09", reply(ReplyPartial)), 3, "", ""},
		{"granted by e-mail without material", DeliveryEmail, ev(EventReplied, "2025-10-09", reply(ReplyGranted)), 0, apperr.Invalid, "须附上公开的政府信息文件"},
		{"partial online without material", DeliveryOnline, ev(EventReplied, "2025-10-09", reply(ReplyPartial)), 0, apperr.Invalid, "纸质文本、光盘等存储介质或现场查阅"},
		{"granted by e-mail, paper on a day", DeliveryEmail, ev(EventReplied, "2025-10-09", reply(ReplyGranted), handover(DeliveryPaper, "2025-10-10")), 0, "", ""},
		{"partial by e-mail, on-site the same day", DeliveryEmail, ev(EventReplied, "2025-10-09", reply(ReplyPartial), handover(DeliveryOnSite, "2025-10-09")), 0, "", ""},
		{"granted by e-mail, disk without a day", DeliveryEmail, ev(EventReplied, "2025-10-09", reply(ReplyGranted), handover(DeliveryDisk, "")), 0, apperr.Invalid, "请填写提供或查阅的日期"},
		{"granted by e-mail, handover before the reply", DeliveryEmail, ev(EventReplied, "2025-10-09", reply(ReplyGranted), handover(DeliveryPickup, "2025-10-08")), 0, apperr.Invalid, "不能早于答复日期"},
		{"granted, e-mail named as the other form", DeliveryEmail, ev(EventReplied, "2025-10-09", reply(ReplyGranted), handover(DeliveryEmail, "2025-10-10")), 0, apperr.Invalid, "请选择提供信息的其他方式"},
		{"granted, a day without a form", DeliveryEmail, ev(EventReplied, "2025-10-09", reply(ReplyGranted), handover("", "2025-10-10")), 1, apperr.Invalid, "请选择提供信息的其他方式"},
		{"granted on paper without files", DeliveryPaper, ev(EventReplied, "2025-10-09", reply(ReplyGranted)), 0, "", ""},
		{"on-site asked, partial without files", DeliveryOnSite, ev(EventReplied, "2025-10-09", reply(ReplyPartial)), 0, "", ""},
		{"withheld by e-mail needs no material", DeliveryEmail, ev(EventReplied, "2025-10-09", reply(ReplyStateSecret)), 0, "", ""},
		{"nonexistent online needs no material", DeliveryOnline, ev(EventReplied, "2025-10-09", reply(ReplyNonexistent)), 0, "", ""},
		{"published online needs no material", DeliveryOnline, ev(EventReplied, "2025-10-09", reply(ReplyPublished)), 0, "", ""},
		{"a handover on a refusal", DeliveryEmail, ev(EventReplied, "2025-10-09", reply(ReplyStateSecret), handover(DeliveryPaper, "2025-10-10")), 0, apperr.Invalid, "只有予以公开或部分公开"},
		{"accepted", DeliveryEmail, ev(EventAccepted, "2025-10-09"), 0, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckMaterial(tt.asked, tt.e, tt.files)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if !apperr.Is(err, tt.want) || !strings.Contains(apperr.MessageOf(err), tt.says) {
				t.Fatalf("got %v, want %s saying %q", err, tt.want, tt.says)
			}
		})
	}
}
