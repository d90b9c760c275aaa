package web

import (
	"fmt"
	"html/template"
	"net/http"
	"strings"

	"gongkai/internal/agency"
)

// The 政府信息公开指南 is plain text with a few marks, so that an administrator can edit it in
// a text box and nothing they type can become markup:
//
//	# 标题 or ## 标题   a section heading (shown as h2; the page title is the h1)
//	### 标题           a sub-heading (h3)
//	- 事项 or * 事项    an item of a bulleted list
//	(blank line)       ends a paragraph; lines of one paragraph are kept as line breaks
//
// Text is always escaped; http(s) addresses are not turned into links.

// renderGuide turns guide text into safe HTML.
func renderGuide(src string) template.HTML {
	var b strings.Builder
	var para []string
	inList := false
	flushPara := func() {
		if len(para) > 0 {
			b.WriteString("<p>")
			for i, l := range para {
				if i > 0 {
					b.WriteString("<br>")
				}
				b.WriteString(template.HTMLEscapeString(l))
			}
			b.WriteString("</p>\n")
			para = nil
		}
	}
	closeList := func() {
		if inList {
			b.WriteString("</ul>\n")
			inList = false
		}
	}
	for _, raw := range strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n") {
		line := strings.TrimRight(raw, " \t\u3000")
		trim := strings.TrimLeft(line, " \t")
		switch {
		case trim == "":
			flushPara()
			closeList()
		case strings.HasPrefix(trim, "### "):
			flushPara()
			closeList()
			b.WriteString("<h3>" + template.HTMLEscapeString(strings.TrimSpace(trim[4:])) + "</h3>\n")
		case strings.HasPrefix(trim, "## ") || strings.HasPrefix(trim, "# "):
			flushPara()
			closeList()
			b.WriteString("<h2>" + template.HTMLEscapeString(strings.TrimSpace(strings.TrimLeft(trim, "#"))) + "</h2>\n")
		case strings.HasPrefix(trim, "- ") || strings.HasPrefix(trim, "* "):
			flushPara()
			if !inList {
				b.WriteString("<ul>\n")
				inList = true
			}
			b.WriteString("<li>" + template.HTMLEscapeString(strings.TrimSpace(trim[2:])) + "</li>\n")
		default:
			closeList()
			para = append(para, trim)
		}
	}
	flushPara()
	closeList()
	return template.HTML(b.String())
}

// defaultGuide is the guide of an agency that has not written its own, built from its office
// details and the rules of the 条例.
func defaultGuide(a agency.Agency) string {
	office := a.OfficeName
	if office == "" {
		office = a.Name + "办公室"
	}
	or := func(v, dflt string) string {
		if strings.TrimSpace(v) == "" {
			return dflt
		}
		return v
	}
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	p("为了更好地提供政府信息公开服务，保障公民、法人和其他组织依法获取政府信息，根据《中华人民共和国政府信息公开条例》（以下简称《条例》），编制本指南。")
	p("")
	p("## 一、主动公开")
	p("### （一）公开范围")
	p("本机关按照《条例》第十九条、第二十条的规定，主动公开涉及公众利益调整、需要公众广泛知晓或者需要公众参与决策的政府信息，具体内容见本机关政府信息公开目录。")
	p("### （二）公开方式")
	p("主动公开的政府信息通过本平台“政府信息公开目录”发布，可按主题分类、发布年份浏览，也可通过全文检索查询。")
	p("### （三）公开时限")
	p("属于主动公开范围的政府信息，自该政府信息形成或者变更之日起20个工作日内予以公开（《条例》第二十六条）。")
	p("")
	p("## 二、依申请公开")
	p("### （一）受理机构")
	p("- 机构名称：%s", office)
	p("- 办公地址：%s", or(a.OfficeAddress, "（未填写）"))
	p("- 邮政编码：%s", or(a.OfficePostcode, "（未填写）"))
	p("- 联系电话：%s", or(a.OfficePhone, "（未填写）"))
	p("- 办公时间：%s", or(a.OfficeHours, "法定工作日"))
	p("- 电子邮箱：%s", or(a.OfficeEmail, "（未填写）"))
	p("")
	p("### （二）申请方式")
	p("申请人可以通过本平台在线提交申请，也可以采用信函、传真、当面提交等书面形式提出申请；采用书面形式确有困难的，可以口头提出，由受理机构代为填写政府信息公开申请（《条例》第二十九条）。")
	p("### （三）申请内容")
	p("- 申请人的姓名或者名称、身份证明、联系方式；")
	p("- 申请公开的政府信息的名称、文号或者便于行政机关查询的其他特征性描述；")
	p("- 申请公开的政府信息的形式要求，包括获取信息的方式、途径。")
	p("")
	p("### （四）答复期限")
	p("能够当场答复的，当场予以答复；不能当场答复的，自收到申请之日起20个工作日内予以答复。需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不得超过20个工作日（《条例》第三十三条）。征求第三方和其他机关意见所需时间不计算在前述期限内。")
	p("### （五）收费")
	p("依申请提供政府信息，不收取费用。申请人申请公开政府信息的数量、频次明显超过合理范围的，可以收取信息处理费（《条例》第四十二条），按照《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）按件计收或者按量计收。")
	p("")
	p("## 三、监督和救济")
	p("公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼（《条例》第五十一条）。")
	p("")
	p("## 四、政府信息公开工作年度报告")
	p("本机关每年1月31日前公布上一年度政府信息公开工作年度报告（《条例》第四十九条），可在本平台查阅。")
	return b.String()
}

func (s *Server) portalGuide(w http.ResponseWriter, r *http.Request) error {
	a, err := s.agencyFromPath(r)
	if err != nil {
		return err
	}
	g, ok, err := s.db.Guides().Get(r.Context(), a.ID)
	if err != nil {
		return err
	}
	body := g.Body
	if !ok {
		body = defaultGuide(a)
	}
	return s.render(w, r, "portal/guide.html", map[string]any{"Agency": a, "Body": renderGuide(body), "Guide": g, "Saved": ok})
}
