package web

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/width"

	"gongkai/internal/apperr"
	"gongkai/internal/catalog"
)

func (s *Server) catalogFiguresRoutes() {
	s.console("GET /console/catalog/figures", nil, s.catalogFigures)
	s.console("POST /console/catalog/figures", roles(clerk, head), s.catalogFiguresSave)
	s.console("POST /console/catalog/figures/import", roles(clerk, head), s.catalogFiguresImport)
}

// figureMonth is one row of the monthly figures form.
type figureMonth struct {
	Month                           int
	Licensing, Penalty, Enforcement string
	Fees                            string // 元
	Present                         bool
}

func (s *Server) catalogFigures(w http.ResponseWriter, r *http.Request) error {
	agencyID, err := s.agencyParam(r)
	if err != nil {
		return err
	}
	year := s.now().Year()
	if v, err := strconv.Atoi(r.URL.Query().Get("year")); err == nil && v > 2000 && v < 3000 {
		year = v
	}
	return s.renderFigures(w, r, http.StatusOK, agencyID, year, nil, "")
}

func (s *Server) renderFigures(w http.ResponseWriter, r *http.Request, status int, agencyID int64, year int, months []figureMonth, msg string) error {
	figs, err := s.db.Catalog().Figures(r.Context(), principal(r), agencyID, year)
	if err != nil {
		return err
	}
	sum, err := catalog.SumYear(figs, year)
	if err != nil {
		return err
	}
	if months == nil {
		months = make([]figureMonth, 12)
		for i := range months {
			months[i].Month = i + 1
		}
		for _, f := range figs {
			m := &months[f.Month-1]
			m.Present = true
			m.Licensing, m.Penalty, m.Enforcement = strconv.FormatInt(f.Licensing, 10), strconv.FormatInt(f.Penalty, 10), strconv.FormatInt(f.Enforcement, 10)
			m.Fees = f.Fees.Yuan()
		}
	}
	agencies, err := s.visibleAgencies(r)
	if err != nil {
		return err
	}
	p := principal(r)
	var missing []string
	for _, m := range sum.MissingMonths() {
		if year < s.now().Year() || m < int(s.now().Month()) {
			missing = append(missing, strconv.Itoa(m)+"月")
		}
	}
	items, err := s.db.Catalog().AgencyItems(r.Context(), principal(r), agencyID)
	if err != nil {
		return err
	}
	docs := catalog.CountDocuments(items, year)
	titles := map[int64]string{}
	for _, it := range items {
		titles[it.ID] = it.Title
	}
	var unplaced []catalog.Item
	for _, id := range docs.Unplaced {
		unplaced = append(unplaced, catalog.Item{ID: id, Title: titles[id]})
	}
	return s.renderWith(w, r, status, "console/catalog_figures.html", map[string]any{
		"Docs": docs, "Unplaced": unplaced,
		"Year": year, "AgencyID": agencyID, "Agencies": agencies, "Months": months, "Sum": sum, "Missing": strings.Join(missing, "、"),
		"CanEdit": p.AgencyID == agencyID && p.HasAny(clerk, head), "Error": msg,
	})
}

func (s *Server) catalogFiguresSave(w http.ResponseWriter, r *http.Request) error {
	p := principal(r)
	year, err := strconv.Atoi(r.PostFormValue("year"))
	if err != nil || year < 2000 || year > 2999 {
		return apperr.New(apperr.Invalid, "年度不正确")
	}
	months := make([]figureMonth, 12)
	var figs []catalog.MonthlyFigures
	var problems []string
	for i := range months {
		m := &months[i]
		m.Month = i + 1
		k := func(f string) string { return strings.TrimSpace(r.PostFormValue(fmt.Sprintf("m%d_%s", m.Month, f))) }
		m.Licensing, m.Penalty, m.Enforcement, m.Fees = k("licensing"), k("penalty"), k("enforcement"), k("fees")
		if m.Licensing == "" && m.Penalty == "" && m.Enforcement == "" && m.Fees == "" {
			continue
		}
		f, err := monthFigures(year, m.Month, m.Licensing, m.Penalty, m.Enforcement, m.Fees, false)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%d月：%s", m.Month, apperr.MessageOf(err)))
			continue
		}
		figs = append(figs, f)
	}
	if len(problems) == 0 && len(figs) == 0 {
		problems = append(problems, "没有填写任何月份的数据")
	}
	if len(problems) > 0 {
		return s.renderFigures(w, r, http.StatusBadRequest, p.AgencyID, year, months, strings.Join(problems, "；"))
	}
	err = s.db.Catalog().SaveFigures(r.Context(), p, p.AgencyID, figs)
	if err != nil {
		if !shownInForm(err) {
			return err
		}
		return s.renderFigures(w, r, apperr.HTTPStatus(err), p.AgencyID, year, months, apperr.MessageOf(err))
	}
	return redirect(w, r, fmt.Sprintf("/console/catalog/figures?year=%d", year), fmt.Sprintf("已保存%d个月的数据", len(figs)))
}

func (s *Server) catalogFiguresImport(w http.ResponseWriter, r *http.Request) error {
	p := principal(r)
	year, err := strconv.Atoi(r.PostFormValue("year"))
	if err != nil || year < 2000 || year > 2999 {
		return apperr.New(apperr.Invalid, "年度不正确")
	}
	data, err := uploadedFile(r, "file", 5<<20)
	if err == nil {
		var figs []catalog.MonthlyFigures
		if figs, err = ParseMonthlyFigures(data, year); err == nil {
			err = s.db.Catalog().SaveFigures(r.Context(), p, p.AgencyID, figs)
			if err == nil {
				return redirect(w, r, fmt.Sprintf("/console/catalog/figures?year=%d", year), fmt.Sprintf("已导入%d个月的数据", len(figs)))
			}
		}
	}
	if !shownInForm(err) {
		return err
	}
	return s.renderFigures(w, r, apperr.HTTPStatus(err), p.AgencyID, year, nil, "导入失败，未保存任何数据："+apperr.MessageOf(err))
}

// monthFigures builds one month from text cells; fees in 元, or in 万元 when wan is set.
func monthFigures(year, month int, licensing, penalty, enforcement, fees string, wan bool) (catalog.MonthlyFigures, error) {
	f := catalog.MonthlyFigures{Year: year, Month: month}
	count := func(label, v string) (int64, error) {
		v = strings.ReplaceAll(width.Narrow.String(strings.TrimSpace(v)), ",", "")
		v = strings.TrimSuffix(strings.TrimSuffix(v, "件"), "个")
		if v == "" {
			return 0, nil
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			return 0, apperr.Newf(apperr.Invalid, "%s“%s”应为不小于0的整数", label, v)
		}
		return n, nil
	}
	var err error
	if f.Licensing, err = count("行政许可", licensing); err != nil {
		return f, err
	}
	if f.Penalty, err = count("行政处罚", penalty); err != nil {
		return f, err
	}
	if f.Enforcement, err = count("行政强制", enforcement); err != nil {
		return f, err
	}
	if v := strings.TrimSpace(fees); v != "" {
		if wan {
			f.Fees, err = catalog.ParseWanYuan(v)
		} else {
			f.Fees, err = catalog.ParseYuan(v)
		}
		if err != nil {
			return f, apperr.Newf(apperr.Invalid, "行政事业性收费：%s", apperr.MessageOf(err))
		}
	}
	return f, f.Validate()
}

var monthCellRE = regexp.MustCompile(`^(?:(\d{4})\s*(?:年|-|/|\.)\s*)?(\d{1,2})\s*月?(?:份)?$`)

// ParseMonthlyFigures reads monthly table 二 figures from a CSV (UTF-8 or GB18030) or XLSX
// file: a header row naming 月份, 行政许可, 行政处罚, 行政强制 and 行政事业性收费 (元, or 万元
// when the header says so), then one row per month. A month cell may carry a year
// ("2025年3月", "2025-03"); rows of other years than year are an error. Errors are
// apperr.Invalid with the row number.
func ParseMonthlyFigures(data []byte, year int) ([]catalog.MonthlyFigures, error) {
	var rows [][]string
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: 256 << 20, UnzipXMLSizeLimit: 64 << 20})
		if err != nil {
			return nil, apperr.Wrap(apperr.Invalid, "无法读取 XLSX 文件", err)
		}
		defer f.Close()
		sheets := f.GetSheetList()
		if len(sheets) == 0 {
			return nil, apperr.New(apperr.Invalid, "XLSX 文件没有工作表")
		}
		if rows, err = f.GetRows(sheets[0]); err != nil {
			return nil, apperr.Wrap(apperr.Invalid, "无法读取 XLSX 文件", err)
		}
	} else {
		data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
		if !utf8.Valid(data) {
			dec, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
			if err != nil {
				return nil, apperr.New(apperr.Invalid, "文件编码无法识别，请保存为 UTF-8 或 XLSX")
			}
			data = dec
		}
		cr := csv.NewReader(bytes.NewReader(data))
		cr.FieldsPerRecord = -1
		cr.LazyQuotes = true
		var err error
		if rows, err = cr.ReadAll(); err != nil {
			return nil, apperr.Wrap(apperr.Invalid, "CSV 文件格式不正确", err)
		}
	}
	col := map[string]int{}
	wan := false
	headerAt := -1
	for i, row := range rows {
		for j, cell := range row {
			c := strings.TrimSpace(cell)
			switch {
			case strings.Contains(c, "月"):
				setCol(col, "month", j)
			case strings.Contains(c, "许可"):
				setCol(col, "licensing", j)
			case strings.Contains(c, "处罚"):
				setCol(col, "penalty", j)
			case strings.Contains(c, "强制"):
				setCol(col, "enforcement", j)
			case strings.Contains(c, "收费"):
				setCol(col, "fees", j)
				wan = strings.Contains(c, "万元")
			}
		}
		if _, ok := col["month"]; ok && len(col) >= 2 {
			headerAt = i
			break
		}
		clear(col)
		if i >= 10 {
			break
		}
	}
	if headerAt < 0 {
		return nil, apperr.New(apperr.Invalid, "没有找到表头：应包含“月份”和“行政许可”“行政处罚”“行政强制”“行政事业性收费”中的至少一列")
	}
	cell := func(row []string, k string) string {
		j, ok := col[k]
		if !ok || j >= len(row) {
			return ""
		}
		return row[j]
	}
	var out []catalog.MonthlyFigures
	seen := map[int]int{}
	for i := headerAt + 1; i < len(rows); i++ {
		row, line := rows[i], i+1
		mc := strings.TrimSpace(width.Narrow.String(cell(row, "month")))
		if mc == "" {
			empty := true
			for _, c := range row {
				if strings.TrimSpace(c) != "" {
					empty = false
				}
			}
			if empty {
				continue
			}
			if strings.Contains(strings.Join(row, ""), "合计") || strings.Contains(strings.Join(row, ""), "总计") {
				continue
			}
			return nil, apperr.Newf(apperr.Invalid, "第%d行：缺少月份", line)
		}
		if strings.Contains(mc, "合计") || strings.Contains(mc, "总计") {
			continue
		}
		m := monthCellRE.FindStringSubmatch(mc)
		if m == nil {
			return nil, apperr.Newf(apperr.Invalid, "第%d行：月份“%s”无法识别", line, mc)
		}
		month, _ := strconv.Atoi(m[2])
		if m[1] != "" {
			if y, _ := strconv.Atoi(m[1]); y != year {
				return nil, apperr.Newf(apperr.Invalid, "第%d行：%s不是%d年的数据", line, mc, year)
			}
		}
		f, err := monthFigures(year, month, cell(row, "licensing"), cell(row, "penalty"), cell(row, "enforcement"), cell(row, "fees"), wan)
		if err != nil {
			return nil, apperr.Newf(apperr.Invalid, "第%d行：%s", line, apperr.MessageOf(err))
		}
		if prev, dup := seen[month]; dup {
			return nil, apperr.Newf(apperr.Invalid, "第%d行：%d月与第%d行重复", line, month, prev)
		}
		seen[month] = line
		out = append(out, f)
	}
	if len(out) == 0 {
		return nil, apperr.New(apperr.Invalid, "文件中没有月度数据")
	}
	return out, nil
}

func setCol(col map[string]int, k string, j int) {
	if _, ok := col[k]; !ok {
		col[k] = j
	}
}
