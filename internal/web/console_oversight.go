package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"gongkai/internal/apperr"
	"gongkai/internal/oversight"
	"gongkai/internal/store"
	"gongkai/internal/workday"
)

// The 政务公开办's view of the agencies of its government: the overview table (sortable,
// exported to XLSX), each agency's profile and transparency score, and the 督办 notices,
// which the agencies read and answer on their own pages. Every figure comes from the
// Oversight door.

func (s *Server) oversightRoutes() {
	s.console("GET /console/oversight", roles(openOffice), s.oversightOverview)
	s.console("GET /console/oversight/export.xlsx", roles(openOffice), s.oversightExport)
	s.console("GET /console/oversight/agencies/{id}", roles(openOffice), s.oversightAgency)
	s.console("GET /console/oversight/others", roles(openOffice), s.oversightImported)
	s.console("GET /console/notices", nil, s.noticeList)
	s.console("POST /console/notices", roles(openOffice), s.noticeSend)
	s.console("GET /console/notices/{id}", nil, s.noticeShow)
	s.console("POST /console/notices/{id}/answer", roles(clerk, head, agencyAdmin), s.noticeAnswer)
}

// overviewYear is the ?year= of the oversight pages, this year by default.
func (s *Server) overviewYear(r *http.Request) int {
	year := workday.Of(s.now()).Year()
	if v, err := strconv.Atoi(r.URL.Query().Get("year")); err == nil && v >= 2008 && v <= 2100 {
		year = v
	}
	return year
}

// sortedOverview is the overview of the request's year, sorted by ?sort= and ?desc=.
func (s *Server) sortedOverview(r *http.Request) (ov store.Overview, key string, desc bool, err error) {
	ov, err = s.db.Oversight().Overview(r.Context(), principal(r), s.overviewYear(r), s.now())
	if err != nil {
		return ov, "", false, err
	}
	c, _ := oversight.SortKey(r.URL.Query().Get("sort"))
	desc = r.URL.Query().Get("desc") == "1"
	oversight.Sort(ov.Rows, c.Key, desc)
	return ov, c.Key, desc, nil
}

func (s *Server) oversightOverview(w http.ResponseWriter, r *http.Request) error {
	ov, key, desc, err := s.sortedOverview(r)
	if err != nil {
		return err
	}
	type header struct {
		Label, Href string
		Current     bool
		Desc        bool
	}
	var heads []header
	for _, c := range oversight.Columns {
		// A column sorts the agencies to follow up first; a second click reverses it.
		d := bool(c.WorstFirst)
		if c.Key == key {
			d = !desc
		}
		href := fmt.Sprintf("/console/oversight?year=%d&sort=%s", ov.Year, c.Key)
		if d {
			href += "&desc=1"
		}
		heads = append(heads, header{Label: c.Label, Href: href, Current: c.Key == key, Desc: desc})
	}
	exportHref := fmt.Sprintf("/console/oversight/export.xlsx?year=%d&sort=%s", ov.Year, key)
	if desc {
		exportHref += "&desc=1"
	}
	imported, err := s.db.Reports().Imported(r.Context(), principal(r))
	if err != nil {
		return err
	}
	onGongkai := map[string]bool{}
	for _, row := range ov.Rows {
		onGongkai[row.Agency] = true
	}
	var others []string
	for _, ir := range imported {
		if n := ir.Report.Agency; n != "" && !onGongkai[n] {
			onGongkai[n] = true
			others = append(others, n)
		}
	}
	return s.render(w, r, "console/oversight.html", map[string]any{
		"Overview": ov, "Heads": heads, "Totals": oversight.Totals(ov.Rows), "Export": exportHref,
		"PrevYear": ov.Year - 1, "NextYear": ov.Year + 1, "HasNext": ov.Year < workday.Of(s.now()).Year(), "Others": others,
		"InterpretationFormula": oversight.InterpretationFormula,
	})
}

func (s *Server) oversightExport(w http.ResponseWriter, r *http.Request) error {
	ov, _, _, err := s.sortedOverview(r)
	if err != nil {
		return err
	}
	title := fmt.Sprintf("%s各机关政务公开工作情况（%d年，截至%s）", ov.Government, ov.Year, workday.FormatChinese(workday.Of(s.now())))
	data, err := oversight.XLSX(title, ov.Rows)
	if err != nil {
		return err
	}
	sendDownload(w, fmt.Sprintf("%s各机关政务公开工作情况%d.xlsx", ov.Government, ov.Year), xlsxType, data)
	return nil
}

// profileYears are the years an agency's profile and score show: the overview's year and
// the two before it.
func profileYears(year int) []int { return []int{year - 2, year - 1, year} }

func (s *Server) oversightAgency(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	year := s.overviewYear(r)
	p, err := s.db.Oversight().Profile(r.Context(), principal(r), id, profileYears(year))
	if err != nil {
		return err
	}
	scores, err := s.db.Oversight().Scores(r.Context(), principal(r), id, profileYears(year), s.now())
	if err != nil {
		return err
	}
	notices, err := s.db.Oversight().Notices(r.Context(), principal(r), id)
	if err != nil {
		return err
	}
	cal, err := s.db.Workdays().Calendar(r.Context())
	if err != nil {
		return err
	}
	return s.render(w, r, "console/oversight_agency.html", map[string]any{
		"Profile": p, "Year": year, "Scores": scores, "Notices": noticeViews(notices, cal, workday.Of(s.now())),
		"Weights": oversight.Criteria, "DefaultDue": workday.Format(cal.Add(workday.Of(s.now()), 10)),
	})
}

func (s *Server) oversightImported(w http.ResponseWriter, r *http.Request) error {
	year := s.overviewYear(r)
	p, err := s.db.Oversight().ImportedProfile(r.Context(), principal(r), r.URL.Query().Get("name"), profileYears(year))
	if err != nil {
		return err
	}
	if p.Agency.ID != 0 {
		http.Redirect(w, r, fmt.Sprintf("/console/oversight/agencies/%d?year=%d", p.Agency.ID, year), http.StatusSeeOther)
		return nil
	}
	return s.render(w, r, "console/oversight_agency.html", map[string]any{"Profile": p, "Year": year})
}

// noticeView is a notice with its status as of today.
type noticeView struct {
	oversight.Notice
	Status oversight.NoticeStatus
}

func noticeViews(ns []oversight.Notice, wd oversight.Workdays, today time.Time) []noticeView {
	out := make([]noticeView, len(ns))
	for i, n := range ns {
		out[i] = noticeView{n, n.Status(wd, today)}
	}
	return out
}

func (s *Server) noticeList(w http.ResponseWriter, r *http.Request) error {
	p := principal(r)
	ns, err := s.db.Oversight().Notices(r.Context(), p, 0)
	if err != nil {
		return err
	}
	cal, err := s.db.Workdays().Calendar(r.Context())
	if err != nil {
		return err
	}
	data := map[string]any{"Notices": noticeViews(ns, cal, workday.Of(s.now())), "Office": oversight.CanOversee(p, p.GovernmentID)}
	if oversight.CanSend(p, p.GovernmentID) {
		agencies, err := s.visibleAgencies(r)
		if err != nil {
			return err
		}
		data["Agencies"] = agencies
		data["DefaultDue"] = workday.Format(cal.Add(workday.Of(s.now()), 10))
	}
	return s.render(w, r, "console/notices.html", data)
}

func (s *Server) noticeSend(w http.ResponseWriter, r *http.Request) error {
	f := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	n := oversight.Notice{Subject: f("subject"), Body: f("body")}
	n.AgencyID, _ = strconv.ParseInt(f("agency_id"), 10, 64)
	if f("due") != "" {
		due, err := workday.ParseDay(f("due"))
		if err != nil {
			return apperr.Wrap(apperr.Invalid, "答复期限："+apperr.MessageOf(err), err)
		}
		n.Due = due
	}
	if err := s.db.Oversight().Send(r.Context(), principal(r), &n, s.now()); err != nil {
		return err
	}
	return redirect(w, r, fmt.Sprintf("/console/notices/%d", n.ID), "督办已发出")
}

func (s *Server) noticeShow(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	p := principal(r)
	n, err := s.db.Oversight().Notice(r.Context(), p, id)
	if err != nil {
		return err
	}
	cal, err := s.db.Workdays().Calendar(r.Context())
	if err != nil {
		return err
	}
	return s.render(w, r, "console/notice.html", map[string]any{
		"Notice":    noticeViews([]oversight.Notice{n}, cal, workday.Of(s.now()))[0],
		"CanAnswer": oversight.CanAnswer(p, n.AgencyID) && !n.Answered(),
	})
}

func (s *Server) noticeAnswer(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if _, err := s.db.Oversight().Answer(r.Context(), principal(r), id, r.PostFormValue("answer"), s.now()); err != nil {
		return err
	}
	return redirect(w, r, fmt.Sprintf("/console/notices/%d", id), "已答复")
}

// oversightWidgets are the console home's blocks of the oversight: for the 政务公开办 how
// many agencies show something to follow up (from the overview) and the notices not
// answered and overdue; for agency staff the notices to answer; with the user's reminders.
func (s *Server) oversightWidgets(r *http.Request) ([]dashboardWidget, error) {
	p := principal(r)
	ns, err := s.db.Oversight().Notices(r.Context(), p, 0)
	if err != nil {
		return nil, err
	}
	reminders, err := s.db.Oversight().Reminders(r.Context(), p)
	if err != nil {
		return nil, err
	}
	var out []dashboardWidget
	if oversight.CanOversee(p, p.GovernmentID) && p.IsStaff() {
		ov, err := s.db.Oversight().Overview(r.Context(), p, workday.Of(s.now()).Year(), s.now())
		if err != nil {
			return nil, err
		}
		var overdue, late, reports int
		for _, row := range ov.Rows {
			if row.Overdue > 0 {
				overdue++
			}
			if row.Late() > 0 {
				late++
			}
			if row.Report.Bad() {
				reports++
			}
		}
		out = append(out, dashboardWidget{Title: "各机关情况", Link: "/console/oversight", Items: []dashboardItem{
			{Label: "有超期未答复申请的机关", Value: strconv.Itoa(overdue), Href: "/console/oversight?sort=overdue&desc=1", Warn: overdue > 0},
			{Label: fmt.Sprintf("%d年有逾期公开的机关", ov.Year), Value: strconv.Itoa(late), Href: "/console/oversight?sort=late&desc=1", Warn: late > 0},
			{Label: fmt.Sprintf("%d年度报告逾期的机关", ov.ReportYear), Value: strconv.Itoa(reports), Href: "/console/oversight?sort=report", Warn: reports > 0},
		}})
	}
	if len(ns) == 0 && len(reminders) == 0 {
		return out, nil
	}
	cal, err := s.db.Workdays().Calendar(r.Context())
	if err != nil {
		return nil, err
	}
	today := workday.Of(s.now())
	var open, overdue int
	for _, n := range ns {
		switch n.Status(cal, today) {
		case oversight.NoticeOpen, oversight.NoticeDueSoon:
			open++
		case oversight.NoticeOverdue:
			open++
			overdue++
		}
	}
	w := dashboardWidget{Title: "督办事项", Link: "/console/notices"}
	label := "待答复的督办"
	if oversight.CanOversee(p, p.GovernmentID) {
		label = "尚未答复的督办"
	}
	w.Items = append(w.Items,
		dashboardItem{Label: label, Value: strconv.Itoa(open), Href: "/console/notices", Warn: open > 0},
		dashboardItem{Label: "逾期未答复", Value: strconv.Itoa(overdue), Href: "/console/notices", Warn: overdue > 0})
	for _, rm := range reminders {
		w.Items = append(w.Items, dashboardItem{Label: rm.Message, Value: workday.Format(rm.Day), Href: fmt.Sprintf("/console/notices/%d", rm.NoticeID), Warn: true})
	}
	return append(out, w), nil
}
