package catalog

import (
	"strings"
	"testing"
	"time"

	"gongkai/internal/apperr"
)

func TestParseIndexPatternErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"", "不能为空"},
		{"{code}-{seq:5}", "必须包含{year}"},
		{"{code}/{year}", "必须包含流水号"},
		{"{code}/{year}-{seq:0}", "位数应为1到9"},
		{"{code}/{year}-{seq:10}", "位数应为1到9"},
		{"{code}/{year}-{seq:x}", "位数应为1到9"},
		{"{code}/{year:2}-{seq:5}", "只有{seq}可以指定位数"},
		{"{code}/{year}-{seq:5}-{seq:3}", "只能出现一次"},
		{"{code}/{year}-{serial}", "未知的字段"},
		{"{code}/{year}-{seq:5", "没有对应的"},
		{"{code}/{year}-{{seq:5}", "没有对应的"},
		{"{code}/{year}}-{seq:5}", "多余的"},
		{"{code} /{year}-{seq:5}", "空白"},
		{"{code}{topic}/{year}-{seq:5}", "之间需要分隔符"},
		{"{year}{seq}", "之间需要分隔符"},
		{"{code}/{year}-" + strings.Repeat("x", 100) + "{seq:5}", "超过100个字符"},
	}
	for _, tt := range tests {
		_, err := ParseIndexPattern(tt.src)
		if !apperr.Is(err, apperr.Invalid) || !strings.Contains(apperr.MessageOf(err), tt.want) {
			t.Errorf("ParseIndexPattern(%q) = %v, want invalid containing %q", tt.src, err, tt.want)
		}
	}
}

func TestIndexPatternRenderAndParse(t *testing.T) {
	tests := []struct {
		pattern string
		parts   IndexParts
		want    string
	}{
		{NationalIndexPattern, IndexParts{Code: "000013338", Year: 2023, Seq: 79}, "000013338/2023-00079"},
		{NationalIndexPattern, IndexParts{Code: "11610802016083285C", Year: 2021, Seq: 3211}, "11610802016083285C/2021-03211"},
		{"{code}/{topic}/{year}-{seq:4}", IndexParts{Code: "11610802016083285C", Year: 2024, Topic: "14", Seq: 7}, "11610802016083285C/14/2024-0007"},
		{"YYWJ-{year}{seq:4}", IndexParts{Year: 2022, Seq: 12}, "YYWJ-20220012"},
		{"榆卫〔{year}〕{seq}号", IndexParts{Year: 2023, Seq: 12}, "榆卫〔2023〕12号"},
		{"{topic}.{year}.{seq}", IndexParts{Year: 2026, Topic: "99", Seq: 100000}, "99.2026.100000"},
		{"{year}{seq:6}", IndexParts{Year: 2025, Seq: 1}, "2025000001"},
	}
	for _, tt := range tests {
		p, err := ParseIndexPattern(tt.pattern)
		if err != nil {
			t.Fatalf("ParseIndexPattern(%q): %v", tt.pattern, err)
		}
		got, err := p.Render(tt.parts)
		if err != nil || got != tt.want {
			t.Errorf("%q.Render(%+v) = %q, %v; want %q", tt.pattern, tt.parts, got, err, tt.want)
			continue
		}
		back, ok := p.Parse(got)
		if !ok || back != tt.parts {
			t.Errorf("%q.Parse(%q) = %+v, %v; want %+v", tt.pattern, got, back, ok, tt.parts)
		}
	}
}

func TestIndexPatternRenderErrors(t *testing.T) {
	p, err := ParseIndexPattern("{code}/{topic}/{year}-{seq:3}")
	if err != nil {
		t.Fatal(err)
	}
	ok := IndexParts{Code: "000013338", Year: 2023, Topic: "02", Seq: 1}
	tests := []struct {
		name string
		edit func(*IndexParts)
		code apperr.Code
	}{
		{"lower-case code", func(v *IndexParts) { v.Code = "11610802016083285c" }, apperr.Invalid},
		{"short code", func(v *IndexParts) { v.Code = "12345" }, apperr.Invalid},
		{"no topic", func(v *IndexParts) { v.Topic = "" }, apperr.Invalid},
		{"zero year", func(v *IndexParts) { v.Year = 0 }, apperr.Invalid},
		{"zero serial", func(v *IndexParts) { v.Seq = 0 }, apperr.Invalid},
		{"serial used up", func(v *IndexParts) { v.Seq = 1000 }, apperr.Conflict},
	}
	for _, tt := range tests {
		v := ok
		tt.edit(&v)
		if _, err := p.Render(v); !apperr.Is(err, tt.code) {
			t.Errorf("%s: Render(%+v) = %v, want %s", tt.name, v, err, tt.code)
		}
	}
	if got, err := p.Render(IndexParts{Code: "000013338", Year: 2023, Topic: "02", Seq: 999}); err != nil || got != "000013338/02/2023-999" {
		t.Errorf("last serial: %q, %v", got, err)
	}
	if p.MaxSeq() != 999 || !p.UsesTopic() || !p.UsesCode() {
		t.Errorf("MaxSeq/UsesTopic/UsesCode wrong")
	}
}

func TestIndexPatternParseRejects(t *testing.T) {
	p, _ := ParseIndexPattern(NationalIndexPattern)
	for _, s := range []string{"", "000013338/2023-0079", "000013338/2023-000790", "00001333/2023-00079", "000013338-2023-00079", "000013338/2023-00000", " 000013338/2023-00079"} {
		if v, ok := p.Parse(s); ok {
			t.Errorf("Parse(%q) = %+v, want no match", s, v)
		}
	}
}

func TestCheckAgencyCode(t *testing.T) {
	good := []string{"11610802016083285C", "000013338", "91350100M000100Y43"}
	for _, c := range good {
		if err := CheckAgencyCode(c); err != nil {
			t.Errorf("CheckAgencyCode(%q) = %v", c, err)
		}
	}
	bad := []string{"11610802016083285D", "000013339", "1161080201608328", "11610802O16083285C", "0000133a8"}
	for _, c := range bad {
		if err := CheckAgencyCode(c); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("CheckAgencyCode(%q) = %v, want invalid", c, err)
		}
	}
}

func TestIndexYearAndNeedsIndexNo(t *testing.T) {
	it := Item{WrittenOn: day(2021, 12, 30), PublishedOn: day(2022, 1, 5), State: Published}
	if IndexYear(it) != 2021 {
		t.Errorf("IndexYear with 成文日期 = %d", IndexYear(it))
	}
	it.WrittenOn = time.Time{}
	if IndexYear(it) != 2022 {
		t.Errorf("IndexYear without 成文日期 = %d, want the publication year", IndexYear(it))
	}
	if !NeedsIndexNo(it) {
		t.Error("published item without 索引号 needs one")
	}
	it.IndexNo = "000013338/2021-00001"
	if NeedsIndexNo(it) {
		t.Error("an assigned 索引号 never changes")
	}
	if NeedsIndexNo(Item{State: Approval}) {
		t.Error("not yet approved")
	}
}

func FuzzParseIndexPattern(f *testing.F) {
	for _, s := range []string{NationalIndexPattern, "{code}/{topic}/{year}-{seq:4}", "榆卫〔{year}〕{seq}号", "{", "}{", "{seq:9}{year}"} {
		f.Add(s, "11610802016083285C", 2023, "02", 17)
	}
	f.Fuzz(func(t *testing.T, src, code string, year int, topic string, seq int) {
		p, err := ParseIndexPattern(src)
		if err != nil {
			if !apperr.Is(err, apperr.Invalid) {
				t.Fatalf("error not invalid: %v", err)
			}
			return
		}
		v := IndexParts{Code: code, Year: year, Topic: topic, Seq: seq}
		s, err := p.Render(v)
		if err != nil {
			return
		}
		back, ok := p.Parse(s)
		if !ok {
			t.Fatalf("%q rendered %q that it cannot parse", src, s)
		}
		if back.Year != v.Year || back.Seq != v.Seq || (p.UsesCode() && back.Code != v.Code) || (p.UsesTopic() && back.Topic != v.Topic) {
			t.Fatalf("%q: %+v -> %q -> %+v", src, v, s, back)
		}
	})
}

func TestIndexSettings(t *testing.T) {
	_, ex, err := IndexSettings(NationalIndexPattern, "11610802016083285C", 2026)
	if err != nil || ex != "11610802016083285C/2026-00001" {
		t.Errorf("IndexSettings = %q, %v", ex, err)
	}
	if _, _, err := IndexSettings(NationalIndexPattern, "11610802016083285D", 2026); !apperr.Is(err, apperr.Invalid) || !strings.Contains(apperr.MessageOf(err), "校验位") {
		t.Errorf("bad check character: %v", err)
	}
	if _, ex, err := IndexSettings("YW-{topic}-{year}-{seq:4}", "", 2026); err != nil || ex != "YW-02-2026-0001" {
		t.Errorf("pattern without code: %q, %v", ex, err)
	}
	if _, _, err := IndexSettings("{code}", "000013338", 2026); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("bad pattern: %v", err)
	}
}
