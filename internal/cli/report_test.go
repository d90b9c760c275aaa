package cli

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/annualreport"
	"gongkai/internal/demo"
	"gongkai/internal/store"
	"gongkai/internal/web"
)

// demoDB is a SQLite file with the light demo data: the 卫生健康局 published last year's
// report.
func demoDB(t *testing.T) (string, *store.DB) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "g.db")
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := demo.LoadLight(context.Background(), db, time.Now()); err != nil {
		t.Fatal(err)
	}
	return path, db
}

const demoAgency = "清河区卫生健康局"

var reportTables = regexp.MustCompile(`(?s)<table class="report-table".*?</table>`)

// The command line and the portal print the same tables, spans and all.
func TestReportBuildHTMLIsThePortalsMarkup(t *testing.T) {
	path, db := demoDB(t)
	ctx := context.Background()
	a, err := store.AgencyByName(ctx, db, demoAgency)
	if err != nil {
		t.Fatal(err)
	}
	published, err := db.Reports().PublishedList(ctx, a.ID)
	if err != nil || len(published) == 0 {
		t.Fatalf("the demo published nothing: %v", err)
	}
	year := strconv.Itoa(published[0].Year)
	srv, err := web.New(db, web.Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	resp, err := http.Get(ts.URL + "/agencies/" + strconv.FormatInt(a.ID, 10) + "/reports/" + year)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("portal report: %d", resp.StatusCode)
	}
	code, out, stderr := run(t, "report", "build", "--db", path, "--agency", demoAgency, "--year", year, "--format", "html")
	if code != 0 {
		t.Fatalf("report build: exit %d\n%s", code, stderr)
	}
	portal, cli := reportTables.FindAllString(string(page), -1), reportTables.FindAllString(out, -1)
	if len(cli) != 3 || len(portal) != 3 {
		t.Fatalf("%d tables on the portal, %d from the command line", len(portal), len(cli))
	}
	for k := range cli {
		if cli[k] != portal[k] {
			t.Errorf("table %d differs:\nportal: %s\ncli:    %s", k, portal[k], cli[k])
		}
	}
	for _, want := range []string{`rowspan="3"`, `<td class="n" data-cell="applications.new.natural_person">`} {
		if !strings.Contains(cli[1], want) {
			t.Errorf("table 三 lacks %s", want)
		}
	}
}

// The saved narrative and fee are in every output of report build.
func TestReportBuildPrintsTheSavedNarrative(t *testing.T) {
	path, db := demoDB(t)
	ctx := context.Background()
	a, err := store.AgencyByName(ctx, db, demoAgency)
	if err != nil {
		t.Fatal(err)
	}
	year := time.Now().Year()
	n := annualreport.Narrative{Overview: "本机关自行编写的总体情况<原文>", Problems: "本机关自行编写的问题与改进", Other: "本机关自行编写的其他事项", FeeYuan: 260}
	if err := db.Reports().SaveNarrative(ctx, account.System(), a.ID, year, n); err != nil {
		t.Fatal(err)
	}
	// The year's applications are in gongkai: the fee is summed from their payments,
	// whatever was typed.
	paid, err := store.FeesPaid(ctx, db, a.ID, year)
	if err != nil {
		t.Fatal(err)
	}
	n.FeeYuan = float64(paid)
	feeText := n.FeeText()
	for _, format := range []string{"text", "html", "json"} {
		code, out, stderr := run(t, "report", "build", "--db", path, "--agency", demoAgency, "--year", strconv.Itoa(year), "--format", format)
		if code != 0 && code != 1 {
			t.Fatalf("%s: exit %d\n%s", format, code, stderr)
		}
		texts := []string{"本机关自行编写的问题与改进", "本机关自行编写的其他事项"}
		switch format {
		case "html":
			texts = append(texts, "本机关自行编写的总体情况&lt;原文&gt;", feeText)
		case "text":
			texts = append(texts, n.Overview, feeText)
		case "json":
			var got annualreport.Report
			if err := json.Unmarshal([]byte(out), &got); err != nil {
				t.Fatalf("json: %v", err)
			}
			if got.Narrative == nil || *got.Narrative != n {
				t.Errorf("json narrative = %+v", got.Narrative)
			}
			texts = append(texts, n.Overview, `"fee_yuan": `+strconv.Itoa(paid))
		}
		for _, want := range texts {
			if !strings.Contains(out, want) {
				t.Errorf("%s lacks %q", format, want)
			}
		}
		if strings.Contains(out, "信息处理费260元") || strings.Contains(out, "工作力量不足") {
			t.Errorf("%s prints made-up text", format)
		}
	}
}

// The format follows the year; years before 2019 are refused in one line.
func TestReportBuildYears(t *testing.T) {
	path, _ := demoDB(t)
	code, out, _ := run(t, "report", "build", "--db", path, "--agency", demoAgency, "--year", "2020")
	if code != 0 && code != 1 {
		t.Fatalf("2020: exit %d", code)
	}
	for _, label := range []string{"本年新制作数量", "对外公开总数量", "其他对外管理服务事项", "政府集中采购", "（六）其他处理"} {
		if !strings.Contains(out, label) {
			t.Errorf("2020 lacks the 2019 format's %q", label)
		}
	}
	if strings.Contains(out, "本年制发件数") || strings.Contains(out, "申请人逾期未按收费通知要求缴纳费用") {
		t.Errorf("2020 prints 2021 labels")
	}
	for _, year := range []string{"2015", "2018"} {
		code, out, stderr := run(t, "report", "build", "--db", path, "--agency", demoAgency, "--year", year)
		if code != 2 || out != "" || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "2019") {
			t.Errorf("%s: exit %d, stdout %q, stderr %q", year, code, out, stderr)
		}
	}
}

// A month nobody entered is a finding of report build, naming the cells it leaves blank;
// entered (zeros included) the finding goes.
func TestReportBuildNamesMonthsNotEntered(t *testing.T) {
	path, db := demoDB(t)
	ctx := context.Background()
	a, err := store.AgencyByName(ctx, db, demoAgency)
	if err != nil {
		t.Fatal(err)
	}
	const year = 2023 // the light demo enters no figures for it
	code, _, stderr := run(t, "report", "build", "--db", path, "--agency", demoAgency, "--year", strconv.Itoa(year))
	if code != 1 {
		t.Fatalf("exit %d", code)
	}
	for m := 1; m <= 12; m++ {
		want := "missing_month active_2021.licensing.decisions,active_2021.penalty.decisions,active_2021.enforcement.decisions,active_2021.fees.amount_10k_yuan：" +
			strconv.Itoa(year) + "年" + strconv.Itoa(m) + "月行政许可等数据未录入"
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q", want)
		}
	}
	if strings.Contains(stderr, "blank_cell active_2021.licensing.decisions") {
		t.Error("a cell named by a missing month is named again as blank")
	}
	for m := 1; m <= 12; m++ {
		if _, err := db.Exec(ctx, `INSERT INTO catalog_monthly_figures (agency_id, year, month, licensing, penalty, enforcement, fees_fen, updated_at) VALUES (?, ?, ?, 0, 0, 0, 0, ?)`,
			a.ID, year, m, store.FormatTime(time.Now())); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, stderr = run(t, "report", "build", "--db", path, "--agency", demoAgency, "--year", strconv.Itoa(year)); strings.Contains(stderr, "missing_month") {
		t.Errorf("months entered as 0 are still missing:\n%s", stderr)
	}
}
