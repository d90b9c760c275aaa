// Package foirequest is 依申请公开: applicants, intake channels and the day of receipt
// (条例第三十一条), the case as a log of events with its state machine, deadlines with
// their explanation, reply types and their rows in table 三, 信息处理费 and the counting of
// table 三 of the annual report. It is pure: no I/O.
package foirequest

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"gongkai/internal/apperr"
)

// ApplicantKind is who applies. The codes are the column ids of table 三 in
// shared/report-cells.json.
type ApplicantKind string

const (
	NaturalPerson  ApplicantKind = "natural_person"  // 自然人
	Business       ApplicantKind = "business"        // 商业企业
	Research       ApplicantKind = "research"        // 科研机构
	PublicInterest ApplicantKind = "public_interest" // 社会公益组织
	LegalService   ApplicantKind = "legal_service"   // 法律服务机构
	OtherOrg       ApplicantKind = "other_org"       // 其他
)

// ApplicantKinds lists the kinds in the column order of table 三.
var ApplicantKinds = []ApplicantKind{NaturalPerson, Business, Research, PublicInterest, LegalService, OtherOrg}

// Label is the Chinese name as table 三 prints it.
func (k ApplicantKind) Label() string {
	switch k {
	case NaturalPerson:
		return "自然人"
	case Business:
		return "商业企业"
	case Research:
		return "科研机构"
	case PublicInterest:
		return "社会公益组织"
	case LegalService:
		return "法律服务机构"
	case OtherOrg:
		return "其他"
	}
	return string(k)
}

// FullLabel is the label with its group: 法人或其他组织·商业企业.
func (k ApplicantKind) FullLabel() string {
	if k.IsOrganization() {
		return "法人或其他组织·" + k.Label()
	}
	return k.Label()
}

// Valid reports whether k is a known kind.
func (k ApplicantKind) Valid() bool {
	for _, x := range ApplicantKinds {
		if k == x {
			return true
		}
	}
	return false
}

// IsOrganization reports whether k is one of the five 法人或其他组织 kinds.
func (k ApplicantKind) IsOrganization() bool { return k.Valid() && k != NaturalPerson }

// IDType is the kind of identity document of a natural person (身份证明).
type IDType string

const (
	IDResident         IDType = "resident_id"       // 居民身份证
	IDPassport         IDType = "passport"          // 护照
	IDHongKongMacao    IDType = "hk_macao_permit"   // 港澳居民来往内地通行证
	IDTaiwan           IDType = "taiwan_permit"     // 台湾居民来往大陆通行证
	IDForeignPermanent IDType = "foreign_permanent" // 外国人永久居留身份证
	IDOther            IDType = "other"             // 其他有效身份证件
)

// IDTypes lists the document types in display order.
var IDTypes = []IDType{IDResident, IDPassport, IDHongKongMacao, IDTaiwan, IDForeignPermanent, IDOther}

// Label is the Chinese name of the document type.
func (t IDType) Label() string {
	switch t {
	case IDResident:
		return "居民身份证"
	case IDPassport:
		return "护照"
	case IDHongKongMacao:
		return "港澳居民来往内地通行证"
	case IDTaiwan:
		return "台湾居民来往大陆通行证"
	case IDForeignPermanent:
		return "外国人永久居留身份证"
	case IDOther:
		return "其他有效身份证件"
	}
	return string(t)
}

// Valid reports whether t is a known document type.
func (t IDType) Valid() bool {
	for _, x := range IDTypes {
		if t == x {
			return true
		}
	}
	return false
}

// Applicant is the person or organization that applies (条例第二十九条: 姓名或者名称、
// 身份证明、联系方式). A natural person has IDType and IDNumber; an organization has
// CreditCode (统一社会信用代码) and ContactPerson.
type Applicant struct {
	Kind          ApplicantKind `json:"kind"`
	Name          string        `json:"name"` // 姓名 or 名称
	IDType        IDType        `json:"id_type,omitempty"`
	IDNumber      string        `json:"id_number,omitempty"`
	CreditCode    string        `json:"credit_code,omitempty"`
	ContactPerson string        `json:"contact_person,omitempty"`
	Phone         string        `json:"phone,omitempty"`
	Address       string        `json:"address,omitempty"`
	PostCode      string        `json:"post_code,omitempty"`
	Email         string        `json:"email,omitempty"`
}

// Normalized returns a copy with spaces trimmed and codes upper-cased.
func (a Applicant) Normalized() Applicant {
	a.Name = strings.TrimSpace(a.Name)
	a.IDNumber = strings.ToUpper(strings.Join(strings.Fields(a.IDNumber), ""))
	a.CreditCode = strings.ToUpper(strings.Join(strings.Fields(a.CreditCode), ""))
	a.ContactPerson = strings.TrimSpace(a.ContactPerson)
	a.Phone = strings.TrimSpace(a.Phone)
	a.Address = strings.TrimSpace(a.Address)
	a.PostCode = strings.TrimSpace(a.PostCode)
	a.Email = strings.TrimSpace(a.Email)
	return a
}

var (
	phonePattern    = regexp.MustCompile(`^(\+?86[- ]?)?(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?|[48]00-?\d{3}-?\d{4})$`)
	emailPattern    = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)
	postCodePattern = regexp.MustCompile(`^\d{6}$`)
	docPattern      = regexp.MustCompile(`^[A-Z0-9]{5,30}$`)
)

// Validate checks the applicant (normalize first). The error is apperr.Invalid with a
// Chinese message naming every problem (Problems).
func (a Applicant) Validate() error {
	if ps := a.Problems(); len(ps) > 0 {
		return apperr.New(apperr.Invalid, strings.Join(ps, "；"))
	}
	return nil
}

// Problems lists everything wrong with the applicant, in the order of the form, so that
// a form reports every missing or bad field in one pass; nil when valid.
func (a Applicant) Problems() []string {
	var out []string
	add := func(s string) { out = append(out, s) }
	if !a.Kind.Valid() {
		add("请选择申请人类型（自然人或法人或其他组织）")
	}
	if a.Name == "" {
		if a.Kind.IsOrganization() {
			add("请填写法人或其他组织名称")
		} else {
			add("请填写申请人姓名")
		}
	} else if utf8.RuneCountInString(a.Name) > 100 {
		add("申请人姓名或名称过长（最多100个字）")
	}
	switch {
	case a.Kind == NaturalPerson:
		switch {
		case !a.IDType.Valid():
			add("请选择身份证件类型")
		case a.IDNumber == "":
			add("请填写身份证件号码")
		case a.IDType == IDResident:
			if err := ValidateResidentID(a.IDNumber); err != nil {
				add(apperr.MessageOf(err))
			}
		case !docPattern.MatchString(a.IDNumber):
			add(a.IDType.Label() + "号码格式不正确")
		}
	case a.Kind.Valid():
		if a.CreditCode == "" && a.Kind != OtherOrg {
			add("请填写统一社会信用代码")
		}
		if a.CreditCode != "" {
			if err := ValidateCreditCode(a.CreditCode); err != nil {
				add(apperr.MessageOf(err))
			}
		}
		if a.ContactPerson == "" {
			add("请填写联系人姓名")
		}
	}
	if a.Phone == "" && a.Email == "" && a.Address == "" {
		add("请至少填写一种联系方式（电话、电子邮箱或通信地址）")
	}
	if a.Phone != "" && !phonePattern.MatchString(a.Phone) {
		add("联系电话格式不正确")
	}
	if a.Email != "" && (!emailPattern.MatchString(a.Email) || len(a.Email) > 254) {
		add("电子邮箱格式不正确")
	}
	if a.PostCode != "" && !postCodePattern.MatchString(a.PostCode) {
		add("邮政编码应为6位数字")
	}
	return out
}

// Masked returns a copy safe for pages and logs: identity number, phone and e-mail masked.
// The 统一社会信用代码 of an organization is public and left as is.
func (a Applicant) Masked() Applicant {
	a.IDNumber = MaskID(a.IDNumber)
	a.Phone = MaskPhone(a.Phone)
	a.Email = MaskEmail(a.Email)
	return a
}

// residentWeights and residentCheck implement the check digit of GB 11643-1999.
var residentWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

const residentCheck = "10X98765432"

// ValidateResidentID checks an 18-character 公民身份号码 (GB 11643-1999): digits, a
// plausible birth date and the check character.
func ValidateResidentID(id string) error {
	if len(id) != 18 {
		return apperr.New(apperr.Invalid, "居民身份证号码应为18位")
	}
	sum := 0
	for i := 0; i < 17; i++ {
		c := id[i]
		if c < '0' || c > '9' {
			return apperr.New(apperr.Invalid, "居民身份证号码前17位应为数字")
		}
		sum += int(c-'0') * residentWeights[i]
	}
	month := (id[10]-'0')*10 + id[11] - '0'
	day := (id[12]-'0')*10 + id[13] - '0'
	year := id[6:8]
	if (year != "19" && year != "20") || month < 1 || month > 12 || day < 1 || day > 31 {
		return apperr.New(apperr.Invalid, "居民身份证号码中的出生日期不正确")
	}
	if id[17] != residentCheck[sum%11] {
		return apperr.New(apperr.Invalid, "居民身份证号码校验位不正确，请核对")
	}
	return nil
}

// creditAlphabet is the character set of GB 32100-2015 (no I, O, Z, S, V); the index of a
// character is its value.
const creditAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

var creditWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// CreditCheckChar returns the check character of the first 17 characters of a
// 统一社会信用代码, or 0 if they contain a character outside the code's alphabet.
func CreditCheckChar(first17 string) byte {
	if len(first17) != 17 {
		return 0
	}
	sum := 0
	for i := 0; i < 17; i++ {
		v := strings.IndexByte(creditAlphabet, first17[i])
		if v < 0 {
			return 0
		}
		sum += v * creditWeights[i]
	}
	return creditAlphabet[(31-sum%31)%31]
}

// ValidateCreditCode checks an 18-character 统一社会信用代码 (GB 32100-2015): the
// alphabet, the 6-digit administrative division code in positions 3–8 and the check
// character.
func ValidateCreditCode(code string) error {
	if len(code) != 18 {
		return apperr.New(apperr.Invalid, "统一社会信用代码应为18位")
	}
	for i := 0; i < 18; i++ {
		if strings.IndexByte(creditAlphabet, code[i]) < 0 {
			return apperr.Newf(apperr.Invalid, "统一社会信用代码第%d位含有不允许的字符（不使用 I、O、Z、S、V）", i+1)
		}
	}
	for i := 2; i < 8; i++ {
		if code[i] < '0' || code[i] > '9' {
			return apperr.New(apperr.Invalid, "统一社会信用代码第3至8位应为行政区划码（数字）")
		}
	}
	if CreditCheckChar(code[:17]) != code[17] {
		return apperr.New(apperr.Invalid, "统一社会信用代码校验位不正确，请核对")
	}
	return nil
}

// MaskID masks an identity document number for display and logs: the first and last four
// characters stay, eight asterisks replace the rest (3301********1234). Short numbers keep
// less; the length of the original is not revealed.
func MaskID(id string) string {
	r := []rune(strings.TrimSpace(id))
	switch {
	case len(r) == 0:
		return ""
	case len(r) >= 12:
		return string(r[:4]) + "********" + string(r[len(r)-4:])
	case len(r) >= 6:
		return string(r[:2]) + "********" + string(r[len(r)-2:])
	}
	return "********"
}

// MaskPhone masks a telephone number: 138****5678; for other lengths the last four digits
// stay visible.
func MaskPhone(phone string) string {
	r := []rune(strings.TrimSpace(phone))
	switch {
	case len(r) == 0:
		return ""
	case len(r) == 11:
		return string(r[:3]) + "****" + string(r[7:])
	case len(r) > 7:
		return string(r[:3]) + "****" + string(r[len(r)-4:])
	case len(r) > 4:
		return "****" + string(r[len(r)-4:])
	}
	return "****"
}

// MaskEmail masks the local part of an e-mail address: z***@example.com.
func MaskEmail(email string) string {
	email = strings.TrimSpace(email)
	at := strings.LastIndexByte(email, '@')
	if at <= 0 {
		if email == "" {
			return ""
		}
		return "***"
	}
	first, _ := utf8.DecodeRuneInString(email)
	return string(first) + "***" + email[at:]
}
