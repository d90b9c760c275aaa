package importer

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"gongkai/internal/account"
	"gongkai/internal/apperr"
	"gongkai/internal/catalog"
	"gongkai/internal/textcheck"
)

var update = flag.Bool("update", false, "rewrite golden files")

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

func TestParseDate(t *testing.T) {
	good := map[string]time.Time{
		"2021-01-26":          day(2021, 1, 26),
		"2021-1-26":           day(2021, 1, 26),
		"2021/1/26":           day(2021, 1, 26),
		"2021.01.26":          day(2021, 1, 26),
		"2021年1月26日":          day(2021, 1, 26),
		"2021 年 01 月 26 日":    day(2021, 1, 26),
		"２０２１年１月２６日":          day(2021, 1, 26),
		"20210126":            day(2021, 1, 26),
		"2021-01-26 09:30:00": day(2021, 1, 26),
		"2021/1/26 9:30":      day(2021, 1, 26),
		"44222":               day(2021, 1, 26),
		"44222.375":           day(2021, 1, 26),
		"2024-02-29":          day(2024, 2, 29),
		" 2021-01-26 ":        day(2021, 1, 26),
	}
	for in, want := range good {
		got, err := ParseDate(in)
		if err != nil || !got.Equal(want) {
			t.Errorf("ParseDate(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "2021", "2021-02-30", "2023-02-29", "2021-13-01", "2021-00-10", "1900-01-01", "26/01/2021", "01-26-21", "10000", "2021年1月", "明天", "99999"} {
		if got, err := ParseDate(in); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("ParseDate(%q) = %v, %v; want invalid", in, got, err)
		}
	}
}

// render writes a preview as text for golden comparison.
func render(p Preview) string {
	var b strings.Builder
	b.WriteString("columns:\n")
	for _, m := range p.Columns {
		b.WriteString("  " + m.Header + " -> " + string(m.Field) + "\n")
	}
	b.WriteString("rows:\n")
	for _, r := range p.Rows {
		it := r.Item
		d := func(t time.Time) string {
			if t.IsZero() {
				return "-"
			}
			return t.Format(time.DateOnly)
		}
		b.WriteString("  line " + strconv.Itoa(r.Line) + ": " + it.IndexNo + " | " + it.Title + " | " + it.Topic + " | " + it.Publisher +
			" | " + d(it.WrittenOn) + " | " + d(it.PublishedOn) + " | " + it.DocNo + " | " + catalog.JoinKeywords(it.Keywords) +
			" | " + string(it.Validity) + " " + d(it.ValidityChangedOn) + " | " + string(it.Kind) + " | " + it.Summary + " | " + it.BodyHTML + "\n")
	}
	b.WriteString("problems:\n")
	for _, pr := range p.Problems {
		b.WriteString("  " + pr.String() + "\n")
	}
	return b.String()
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
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from golden file:\n got:\n%s\nwant:\n%s", name, got, want)
	}
}

func TestReadCSVGolden(t *testing.T) {
	for _, name := range []string{"catalog_ok", "catalog_bad"} {
		t.Run(name, func(t *testing.T) {
			f, err := os.Open(filepath.Join("testdata", name+".csv"))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			p, err := Read(f, Options{Publisher: "某区卫生健康局"})
			if err != nil {
				t.Fatal(err)
			}
			golden(t, name+".golden", render(p))
		})
	}
}

func TestReadCSVOutcome(t *testing.T) {
	f, _ := os.Open("testdata/catalog_ok.csv")
	defer f.Close()
	p, err := ReadCSV(f, Options{Publisher: "榆林市榆阳区卫生健康局"})
	if err != nil || !p.OK() || p.Err() != nil || len(p.Rows) != 4 {
		t.Fatalf("ReadCSV ok file: %v, %+v", err, p.Problems)
	}
	second := p.Rows[1].Item
	if second.Kind != catalog.Normative || second.Validity != catalog.Repealed || !second.ValidityChangedOn.Equal(day(2023, 12, 31)) {
		t.Errorf("row 3: %+v", second)
	}
	if strings.Contains(second.BodyHTML, "script") {
		t.Errorf("body not sanitised: %q", second.BodyHTML)
	}
	if third := p.Rows[2].Item; !third.WrittenOn.Equal(day(2022, 2, 8)) || third.Publisher != "榆林市榆阳区卫生健康局" {
		t.Errorf("Excel serial date or default publisher: %+v", third)
	}
	if fourth := p.Rows[3].Item; fourth.Topic != "supervision" || !fourth.PublishedOn.Equal(day(2022, 4, 15)) {
		t.Errorf("alias topic or 发布日期 from 成文日期: %+v", fourth)
	}

	bad, _ := os.Open("testdata/catalog_bad.csv")
	defer bad.Close()
	p, err = ReadCSV(bad, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if p.OK() || len(p.Rows) != 0 {
		t.Fatalf("bad file parsed: %+v", p.Rows)
	}
	if err := p.Err(); !apperr.Is(err, apperr.Invalid) || !strings.Contains(apperr.MessageOf(err), "第3行“[ 成文日期 ]”：日期“2023-02-30”不是有效的日期") {
		t.Errorf("Err = %v", err)
	}
}

func TestReadCSVGB18030(t *testing.T) {
	src := "名称,成文日期,主题分类\n关于公布2024年度部门预算的公告,2024-02-01,财政预决算\n"
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(src)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Read(strings.NewReader(gbk), Options{Publisher: "某区医疗保障局"})
	if err != nil || !p.OK() || len(p.Rows) != 1 || p.Rows[0].Item.Title != "关于公布2024年度部门预算的公告" || p.Rows[0].Item.Topic != "budgets" {
		t.Fatalf("GBK CSV: %v %+v %+v", err, p.Rows, p.Problems)
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"empty", "", "导入文件为空"},
		{"no title column", "索引号,发布日期\n1,2021-01-01\n", "找不到“名称”列"},
		{"two title columns", "名称,标题\n甲,乙\n", "都表示名称"},
		{"header only", "名称,成文日期\n", ""},
		{"xls", "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "不支持Excel 97-2003"},
		{"bad quotes", "名称,成文日期\n\"a\"b\"c,2021-01-01\n", ""},
	}
	for _, tt := range tests {
		p, err := Read(strings.NewReader(tt.in), Options{})
		if tt.want == "" {
			if err == nil && p.OK() && tt.name == "header only" {
				t.Errorf("%s: no rows must be a problem", tt.name)
			}
			continue
		}
		if !apperr.Is(err, apperr.Invalid) || !strings.Contains(apperr.MessageOf(err), tt.want) {
			t.Errorf("%s: %v, want %q", tt.name, err, tt.want)
		}
	}
	big := "名称,成文日期\n" + strings.Repeat("某通知,2021-01-01\n", 11)
	if _, err := Read(strings.NewReader(big), Options{MaxRows: 10}); !apperr.Is(err, apperr.Invalid) || !strings.Contains(apperr.MessageOf(err), "超过10行") {
		t.Errorf("row limit: %v", err)
	}
}

func TestReadXLSX(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	sh := "Sheet1"
	f.SetSheetRow(sh, "A1", &[]any{"区卫生健康局政府信息公开目录"})
	f.SetSheetRow(sh, "A2", &[]any{"索引号", "标题", "分类", "发文日期", "发布日期", "文号", "有效性", "文件类型"})
	f.SetSheetRow(sh, "A3", &[]any{"11610802016083285C/2023-00012", "关于印发《区卫生健康系统安全生产检查方案》的通知", "安全生产", day(2023, 4, 3), "2023/4/6", "榆卫发〔2023〕12号", "有效", "行政规范性文件"})
	f.SetSheetRow(sh, "A4", &[]any{"11610802016083285C/2023-00013", "2023年区卫生健康局部门决算", "财政预决算", "2023年8月30日", 45170, "", "", ""})
	f.SetSheetRow(sh, "A5", &[]any{"11610802016083285C/2023-00014", "关于卫生监督检查情况的通报", "监督检查", "2023-13-01", "", "", "无效", ""})
	style, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	f.SetCellStyle(sh, "D3", "D3", style)
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	p, err := Read(bytes.NewReader(buf.Bytes()), Options{Publisher: "某区卫生健康局"})
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "catalog_xlsx.golden", render(p))
	if len(p.Rows) != 2 || !p.Rows[0].Item.WrittenOn.Equal(day(2023, 4, 3)) || !p.Rows[1].Item.PublishedOn.Equal(day(2023, 9, 1)) {
		t.Errorf("XLSX rows: %+v", p.Rows)
	}
	if len(p.Problems) != 2 || p.Problems[0].Line != 5 {
		t.Errorf("XLSX problems: %+v", p.Problems)
	}
}

// TestCellBoundary: the boundary rules of the web forms hold for imported rows, with a
// problem per row naming the row and the column.
func TestCellBoundary(t *testing.T) {
	csvText := "名称,发布日期,正文\n" +
		"正常的信息,2023-01-02,正文\n" +
		"含\x00空字符,2023-01-02,正文\n" +
		"含\x1b[31m转义,2023-01-02,正文\n" +
		"正文含控制字符,2023-01-02,\"第一段\n\x1b[2J\"\n" +
		strings.Repeat("长", 501) + ",2023-01-02,正文\n"
	p, err := ReadCSV(strings.NewReader(csvText), Options{Publisher: "某区卫生健康局"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"第3行“名称”：第2个字符是空字符（NUL），请删除后重新填写",
		"第4行“名称”：第2个字符是换行、制表符或不可见的控制字符（此项只能填写一行文字），请删除后重新填写",
		"第5行“正文”：第5个字符是不可见的控制字符，请删除后重新填写",
		"第6行“名称”：过长：最多500个字，现有501个字",
	}
	var got []string
	for _, pr := range p.Problems {
		got = append(got, pr.String())
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") || len(p.Rows) != 1 {
		t.Errorf("problems:\n%s\nwant:\n%s\nrows %d", strings.Join(got, "\n"), strings.Join(want, "\n"), len(p.Rows))
	}
}

func TestParsedRowsAreValidItems(t *testing.T) {
	f, _ := os.Open("testdata/catalog_ok.csv")
	defer f.Close()
	p, _ := ReadCSV(f, Options{Publisher: "某区卫生健康局"})
	tax := catalog.DefaultTaxonomy()
	for _, r := range p.Rows {
		it, _ := catalog.Imported(r.Item, account.Principal{UserID: 1}, time.Now())
		if err := it.Validate(tax); err != nil {
			t.Errorf("line %d: %v", r.Line, err)
		}
	}
}

func FuzzParseRow(f *testing.F) {
	h, err := ParseHeader(TemplateHeaders())
	if err != nil {
		f.Fatal(err)
	}
	f.Add("000013338/2023-00079", "关于印发方案的通知", "政策文件", "某局", "2023-03-01", "2023/3/2", "某发〔2023〕1号", "方案；通知", "废止", "<p>x</p>", "行政规范性文件", "2024-01-01")
	f.Add("", "", "", "", "44222", "2021年1月26日", "", "", "", "", "", "")
	f.Add("a b", "x", "未知", "", "2021-02-30", "", "", "", "有效", "<script>", "规章", "1.5")
	tax := catalog.DefaultTaxonomy()
	f.Fuzz(func(t *testing.T, idx, title, topic, pub, written, published, docNo, kw, validity, body, kind, ended string) {
		rec := []string{idx, title, topic, pub, written, published, docNo, kw, validity, "", body, kind, ended}
		it, ps := ParseRow(h, rec, 2, Options{})
		if len(ps) > 0 {
			for _, p := range ps {
				if p.Line != 2 || p.Message == "" {
					t.Fatalf("malformed problem %+v", p)
				}
			}
			return
		}
		if err := it.Validate(tax); err != nil {
			t.Fatalf("row accepted but item invalid: %v (%+v)", err, it)
		}
		if it.WrittenOn.IsZero() && it.PublishedOn.IsZero() {
			t.Fatalf("accepted a row without any date")
		}
		for _, s := range []string{it.IndexNo, it.Title, it.Publisher, it.DocNo, it.Summary, it.BodyHTML, strings.Join(it.Keywords, "")} {
			if !textcheck.Acceptable(s) {
				t.Fatalf("accepted a row holding bytes the boundary refuses: %q", s)
			}
		}
		if strings.Contains(strings.ToLower(it.BodyHTML), "<script") {
			t.Fatalf("unsanitised body %q", it.BodyHTML)
		}
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2021-01-26", "2021年1月26日", "44222", "20210126", "2021/1/26 9:30"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			return
		}
		if d.Year() < minYear || d.Year() > maxYear || d.Hour() != 0 || d.Location() != time.UTC {
			t.Fatalf("ParseDate(%q) = %v", s, d)
		}
		again, err := ParseDate(d.Format(time.DateOnly))
		if err != nil || !again.Equal(d) {
			t.Fatalf("round trip of %q failed: %v %v", s, again, err)
		}
	})
}

func FuzzReadCSV(f *testing.F) {
	data, _ := os.ReadFile("testdata/catalog_ok.csv")
	f.Add(data)
	f.Add([]byte("名称\n\"a\nb\"\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := ReadCSV(bytes.NewReader(b), Options{Publisher: "某局", MaxRows: 200})
		if err != nil {
			if !apperr.Is(err, apperr.Invalid) {
				t.Fatalf("error not invalid: %v", err)
			}
			return
		}
		for _, r := range p.Rows {
			if r.Line < 2 || r.Item.Title == "" {
				t.Fatalf("bad row %+v", r)
			}
		}
	})
}

func TestTemplateReadsBack(t *testing.T) {
	data, err := Template(nil)
	if err != nil {
		t.Fatal(err)
	}
	if k, err := catalog.DetectAttachment("模板.xlsx", data, int64(len(data))); err != nil || k != catalog.XLSX {
		t.Fatalf("template is not an XLSX file: %v %v", k, err)
	}
	p, err := Read(bytes.NewReader(data), Options{})
	if err != nil || !p.OK() || len(p.Rows) != 1 {
		t.Fatalf("template does not import: %v %+v", err, p.Problems)
	}
	it := p.Rows[0].Item
	if it.Kind != catalog.Normative || it.Topic != "policy_documents" || !it.WrittenOn.Equal(day(2023, 4, 3)) {
		t.Errorf("example row: %+v", it)
	}
	for _, m := range p.Columns {
		if m.Field == "" {
			t.Errorf("template column %q not recognised", m.Header)
		}
	}
}
