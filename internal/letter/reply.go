package letter

import (
	"strings"

	"gongkai/internal/foirequest"
)

// decision is the wording of one reply type. The text is a template: {you} is 您 or 贵单位,
// {basis} the legal basis (ReplyType.Basis), {delivery} the form asked for, {detail} the
// office's own words, {notice} "于<day>" of an earlier notice. needDetail is the error when
// the reply is incomplete without the office's words (where the information is published,
// which part is withheld and why, …); fallback stands in for {detail} when it is empty.
type decision struct {
	text       string
	needDetail string // the Chinese error when Detail is required and missing
	fallback   string
}

var decisions = map[foirequest.ReplyType]decision{
	foirequest.ReplyPublished: {
		text:       "经查，{you}申请公开的政府信息本机关已经主动公开。根据{basis}的规定，现告知{you}获取该政府信息的方式和途径：{detail}",
		needDetail: "已主动公开的答复须写明获取该政府信息的方式和途径",
	},
	foirequest.ReplyGranted: {
		text: "经审查，{you}申请公开的政府信息属于可以公开的政府信息。根据{basis}的规定，本机关决定予以公开，现{delivery}向{you}提供该政府信息。{detail}",
	},
	foirequest.ReplyPartial: {
		text: "经审查，{you}申请公开的政府信息中含有不应当公开或者不属于政府信息的内容，但是能够作区分处理。根据{basis}的规定，本机关决定向{you}提供可以公开的政府信息内容，现{delivery}提供。" +
			"对不予公开的内容，说明理由如下：{detail}",
		needDetail: "部分公开的答复须写明不予公开的内容及其理由",
	},
	foirequest.ReplyStateSecret: {
		text: "经审查，{you}申请公开的政府信息属于国家秘密。根据{basis}的规定，本机关决定不予公开。{detail}",
	},
	foirequest.ReplyLawForbids: {
		text: "经审查，{you}申请公开的政府信息属于法律、行政法规禁止公开的政府信息。根据{basis}的规定，本机关决定不予公开。{detail}",
	},
	foirequest.ReplySafetyStability: {
		text: "经审查，{you}申请公开的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定。根据{basis}的规定，本机关决定不予公开。{detail}",
	},
	foirequest.ReplyThirdParty: {
		text: "经审查，{you}申请公开的政府信息涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的内容。本机关已书面征求第三方意见，第三方不同意公开且有合理理由。根据{basis}的规定，本机关决定不予公开。{detail}",
	},
	foirequest.ReplyInternalAffairs: {
		text: "经审查，{you}申请公开的政府信息属于本机关的人事管理、后勤管理、内部工作流程等内部事务信息。根据{basis}的规定，本机关决定不予公开。{detail}",
	},
	foirequest.ReplyProcessInfo: {
		text: "经审查，{you}申请公开的政府信息属于本机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息。根据{basis}的规定，本机关决定不予公开。{detail}",
	},
	foirequest.ReplyEnforcementFile: {
		text: "经审查，{you}申请公开的政府信息属于行政执法案卷信息。根据{basis}的规定，本机关决定不予公开。{detail}",
	},
	foirequest.ReplyInquiry: {
		text: "经审查，{you}申请获取的信息属于工商、不动产登记资料等信息，有关法律、行政法规对该类信息的获取有特别规定。根据{basis}的规定，本机关不作为政府信息公开申请提供，请{you}依照有关法律、行政法规的规定办理。{detail}",
	},
	foirequest.ReplyNonexistent: {
		text: "经检索，本机关未制作或者获取{you}申请公开的政府信息。根据{basis}的规定，现告知{you}该政府信息不存在。{detail}",
	},
	foirequest.ReplyNotHeld: {
		text:     "经审查，{you}申请公开的政府信息不属于本机关负责公开。根据{basis}的规定，告知如下：{detail}",
		fallback: "本机关未能确定负责公开该政府信息的行政机关。",
	},
	foirequest.ReplyNeedsCreation: {
		text: "经审查，本机关没有{you}所申请的现成信息，需要对现有政府信息进行加工、分析或者另行制作方能提供。根据{basis}的规定，本机关不予提供。{detail}",
	},
	foirequest.ReplyStillUnclear: {
		text: "本机关已{notice}向{you}发出补正告知书，一次性告知了需要补正的事项。经审查，补正后的申请内容仍不明确，本机关无法确定{you}所需要的政府信息。根据{basis}的规定，本机关无法提供。{detail}",
	},
	foirequest.ReplyPetition: {
		text: "经审查，{you}以政府信息公开申请的形式进行信访、投诉、举报等活动。根据{basis}的规定，本机关不作为政府信息公开申请处理，请{you}通过信访、投诉、举报等相应渠道提出。{detail}",
	},
	foirequest.ReplyRepeated: {
		text: "经查，本机关已就{you}提出的政府信息公开申请作出答复，{you}重复申请公开相同的政府信息。根据{basis}的规定，本机关不予重复处理。{detail}",
	},
	foirequest.ReplyPublication: {
		text:     "经审查，{you}要求提供的是政府公报、报刊、书籍等公开出版物。根据{basis}的规定，本机关不作为政府信息公开申请处理。{detail}",
		fallback: "{you}可以通过公开发行渠道或者公共图书馆等途径获取。",
	},
	foirequest.ReplyMassRepeated: {
		text: "经审查，{you}申请公开政府信息的数量、频次明显超过合理范围，本机关已要求{you}说明理由，经审查认为申请理由不合理。根据{basis}的规定，本机关不予处理。{detail}",
	},
	foirequest.ReplyConfirm: {
		text: "经审查，{you}的申请属于要求本机关确认或者重新出具已获取的信息，不属于申请获取政府信息，本机关不作为政府信息公开申请处理（{basis}）。{detail}",
	},
	foirequest.ReplyNoCorrection: {
		text: "本机关已{notice}向{you}发出补正告知书，告知了需要补正的事项和补正期限。{you}无正当理由逾期未补正，视为放弃申请。根据{basis}的规定，本机关不再处理该政府信息公开申请。{detail}",
	},
	foirequest.ReplyFeeUnpaid: {
		text: "本机关已{notice}向{you}发出收费通知书。{you}逾期未按收费通知要求缴纳信息处理费，视为放弃申请。根据{basis}的规定，本机关不再处理该政府信息公开申请。{detail}",
	},
	foirequest.ReplyOther: {
		text:       "经审查，{detail}",
		needDetail: "其他处理的答复须写明处理情况和理由",
	},
}

func replyBody(in Input) ([]string, error) {
	if !in.Reply.Valid() {
		return nil, invalid("请选择答复类型")
	}
	d := decisions[in.Reply]
	if in.Detail == "" && d.needDetail != "" {
		return nil, invalid(d.needDetail)
	}
	detail := sentence(in.Detail)
	if detail == "" {
		detail = strings.ReplaceAll(d.fallback, "{you}", in.you())
	}
	delivery := "以" + deliveryPhrase(in.Delivery)
	if in.Delivery == "" {
		delivery = ""
	} else if !in.HandoverDay.IsZero() {
		delivery = "于" + day(in.HandoverDay) + delivery
	}
	notice := ""
	if !in.NoticeDay.IsZero() {
		notice = "于" + day(in.NoticeDay)
	}
	// One pass: the office's words are inserted as written, never expanded themselves.
	text := strings.NewReplacer(
		"{detail}", detail,
		"{you}", in.you(),
		"{basis}", in.Reply.Basis(),
		"{delivery}", delivery,
		"{notice}", notice,
	).Replace(d.text)
	return []string{
		intro(in) + "经审查，现答复如下：",
		strings.TrimPrefix(text, "经审查，"),
		foirequest.Remedies(in.Reply, in.Agency.ReviewOrgan, in.Agency.Court),
		"特此答复。",
	}, nil
}

// deliveryPhrase is the form of delivery as it reads in a sentence: 以电子邮件方式.
func deliveryPhrase(d foirequest.Delivery) string {
	switch d {
	case foirequest.DeliveryPaper:
		return "邮寄纸质文本的方式"
	case foirequest.DeliveryPickup:
		return "当面领取纸质文本的方式"
	case foirequest.DeliveryEmail:
		return "电子邮件方式"
	case foirequest.DeliveryDisk:
		return "光盘等存储介质的方式"
	case foirequest.DeliveryOnline:
		return "网上获取的方式"
	case foirequest.DeliveryOnSite:
		return "现场查阅的方式"
	}
	return d.Label() + "方式"
}
