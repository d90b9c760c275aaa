package catalog

import (
	"strings"
	"testing"
)

func BenchmarkSanitizeBody(b *testing.B) {
	body := strings.Repeat(`<h3>一、总体情况</h3><p onclick="x()">各镇卫生院、社区卫生服务中心：为进一步做好<a href="https://www.gov.cn/">基本公共卫生服务</a>工作……</p><table><tr><td colspan="2">1</td></tr></table><img src="/attachments/1.png" onerror="alert(1)">`, 40)
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		SanitizeBody(body)
	}
}

func BenchmarkRenderIndexNo(b *testing.B) {
	p, _ := ParseIndexPattern(NationalIndexPattern)
	for i := 0; b.Loop(); i++ {
		if _, err := p.Render(IndexParts{Code: "11610802016083285C", Year: 2024, Seq: i%99999 + 1}); err != nil {
			b.Fatal(err)
		}
	}
}
