package web

import (
	"fmt"
	"io"
	"net/http"
	"strings"

	"gongkai/internal/apperr"
	"gongkai/internal/foirequest"
	"gongkai/internal/store"
	"gongkai/internal/workday"
)

// replyRoutes serve the reply letter of a case as a draft: written and edited by the
// staff handling the case, approved by a 审核人 or 负责人 other than its author, issued.
func (s *Server) replyRoutes() {
	s.console("GET /console/applications/{id}/reply", roles(clerk, reviewer, head), s.replyDraftPage)
	s.console("POST /console/applications/{id}/reply", roles(clerk, reviewer, head), s.replyDraftSave)
	s.console("POST /console/applications/{id}/reply/approve", roles(reviewer, head), s.replyApprove)
	s.console("POST /console/applications/{id}/reply/issue", roles(clerk, reviewer, head), s.replyIssue)
	s.console("POST /console/agencies/{id}/reply-review", roles(agencyAdmin), s.agencyReplyReview)
	s.lettersWaitingRoutes()
}

// withheldRows is how many withheld parts the form offers beyond those saved.
const withheldRows = 3

func (s *Server) replyDraftPage(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	return s.renderReplyDraft(w, r, http.StatusOK, id, nil, "")
}

// renderReplyDraft shows the draft page; typed (not nil) is what the user typed when the
// door refused it, shown again with errMsg.
func (s *Server) renderReplyDraft(w http.ResponseWriter, r *http.Request, status int, id int64, typed *foirequest.ReplyLetter, errMsg string) error {
	p := principal(r)
	d, err := s.db.Letters().Draft(r.Context(), p, id)
	if err != nil {
		return err
	}
	l := d.Letter
	if typed != nil {
		l.Reply, l.Disclosed, l.Withheld, l.Body, l.Handover, l.HandoverDay = typed.Reply, typed.Disclosed, typed.Withheld, typed.Body, typed.Handover, typed.HandoverDay
	}
	if l.Reply == "" {
		l.Reply = foirequest.ReplyGranted
	}
	rows := append([]foirequest.Withheld(nil), l.Withheld...)
	for range withheldRows {
		rows = append(rows, foirequest.Withheld{})
	}
	canApprove := d.Exists && !l.Approved() && foirequest.CanApproveLetter(p, d.Application.AgencyID, l.AuthorID) == nil
	return s.renderWith(w, r, status, "console/reply.html", map[string]any{
		"App": d.Application, "Draft": d, "Letter": l, "Rows": rows, "Error": errMsg, "Today": s.today(),
		"Replies": replyLetterChoices(), "Handovers": foirequest.HandoverForms,
		"CanApprove": canApprove, "CanIssue": d.Exists && (l.Approved() || !d.Review),
		"Basis": foirequest.ReplyPartial.Basis(),
	})
}

// replyLetterChoices are the replies a letter may carry (not those only an abandonment
// records; the door refuses 补正后申请内容仍不明确 without a correction).
func replyLetterChoices() []foirequest.ReplyType {
	var out []foirequest.ReplyType
	for _, r := range foirequest.ReplyTypes {
		if r != foirequest.ReplyNoCorrection && r != foirequest.ReplyFeeUnpaid {
			out = append(out, r)
		}
	}
	return out
}

// replyFromForm reads the draft form: the reply, the disclosed part, the withheld parts
// (rows of what, why and basis), the other form of delivery and the edited text.
func replyFromForm(r *http.Request) (foirequest.ReplyLetter, error) {
	f := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	l := foirequest.ReplyLetter{Reply: foirequest.ReplyType(f("reply")), Disclosed: f("disclosed"), Body: f("body"),
		Handover: foirequest.Delivery(f("handover"))}
	if f("regenerate") != "" {
		l.Body = "" // start again from the template's wording
	}
	what, why, basis := r.PostForm["what"], r.PostForm["why"], r.PostForm["basis"]
	for i := range what {
		w := foirequest.Withheld{What: what[i]}
		if i < len(why) {
			w.Reason = why[i]
		}
		if i < len(basis) {
			w.Basis = basis[i]
		}
		l.Withheld = append(l.Withheld, w)
	}
	if v := f("handover_day"); v != "" {
		d, err := workday.ParseDay(v)
		if err != nil {
			return l, apperr.New(apperr.Invalid, "提供或查阅日期："+apperr.MessageOf(err))
		}
		l.HandoverDay = d
	}
	return l, nil
}

// uploadedFiles reads the files of a multipart form's field.
func uploadedFiles(r *http.Request, field string) ([]store.ApplicationFile, error) {
	if r.MultipartForm == nil {
		return nil, nil
	}
	var out []store.ApplicationFile
	for _, fh := range r.MultipartForm.File[field] {
		if fh.Size > store.MaxApplicationFile {
			return nil, apperr.Newf(apperr.Invalid, "文件“%s”超过%d MB", fh.Filename, store.MaxApplicationFile>>20)
		}
		fd, err := fh.Open()
		if err != nil {
			return nil, err
		}
		data, err := io.ReadAll(io.LimitReader(fd, store.MaxApplicationFile+1))
		fd.Close()
		if err != nil {
			return nil, err
		}
		if len(data) == 0 && fh.Filename == "" {
			continue
		}
		out = append(out, store.ApplicationFile{Name: fh.Filename, ContentType: fh.Header.Get("Content-Type"), Data: data})
	}
	return out, nil
}

func (s *Server) replyDraftSave(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	l, err := replyFromForm(r)
	if err == nil {
		var files []store.ApplicationFile
		if files, err = uploadedFiles(r, "files"); err == nil {
			_, err = s.db.Letters().SaveDraft(r.Context(), principal(r), id, l, s.now(), files...)
		}
	}
	if err != nil {
		if shownInForm(err) {
			return s.renderReplyDraft(w, r, apperr.HTTPStatus(err), id, &l, apperr.MessageOf(err))
		}
		return err
	}
	return redirect(w, r, fmt.Sprintf("/console/applications/%d/reply", id), "答复书草稿已保存")
}

func (s *Server) replyApprove(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if _, err := s.db.Letters().Approve(r.Context(), principal(r), id, s.now()); err != nil {
		if shownInForm(err) {
			return s.renderReplyDraft(w, r, apperr.HTTPStatus(err), id, nil, apperr.MessageOf(err))
		}
		return err
	}
	return redirect(w, r, fmt.Sprintf("/console/applications/%d/reply", id), "答复书已审核通过")
}

func (s *Server) replyIssue(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	day, err := workday.ParseDay(strings.TrimSpace(r.PostFormValue("day")))
	if err == nil {
		_, err = s.db.Letters().Issue(r.Context(), principal(r), id, day, s.now())
	} else {
		err = apperr.New(apperr.Invalid, "答复日期："+apperr.MessageOf(err))
	}
	if err != nil {
		if shownInForm(err) {
			return s.renderReplyDraft(w, r, apperr.HTTPStatus(err), id, nil, apperr.MessageOf(err))
		}
		return err
	}
	return redirect(w, r, fmt.Sprintf("/console/applications/%d", id), "答复书已发出")
}

// agencyReplyReview turns the agency's review of reply letters on or off.
func (s *Server) agencyReplyReview(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	on := r.PostFormValue("reply_review") != ""
	if err := s.db.Agencies().SetReplyReview(r.Context(), principal(r), id, on); err != nil {
		return err
	}
	notice := "已关闭答复书审核"
	if on {
		notice = "答复书须经起草人以外的审核人或负责人审核后发出"
	}
	return redirect(w, r, fmt.Sprintf("/console/agencies/%d/edit", id), notice)
}
