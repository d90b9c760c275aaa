package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"gongkai/internal/annualreport"
	"gongkai/internal/annualreport/reader"
	"gongkai/internal/docx/docxtest"
	"gongkai/internal/store"
)

// sameCells fails unless the report read holds exactly the published cells.
func sameCells(t *testing.T, what string, published, read *annualreport.Report) {
	t.Helper()
	if read.Agency != published.Agency || read.Year != published.Year || read.Format != published.Format || len(read.Findings) != 0 {
		t.Fatalf("%s: read %q %d %s %v", what, read.Agency, read.Year, read.Format, read.Findings)
	}
	ids := append(append([]string(nil), annualreport.CellIDs(published.Format)...), annualreport.DerivedCells(published.Format)...)
	for _, id := range ids {
		a, okA := published.Cells.Get(id)
		b, okB := read.Cells.Get(id)
		if a != b || okA != okB {
			t.Errorf("%s: %s read %v, published %v", what, id, b, a)
		}
	}
}

// report2019 is a published report of the 2019 format (gongkai's records cannot fill its
// 项目数量, so its reports of 2019 and 2020 come from before: stored as a snapshot), with
// figures in every table that satisfy the rules.
func report2019(t *testing.T, agencyName string) *annualreport.Report {
	r := annualreport.NewReport(agencyName, 2020, annualreport.Format2019)
	for k, id := range annualreport.CellIDs(annualreport.Format2019) {
		r.Cells.Set(id, 0)
		if strings.HasPrefix(id, annualreport.TableActive2019+".") {
			r.Cells.Set(id, float64(k+1))
		}
	}
	r.Cells.Set("active_2019.licensing.change", -3)
	r.Cells.Set("active_2019.procurement.amount", 1234.56)
	for _, id := range []string{"new.natural_person", "new.total", "granted.natural_person", "granted.total", "total.natural_person", "total.total"} {
		r.Cells.Set("applications."+id, 3)
	}
	for _, id := range []string{"carried_in.business", "carried_in.total", "carried_out.business", "carried_out.total"} {
		r.Cells.Set("applications."+id, 1)
	}
	for _, id := range []string{"reconsideration.upheld", "reconsideration.total", "litigation_after.pending", "litigation_after.total"} {
		r.Cells.Set("appeals."+id, 1)
	}
	r.Narrative = &annualreport.Narrative{Overview: "2020年，我局落实《条例》。", Problems: "公开深度不够。"}
	if fs := annualreport.Check(r); len(fs) > 0 {
		t.Fatalf("the 2019 report breaks the rules: %v", fs)
	}
	return r
}

// The portal offers every published report as a Word document, a workbook and an A4 print
// page, to anyone; each prints the report as published (2021 format: the demo's report of
// last year; 2019 format: a report of 2020), and the files read back through the reader to
// exactly the published cells. A correction replaces what they print; a draft does not.
func TestPublishedReportFiles(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		ctx := context.Background()
		wj, _ := store.AgencyByName(ctx, e.db, "清河区卫生健康局")
		list, err := e.db.Reports().PublishedList(ctx, wj.ID)
		if err != nil || len(list) == 0 {
			t.Fatalf("the demo published nothing: %v", err)
		}
		year21 := list[0].Year
		snap, _ := json.Marshal(map[string]any{"report": report2019(t, wj.Name)})
		at := time.Date(2021, 1, 25, 2, 0, 0, 0, time.UTC)
		if _, err := e.db.Exec(ctx, `INSERT INTO annual_reports (agency_id, year, overview, problems, other_text, fee_yuan, status, snapshot_json, published_at, published_by, updated_at)
			VALUES (?, 2020, '', '', '', '0', 'published', ?, ?, '负责人', ?)`, wj.ID, string(snap), store.FormatTime(at), store.FormatTime(at)); err != nil {
			t.Fatal(err)
		}
		anon := e.anon()
		for _, year := range []int{year21, 2020} {
			o, err := e.db.Reports().Published(ctx, wj.ID, year)
			if err != nil {
				t.Fatal(err)
			}
			base := "/agencies/" + itoa(wj.ID) + "/reports/" + strconv.Itoa(year)
			_, page := anon.get(base)
			for _, link := range []string{base + "/report.docx", base + "/report.xlsx", base + "/print"} {
				if !strings.Contains(page, `href="`+link+`"`) {
					t.Errorf("%d: the report page has no link to %s", year, link)
				}
			}
			title := annualreport.Title(o.Snapshot)
			for _, f := range []struct{ path, ctype, name string }{
				{"/report.docx", docxType, title + ".docx"},
				{"/report.xlsx", xlsxType, title + "（统计表）.xlsx"},
			} {
				resp, body := anon.get(base + f.path)
				if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != f.ctype {
					t.Fatalf("%d %s: %d %s", year, f.path, resp.StatusCode, resp.Header.Get("Content-Type"))
				}
				if cd := resp.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment;") || !strings.Contains(cd, "UTF-8''"+url.PathEscape(f.name)) {
					t.Errorf("%d %s: Content-Disposition %s", year, f.path, cd)
				}
				sameCells(t, strconv.Itoa(year)+f.path, o.Snapshot, reader.Read("report"+f.path, []byte(body)))
			}
			resp, print := anon.get(base + "/print")
			if resp.StatusCode != 200 || !strings.Contains(print, `<article class="report-print" id="report-print">`) || !strings.Contains(print, "<h1>"+strings.Join(annualreport.TitleLines(o.Snapshot), "<br>")+"</h1>") {
				t.Fatalf("%d print page: %d", year, resp.StatusCode)
			}
			if got, want := reportTableMarkup(print), reportTableMarkup(page); len(want) != 3 || strings.Join(got, "") != strings.Join(want, "") {
				t.Errorf("%d: the print page's tables differ from the report page's", year)
			}
			if !strings.Contains(print, `<p class="report-sign">清河区卫生健康局<br>`+strconv.Itoa(o.PublishedAt.Year())) {
				t.Errorf("%d: the print page is not signed and dated", year)
			}
		}
		// What is printed is the publication, not the draft: a narrative saved after it
		// shows in no file until the report is published again (更正).
		clerk, head := e.login("wj.jingban"), e.login("wj.fuze")
		edit := "/console/reports/" + strconv.Itoa(year21)
		clerk.get(edit)
		if resp, _ := clerk.post(edit, url.Values{"overview": {"更正后的总体情况。"}, "problems": {"公开深度不够。"}, "fee_yuan": {"0"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("save: %d", resp.StatusCode)
		}
		base := "/agencies/" + itoa(wj.ID) + "/reports/" + strconv.Itoa(year21)
		docxText := func() string {
			_, b := anon.get(base + "/report.docx")
			return strings.Join(docxtest.Paragraphs(t, []byte(b)), "\n")
		}
		printed := func() string { _, b := anon.get(base + "/print"); return b }
		if strings.Contains(printed(), "更正后的总体情况") || strings.Contains(docxText(), "更正后的总体情况") {
			t.Error("the files show the draft")
		}
		head.get(edit)
		if resp, _ := head.post(edit+"/publish", url.Values{"reason": {"更正总体情况"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("correct: %d", resp.StatusCode)
		}
		if !strings.Contains(docxText(), "更正后的总体情况。") || !strings.Contains(printed(), "<p>更正后的总体情况。</p>") {
			t.Error("the files do not follow the correction")
		}
		// Unpublished, unknown or impossible: not found, for each file.
		for _, path := range []string{"/reports/2021", "/reports/1999"} {
			for _, f := range []string{"/report.docx", "/report.xlsx", "/print"} {
				if resp, _ := anon.get("/agencies/" + itoa(wj.ID) + path + f); resp.StatusCode != http.StatusNotFound {
					t.Errorf("%s%s: %d", path, f, resp.StatusCode)
				}
			}
		}
		if resp, _ := anon.get("/agencies/999999/reports/2020/report.docx"); resp.StatusCode != http.StatusNotFound {
			t.Errorf("unknown agency: %d", resp.StatusCode)
		}
		// The list of reports links each one's files.
		if _, body := anon.get("/agencies/" + itoa(wj.ID) + "/reports"); !strings.Contains(body, `href="/agencies/`+itoa(wj.ID)+`/reports/2020/report.xlsx"`) {
			t.Error("the list of reports does not link the files")
		}
	})
}
