package reader

import (
	"testing"
)

// TestLaidOutHeaderOutOfFormOrder: text laid out in columns (pdftotext -layout) whose
// sub-headers, cut over lines, stand in another order than the national form's. The
// headers are not all recognised, and the form's order must not be assumed: the row's
// sum holds in any order of its six columns.
func TestLaidOutHeaderOutOfFormOrder(t *testing.T) {
	head := "某区民政局2021年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n" +
		"                                         申请人情况\n" +
		"                 自然人                  法人或其他组织                总计\n"
	row := "一、本年新收政府信息公开申请数量      4602     312      53    2113    4847      38    11965\n"
	shuffled := head +
		"                          法律服    其他    商业企    科研机    社会公\n" +
		"                          务机构            业        构        益组织\n" + row
	rep := Read("layout.txt", []byte(shuffled))
	for _, id := range []string{"applications.new.business", "applications.new.research", "applications.new.legal_service", "applications.new.other_org"} {
		if v, ok := rep.Cells.Get(id); ok {
			t.Errorf("%s read as %v from a header out of the form's order", id, v)
		}
	}
	if !appHeaderContradicts([]string{"  法律 科研 商业 会公 其 自然", "  服务 机 企 益 他 人 总计"}) {
		t.Error("one line's headers out of the form's order not seen")
	}
	inOrder := head +
		"                          商业企    科研机    社会公    法律服    其他\n" +
		"                          业        构        益组织    务机构\n"
	if appHeaderContradicts(headLines(inOrder)) {
		t.Error("headers in the form's order taken for another order")
	}
	if appHeaderContradicts(headLines(shuffled)) == false {
		t.Error("stacked headers out of the form's order not seen")
	}
}

func headLines(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return out
}
