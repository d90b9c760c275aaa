// Package demodata generates realistic demonstration catalogs for a 区 government's
// agencies: a 区卫生健康局, a 区医疗保障局 and the 区政务公开办 (区人民政府办公室). Titles, 文号,
// topics and bodies read like real published catalogs; every name of a person or firm is
// left out or generic ("某诊所"). Output is deterministic for a given seed.
package demodata

// AgencyKind selects the content profile.
type AgencyKind string

const (
	Health          AgencyKind = "health"           // 区卫生健康局
	MedicalSecurity AgencyKind = "medical_security" // 区医疗保障局
	OpenOffice      AgencyKind = "open_office"      // 区人民政府办公室（政务公开办）
)

// Agency describes the agency the catalog is generated for.
type Agency struct {
	Kind       AgencyKind
	District   string // e.g. "清河区"
	Short      string // one-character district abbreviation used in 文号, e.g. "清"
	Name       string // 发布机构, e.g. "清河区卫生健康局"
	Code       string // 统一社会信用代码 or 组织机构代码 for {code}; may be empty if the pattern lacks it
	Pattern    string // 索引号 template; "" = catalog.NationalIndexPattern
	AuthorID   int64  // user ids written into the workflow fields (0 when unknown)
	ReviewerID int64
	ApproverID int64
}

// docPrefixes are the 文号 prefixes per agency kind, the first is the main one.
func (a Agency) docPrefixes() []string {
	switch a.Kind {
	case Health:
		return []string{a.Short + "卫发", a.Short + "卫办发", a.Short + "卫函"}
	case MedicalSecurity:
		return []string{a.Short + "医保发", a.Short + "医保办发", a.Short + "医保函"}
	default:
		return []string{a.Short + "政办发", a.Short + "政办函", a.Short + "政发"}
	}
}

func (a Agency) penaltyPrefix() string {
	if a.Kind == MedicalSecurity {
		return a.Short + "医保罚"
	}
	return a.Short + "卫医罚"
}

// DefaultAgencies are the three demo agencies of a district (codes are fictitious but
// carry valid check characters).
func DefaultAgencies(district, short string) []Agency {
	return []Agency{
		{Kind: Health, District: district, Short: short, Name: district + "卫生健康局", Code: "11610802016083285C"},
		{Kind: MedicalSecurity, District: district, Short: short, Name: district + "医疗保障局", Code: "11510903MB1A130200"},
		{Kind: OpenOffice, District: district, Short: short, Name: district + "人民政府办公室", Code: "000013338"},
	}
}
