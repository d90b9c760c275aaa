package web

import (
	"bytes"
	"fmt"
	"net/http"
	"time"

	"github.com/xuri/excelize/v2"

	"gongkai/internal/catalog"
	"gongkai/internal/workday"
)

// maxExportRows bounds an export (a 台账 of one agency runs to a few thousand rows a year).
const maxExportRows = 20000

// exportSheet writes one sheet: a title row, the header and the rows, as XLSX bytes.
func exportSheet(sheet, title string, header []string, rows [][]any) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	if err := f.SetSheetRow(sheet, "A1", &[]any{title}); err != nil {
		return nil, err
	}
	hdr := make([]any, len(header))
	for i, h := range header {
		hdr[i] = h
	}
	if err := f.SetSheetRow(sheet, "A2", &hdr); err != nil {
		return nil, err
	}
	for i, row := range rows {
		cell, err := excelize.CoordinatesToCellName(1, i+3)
		if err != nil {
			return nil, err
		}
		if err := f.SetSheetRow(sheet, cell, &row); err != nil {
			return nil, err
		}
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return nil, err
	}
	last, _ := excelize.CoordinatesToCellName(len(header), 2)
	if err := f.SetCellStyle(sheet, "A2", last, bold); err != nil {
		return nil, err
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft"}); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func dayCell(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return workday.Format(t)
}

// applicationExport is the 依申请公开台账: the list with its filters, every matching
// application (as the reader may see it: the applicant masked unless they handle it).
func (s *Server) applicationExport(w http.ResponseWriter, r *http.Request) error {
	f, _, _, err := s.applicationFilter(r)
	if err != nil {
		return err
	}
	f.Limit, f.Offset = maxExportRows, 0
	list, total, err := s.db.Applications().List(r.Context(), principal(r), f)
	if err != nil {
		return err
	}
	header := []string{"申请编号", "受理机关", "申请人", "申请人类别", "申请渠道", "收到申请之日", "申请内容", "获取信息的方式",
		"办理状态", "期限状态", "答复期限届满日", "剩余工作日", "办结日期", "办理结果"}
	rows := make([][]any, 0, len(list))
	for _, a := range list {
		left := any("")
		if a.Running() && !a.Due.IsZero() {
			left = a.Left
		}
		outcome := ""
		if a.Outcome != "" {
			outcome = a.Outcome.Label()
		}
		rows = append(rows, []any{a.Number, a.AgencyName, a.Applicant.Name, a.Applicant.Kind.Label(), a.Intake.Channel.Label(), dayCell(a.Received),
			a.Description, a.Delivery.Label(), a.State.Label(), a.Status.Label(), dayCell(a.Due), left, dayCell(a.Closed), outcome})
	}
	title := fmt.Sprintf("政府信息公开申请台账（截至%s，共%d件）", workday.FormatChinese(f.Today), total)
	if total > len(list) {
		title += fmt.Sprintf("；仅导出前%d件，请缩小筛选范围", len(list))
	}
	data, err := exportSheet("台账", title, header, rows)
	if err != nil {
		return err
	}
	sendDownload(w, "政府信息公开申请台账-"+workday.Format(f.Today)+".xlsx", xlsxType, data)
	return nil
}

// catalogExport is the 主动公开目录 of an agency with the list's filters.
func (s *Server) catalogExport(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	f, agencyID, lateOnly, err := s.catalogFilter(r)
	if err != nil {
		return err
	}
	items, _, err := s.db.Catalog().List(ctx, principal(r), f)
	if err != nil {
		return err
	}
	tax, err := s.db.Catalog().Taxonomy(ctx, agencyID)
	if err != nil {
		return err
	}
	cal, err := s.db.Workdays().Calendar(ctx)
	if err != nil {
		return err
	}
	ag, err := s.db.Agencies().Get(ctx, agencyID)
	if err != nil {
		return err
	}
	today := workday.Of(s.now())
	header := []string{"索引号", "名称", "主题分类", "发布机构", "文号", "成文日期", "发布日期", "文件类别", "效力状态", "状态", "是否按时公开"}
	var rows [][]any
	for _, it := range items {
		tl, ok := catalog.ItemTimeliness(cal, it, today)
		judged := ok && it.State != catalog.Withdrawn
		if lateOnly && !(judged && tl.Late) {
			continue
		}
		timely := ""
		switch {
		case judged && tl.Late:
			timely = "逾期"
		case judged:
			timely = "按时"
		}
		rows = append(rows, []any{it.IndexNo, it.Title, tax.Label(it.Topic), it.Publisher, it.DocNo, dayCell(it.WrittenOn), dayCell(it.PublishedOn),
			it.Kind.Label(), it.Validity.Label(), it.State.Label(), timely})
		if len(rows) == maxExportRows {
			break
		}
	}
	title := fmt.Sprintf("%s政府信息主动公开目录（截至%s，共%d条）", ag.Name, workday.FormatChinese(today), len(rows))
	data, err := exportSheet("目录", title, header, rows)
	if err != nil {
		return err
	}
	sendDownload(w, ag.Name+"主动公开目录-"+workday.Format(today)+".xlsx", xlsxType, data)
	return nil
}
