package web

import (
	"fmt"
	"net/http"
	"strconv"

	"gongkai/internal/foirequest"
	"gongkai/internal/store"
	"gongkai/internal/workday"
)

// lettersWaitingPath is the list of reply letters waiting for the signed-in 审核人's or
// 负责人's approval (Letters.AwaitingApproval).
const lettersWaitingPath = "/console/applications/letters-waiting"

// The route is written out: the route-table tests read registrations from the source.
func (s *Server) lettersWaitingRoutes() {
	s.console("GET /console/applications/letters-waiting", roles(reviewer, head), s.lettersWaitingList)
}

type letterWaitingRow struct {
	store.AwaitingLetter
	Class string
}

func (s *Server) lettersWaitingList(w http.ResponseWriter, r *http.Request) error {
	list, err := s.db.Letters().AwaitingApproval(r.Context(), principal(r), s.today())
	if err != nil {
		return err
	}
	rows := make([]letterWaitingRow, len(list))
	for i, l := range list {
		rows[i] = letterWaitingRow{AwaitingLetter: l, Class: statusClass(l.Application.Status)}
	}
	return s.render(w, r, "console/letters_waiting.html", map[string]any{"Rows": rows})
}

// letterWidgets are the console home block of a 审核人 or 负责人: the reply letters waiting
// for their approval, each linked to its draft (none for anyone else, or nothing waiting).
func (s *Server) letterWidgets(r *http.Request) ([]dashboardWidget, error) {
	p := principal(r)
	if !p.Holds(p.AgencyID, reviewer) && !p.Holds(p.AgencyID, head) {
		return nil, nil
	}
	list, err := s.db.Letters().AwaitingApproval(r.Context(), p, s.today())
	if err != nil || len(list) == 0 {
		return nil, err
	}
	w := dashboardWidget{Title: "答复书待审核（" + strconv.Itoa(len(list)) + "件）", Link: lettersWaitingPath}
	const shown = 8
	for i, l := range list {
		if i == shown {
			w.Items = append(w.Items, dashboardItem{Label: fmt.Sprintf("另有%d件", len(list)-shown), Value: "查看全部", Href: lettersWaitingPath})
			break
		}
		a := l.Application
		value := "答复期限" + dueWords(a)
		w.Items = append(w.Items, dashboardItem{Label: a.Number + "：" + l.Letter.Reply.Label() + "，" + l.Letter.Author + "起草",
			Value: value, Href: fmt.Sprintf("/console/applications/%d/reply", a.ID), Warn: statusClass(a.Status) != ""})
	}
	return []dashboardWidget{w}, nil
}

// dueWords is a listed case's due day as the home page says it: the day and the working
// days left or overdue while the reply clock runs.
func dueWords(a store.Application) string {
	if a.Due.IsZero() {
		return "未起算"
	}
	s := workday.FormatChinese(a.Due)
	if !a.ClockRuns() {
		return s + "（暂停计时）"
	}
	if a.Status == foirequest.StatusOverdue {
		return s + "（已超期" + strconv.Itoa(-a.Left) + "个工作日）"
	}
	return s + "（剩" + strconv.Itoa(a.Left) + "个工作日）"
}
