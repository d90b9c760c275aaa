package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"gongkai/internal/apperr"
	"gongkai/internal/foirequest"
	"gongkai/internal/letter"
	"gongkai/internal/store"
	"gongkai/internal/workday"
)

const (
	trackCookie = "gk_track"
	trackTTL    = 30 * time.Minute
)

// errTrackFailed is the one answer to a wrong tracking number or a wrong query code, so the
// response never tells whether a tracking number exists.
const errTrackFailed = "查询号或查询码不正确，请核对后重新输入"

// trackPage is what portal/track.html shows.
type trackPage struct {
	Tracking string
	Error    string
	Notice   string
}

func (s *Server) trackForm(w http.ResponseWriter, r *http.Request) error {
	return s.render(w, r, "portal/track.html", trackPage{Tracking: store.NormalizeTracking(r.URL.Query().Get("n"))})
}

// trackSubmit checks the tracking number and query code and, when both are right, gives
// the browser a short-lived token scoped (by cookie path) to that application's pages.
// Wrong attempts are counted per address; past the limit every attempt is refused for a
// while, right or wrong.
func (s *Server) trackSubmit(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	tracking := store.NormalizeTracking(r.PostFormValue("tracking"))
	a, err := s.db.Applications().SignIn(ctx, tracking, r.PostFormValue("code"), clientIP(r))
	if err != nil {
		if !apperr.Is(err, apperr.NotFound) {
			return err
		}
		return s.renderWith(w, r, http.StatusNotFound, "portal/track.html", trackPage{Tracking: tracking, Error: errTrackFailed})
	}
	http.SetCookie(w, &http.Cookie{
		Name: trackCookie, Value: a.TrackToken(s.now().Add(trackTTL)), Path: "/track/" + a.Tracking,
		MaxAge: int(trackTTL / time.Second), HttpOnly: true, Secure: s.opts.SecureCookie, SameSite: http.SameSiteStrictMode,
	})
	http.Redirect(w, r, "/track/"+a.Tracking, http.StatusSeeOther)
	return nil
}

// trackedApplication is the application of /track/{tracking}/… when the browser holds a
// valid token for it; ok is false otherwise (unknown number, no token, expired, forged).
func (s *Server) trackedApplication(r *http.Request) (store.Application, bool, error) {
	c, err := r.Cookie(trackCookie)
	if err != nil || c.Value == "" {
		return store.Application{}, false, nil
	}
	a, err := s.db.Applications().ForToken(r.Context(), r.PathValue("tracking"), c.Value, s.now())
	if err != nil {
		if apperr.Is(err, apperr.NotFound) {
			return store.Application{}, false, nil
		}
		return store.Application{}, false, err
	}
	return a, true, nil
}

// step is one step of the case as the applicant sees it: what and when, no staff notes.
type step struct {
	Day   time.Time
	Label string
}

// trackStatus is what portal/track_status.html shows. Applicant is masked.
type trackStatus struct {
	App          store.Application
	Applicant    foirequest.Applicant
	StateLabel   string
	StatusLabel  string
	Due          time.Time
	Provisional  bool
	WorkdaysLeft int
	Wait         *foirequest.Wait // the open waiting state's own period (补正, fee) the applicant must meet
	Steps        []step
	Reply        *letter.Letter
	ReplyLabel   string
	Notices      []letter.Letter
	Files        []store.ApplicationFile
	Actions      []applicantAction // what the applicant may submit now
	Messages     []store.Message   // what was sent to them
	Error        string
	// What the applicant typed in a refused form, shown again.
	TypedStep foirequest.EventType
	TypedText string
}

func (s *Server) trackStatus(w http.ResponseWriter, r *http.Request) error {
	return s.trackStatusWith(w, r, http.StatusOK, "")
}

// trackStatusWith shows the tracking page with status and, when a submission was
// refused, errMsg above the forms.
func (s *Server) trackStatusWith(w http.ResponseWriter, r *http.Request, status int, errMsg string) error {
	a, ok, err := s.trackedApplication(r)
	if err != nil {
		return err
	}
	if !ok {
		// The same page for an unknown number and a known one without the code.
		return s.render(w, r, "portal/track.html", trackPage{Tracking: store.NormalizeTracking(r.PathValue("tracking")), Notice: "请输入查询码查看办理情况。"})
	}
	ctx := r.Context()
	cal, err := s.db.Workdays().Calendar(ctx)
	if err != nil {
		return err
	}
	c, err := a.Case(cal)
	if err != nil {
		return err
	}
	ex := c.Explain(cal, workday.Of(s.now()))
	v := trackStatus{
		App: a, Applicant: a.Applicant.Masked(), StateLabel: c.State.Label(), StatusLabel: ex.Status.Label(),
		Due: ex.Due, Provisional: ex.Provisional, WorkdaysLeft: ex.WorkdaysLeft,
	}
	if w := ex.Wait; w != nil && (w.Kind == foirequest.EventCorrectionRequested || w.Kind == foirequest.EventFeeNotified) {
		v.Wait = w
	}
	for _, e := range a.Events {
		if foirequest.InternalStep(e.Type) {
			continue
		}
		v.Steps = append(v.Steps, step{Day: e.Day, Label: e.Type.Label()})
	}
	sent, err := s.db.Letters().ForApplicant(ctx, a)
	if err != nil {
		return err
	}
	v.Notices, v.Reply, v.ReplyLabel = sent.Notices, sent.Reply, sent.ReplyLabel
	if v.Files, err = s.db.Applications().PublicFiles(ctx, a); err != nil {
		return err
	}
	v.Actions = applicantActions(c.ApplicantMay())
	if v.Messages, err = s.db.Applications().Messages(ctx, a); err != nil {
		return err
	}
	v.Error = errMsg
	if errMsg != "" {
		v.TypedStep, v.TypedText = foirequest.EventType(r.PostFormValue("type")), r.PostFormValue("text")
	}
	return s.renderWith(w, r, status, "portal/track_status.html", v)
}

func (s *Server) trackFile(w http.ResponseWriter, r *http.Request) error {
	notFound := apperr.New(apperr.NotFound, "文件不存在，或查询已过期，请重新输入查询码")
	a, ok, err := s.trackedApplication(r)
	if err != nil {
		return err
	}
	if !ok {
		return notFound
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return notFound
	}
	f, err := s.db.Applications().PublicFile(r.Context(), a, id)
	if err != nil {
		if apperr.Is(err, apperr.NotFound) {
			return notFound
		}
		return err
	}
	sendDownload(w, f.Name, downloadType(f.ContentType), f.Data)
	return nil
}

// downloadType keeps the content type of common document formats and sends anything else
// (HTML, SVG, scripts, unknown) as bytes: files uploaded by staff are never rendered by the
// browser on the portal's origin.
func downloadType(ct string) string {
	switch strings.ToLower(strings.TrimSpace(strings.Split(ct, ";")[0])) {
	case "application/pdf", "application/zip", "text/plain", "text/csv", "image/png", "image/jpeg",
		"application/msword", "application/vnd.ms-excel",
		"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
		"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
		"application/ofd":
		return ct
	}
	return "application/octet-stream"
}

// trackLetterDOCX gives the applicant a letter they were sent as a Word document.
func (s *Server) trackLetterDOCX(w http.ResponseWriter, r *http.Request) error {
	notFound := apperr.New(apperr.NotFound, "文书不存在，或查询已过期，请重新输入查询码")
	a, ok, err := s.trackedApplication(r)
	if err != nil {
		return err
	}
	if !ok {
		return notFound
	}
	sent, err := s.db.Letters().ForApplicant(r.Context(), a)
	if err != nil {
		return err
	}
	letters := sent.Notices
	if sent.Reply != nil {
		letters = append(letters, *sent.Reply)
	}
	kind := letter.Kind(r.URL.Query().Get("kind"))
	for _, l := range letters {
		if l.Kind == kind {
			data, err := l.DOCX()
			if err != nil {
				return err
			}
			sendDownload(w, l.FileName(a.Number)+".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", data)
			return nil
		}
	}
	return notFound
}
