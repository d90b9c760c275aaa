// Package agency is about the bodies that disclose information: governments (本级人民政府)
// and the agencies (行政机关) that belong to them, with their disclosure office contacts.
package agency

import (
	"strings"
	"unicode/utf8"

	"gongkai/internal/apperr"
)

// Government is a level of government grouping its departments, e.g. 某某区人民政府.
type Government struct {
	ID     int64
	Name   string
	Region string // e.g. 陕西省榆林市
}

// Agency is a 行政机关 with its 政府信息公开工作机构 contact details.
type Agency struct {
	ID             int64
	GovernmentID   int64
	Name           string // full name, e.g. 某某区卫生健康局
	ShortName      string
	CreditCode     string // 统一社会信用代码, 18 characters
	Kind           string // "government" for the 人民政府办公室 itself, "department" otherwise
	OfficeName     string // e.g. 区卫生健康局办公室
	OfficeAddress  string
	OfficePostcode string
	OfficePhone    string
	OfficeHours    string
	OfficeEmail    string
	Website        string
}

// Validate checks the agency's fields and trims them.
func (a *Agency) Validate() error {
	a.Name = strings.TrimSpace(a.Name)
	a.CreditCode = strings.ToUpper(strings.TrimSpace(a.CreditCode))
	if a.Name == "" {
		return apperr.New(apperr.Invalid, "机关名称不能为空")
	}
	if utf8.RuneCountInString(a.Name) > 100 {
		return apperr.New(apperr.Invalid, "机关名称过长")
	}
	if a.GovernmentID == 0 {
		return apperr.New(apperr.Invalid, "请选择所属人民政府")
	}
	if a.CreditCode != "" {
		if err := ValidateCreditCode(a.CreditCode); err != nil {
			return err
		}
	}
	if a.Kind == "" {
		a.Kind = "department"
	}
	return nil
}

const creditCodeChars = "0123456789ABCDEFGHJKLMNPQRTUWXY"

var creditCodeWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// ValidateCreditCode checks an 18-character 统一社会信用代码 (GB 32100-2015), check digit included.
func ValidateCreditCode(code string) error {
	if len(code) != 18 {
		return apperr.New(apperr.Invalid, "统一社会信用代码应为18位")
	}
	sum := 0
	for i := 0; i < 17; i++ {
		v := strings.IndexByte(creditCodeChars, code[i])
		if v < 0 {
			return apperr.Newf(apperr.Invalid, "统一社会信用代码第%d位“%c”不是有效字符", i+1, code[i])
		}
		sum += v * creditCodeWeights[i]
	}
	check := (31 - sum%31) % 31
	if code[17] != creditCodeChars[check] {
		return apperr.New(apperr.Invalid, "统一社会信用代码校验位不正确")
	}
	return nil
}
