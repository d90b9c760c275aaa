package web

import (
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"gongkai/internal/apperr"
	"gongkai/internal/store"
	"gongkai/internal/workday"
)

func (s *Server) calendarRoutes() {
	s.console("GET /console/calendar", roles(agencyAdmin, sysAdmin), s.calendarPage)
	s.console("POST /console/calendar", roles(sysAdmin), s.calendarAdd)
	s.console("POST /console/calendar/delete", roles(sysAdmin), s.calendarDelete)
	s.console("POST /console/calendar/upload", roles(sysAdmin), s.calendarUpload)
}

func (s *Server) calendarPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderCalendar(w, r, http.StatusOK, "", nil)
}

func (s *Server) renderCalendar(w http.ResponseWriter, r *http.Request, status int, errMsg string, lineErrors []workday.LineError) error {
	ctx := r.Context()
	ovs, err := s.db.Workdays().Overrides(ctx)
	if err != nil {
		return err
	}
	var moved []store.DueChange
	since, _ := strconv.ParseInt(r.URL.Query().Get("since"), 10, 64)
	if since > 0 {
		if moved, err = s.db.Workdays().MovedSince(ctx, principal(r), since); err != nil {
			return err
		}
	}
	first, last := workday.CoveredYears()
	return s.renderWith(w, r, status, "console/calendar.html", map[string]any{
		"Overrides": ovs, "Moved": moved, "Since": since, "Error": errMsg, "LineErrors": lineErrors,
		"First": first, "Last": last, "Today": s.today(),
	})
}

// applyCalendar stores overrides, recomputes the due dates and shows what moved.
func (s *Server) applyCalendar(w http.ResponseWriter, r *http.Request, ovs []workday.Override) error {
	ch, err := s.db.Workdays().Change(r.Context(), principal(r), ovs)
	if err != nil {
		if apperr.CodeOf(err) == apperr.Invalid {
			return s.renderCalendar(w, r, apperr.HTTPStatus(err), apperr.MessageOf(err), nil)
		}
		return err
	}
	return redirect(w, r, fmt.Sprintf("/console/calendar?since=%d", ch.Since), fmt.Sprintf("已保存%d项日历设置，%d件申请的答复期限随之调整", len(ovs), ch.Moved))
}

func (s *Server) calendarAdd(w http.ResponseWriter, r *http.Request) error {
	d, err := workday.ParseDay(r.PostFormValue("day"))
	if err != nil {
		return s.renderCalendar(w, r, apperr.HTTPStatus(err), "日期："+apperr.MessageOf(err), nil)
	}
	o := workday.Override{Day: d, Working: r.PostFormValue("working") == "1", Reason: strings.TrimSpace(r.PostFormValue("reason"))}
	return s.applyCalendar(w, r, []workday.Override{o})
}

func (s *Server) calendarDelete(w http.ResponseWriter, r *http.Request) error {
	d, err := workday.ParseDay(r.PostFormValue("day"))
	if err != nil {
		return s.renderCalendar(w, r, apperr.HTTPStatus(err), "日期："+apperr.MessageOf(err), nil)
	}
	ch, err := s.db.Workdays().Remove(r.Context(), principal(r), d)
	if err != nil {
		return err
	}
	return redirect(w, r, fmt.Sprintf("/console/calendar?since=%d", ch.Since), fmt.Sprintf("已删除%s的设置，%d件申请的答复期限随之调整", workday.Format(d), ch.Moved))
}

func (s *Server) calendarUpload(w http.ResponseWriter, r *http.Request) error {
	if r.MultipartForm == nil || len(r.MultipartForm.File["csv"]) == 0 {
		return s.renderCalendar(w, r, http.StatusBadRequest, "请选择要上传的 CSV 文件", nil)
	}
	fh := r.MultipartForm.File["csv"][0]
	f, err := fh.Open()
	if err != nil {
		return err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, 1<<20+1))
	if err != nil {
		return err
	}
	if len(data) > 1<<20 {
		return s.renderCalendar(w, r, http.StatusBadRequest, "CSV 文件过大（最多 1 MB）", nil)
	}
	ovs, lineErrs := workday.ParseOverridesCSV(data)
	if len(lineErrs) > 0 {
		return s.renderCalendar(w, r, http.StatusBadRequest, "CSV 文件有错误，未作任何修改，请改正后重新上传", lineErrs)
	}
	if len(ovs) == 0 {
		return s.renderCalendar(w, r, http.StatusBadRequest, "CSV 文件中没有日期", nil)
	}
	return s.applyCalendar(w, r, ovs)
}
