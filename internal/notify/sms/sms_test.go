package sms_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"gongkai/internal/notify"
	"gongkai/internal/notify/sms"
)

func TestSend(t *testing.T) {
	var got map[string]string
	var key, auth string
	status := http.StatusOK
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got = nil
		json.Unmarshal(b, &got)
		key, auth = r.Header.Get("Idempotency-Key"), r.Header.Get("Authorization")
		w.WriteHeader(status)
	}))
	defer ts.Close()
	s, err := sms.New(sms.Config{URL: ts.URL, Token: "Bearer abc"})
	if err != nil {
		t.Fatal(err)
	}
	text := `【区卫健局】您的申请"已答复"`
	if err := s.Send(context.Background(), 7, "13812345678", text); err != nil {
		t.Fatal(err)
	}
	if got["phone"] != "13812345678" || got["content"] != text || key != "gongkai-outbox-7" || auth != "Bearer abc" {
		t.Errorf("request %v %q %q", got, key, auth)
	}
	for code, perm := range map[int]bool{400: true, 403: true, 429: false, 500: false, 503: false} {
		status = code
		err := s.Send(context.Background(), 7, "13812345678", text)
		if err == nil || notify.IsPermanent(err) != perm {
			t.Errorf("status %d: %v (permanent %v)", code, err, notify.IsPermanent(err))
		}
	}
}

func TestTemplate(t *testing.T) {
	s, err := sms.New(sms.Config{URL: "https://sms.example.gov.cn/send", ContentType: "application/x-www-form-urlencoded",
		Template: `mobile={{query .Phone}}&msg={{query .Text}}&sign=gongkai`})
	if err != nil {
		t.Fatal(err)
	}
	body, err := s.Body(1, "13812345678", "已答复 & 完成")
	if err != nil {
		t.Fatal(err)
	}
	v, err := url.ParseQuery(body)
	if err != nil || v.Get("msg") != "已答复 & 完成" || v.Get("mobile") != "13812345678" {
		t.Errorf("body %q", body)
	}
	for _, c := range []sms.Config{{URL: "ftp://x"}, {URL: "https://x", Template: "{{.Nope"}, {URL: ""}} {
		if _, err := sms.New(c); err == nil {
			t.Errorf("%+v accepted", c)
		}
	}
}
