package workday

import (
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestParseOverridesCSV(t *testing.T) {
	data, err := os.ReadFile("testdata/overrides.csv")
	if err != nil {
		t.Fatal(err)
	}
	got, errs := ParseOverridesCSV(data)
	want := []Override{
		{Day: d("2025-10-09"), Working: false, Reason: "台风停工"},
		{Day: d("2025-10-12"), Working: true, Reason: "集中办理日"},
		{Day: d("2026-01-05"), Working: false, Reason: "系统迁移, 暂停受理"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d overrides %+v, want %d", len(got), got, len(want))
	}
	for i := range want {
		if !got[i].Day.Equal(want[i].Day) || got[i].Working != want[i].Working || got[i].Reason != want[i].Reason {
			t.Errorf("override %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	wantErrs := []string{
		"第5行：日期“2025-02-30”不存在：2025年2月没有30日",
		"第6行：第二列“maybe”应为 1（上班）或 0（休息）",
		"第7行：原因不能为空",
		"第8行：2025-10-09 已在第2行设定",
		"第9行：应有 3 列（日期,是否上班,原因），实际 2 列",
	}
	if len(errs) != len(wantErrs) {
		t.Fatalf("errors = %v", errs)
	}
	for i, w := range wantErrs {
		if errs[i].Error() != w {
			t.Errorf("error %d = %q, want %q", i, errs[i].Error(), w)
		}
	}
	if JoinLineErrors(errs) == nil || JoinLineErrors(nil) != nil {
		t.Error("JoinLineErrors")
	}
}

func TestParseOverridesCSVHeaderless(t *testing.T) {
	got, errs := ParseOverridesCSV([]byte("2025-10-09,0,台风\n2025/10/12,上班,加班\r\n"))
	if len(errs) != 0 || len(got) != 2 || !got[1].Working {
		t.Fatalf("got %+v %v", got, errs)
	}
	_, errs = ParseOverridesCSV([]byte("date,working,reason\n\"2025-10-09,0,x\n"))
	if len(errs) == 0 {
		t.Error("a broken quote must be reported")
	}
	_, errs = ParseOverridesCSV([]byte("2025-10-09,0,ok\n2025-10-10,0,\xcc\xa8\xb7\xe7\n"))
	if len(errs) != 1 || errs[0].Line != 2 || !strings.Contains(errs[0].Message, "UTF-8") {
		t.Errorf("GBK file: %v", errs)
	}
}

func FuzzParseOverridesCSV(f *testing.F) {
	if data, err := os.ReadFile("testdata/overrides.csv"); err == nil {
		f.Add(data)
	}
	f.Add([]byte("\uFEFF日期,是否上班,原因\n2025-10-09,休息,台风\n"))
	f.Add([]byte("2025-10-09,1,\"a,b\"\n\"x"))
	f.Add([]byte(",,,\n#c\n\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, errs := ParseOverridesCSV(data)
		if _, err := New(got); err != nil {
			t.Fatalf("parsed overrides rejected by New: %v", err)
		}
		for _, o := range got {
			if o.Day.Hour() != 0 || strings.TrimSpace(o.Reason) == "" {
				t.Fatalf("bad override %+v", o)
			}
		}
		for _, e := range errs {
			if e.Line < 1 || !utf8.ValidString(e.Message) || e.Message == "" {
				t.Fatalf("bad line error %+v", e)
			}
		}
	})
}

func FuzzParseDay(f *testing.F) {
	for _, s := range []string{"2025-09-26", "2025/9/6", "2025年10月1日", "20251001", "2025-02-29", "", "昨天", "9999-99-99"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDay(s)
		if err != nil {
			if msg := err.Error(); !utf8.ValidString(msg) {
				t.Fatalf("invalid UTF-8 in error %q", msg)
			}
			return
		}
		if d.Hour() != 0 || d.Minute() != 0 || d.Location() != time.UTC {
			t.Fatalf("ParseDay(%q) = %v, not a day", s, d)
		}
		again, err := ParseDay(Format(d))
		if err != nil || !again.Equal(d) {
			t.Fatalf("ParseDay(Format(%v)) = %v, %v", d, again, err)
		}
	})
}
