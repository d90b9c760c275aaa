package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"gongkai/internal/appeal"
	"gongkai/internal/apperr"
	"gongkai/internal/workday"
)

func (s *Server) appealRoutes() {
	s.console("GET /console/appeals", nil, s.appealList)
	s.console("GET /console/appeals/new", roles(clerk, head), s.appealNew)
	s.console("POST /console/appeals", roles(clerk, head), s.appealSave)
	s.console("GET /console/appeals/{id}", nil, s.appealEdit)
	s.console("POST /console/appeals/{id}", roles(clerk, head), s.appealSave)
}

// agencyParam is the agency a console list shows: the user's own, or (for readers of
// several agencies) the one named by ?agency=.
func (s *Server) agencyParam(r *http.Request) (int64, error) {
	p := principal(r)
	v := r.URL.Query().Get("agency")
	if v == "" {
		return p.AgencyID, nil
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, apperr.New(apperr.NotFound, "机关不存在")
	}
	a, err := s.readableAgency(r, id)
	if err != nil {
		return 0, err
	}
	return a.ID, nil
}

func (s *Server) appealList(w http.ResponseWriter, r *http.Request) error {
	agencyID, err := s.agencyParam(r)
	if err != nil {
		return err
	}
	year := s.now().Year()
	if v, err := strconv.Atoi(r.URL.Query().Get("year")); err == nil && v > 1990 && v < 3000 {
		year = v
	}
	list, err := s.db.Appeals().List(r.Context(), principal(r), agencyID, year)
	if err != nil {
		return err
	}
	agencies, err := s.visibleAgencies(r)
	if err != nil {
		return err
	}
	return s.render(w, r, "console/appeals.html", map[string]any{
		"Appeals": list, "Year": year, "AgencyID": agencyID, "Agencies": agencies,
		"Table": appeal.Table4(list, year), "Kinds": appeal.Kinds, "Results": appeal.Results,
		"CanEdit": appeal.CanWrite(principal(r), agencyID),
	})
}

func (s *Server) appealNew(w http.ResponseWriter, r *http.Request) error {
	a := appeal.Appeal{Kind: appeal.Reconsideration, Result: appeal.Pending}
	a.ApplicationID, _ = strconv.ParseInt(r.URL.Query().Get("application"), 10, 64)
	return s.renderAppealForm(w, r, http.StatusOK, a, "")
}

func (s *Server) renderAppealForm(w http.ResponseWriter, r *http.Request, status int, a appeal.Appeal, msg string) error {
	return s.renderWith(w, r, status, "console/appeal_form.html", map[string]any{
		"Appeal": a, "Kinds": appeal.Kinds, "Results": appeal.Results, "Error": msg,
		"CanEdit": a.ID == 0 || appeal.CanWrite(principal(r), a.AgencyID),
	})
}

func (s *Server) appealEdit(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	a, err := s.db.Appeals().Get(r.Context(), principal(r), id)
	if err != nil {
		return err
	}
	return s.renderAppealForm(w, r, http.StatusOK, a, "")
}

func (s *Server) appealSave(w http.ResponseWriter, r *http.Request) error {
	p := principal(r)
	var a appeal.Appeal
	if r.PathValue("id") != "" {
		id, err := pathID(r, "id")
		if err != nil {
			return err
		}
		if a, err = s.db.Appeals().Get(r.Context(), p, id); err != nil {
			return err
		}
		if !appeal.CanWrite(p, a.AgencyID) {
			return apperr.New(apperr.Forbidden, "只能修改本机关的记录")
		}
	} else {
		a.AgencyID = p.AgencyID
	}
	f := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	a.Kind = appeal.Kind(f("kind"))
	a.Result = appeal.Result(f("result"))
	a.CaseNo, a.Organ, a.Note = f("case_no"), f("organ"), f("note")
	a.CoDefendantOrgan = f("co_defendant_organ") == "1"
	a.ApplicationID, _ = strconv.ParseInt(f("application_id"), 10, 64)
	var msg string
	var err error
	if a.FiledOn, err = workday.ParseDay(f("filed_on")); err != nil {
		msg = "受理日期：" + apperr.MessageOf(err)
	}
	a.DecidedOn = time.Time{}
	if v := f("decided_on"); v != "" && msg == "" {
		if a.DecidedOn, err = workday.ParseDay(v); err != nil {
			msg = "审结日期：" + apperr.MessageOf(err)
		}
	}
	if msg == "" {
		err = s.db.Appeals().Save(r.Context(), p, &a, workday.Of(s.now()))
		if err != nil {
			if !shownInForm(err) {
				return err
			}
			msg = apperr.MessageOf(err)
		}
	} else {
		err = apperr.New(apperr.Invalid, msg)
	}
	if msg != "" {
		return s.renderAppealForm(w, r, apperr.HTTPStatus(err), a, msg)
	}
	return redirect(w, r, "/console/appeals?year="+strconv.Itoa(a.FiledOn.Year()), "已保存")
}
