package reader

import (
	"strings"
	"testing"
)

// TestCentredLabels: a row label printed around its figures (a converter's text laid out
// in columns) goes back onto its figures' line, and the next row keeps its own figures.
func TestCentredLabels(t *testing.T) {
	in := strings.Join([]string{
		"3.其他   0   0    0   0   0   0         0",
		"",
		"（七）",
		"    6321   25   39 2774 38 32 9229",
		"总计",
		"四、结",
		"转下年",
		"            3   3   1       2     2   3         14",
		"度继续",
		"办理",
	}, "\n")
	out, ok := centredLabels(splitLines(in))
	if !ok {
		t.Fatal("nothing joined")
	}
	lines := strings.Split(out, "\n")
	if len(lines) != 10 {
		t.Fatalf("line count changed: %d", len(lines))
	}
	if !strings.HasPrefix(lines[3], "（七）总计    6321") || !strings.HasPrefix(lines[7], "四、结转下年度继续办理    3") {
		t.Errorf("labels not put back:\n%s", out)
	}
	// The label's first piece on the figures' line.
	out, ok = centredLabels(splitLines("（七） 34 72 78 44 7,373 28 7,629\n 总计\n四、结\n转下年    0   0 3 0       1          0   4\n度继续\n 办理"))
	if !ok || !strings.Contains(out, "（七）总计    34 72") || !strings.Contains(out, "四、结转下年度继续办理    0") {
		t.Errorf("label begun on the figures' line not joined:\n%s", out)
	}
	// Column headers above a row of figures without a label (table 四) stay headers.
	if out, ok := centredLabels(splitLines("总计\n  0  1  2  0  3\n")); ok {
		t.Errorf("a header taken for a row label:\n%s", out)
	}
	// A figure in Chinese numerals wrapped over lines is left alone.
	if out, ok := centredLabels(splitLines("政府集 一千六 279.65\n中采购 百五十\n     三\n")); ok {
		t.Errorf("a wrapped figure in Chinese numerals rewritten:\n%s", out)
	}
}

// TestWrappedFigureRows: a converter wrapped the figures of narrow cells with the row's
// label ("1" over "7" is 17); the row's own sum holds without the second line, but none
// of its figures may be believed.
func TestWrappedFigureRows(t *testing.T) {
	text := "某区民政局2021年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n" +
		"                      自然人    商业企业    科研机构    社会公益组织    法律服务机构    其他    总计\n" +
		"一、本年新收政府信息公开申请数量    3    0    0    0    0    0    3\n" +
		"二、上年结转政府信息公开申请数量    0    0    0    0    0    0    0\n" +
		"（一）予以公开    1    0    0    0    0    0    1\n" +
		"（二）部分公开（区分处理    2    0    0    0    0    0    2\n" +
		"的，只计这一情形）    7                                    7\n"
	rep := Read("layout.txt", []byte(text))
	for _, id := range []string{"applications.partial.natural_person", "applications.partial.total"} {
		if v, ok := rep.Cells.Get(id); ok {
			t.Errorf("%s read as %v from a row whose figures wrap onto the next line", id, v)
		}
	}
	if v, ok := rep.Cells.Get("applications.granted.natural_person"); !ok || v != 1 {
		t.Errorf("the row above, whole on its line, not read: %v %v", v, ok)
	}
}
