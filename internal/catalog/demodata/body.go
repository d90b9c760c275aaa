package demodata

import (
	"fmt"
	"html"
	"math/rand/v2"
	"strings"
	"time"
)

// writer builds the text of one item.
type writer struct {
	rng    *rand.Rand
	a      Agency
	title  string
	core   string // the subject of the title, e.g. the picked X
	topic  string
	day    time.Time
	penalN string
}

func (w *writer) pick(xs ...string) string { return xs[w.rng.IntN(len(xs))] }

func p(s string) string { return "<p>" + html.EscapeString(s) + "</p>" }
func h(s string) string { return "<h3>" + html.EscapeString(s) + "</h3>" }

func cnDate(t time.Time) string { return fmt.Sprintf("%d年%d月%d日", t.Year(), t.Month(), t.Day()) }

func (w *writer) salutation() string {
	switch w.a.Kind {
	case Health:
		return "各镇（街道）卫生院、社区卫生服务中心，区直各医疗卫生单位："
	case MedicalSecurity:
		return "各定点医药机构，各镇（街道）医疗保障工作站："
	}
	return "各镇人民政府、街道办事处，区政府各工作部门、各直属机构："
}

func (w *writer) field() string {
	switch w.a.Kind {
	case Health:
		return "卫生健康"
	case MedicalSecurity:
		return "医疗保障"
	}
	return "政务公开"
}

// write returns the summary (内容概述) and the body HTML.
func (w *writer) write(style bodyStyle, penalty bool) (string, string) {
	var b strings.Builder
	var summary string
	switch style {
	case styleNotice:
		b.WriteString(p(w.salutation()))
		if strings.Contains(w.title, "印发《") {
			summary = "印发《" + w.core + "》，请各单位结合实际认真贯彻执行。"
			b.WriteString(p(fmt.Sprintf("为深入贯彻落实%s有关要求，进一步提升%s工作规范化水平，%s制定了《%s》，现印发给你们，请结合实际，认真贯彻执行。",
				w.pick("国家和省、市", "上级部门", "区委、区政府"), w.field(), w.a.Name, w.core)))
		} else {
			summary = "部署" + w.core + "相关工作，明确工作任务、时间安排和保障措施。"
			b.WriteString(p(fmt.Sprintf("为%s，根据%s，结合我区实际，现就%s有关事项通知如下：",
				w.pick("切实保障人民群众合法权益", "进一步做好"+w.field()+"各项工作", "推动各项工作任务落地见效"),
				w.pick("上级部门有关文件精神", "国家和省、市有关规定", "区委、区政府工作部署"), w.core)))
			sections := []string{"一、提高思想认识", "二、明确工作任务", "三、强化工作保障", "四、加强督导检查"}
			texts := []string{
				"各单位要充分认识做好此项工作的重要意义，切实加强组织领导，明确分管领导和具体责任人，确保各项工作有序推进。",
				"各单位要对照工作要求，细化工作措施，明确时间节点，逐项抓好落实，并于每季度末将工作进展情况报送" + w.a.Name + "。",
				"要统筹安排人员和经费，加强业务培训，完善工作制度，做好政策宣传和解释工作，及时回应群众关切。",
				"将适时组织督导检查，对工作推进不力、措施落实不到位的单位予以通报，督导检查结果纳入年度目标考核。",
			}
			for i, s := range sections {
				b.WriteString(p(s))
				b.WriteString(p(texts[i]))
			}
		}
		b.WriteString(p(w.a.Name))
		b.WriteString(p(cnDate(w.day)))
	case styleNews:
		summary = w.a.Name + w.core + "。"
		lead := w.pick("局党组书记、局长出席并讲话。", "局分管负责同志参加活动。", "各相关股室负责同志参加。")
		if w.a.Kind == OpenOffice {
			lead = w.pick("区政府办公室主任出席并讲话。", "区政府办公室分管负责同志参加。", "区级各部门政务公开工作负责同志参加。")
		}
		b.WriteString(p(fmt.Sprintf("%d月%d日，%s%s。%s", w.day.Month(), w.day.Day(), w.a.Name, w.core, lead)))
		b.WriteString(p(fmt.Sprintf("%s，工作人员通过%s等方式，向群众宣传%s相关政策和知识，%s。",
			w.pick("活动中", "会上", "现场"),
			w.pick("发放宣传资料、现场讲解、解答咨询", "集中授课、案例分析、交流讨论", "悬挂横幅、设置咨询台、播放宣传片"),
			w.field(), w.pick("受到群众广泛欢迎", "取得良好效果", "进一步提升了群众的知晓率"))))
		b.WriteString(p(fmt.Sprintf("据统计，本次活动共发放宣传资料%d余份，接受群众咨询%d人次。", 100*(w.rng.IntN(20)+3), w.rng.IntN(400)+50)))
		b.WriteString(p(fmt.Sprintf("下一步，%s将%s，持续推动%s工作高质量发展。", w.a.Name,
			w.pick("进一步健全长效机制", "持续加大宣传力度", "巩固工作成效"), w.field())))
	case styleNotice2:
		if penalty {
			summary = "公示行政处罚决定信息。"
			b.WriteString(p("根据《中华人民共和国行政处罚法》和行政执法公示制度的有关规定，现将行政处罚决定信息公示如下："))
			b.WriteString("<table><tr><th>行政处罚决定书文号</th><th>当事人</th><th>违法事实</th><th>处罚依据</th><th>处罚结果</th><th>作出处罚决定日期</th></tr>")
			fine := 1000 * (w.rng.IntN(29) + 1)
			b.WriteString(fmt.Sprintf("<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>警告，罚款人民币%d元</td><td>%s</td></tr></table>",
				html.EscapeString(w.penalN), html.EscapeString(w.subject()), html.EscapeString(w.core),
				w.pick("《医疗机构管理条例》", "《医疗废物管理条例》", "《公共场所卫生管理条例实施细则》", "《医疗保障基金使用监督管理条例》"), fine, cnDate(w.day)))
			b.WriteString(p("当事人已履行处罚决定。"))
		} else {
			subject := noticeSubject(w.title)
			summary = "公布" + subject + "。"
			b.WriteString(p(fmt.Sprintf("根据有关规定，现将%s予以公布。", subject)))
			n := w.rng.IntN(4) + 2
			b.WriteString("<table><tr><th>序号</th><th>事项</th><th>结果</th></tr>")
			for i := 1; i <= n; i++ {
				b.WriteString(fmt.Sprintf("<tr><td>%d</td><td>%s</td><td>%s</td></tr>", i,
					w.pick("申请事项已受理", "材料审查", "现场核查", "审核办理", "结果确认"), w.pick("符合要求", "准予办理", "已办结", "通过")))
			}
			b.WriteString("</table>")
			b.WriteString(p(fmt.Sprintf("公示期为%s个工作日。公示期间如有异议，请以书面形式向%s反映。", w.pick("5", "7"), w.a.Name)))
		}
		b.WriteString(p(w.a.Name))
		b.WriteString(p(cnDate(w.day)))
	case styleReport:
		summary = w.core + "。"
		for _, s := range []string{"一、基本情况", "二、主要工作", "三、存在的问题", "四、下一步工作"} {
			b.WriteString(h(s))
			switch s {
			case "一、基本情况":
				b.WriteString(p(fmt.Sprintf("%s按照区委、区政府的统一部署，围绕%s中心工作，%s。", w.a.Name, w.field(),
					w.pick("认真履行职责，各项工作稳步推进", "扎实推进各项重点任务", "切实加强规范管理"))))
			case "二、主要工作":
				b.WriteString(p(fmt.Sprintf("一是%s；二是%s；三是%s。",
					w.pick("加强组织领导，健全工作机制", "完善制度建设，规范工作流程"),
					w.pick("突出重点领域，抓好任务落实", "强化监督检查，确保资金安全"),
					w.pick("加强队伍建设，提升服务能力", "注重宣传引导，回应社会关切"))))
			case "三、存在的问题":
				b.WriteString(p(w.pick("工作人员力量相对薄弱，业务能力有待进一步提升。", "部分工作信息化水平不高，工作效率有待提高。", "宣传引导的方式方法还需进一步创新。")))
			default:
				b.WriteString(p(fmt.Sprintf("下一步，%s将坚持问题导向，%s，推动各项工作取得新成效。", w.a.Name, w.pick("补齐短板弱项", "狠抓工作落实", "持续改进作风"))))
			}
		}
	case styleReading:
		summary = "对《" + w.core + "》的制定背景、主要内容和适用范围进行解读。"
		b.WriteString(h("一、制定背景"))
		b.WriteString(p(fmt.Sprintf("为进一步规范%s工作，根据国家和省、市有关规定，结合我区实际，制定《%s》。", w.field(), w.core)))
		b.WriteString(h("二、主要内容"))
		b.WriteString(p(fmt.Sprintf("《%s》共%s章%d条，主要包括总则、职责分工、工作程序、监督管理和附则等内容。", w.core, w.pick("五", "六", "七"), w.rng.IntN(20)+18)))
		b.WriteString(h("三、适用范围"))
		b.WriteString(p("本办法适用于本区行政区域内的相关工作。"))
		b.WriteString(h("四、解读机关"))
		b.WriteString(p(w.a.Name + "办公室"))
	}
	return summary, b.String()
}

func (w *writer) subject() string {
	for _, s := range []string{"某口腔诊所", "某美容服务部", "某诊所", "某宾馆", "某游泳馆", "某门诊部", "某药店", "某医院", "某卫生院", "某药房"} {
		if strings.HasPrefix(w.core, s) {
			return s
		}
	}
	return "某单位"
}

// noticeSubject is what an announcement title announces: the title without the trailing
// 公示/公告 and batch number.
func noticeSubject(title string) string {
	s := title
	if i := strings.LastIndex(s, "（第"); i > 0 && strings.HasSuffix(s, "批）") {
		s = s[:i]
	}
	for _, suf := range []string{"的公示", "公示", "的公告", "公告", "公开"} {
		if strings.HasSuffix(s, suf) && len(s) > len(suf) {
			return strings.TrimSuffix(s, suf)
		}
	}
	return s
}
