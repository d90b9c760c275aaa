package letter

import (
	"strings"

	"gongkai/internal/foirequest"
)

// DraftReply is the starting text of a reply letter (foirequest.ReplyLetter): the
// template's wording for the reply, filled with the letter's parts. The 部分公开 letter has
// one part for what is disclosed and one for what is withheld, each withheld part with
// its reason and legal basis; every other reply is the template's text with the office's
// words. in carries the case (ForApplication's fields; Issued may be zero: a draft has no
// day yet), l the reply, its parts and its form of delivery. Paragraphs are returned
// without the letter's head and signature (Compose adds them).
func DraftReply(in Input, l foirequest.ReplyLetter) ([]string, error) {
	in.Kind, in.Reply = KindReply, l.Reply
	if l.Handover != "" {
		in.Delivery, in.HandoverDay = l.Handover, l.HandoverDay
	}
	if l.Reply != foirequest.ReplyPartial {
		in.Detail = l.Reason()
		return replyBody(in)
	}
	you := in.you()
	delivery := ""
	if in.Delivery != "" {
		delivery = "以" + deliveryPhrase(in.Delivery)
		if !in.HandoverDay.IsZero() {
			delivery = "于" + day(in.HandoverDay) + delivery
		}
	}
	paras := []string{
		intro(in) + "经审查，现答复如下：",
		"一、予以公开的内容。" + you + "申请公开的政府信息中含有不应当公开的内容，但是能够作区分处理。根据" + l.Reply.Basis() +
			"的规定，本机关决定向" + you + "提供可以公开的政府信息内容：" + sentence(l.Disclosed) + "现" + delivery + "提供。",
		"二、不予公开的内容。对下列内容，本机关决定不予公开：",
	}
	for i, w := range l.Withheld {
		paras = append(paras, "（"+strings.TrimSuffix(chineseNumber(i+1), "、")+"）"+strings.TrimRight(w.What, "。；;")+
			"。理由："+sentence(w.Reason)+"依据："+sentence(w.Basis))
	}
	paras = append(paras, foirequest.Remedies(l.Reply, in.Agency.ReviewOrgan, in.Agency.Court), "特此答复。")
	return paras, nil
}

func chineseNumber(n int) string {
	d := []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}
	switch {
	case n <= 10:
		return d[n]
	case n < 20:
		return "十" + d[n-10]
	case n < 100 && n%10 == 0:
		return d[n/10] + "十"
	case n < 100:
		return d[n/10] + "十" + d[n%10]
	}
	return ""
}
