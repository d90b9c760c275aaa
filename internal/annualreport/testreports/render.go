package testreports

import (
	"fmt"
	"html"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"

	"github.com/longbridgeapp/opencc"
	"golang.org/x/text/encoding/simplifiedchinese"

	ar "gongkai/internal/annualreport"
)

// Style is a layout of the tables.
type Style int

const (
	TabLines  Style = iota // every cell on its own tab-indented line, empty line after a row (seed 004)
	PipeLines              // "| label" then "|" and each figure on its own line (seed 003)
	PipeRuns               // "cell |" per line, runs of "||||" after a row (seed 000)
	RowSpaces              // one row per line, cells separated by spaces
	RowTabs                // one row per line, tab-separated
	RowPipes               // one row per line, "a|b|c"
	Markdown               // Markdown table rows with a separator line
	HTML                   // <table> with colspan
	WordHTML               // Word-exported HTML: MsoNormal paragraphs and spans in cells, &nbsp; blanks
	PDFLines               // text copied from a PDF: one cell per line, long labels broken over two lines
	numStyles
)

var styleNames = []string{"tab-lines", "pipe-lines", "pipe-runs", "row-spaces", "row-tabs", "row-pipes", "markdown", "html", "word-html", "pdf-lines"}

func (s Style) String() string {
	if s >= 0 && int(s) < len(styleNames) {
		return styleNames[s]
	}
	return "style-" + strconv.Itoa(int(s))
}

// Options choose the layout and the damage of one rendering.
type Options struct {
	Style        Style
	FullWidth    bool   // figures in full-width digits
	Indent       bool   // figures indented with ideographic spaces ("　　0")
	Commas       bool   // thousands separators
	Blank        string // mark printed in a blank cell where the layout needs one ("—", "/", "-", "无")
	CRLF         bool
	BOM          bool
	GBK          bool
	Chrome       bool // site navigation, font-size switch, QR-code line
	Traditional  bool // traditional characters with pinyin after some of them
	RepeatHeader bool // table 三's header printed again mid-table (a page break)
	Remarks      bool // an extra 备注 column, empty
	NoNumbering  bool // section headings without 二、三、四
	TitleStyle   int  // 0 agency+year in one line, 1 agency on its own line, 2 关于, 3 year first
	Drop         bool // damage: one figure cell missing from the output
	DropRow      bool // damage: one whole row of figures missing from the output
	Merge        int  // damage: this many line breaks removed at random
	Transpose    bool // table 三 and the first block of table 二 turned on their side (row layouts only)
	BareBlank    bool // PipeRuns: a blank cell is a line holding only "|", not a blank mark
}

// RandomOptions picks a random layout and decoration, without damage.
func RandomOptions(rng *rand.Rand) Options {
	blanks := []string{"—", "/", "-", "无", "——"}
	return Options{
		Style:        Style(rng.IntN(int(numStyles))),
		FullWidth:    rng.IntN(5) == 0,
		Indent:       rng.IntN(4) == 0,
		Commas:       rng.IntN(3) == 0,
		Blank:        blanks[rng.IntN(len(blanks))],
		CRLF:         rng.IntN(5) == 0,
		BOM:          rng.IntN(6) == 0,
		GBK:          rng.IntN(6) == 0,
		Chrome:       rng.IntN(2) == 0,
		Traditional:  rng.IntN(12) == 0,
		RepeatHeader: rng.IntN(6) == 0,
		Remarks:      rng.IntN(6) == 0,
		NoNumbering:  rng.IntN(4) == 0,
		TitleStyle:   rng.IntN(4),
		Transpose:    rng.IntN(10) == 0,
		BareBlank:    rng.IntN(2) == 0,
	}
}

// Rendered is one synthetic file and what damage was done to it.
type Rendered struct {
	Data       []byte
	Dropped    string   // the cell id left out, when Options.Drop
	DroppedRow []string // the cells of the row left out, when Options.DropRow
}

// Render prints r in the layout and with the damage of o.
func Render(rng *rand.Rand, r *ar.Report, o Options) Rendered {
	if o.Transpose {
		o.Remarks, o.RepeatHeader = false, false
	}
	w := &writer{o: o, rng: rng}
	grid := ar.Grid(r)
	if o.Drop {
		w.dropCell = pickValueCell(rng, grid)
	}
	var droppedRow []string
	if o.DropRow {
		grid, droppedRow = dropRow(rng, grid)
	}
	w.report(r, grid)
	s := w.b.String()
	if o.Merge > 0 {
		s = mergeLines(rng, s, o.Merge)
	}
	if o.Traditional {
		s = traditional(s)
	}
	if o.CRLF {
		s = strings.ReplaceAll(s, "\n", "\r\n")
	}
	data := []byte(s)
	if o.GBK {
		if enc, err := simplifiedchinese.GBK.NewEncoder().Bytes(data); err == nil {
			data = enc
		}
	} else if o.BOM {
		data = append([]byte{0xEF, 0xBB, 0xBF}, data...)
	}
	return Rendered{Data: data, Dropped: w.dropCell, DroppedRow: droppedRow}
}

// dropRow removes one row that carries figures (not table 四's single data row).
func dropRow(rng *rand.Rand, grid []ar.GridTable) ([]ar.GridTable, []string) {
	type at struct{ t, r int }
	var rows []at
	for ti, t := range grid {
		if t.ID == ar.TableAppeals {
			continue
		}
		for ri, row := range t.Rows {
			if !isHeader(row) {
				rows = append(rows, at{ti, ri})
			}
		}
	}
	if len(rows) == 0 {
		return grid, nil
	}
	p := rows[rng.IntN(len(rows))]
	out := append([]ar.GridTable(nil), grid...)
	t := out[p.t]
	var ids []string
	for _, c := range t.Rows[p.r] {
		if c.Value {
			ids = append(ids, c.Cell)
		}
	}
	t.Rows = append(append([]ar.GridRow(nil), t.Rows[:p.r]...), t.Rows[p.r+1:]...)
	out[p.t] = t
	return out, ids
}

func pickValueCell(rng *rand.Rand, grid []ar.GridTable) string {
	var ids []string
	for _, t := range grid {
		for _, row := range t.Rows {
			for _, c := range row {
				if c.Value && c.Text != "" {
					ids = append(ids, c.Cell)
				}
			}
		}
	}
	if len(ids) == 0 {
		return ""
	}
	return ids[rng.IntN(len(ids))]
}

type writer struct {
	b        strings.Builder
	o        Options
	rng      *rand.Rand
	dropCell string
}

func (w *writer) html() bool { return w.o.Style == HTML || w.o.Style == WordHTML }

func (w *writer) line(s string) {
	if w.html() {
		w.b.WriteString("<p>" + html.EscapeString(s) + "</p>\n")
		return
	}
	w.b.WriteString(s)
	w.b.WriteByte('\n')
}

func (w *writer) heading(num, title string) {
	if w.o.NoNumbering && num != "一" && num != "五" && num != "六" {
		w.line(title)
		return
	}
	w.line(num + "、" + title)
}

func (w *writer) report(r *ar.Report, grid []ar.GridTable) {
	if w.html() {
		w.b.WriteString("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + html.EscapeString(ar.Title(r)) + "</title>\n")
		w.b.WriteString("<style>td{border:1px solid #000}</style><script>var x = '<table><tr><td>1</td></tr></table>';</script></head><body>\n")
		if w.o.Chrome {
			w.b.WriteString("<nav><a href=\"/\">首页</a> &gt; <a>信息公开</a> &gt; 年度报告 1 2 3</nav>\n<div class=\"font\">字号：<a>大</a> <a>中</a> <a>小</a></div>\n")
		}
	} else if w.o.Chrome {
		w.line("首页 > 政府信息公开 > 年度报告")
		w.line("字号：[ 大 中 小 ]")
		w.line("发布时间：" + strconv.Itoa(r.Year+1) + "-01-20 浏览次数：1024")
	}
	year := strconv.Itoa(r.Year)
	switch w.o.TitleStyle {
	case 1:
		w.line(r.Agency)
		w.line("")
		w.line(year + "年政府信息公开工作年度报告")
	case 2:
		w.line(r.Agency + "关于" + year + "年度政府信息公开工作年度报告")
	case 3:
		w.line(year + "年度" + r.Agency + "政府信息公开工作年度报告")
	default:
		w.line(ar.Title(r))
	}
	w.heading("一", "总体情况")
	w.line(year + "年，" + r.Agency + "认真贯彻落实《中华人民共和国政府信息公开条例》，全年主动公开政府信息" + strconv.Itoa(100+w.rng.IntN(900)) + "条。")
	w.line("（一）主动公开。按照第二十条规定，及时公开行政许可、行政处罚等信息，共计" + strconv.Itoa(w.rng.IntN(99)) + "项。")
	w.line("（二）依申请公开。严格按照《条例》办理。")
	w.narrative(2 + w.rng.IntN(8))
	titles := map[string]string{
		ar.TableActive2019: "主动公开政府信息情况", ar.TableActive2021: "主动公开政府信息情况",
		ar.TableApplications: "收到和处理政府信息公开申请情况", ar.TableAppeals: "政府信息公开行政复议、行政诉讼情况",
	}
	nums := map[string]string{ar.TableActive2019: "二", ar.TableActive2021: "二", ar.TableApplications: "三", ar.TableAppeals: "四"}
	for _, t := range grid {
		w.heading(nums[t.ID], titles[t.ID])
		w.table(t)
	}
	w.heading("五", "存在的主要问题及改进情况")
	w.line("一是公开的深度和广度不够；二是工作人员力量薄弱。下一步，我们将进一步加强培训。")
	w.narrative(1 + w.rng.IntN(4))
	w.heading("六", "其他需要报告的事项")
	w.line("本年度未收取信息处理费。")
	if w.html() {
		if w.o.Chrome {
			w.b.WriteString("<footer>主办：某某区人民政府办公室 网站标识码1234567890 <script>track()</script></footer>\n")
		}
		w.b.WriteString("</body></html>\n")
	} else if w.o.Chrome {
		w.line("扫一扫在手机打开当前页")
		w.line("【打印本页】 【关闭窗口】")
	}
}

// sentences are narrative of the kind reports carry around their tables, some with
// figures and statutory words in them that must not be read as cells.
var sentences = []string{
	"我局高度重视政府信息公开工作，成立了由主要负责同志任组长的政务公开工作领导小组，定期研究部署政务公开工作。",
	"严格落实信息发布保密审查制度，坚持先审查、后公开，一事一审、全程把关，全年未发生泄密事件。",
	"围绕行政许可、行政处罚等重点领域，全年公开行政许可信息%d条、行政处罚信息%d条。",
	"持续完善政府信息公开指南和公开目录，及时更新机构职能、办公地址、办公时间和联系方式。",
	"依托政府门户网站、政务新媒体和政务服务大厅公开栏，拓宽公开渠道，方便群众查询。",
	"加强政策解读，对重要政策文件同步开展图文解读、视频解读，全年发布解读材料%d篇。",
	"积极回应社会关切，通过12345热线受理群众诉求%d件，办结率100%%。",
	"规范依申请公开办理流程，严格按照登记、审核、办理、答复、归档的程序办理，确保依法按时答复。",
	"组织开展政务公开业务培训%d次，参训人员%d人次，工作人员业务能力进一步提升。",
	"将政务公开工作纳入年度绩效考核，对发现的问题建立台账，逐项整改落实。",
	"推进基层政务公开标准化规范化建设，编制完善本部门政务公开事项标准目录。",
	"全年召开新闻发布会%d场，参加在线访谈%d次，及时发布权威信息。",
}

// narrative writes n paragraphs of two to five sentences.
func (w *writer) narrative(n int) {
	for i := 0; i < n; i++ {
		var b strings.Builder
		b.WriteString("（" + []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}[i%10] + "）")
		for k := 2 + w.rng.IntN(4); k > 0; k-- {
			s := sentences[w.rng.IntN(len(sentences))]
			args := []any{}
			for j := strings.Count(s, "%d"); j > 0; j-- {
				args = append(args, w.rng.IntN(3000))
			}
			b.WriteString(fmt.Sprintf(s, args...))
		}
		w.line(b.String())
	}
}

// figure prints a figure the way this rendering prints figures.
func (w *writer) figure(c ar.GridCell) string {
	if c.Text == "" {
		return ""
	}
	s := c.Text
	if w.o.Commas {
		s = commas(s)
	}
	if w.o.FullWidth {
		s = fullWidth(s)
	}
	if w.o.Indent && !w.html() {
		s = "　　" + s
	}
	return s
}

func commas(s string) string {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac := s, ""
	if i := strings.IndexByte(s, '.'); i >= 0 {
		intPart, frac = s[:i], s[i:]
	}
	var b strings.Builder
	for i, ch := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(ch)
	}
	out := b.String() + frac
	if neg {
		out = "-" + out
	}
	return out
}

func fullWidth(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			r += '０' - '0'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// cells returns the printed texts of a row; blank figures are "" and keep their place.
type printed struct {
	text  string
	value bool
	span  int
}

func (w *writer) rowCells(row ar.GridRow, header bool) []printed {
	var out []printed
	for _, c := range row {
		if c.Value && c.Cell == w.dropCell && w.dropCell != "" {
			continue
		}
		if c.Value {
			out = append(out, printed{text: w.figure(c), value: true})
		} else {
			out = append(out, printed{text: c.Text, span: c.Span})
		}
	}
	if w.o.Remarks {
		if header {
			out = append(out, printed{text: "备注"})
		} else if len(out) > 0 && out[len(out)-1].value {
			out = append(out, printed{value: true})
		}
	}
	return out
}

func (w *writer) table(t ar.GridTable) {
	rows := t.Rows
	if w.o.Transpose && w.rowLayout() {
		rows = transpose(t)
	}
	if w.o.RepeatHeader && !w.o.Transpose && t.ID == ar.TableApplications && len(rows) > 12 {
		var re []ar.GridRow
		re = append(re, rows[:10]...)
		re = append(re, rows[:3]...)
		rows = append(re, rows[10:]...)
	}
	if w.html() {
		w.htmlTable(t, rows)
		return
	}
	for k, row := range rows {
		header := isHeader(row)
		cs := w.rowCells(row, header && k < 3)
		w.textRow(cs, k == 0)
	}
}

// rowLayout reports the layouts that print one table row per line or <tr>, where a
// transposed table keeps its meaning.
func (w *writer) rowLayout() bool {
	switch w.o.Style {
	case RowSpaces, RowTabs, RowPipes, Markdown, HTML, WordHTML:
		return true
	}
	return false
}

// transpose turns table 三 (one line per applicant column, the rows across the top)
// and the 第二十条第（一）项 block of table 二 (one line per column) on their side.
func transpose(t ar.GridTable) []ar.GridRow {
	switch t.ID {
	case ar.TableApplications:
		head := ar.GridRow{{Text: "申请人情况"}}
		var data []ar.GridRow
		for _, row := range t.Rows {
			if isHeader(row) {
				continue
			}
			var vals ar.GridRow
			label := ""
			for _, c := range row {
				if c.Value {
					vals = append(vals, c)
				} else {
					label = c.Text
				}
			}
			head = append(head, ar.GridCell{Text: label})
			data = append(data, vals)
		}
		out := []ar.GridRow{head}
		for k, name := range []string{"自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"} {
			line := ar.GridRow{{Text: name}}
			for _, vals := range data {
				line = append(line, vals[k])
			}
			out = append(out, line)
		}
		return out
	case ar.TableActive2019, ar.TableActive2021:
		// rows 0–3: group, header, 规章, 规范性文件; the rest stays as it is.
		if len(t.Rows) < 4 {
			return t.Rows
		}
		head, reg, norm := t.Rows[1], t.Rows[2], t.Rows[3]
		if len(reg) != len(head) || len(norm) != len(head) || isHeader(reg) || isHeader(norm) {
			return t.Rows // a row was dropped: leave the block as it is
		}
		out := []ar.GridRow{t.Rows[0], {{Text: "信息内容"}, reg[0], norm[0]}}
		for k := 1; k < len(head); k++ {
			out = append(out, ar.GridRow{head[k], reg[k], norm[k]})
		}
		return append(out, t.Rows[4:]...)
	}
	return t.Rows
}

func isHeader(row ar.GridRow) bool {
	for _, c := range row {
		if c.Value {
			return false
		}
	}
	return true
}

// blankMark is what a blank figure prints as where the layout cannot show an empty cell.
func (w *writer) blankMark(cs []printed, k int) string {
	switch w.o.Style {
	case TabLines:
		return ""
	case Markdown:
		return ""
	case RowTabs, RowPipes:
		if k > 0 && k < len(cs)-1 {
			return "" // an empty cell between two others is unambiguous
		}
	}
	return w.o.Blank
}

func (w *writer) textRow(cs []printed, first bool) {
	b := &w.b
	switch w.o.Style {
	case TabLines:
		for _, c := range cs {
			b.WriteString("\t" + c.text + "\n")
		}
		b.WriteString("\n")
	case PDFLines:
		for k, c := range cs {
			text := c.text
			if c.value && text == "" {
				text = w.blankMark(cs, k)
			}
			if n := []rune(text); !c.value && len(n) >= 12 {
				cut := len(n)*3/5 + 1 + w.rng.IntN(len(n)*2/5-1)
				text = string(n[:cut]) + "\n" + string(n[cut:])
			}
			b.WriteString(text + "\n")
		}
	case PipeLines:
		// Every cell ends with a line holding "|"; an empty cell is that line alone.
		for k, c := range cs {
			switch {
			case k == 0:
				b.WriteString("| " + c.text + "\n|\n")
			case c.text == "":
				b.WriteString("|\n")
			default:
				b.WriteString(c.text + "\n|\n")
			}
		}
		b.WriteString("|||\n")
	case PipeRuns:
		for k, c := range cs {
			text := c.text
			if c.value && text == "" && !w.o.BareBlank {
				text = w.blankMark(cs, k)
			}
			if text == "" {
				b.WriteString("|\n") // the empty cell's own line: just its "|"
			} else {
				b.WriteString(text + " |\n")
			}
		}
		b.WriteString(strings.Repeat("|", 5+w.rng.IntN(20)) + "\n")
	case RowSpaces, RowTabs, RowPipes, Markdown:
		sep := map[Style]string{RowSpaces: " ", RowTabs: "\t", RowPipes: "|", Markdown: " | "}[w.o.Style]
		parts := make([]string, len(cs))
		for k, c := range cs {
			parts[k] = c.text
			if c.value && c.text == "" {
				parts[k] = w.blankMark(cs, k)
			}
		}
		line := strings.Join(parts, sep)
		if w.o.Style == Markdown {
			line = "| " + line + " |"
		}
		b.WriteString(line + "\n")
		if w.o.Style == Markdown && first {
			b.WriteString("|" + strings.Repeat(" --- |", len(cs)) + "\n")
		}
	}
}

func (w *writer) htmlTable(t ar.GridTable, rows []ar.GridRow) {
	b := &w.b
	word := w.o.Style == WordHTML
	if word {
		b.WriteString("<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse'>\n")
	} else {
		b.WriteString("<table border=\"1\">\n<tbody>\n")
	}
	for k, row := range rows {
		b.WriteString("<tr>")
		for _, c := range w.rowCells(row, isHeader(row) && k < 3) {
			b.WriteString("<td")
			if c.span > 1 {
				b.WriteString(fmt.Sprintf(" colspan=\"%d\"", c.span))
			}
			b.WriteString(">")
			text := html.EscapeString(c.text)
			switch {
			case word && text == "":
				b.WriteString("<p class=MsoNormal align=center><span lang=EN-US>&nbsp;</span></p>")
			case word:
				b.WriteString("<p class=MsoNormal align=center><span style='font-size:10.5pt;font-family:宋体'>" + text + "</span></p>")
			default:
				b.WriteString(text)
			}
			b.WriteString("</td>")
		}
		b.WriteString("</tr>\n")
	}
	if !word {
		b.WriteString("</tbody>\n")
	}
	b.WriteString("</table>\n")
}

// mergeLines removes n line breaks at random, gluing lines together with a space.
func mergeLines(rng *rand.Rand, s string, n int) string {
	for ; n > 0; n-- {
		idx := []int{}
		for i := 0; i < len(s); i++ {
			if s[i] == '\n' {
				idx = append(idx, i)
			}
		}
		if len(idx) == 0 {
			return s
		}
		i := idx[rng.IntN(len(idx))]
		s = s[:i] + " " + s[i+1:]
	}
	return s
}

var (
	s2tOnce sync.Once
	s2t     *opencc.OpenCC
	s2tMu   sync.Mutex
)

// pinyin for a few characters, written after the traditional character as seed 002 does.
var pinyin = map[rune]string{'開': "kāi", '報': "bào", '請': "qǐng", '務': "wù", '體': "tǐ"}

// traditional converts to traditional characters and adds pinyin after some of them.
func traditional(s string) string {
	s2tOnce.Do(func() { s2t, _ = opencc.New("s2t") })
	if s2t == nil {
		return s
	}
	s2tMu.Lock()
	t, err := s2t.Convert(s)
	s2tMu.Unlock()
	if err != nil {
		return s
	}
	var b strings.Builder
	for _, r := range t {
		b.WriteRune(r)
		if p, ok := pinyin[r]; ok {
			b.WriteString("(" + p + ")")
		}
	}
	return b.String()
}
