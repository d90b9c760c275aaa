package notify

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gongkai/internal/foirequest"
	"gongkai/internal/letter"
	"gongkai/internal/workday"
)

var update = flag.Bool("update", false, "rewrite golden files")

func TestMobile(t *testing.T) {
	for in, want := range map[string]string{
		"13812345678": "13812345678", "+86 138-1234-5678": "13812345678", "8613812345678": "13812345678",
		"010-12345678": "", "12812345678": "", "1381234567": "", "": "",
	} {
		if got := Mobile(in); got != want {
			t.Errorf("Mobile(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDrafts(t *testing.T) {
	both := foirequest.Applicant{Email: "a@example.cn", Phone: "13812345678"}
	landline := foirequest.Applicant{Email: "a@example.cn", Phone: "010-12345678"}
	tests := []struct {
		name string
		step foirequest.EventType
		ap   foirequest.Applicant
		s    Settings
		want []string // channel:state
	}{
		{"everything configured", foirequest.EventReplied, both, Settings{Email: true, SMS: true}, []string{"email:pending", "sms:pending"}},
		{"no mail server: by hand", foirequest.EventReplied, both, Settings{SMS: true}, []string{"email:manual", "sms:pending"}},
		{"no SMS platform: no text", foirequest.EventReplied, both, Settings{Email: true}, []string{"email:pending"}},
		{"a landline gets no text", foirequest.EventReplied, landline, Settings{Email: true, SMS: true}, []string{"email:pending"}},
		{"no contact on file", foirequest.EventReplied, foirequest.Applicant{}, Settings{Email: true, SMS: true}, nil},
		{"a step not told", foirequest.EventAccepted, both, Settings{Email: true, SMS: true}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, d := range For(tt.step, tt.ap, tt.s) {
				got = append(got, string(d.Channel)+":"+string(d.State))
				if d.Kind != KindOf(tt.step) {
					t.Errorf("kind %s", d.Kind)
				}
			}
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func dd(s string) time.Time {
	d, err := workday.ParseDay(s)
	if err != nil {
		panic(err)
	}
	return d
}

func sample(k Kind, e foirequest.Event) Input {
	return Input{
		Kind:        k,
		Agency:      letter.Agency{Name: "清河区卫生健康局", ShortName: "区卫健局", Office: "办公室", Phone: "010-60000000", Address: "清河区健康路1号"},
		Applicant:   "张三",
		Number:      "卫健依申〔2026〕第7号",
		Tracking:    "ABCDEFGHJKMN",
		Description: "2025年度本区医疗机构执业登记情况统计表",
		Received:    dd("2026-03-02"),
		Step:        e,
		Due:         dd("2026-03-30"),
		Outcome:     foirequest.ReplyPartial,
		TrackURL:    "https://gk.example.gov.cn/track/ABCDEFGHJKMN",
		Code:        "X2Y3Z4W5",
	}
}

// TestComposeGolden writes every kind of message, e-mail and text, into one golden file.
func TestComposeGolden(t *testing.T) {
	steps := []foirequest.Event{
		{Type: foirequest.EventRegistered, Day: dd("2026-03-02")},
		{Type: foirequest.EventCorrectionRequested, Day: dd("2026-03-03"), Days: 10, Reason: "请明确所需信息的年份"},
		{Type: foirequest.EventCorrected, Day: dd("2026-03-05")},
		{Type: foirequest.EventConsultationStarted, Day: dd("2026-03-06"), Party: foirequest.PartyThirdParty},
		{Type: foirequest.EventFeeNotified, Day: dd("2026-03-09"), Amount: 100},
		{Type: foirequest.EventFeePaid, Day: dd("2026-03-10")},
		{Type: foirequest.EventExtended, Day: dd("2026-03-20"), Days: 20},
		{Type: foirequest.EventReplied, Day: dd("2026-03-25")},
		{Type: foirequest.EventNoCorrection, Day: dd("2026-03-25")},
		{Type: foirequest.EventWithdrawn, Day: dd("2026-03-25")},
	}
	var b strings.Builder
	for _, e := range steps {
		in := sample(KindOf(e.Type), e)
		writeBoth(t, &b, in)
	}
	writeBoth(t, &b, sample(KindQueryCode, foirequest.Event{}))
	golden(t, "messages.golden", b.String())
}

func writeBoth(t *testing.T, b *strings.Builder, in Input) {
	t.Helper()
	m, err := ComposeMail(in, "zhangsan@example.cn", 0)
	if err != nil {
		t.Fatalf("%s: %v", in.Kind, err)
	}
	s, err := ComposeSMS(in)
	if err != nil {
		t.Fatalf("%s: %v", in.Kind, err)
	}
	b.WriteString("=== " + string(in.Kind) + " (" + in.Kind.Label() + ")\nSubject: " + m.Subject + "\n" + m.Text + "--- SMS\n" + s + "\n\n")
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the golden file (run go test -update and review the diff):\n%s", name, got)
	}
}

func TestComposeMailAttachesOrLinks(t *testing.T) {
	l, err := letter.Compose(letter.Input{Kind: letter.KindReply, Agency: letter.Agency{Name: "清河区卫生健康局"}, Applicant: "张三",
		Number: "卫健依申〔2026〕第7号", Received: dd("2026-03-02"), Description: "统计表", Issued: dd("2026-03-25"),
		Reply: foirequest.ReplyGranted, Delivery: foirequest.DeliveryEmail})
	if err != nil {
		t.Fatal(err)
	}
	in := sample(KindOf(foirequest.EventReplied), foirequest.Event{Type: foirequest.EventReplied, Day: dd("2026-03-25")})
	in.Letter = &l
	in.Files = []File{{Name: "统计表.pdf", ContentType: "application/pdf", Data: make([]byte, 3000),
		Link: "https://gk.example.gov.cn/track/ABCDEFGHJKMN/download/5?exp=1&sig=x", Expires: time.Date(2026, 4, 24, 8, 0, 0, 0, time.UTC)}}
	small, err := ComposeMail(in, "zhangsan@example.cn", 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	if len(small.Attachments) != 2 || small.Attachments[0].Name != "答复书-卫健依申〔2026〕第7号.docx" || small.Attachments[1].Name != "统计表.pdf" {
		t.Fatalf("attachments %+v", small.Attachments)
	}
	if strings.Contains(small.Text, "download") || !strings.Contains(small.Text, "《统计表.pdf》") {
		t.Errorf("small message text:\n%s", small.Text)
	}
	large, err := ComposeMail(in, "zhangsan@example.cn", 2000)
	if err != nil {
		t.Fatal(err)
	}
	if len(large.Attachments) != 1 || !strings.Contains(large.Text, "统计表.pdf：https://gk.example.gov.cn/track/ABCDEFGHJKMN/download/5") || !strings.Contains(large.Text, "2026年4月24日") {
		t.Errorf("large message: %d attachments\n%s", len(large.Attachments), large.Text)
	}
}

func TestBackoff(t *testing.T) {
	want := []time.Duration{time.Minute, time.Minute, 2 * time.Minute, 4 * time.Minute, 8 * time.Minute}
	for n, w := range want {
		if got := Backoff(n); got != w {
			t.Errorf("Backoff(%d) = %v, want %v", n, got, w)
		}
	}
	if Backoff(30) != 6*time.Hour {
		t.Errorf("Backoff(30) = %v", Backoff(30))
	}
}
