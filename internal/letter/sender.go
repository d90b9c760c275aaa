package letter

import "gongkai/internal/agency"

// Sender is the sender of an agency's letters. A department's 行政复议机关 is its own 本级
// 人民政府 (行政复议法第二十四条第一款第（一）项), named governmentName; for a government's
// own office the organ is the government one level up, which gongkai does not know, so the
// generic wording is used. The court is always named generically (有管辖权的人民法院).
func Sender(ag agency.Agency, governmentName string) Agency {
	la := Agency{
		Name: ag.Name, ShortName: ag.ShortName, Office: ag.OfficeName, Address: ag.OfficeAddress,
		PostCode: ag.OfficePostcode, Phone: ag.OfficePhone, Email: ag.OfficeEmail,
	}
	if ag.Kind != "government" {
		la.ReviewOrgan = governmentName
	}
	return la
}
