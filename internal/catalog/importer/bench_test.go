package importer

import (
	"bytes"
	"fmt"
	"testing"
)

// BenchmarkReadCSV reads a 5,000-row catalog, the size of a district agency's whole history.
func BenchmarkReadCSV(b *testing.B) {
	var buf bytes.Buffer
	buf.WriteString("索引号,名称,主题分类,发布机构,发文日期,发布日期,文号,主题词,效力状态,内容概述,正文\n")
	for i := 1; i <= 5000; i++ {
		fmt.Fprintf(&buf, "11610802016083285C/2023-%05d,关于开展第%d期卫生健康业务培训的通知,工作动态,某区卫生健康局,2023年%d月%d日,2023/%d/%d,某卫发〔2023〕%d号,培训；通知,有效,部署业务培训,\"<p>各镇卫生院：</p><p>现将有关事项通知如下。</p>\"\n",
			i, i, i%12+1, i%28+1, i%12+1, i%28+1, i)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		p, err := ReadCSV(bytes.NewReader(data), Options{})
		if err != nil || !p.OK() || len(p.Rows) != 5000 {
			b.Fatalf("%v %v", err, p.Problems)
		}
	}
}
