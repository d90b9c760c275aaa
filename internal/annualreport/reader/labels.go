package reader

import (
	"strings"
	"unicode"
	"unicode/utf8"

	ar "gongkai/internal/annualreport"
)

// labelKind classifies a recognised label.
type labelKind uint8

const (
	kNone        labelKind = iota
	kActiveRow             // a row of table 二; row holds the row id
	kAppRow                // a row of table 三
	kAppSpecial            // 其他处理, 其他, 总计: resolved by context
	kAppealGroup           // 行政复议, 未经复议直接起诉, 复议后起诉
	kHeader                // any other statutory table label (column header, group)
	kSection               // a section heading 一 … 六
	kLegacyRow             // a row of the pre-2019 table
)

// signal marks labels that tell the format.
type signal uint8

const (
	sigNone signal = iota
	sig2021
	sig2019
)

type entry struct {
	kind    labelKind
	row     string // row id, section number, or special name
	sig     signal
	prefix  bool   // the key may be followed by a bracketed note or a short tail
	anyTail bool   // the key may be followed by anything (an explanatory header)
	row2    string // legacy: the row in the 行政诉讼 group when the label is shared with 行政复议
	key21   string // "table.row" of a row label in the 2021 format (table 三 rows: any format)
	key19   string // "table.row" of a row label in the 2019 format
}

var (
	exact    = map[string]*entry{}
	prefixes = map[rune][]prefixEntry{} // by first rune of the key
	_        = buildLabels()
)

type prefixEntry struct {
	key string
	e   *entry
}

func add(key string, v entry) {
	e := &v
	k := canon(key)
	switch e.kind {
	case kActiveRow:
		e.key21 = ar.TableActive2021 + "." + e.row
		e.key19 = ar.TableActive2019 + "." + e.row
	case kAppRow:
		e.key21 = ar.TableApplications + "." + e.row
		e.key19 = e.key21
	}
	exact[k] = e
	r0, _ := utf8.DecodeRuneInString(k)
	if r0 < 1<<16 {
		keyStart[r0/64] |= 1 << (r0 % 64)
	}
	if e.prefix {
		r, _ := utf8.DecodeRuneInString(k)
		prefixes[r] = append(prefixes[r], prefixEntry{k, e})
	}
	if n := utf8.RuneCountInString(k); (e.kind == kAppRow || e.kind == kLegacyRow) && n >= 8 {
		truncatable[r0] = append(truncatable[r0], truncEntry{k, n, e})
	}
}

// buildLabels fills the label tables; it runs once, when the package variables are set.
func buildLabels() bool {
	for _, r := range []struct{ key, row string }{
		{"规章", "regulations"}, {"规范性文件", "normative_docs"}, {"行政许可", "licensing"},
		{"行政处罚", "penalty"}, {"行政强制", "enforcement"}, {"行政事业性收费", "fees"},
	} {
		add(r.key, entry{kind: kActiveRow, row: r.row, prefix: true})
	}
	add("行政规范性文件", entry{kind: kActiveRow, row: "normative_docs", sig: sig2021, prefix: true})
	// Pages republished through a Taiwan-phrase converter write 文件 as 檔案.
	add("规范性档案", entry{kind: kActiveRow, row: "normative_docs", prefix: true})
	add("行政规范性档案", entry{kind: kActiveRow, row: "normative_docs", sig: sig2021, prefix: true})
	add("其他对外管理服务事项", entry{kind: kActiveRow, row: "other_services", sig: sig2019, prefix: true})
	add("政府集中采购", entry{kind: kActiveRow, row: "procurement", sig: sig2019, prefix: true})
	for _, n := range []string{"一", "五", "六", "八", "九"} {
		for _, k := range []string{"第二十条第（" + n + "）项", "第（" + n + "）项", "第二十条（" + n + "）项", "第二十条第" + n + "项"} {
			add(k, entry{kind: kHeader})
		}
	}
	add("信息内容", entry{kind: kHeader})
	for _, k := range []string{"本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额"} {
		add(k, entry{kind: kHeader, sig: sig2021, prefix: true})
	}
	for _, k := range []string{"本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减", "本年增减", "处理决定数量", "采购项目数量", "采购总金额"} {
		add(k, entry{kind: kHeader, sig: sig2019, prefix: true})
	}
	add("单位:万元", entry{kind: kHeader})
	add("备注", entry{kind: kHeader, row: "备注"})

	appRows := map[string]string{
		"本年新收政府信息公开申请数量": "new", "上年结转政府信息公开申请数量": "carried_in",
		"予以公开": "granted", "部分公开": "partial",
		"属于国家秘密": "withheld.state_secret", "其他法律行政法规禁止公开": "withheld.law_forbids",
		"危及三安全一稳定": "withheld.safety_stability", "保护第三方合法权益": "withheld.third_party",
		"属于三类内部事务信息": "withheld.internal_affairs", "属于四类过程性信息": "withheld.process_info",
		"属于行政执法案卷": "withheld.enforcement_file", "属于行政查询事项": "withheld.inquiry",
		"本机关不掌握相关政府信息": "unavailable.not_held", "没有现成信息需要另行制作": "unavailable.needs_creation",
		"补正后申请内容仍不明确": "unavailable.still_unclear", "信访举报投诉类申请": "not_processed.petition",
		"重复申请": "not_processed.repeated", "要求提供公开出版物": "not_processed.publication",
		"无正当理由大量反复申请": "not_processed.mass_repeated", "要求行政机关确认或重新出具已获取信息": "not_processed.confirm",
		"结转下年度继续办理": "carried_out",
	}
	for k, row := range appRows {
		add(k, entry{kind: kAppRow, row: row, prefix: true})
	}
	add("申请人无正当理由逾期不补正", entry{kind: kAppRow, row: "other.no_correction", sig: sig2021, prefix: true})
	add("申请人逾期未按收费通知要求缴纳费用", entry{kind: kAppRow, row: "other.fee_unpaid", sig: sig2021, prefix: true})
	add("其他处理", entry{kind: kAppSpecial, row: "其他处理"})
	add("其他", entry{kind: kAppSpecial, row: "其他"})
	add("总计", entry{kind: kAppSpecial, row: "总计"})
	add("合计", entry{kind: kAppSpecial, row: "总计"})
	add("小计", entry{kind: kHeader})
	for _, k := range []string{"本年度办理结果", "不予公开", "无法提供", "不予处理", "申请人情况", "自然人", "法人或其他组织", "商业企业", "科研机构", "社会公益组织", "法律服务机构"} {
		add(k, entry{kind: kHeader})
	}
	add("本列数据的勾稽关系为", entry{kind: kHeader, prefix: true, anyTail: true})
	add("(本列数据的勾稽关系为", entry{kind: kHeader, prefix: true, anyTail: true})
	add("行政复议", entry{kind: kAppealGroup, row: "reconsideration"})
	add("未经复议直接起诉", entry{kind: kAppealGroup, row: "litigation_direct"})
	add("复议后起诉", entry{kind: kAppealGroup, row: "litigation_after"})
	for _, k := range []string{"行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结"} {
		add(k, entry{kind: kHeader})
	}
	for _, s := range []struct{ key, n string }{
		{"总体情况", "一"}, {"概述", "一"}, {"主动公开政府信息情况", "二"},
		{"收到和处理政府信息公开申请情况", "三"}, {"依申请公开政府信息情况", "三"}, {"依申请公开情况", "三"},
		{"政府信息公开行政复议、行政诉讼情况", "四"}, {"行政复议、行政诉讼情况", "四"}, {"因政府信息公开申请行政复议、提起行政诉讼的情况", "四"}, {"行政复议、诉讼和申诉情况", "四"}, {"行政复议、诉讼及申诉情况", "四"},
		{"存在的主要问题及改进情况", "五"}, {"存在的主要问题及改进措施", "五"}, {"存在的主要问题和改进情况", "五"}, {"存在的主要问题和改进措施", "五"},
		{"其他需要报告的事项", "六"},
	} {
		add(s.key, entry{kind: kSection, row: s.n, prefix: true})
	}
	for _, r := range ar.Tables(ar.FormatLegacy)[0].Rows {
		add(r.Label, entry{kind: kLegacyRow, row: r.ID, prefix: true})
	}
	add("危机安全和稳定数", entry{kind: kLegacyRow, row: "withheld_safety", prefix: true})
	add("已办理答复的依申请公开数", entry{kind: kLegacyRow, row: "replies", prefix: true})
	// The 2015–2018 template names some rows of the older one differently.
	for _, l := range []struct{ key, row string }{
		{"收到申请数", "applications"}, {"当面申请数", "applications_in_person"}, {"传真申请数", "applications_fax"},
		{"信函申请数", "applications_mail"}, {"申请答复数", "replies"}, {"同意公开答复数", "replies_granted"},
		{"同意部分公开答复数", "replies_partial"}, {"涉及国家秘密", "withheld_state_secret"},
		{"涉及商业秘密", "withheld_trade_secret"}, {"涉及个人隐私", "withheld_privacy"},
		{"危及国家安全、公共安全、经济安全和社会稳定", "withheld_safety"}, {"不是《条例》所指政府信息", "replies_not_gov_info"},
		{"法律法规规定的其他情形", "withheld_other_law"}, {"不属于本行政机关公开数", "replies_not_competent"},
		{"申请信息不存在数", "replies_not_exist"}, {"行政复议数量", "reconsiderations"}, {"行政诉讼数量", "litigations"},
		{"举报投诉数量", "complaints"}, {"设置政府信息公开查阅点数", "reading_points"},
	} {
		add(l.key, entry{kind: kLegacyRow, row: l.row, prefix: true})
	}
	// Rows that table 四 and 五 of the 2015–2018 template share: the group decides.
	add("维持具体行政行为数", entry{kind: kLegacyRow, row: "reconsideration_upheld", row2: "litigation_upheld", prefix: true})
	add("维持具体行政行为或者驳回原告诉讼请求数", entry{kind: kLegacyRow, row: "litigation_upheld", prefix: true})
	add("被依法纠错数", entry{kind: kLegacyRow, row: "reconsideration_corrected", row2: "litigation_corrected", prefix: true})
	add("其他情形数", entry{kind: kLegacyRow, row: "reconsideration_other", row2: "litigation_other", prefix: true})
	return true
}

// truncatable are the long row labels that PDF and Word copies break over two lines,
// by their first rune; the first part alone is recognised when it is most of the label.
var truncatable = map[rune][]truncEntry{}

type truncEntry struct {
	key   string
	runes int // runes in key
	e     *entry
}

// keyStart is the set of the first runes of all label keys (below U+10000): a text
// starting with another rune is no label, whole or in part.
var keyStart [1 << 16 / 64]uint64

// mayStartLabel reports whether a label key can start with the first rune of s.
func mayStartLabel(s string) bool {
	if s == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	return r >= 1<<16 || keyStart[r/64]&(1<<(r%64)) != 0
}

// truncated recognises s as the first part of a long row label: at least four
// characters and half of it, and the start of no other label.
func truncated(s string) (*entry, bool) {
	n := utf8.RuneCountInString(s)
	if n < 4 {
		return nil, false
	}
	var found *entry
	hits := 0
	r, _ := utf8.DecodeRuneInString(s)
	for _, p := range truncatable[r] {
		if len(s) < len(p.key) && strings.HasPrefix(p.key, s) && n*2 >= p.runes {
			found = p.e
			hits++
		}
	}
	return found, hits == 1
}

// canon normalises a label for matching: no whitespace, full-width ASCII folded to
// half-width, all brackets to ( ), quotes and book-title marks dropped.
func canon(s string) string {
	if isCanon(s) {
		return s
	}
	return canonRunes(s)
}

// canonRunes is canon rune by rune, without the shortcut for a text isCanon passes: it
// also drops the rarer Unicode spaces (U+2000 …) that isCanon lets through.
func canonRunes(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == ' ' || r == '\t' || r == '\u3000' || r == '\u00a0' || r == '\r' || r == '\n':
			continue
		case r >= 0xFF01 && r <= 0xFF5E:
			r -= 0xFEE0
		}
		switch r {
		case '【', '〔', '[', '{', '［':
			r = '('
		case '】', '〕', ']', '}', '］':
			r = ')'
		case '“', '”', '‘', '’', '"', '\'', '「', '」', '『', '』', '《', '》', '<', '>', '*', '#', '`', '~':
			continue // quotes, and Markdown emphasis and heading marks
		case '，':
			r = ','
		case '。':
			r = '.'
		}
		if unicode.IsSpace(r) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// isCanon reports whether canon(s) == s: no space, no full-width form, no bracket or
// quote to fold.
func isCanon(s string) bool {
	for _, r := range s {
		switch {
		case r < 0x80:
			switch r {
			case ' ', '\t', '\r', '\n', '[', ']', '{', '}', '"', '\'', '<', '>', '\v', '\f', '*', '#', '`', '~':
				return false
			}
		case r >= 0xFF01 && r <= 0xFF5E, r == '\u3000', r == '\u00a0':
			return false
		default:
			switch r {
			case '【', '〔', '】', '〕', '“', '”', '‘', '’', '「', '」', '『', '』', '《', '》', '，', '。', '\u0085', '\u2028', '\u2029':
				return false
			}
		}
	}
	return true
}

const cnDigits = "一二三四五六七八九十"

// stripNumbering removes a leading item number (一、 （一） (1) 1. 1、 其中:) and
// returns the rest and the number as written (canonical form).
func stripNumbering(c string) (rest, num string) {
	for _, p := range []string{"其中:", "其中"} {
		if strings.HasPrefix(c, p) && len(c) > len(p) {
			c = c[len(p):]
			break
		}
	}
	if c == "" {
		return c, ""
	}
	if c[0] == '(' {
		j := 1
		for j < len(c) {
			r, n := utf8.DecodeRuneInString(c[j:])
			if !(strings.ContainsRune(cnDigits, r) || (r >= '0' && r <= '9')) {
				break
			}
			j += n
		}
		if j > 1 && j < len(c) && c[j] == ')' {
			num = c[:j+1]
			rest = c[j+1:]
			rest = strings.TrimLeft(rest, "、.,:")
			return rest, num
		}
		return c, ""
	}
	j := 0
	for j < len(c) {
		r, n := utf8.DecodeRuneInString(c[j:])
		if !(strings.ContainsRune(cnDigits, r) || (r >= '0' && r <= '9')) {
			break
		}
		j += n
	}
	if j > 0 && j < len(c) {
		r, n := utf8.DecodeRuneInString(c[j:])
		if r == '、' || r == '.' || r == ')' || r == ',' {
			// "1.5" is a number, not a numbering.
			if r == '.' && j+n < len(c) && c[j+n] >= '0' && c[j+n] <= '9' {
				return c, ""
			}
			return c[j+n:], c[:j] + "."
		}
	}
	return c, ""
}

// match is a recognised label.
type match struct {
	e   *entry // nil unless ok
	num string // item number written before the label, canonical
	ok  bool
}

const maxLabelRunes = 80

// lookup recognises a canonical label c.
func lookup(c string) match {
	if c == "" {
		return match{}
	}
	if utf8.RuneCountInString(c) > maxLabelRunes {
		// A row label with a long explanatory note in brackets, as some agencies print
		// the form's guidance: "其他对外管理服务事项（指行政许可以外的政务服务事项，含…）".
		if i := strings.IndexByte(c, '('); i > 0 && c[len(c)-1] == ')' && utf8.RuneCountInString(c[:i]) <= 40 {
			if m := lookup(c[:i]); m.ok && m.e.prefix {
				return m
			}
		}
		return match{}
	}
	rest, num := stripNumbering(c)
	if m, ok := lookupBare(rest); ok {
		return match{e: m, num: num, ok: true}
	}
	// "三、本年度办理结果（一）予以公开": try the tail after the last item number.
	for i := len(rest) - 1; i > 0; i-- {
		if rest[i] == '(' || (rest[i] >= '1' && rest[i] <= '9' && i+1 < len(rest) && (rest[i+1] == '.' || rest[i+1] == ')')) {
			if tail, n2 := stripNumbering(rest[i:]); n2 != "" {
				if m, ok := lookupBare(tail); ok {
					return match{e: m, num: n2, ok: true}
				}
			}
		}
	}
	return match{}
}

// lookupWhole reports whether c, without its item number, is a label by itself (not
// only its tail, as lookup also allows).
func lookupWhole(c string) bool {
	if c == "" || utf8.RuneCountInString(c) > maxLabelRunes {
		return false
	}
	rest, _ := stripNumbering(c)
	_, ok := lookupBare(rest)
	return ok
}

func lookupBare(s string) (*entry, bool) {
	if !mayStartLabel(s) {
		return nil, false
	}
	if e, ok := exact[s]; ok {
		return e, true
	}
	if e, ok := truncated(s); ok {
		return e, true
	}
	r, _ := utf8.DecodeRuneInString(s)
	for _, p := range prefixes[r] {
		if !strings.HasPrefix(s, p.key) {
			continue
		}
		tail := s[len(p.key):]
		if tail == "" || tail[0] == '(' || tail[0] == ':' || p.e.anyTail {
			return p.e, true
		}
		// A long label may run on ("…不补正、行政机关不再处理其政府信息公开申请"), but a
		// tail with figures or sentence punctuation is a sentence, not a label.
		if utf8.RuneCountInString(p.key) >= 6 && utf8.RuneCountInString(tail) <= 30 && !strings.ContainsAny(tail, "0123456789,.;;。，") {
			return p.e, true
		}
	}
	return nil, false
}
