package foirequest

import (
	"fmt"
	"time"

	"gongkai/internal/apperr"
	"gongkai/internal/workday"
)

// Channel is how an application reached the agency.
type Channel string

const (
	ChannelInPerson       Channel = "in_person"       // 当面
	ChannelRegisteredMail Channel = "registered_mail" // 挂号信
	ChannelOrdinaryMail   Channel = "ordinary_mail"   // 平信
	ChannelOnline         Channel = "online"          // 网络（在线申请平台）
	ChannelEmail          Channel = "email"           // 电子邮件
	ChannelFax            Channel = "fax"             // 传真
	ChannelOther          Channel = "other"           // 其他
)

// Channels lists the channels in display order.
var Channels = []Channel{ChannelInPerson, ChannelRegisteredMail, ChannelOrdinaryMail, ChannelOnline, ChannelEmail, ChannelFax, ChannelOther}

// Label is the Chinese name of the channel.
func (c Channel) Label() string {
	switch c {
	case ChannelInPerson:
		return "当面"
	case ChannelRegisteredMail:
		return "挂号信"
	case ChannelOrdinaryMail:
		return "平信"
	case ChannelOnline:
		return "网络"
	case ChannelEmail:
		return "电子邮件"
	case ChannelFax:
		return "传真"
	case ChannelOther:
		return "其他"
	}
	return string(c)
}

// Valid reports whether c is a known channel.
func (c Channel) Valid() bool {
	for _, x := range Channels {
		if c == x {
			return true
		}
	}
	return false
}

// ReceiptRule is the rule of 条例第三十一条 that fixes the day of receipt for the channel,
// in Chinese, for forms and explanations.
func (c Channel) ReceiptRule() string {
	switch c {
	case ChannelInPerson:
		return "当面提交的，以提交之日为收到申请之日（第三十一条第（一）项）"
	case ChannelRegisteredMail:
		return "以邮寄方式提交的，以行政机关签收之日为收到申请之日（第三十一条第（二）项）"
	case ChannelOrdinaryMail:
		return "以平常信函等无需签收的邮寄方式提交的，以政府信息公开工作机构与申请人确认之日为收到申请之日（第三十一条第（二）项）"
	case ChannelOnline, ChannelEmail, ChannelFax:
		return "通过互联网渠道或者传真提交的，以双方确认之日为收到申请之日（第三十一条第（三）项）"
	case ChannelOther:
		return "以其他方式提交的，以政府信息公开工作机构确认收到之日为收到申请之日"
	}
	return ""
}

// Intake is the facts recorded when an application arrives; which dates are needed
// depends on the channel (see ReceiptDay).
type Intake struct {
	Channel   Channel   `json:"channel"`
	Submitted time.Time `json:"submitted"`           // 提交日: handed in, posted or sent
	SignedFor time.Time `json:"signed_for,omitzero"` // 签收日 (registered mail)
	Confirmed time.Time `json:"confirmed,omitzero"`  // 确认日 (ordinary mail, internet, e-mail, fax, other)
	Arrived   time.Time `json:"arrived,omitzero"`    // 来信到达日 (ordinary mail): the office confirms that day
}

// LateConfirmation is the finding, in Chinese, when a 平信 was confirmed with the
// applicant later than the day it arrived (第三十一条第（二）项: the office confirms with the
// applicant on the day it receives the letter); "" otherwise.
func (in Intake) LateConfirmation() string {
	if in.Channel != ChannelOrdinaryMail || in.Arrived.IsZero() || in.Confirmed.IsZero() || !in.Confirmed.After(in.Arrived) {
		return ""
	}
	return fmt.Sprintf("平信于%s到达，%s才与申请人确认收到，晚于到达当日（第三十一条第（二）项：政府信息公开工作机构应当于收到申请的当日与申请人确认）",
		workday.FormatChinese(in.Arrived), workday.FormatChinese(in.Confirmed))
}

// ReceiptDay applies 条例第三十一条: in person, the day submitted; registered mail, the
// day signed for; ordinary mail, the day the office confirms with the applicant; internet,
// e-mail and fax, the day both sides confirm; other channels, the day the office confirms.
// today is the current China day: no date may lie after it. Errors are apperr.Invalid.
func (in Intake) ReceiptDay(today time.Time) (time.Time, error) {
	if !in.Channel.Valid() {
		if in.Channel == "" {
			return time.Time{}, apperr.New(apperr.Invalid, "请选择申请渠道")
		}
		return time.Time{}, apperr.Newf(apperr.Invalid, "未知的申请渠道“%s”", string(in.Channel))
	}
	today = workday.Normalize(today)
	check := func(t time.Time, what string) (time.Time, error) {
		if t.IsZero() {
			return time.Time{}, apperr.Newf(apperr.Invalid, "%s的申请须填写%s（%s）", in.Channel.Label(), what, in.Channel.ReceiptRule())
		}
		t = workday.Normalize(t)
		if t.After(today) {
			return time.Time{}, apperr.Newf(apperr.Invalid, "%s（%s）不能晚于今天", what, workday.Format(t))
		}
		return t, nil
	}
	var submitted time.Time
	if !in.Submitted.IsZero() {
		var err error
		if submitted, err = check(in.Submitted, "提交日期"); err != nil {
			return time.Time{}, err
		}
	}
	var day time.Time
	var err error
	switch in.Channel {
	case ChannelInPerson:
		return check(in.Submitted, "提交日期")
	case ChannelRegisteredMail:
		day, err = check(in.SignedFor, "签收日期")
	default:
		day, err = check(in.Confirmed, "确认日期")
	}
	if err != nil {
		return time.Time{}, err
	}
	if in.Channel == ChannelOrdinaryMail && !in.Arrived.IsZero() {
		arrived, err := check(in.Arrived, "来信到达日期")
		if err != nil {
			return time.Time{}, err
		}
		if day.Before(arrived) {
			return time.Time{}, apperr.Newf(apperr.Invalid, "确认日期（%s）不能早于来信到达日期（%s）", workday.Format(day), workday.Format(arrived))
		}
		if !submitted.IsZero() && arrived.Before(submitted) {
			return time.Time{}, apperr.Newf(apperr.Invalid, "来信到达日期（%s）不能早于提交日期（%s）", workday.Format(arrived), workday.Format(submitted))
		}
	}
	if !submitted.IsZero() && day.Before(submitted) {
		return time.Time{}, apperr.Newf(apperr.Invalid, "收到申请之日（%s）不能早于提交日期（%s）", workday.Format(day), workday.Format(submitted))
	}
	return day, nil
}
