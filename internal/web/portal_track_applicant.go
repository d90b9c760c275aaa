package web

import (
	"net/http"
	"strconv"

	"gongkai/internal/apperr"
	"gongkai/internal/foirequest"
	"gongkai/internal/store"
)

// The tracking page as the applicant's place: answer a 补正, confirm a payment, withdraw,
// download through an e-mail's link, recover a lost query code. The doors decide; the
// handlers only read forms and render.
func (s *Server) trackApplicantRoutes() {
	s.public("POST /track/{tracking}/submit", s.trackStep)
	s.public("GET /track/{tracking}/download/{id}", s.trackDownload)
	s.public("GET /track/recover", s.recoverForm)
	s.public("POST /track/recover", s.recoverSubmit)
}

// applicantAction is one step the tracking page offers the applicant.
type applicantAction struct {
	Type  foirequest.EventType
	Title string
	Hint  string
}

func applicantActions(steps []foirequest.EventType) []applicantAction {
	var out []applicantAction
	for _, t := range steps {
		switch t {
		case foirequest.EventCorrected:
			out = append(out, applicantAction{t, "提交补正", "请按补正告知书的要求说明或上传材料。提交当日即为收到补正后的申请之日，答复期限自该日起重新计算（第三十条、第三十一条第（三）项）。"})
		case foirequest.EventFeePaid:
			out = append(out, applicantAction{t, "上传缴费凭证", "缴费后请上传银行回单或电子缴款凭证（PDF或图片），本机关收到后继续办理。"})
		case foirequest.EventWithdrawn:
			out = append(out, applicantAction{t, "撤回申请", "撤回后本申请办理终止，不再作出答复。如仍需获取信息，可以重新提交申请。"})
		}
	}
	return out
}

// trackStep records the applicant's step through the door, with the token of the
// tracking cookie as the key.
func (s *Server) trackStep(w http.ResponseWriter, r *http.Request) error {
	tracking := store.NormalizeTracking(r.PathValue("tracking"))
	c, err := r.Cookie(trackCookie)
	if err != nil || c.Value == "" {
		return s.render(w, r, "portal/track.html", trackPage{Tracking: tracking, Notice: "查询已过期，请重新输入查询码后再提交。"})
	}
	sub := store.Submission{Type: foirequest.EventType(r.PostFormValue("type")), Text: r.PostFormValue("text")}
	files, err := uploadedFiles(r, "files")
	if err != nil {
		if shownInForm(err) {
			return s.trackStatusWith(w, r, apperr.HTTPStatus(err), apperr.MessageOf(err))
		}
		return err
	}
	for _, f := range files {
		sub.Files = append(sub.Files, store.Upload{Name: f.Name, Data: f.Data})
	}
	if sub.Type == foirequest.EventWithdrawn && r.PostFormValue("confirm") != "yes" {
		return s.trackStatusWith(w, r, http.StatusBadRequest, "请勾选确认撤回申请")
	}
	_, err = s.db.Applications().Submit(r.Context(), tracking, c.Value, sub, s.now())
	if err != nil {
		if apperr.Is(err, apperr.NotFound) {
			return s.render(w, r, "portal/track.html", trackPage{Tracking: tracking, Notice: "查询已过期，请重新输入查询码后再提交。"})
		}
		if shownInForm(err) {
			return s.trackStatusWith(w, r, apperr.HTTPStatus(err), apperr.MessageOf(err))
		}
		return err
	}
	notice := "已提交：" + sub.Type.Label() + "。本机关已收到，并将以电子邮件或短信告知。"
	return redirect(w, r, "/track/"+tracking, notice)
}

// trackDownload sends a file through the link of an e-mail (valid until its expiry,
// without the query code).
func (s *Server) trackDownload(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return apperr.New(apperr.NotFound, "下载链接无效或已过期，请凭查询码在查询页面下载")
	}
	q := r.URL.Query()
	f, err := s.db.Applications().FileByLink(r.Context(), r.PathValue("tracking"), id, q.Get("exp"), q.Get("sig"), s.now())
	if err != nil {
		return err
	}
	sendDownload(w, f.Name, downloadType(f.ContentType), f.Data)
	return nil
}

// recoverPage is what portal/track_recover.html shows.
type recoverPage struct {
	Tracking string
	Email    bool // e-mail can carry a new code
	SMS      bool // a text message can
	Done     bool
}

func (s *Server) recoverForm(w http.ResponseWriter, r *http.Request) error {
	m := s.db.Messaging()
	return s.render(w, r, "portal/track_recover.html", recoverPage{Tracking: store.NormalizeTracking(r.URL.Query().Get("n")), Email: m.Email, SMS: m.SMS})
}

// recoverSubmit asks the door for a new code; the answer is the same whether or not the
// number exists and the contact matches.
func (s *Server) recoverSubmit(w http.ResponseWriter, r *http.Request) error {
	m := s.db.Messaging()
	tracking := store.NormalizeTracking(r.PostFormValue("tracking"))
	if err := s.db.Applications().RecoverCode(r.Context(), tracking, r.PostFormValue("contact"), s.now()); err != nil {
		return err
	}
	return s.render(w, r, "portal/track_recover.html", recoverPage{Tracking: tracking, Email: m.Email, SMS: m.SMS, Done: true})
}
