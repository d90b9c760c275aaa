package web

import (
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/agency"
	"gongkai/internal/apperr"
	"gongkai/internal/foirequest"
	"gongkai/internal/store"
	"gongkai/internal/workday"
)

func (s *Server) applicationRoutes() {
	s.console("GET /console/applications", nil, s.applicationList)
	s.console("GET /console/applications/new", roles(clerk, head), s.applicationNew)
	s.console("GET /console/applications/export.xlsx", nil, s.applicationExport)
	s.console("POST /console/applications", roles(clerk, head), s.applicationCreate)
	s.console("GET /console/applications/{id}", nil, s.applicationShow)
	s.console("GET /console/applications/{id}/explain", nil, s.applicationExplain)
	s.console("POST /console/applications/{id}/events", roles(clerk, reviewer, head), s.applicationEvent)
	s.console("GET /console/applications/{id}/files/{file}", nil, s.applicationFile)
	s.console("POST /console/applications/{id}/messages/{msg}/delivered", roles(clerk, reviewer, head), s.applicationMessageDelivered)
	s.console("GET /console/reminders", nil, s.reminderList)
	s.console("POST /console/reminders/read", nil, s.reminderRead)
	s.calendarRoutes()
}

// today is the current China day.
func (s *Server) today() time.Time { return workday.Of(s.now()) }

// loadApplication loads the application of the path as the user may see it (404 when
// they may not read it).
func (s *Server) loadApplication(r *http.Request) (store.Application, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return store.Application{}, err
	}
	return s.db.Applications().Get(r.Context(), principal(r), id)
}

// statusClass is the CSS class of a row or badge for a status.
func statusClass(st foirequest.Status) string {
	switch st {
	case foirequest.StatusOverdue, foirequest.StatusClosedLate, foirequest.StatusCorrectionExpired, foirequest.StatusFeeExpired:
		return "bad"
	case foirequest.StatusDueSoon:
		return "warn"
	case foirequest.StatusClosedOnTime:
		return "ok"
	}
	return ""
}

type applicationRow struct {
	store.Application
	Class string
	Left  int
}

var listStatuses = []foirequest.Status{
	foirequest.StatusOverdue, foirequest.StatusDueSoon, foirequest.StatusOnTrack, foirequest.StatusPaused,
	foirequest.StatusAwaitingCorrection, foirequest.StatusCorrectionExpired, foirequest.StatusFeeExpired, foirequest.StatusClosedOnTime, foirequest.StatusClosedLate,
}

var listStates = []foirequest.State{
	foirequest.StateRegistered, foirequest.StateCorrectionRequested, foirequest.StateInProgress, foirequest.StateConsulting,
	foirequest.StateFeePending, foirequest.StateReplied, foirequest.StateWithdrawn, foirequest.StateAbandoned,
}

// applicationFilter reads the list's filters from the query (agency, text, state, status,
// due before), for the list and its export.
func (s *Server) applicationFilter(r *http.Request) (store.ApplicationFilter, []agency.Agency, int64, error) {
	agencies, err := s.visibleAgencies(r)
	if err != nil {
		return store.ApplicationFilter{}, nil, 0, err
	}
	q := r.URL.Query()
	f := store.ApplicationFilter{Today: s.today(), Text: q.Get("q"), State: foirequest.State(q.Get("state")), Status: foirequest.Status(q.Get("status")), Limit: 50}
	var agencyID int64
	if v := q.Get("agency"); v != "" {
		if agencyID, err = s.agencyParam(r); err != nil {
			return f, nil, 0, err
		}
		f.AgencyIDs = []int64{agencyID}
	} else {
		for _, a := range agencies {
			f.AgencyIDs = append(f.AgencyIDs, a.ID)
		}
	}
	if v := q.Get("due_before"); v != "" {
		d, err := workday.ParseDay(v)
		if err != nil {
			return f, nil, 0, err
		}
		f.DueBefore = d
	}
	return f, agencies, agencyID, nil
}

func (s *Server) applicationList(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q := r.URL.Query()
	f, agencies, agencyID, err := s.applicationFilter(r)
	if err != nil {
		return err
	}
	page := pageParam(r)
	f.Offset = (page - 1) * f.Limit
	list, total, err := s.db.Applications().List(ctx, principal(r), f)
	if err != nil {
		return err
	}
	rows := make([]applicationRow, len(list))
	for i, a := range list {
		rows[i] = applicationRow{Application: a, Class: statusClass(a.Status), Left: a.Left}
	}
	pageURL := func(p int) string {
		v := url.Values{}
		for k, vs := range q {
			v[k] = vs
		}
		v.Set("page", strconv.Itoa(p))
		return "/console/applications?" + v.Encode()
	}
	var prev, next string
	if page > 1 {
		prev = pageURL(page - 1)
	}
	if f.Offset+len(list) < total {
		next = pageURL(page + 1)
	}
	return s.render(w, r, "console/applications.html", map[string]any{
		"Rows": rows, "Total": total, "Agencies": agencies, "AgencyID": agencyID, "Filter": f, "Query": exportQuery(q),
		"DueBefore": q.Get("due_before"), "States": listStates, "Statuses": listStatuses,
		"Prev": prev, "Next": next, "CanCreate": principal(r).HasAny(clerk, head),
		"CanApprove": principal(r).Holds(principal(r).AgencyID, reviewer) || principal(r).Holds(principal(r).AgencyID, head),
	})
}

// intakeForm is the staff intake form as typed.
type intakeForm struct {
	App   foirequest.Application
	Error string
}

func (s *Server) renderIntake(w http.ResponseWriter, r *http.Request, status int, f intakeForm) error {
	return s.renderWith(w, r, status, "console/application_form.html", map[string]any{
		"Form": f, "App": f.App, "Channels": foirequest.Channels, "Kinds": foirequest.ApplicantKinds,
		"IDTypes": foirequest.IDTypes, "Deliveries": foirequest.Deliveries, "Today": s.today(),
	})
}

func (s *Server) applicationNew(w http.ResponseWriter, r *http.Request) error {
	app := foirequest.Application{
		Applicant: foirequest.Applicant{Kind: foirequest.NaturalPerson, IDType: foirequest.IDResident},
		Intake:    foirequest.Intake{Channel: foirequest.ChannelInPerson, Submitted: s.today()},
		Delivery:  foirequest.DeliveryPaper,
	}
	return s.renderIntake(w, r, http.StatusOK, intakeForm{App: app})
}

// applicationFromForm reads the intake form; a malformed date is reported by name.
func applicationFromForm(r *http.Request) (foirequest.Application, string) {
	f := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	var app foirequest.Application
	app.Applicant = foirequest.Applicant{
		Kind: foirequest.ApplicantKind(f("kind")), Name: f("name"), IDType: foirequest.IDType(f("id_type")), IDNumber: f("id_number"),
		CreditCode: f("credit_code"), ContactPerson: f("contact_person"), Phone: f("phone"), Address: f("address"),
		PostCode: f("post_code"), Email: f("email"),
	}
	if app.Applicant.Kind.IsOrganization() {
		app.Applicant.IDType, app.Applicant.IDNumber = "", ""
	} else {
		app.Applicant.CreditCode = ""
	}
	app.Intake.Channel = foirequest.Channel(f("channel"))
	app.Description = r.PostFormValue("description")
	app.Delivery = foirequest.Delivery(f("delivery"))
	for _, d := range []struct {
		field, label string
		to           *time.Time
	}{
		{"submitted", "提交日期", &app.Intake.Submitted},
		{"signed_for", "签收日期", &app.Intake.SignedFor},
		{"confirmed", "确认日期", &app.Intake.Confirmed},
		{"arrived", "来信到达日期", &app.Intake.Arrived},
	} {
		if v := f(d.field); v != "" {
			t, err := workday.ParseDay(v)
			if err != nil {
				return app, d.label + "：" + apperr.MessageOf(err)
			}
			*d.to = t
		}
	}
	return app, ""
}

func (s *Server) applicationCreate(w http.ResponseWriter, r *http.Request) error {
	p := principal(r)
	app, msg := applicationFromForm(r)
	app.AgencyID = p.AgencyID
	if msg != "" {
		return s.renderIntake(w, r, http.StatusBadRequest, intakeForm{App: app, Error: msg})
	}
	created, _, err := s.db.Applications().Register(r.Context(), p, app, s.now())
	if err != nil {
		if !shownInForm(err) {
			return err
		}
		return s.renderIntake(w, r, apperr.HTTPStatus(err), intakeForm{App: app, Error: apperr.MessageOf(err)})
	}
	return redirect(w, r, fmt.Sprintf("/console/applications/%d", created.ID), "已登记："+created.Number+"，答复期限届满日"+workday.FormatChinese(created.Due))
}

// action is one step the case page offers as a form.
type action struct {
	Type       foirequest.EventType
	Label      string
	Days       int // default for a days field; 0: no days field
	MaxDays    int
	Party      bool
	Notice     bool // a notice: how it was sent and when received
	Amount     bool
	Fee        bool // fee notice: method, pages, 减免 (the amount is computed)
	Reply      bool
	Reason     bool // a reason field is shown
	NeedReason bool // and required
	Allowed    bool // the user may do it (extension: only a 负责人)
	Hint       string
}

// actionsFor lists the steps the case page offers p; the door decides again when one is
// submitted.
func actionsFor(c *foirequest.Case, p account.Principal, agencyID int64, firstDue, today time.Time) []action {
	if !foirequest.CanWrite(p, agencyID) {
		return nil
	}
	var out []action
	for _, t := range c.Allowed() {
		a := action{Type: t, Label: t.Label(), Reason: true, Allowed: true, Notice: foirequest.IsNotice(t)}
		switch t {
		case foirequest.EventNoticeReceived:
			a.Hint = "记录通知的实际收到（签收）日期：上面的日期填签收日。补正、征求意见和缴费的期限均自收件人收到通知之日起计算；邮寄未记录签收日期的，按邮寄在途天数推定。"
		case foirequest.EventCorrectionRequested:
			a.Days, a.MaxDays, a.NeedReason = 15, 60, true
			a.Hint = "补正通知应当自收到申请之日起7个工作日内一次性发出，说明需要补正的事项和合理的补正期限（第三十条）。"
		case foirequest.EventCorrected:
			a.Hint = "答复期限自收到补正后的申请之日起重新计算（第三十条）。"
		case foirequest.EventNoCorrection, foirequest.EventFeeUnpaid:
			a.NeedReason = true
		case foirequest.EventConsultationStarted:
			a.Party, a.NeedReason = true, true
			a.Hint = "征求意见所需时间不计算在答复期限内（第三十三条第三款）；第三方或其他机关自收到征求意见之日起15个工作日内提出意见，逾期未提出的，答复期限自动恢复计算（第三十二条）。"
		case foirequest.EventFeeNotified:
			a.Fee, a.NeedReason = true, true
			a.Hint = "收费通知至缴费期间不计入答复期限；申请人自收到收费通知之日起20个工作日内缴费，逾期未缴纳的视为放弃申请。"
		case foirequest.EventExtensionRequested:
			a.Days, a.MaxDays, a.NeedReason = foirequest.MaxExtensionDays, foirequest.MaxExtensionDays, true
			a.Hint = "经办人申请延长答复期限，说明理由，由政府信息公开工作机构负责人在原期限届满日" + workday.FormatChinese(firstDue) + "前审批（第三十三条第二款）。"
			if !firstDue.IsZero() && today.After(firstDue) {
				a.Allowed = false
				a.Hint = "原答复期限已于" + workday.FormatChinese(firstDue) + "届满，不能再申请延期（第三十三条第二款）。"
			}
		case foirequest.EventExtensionRefused:
			a.NeedReason = true
			a.Allowed = foirequest.CanApprove(p, agencyID)
			a.Hint = "负责人不同意延期的，说明理由；答复期限仍为原期限。"
			if r := c.ExtensionRequest; r != nil {
				a.Hint = "经办人于" + workday.FormatChinese(r.Day) + "申请延长" + strconv.Itoa(r.Days) + "个工作日，理由：" + r.Reason + "。" + a.Hint
			}
			if !a.Allowed {
				a.Hint += "只有负责人可以审批延期申请。"
			}
		case foirequest.EventExtended:
			a.Days, a.MaxDays, a.NeedReason = foirequest.MaxExtensionDays, foirequest.MaxExtensionDays, true
			if r := c.ExtensionRequest; r != nil {
				a.Days = r.Days
			}
			a.Allowed = foirequest.CanApprove(p, agencyID)
			a.Hint = "需要延长答复期限的，应当经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不得超过20个工作日（第三十三条第二款）；须在原期限届满日" + workday.FormatChinese(firstDue) + "前办理。"
			if r := c.ExtensionRequest; r != nil {
				a.Hint = "经办人于" + workday.FormatChinese(r.Day) + "申请延长" + strconv.Itoa(r.Days) + "个工作日，理由：" + r.Reason + "。" + a.Hint
			}
			if !a.Allowed {
				a.Hint += "只有负责人可以批准延期。"
			}
			if !firstDue.IsZero() && today.After(firstDue) {
				a.Allowed = false
				a.Hint = "原答复期限已于" + workday.FormatChinese(firstDue) + "届满，不能再延长（第三十三条第二款）。"
			}
		case foirequest.EventReplied:
			a.Reply = true
			a.Hint = "不予公开或部分公开的，应当说明理由和依据（第三十六条）。"
		case foirequest.EventWithdrawn:
			a.NeedReason = true
		}
		out = append(out, a)
	}
	return out
}

// replyChoices are the reply types the reply form offers: not the two that only an
// abandonment records, and 补正后申请内容仍不明确 only after a correction.
func replyChoices(c *foirequest.Case) []foirequest.ReplyType {
	var out []foirequest.ReplyType
	for _, r := range foirequest.ReplyTypes {
		switch {
		case r == foirequest.ReplyNoCorrection, r == foirequest.ReplyFeeUnpaid:
		case r == foirequest.ReplyStillUnclear && c.Corrected.IsZero():
		default:
			out = append(out, r)
		}
	}
	return out
}

func (s *Server) applicationShow(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	return s.renderApplication(w, r, http.StatusOK, id, "")
}

// renderApplication shows the case page, with errMsg above the actions when a step was
// refused. Opening a case reads its reminders.
func (s *Server) renderApplication(w http.ResponseWriter, r *http.Request, status int, id int64, errMsg string) error {
	ctx := r.Context()
	p := principal(r)
	today := s.today()
	folder, err := s.db.Applications().Open(ctx, p, id, today)
	if err != nil {
		return err
	}
	ag, err := s.db.Agencies().Get(ctx, folder.AgencyID)
	if err != nil {
		return err
	}
	a, c, ex, files := folder.Application, folder.Case, folder.Explanation, folder.Files
	type historyRow struct {
		foirequest.Event
		Seq   int
		By    string
		Files []store.ApplicationFile
	}
	history := make([]historyRow, len(a.Events))
	for i, e := range a.Events {
		history[i] = historyRow{Event: e, Seq: i + 1}
		if i < len(a.Recorders) {
			history[i].By = a.Recorders[i]
		}
		for _, f := range files {
			if f.EventSeq == i+1 {
				history[i].Files = append(history[i].Files, f)
			}
		}
	}
	review, err := s.db.Agencies().ReplyReview(ctx, folder.AgencyID)
	if err != nil {
		return err
	}
	return s.renderWith(w, r, status, "console/application.html", map[string]any{
		"Review": review,
		"Error":  errMsg, "App": a, "Agency": ag, "Explanation": ex, "Class": statusClass(ex.Status), "History": history, "Files": files,
		"Actions": actionsFor(c, p, a.AgencyID, ex.FirstDue, today), "Today": today, "Parties": []foirequest.Party{foirequest.PartyThirdParty, foirequest.PartyOrgan},
		"Methods": foirequest.NoticeMethods, "FeeMethods": foirequest.FeeMethods,
		"Replies": replyChoices(c), "Handovers": foirequest.HandoverForms, "Masked": folder.Masked, "Case": c,
		"Messages": folder.Messages, "MailConfigured": s.db.Messaging().Email, "CanWrite": foirequest.CanWrite(p, a.AgencyID),
	})
}

func (s *Server) applicationExplain(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	a, ex, err := s.db.Applications().Explain(r.Context(), principal(r), id, s.today())
	if err != nil {
		return err
	}
	return s.render(w, r, "console/application_explain.html", map[string]any{"App": a, "Explanation": ex, "Lines": ex.Lines(), "Class": statusClass(ex.Status)})
}

// eventFromForm reads an action form.
func eventFromForm(r *http.Request) (foirequest.Event, error) {
	f := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	e := foirequest.Event{Type: foirequest.EventType(f("type")), Reason: f("reason"), Party: foirequest.Party(f("party")), Reply: foirequest.ReplyType(f("reply")),
		Method: foirequest.NoticeMethod(f("method")), FeeMethod: foirequest.FeeMethod(f("fee_method")), WaiverReason: f("waiver_reason")}
	d, err := workday.ParseDay(f("day"))
	if err != nil {
		return e, apperr.New(apperr.Invalid, "日期："+apperr.MessageOf(err))
	}
	e.Day = d
	if v := f("receipt"); v != "" {
		if e.Receipt, err = workday.ParseDay(v); err != nil {
			return e, apperr.New(apperr.Invalid, "收到通知之日："+apperr.MessageOf(err))
		}
	}
	if e.Type == foirequest.EventReplied {
		e.Handover = foirequest.Delivery(f("handover"))
		if v := f("handover_day"); v != "" {
			if e.HandoverDay, err = workday.ParseDay(v); err != nil {
				return e, apperr.New(apperr.Invalid, "提供或查阅日期："+apperr.MessageOf(err))
			}
		}
	}
	for _, n := range []struct {
		field, label string
		to           *int
	}{{"days", "期限", &e.Days}, {"amount", "金额", &e.Amount}, {"pages", "页数", &e.Pages}, {"waived", "减免金额", &e.Waived}} {
		if v := f(n.field); v != "" {
			x, err := strconv.Atoi(v)
			if err != nil {
				return e, apperr.Newf(apperr.Invalid, "%s应为整数", n.label)
			}
			*n.to = x
		}
	}
	return e, nil
}

// applicationEvent records one step of a case through the door, which decides who may
// act, who approves an extension and whether a withholding reply states its reason.
func (s *Server) applicationEvent(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	e, err := eventFromForm(r)
	if err != nil {
		return s.renderApplication(w, r, apperr.HTTPStatus(err), id, apperr.MessageOf(err))
	}
	var uploads []store.ApplicationFile
	if e.Type == foirequest.EventReplied {
		if uploads, err = uploadedFiles(r, "files"); err != nil {
			return err
		}
	}
	updated, err := s.db.Applications().Record(ctx, principal(r), id, e, s.now(), uploads...)
	if err != nil {
		if shownInForm(err) {
			return s.renderApplication(w, r, apperr.HTTPStatus(err), id, apperr.MessageOf(err))
		}
		return err
	}
	notice := "已记录：" + e.Type.Label()
	if !updated.Due.IsZero() && !updated.State.Closed() {
		notice += "，答复期限届满日" + workday.FormatChinese(updated.Due)
	}
	return redirect(w, r, fmt.Sprintf("/console/applications/%d", id), notice)
}

// applicationMessageDelivered records that staff delivered a message to the applicant by
// hand (the door checks who may and that the message waits for it).
func (s *Server) applicationMessageDelivered(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	mid, err := pathID(r, "msg")
	if err != nil {
		return err
	}
	if err := s.db.Applications().Delivered(r.Context(), principal(r), id, mid, r.PostFormValue("note"), s.now()); err != nil {
		if shownInForm(err) {
			return s.renderApplication(w, r, apperr.HTTPStatus(err), id, apperr.MessageOf(err))
		}
		return err
	}
	return redirect(w, r, fmt.Sprintf("/console/applications/%d", id), "已记录送达")
}

func (s *Server) applicationFile(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	fid, err := pathID(r, "file")
	if err != nil {
		return err
	}
	// Staff outside the case see what the applicant sees (the door decides).
	f, err := s.db.Applications().File(r.Context(), principal(r), id, fid)
	if err != nil {
		return err
	}
	// The uploaded content type is the browser's claim: HTML, SVG and the like go out as
	// bytes (downloadType), never rendered on this origin.
	sendDownload(w, f.Name, downloadType(f.ContentType), f.Data)
	return nil
}

func (s *Server) reminderList(w http.ResponseWriter, r *http.Request) error {
	list, err := s.db.Applications().Reminders(r.Context(), principal(r), 200)
	if err != nil {
		return err
	}
	return s.render(w, r, "console/application_reminders.html", map[string]any{"Reminders": list})
}

func (s *Server) reminderRead(w http.ResponseWriter, r *http.Request) error {
	if err := s.db.Applications().ReadReminders(r.Context(), principal(r)); err != nil {
		return err
	}
	return redirect(w, r, "/console/", "提醒已全部标为已读")
}

// applicationWidgets are the console home blocks of 依申请公开: the open, due-soon and
// overdue counts of the agencies the user reads, and the user's unread reminders.
func (s *Server) applicationWidgets(r *http.Request) ([]dashboardWidget, error) {
	agencies, err := s.visibleAgencies(r)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(agencies))
	for i, a := range agencies {
		ids[i] = a.ID
	}
	counts, err := s.db.Applications().CountDue(r.Context(), principal(r), ids, s.today())
	if err != nil {
		return nil, err
	}
	out := []dashboardWidget{{
		Title: "依申请公开", Link: "/console/applications?state=open",
		Items: []dashboardItem{
			{Label: "办理中", Value: strconv.Itoa(counts.Open), Href: "/console/applications?state=open"},
			{Label: "即将到期（5个工作日内）", Value: strconv.Itoa(counts.DueSoon), Href: "/console/applications?status=due_soon", Warn: counts.DueSoon > 0},
			{Label: "已超期", Value: strconv.Itoa(counts.Overdue), Href: "/console/applications?status=overdue", Warn: counts.Overdue > 0},
			{Label: "补正期限已届满", Value: strconv.Itoa(counts.CorrectionExpired), Href: "/console/applications?status=correction_expired", Warn: counts.CorrectionExpired > 0},
			{Label: "缴费期限已届满", Value: strconv.Itoa(counts.FeeExpired), Href: "/console/applications?status=fee_expired", Warn: counts.FeeExpired > 0},
			{Label: "等待补正、征求意见或缴费", Value: strconv.Itoa(counts.Waiting), Href: "/console/applications?status=paused"},
		},
	}}
	tasks, err := s.db.Applications().ExtensionTasks(r.Context(), principal(r))
	if err != nil {
		return nil, err
	}
	if len(tasks) > 0 {
		w := dashboardWidget{Title: "延期审批（待负责人决定）", Link: "/console/applications?state=open"}
		for _, a := range tasks {
			w.Items = append(w.Items, dashboardItem{Label: a.Number + "：经办人申请延长答复期限", Value: "须于" + workday.FormatChinese(a.ExtensionBy) + "前审批",
				Href: fmt.Sprintf("/console/applications/%d#actions", a.ID), Warn: !s.today().Before(a.ExtensionBy)})
		}
		out = append(out, w)
	}
	reminders, err := s.db.Applications().Reminders(r.Context(), principal(r), 8)
	if err != nil {
		return nil, err
	}
	if len(reminders) > 0 {
		w := dashboardWidget{Title: "我的提醒", Link: "/console/reminders"}
		for _, rm := range reminders {
			w.Items = append(w.Items, dashboardItem{Label: rm.Message, Value: rm.Kind.Label(), Href: fmt.Sprintf("/console/applications/%d", rm.ApplicationID), Warn: statusClass(rm.Kind) == "bad"})
		}
		out = append(out, w)
	}
	return out, nil
}

// exportQuery is the list's query without its page, for the export link.
func exportQuery(q url.Values) template.URL {
	v := url.Values{}
	for k, vs := range q {
		if k != "page" {
			v[k] = vs
		}
	}
	return template.URL(v.Encode())
}
