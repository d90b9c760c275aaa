package reader

import (
	"fmt"
	"sort"
	"strings"

	ar "gongkai/internal/annualreport"
)

// Column order from the national form. A converter that lays a PDF's text out in
// columns (pdftotext -layout) cuts table 三's header words into pieces stacked over
// several lines and prints a header cell centred over two lines where it falls (自然人
// below 法人或其他组织), so the headers it recognises come out of order and the order they
// give cannot be trusted.
// The report is in a national format, whose column order is fixed: a row of exactly
// seven figures is read in that order when its 总计 is the sum of its other six — a
// row whose figures were printed in another order rarely passes — and a finding says
// so. A row that does not pass, or holds a blank (no sum to check), is not read.

// formOrder reads, in a table 三 laid out in columns whose header order could not be
// told, the rows of seven figures whose own sum holds, in the national form's order.
// In other texts (cells between pipes, a cell per line) headers read out of order are
// the table's own order, and the table is not read.
func (a *assembler) formOrder(cands map[string][]cand) {
	if a.single6 != nil || a.sub6 != nil || a.strict {
		return
	}
	laid, rows := 0, 0
	for key, cs := range cands {
		if !strings.HasPrefix(key, ar.TableApplications+".") {
			continue
		}
		for _, c := range cs {
			if c.status == fitPartial {
				rows++
				if a.spacedColumns(c) {
					laid++
				}
			}
		}
	}
	if rows == 0 || laid*2 <= rows {
		return
	}
	// The form's order is believed only where the header's words, cut and stacked as
	// they may be, stand in that order across the page: a report may print its columns
	// in another order, and a row's sum does not show a swap among its six columns.
	first := 0
	for key, cs := range cands {
		if !strings.HasPrefix(key, ar.TableApplications+".") {
			continue
		}
		for _, c := range cs {
			if l := a.candLine(c); l > 0 && (first == 0 || l < first) {
				first = l
			}
		}
	}
	h := a.headerLines(first, "收到和处理")
	if appHeaderContradicts(h) {
		return
	}
	// Words that do not contradict the form's order do not show it either (words cut a
	// character a line may stand where no column can be told): unless they stand in it,
	// only the rows whose six columns hold one same figure are read — any order reads
	// them alike.
	shown := laidOut(h) && headerStands(h, []int{0, 1, 2, 3, 4, 5, 6}, headerHasGroup(h), true)
	a.inferred.formOrder = shown // rows run together are split by the sums in the form's order only when shown
	for _, key := range sortedKeys(cands) {
		if !strings.HasPrefix(key, ar.TableApplications+".") {
			continue
		}
		cs := cands[key]
		for k := range cs {
			c := &cs[k]
			if c.status != fitPartial {
				continue
			}
			vals, _ := a.collect(c.from)
			got, st := fitRemarks(vals, len(ar.ApplicationColumns), c.remarks)
			if st != fitOK || !sumHolds(got[:6], got[6]) || !shown && !sameFigures(got[:6]) {
				continue
			}
			c.vals, c.status = got, fitOK
			for _, id := range ar.RowCells(a.f, key) {
				a.markHow(id, howFormOrder)
			}
			a.inferred.formRows++
		}
	}
}

// sameFigures reports cells that all hold one same figure.
func sameFigures(vals []cellVal) bool {
	for _, v := range vals {
		if v.blank || v.bad || v.v != vals[0].v {
			return false
		}
	}
	return true
}

// unknownOrder reports a table 三 whose header order could not be told: the rows read
// in the national form's order, and those left unread.
func (a *assembler) unknownOrder(cands map[string][]cand) {
	var unread []string
	for _, key := range sortedKeys(cands) {
		if !strings.HasPrefix(key, ar.TableApplications+".") {
			continue
		}
		cs := cands[key]
		for k := range cs {
			c := &cs[k]
			if c.status == fitPartial || c.status == fitOverfull {
				a.consume(c.from, c.to)
				c.vals, c.status = nil, fitRefused
				unread = append(unread, ar.RowCells(a.f, key)...)
			}
		}
	}
	if a.inferred.formRows == 0 {
		a.rep.Findings = append(a.rep.Findings, ar.Finding{Rule: ar.RuleUnreadable, Cell: ar.Cell(ar.TableApplications, "new", "natural_person"), Cells: a.tableCells(ar.TableApplications),
			Message: "三、收到和处理政府信息公开申请情况表的列标题顺序无法确定，未读取该表数字"})
		return
	}
	a.rep.Findings = append(a.rep.Findings, ar.Finding{Rule: ar.RuleInferred,
		Message: fmt.Sprintf("三、收到和处理政府信息公开申请情况表的列标题无法识别，已按法定格式的列顺序读取总计等于各列之和的%d行", a.inferred.formRows)})
	if len(unread) > 0 {
		a.rep.Findings = append(a.rep.Findings, ar.Finding{Rule: ar.RuleUnreadable, Cell: unread[0], Cells: unread,
			Message: "三、收到和处理政府信息公开申请情况表的列标题无法识别，其余各行无法按总计核对列顺序，未读取"})
	}
}

// appealFormOrder reads table 四's fifteen figures, printed in order, in the national
// form's order when its headers could not be told apart but the text is laid out in
// columns and each group's 总计 is the sum of its four results.
func (a *assembler) appealFormOrder(from, to int, vals []cellVal) ([]cellVal, bool) {
	if a.strict || !a.spacedColumns(cand{from: from, to: to}) || !appealSumsHold(vals) {
		return nil, false
	}
	if appealHeaderContradicts(a.headerLines(a.candLine(cand{from: from, to: to}), "行政复议、行政诉讼")) {
		return nil, false
	}
	for _, id := range appealIDs {
		a.markHow(id, howFormOrder)
	}
	a.rep.Findings = append(a.rep.Findings, ar.Finding{Rule: ar.RuleInferred,
		Message: "四、政府信息公开行政复议、行政诉讼情况表的列标题无法识别，已按法定格式的列顺序读取（各项总计与其分项之和相符）"})
	return vals, true
}

// The national form's column headers, in its order, by a word each keeps when a
// converter cuts it over lines: table 三's seven columns, table 四's five results of
// each of its three groups.
var (
	applicationKeys = [][]string{{"自然人", "自然"}, {"商业"}, {"科研"}, {"社会", "公益"}, {"法律"}, {"其他"}, {"总计"}}
	appealKeys      = func() [][]string {
		one := [][]string{{"维持"}, {"纠正"}, {"其他"}, {"尚未", "审结"}, {"总计"}}
		return append(append(append([][]string{}, one...), one...), one...)
	}()
	// groupWords are the headers over groups of columns, whose words are no column's.
	groupWords = []string{"法人或其他组织", "申请人情况", "未经复议直接起诉", "复议后起诉", "行政复议", "行政诉讼"}
)

// candLine is the line of candidate c's first figure (0 when it has none).
func (a *assembler) candLine(c cand) int {
	for k := c.from + 1; k < c.to && k < len(a.toks); k++ {
		if t := &a.toks[k]; t.kind == tNum {
			return t.line
		}
	}
	return 0
}

// headerLines are the lines above line (1-based) back to the table's heading (a line
// holding heading), at most 30: where its header stands.
func (a *assembler) headerLines(line int, heading string) []string {
	if line <= 1 || line-1 > len(a.lines) {
		return nil
	}
	var out []string
	for l := line - 1; l >= 1 && l >= line-30; l-- {
		if strings.Contains(a.lines[l-1], heading) {
			return out
		}
		out = append([]string{a.lines[l-1]}, out...)
	}
	return nil // no heading found: the header's extent is unknown
}

// hdrWord is a word of a header laid out in columns: where it starts (a character per
// column, as pdftotext -layout prints) and its text, the pieces of a word cut over lines
// joined.
type hdrWord struct {
	x    int
	text string
}

// headerWords cuts header lines laid out in columns into words, joining a word's pieces
// cut over lines where they start at the same column, leaving out the headers over
// groups of columns; left to right.
func headerWords(lines []string) []hdrWord {
	space := func(r rune) bool { return r == ' ' || r == '\t' || r == '　' }
	var words []hdrWord
	var open []int // indexes in words of the previous line's pieces
	for _, line := range lines {
		rs := []rune(line)
		for _, g := range groupWords {
			// Blank out group headers, keeping the columns of what follows.
			gr := []rune(g)
			for i := 0; i+len(gr) <= len(rs); i++ {
				if string(rs[i:i+len(gr)]) == g {
					for k := i; k < i+len(gr); k++ {
						rs[k] = ' '
					}
				}
			}
		}
		var next []int
		for i := 0; i < len(rs); {
			if space(rs[i]) {
				i++
				continue
			}
			j := i
			for j < len(rs) && !space(rs[j]) {
				j++
			}
			word := string(rs[i:j])
			joined := false
			for _, k := range open {
				if d := words[k].x - i; d >= -1 && d <= 1 {
					words[k].text += word
					next = append(next, k)
					joined = true
					break
				}
			}
			if !joined {
				words = append(words, hdrWord{x: i, text: word})
				next = append(next, len(words)-1)
			}
			i = j
		}
		open = next
	}
	sort.SliceStable(words, func(i, j int) bool { return words[i].x < words[j].x })
	return words
}

// headerPlaces finds each key (one word or more that name a column) in the words of a
// header laid out in columns: the leftmost word not yet taken that holds it (table 四
// repeats its five headers in each group). It fails when a key is not found or a word
// holding a key is left over (a header printed twice, or words that cannot be told).
func headerPlaces(lines []string, keys [][]string) ([]int, bool) {
	words := headerWords(lines)
	holds := func(w hdrWord, alts []string) bool {
		for _, s := range alts {
			if strings.Contains(w.text, s) {
				return true
			}
		}
		return false
	}
	used := make([]bool, len(words))
	xs := make([]int, len(keys))
	for n, alts := range keys {
		found := -1
		for k, w := range words {
			if !used[k] && holds(w, alts) {
				found = k
				break
			}
		}
		if found < 0 {
			return nil, false
		}
		used[found] = true
		xs[n] = words[found].x
	}
	for k, w := range words {
		if used[k] {
			continue
		}
		for _, alts := range keys {
			if holds(w, alts) {
				return nil, false
			}
		}
	}
	return xs, true
}

// headerInOrder reports whether the column headers keys are found in header lines laid
// out in columns, each once, from left to right in keys' order.
func headerInOrder(lines []string, keys [][]string) bool {
	xs, ok := headerPlaces(lines, keys)
	if !ok {
		return false
	}
	for k := 1; k < len(xs); k++ {
		if xs[k] <= xs[k-1] {
			return false
		}
	}
	return true
}

// laidOut reports header lines laid out in columns (cells apart by four spaces or more).
func laidOut(lines []string) bool {
	for _, l := range lines {
		if strings.Contains(l, "    ") {
			return true
		}
	}
	return false
}

// lineKeys lists, for each header line, the keys found on it in the order they are
// printed (positions in keys), group headers left out.
func lineKeys(lines []string, keys [][]string) [][]int {
	var out [][]int
	for _, line := range lines {
		for _, g := range groupWords {
			line = strings.ReplaceAll(line, g, strings.Repeat(" ", len([]rune(g))))
		}
		type at struct{ i, key int }
		var found []at
		for k, alts := range keys {
			for _, w := range alts {
				if i := strings.Index(line, w); i >= 0 {
					found = append(found, at{i, k})
					break
				}
			}
		}
		sort.Slice(found, func(x, y int) bool { return found[x].i < found[y].i })
		var seq []int
		for _, f := range found {
			seq = append(seq, f.key)
		}
		out = append(out, seq)
	}
	return out
}

// appHeaderContradicts reports a table 三 header whose words show an order other than
// the national form's: two column headers printed on one line out of the form's
// order, or, laid out in columns, the headers' words (cut over lines as they may be)
// standing out of it. A header that cannot be read at all contradicts nothing.
func appHeaderContradicts(head []string) bool {
	group := false
	for _, l := range head {
		group = group || strings.Contains(l, "法人或其他组织")
	}
	for _, seq := range lineKeys(head, applicationKeys) {
		// Under the group header the two header rows may be printed on one line
		// (自然人 法人或其他组织 总计 商业企业 …): the five among themselves, and 自然人
		// against 总计.
		last, lastTop := -1, -1
		for _, p := range seq {
			if group && (p == 0 || p == 6) {
				if p <= lastTop {
					return true
				}
				lastTop = p
				continue
			}
			if p <= last {
				return true
			}
			last = p
		}
	}
	if !laidOut(head) {
		return false
	}
	if _, ok := headerPlaces(head, applicationKeys); !ok {
		return false
	}
	return !headerStands(head, []int{0, 1, 2, 3, 4, 5, 6}, group, true)
}

// appealHeaderContradicts is appHeaderContradicts for table 四: its five results,
// repeated for each of the three groups.
func appealHeaderContradicts(head []string) bool {
	for _, seq := range lineKeys(head, appealKeys[:5]) {
		for k := 1; k < len(seq); k++ {
			if seq[k] <= seq[k-1] {
				return true
			}
		}
	}
	if !laidOut(head) {
		return false
	}
	if _, ok := headerPlaces(head, appealKeys); !ok {
		// Words not all told apart (pieces of headers joined with the wrong ones): those
		// holding one key only, left to right, start a new group (fall back in the form's
		// order) at most twice in the form's order; more, and the results stand in
		// another order ("其他结果 结果维持 … 其他结果 结果维持 …").
		var seq []int
		for _, w := range headerWords(head) {
			found := -1
			for n, alts := range appealKeys[:5] {
				for _, s := range alts {
					if strings.Contains(w.text, s) {
						if found >= 0 && found != n {
							found = -2
						} else if found == -1 {
							found = n
						}
						break
					}
				}
			}
			if found >= 0 {
				seq = append(seq, found)
			}
		}
		falls := 0
		for k := 1; k < len(seq); k++ {
			if seq[k] <= seq[k-1] {
				falls++
			}
		}
		return falls > 2
	}
	return !headerInOrder(head, appealKeys)
}
