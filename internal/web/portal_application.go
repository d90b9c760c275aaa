package web

import (
	"context"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"gongkai/internal/account"
	"gongkai/internal/agency"
	"gongkai/internal/apperr"
	"gongkai/internal/foirequest"
	"gongkai/internal/store"
	"gongkai/internal/workday"
)

// foiPublicRoutes registers the public side of 依申请公开 (the online application form and
// the status query) and the console's letters, which are the same case seen from outside.
func (s *Server) foiPublicRoutes() {
	s.public("GET /apply", s.applyIndex)
	s.public("GET /agencies/{id}/apply", s.applyForm)
	s.public("POST /agencies/{id}/apply", s.applySubmit)
	s.public("GET /track", s.trackForm)
	s.public("POST /track", s.trackSubmit)
	s.public("GET /track/{tracking}", s.trackStatus)
	s.public("GET /track/{tracking}/files/{id}", s.trackFile)
	s.public("GET /track/{tracking}/letter.docx", s.trackLetterDOCX)
	s.trackApplicantRoutes()
	s.letterRoutes()
	s.replyRoutes()
}

// Online submissions per client address (the tracking limits are store.TrackPerNumber
// and store.TrackPerAddress).
const (
	applyLimit  = 5 // successful submissions
	applyWindow = time.Hour
)

// applyIndex lists the agencies that take applications, with the query form.
func (s *Server) applyIndex(w http.ResponseWriter, r *http.Request) error {
	govs, err := s.db.Agencies().Governments(r.Context())
	if err != nil {
		return err
	}
	type govView struct {
		Name     string
		Agencies []agency.Agency
	}
	var list []govView
	for _, g := range govs {
		as, err := s.db.Agencies().List(r.Context(), g.ID)
		if err != nil {
			return err
		}
		list = append(list, govView{g.Name, as})
	}
	return s.render(w, r, "portal/apply_index.html", map[string]any{"Governments": list})
}

// option is one choice of a select or radio group.
type option struct{ Value, Label string }

// applyFields are the form's values as typed.
type applyFields struct {
	Kind, Name, IDType, IDNumber, CreditCode, ContactPerson string
	Phone, Email, Address, PostCode                         string
	Description, DocNumber, Form, Way                       string
	Consent                                                 bool
}

// applyPage is what portal/apply.html shows.
type applyPage struct {
	Agency   agency.Agency
	F        applyFields
	Errs     map[string]string // field → message, shown next to the field
	Error    string            // a message for the whole form
	OrgKinds []option
	IDTypes  []option
	Forms    []option
	Ways     []option
}

var (
	applyForms = []option{{"paper", "纸质文本"}, {"electronic", "电子文本"}}
	applyWays  = []option{{"mail", "邮寄"}, {"email", "电子邮件"}, {"pickup", "当面领取"}, {"online", "网上获取"}}
)

func newApplyPage(ag agency.Agency, f applyFields) applyPage {
	p := applyPage{Agency: ag, F: f, Errs: map[string]string{}, Forms: applyForms, Ways: applyWays}
	for _, k := range foirequest.ApplicantKinds {
		if k.IsOrganization() {
			p.OrgKinds = append(p.OrgKinds, option{string(k), k.Label()})
		}
	}
	for _, t := range foirequest.IDTypes {
		p.IDTypes = append(p.IDTypes, option{string(t), t.Label()})
	}
	return p
}

// agencyFromPath loads the agency named by the {id} of a public path.
func (s *Server) agencyFromPath(r *http.Request) (agency.Agency, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return agency.Agency{}, err
	}
	return s.db.Agencies().Get(r.Context(), id)
}

func (s *Server) applyForm(w http.ResponseWriter, r *http.Request) error {
	ag, err := s.agencyFromPath(r)
	if err != nil {
		return err
	}
	return s.render(w, r, "portal/apply.html", newApplyPage(ag, applyFields{Kind: string(foirequest.NaturalPerson), IDType: string(foirequest.IDResident)}))
}

func readApplyFields(r *http.Request) applyFields {
	v := func(name string) string { return strings.TrimSpace(r.PostFormValue(name)) }
	return applyFields{
		Kind: v("kind"), Name: v("name"), IDType: v("id_type"), IDNumber: v("id_number"),
		CreditCode: v("credit_code"), ContactPerson: v("contact_person"),
		Phone: v("phone"), Email: v("email"), Address: v("address"), PostCode: v("post_code"),
		Description: v("description"), DocNumber: v("doc_number"), Form: v("form"), Way: v("way"),
		Consent: r.PostFormValue("consent") == "yes",
	}.forKind()
}

// forKind keeps only the section of the form for the applicant type chosen: an
// organisation's identity number, typed before the type was changed, is never kept (nor
// a person's credit code).
func (f applyFields) forKind() applyFields {
	if f.IsOrg() {
		f.IDType, f.IDNumber = "", ""
	} else {
		f.CreditCode, f.ContactPerson = "", ""
	}
	return f
}

// IsOrg reports whether the type chosen is a 法人或其他组织.
func (f applyFields) IsOrg() bool { return foirequest.ApplicantKind(f.Kind).IsOrganization() }

// fieldError checks one field of the applicant with the domain's own rules: the field is
// set on an applicant that is otherwise valid, so the message (if any) is about that field
// alone. This gives a message next to every wrong field without restating the rules.
func fieldError(base foirequest.Applicant, set func(*foirequest.Applicant)) string {
	set(&base)
	if err := base.Normalized().Validate(); err != nil {
		return apperr.MessageOf(err)
	}
	return ""
}

// validCreditCode is a well-formed 统一社会信用代码 for fieldError's stand-in applicant.
const validCreditCode = "11610802016083285C"

// applicantFrom checks the applicant's fields and returns the applicant with the errors
// by field.
func applicantFrom(f applyFields, errs map[string]string) foirequest.Applicant {
	kind := foirequest.ApplicantKind(f.Kind)
	a := foirequest.Applicant{Kind: kind, Name: f.Name, Phone: f.Phone, Email: f.Email, Address: f.Address, PostCode: f.PostCode}
	if !kind.Valid() {
		errs["kind"] = "请选择申请人类型（自然人或法人或其他组织）"
		return a
	}
	base := foirequest.Applicant{Kind: kind, Name: "甲", Address: "某地"}
	if kind == foirequest.NaturalPerson {
		a.IDType, a.IDNumber = foirequest.IDType(f.IDType), f.IDNumber
		base.IDType, base.IDNumber = foirequest.IDPassport, "E12345678"
	} else {
		a.CreditCode, a.ContactPerson = f.CreditCode, f.ContactPerson
		base.CreditCode, base.ContactPerson = validCreditCode, "乙"
	}
	check := func(field string, set func(*foirequest.Applicant)) {
		if msg := fieldError(base, set); msg != "" {
			errs[field] = msg
		}
	}
	check("name", func(b *foirequest.Applicant) { b.Name = a.Name })
	if kind == foirequest.NaturalPerson {
		if !a.IDType.Valid() {
			errs["id_type"] = "请选择身份证件类型"
		} else {
			check("id_number", func(b *foirequest.Applicant) { b.IDType, b.IDNumber = a.IDType, a.IDNumber })
		}
	} else {
		check("credit_code", func(b *foirequest.Applicant) { b.CreditCode = a.CreditCode })
		check("contact_person", func(b *foirequest.Applicant) { b.ContactPerson = a.ContactPerson })
	}
	check("phone", func(b *foirequest.Applicant) { b.Phone = a.Phone })
	check("email", func(b *foirequest.Applicant) { b.Email = a.Email })
	check("post_code", func(b *foirequest.Applicant) { b.PostCode = a.PostCode })
	if a.Phone == "" && a.Email == "" && a.Address == "" {
		errs["phone"] = "请至少填写一种联系方式（电话、电子邮箱或通信地址）"
	}
	if utf8.RuneCountInString(a.Address) > 200 {
		errs["address"] = "通信地址过长（最多200字）"
	}
	return a
}

// deliveryFrom maps the form (纸质/电子) and the way (邮寄/电子邮件/当面领取/网上获取) to the
// domain's form of delivery, and checks that the contact the way needs is given.
func deliveryFrom(f applyFields, errs map[string]string) foirequest.Delivery {
	var d foirequest.Delivery
	switch f.Form + "/" + f.Way {
	case "paper/mail":
		d = foirequest.DeliveryPaper
	case "paper/pickup":
		d = foirequest.DeliveryPickup
	case "electronic/email":
		d = foirequest.DeliveryEmail
	case "electronic/online":
		d = foirequest.DeliveryOnline
	case "electronic/mail", "electronic/pickup":
		d = foirequest.DeliveryDisk // an electronic copy on a disc or other medium
	}
	switch {
	case f.Form != "paper" && f.Form != "electronic":
		errs["form"] = "请选择获取信息的载体形式（纸质文本或电子文本）"
	case f.Way == "":
		errs["way"] = "请选择获取信息的方式"
	case d == "":
		errs["way"] = "纸质文本只能邮寄或当面领取"
	}
	if f.Way == "mail" && f.Address == "" && errs["address"] == "" {
		errs["address"] = "选择邮寄的，请填写通信地址"
	}
	if f.Way == "email" && f.Email == "" && errs["email"] == "" {
		errs["email"] = "选择电子邮件获取的，请填写电子邮箱"
	}
	return d
}

// applicationFrom checks the whole form; the errors are by field.
func applicationFrom(f applyFields, agencyID int64) (foirequest.Application, map[string]string) {
	errs := map[string]string{}
	a := applicantFrom(f, errs)
	d := deliveryFrom(f, errs)
	desc := f.Description
	switch n := utf8.RuneCountInString(desc); {
	case n == 0:
		errs["description"] = "请描述申请公开的政府信息（名称、文号或者便于查询的其他特征性描述）"
	case n > 4800:
		errs["description"] = "申请内容描述过长（最多4800字）"
	}
	if utf8.RuneCountInString(f.DocNumber) > 100 {
		errs["doc_number"] = "文号过长（最多100字）"
	} else if f.DocNumber != "" {
		desc += "（文号：" + f.DocNumber + "）"
	}
	if !f.Consent {
		errs["consent"] = "请阅读个人信息保护说明，并勾选同意后提交"
	}
	return foirequest.Application{AgencyID: agencyID, Applicant: a, Description: desc, Delivery: d}, errs
}

// applySubmit registers an online application. Channel 网络: by 条例第三十一条第（三）项 an
// application over the internet is received on "the day both sides confirm". The platform
// confirms at once — the page that answers the submission gives the tracking number and
// the case number, which is the agency's confirmation, and the applicant sees it, which is
// theirs — so both sides confirm on the day of submission (the China calendar day), also
// on a weekend or a holiday. The text ties receipt to confirmation, not to working days;
// non-working days are already left out when the 20 working days are counted from the
// day after receipt (第三十三条), so moving receipt to the next working day would add a day
// the statute does not give.
func (s *Server) applySubmit(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	ag, err := s.agencyFromPath(r)
	if err != nil {
		return err
	}
	// Without JavaScript the type is chosen by submitting it: the page comes back with the
	// section of that type and nothing is registered.
	if r.PostFormValue("action") == "kind" {
		f := readApplyFields(r)
		if f.IDType == "" {
			f.IDType = string(foirequest.IDResident)
		}
		return s.render(w, r, "portal/apply.html", newApplyPage(ag, f))
	}
	// The submission is reserved before anything else, so concurrent posts from one
	// address cannot all pass the count; a refused submission takes it back.
	reservation, ok, err := s.db.ReserveApplication(ctx, store.RateLimit{Max: applyLimit, Window: applyWindow}, clientIP(r))
	if err != nil {
		return err
	}
	if !ok {
		return apperr.Newf(apperr.TooMany, "同一网络每小时最多在线提交%d件申请，请稍后再试，或通过当面、邮寄等方式提交", applyLimit)
	}
	stored := false
	defer func() {
		if !stored {
			s.db.RateRelease(context.WithoutCancel(ctx), reservation)
		}
	}()
	f := readApplyFields(r)
	app, errs := applicationFrom(f, ag.ID)
	page := newApplyPage(ag, f)
	if len(errs) > 0 {
		page.Errs = errs
		page.Error = "申请未提交：请按提示修改标出的项目。"
		return s.renderWith(w, r, http.StatusBadRequest, "portal/apply.html", page)
	}
	now := s.now()
	today := workday.Of(now)
	app.Intake = foirequest.Intake{Channel: foirequest.ChannelOnline, Submitted: today, Confirmed: today}
	created, code, err := s.db.Applications().Register(ctx, account.Public(), app, now)
	if err != nil {
		if shownInForm(err) {
			page.Error = apperr.MessageOf(err)
			return s.renderWith(w, r, apperr.HTTPStatus(err), "portal/apply.html", page)
		}
		return err
	}
	stored = true
	return s.render(w, r, "portal/apply_done.html", map[string]any{
		"App": created, "Code": code, "Agency": ag,
		"Rule": foirequest.ChannelOnline.ReceiptRule(),
	})
}
