package reader

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/longbridgeapp/opencc"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"

	ar "gongkai/internal/annualreport"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func readSeed(t testing.TB, name string) *ar.Report {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "seeds", name))
	if err != nil {
		t.Fatal(err)
	}
	return Read(name, data)
}

// TestGolden compares the reading of each seed with its golden JSON, which was
// checked by hand against the seed text.
func TestGolden(t *testing.T) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "seeds", "*.txt"))
	if len(seeds) != 5 {
		t.Fatalf("want 5 seeds, found %d", len(seeds))
	}
	for _, p := range seeds {
		name := filepath.Base(p)
		t.Run(name, func(t *testing.T) {
			r := readSeed(t, name)
			got, err := json.MarshalIndent(r, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "golden", strings.TrimSuffix(name, ".txt")+".json")
			if *update {
				if err := os.WriteFile(golden, append(got, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(bytes.TrimSpace(want), bytes.TrimSpace(got)) {
				t.Errorf("reading differs from %s; run go test -update and review the diff\n%s", golden, got)
			}
		})
	}
}

func cell(t *testing.T, r *ar.Report, id string) (float64, bool) {
	t.Helper()
	v, present := r.Cells[id]
	if !present {
		t.Fatalf("cell %s missing from output", id)
	}
	if v == nil {
		return 0, false
	}
	return *v, true
}

func wantCell(t *testing.T, r *ar.Report, id string, want float64) {
	t.Helper()
	if v, ok := cell(t, r, id); !ok || v != want {
		t.Errorf("%s = %v (set %v), want %v", id, v, ok, want)
	}
}

// The figures below were read off the seed texts by hand.
func TestSeedFigures(t *testing.T) {
	r4 := readSeed(t, "004_d3a0745a76414f11.txt")
	if r4.Agency != "赣榆区卫健委" || r4.Year != 2024 || r4.Format != ar.Format2021 {
		t.Errorf("004 meta: %q %d %s", r4.Agency, r4.Year, r4.Format)
	}
	wantCell(t, r4, "active_2021.licensing.decisions", 3409)
	wantCell(t, r4, "active_2021.penalty.decisions", 25)
	wantCell(t, r4, "active_2021.enforcement.decisions", 0)
	wantCell(t, r4, "active_2021.fees.amount_10k_yuan", 0)
	wantCell(t, r4, "applications.total.total", 0)
	wantCell(t, r4, "appeals.litigation_after.total", 0)
	for _, c := range ar.ApplicationColumns {
		if _, ok := cell(t, r4, "applications.other.other."+c); ok {
			t.Errorf("004: 3.其他 is blank in the seed, got a figure in %s", c)
		}
	}

	r3 := readSeed(t, "003_7b1b67dd1c4e731d.txt")
	if r3.Agency != "遂宁市船山区医疗保障局" || r3.Year != 2020 || r3.Format != ar.Format2019 {
		t.Errorf("003 meta: %q %d %s", r3.Agency, r3.Year, r3.Format)
	}
	wantCell(t, r3, "active_2019.other_services.prev_items", 20)
	wantCell(t, r3, "active_2019.other_services.change", -9)
	wantCell(t, r3, "active_2019.other_services.decisions", 7447)
	wantCell(t, r3, "active_2019.procurement.amount", 0)
	wantCell(t, r3, "applications.new.natural_person", 0)
	wantCell(t, r3, "appeals.reconsideration.total", 0)
	if len(r3.Findings) != 0 {
		t.Errorf("003 is complete and consistent, got findings %v", r3.Findings)
	}

	r0 := readSeed(t, "000_0d1ba4bae486ea5e.txt")
	if r0.Agency != "榆阳区卫健局" || r0.Year != 2020 || r0.Format != ar.Format2019 {
		t.Errorf("000 meta: %q %d %s", r0.Agency, r0.Year, r0.Format)
	}
	for _, id := range ar.CellIDs(ar.Format2019) {
		if _, ok := cell(t, r0, id); ok {
			t.Errorf("000: %s should be null (blank in the seed)", id)
		}
	}

	r1 := readSeed(t, "001_80aeb6f3312619ab.txt")
	if r1.Agency != "昆明市卫生局" || r1.Year != 2014 || r1.Format != ar.FormatLegacy {
		t.Errorf("001 meta: %q %d %s", r1.Agency, r1.Year, r1.Format)
	}
	wantCell(t, r1, "legacy.applications.count", 2)
	wantCell(t, r1, "legacy.applications_mail.count", 2)
	wantCell(t, r1, "legacy.active_website.items", 502)
	wantCell(t, r1, "legacy.active_other.items", 868)
	wantCell(t, r1, "legacy.press_conference.sessions", 0)
	wantCell(t, r1, "legacy.consultations.count", 69218)
	wantCell(t, r1, "legacy.public_notices.count", 93)

	r2 := readSeed(t, "002_3cb62664b829870b.txt")
	if r2.Agency != "云冈区卫生健康和体育局" || r2.Year != 2024 || r2.Format != ar.FormatNarrative {
		t.Errorf("002 meta: %q %d %s", r2.Agency, r2.Year, r2.Format)
	}
	if strings.Join(r2.Sections, "") != "一二三四五六" {
		t.Errorf("002 sections %v", r2.Sections)
	}
	var said []string
	for _, f := range r2.Findings {
		if f.Rule != ar.RuleNarrativeOnly {
			t.Errorf("002: unexpected finding %v", f)
		}
		said = append(said, f.Message)
	}
	all := strings.Join(said, "\n")
	for _, s := range []string{"未接到公民、法人和其他组织申请", "没有因政府信息公开申请行政复议", "未产生政府信息公开信息处理费"} {
		if !strings.Contains(all, s) {
			t.Errorf("002: no narrative_only finding with %q in %s", s, all)
		}
	}
}

func TestUnreadableInputs(t *testing.T) {
	cases := map[string][]byte{
		"empty":  {},
		"spaces": []byte(" \n\t \n"),
		"binary": {0x89, 'P', 'N', 'G', 0, 0, 1, 2, 3},
		"latin1": []byte("caf\xe9 cr\xe8me br\xfbl\xe9e na\xefve \xe0 la carte"),
	}
	for name, data := range cases {
		r := Read(name, data)
		if len(r.Findings) == 0 || r.Findings[0].Rule != ar.RuleUnreadable {
			t.Errorf("%s: want an unreadable finding, got %v", name, r.Findings)
		}
	}
}

func TestGBKAndBOM(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("testdata", "seeds", "003_7b1b67dd1c4e731d.txt"))
	if err != nil {
		t.Fatal(err)
	}
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes(bytes.ReplaceAll(src, []byte("\n"), []byte("\r\n")))
	if err != nil {
		t.Fatal(err)
	}
	want := Read("a", src)
	broken := append([]byte{}, src...)
	broken = append(broken[:100:100], append([]byte{0xE6, 0x94}, src[100:]...)...) // a cut character
	// The same report in traditional characters, encoded in Big5 (as a Taiwan or Hong Kong
	// copy would be): decoded as Big5, not as GBK garbage, then converted.
	s2t, err := opencc.New("s2t")
	if err != nil {
		t.Fatal(err)
	}
	trad, err := s2t.Convert(string(src))
	if err != nil {
		t.Fatal(err)
	}
	big5, err := encoding.ReplaceUnsupported(traditionalchinese.Big5.NewEncoder()).Bytes([]byte(trad))
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{"big5": big5, "gbk+crlf": gbk, "bom": append([]byte{0xEF, 0xBB, 0xBF}, src...), "utf8 with a broken byte": broken} {
		got := Read("a", data)
		if got.Agency != want.Agency || got.Year != want.Year || len(diffCells(want, got)) > 0 {
			t.Errorf("%s: %q %d differs: %v", name, got.Agency, got.Year, diffCells(want, got))
		}
	}
}

func TestParseNumber(t *testing.T) {
	cases := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"0", 0, true}, {"3409", 3409, true}, {"３４０９", 3409, true}, {"3,409", 3409, true},
		{"1,234,567.5", 1234567.5, true}, {"-9", -9, true}, {"－9", -9, true}, {"12.35", 12.35, true},
		{"25件", 25, true}, {"0.5万元", 0.5, true}, {"-", 0, false}, {"—", 0, false}, {"1.", 0, false},
		{"增3", 3, true}, {"减9", -9, true}, {"减少9", -9, true}, {"增加3", 3, true}, {"增加3个", 3, true}, {"持平", 0, true}, {"减少", 0, false}, {"增加率", 0, false}, {"3,40", 0, false}, {"2020年", 0, false}, {"35.9%", 0, false}, {"1.属于国家秘密", 0, false}, {"", 0, false},
	}
	for _, c := range cases {
		v, _, ok := parseNumber(c.in)
		if ok != c.ok || (ok && v != c.want) {
			t.Errorf("parseNumber(%q) = %v, %v; want %v, %v", c.in, v, ok, c.want, c.ok)
		}
	}
}

func TestStripPinyin(t *testing.T) {
	cases := map[string]string{
		"政府信息公開(kāi)工作年度報(bào)告": "政府信息公開工作年度報告",
		"網站(www.gov.cn)": "網站(www.gov.cn)",
		"（以下简称年报）":       "（以下简称年报）",
		"ABC(abc)":       "ABC(abc)",
	}
	for in, want := range cases {
		if got := stripPinyin(in); got != want {
			t.Errorf("stripPinyin(%q) = %q, want %q", in, got, want)
		}
	}
}

// Layouts the seeds do not show, written by hand.
func TestHandLayouts(t *testing.T) {
	t.Run("transposed appeals", func(t *testing.T) {
		text := "某局2022年政府信息公开工作年度报告\n四、政府信息公开行政复议、行政诉讼情况\n" +
			"行政复议 未经复议直接起诉 复议后起诉\n结果维持 1 0 0\n结果纠正 0 2 0\n其他结果 0 0 0\n尚未审结 0 0 3\n总计 1 2 3\n"
		r := ReadText("t", text)
		wantCell(t, r, "appeals.reconsideration.upheld", 1)
		wantCell(t, r, "appeals.litigation_direct.corrected", 2)
		wantCell(t, r, "appeals.litigation_after.pending", 3)
		wantCell(t, r, "appeals.litigation_after.total", 3)
	})
	t.Run("appeals from a PDF's text: headers stacked, figures on one line", func(t *testing.T) {
		head := "某局2022年政府信息公开工作年度报告\n四、因政府信息公开工作被申请行政复议、提起行政诉讼情况\n" +
			"行政复议 行政诉讼\n未经复议直接起诉 复议后起诉\n"
		for name, header := range map[string]string{
			"words": "结果 结果 其他 尚未 总\n维持 纠正 结果 审结 计 结果 结果 其他 尚未 总 结果 结果 其他 尚未 总\n维持 纠正 结果 审结 计 维持 纠正 结果 审结 计\n",
			"characters": "结 结 其 尚\n结 结 其 尚 结 结 其 尚\n果 果 他 未\n总计 果 果 他 未 总 果 果 他 未 总\n维 纠 结 审\n" +
				"维 纠 结 审 计 维 纠 结 审 计\n持 正 果 结\n持 正 果 结 持 正 果 结\n",
		} {
			r := ReadText("t", head+header+"2 1 0 1 4 0 3 0 0 3 1 0 0 2 3\n五、存在的主要问题及改进情况\n")
			want := []float64{2, 1, 0, 1, 4, 0, 3, 0, 0, 3, 1, 0, 0, 2, 3}
			for k, id := range appealIDs {
				if v, ok := cell(t, r, id); !ok || v != want[k] {
					t.Errorf("%s: %s = %v, %v; want %v", name, id, v, ok, want[k])
				}
			}
		}
	})
	t.Run("row labels carrying the form's guidance in brackets, 文件 written 檔案", func(t *testing.T) {
		text := "某市某局2020年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n" +
			"信息内容 | 本年新制作数量（指本年度制发的件数，不含废止的） | 本年新公开数量 | 对外公开总数量 |\n" +
			"规章（设区的市、自治州人民政府以及省级人民政府部门应提供本项数据，其他机关填0即可） | 1 | 1 | 6 |\n" +
			"规范性档案（行政机关制定发布、涉及公民法人或者其他组织权利义务、具有普遍约束力、在一定期限内反复适用的公文，以标题采用规定办法细则等字样者为主） | 4 | 3 | 27 |\n" +
			"第二十条第（五）项\n信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |\n" +
			"其他对外管理服务事项（指行政许可以外的政务服务事项，含行政确认、行政奖励、行政裁决、行政给付、行政检查、行政征收和其他类，以及公共服务事项） | 117 | -2 | 165 |\n"
		r := ReadText("t", text)
		wantCell(t, r, "active_2019.regulations.total_public", 6)
		wantCell(t, r, "active_2019.normative_docs.made", 4)
		wantCell(t, r, "active_2019.normative_docs.total_public", 27)
		wantCell(t, r, "active_2019.other_services.change", -2)
		wantCell(t, r, "active_2019.other_services.decisions", 165)
	})
	t.Run("appeals one group per row", func(t *testing.T) {
		text := "某局2022年政府信息公开工作年度报告\n四、政府信息公开行政复议、行政诉讼情况\n" +
			"结果维持 结果纠正 其他结果 尚未审结 总计\n行政复议 1 0 0 0 1\n未经复议直接起诉 0 0 0 2 2\n复议后起诉 0 0 0 0 0\n"
		r := ReadText("t", text)
		wantCell(t, r, "appeals.reconsideration.upheld", 1)
		wantCell(t, r, "appeals.litigation_direct.pending", 2)
		wantCell(t, r, "appeals.litigation_after.total", 0)
	})
	t.Run("repeated row with different figures is ambiguous", func(t *testing.T) {
		text := "某局2022年政府信息公开工作年度报告\n规章 1 0 1\n行政规范性文件 0 0 0\n行政许可 5\n规章 2 0 2\n"
		r := ReadText("t", text)
		if _, ok := cell(t, r, "active_2021.regulations.issued"); ok {
			t.Error("conflicting repeated row must stay blank")
		}
		found := false
		for _, f := range r.Findings {
			if f.Rule == ar.RuleAmbiguous && f.Cell == "active_2021.regulations.issued" {
				found = true
			}
		}
		if !found {
			t.Errorf("want an ambiguous finding, got %v", r.Findings)
		}
	})
	t.Run("short row is unreadable, not guessed", func(t *testing.T) {
		text := "某局2022年政府信息公开工作年度报告\n规章 1 0\n行政规范性文件 0 0 0\n行政许可 5\n"
		r := ReadText("t", text)
		for _, c := range []string{"issued", "repealed", "in_force"} {
			if _, ok := cell(t, r, "active_2021.regulations."+c); ok {
				t.Errorf("regulations.%s must be blank", c)
			}
		}
	})
	t.Run("row missing entirely", func(t *testing.T) {
		text := "某局2022年政府信息公开工作年度报告\n规章 1 0 1\n行政许可 5\n行政处罚 0\n行政强制 0\n行政事业性收费 0\n"
		r := ReadText("t", text)
		var got []string
		for _, f := range r.Findings {
			if f.Rule == ar.RuleMissingRow {
				got = append(got, f.Cell)
			}
			if f.Rule == ar.RuleBlankCell && strings.HasPrefix(f.Cell, "active_2021.normative_docs.") {
				t.Errorf("a missing row is reported once, not per cell: %v", f)
			}
		}
		if strings.Join(got, " ") != "active_2021.normative_docs.issued" {
			t.Errorf("missing_row findings %v", got)
		}
	})
	t.Run("label glued to figure, split header", func(t *testing.T) {
		text := "某局2021年政府信息公开工作年度报告\n第二十条\n第（五）项\n信息内容 本年处理决定数量\n行政许可3409\n行政处罚 1,025\n行政强制 —\n规章 0 0 0\n"
		r := ReadText("t", text)
		wantCell(t, r, "active_2021.licensing.decisions", 3409)
		wantCell(t, r, "active_2021.penalty.decisions", 1025)
		if _, ok := cell(t, r, "active_2021.enforcement.decisions"); ok {
			t.Error("— is a blank cell")
		}
	})
}

func TestHandHTML(t *testing.T) {
	page := `<html><head><title>某市某区民政局2022年政府信息公开工作年度报告-某区人民政府</title>
<script>document.write("<table><tr><td>行政许可</td><td>999</td></tr></table>")</script></head>
<body><div class="crumb">当前位置：首页 &gt; 政务公开 &gt; 年度报告</div>
<div class="title">某市某区民政局2022年政府信息公开工作年度报告</div>
<p>一、总体情况</p><p>2022年，我局共办理行政许可 25 件。</p>
<p>二、主动公开政府信息情况</p>
<table border=1>
<tr><td colspan=4>第二十条第（一）项</td>
<tr><td>信息内容<td>本年制发件数<td>本年废止件数<td>现行有效件数
<tr><td>规章<td>0<td>0<td>0
<tr><td>行政规范性文件<td>2<td>1<td>15
<tr><td colspan=4>第二十条第（五）项</td></tr>
<tr><td>信息内容</td><td colspan=3>本年处理决定数量</td></tr>
<tr><td>行政许可</td><td colspan=3><p class=MsoNormal><span>1,204</span></p></td></tr>
<tr><td colspan=4>第二十条第（六）项</td></tr>
<tr><td>信息内容</td><td colspan=3>本年处理决定数量</td></tr>
<tr><td>行政处罚</td><td colspan=3>&nbsp;</td></tr>
<tr><td>行政强制</td><td colspan=3>０</td></tr>
<tr><td colspan=4>第二十条第（八）项</td></tr>
<tr><td>信息内容</td><td colspan=3>本年收费金额（单位：万元）</td></tr>
<tr><td>行政事业性收费</td><td colspan=3>12.50</td></tr>
</table>
<p>四、政府信息公开行政复议、行政诉讼情况</p>
<table><tr><td colspan=5>行政复议</td><td colspan=10>行政诉讼</td></tr>
<tr><td rowspan=2>结果维持</td><td rowspan=2>结果纠正</td><td rowspan=2>其他结果</td><td rowspan=2>尚未审结</td><td rowspan=2>总计</td><td colspan=5>未经复议直接起诉</td><td colspan=5>复议后起诉</td></tr>
<tr><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td></tr>
<tr><td>1</td><td>0</td><td>0</td><td>1</td><td>2</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
</table><footer>网站标识码 1234 扫一扫在手机打开当前页</footer></body></html>`
	r := ReadText("p.html", page)
	if r.Agency != "某市某区民政局" || r.Year != 2022 || r.Format != ar.Format2021 {
		t.Errorf("meta %q %d %s", r.Agency, r.Year, r.Format)
	}
	wantCell(t, r, "active_2021.normative_docs.in_force", 15)
	wantCell(t, r, "active_2021.licensing.decisions", 1204)
	wantCell(t, r, "active_2021.enforcement.decisions", 0)
	wantCell(t, r, "active_2021.fees.amount_10k_yuan", 12.5)
	wantCell(t, r, "appeals.reconsideration.pending", 1)
	wantCell(t, r, "appeals.reconsideration.total", 2)
	if _, ok := cell(t, r, "active_2021.penalty.decisions"); ok {
		t.Error("&nbsp; cell is blank")
	}
	for _, f := range r.Findings {
		if f.Rule == ar.RuleAmbiguous {
			t.Errorf("the narrative 行政许可 25 件 and the script must not compete with the table: %v", f)
		}
	}
}

func TestMarkdownAndPre(t *testing.T) {
	md := "# 某局2022年政府信息公开工作年度报告\n\n## 二、主动公开政府信息情况\n\n| **第二十条第（五）项** | |\n| --- | --- |\n| 信息内容 | 本年处理决定数量 |\n| **行政许可** | 12 |\n| 行政处罚 |  |\n"
	r := ReadText("m.md", md)
	if r.Agency != "某局" || r.Year != 2022 {
		t.Errorf("meta %q %d", r.Agency, r.Year)
	}
	wantCell(t, r, "active_2021.licensing.decisions", 12)
	if _, ok := cell(t, r, "active_2021.penalty.decisions"); ok {
		t.Error("empty Markdown cell must be blank")
	}
	if strings.Join(r.Sections, "") != "二" {
		t.Errorf("sections %v", r.Sections)
	}
	pre := "<html><body><h1>某局2022年政府信息公开工作年度报告</h1><pre>行政许可\t12\n行政处罚\t3\n行政强制\t0\n</pre></body></html>"
	r = ReadText("p.html", pre)
	wantCell(t, r, "active_2021.penalty.decisions", 3)
}

func TestNarrativeIsNotATable(t *testing.T) {
	text := "某局2023年政府信息公开工作年度报告\n一、总体情况\n行政许可\n本年度共办理行政许可事项12件，行政处罚3件。\n" +
		"三、收到和处理政府信息公开申请情况\n本年新收政府信息公开申请数量为0件。\n"
	r := ReadText("n.txt", text)
	if r.Format != ar.FormatNarrative {
		t.Fatalf("format %s, cells %v", r.Format, r.Cells)
	}
}

func TestTransposedTables(t *testing.T) {
	var b strings.Builder
	b.WriteString("某局2022年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n信息内容 规章 行政规范性文件\n本年制发件数 0 2\n本年废止件数 0 1\n现行有效件数 3 15\n")
	b.WriteString("三、收到和处理政府信息公开申请情况\n")
	var rows []string
	for _, r := range ar.Tables(ar.Format2021)[1].Rows {
		rows = append(rows, r.Label)
	}
	b.WriteString("申请人 " + strings.Join(rows, " ") + "\n")
	cols := []string{"自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"}
	for k, c := range cols {
		b.WriteString(c)
		for i := range rows {
			v := "0"
			switch {
			case i == 0 && (k == 0 || k == 6): // 一、本年新收: one from a natural person
				v = "1"
			case i == 2 && (k == 0 || k == 6): // （一）予以公开
				v = "1"
			case i == len(rows)-2 && (k == 0 || k == 6): // （七）总计
				v = "1"
			}
			b.WriteString(" " + v)
		}
		b.WriteString("\n")
	}
	b.WriteString("四、政府信息公开行政复议、行政诉讼情况\n结果维持 结果纠正 其他结果 尚未审结 总计\n行政复议 0 0 0 0 0\n未经复议直接起诉 0 0 0 0 0\n复议后起诉 0 0 0 0 0\n")
	r := ReadText("t", b.String())
	wantCell(t, r, "active_2021.regulations.in_force", 3)
	wantCell(t, r, "active_2021.normative_docs.issued", 2)
	wantCell(t, r, "active_2021.normative_docs.in_force", 15)
	wantCell(t, r, "applications.new.natural_person", 1)
	wantCell(t, r, "applications.granted.total", 1)
	wantCell(t, r, "applications.total.total", 1)
	wantCell(t, r, "applications.carried_out.other_org", 0)
	for _, f := range r.Findings {
		if strings.HasPrefix(f.Rule, "table3") || f.Rule == ar.RuleUnreadable || f.Rule == ar.RuleAmbiguous {
			t.Errorf("unexpected finding %v", f)
		}
	}
}

func TestAgencyFallbacks(t *testing.T) {
	r := ReadText("a", "发布机构：某县自然资源局 发布日期：2024-01-20\n2023年政府信息公开工作年度报告\n\n一、总体情况\n本年度……\n")
	if r.Agency != "某县自然资源局" || r.Year != 2023 {
		t.Errorf("fields: %q %d", r.Agency, r.Year)
	}
	r = ReadText("b", "政府信息公开工作年度报告\n\n一、总体情况\n2023年，我局认真落实。\n六、其他需要报告的事项\n无。\n某县司法局\n2024年1月20日\n")
	if r.Agency != "某县司法局" || r.Year != 2023 {
		t.Errorf("signature: %q %d", r.Agency, r.Year)
	}
}

// The 2015–2018 national statistics table, written by hand in its usual layout.
func TestLegacy2016Template(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "hand", "legacy_2016_template.txt"))
	if err != nil {
		t.Fatal(err)
	}
	r := Read("l", data)
	if r.Format != ar.FormatLegacy || r.Year != 2016 || r.Agency != "某县人民政府办公室" {
		t.Fatalf("meta %q %d %s", r.Agency, r.Year, r.Format)
	}
	for id, want := range map[string]float64{
		"legacy.active_total.count": 1250, "legacy.website_items.count": 1200, "legacy.applications.count": 18,
		"legacy.applications_online.count": 12, "legacy.reconsideration_upheld.count": 1, "legacy.litigation_other.count": 1,
		"legacy.litigation_corrected.count": 0, "legacy.budget_10k_yuan.amount_10k_yuan": 2.5, "legacy.staff_part_time.count": 2,
	} {
		wantCell(t, r, id, want)
	}
	if len(r.Findings) != 0 {
		t.Errorf("findings %v", r.Findings)
	}
}

func TestTitleVariants(t *testing.T) {
	cases := []struct {
		text, agency string
		year         int
	}{
		{"某市生态环境局2023年政府信息公开工作年度报告\n正文", "某市生态环境局", 2023},
		{"某市生态环境局2023年度政府信息公开工作年度报告", "某市生态环境局", 2023},
		{"2023年度某市生态环境局政府信息公开工作年度报告", "某市生态环境局", 2023},
		{"某市生态环境局关于2023年度政府信息公开工作年度报告", "某市生态环境局", 2023},
		{"【某市生态环境局】2023年政府信息公开工作年度报告", "某市生态环境局", 2023},
		{"某市生态环境局政府信息公开工作年度报告（2023年度）", "某市生态环境局", 2023},
		{"首页 > 政务公开 > 年度报告\n某市生态环境局 2023 年政府信息公开工作年度报告", "某市生态环境局", 2023},
		{"当前位置：首页 → 信息公开 → 政府信息公开工作年度报告\n某县人民政府\n\n2022年政府信息公开工作年度报告", "某县人民政府", 2022},
	}
	for _, c := range cases {
		r := ReadText("t", c.text)
		if r.Agency != c.agency || r.Year != c.year {
			t.Errorf("%q: got %q %d, want %q %d", c.text, r.Agency, r.Year, c.agency, c.year)
		}
	}
}

// TestUnknownTableIsNotNarrative: a report with a statistics table of its own making (no
// statutory labels) is not "text only": the reader says it could not read the table.
func TestUnknownTableIsNotNarrative(t *testing.T) {
	var b strings.Builder
	b.WriteString("某县民政局2015年政府信息公开工作年度报告\n一、概述\n2015年，我局认真贯彻《条例》。\n附表\n指标名称\n| 计量单位\n| 代码\n| 本期实际\n| 本年累计\n|\n")
	for k, label := range []string{"网站专栏访问量", "现场接待人数", "网上咨询数", "咨询电话接听数", "公开目录条数", "公开指南份数", "查阅场所数", "培训人次", "检查次数"} {
		fmt.Fprintf(&b, "%s\n| 条\n| %02d\n| %d\n| %d\n|\n", label, k+1, k*3, k*7)
	}
	r := ReadText("t", b.String())
	if len(r.Findings) == 0 || r.Findings[0].Rule != ar.RuleUnreadable || !strings.Contains(r.Findings[0].Message, "表格格式无法识别") {
		t.Errorf("findings %+v", r.Findings)
	}
	for id, v := range r.Cells {
		if v != nil {
			t.Errorf("%s read from an unknown table: %v", id, *v)
		}
	}
}
