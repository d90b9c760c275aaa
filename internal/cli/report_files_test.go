package cli

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"gongkai/internal/annualreport"
	"gongkai/internal/store"
	"gongkai/internal/web"
)

// The Word document and the workbook the portal offers for a published report read back
// through `gongkai check` to exactly the published cells, with no finding.
func TestCheckReadsThePublishedFiles(t *testing.T) {
	_, db := demoDB(t)
	ctx := context.Background()
	a, err := store.AgencyByName(ctx, db, demoAgency)
	if err != nil {
		t.Fatal(err)
	}
	list, err := db.Reports().PublishedList(ctx, a.ID)
	if err != nil || len(list) == 0 {
		t.Fatalf("the demo published nothing: %v", err)
	}
	published := list[0].Snapshot
	srv, err := web.New(db, web.Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	dir := t.TempDir()
	for _, name := range []string{"report.docx", "report.xlsx"} {
		resp, err := http.Get(ts.URL + "/agencies/" + strconv.FormatInt(a.ID, 10) + "/reports/" + strconv.Itoa(list[0].Year) + "/" + name)
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", name, resp.StatusCode)
		}
		writeFile(t, dir, name, data)
	}
	code, out, stderr := run(t, "check", "--json", dir)
	if code != 0 {
		t.Fatalf("check: exit %d\n%s", code, stderr)
	}
	var reports []annualreport.Report
	if err := json.Unmarshal([]byte(out), &reports); err != nil || len(reports) != 2 {
		t.Fatalf("%d reports: %v", len(reports), err)
	}
	ids := append(append([]string(nil), annualreport.CellIDs(published.Format)...), annualreport.DerivedCells(published.Format)...)
	for _, r := range reports {
		name := filepath.Base(r.File)
		if r.Agency != published.Agency || r.Year != published.Year || r.Format != published.Format || len(r.Findings) != 0 {
			t.Fatalf("%s: %s %d %s %v", name, r.Agency, r.Year, r.Format, r.Findings)
		}
		if len(r.Cells) != len(ids) {
			t.Errorf("%s: %d cells, the format has %d", name, len(r.Cells), len(ids))
		}
		for _, id := range ids {
			want, _ := published.Cells.Get(id)
			if got, ok := r.Cells.Get(id); !ok || got != want {
				t.Errorf("%s: %s reads %v, published %v", name, id, got, want)
			}
		}
	}
}

// The workbook `check --xlsx` writes into the folder it reads is not read back as a
// report the next time.
func TestCheckSkipsItsOwnWorkbook(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "a.txt", []byte(annualreport.RenderText(consistentReport(3, annualreport.Format2021))))
	out := filepath.Join(dir, "汇总.xlsx")
	for i := 0; i < 2; i++ {
		code, stdout, stderr := run(t, "check", "--xlsx", out, dir)
		if code != 0 || !strings.Contains(stdout, "未发现问题") || strings.Contains(stdout, "汇总.xlsx") {
			t.Fatalf("run %d: exit %d\n%s\n%s", i, code, stdout, stderr)
		}
	}
}
