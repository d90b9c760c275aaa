package testreports

import (
	"fmt"
	"html"
	"math/rand/v2"
	"strconv"
	"strings"

	ar "gongkai/internal/annualreport"
)

// Layout is a whole published page: a table Variant and what copying from government
// websites and PDFs does to the tables around it — tables split over two <table>
// elements, headers left out or printed twice, figures written "1 234" or "增加3",
// table 二's columns in another order, PDF text with page footers between the rows,
// blank cells collapsed into one run of pipes, a second agency's tables, last year's
// figures beside this year's.
type Layout struct {
	Variant
	// SplitApps (HTML) ends table 三's <table> after its first SplitApps figure rows and
	// goes on in a second one, after a line "续表"; SplitHead prints the header rows
	// again at the top of the second.
	SplitApps int
	SplitHead bool
	NoAppHead bool // table 三 without its header rows (statutory column order only)
	HeadTwice bool // table 三's header rows printed twice before the first row
	// Thousands writes counts of four digits and more with a space between each three
	// ("1 234"); not with Chinese.
	Thousands bool
	// ChangeWords writes the 2019 本年增/减 as 增加3, 减少3, 持平.
	ChangeWords bool
	// ActiveOrder prints the three columns of every three-column block of table 二 in
	// this order (printed column k is statutory column ActiveOrder[k]), headers too.
	ActiveOrder []int
	// PDF prints the page as text copied from a PDF (Text is implied): every cell on a
	// line of its own, long labels broken over two lines, an empty cell printing
	// nothing (a Blank mark keeps it), and, every PageRows rows of a table (0: never),
	// a page footer ("— 3 —", "第3页 共8页") and the running title.
	PDF      bool
	PageRows int
	// BarePageNumbers prints the PDF page footers as a page number alone on its line.
	BarePageNumbers bool
	// CollapsedBlanks (Text) prints every run of empty cells inside a row as one run of
	// pipes of another length than the cells need.
	CollapsedBlanks bool
	// AppealOneLine (Text) prints table 四, headers and figures, on one line.
	AppealOneLine bool
	// AppealFive (Text) prints table 四 on its side: the three groups across the top,
	// then a line for each result with its three figures.
	AppealFive bool
	// SplitParagraph (HTML) prints figures of two digits or more over two paragraphs
	// of their cell ("1" and "23").
	SplitParagraph bool
	// Second is another agency's report whose tables follow this one's.
	Second *ar.Report
	// PrevAppeals prints table 四 with a 年度 column and last year's row (these
	// figures) above this year's.
	PrevAppeals *ar.Report
	// Seed chooses the collapsed run lengths, footer forms and label breaks.
	Seed uint64
}

// RenderLayout prints r (2019 or 2021 format) in layout l.
func RenderLayout(r *ar.Report, l Layout) []byte {
	if l.PDF {
		l.Text = true
	}
	if l.Text {
		l.Word, l.TH, l.SplitSpan = false, false, false
	}
	w := &vwriter{v: l.Variant, l: &l}
	rng := rand.New(rand.NewPCG(l.Seed, 11))
	title := ar.Title(r)
	if l.Text {
		w.b.WriteString(title + "\n")
	} else {
		w.b.WriteString("<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head><meta charset=\"utf-8\"><title>" + html.EscapeString(title) + "</title></head><body lang=ZH-CN>\n")
		w.b.WriteString("<div class=WordSection1><p class=MsoTitle align=center><b><span style='font-size:22.0pt;font-family:方正小标宋简体'>" + html.EscapeString(title) + "<o:p></o:p></span></b></p>\n")
	}
	w.para("一、总体情况")
	w.para("本机关认真贯彻落实《中华人民共和国政府信息公开条例》，现将本年度政府信息公开工作情况报告如下。")
	w.layoutTables(r, rng, title)
	if l.Second != nil {
		w.para("附：" + l.Second.Agency + "政府信息公开工作情况统计表")
		w.layoutTables(l.Second, rng, title)
	}
	w.para("五、存在的主要问题及改进情况")
	w.para("存在的主要问题：政府信息公开工作力量不足。改进情况：加强培训，规范公开流程。")
	w.para("六、其他需要报告的事项")
	w.para("本年度未收取信息处理费。无其他需要报告的事项。")
	if !l.Text {
		w.b.WriteString("</div></body></html>\n")
	}
	return []byte(w.b.String())
}

func (w *vwriter) layoutTables(r *ar.Report, rng *rand.Rand, title string) {
	l := w.l
	page := 1
	for _, t := range ar.Grid(r) {
		w.para(t.Section)
		var rows [][]vcell
		switch t.ID {
		case ar.TableApplications:
			rows = w.applications(r, t)
			head := 3
			switch {
			case l.NoAppHead:
				rows = rows[head:]
			case l.HeadTwice:
				rows = append(append(append([][]vcell(nil), rows[:head]...), rows[:head]...), rows[head:]...)
			}
			if l.SplitApps > 0 && !l.Text {
				k := l.SplitApps
				if !l.NoAppHead {
					k += head
				}
				if k < len(rows) {
					w.table(rows[:k])
					w.para("续表")
					second := rows[k:]
					if l.SplitHead && !l.NoAppHead {
						second = append(append([][]vcell(nil), rows[:head]...), second...)
					}
					w.table(second)
					continue
				}
			}
		case ar.TableAppeals:
			rows = w.appeals(r)
			if l.PrevAppeals != nil {
				rows = w.withPrevAppeals(r, rows)
			}
			if l.AppealFive && l.Text {
				w.b.WriteString("| 行政复议 | 未经复议直接起诉 | 复议后起诉 |\n")
				for p, c := range ar.AppealColumns {
					line := "| " + appealLabels[p]
					for _, g := range ar.AppealGroups {
						line += " | " + w.figure(r, ar.Cell(ar.TableAppeals, g, c)).text
					}
					w.b.WriteString(line + " |\n")
				}
				continue
			}
			if l.AppealOneLine && l.Text {
				var parts []string
				for _, row := range rows {
					for _, c := range row {
						parts = append(parts, c.text)
					}
				}
				w.b.WriteString(strings.Join(parts, " ") + "\n")
				continue
			}
		default:
			rows = w.plain(r, t)
			if len(l.ActiveOrder) == 3 {
				rows = permuteActive(rows, l.ActiveOrder, w.v.Serial)
			}
		}
		switch {
		case l.PDF:
			page = w.pdfTable(rows, rng, title, page)
		case l.CollapsedBlanks && l.Text:
			w.collapsedTable(rows, rng)
		default:
			w.table(rows)
		}
	}
}

// figureText prints figure v of cell id the layout's way, when it has one of its own.
func (l *Layout) figureText(id string, v float64) (string, bool) {
	if l == nil {
		return "", false
	}
	if l.ChangeWords && strings.HasSuffix(id, ".change") {
		switch {
		case v > 0:
			return "增加" + ar.FormatNumber(v), true
		case v < 0:
			return "减少" + ar.FormatNumber(-v), true
		}
		return "持平", true
	}
	if l.Thousands && !l.Chinese && v >= 1000 && v == float64(int(v)) {
		s := strconv.Itoa(int(v))
		var b strings.Builder
		for i := range s {
			if i > 0 && (len(s)-i)%3 == 0 {
				b.WriteByte(' ')
			}
			b.WriteByte(s[i])
		}
		if l.Units {
			b.WriteString(w0(l) + "件")
		}
		return b.String(), true
	}
	return "", false
}

func w0(l *Layout) string {
	if l.UnitSpace {
		return " "
	}
	return ""
}

// permuteActive puts the three figure columns (and their headers) of every
// three-column block of table 二 in order.
func permuteActive(rows [][]vcell, order []int, serial bool) [][]vcell {
	out := make([][]vcell, len(rows))
	for k, row := range rows {
		lead := 1
		if serial {
			lead = 2
		}
		if len(row) != lead+3 {
			out[k] = row
			continue
		}
		n := append([]vcell(nil), row[:lead]...)
		for _, p := range order {
			n = append(n, row[lead+p])
		}
		out[k] = n
	}
	return out
}

// withPrevAppeals adds a 年度 column to table 四 and last year's row above this year's.
func (w *vwriter) withPrevAppeals(r *ar.Report, rows [][]vcell) [][]vcell {
	prev := w.appeals(w.l.PrevAppeals)
	out := [][]vcell{append([]vcell{{text: "年度", rowspan: 3, head: true}}, rows[0]...), rows[1], rows[2]}
	out = append(out, append([]vcell{{text: strconv.Itoa(r.Year-1) + "年"}}, prev[len(prev)-1]...))
	return append(out, append([]vcell{{text: strconv.Itoa(r.Year) + "年"}}, rows[len(rows)-1]...))
}

// pdfTable prints rows as text copied from a PDF; page is the number of the page the
// table starts on, and the number of the page it ends on is returned.
func (w *vwriter) pdfTable(rows [][]vcell, rng *rand.Rand, title string, page int) int {
	for k, row := range rows {
		if w.l.PageRows > 0 && k > 0 && k%w.l.PageRows == 0 {
			form := []string{"— %d —", "- %d -", "第 %d 页 共 9 页", "第%d页", "－ %d －"}[rng.IntN(5)]
			if w.l.BarePageNumbers {
				form = "%d"
			}
			fmt.Fprintf(&w.b, form+"\n", page)
			w.b.WriteString(title + "\n")
			page++
		}
		for _, c := range row {
			if c.drop || c.text == "" {
				continue
			}
			text := c.text
			if n := []rune(text); !c.value && len(n) >= 12 {
				cut := len(n)/2 + rng.IntN(len(n)/3)
				text = string(n[:cut]) + "\n" + string(n[cut:])
			}
			w.b.WriteString(text + "\n")
		}
	}
	return page
}

// collapsedTable prints rows one per line between pipes, every run of empty cells
// inside a row collapsed into a run of pipes of another length than it needs.
func (w *vwriter) collapsedTable(rows [][]vcell, rng *rand.Rand) {
	for _, row := range rows {
		var cells []string
		for _, c := range row {
			if !c.drop {
				cells = append(cells, c.text)
			}
		}
		if len(cells) == 0 {
			continue
		}
		var b strings.Builder
		b.WriteString("|")
		for k := 0; k < len(cells); {
			if cells[k] != "" {
				b.WriteString(cells[k] + "|")
				k++
				continue
			}
			run := 0
			for k < len(cells) && cells[k] == "" {
				run++
				k++
			}
			// run empty cells need run more pipes; print another number (0 to run+2).
			m := rng.IntN(run + 2)
			if m >= run {
				m++
			}
			b.WriteString(strings.Repeat("|", m))
		}
		w.b.WriteString(b.String() + "\n")
	}
}

// RandomLayout picks a layout for r: a random variant with some of the page damage
// above. Second and PrevAppeals get random figures of r's format.
func RandomLayout(rng *rand.Rand, r *ar.Report) Layout {
	v := RandomVariant(rng)
	v.OtherRows = false
	l := Layout{Variant: v, Seed: rng.Uint64()}
	if rng.IntN(4) == 0 {
		l.SplitApps = 1 + rng.IntN(20)
		l.SplitHead = rng.IntN(2) == 0
	}
	switch rng.IntN(6) {
	case 0:
		l.NoAppHead = v.AppOrder == nil && !v.Subtotal // the headers tell the 小计 column
	case 1:
		l.HeadTwice = true
	}
	l.Thousands = rng.IntN(4) == 0
	l.ChangeWords = rng.IntN(4) == 0
	if rng.IntN(4) == 0 {
		l.ActiveOrder = rng.Perm(3)
	}
	if rng.IntN(4) == 0 {
		l.PDF = true
		l.PageRows = rng.IntN(10)
		l.BarePageNumbers = rng.IntN(3) == 0
	}
	l.CollapsedBlanks = rng.IntN(5) == 0
	switch rng.IntN(5) {
	case 0:
		l.AppealOneLine = true
	case 1:
		l.AppealFive = true
	}
	l.SplitParagraph = rng.IntN(6) == 0
	if l.PDF || l.CollapsedBlanks || l.NoAppHead || l.AppealOneLine {
		// 序号 numbers in text that keeps no 序号 header, or where empty cells leave no
		// trace, are figures like any other: not among the layouts read never wrong.
		l.Serial = false
	}
	if rng.IntN(6) == 0 {
		l.Second = Random(rng, r.Format, 0.05)
	}
	if rng.IntN(6) == 0 {
		l.PrevAppeals = Random(rng, r.Format, 0.05)
	}
	return l
}
