package reader

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestStripTitleMarks: stripTitleMarks removes what a strings.Replacer of the same
// marks with "" removes, invalid UTF-8 included.
func TestStripTitleMarks(t *testing.T) {
	r := strings.NewReplacer("\t", "", " ", "", "\u3000", "", "《", "", "》", "", "#", "", "*", "")
	rng := rand.New(rand.NewPCG(3, 4))
	pieces := []string{"\t", " ", "\u3000", "《", "》", "#", "*", "a", "关", "\xe3", "\xe3\x80", "\x80", "\x8a", "〔", "、"}
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		for n := rng.IntN(12); n > 0; n-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		if got, want := stripTitleMarks(b.String()), r.Replace(b.String()); got != want {
			t.Fatalf("%q: %q, want %q", b.String(), got, want)
		}
	}
}

func TestAgencyAndYearFromPage(t *testing.T) {
	const body = "\n一、总体情况\n2022年，我局认真贯彻落实《条例》。\n六、其他需要报告的事项\n无。\n"
	cases := []struct {
		name, text, agency string
		year               int
	}{
		{"source field with date glued", "首页 > 政务公开 > 年度报告\n来源：某区民政局发布时间：2023-01-20\n2022年政府信息公开工作年度报告" + body, "某区民政局", 2022},
		{"publishing agency field", "[ 发布机构 ] | 某县自然资源局 | [ 发文日期 ] | 2023-01-26 |\n政府信息公开工作年度报告" + body, "某县自然资源局", 2022},
		{"source is the site", "来源：本网 发布时间：2023-01-20\n2022年政府信息公开工作年度报告" + body, "", 2022},
		{"intro publishes the report", "2022年政府信息公开工作年度报告\n根据《中华人民共和国政府信息公开条例》规定，现公布某市某区教育局2022年度政府信息公开工作年度报告。" + body, "某市某区教育局", 2022},
		{"intro names 我局", "2022年度政府信息公开工作年度报告\n2022年，某区财政局（以下简称“我局”）坚持以习近平新时代中国特色社会主义思想为指导。" + body, "某区财政局", 2022},
		{"intro says who compiled it", "2022年政府信息公开工作年度报告\n本报告由某县交通运输局根据《中华人民共和国政府信息公开条例》要求编制。" + body, "某县交通运输局", 2022},
		{"signature before page chrome", "政府信息公开工作年度报告" + body + "某县司法局\n2023年1月20日\n\n扫一扫在手机打开当前页\n打印本页 关闭窗口\n", "某县司法局", 2022},
		{"signature and date on one line", "2022年政府信息公开工作年度报告" + body + "某县司法局　2023年1月20日\n", "某县司法局", 2022},
		{"site name above the title disagrees with the signature", "某区人民政府\n2022年政府信息公开工作年度报告" + body + "某区民政局\n2023年1月20日\n", "", 2022},
		{"site name above the title, agency in the intro agrees", "某区民政局\n2022年政府信息公开工作年度报告\n现公布某市某区民政局2022年政府信息公开工作年度报告。" + body, "某市某区民政局", 2022},
		{"breadcrumb", "当前位置：首页 > 部门信息公开 > 某区民政局 > 年度报告\n2022年度政府信息公开工作年度报告" + body, "某区民政局", 2022},
		{"breadcrumb without an agency", "当前位置：首页 > 政务公开 > 年度报告\n2022年度政府信息公开工作年度报告" + body, "", 2022},
		{"publishing unit field", "发布单位：某县水务局　　发布日期：2023-02-01\n2022年政府信息公开工作年度报告" + body, "某县水务局", 2022},
		{"year in Chinese numerals", "某县民政局二〇二二年政府信息公开工作年度报告" + body, "某县民政局", 2022},
		{"year in Chinese numerals with 零", "某县民政局二零二二年度政府信息公开工作年度报告" + body, "某县民政局", 2022},
		{"plans for the next year outnumber the report year", "某县民政局政府信息公开工作年度报告\n发布日期：2023-01-15\n一、总体情况\n2022年，我局认真落实。2023年，我局将加强培训。2023年，我局将完善制度。2023年，我局将强化监督。\n", "某县民政局", 2022},
		{"statistics period in the introduction", "政府信息公开工作年度报告\n本报告所列数据的统计期限为2024年1月1日至2024年12月31日。\n一、总体情况\n2025年，我局将加强培训。2025年，我局将完善制度。\n", "", 2024},
		{"statistics period without the second year", "政府信息公开工作年度报告\n本报告所列数据统计时限为2023年1月1日至12月31日。\n一、总体情况\n", "", 2023},
		{"statistics period 起到 止", "政府信息公开工作年度报告\n所列数据统计期限自2023年1月1日起到2023年12月31日止。\n一、总体情况\n", "", 2023},
		{"a period over two years is not a report year", "政府信息公开工作年度报告\n统计期限为2022年1月1日至2023年12月31日。\n一、总体情况\n", "", 0},
		{"only the publication year is written", "某县民政局政府信息公开工作年度报告\n发布日期：2024-01-15\n一、总体情况\n2024年，我局将加强培训。2024年，我局将完善制度。\n", "某县民政局", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := ReadText("m", c.text)
			if r.Agency != c.agency || r.Year != c.year {
				t.Errorf("got %q %d, want %q %d", r.Agency, r.Year, c.agency, c.year)
			}
		})
	}
}

func TestLooksAgency(t *testing.T) {
	for s, want := range map[string]bool{
		"某区民政局": true, "某市某区人民政府办公室": true, "某县人民政府": true, "某街道办事处": true, "某区卫健委": true,
		"本网": false, "某区人民政府门户网站": false, "政府信息公开年报": false, "打印本页": false, "2023年1月": false, "某": false,
	} {
		if got := looksAgency(s); got != want {
			t.Errorf("looksAgency(%q) = %v", s, got)
		}
	}
}
