package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/apperr"
	"gongkai/internal/interaction"
	"gongkai/internal/store"
	"gongkai/internal/workday"
)

// 政民互动: questions asked on the portal, tickets of hotlines and platforms, answered by the
// agency and published after moderation.

// Portal questions per client address, as the application form's limit.
const (
	askLimit  = 5
	askWindow = time.Hour
)

func (s *Server) interactionRoutes() {
	s.public("GET /agencies/{id}/interaction", s.portalInteraction)
	s.public("GET /governments/{id}/interaction", s.portalInteraction)
	s.public("GET /agencies/{id}/ask", s.askForm)
	s.public("POST /agencies/{id}/ask", s.askSubmit)

	s.console("GET /console/interaction", nil, s.interactionList)
	s.console("GET /console/interaction/new", roles(clerk, head), s.interactionNew)
	s.console("POST /console/interaction", roles(clerk, head), s.interactionCreate)
	s.console("GET /console/interaction/{id}", nil, s.interactionItem)
	s.console("POST /console/interaction/{id}/answer", roles(clerk, head), s.interactionAnswer)
	s.console("POST /console/interaction/{id}/moderate", roles(head), s.interactionModerate)
	s.console("POST /console/interaction/settings", roles(agencyAdmin), s.interactionSettings)
}

func (s *Server) portalInteraction(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scopeFromPath(r)
	if err != nil {
		return err
	}
	page := pageParam(r)
	list, total, err := s.db.Interactions().Published(r.Context(), govIfNoAgency(sc), sc.AgencyID, portalPageSize, (page-1)*portalPageSize)
	if err != nil {
		return err
	}
	counts, err := s.db.Interactions().PublicCounts(r.Context(), sc.GovernmentID, sc.AgencyID)
	if err != nil {
		return err
	}
	return s.render(w, r, "portal/interaction.html", map[string]any{
		"Scope": sc, "Questions": list, "Counts": counts, "Pager": newPager(*r.URL, page, total, portalPageSize),
	})
}

type askPage struct {
	Scope columnScope
	Days  int
	F     interaction.Question
	Error string
}

func (s *Server) askPageFor(r *http.Request, f interaction.Question) (askPage, error) {
	sc, err := s.scopeFromPath(r)
	if err != nil {
		return askPage{}, err
	}
	days, err := s.db.Interactions().AnswerDays(r.Context(), sc.AgencyID)
	if err != nil {
		return askPage{}, err
	}
	if f.Kind == "" {
		f.Kind = interaction.Consult
	}
	return askPage{Scope: sc, Days: days, F: f}, nil
}

func (s *Server) askForm(w http.ResponseWriter, r *http.Request) error {
	p, err := s.askPageFor(r, interaction.Question{})
	if err != nil {
		return err
	}
	return s.render(w, r, "portal/ask.html", p)
}

func (s *Server) askSubmit(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	f := interaction.Question{
		Channel: interaction.Portal, Kind: interaction.Kind(r.PostFormValue("kind")),
		Subject: r.PostFormValue("subject"), Body: r.PostFormValue("question"),
		AskerName: r.PostFormValue("asker_name"), AskerContact: r.PostFormValue("asker_contact"),
	}
	page, err := s.askPageFor(r, f)
	if err != nil {
		return err
	}
	f.AgencyID = page.Scope.AgencyID
	// Reserved first, as the application form: concurrent posts cannot all pass the count.
	reservation, ok, err := s.db.ReserveQuestion(ctx, store.RateLimit{Max: askLimit, Window: askWindow}, clientIP(r))
	if err != nil {
		return err
	}
	if !ok {
		return apperr.Newf(apperr.TooMany, "同一网络每小时最多提交%d件咨询或留言，请稍后再试", askLimit)
	}
	stored := false
	defer func() {
		if !stored {
			s.db.RateRelease(context.WithoutCancel(ctx), reservation)
		}
	}()
	q, err := s.db.Interactions().Receive(ctx, account.Public(), f, s.now())
	if err != nil {
		if !shownInForm(err) {
			return err
		}
		page.Error = apperr.MessageOf(err)
		return s.renderWith(w, r, apperr.HTTPStatus(err), "portal/ask.html", page)
	}
	stored = true
	return s.render(w, r, "portal/ask_done.html", map[string]any{"Scope": page.Scope, "Q": q})
}

func (s *Server) interactionList(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	p := principal(r)
	agencyID, err := s.agencyParam(r)
	if err != nil {
		return err
	}
	st := interaction.State(r.URL.Query().Get("state"))
	if !st.IsValid() {
		st = ""
	}
	ch := interaction.Channel(r.URL.Query().Get("channel"))
	if !ch.IsValid() {
		ch = ""
	}
	page := pageParam(r)
	list, total, err := s.db.Interactions().List(ctx, p, store.QuestionFilter{AgencyID: agencyID, State: st, Channel: ch, Limit: 50, Offset: (page - 1) * 50})
	if err != nil {
		return err
	}
	counts, err := s.db.Interactions().Counts(ctx, p, agencyID)
	if err != nil {
		return err
	}
	days, err := s.db.Interactions().AnswerDays(ctx, agencyID)
	if err != nil {
		return err
	}
	today := workday.Of(s.now())
	overdue, err := s.db.Interactions().Overdue(ctx, p, agencyID, today)
	if err != nil {
		return err
	}
	return s.render(w, r, "console/interaction_list.html", map[string]any{
		"Questions": list, "Counts": counts, "Days": days, "Today": today, "Overdue": overdue, "State": st,
		"Channel": ch, "Channels": interaction.Channels(),
		"States":  []interaction.State{interaction.Received, interaction.Answered, interaction.Published, interaction.Private},
		"Pager":   newPager(*r.URL, page, total, 50),
		"IsAdmin": p.AgencyID == agencyID && p.RequireAdmin(agencyID) == nil,
		"Mine":    p.AgencyID == agencyID, "AgencyID": agencyID,
	})
}

func (s *Server) interactionNew(w http.ResponseWriter, r *http.Request) error {
	return s.renderInteractionForm(w, r, http.StatusOK, interaction.Question{Channel: interaction.Hotline, Kind: interaction.Message, ReceivedOn: workday.Of(s.now())}, "")
}

func (s *Server) renderInteractionForm(w http.ResponseWriter, r *http.Request, status int, q interaction.Question, msg string) error {
	var chans []interaction.Channel
	for _, c := range interaction.Channels() {
		if c != interaction.Portal {
			chans = append(chans, c)
		}
	}
	return s.renderWith(w, r, status, "console/interaction_form.html", map[string]any{"Q": q, "Channels": chans, "Error": msg})
}

func (s *Server) interactionCreate(w http.ResponseWriter, r *http.Request) error {
	p := principal(r)
	q := interaction.Question{
		AgencyID: p.AgencyID, Channel: interaction.Channel(r.PostFormValue("channel")), Kind: interaction.Kind(r.PostFormValue("kind")),
		TicketNo: r.PostFormValue("ticket_no"), Subject: r.PostFormValue("subject"), Body: r.PostFormValue("question"),
		AskerName: r.PostFormValue("asker_name"), AskerContact: r.PostFormValue("asker_contact"),
	}
	if q.Channel == interaction.Portal {
		q.Channel = ""
	}
	if v := strings.TrimSpace(r.PostFormValue("received_on")); v != "" {
		d, err := workday.ParseDay(v)
		if err != nil {
			return s.renderInteractionForm(w, r, http.StatusBadRequest, q, "收到日期："+apperr.MessageOf(err))
		}
		q.ReceivedOn = d
	}
	saved, err := s.db.Interactions().Receive(r.Context(), p, q, s.now())
	if err != nil {
		if !shownInForm(err) {
			return err
		}
		return s.renderInteractionForm(w, r, apperr.HTTPStatus(err), q, apperr.MessageOf(err))
	}
	return redirect(w, r, "/console/interaction/"+strconv.FormatInt(saved.ID, 10), "已登记")
}

func (s *Server) renderInteractionItem(w http.ResponseWriter, r *http.Request, status int, q interaction.Question, msg string) error {
	p := principal(r)
	today := workday.Of(s.now())
	return s.renderWith(w, r, status, "console/interaction_item.html", map[string]any{
		"Q": q, "Overdue": q.Overdue(today), "Error": msg,
		"CanAnswer":   interaction.CanAnswer(p, q.AgencyID) && (q.State == interaction.Received || q.State == interaction.Answered),
		"CanModerate": interaction.CanModerate(p, q.AgencyID) && q.State == interaction.Answered,
	})
}

func (s *Server) interactionItem(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	q, err := s.db.Interactions().Get(r.Context(), principal(r), id)
	if err != nil {
		return err
	}
	return s.renderInteractionItem(w, r, http.StatusOK, q, "")
}

func (s *Server) interactionAnswer(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	p := principal(r)
	if _, err := s.db.Interactions().Answer(r.Context(), p, id, r.PostFormValue("answer"), s.now()); err != nil {
		if !shownInForm(err) {
			return err
		}
		q, gerr := s.db.Interactions().Get(r.Context(), p, id)
		if gerr != nil {
			return gerr
		}
		return s.renderInteractionItem(w, r, apperr.HTTPStatus(err), q, apperr.MessageOf(err))
	}
	return redirect(w, r, "/console/interaction/"+strconv.FormatInt(id, 10), "已保存答复，待负责人审核公开")
}

func (s *Server) interactionModerate(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	p := principal(r)
	publish := r.PostFormValue("publish") == "yes"
	if _, err := s.db.Interactions().Moderate(r.Context(), p, id, publish, r.PostFormValue("public_subject"), r.PostFormValue("public_body"), s.now()); err != nil {
		if !shownInForm(err) {
			return err
		}
		q, gerr := s.db.Interactions().Get(r.Context(), p, id)
		if gerr != nil {
			return gerr
		}
		return s.renderInteractionItem(w, r, apperr.HTTPStatus(err), q, apperr.MessageOf(err))
	}
	msg := "已审核：不公开"
	if publish {
		msg = "已审核并在门户公开"
	}
	return redirect(w, r, "/console/interaction/"+strconv.FormatInt(id, 10), msg)
}

func (s *Server) interactionSettings(w http.ResponseWriter, r *http.Request) error {
	p := principal(r)
	days, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue("answer_days")))
	if err != nil {
		return apperr.New(apperr.Invalid, "答复期限应为整数个工作日")
	}
	if err := s.db.Interactions().SetAnswerDays(r.Context(), p, p.AgencyID, days, s.now()); err != nil {
		return err
	}
	return redirect(w, r, "/console/interaction", "已保存答复期限")
}

// columnWidgets tell the agency's staff what the public column waits for: questions past
// their answer period, answers waiting for moderation, empty 法定主动公开内容 headings.
func (s *Server) columnWidgets(r *http.Request) ([]dashboardWidget, error) {
	p := principal(r)
	if !p.HasAny(clerk, head) || p.AgencyID == 0 {
		return nil, nil
	}
	ctx := r.Context()
	overdue, err := s.db.Interactions().Overdue(ctx, p, p.AgencyID, workday.Of(s.now()))
	if err != nil {
		return nil, err
	}
	_, waiting, err := s.db.Interactions().List(ctx, p, store.QuestionFilter{AgencyID: p.AgencyID, State: interaction.Answered, Limit: 1})
	if err != nil {
		return nil, err
	}
	hs, _, err := s.db.Catalog().Headings(ctx, p, p.AgencyID)
	if err != nil {
		return nil, err
	}
	gaps := 0
	for _, h := range hs {
		if h.Gap {
			gaps++
		}
	}
	return []dashboardWidget{{Title: "政务公开专栏", Link: "/console/interaction", Items: []dashboardItem{
		{Label: "咨询留言超期未答复", Value: strconv.Itoa(overdue), Href: "/console/interaction?state=received", Warn: overdue > 0},
		{Label: "答复待审核公开", Value: strconv.Itoa(waiting), Href: "/console/interaction?state=answered", Warn: waiting > 0 && p.Has(head)},
		{Label: "法定主动公开内容缺项", Value: strconv.Itoa(gaps), Href: "/console/catalog/headings", Warn: gaps > 0},
	}}}, nil
}
