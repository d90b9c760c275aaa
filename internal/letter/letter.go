// Package letter writes the letters of 依申请公开: the 政府信息公开申请答复书 for every
// reply type, and the notices sent while a case runs (补正告知书, 延期答复告知书,
// 收费通知书, 征求意见函). A letter is composed from an Input by Compose, printed as text
// (Text), laid out as a web page by the console, or written as a Word document (DOCX).
// It is pure: no I/O.
package letter

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"gongkai/internal/apperr"
	"gongkai/internal/foirequest"
	"gongkai/internal/workday"
)

// Kind is which letter.
type Kind string

const (
	KindReply        Kind = "reply"        // 政府信息公开申请答复书
	KindCorrection   Kind = "correction"   // 补正告知书（第三十条）
	KindExtension    Kind = "extension"    // 延期答复告知书（第三十三条第二款）
	KindFee          Kind = "fee"          // 收费通知书（第四十二条）
	KindConsultation Kind = "consultation" // 征求意见函（第三十二条、第三十四条）
)

// Kinds lists every kind in the order of a case.
var Kinds = []Kind{KindCorrection, KindConsultation, KindFee, KindExtension, KindReply}

// Title is the heading of the letter.
func (k Kind) Title() string {
	switch k {
	case KindReply:
		return "政府信息公开申请答复书"
	case KindCorrection:
		return "政府信息公开申请补正告知书"
	case KindExtension:
		return "政府信息公开申请延期答复告知书"
	case KindFee:
		return "政府信息公开申请收费通知书"
	case KindConsultation:
		return "政府信息公开申请征求意见函"
	}
	return ""
}

// Label is the short Chinese name (for links and file names).
func (k Kind) Label() string {
	switch k {
	case KindReply:
		return "答复书"
	case KindCorrection:
		return "补正告知书"
	case KindExtension:
		return "延期答复告知书"
	case KindFee:
		return "收费通知书"
	case KindConsultation:
		return "征求意见函"
	}
	return string(k)
}

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool { return k.Title() != "" }

// docCode marks the kind in the letter's 文号: 复 for a reply, 补 for a 补正 notice, ….
func (k Kind) docCode() string {
	switch k {
	case KindReply:
		return "复"
	case KindCorrection:
		return "补"
	case KindExtension:
		return "延"
	case KindFee:
		return "费"
	case KindConsultation:
		return "征"
	}
	return ""
}

// Event is the event type of the case step the letter belongs to.
func (k Kind) Event() foirequest.EventType {
	switch k {
	case KindReply:
		return foirequest.EventReplied
	case KindCorrection:
		return foirequest.EventCorrectionRequested
	case KindExtension:
		return foirequest.EventExtended
	case KindFee:
		return foirequest.EventFeeNotified
	case KindConsultation:
		return foirequest.EventConsultationStarted
	}
	return ""
}

// Agency is the sender: the agency and its 政府信息公开工作机构.
type Agency struct {
	Name      string // 清河区卫生健康局
	ShortName string // 区卫健局: the prefix of the 文号
	Office    string // 政府信息公开工作机构
	Address   string
	PostCode  string
	Phone     string
	Email     string
	// Where the applicant may apply for 行政复议 and sue; empty gives the generic wording.
	ReviewOrgan string
	Court       string
}

// Input is everything a letter says. Which fields a kind needs is checked by Compose.
type Input struct {
	Kind   Kind
	Agency Agency
	// The applicant's name (姓名 or 名称). Never an identity number: letters are printed,
	// posted and filed.
	Applicant    string
	Organization bool      // the applicant is a 法人或其他组织: addressed as 贵单位
	Number       string    // the case number, e.g. 2025-0001
	Received     time.Time // 收到申请之日
	Description  string    // what was asked for
	Delivery     foirequest.Delivery
	Issued       time.Time // the day of the letter (成文日期)

	// KindReply: the decision.
	Reply foirequest.ReplyType
	// What the office adds in its own words: for a reply, where the information is
	// published, which part is withheld and why, the competent agency, …; for a 补正
	// notice, what to correct; for an extension, the reason; for a fee notice, how the
	// fee was computed; for a consultation, why the information concerns the party.
	Detail string
	// NoticeDay is the day of the earlier notice a reply refers to (the 补正 notice for
	// still_unclear and no_correction, the fee notice for fee_unpaid); optional.
	NoticeDay time.Time
	// HandoverDay is the day a disclosing reply's information is handed over or may be
	// consulted when it goes in another form than the one asked for (Delivery is then
	// that form); zero otherwise.
	HandoverDay time.Time
	// Edited is the reply's text as the office edited it (a reply letter draft,
	// foirequest.ReplyLetter): the body paragraphs printed instead of the template's.
	Edited []string
	// DraftedBy and ReviewedBy are the letter's author and the 审核人 or 负责人 who approved
	// it, for the letter's record (not printed in the letter).
	DraftedBy, ReviewedBy string

	Days   int       // 补正: period given; extension: days added
	Until  time.Time // 补正: end of the period; extension: the new due day; fee: pay by; consultation: answer by
	Amount int       // fee, 元

	Party     foirequest.Party // consultation: third party or other organ
	Addressee string           // consultation: the consulted party's name (blank line when empty)
}

// Letter is a composed letter, ready for layout.
type Letter struct {
	Kind       Kind
	Title      string
	DocNumber  string   // 文号, e.g. 区卫健局公复〔2025〕12号
	To         string   // the addressee (主送), printed with a colon
	Paragraphs []string // the body, each paragraph indented two characters
	Contact    string   // the office's contact line
	Signer     string   // the agency
	Date       time.Time
}

// DateText is the date as 公文 write it: 2025年3月5日.
func (l Letter) DateText() string { return workday.FormatChinese(l.Date) }

// Text is the letter as plain text: the golden files and a .txt download.
func (l Letter) Text() string {
	var b strings.Builder
	b.WriteString(l.Title + "\n")
	if l.DocNumber != "" {
		b.WriteString(l.DocNumber + "\n")
	}
	b.WriteString("\n" + l.To + "：\n")
	for _, p := range l.Paragraphs {
		b.WriteString("　　" + p + "\n")
	}
	if l.Contact != "" {
		b.WriteString("　　" + l.Contact + "\n")
	}
	b.WriteString("\n" + l.Signer + "\n" + l.DateText() + "\n")
	return b.String()
}

// FileName is a download name without extension: 答复书-2025-0001.
func (l Letter) FileName(number string) string {
	name := l.Kind.Label()
	if number != "" {
		name += "-" + number
	}
	return name
}

var (
	// caseNumberPattern is the store's case number: 卫健依申〔2025〕第12号.
	caseNumberPattern = regexp.MustCompile(`^(.+)〔(\d{4})〕第?0*(\d+)号$`)
	// plainNumberPattern is a bare year-serial number: 2025-0012.
	plainNumberPattern = regexp.MustCompile(`^(\d{4})-0*(\d+)$`)
)

// docNumber derives the letter's 文号 from the case number, so every letter of a case
// carries the case's serial: 卫健依申〔2025〕第12号 gives 卫健依申复〔2025〕12号 for the reply
// (补 for the 补正 notice, 延, 费, 征); a bare 2025-0012 takes the agency's short name
// (区卫健局公复〔2025〕12号). Other numbers are printed as they are.
func docNumber(k Kind, ag Agency, number string) string {
	code := k.docCode()
	if m := caseNumberPattern.FindStringSubmatch(number); m != nil {
		return m[1] + code + "〔" + m[2] + "〕" + m[3] + "号"
	}
	if m := plainNumberPattern.FindStringSubmatch(number); m != nil {
		prefix := ag.ShortName
		if prefix == "" {
			prefix = ag.Name
		}
		return prefix + "公" + code + "〔" + m[1] + "〕" + m[2] + "号"
	}
	if number == "" {
		return ""
	}
	return "申请编号：" + number
}

func invalid(msg string) error { return apperr.New(apperr.Invalid, msg) }

// Compose checks the input and writes the letter.
func Compose(in Input) (Letter, error) {
	if !in.Kind.Valid() {
		return Letter{}, invalid("未知的文书类型")
	}
	in.Applicant = strings.TrimSpace(in.Applicant)
	in.Description = strings.TrimSpace(in.Description)
	in.Detail = strings.TrimSpace(in.Detail)
	in.Addressee = strings.TrimSpace(in.Addressee)
	if strings.TrimSpace(in.Agency.Name) == "" {
		return Letter{}, invalid("文书缺少机关名称")
	}
	if in.Received.IsZero() {
		return Letter{}, invalid("文书缺少收到申请之日")
	}
	if in.Issued.IsZero() {
		return Letter{}, invalid("文书缺少成文日期")
	}
	if in.Description == "" {
		return Letter{}, invalid("文书缺少申请公开的政府信息描述")
	}
	if in.Kind != KindConsultation && in.Applicant == "" {
		return Letter{}, invalid("文书缺少申请人姓名或名称")
	}
	var paras []string
	var err error
	switch in.Kind {
	case KindReply:
		if len(in.Edited) > 0 {
			paras = append([]string(nil), in.Edited...)
		} else {
			paras, err = replyBody(in)
		}
	case KindCorrection:
		paras, err = correctionBody(in)
	case KindExtension:
		paras, err = extensionBody(in)
	case KindFee:
		paras, err = feeBody(in)
	case KindConsultation:
		paras, err = consultationBody(in)
	}
	if err != nil {
		return Letter{}, err
	}
	to := in.Applicant
	if in.Kind == KindConsultation {
		to = in.Addressee
		if to == "" {
			to = "＿＿＿＿＿＿＿＿"
		}
	}
	return Letter{
		Kind:       in.Kind,
		Title:      in.Kind.Title(),
		DocNumber:  docNumber(in.Kind, in.Agency, in.Number),
		To:         to,
		Paragraphs: paras,
		Contact:    contact(in.Agency),
		Signer:     in.Agency.Name,
		Date:       workday.Normalize(in.Issued),
	}, nil
}

// contact is the closing line naming the office to contact.
func contact(ag Agency) string {
	office := ag.Office
	if office == "" {
		office = ag.Name + "政府信息公开工作机构"
	}
	parts := []string{"联系机构：" + office}
	if ag.Address != "" {
		addr := "通信地址：" + ag.Address
		if ag.PostCode != "" {
			addr += "（邮政编码：" + ag.PostCode + "）"
		}
		parts = append(parts, addr)
	}
	if ag.Phone != "" {
		parts = append(parts, "联系电话："+ag.Phone)
	}
	if ag.Email != "" {
		parts = append(parts, "电子邮箱："+ag.Email)
	}
	return strings.Join(parts, "；") + "。"
}

// you is how the letter addresses the applicant.
func (in Input) you() string {
	if in.Organization {
		return "贵单位"
	}
	return "您"
}

func day(t time.Time) string { return workday.FormatChinese(t) }

// sentence ends s with a full stop: kept after 。！？, put in place of a trailing ；，、,
// added otherwise (also after a closing bracket or quotation mark).
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	for _, end := range []string{"。", "！", "？"} {
		if strings.HasSuffix(s, end) {
			return s
		}
	}
	for _, end := range []string{"；", "，", "、", ";", ",", "."} {
		s = strings.TrimSuffix(s, end)
	}
	return s + "。"
}

// clause drops a trailing full stop so s can sit inside a sentence.
func clause(s string) string {
	s = strings.TrimSpace(s)
	for _, end := range []string{"。", "；", "，"} {
		s = strings.TrimSuffix(s, end)
	}
	return s
}

// intro is the first paragraph of every letter to the applicant.
func intro(in Input) string {
	return "本机关于" + day(in.Received) + "收到" + in.you() + "提交的政府信息公开申请" + numberNote(in.Number) +
		"，" + in.you() + "申请公开“" + in.Description + "”。"
}

func numberNote(number string) string {
	if number == "" {
		return ""
	}
	return "（申请编号：" + number + "）"
}

func correctionBody(in Input) ([]string, error) {
	if in.Detail == "" {
		return nil, invalid("补正告知书须写明需要补正的事项")
	}
	if in.Days <= 0 {
		return nil, invalid("补正告知书须写明补正期限")
	}
	y := in.you()
	period := "请" + y + "自收到本告知书之日起" + strconv.Itoa(in.Days) + "个工作日内"
	if !in.Until.IsZero() {
		period += "（截至" + day(in.Until) + "）"
	}
	return []string{
		intro(in),
		"经审查，" + y + "的申请内容不明确，本机关无法据此确定" + y + "所需要的政府信息。根据《中华人民共和国政府信息公开条例》第三十条的规定，现一次性告知需要补正的事项如下：" + sentence(in.Detail),
		period + "作出补正，补正后的申请请按本告知书所列联系方式当面、邮寄或者以电子方式提交本机关。答复期限自本机关收到补正的申请之日起计算。" +
			y + "无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。",
		"如在补正过程中需要帮助，可以与本机关政府信息公开工作机构联系，本机关将给予指导和释明。",
		"特此告知。",
	}, nil
}

func extensionBody(in Input) ([]string, error) {
	if in.Days <= 0 || in.Days > foirequest.MaxExtensionDays {
		return nil, invalid("延期答复告知书须写明延长的工作日数（1至20个工作日）")
	}
	if in.Detail == "" {
		return nil, invalid("延期答复告知书须写明延期的理由")
	}
	if in.Until.IsZero() {
		return nil, invalid("延期答复告知书须写明延长后的答复期限")
	}
	return []string{
		intro(in),
		"因" + clause(in.Detail) + "，本机关不能在法定期限内作出答复。经本机关政府信息公开工作机构负责人同意，根据《中华人民共和国政府信息公开条例》第三十三条第二款的规定，答复期限延长" +
			strconv.Itoa(in.Days) + "个工作日，本机关将最迟于" + day(in.Until) + "作出答复。",
		"特此告知。",
	}, nil
}

func feeBody(in Input) ([]string, error) {
	if in.Amount <= 0 {
		return nil, invalid("收费通知书须写明收费金额")
	}
	y := in.you()
	calc := "应缴纳信息处理费共计人民币" + strconv.Itoa(in.Amount) + "元。"
	if in.Detail != "" {
		calc = "计费方式和金额如下：" + clause(in.Detail) + "，" + calc
	} else {
		calc = "经计算，" + y + calc
	}
	pay := "请" + y + "自收到本通知书之日起" + strconv.Itoa(foirequest.FeePaymentDays) + "个工作日内"
	if !in.Until.IsZero() {
		pay += "（截至" + day(in.Until) + "）"
	}
	return []string{
		intro(in),
		"经审查，" + y + "申请公开政府信息的数量、频次明显超过合理范围。根据《中华人民共和国政府信息公开条例》第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，本机关依法收取信息处理费，" + calc,
		pay + "缴纳上述费用，具体缴费方式请与本机关政府信息公开工作机构联系。自本机关发出本通知书至" + y + "缴纳费用的期间，不计算在答复期限内。" +
			y + "逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。",
		"特此通知。",
	}, nil
}

func consultationBody(in Input) ([]string, error) {
	first := "本机关于" + day(in.Received) + "收到一份政府信息公开申请" + numberNote(in.Number) + "，申请公开“" + in.Description + "”。"
	answer := "自收到本函之日起" + strconv.Itoa(foirequest.ThirdPartyDays) + "个工作日内"
	if !in.Until.IsZero() {
		answer += "（截至" + day(in.Until) + "）"
	}
	if in.Party == foirequest.PartyOrgan {
		why := "该申请所涉及的政府信息系本机关与贵机关共同制作"
		if in.Detail != "" {
			why = clause(in.Detail)
		}
		return []string{
			first,
			"经审查，" + why + "。根据《中华人民共和国政府信息公开条例》第三十四条的规定，现征求贵机关意见。",
			"请贵机关" + answer + "以书面形式提出是否同意公开的意见；逾期未提出意见的，视为同意公开。",
			"特此函告。",
		}, nil
	}
	why := "该申请所涉及的政府信息可能涉及贵方的商业秘密、个人隐私等，公开后可能损害贵方的合法权益"
	if in.Detail != "" {
		why = clause(in.Detail)
	}
	return []string{
		first,
		"经审查，" + why + "。根据《中华人民共和国政府信息公开条例》第三十二条的规定，现书面征求贵方意见。",
		"请贵方" + answer + "以书面形式提出是否同意公开的意见；不同意公开的，请说明理由。逾期未提出意见的，由本机关依照《中华人民共和国政府信息公开条例》的规定决定是否公开。" +
			"第三方不同意公开且有合理理由的，本机关不予公开；本机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的政府信息内容和理由书面告知贵方。",
		"特此函告。",
	}, nil
}
