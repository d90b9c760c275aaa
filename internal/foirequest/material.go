package foirequest

import (
	"gongkai/internal/apperr"
	"gongkai/internal/workday"
)

// Electronic reports whether the applicant asked for the information in electronic form
// (电子邮件, 网上获取): the reply then carries it as files.
func (d Delivery) Electronic() bool { return d == DeliveryEmail || d == DeliveryOnline }

// HandoverForms are the forms of delivery that may stand in for files attached to a
// disclosing reply asked for electronically: paper (posted or collected), a disk, or
// consultation on the premises, each on a stated day.
var HandoverForms = []Delivery{DeliveryPaper, DeliveryPickup, DeliveryDisk, DeliveryOnSite}

// IsHandover reports whether d is one of HandoverForms.
func (d Delivery) IsHandover() bool {
	for _, x := range HandoverForms {
		if d == x {
			return true
		}
	}
	return false
}

// CheckMaterial applies the rule of a disclosing reply's material: a 予以公开 or 部分公开
// reply (第三十六条第（二）项, 第三十七条) to an application that asked for the information
// electronically (asked) must carry the information as files (files attached to the
// reply) or name another form of delivery (e.Handover: 纸质、光盘、现场查阅) with its day
// (e.HandoverDay, not before the reply). Every other step passes. A named form is checked
// whatever was asked. Errors are apperr.Invalid with the Chinese message shown on the form.
func CheckMaterial(asked Delivery, e Event, files int) error {
	if e.Type != EventReplied || (e.Reply != ReplyGranted && e.Reply != ReplyPartial) {
		if e.Handover != "" || !e.HandoverDay.IsZero() {
			return apperr.New(apperr.Invalid, "只有予以公开或部分公开的答复才需要注明提供信息的方式和日期")
		}
		return nil
	}
	if e.Handover != "" || !e.HandoverDay.IsZero() {
		if !e.Handover.IsHandover() {
			return apperr.New(apperr.Invalid, "请选择提供信息的其他方式（纸质文本、光盘等存储介质或现场查阅）")
		}
		if e.HandoverDay.IsZero() {
			return apperr.Newf(apperr.Invalid, "以%s提供的，请填写提供或查阅的日期", e.Handover.Label())
		}
		hd, d := workday.Normalize(e.HandoverDay), workday.Normalize(e.Day)
		if !d.IsZero() && hd.Before(d) {
			return apperr.Newf(apperr.Invalid, "提供信息的日期（%s）不能早于答复日期（%s）", workday.FormatChinese(hd), workday.FormatChinese(d))
		}
		return nil
	}
	if asked.Electronic() && files == 0 {
		return apperr.Newf(apperr.Invalid, "申请人要求以%s获取信息，%s的答复须附上公开的政府信息文件；不能以电子方式提供的，请注明以纸质文本、光盘等存储介质或现场查阅方式提供及其日期",
			asked.Label(), e.Reply.Label())
	}
	return nil
}
