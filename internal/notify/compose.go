package notify

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"gongkai/internal/apperr"
	"gongkai/internal/foirequest"
	"gongkai/internal/letter"
	"gongkai/internal/workday"
)

// Input is everything a message says, gathered by the store from the case as it stood
// right after the step (so a message sent late says what it would have said at once).
type Input struct {
	Kind        Kind
	Agency      letter.Agency
	Applicant   string // 姓名 or 名称
	Number      string // case number
	Tracking    string // 查询号
	Description string
	Received    time.Time
	Step        foirequest.Event // the step (zero for KindQueryCode)
	Due         time.Time        // the due day right after the step (zero when none: paused, closed)
	Outcome     foirequest.ReplyType
	Letter      *letter.Letter // the step's letter, when it has one
	Files       []File         // the step's files the applicant receives
	TrackURL    string         // the tracking page
	Code        string         // KindQueryCode: the new query code
}

// File is a file of the step: attached when the message is small enough, else linked.
type File struct {
	Name        string
	ContentType string
	Data        []byte
	Link        string    // a download link that works without the query code, until Expires
	Expires     time.Time // the link's expiry
}

// Attachment is a file attached to an e-mail.
type Attachment struct {
	Name        string
	ContentType string
	Data        []byte
}

// Mail is an e-mail's content (the sender adds the envelope and headers).
type Mail struct {
	To          string
	ToName      string
	Subject     string
	Text        string
	Attachments []Attachment
}

const docxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

// DefaultMaxAttach is the largest total size attached to one e-mail; larger files go as
// download links. Many mail services refuse messages over 20 MB, and base64 adds a third.
const DefaultMaxAttach = 10 << 20

func day(t time.Time) string { return workday.FormatChinese(t) }

// about is the case in one phrase: 您于2025年9月1日提交的政府信息公开申请（申请编号：…）.
func (in Input) about() string {
	return fmt.Sprintf("您于%s提交的政府信息公开申请（申请编号：%s）", day(in.Received), in.Number)
}

func (in Input) short() string {
	d := strings.Join(strings.Fields(in.Description), " ")
	if utf8.RuneCountInString(d) > 60 {
		d = string([]rune(d)[:60]) + "…"
	}
	return d
}

// lines is the body of the message of in, paragraph by paragraph, and its subject.
func (in Input) lines() (string, []string, error) {
	ag := in.Agency.Name
	e := in.Step
	dueLine := func() string {
		if in.Due.IsZero() {
			return ""
		}
		return "答复期限届满日为" + day(in.Due) + "。"
	}
	switch in.Kind {
	case KindQueryCode:
		if in.Code == "" {
			return "", nil, apperr.New(apperr.Invalid, "新查询码为空")
		}
		return "您的申请查询码已重新生成", []string{
			fmt.Sprintf("%s的新查询码为：%s", in.about(), in.Code),
			"原查询码已失效。请凭查询号" + in.Tracking + "和新查询码查看办理情况。如非本人操作，请及时与" + ag + "联系。",
		}, nil
	}
	switch e.Type {
	case foirequest.EventRegistered:
		return "已收到您的政府信息公开申请", []string{
			fmt.Sprintf("%s已于%s收到您的政府信息公开申请（申请编号：%s）。", ag, day(in.Received), in.Number),
			"申请内容：" + in.short(),
			"依照《中华人民共和国政府信息公开条例》第三十三条，本机关将自收到申请之日起20个工作日内予以答复，" + dueLine(),
			"查询号：" + in.Tracking + "。凭查询号和提交申请时获得的查询码，可以在查询页面查看办理情况、阅读和下载文书、提交补正材料或者撤回申请。",
		}, nil
	case foirequest.EventCorrectionRequested:
		return "政府信息公开申请补正告知书", []string{
			in.about() + "需要补正，《政府信息公开申请补正告知书》见附件。",
			"补正事项：" + e.Reason,
			fmt.Sprintf("请在收到告知书之日起%d个工作日内补正。您可以在查询页面直接提交补正内容和材料。", e.Days),
		}, nil
	case foirequest.EventCorrected:
		return "已收到您的补正材料", []string{
			fmt.Sprintf("%s已于%s收到%s的补正材料。", ag, day(e.Day), in.about()),
			"依照《中华人民共和国政府信息公开条例》第三十条，答复期限自收到补正后的申请之日起计算，" + dueLine(),
		}, nil
	case foirequest.EventConsultationStarted:
		basis := "第三十二条"
		if e.Party == foirequest.PartyOrgan {
			basis = "第三十四条"
		}
		return "政府信息公开申请征求意见告知", []string{
			fmt.Sprintf("%s涉及%s，本机关已于%s依照《中华人民共和国政府信息公开条例》%s征求%s意见。", in.about(), consultedAbout(e.Party), day(e.Day), basis, e.Party.Label()),
			"依照条例第三十三条第三款，征求意见所需时间不计算在答复期限内，答复期限将相应顺延。",
		}, nil
	case foirequest.EventFeeNotified:
		return "政府信息公开申请收费通知书", []string{
			fmt.Sprintf("%s需要收取信息处理费%d元，《政府信息公开申请收费通知书》见附件。", in.about(), e.Amount),
			"缴费后，可以在查询页面上传缴费凭证。收费通知发出至缴费期间不计算在答复期限内。",
		}, nil
	case foirequest.EventFeePaid:
		return "已收到您的缴费凭证", []string{
			fmt.Sprintf("%s已于%s收到%s的缴费凭证，将继续办理。", ag, day(e.Day), in.about()),
			dueLine(),
		}, nil
	case foirequest.EventExtended:
		return "政府信息公开申请延期答复告知书", []string{
			fmt.Sprintf("经政府信息公开工作机构负责人同意，%s的答复期限延长%d个工作日，《政府信息公开申请延期答复告知书》见附件。", in.about(), e.Days),
			dueLine(),
		}, nil
	case foirequest.EventReplied:
		ps := []string{fmt.Sprintf("%s已对%s作出答复：%s。《政府信息公开申请答复书》见附件。", ag, in.about(), in.Outcome.Label())}
		return "政府信息公开申请答复书", ps, nil
	case foirequest.EventNoCorrection, foirequest.EventFeeUnpaid:
		return "政府信息公开申请终止办理告知", []string{
			fmt.Sprintf("%s：%s。告知书见附件。", in.about(), in.Outcome.Label()),
		}, nil
	case foirequest.EventWithdrawn:
		return "已收到您撤回申请的请求", []string{
			fmt.Sprintf("%s已于%s收到您撤回%s的请求，该申请办理终止。", ag, day(e.Day), strings.TrimPrefix(in.about(), "您")),
		}, nil
	}
	return "", nil, apperr.Newf(apperr.Invalid, "步骤“%s”不发送通知", e.Type.Label())
}

func consultedAbout(p foirequest.Party) string {
	if p == foirequest.PartyOrgan {
		return "其他行政机关"
	}
	return "第三方合法权益"
}

// ComposeMail writes the e-mail of in to the address to: the body, the step's letter as
// a Word document and its files attached while the total stays within maxAttach bytes
// (0: DefaultMaxAttach), else the files as download links with their expiry.
func ComposeMail(in Input, to string, maxAttach int64) (Mail, error) {
	if maxAttach <= 0 {
		maxAttach = DefaultMaxAttach
	}
	subject, paras, err := in.lines()
	if err != nil {
		return Mail{}, err
	}
	m := Mail{To: to, ToName: in.Applicant, Subject: "【" + in.Agency.Name + "】" + subject}
	var atts []Attachment
	if in.Letter != nil {
		data, err := in.Letter.DOCX()
		if err != nil {
			return Mail{}, err
		}
		atts = append(atts, Attachment{Name: in.Letter.FileName(in.Number) + ".docx", ContentType: docxType, Data: data})
	}
	var total int64
	for _, a := range atts {
		total += int64(len(a.Data))
	}
	for _, f := range in.Files {
		total += int64(len(f.Data))
	}
	linked := total > maxAttach
	if len(in.Files) > 0 {
		if linked {
			paras = append(paras, "所提供的政府信息文件较大，请通过以下链接下载（链接有效期至"+day(workday.Of(in.Files[0].Expires))+"，过期后可凭查询码在查询页面下载）：")
			for _, f := range in.Files {
				paras = append(paras, f.Name+"："+f.Link)
			}
		} else {
			names := make([]string, len(in.Files))
			for i, f := range in.Files {
				names[i] = "《" + f.Name + "》"
				atts = append(atts, Attachment{Name: f.Name, ContentType: f.ContentType, Data: f.Data})
			}
			paras = append(paras, "所提供的政府信息见附件："+strings.Join(names, "、")+"。")
		}
	}
	m.Attachments = atts
	var b strings.Builder
	b.WriteString(in.Applicant + "：\n\n")
	for _, p := range paras {
		if p == "" {
			continue
		}
		b.WriteString("　　" + p + "\n")
	}
	if in.TrackURL != "" && in.Kind != KindQueryCode {
		b.WriteString("　　查询页面：" + in.TrackURL + "\n")
	}
	b.WriteString("\n" + in.Agency.Name + "\n")
	if c := contact(in.Agency); c != "" {
		b.WriteString(c + "\n")
	}
	b.WriteString("\n本邮件由政府信息公开系统自动发送，请勿直接回复。\n")
	m.Text = b.String()
	return m, nil
}

func contact(ag letter.Agency) string {
	var parts []string
	if ag.Office != "" {
		parts = append(parts, ag.Office)
	}
	if ag.Phone != "" {
		parts = append(parts, "电话"+ag.Phone)
	}
	if ag.Address != "" {
		parts = append(parts, "地址"+ag.Address)
	}
	if len(parts) == 0 {
		return ""
	}
	return "联系方式：" + strings.Join(parts, "，")
}

// ComposeSMS writes the text message of in: the agency in brackets (the signature SMS
// platforms require), what happened in one sentence, the tracking number and the page.
func ComposeSMS(in Input) (string, error) {
	sig := in.Agency.ShortName
	if sig == "" {
		sig = in.Agency.Name
	}
	var what string
	e := in.Step
	switch in.Kind {
	case KindQueryCode:
		if in.Code == "" {
			return "", apperr.New(apperr.Invalid, "新查询码为空")
		}
		return fmt.Sprintf("【%s】您的政府信息公开申请（查询号%s）新查询码为%s，原查询码已失效。如非本人操作，请与我单位联系。", sig, in.Tracking, in.Code), nil
	}
	switch e.Type {
	case foirequest.EventRegistered:
		what = "已于" + day(in.Received) + "收到"
		if !in.Due.IsZero() {
			what += "，将于" + day(in.Due) + "前答复"
		}
	case foirequest.EventCorrectionRequested:
		what = fmt.Sprintf("需要补正，请在%d个工作日内补正", e.Days)
	case foirequest.EventCorrected:
		what = "补正材料已收到"
	case foirequest.EventConsultationStarted:
		what = "正在征求" + e.Party.Label() + "意见，答复期限相应顺延"
	case foirequest.EventFeeNotified:
		what = fmt.Sprintf("需缴纳信息处理费%d元", e.Amount)
	case foirequest.EventFeePaid:
		what = "缴费凭证已收到"
	case foirequest.EventExtended:
		what = "答复期限延长至" + day(in.Due)
	case foirequest.EventReplied:
		what = "已作出答复"
	case foirequest.EventNoCorrection, foirequest.EventFeeUnpaid:
		what = "视为放弃，不再处理"
	case foirequest.EventWithdrawn:
		what = "已撤回"
	default:
		return "", apperr.Newf(apperr.Invalid, "步骤“%s”不发送通知", e.Type.Label())
	}
	s := fmt.Sprintf("【%s】您的政府信息公开申请（查询号%s）%s。", sig, in.Tracking, what)
	if in.TrackURL != "" {
		s += "详见" + in.TrackURL
	}
	return s, nil
}
