package web

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"os"
	"strings"
	"testing"
)

// TestUploadedReportWithBadBytes: a published report whose text holds NUL and control
// characters (as a hostile or broken file may) is imported or refused with a message —
// never a server error, on either database; what is stored passes the boundary rules.
func TestUploadedReportWithBadBytes(t *testing.T) {
	seed, err := os.ReadFile("../annualreport/reader/testdata/seeds/000_0d1ba4bae486ea5e.txt")
	if err != nil {
		t.Fatal(err)
	}
	eachEnv(t, func(t *testing.T, e *testEnv) {
		gkb := e.login("gkb")
		gkb.get("/console/imports")
		bad := bytes.ReplaceAll(seed, []byte("榆阳区卫健局"), []byte("榆阳区卫\x01健\x1b[31m局"))
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		mw.WriteField("_csrf", gkb.csrf)
		fw, _ := mw.CreateFormFile("files", "report.txt")
		fw.Write(bad)
		mw.Close()
		req, _ := http.NewRequest("POST", gkb.base+"/console/imports", &buf)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		resp, body := gkb.do(req)
		if resp.StatusCode >= 500 {
			t.Fatalf("import of a report with bad bytes: %d %s", resp.StatusCode, errorText(body))
		}
		var names []string
		rows, err := e.db.Query(t.Context(), `SELECT agency_name FROM imported_reports`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var n string
			rows.Scan(&n)
			names = append(names, n)
		}
		if len(names) == 0 && !strings.Contains(body, `class="error"`) {
			t.Error("neither imported nor refused with a message")
		}
		t.Logf("stored agency names: %q", names)
		if len(names) != 1 || names[0] != "榆阳区卫\ufffd健\ufffd[31m局" {
			t.Errorf("stored agency names %q", names)
		}
		for _, n := range names {
			if strings.ContainsAny(n, "\x00\x01\x1b") {
				t.Errorf("stored agency name %q holds control characters", n)
			}
		}
	})
}
