package annualreport

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"gongkai/internal/apperr"
)

// Narrative is what an agency's staff write for its own report: sections 一, 五 and 六
// (第五十条) and the 信息处理费 collected in the year, reported under 六.
type Narrative struct {
	Overview string  `json:"overview"` // 一、总体情况
	Problems string  `json:"problems"` // 五、存在的主要问题及改进情况
	Other    string  `json:"other"`    // 六、其他需要报告的事项, as staff wrote it
	FeeYuan  float64 `json:"fee_yuan"` // 信息处理费 collected in the year, in yuan
}

// maxSectionRunes bounds one written section.
const maxSectionRunes = 50000

// Clean trims the sections and checks what a draft may hold: a fee that is a number not
// below zero, sections of bounded length (apperr.Invalid, Chinese message).
func (n *Narrative) Clean() error {
	n.Overview = strings.TrimSpace(n.Overview)
	n.Problems = strings.TrimSpace(n.Problems)
	n.Other = strings.TrimSpace(n.Other)
	if n.FeeYuan < 0 || n.FeeYuan != n.FeeYuan || n.FeeYuan > 1e12 {
		return apperr.New(apperr.Invalid, "信息处理费应为不小于 0 的数字（单位：元）")
	}
	for _, s := range []string{n.Overview, n.Problems, n.Other} {
		if utf8.RuneCountInString(s) > maxSectionRunes {
			return apperr.New(apperr.Invalid, "正文过长（每部分不超过 5 万字）")
		}
	}
	return nil
}

// Complete checks the narrative before publication: Clean, and sections 一 and 五 written.
func (n *Narrative) Complete() error {
	if err := n.Clean(); err != nil {
		return err
	}
	switch {
	case n.Overview == "":
		return apperr.New(apperr.Invalid, "请填写“一、总体情况”")
	case n.Problems == "":
		return apperr.New(apperr.Invalid, "请填写“五、存在的主要问题及改进情况”")
	}
	return nil
}

// FeeText is the sentence on the 信息处理费 the national format asks for under 六.
func (n Narrative) FeeText() string {
	if n.FeeYuan > 0 {
		return fmt.Sprintf("本年度收取信息处理费%s元。", FormatNumber(n.FeeYuan))
	}
	return "本年度未收取信息处理费。"
}

// OtherText is section 六 as printed: the fee sentence, then the staff's text (which
// replaces the sentence when it speaks of the fee itself).
func (n Narrative) OtherText() string {
	other := strings.TrimSpace(n.Other)
	switch {
	case other == "":
		return n.FeeText() + "无其他需要报告的事项。"
	case strings.Contains(other, "信息处理费"):
		return other
	}
	return n.FeeText() + other
}

// unwritten stands for a section staff have not written yet.
const unwritten = "（尚未填写）"

// sectionTexts are the bodies of sections 一, 五 and 六 as printed for r: what the agency
// saved, or unwritten when it saved nothing.
func sectionTexts(r *Report) (overview, problems, other string) {
	n := r.Narrative
	if n == nil {
		return unwritten, unwritten, unwritten
	}
	overview, problems = n.Overview, n.Problems
	if strings.TrimSpace(overview) == "" {
		overview = unwritten
	}
	if strings.TrimSpace(problems) == "" {
		problems = unwritten
	}
	return overview, problems, n.OtherText()
}
