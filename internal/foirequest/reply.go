package foirequest

import "strings"

// ReplyType is how a case ended (条例第三十六条 and the outcomes of table 三). The codes
// are the row ids of table 三 in shared/report-cells.json, except the two replies that
// share a row with another: "published" (counted under granted) and
// "unavailable.nonexistent" (counted under unavailable.not_held).
type ReplyType string

const (
	ReplyPublished       ReplyType = "published"
	ReplyGranted         ReplyType = "granted"
	ReplyPartial         ReplyType = "partial"
	ReplyStateSecret     ReplyType = "withheld.state_secret"
	ReplyLawForbids      ReplyType = "withheld.law_forbids"
	ReplySafetyStability ReplyType = "withheld.safety_stability"
	ReplyThirdParty      ReplyType = "withheld.third_party"
	ReplyInternalAffairs ReplyType = "withheld.internal_affairs"
	ReplyProcessInfo     ReplyType = "withheld.process_info"
	ReplyEnforcementFile ReplyType = "withheld.enforcement_file"
	ReplyInquiry         ReplyType = "withheld.inquiry"
	ReplyNonexistent     ReplyType = "unavailable.nonexistent"
	ReplyNotHeld         ReplyType = "unavailable.not_held"
	ReplyNeedsCreation   ReplyType = "unavailable.needs_creation"
	ReplyStillUnclear    ReplyType = "unavailable.still_unclear"
	ReplyPetition        ReplyType = "not_processed.petition"
	ReplyRepeated        ReplyType = "not_processed.repeated"
	ReplyPublication     ReplyType = "not_processed.publication"
	ReplyMassRepeated    ReplyType = "not_processed.mass_repeated"
	ReplyConfirm         ReplyType = "not_processed.confirm"
	ReplyNoCorrection    ReplyType = "other.no_correction"
	ReplyFeeUnpaid       ReplyType = "other.fee_unpaid"
	ReplyOther           ReplyType = "other.other"
)

type replyInfo struct {
	label string // what the reply tells the applicant, in Chinese
	row   string // row id of table 三
	basis string // legal basis, in Chinese
}

var replies = map[ReplyType]replyInfo{
	ReplyPublished:       {"已主动公开，告知获取方式和途径", "granted", "《中华人民共和国政府信息公开条例》第三十六条第（一）项"},
	ReplyGranted:         {"予以公开", "granted", "《中华人民共和国政府信息公开条例》第三十六条第（二）项"},
	ReplyPartial:         {"部分公开", "partial", "《中华人民共和国政府信息公开条例》第三十七条"},
	ReplyStateSecret:     {"不予公开：属于国家秘密", "withheld.state_secret", "《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项"},
	ReplyLawForbids:      {"不予公开：其他法律行政法规禁止公开", "withheld.law_forbids", "《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项"},
	ReplySafetyStability: {"不予公开：危及“三安全一稳定”", "withheld.safety_stability", "《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项"},
	ReplyThirdParty:      {"不予公开：保护第三方合法权益", "withheld.third_party", "《中华人民共和国政府信息公开条例》第十五条、第三十二条、第三十六条第（三）项"},
	ReplyInternalAffairs: {"不予公开：属于三类内部事务信息", "withheld.internal_affairs", "《中华人民共和国政府信息公开条例》第十六条第一款、第三十六条第（三）项"},
	ReplyProcessInfo:     {"不予公开：属于四类过程性信息", "withheld.process_info", "《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第（三）项"},
	ReplyEnforcementFile: {"不予公开：属于行政执法案卷", "withheld.enforcement_file", "《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第（三）项"},
	ReplyInquiry:         {"不予公开：属于行政查询事项", "withheld.inquiry", "《中华人民共和国政府信息公开条例》第三十六条第（七）项"},
	ReplyNonexistent:     {"无法提供：经检索，该政府信息不存在", "unavailable.not_held", "《中华人民共和国政府信息公开条例》第三十六条第（四）项"},
	ReplyNotHeld:         {"无法提供：不属于本机关负责公开", "unavailable.not_held", "《中华人民共和国政府信息公开条例》第三十六条第（五）项"},
	ReplyNeedsCreation:   {"无法提供：没有现成信息需要另行制作", "unavailable.needs_creation", "《中华人民共和国政府信息公开条例》第三十八条"},
	ReplyStillUnclear:    {"无法提供：补正后申请内容仍不明确", "unavailable.still_unclear", "《中华人民共和国政府信息公开条例》第三十条"},
	ReplyPetition:        {"不予处理：信访举报投诉类申请", "not_processed.petition", "《中华人民共和国政府信息公开条例》第三十九条第一款"},
	ReplyRepeated:        {"不予处理：重复申请", "not_processed.repeated", "《中华人民共和国政府信息公开条例》第三十六条第（六）项"},
	ReplyPublication:     {"不予处理：要求提供公开出版物", "not_processed.publication", "《中华人民共和国政府信息公开条例》第三十九条第二款"},
	ReplyMassRepeated:    {"不予处理：无正当理由大量反复申请", "not_processed.mass_repeated", "《中华人民共和国政府信息公开条例》第三十五条"},
	ReplyConfirm:         {"不予处理：要求行政机关确认或重新出具已获取信息", "not_processed.confirm", "《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）所列不予处理情形"},
	ReplyNoCorrection:    {"其他处理：申请人无正当理由逾期不补正，不再处理", "other.no_correction", "《中华人民共和国政府信息公开条例》第三十条"},
	ReplyFeeUnpaid:       {"其他处理：申请人逾期未按收费通知要求缴纳费用，不再处理", "other.fee_unpaid", "《中华人民共和国政府信息公开条例》第四十二条、《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"},
	ReplyOther:           {"其他处理", "other.other", ""},
}

// ReplyTypes lists every reply type in the row order of table 三.
var ReplyTypes = []ReplyType{
	ReplyPublished, ReplyGranted, ReplyPartial,
	ReplyStateSecret, ReplyLawForbids, ReplySafetyStability, ReplyThirdParty,
	ReplyInternalAffairs, ReplyProcessInfo, ReplyEnforcementFile, ReplyInquiry,
	ReplyNonexistent, ReplyNotHeld, ReplyNeedsCreation, ReplyStillUnclear,
	ReplyPetition, ReplyRepeated, ReplyPublication, ReplyMassRepeated, ReplyConfirm,
	ReplyNoCorrection, ReplyFeeUnpaid, ReplyOther,
}

// Valid reports whether r is a known reply type.
func (r ReplyType) Valid() bool { _, ok := replies[r]; return ok }

// Label is the Chinese description of the reply.
func (r ReplyType) Label() string {
	if i, ok := replies[r]; ok {
		return i.label
	}
	return string(r)
}

// Row is the id of the row of table 三 the reply is counted under ("granted",
// "withheld.third_party", "other.other", …); empty for an unknown reply type.
func (r ReplyType) Row() string { return replies[r].row }

// Basis is the legal basis of the reply in Chinese (empty for 其他处理 3.其他, whose
// basis is case by case).
func (r ReplyType) Basis() string { return replies[r].basis }

// Withholds reports whether the reply withholds information in whole or in part
// (部分公开 or 不予公开): those replies must give the legal reason.
func (r ReplyType) Withholds() bool {
	return r == ReplyPartial || strings.HasPrefix(string(r), "withheld.")
}

// closedByEvent reports reply types that only an abandonment event may produce.
func (r ReplyType) closedByEvent() bool { return r == ReplyNoCorrection || r == ReplyFeeUnpaid }

// Remedies is the sentence every reply ends with: 行政复议 within 60 days (行政复议法第二十条)
// and 行政诉讼 within 6 months (行政诉讼法第四十六条). Since 1 January 2024 an applicant
// who contests a refusal to disclose (不予公开, also the refused part of 部分公开) must first
// apply for 行政复议 (行政复议法第二十三条第一款第（四）项). organ and court name where to
// apply; empty names give the generic wording.
func Remedies(r ReplyType, organ, court string) string {
	if organ == "" {
		organ = "有关行政复议机关"
	}
	if court == "" {
		court = "有管辖权的人民法院"
	}
	if r.Withholds() {
		return "申请人对本答复不服的，可以自知道该行政行为之日起60日内向" + organ +
			"申请行政复议；依照《中华人民共和国行政复议法》第二十三条的规定，应当先申请行政复议，对行政复议决定不服的，可以自收到行政复议决定书之日起15日内依法向" +
			court + "提起行政诉讼。"
	}
	return "申请人对本答复不服的，可以自知道该行政行为之日起60日内向" + organ +
		"申请行政复议，或者自知道该行政行为之日起6个月内依法向" + court + "提起行政诉讼。"
}

// Discloses reports whether a reply gave the applicant information (予以公开, 部分公开, or
// 已主动公开 with its whereabouts): only such a case may become proactive disclosure
// (第四十四条, 依申请转主动).
func Discloses(r ReplyType) bool {
	return r == ReplyGranted || r == ReplyPartial || r == ReplyPublished
}
