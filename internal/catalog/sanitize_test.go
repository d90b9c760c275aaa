package catalog

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestSanitizeBodyRemovesActiveContent(t *testing.T) {
	attacks := []string{
		`<p>通知</p><script>alert(1)</script>`,
		`<SCRIPT SRC=//evil.example/x.js></SCRIPT><p>正文</p>`,
		`<img src="x.png" onerror="alert(1)">`,
		`<img src=x onerror=alert(1)//>`,
		`<a href="javascript:alert(1)">点击</a>`,
		`<a href="JaVaScRiPt:alert(1)">点击</a>`,
		`<a href="jav&#x09;ascript:alert(1)">点击</a>`,
		`<a href=" javascript:alert(1)">点击</a>`,
		`<p onclick="alert(1)" style="color:red">段落</p>`,
		`<iframe src="javascript:alert(1)"></iframe>`,
		`<svg onload=alert(1)><p>x</p></svg>`,
		`<style>body{background:url(javascript:alert(1))}</style><p>x</p>`,
		`<form action="https://evil.example"><input name=q></form>`,
		`<img src="javascript:alert(1)">`,
		`<img src="data:image/svg+xml;base64,PHN2Zz4=">`,
		`<math><mi xlink:href="javascript:alert(1)">x</mi></math>`,
		`<table background="javascript:alert(1)"><tr><td>1</td></tr></table>`,
		`<object data="javascript:alert(1)"></object>`,
	}
	for _, in := range attacks {
		out := strings.ToLower(SanitizeBody(in))
		for _, bad := range []string{"<script", "onerror", "onclick", "onload", "javascript:", "<iframe", "<style", "style=", "<form", "<input", "<svg", "data:", "<object", "background="} {
			if strings.Contains(out, bad) {
				t.Errorf("SanitizeBody(%q) = %q, still contains %q", in, out, bad)
			}
		}
	}
}

func TestSanitizeBodyKeepsDocumentStructure(t *testing.T) {
	tests := []struct{ in, want string }{
		{`<h2>一、总体情况</h2><p>正文</p>`, `<h2>一、总体情况</h2><p>正文</p>`},
		{`<ol start="3"><li>一</li></ol>`, `<ol start="3"><li>一</li></ol>`},
		{`<table><tr><th scope="col">项目</th><td colspan="2">1</td></tr></table>`,
			`<table><tr><th scope="col">项目</th><td colspan="2">1</td></tr></table>`},
		{`<a href="https://www.gov.cn/zhengce/">国务院</a>`,
			`<a href="https://www.gov.cn/zhengce/" rel="noreferrer noopener" target="_blank">国务院</a>`},
		{`<a href="/catalog/12">本站</a>`, `<a href="/catalog/12">本站</a>`},
		{`<img src="/attachments/5/photo.png" alt="图">`, `<img src="/attachments/5/photo.png" alt="图">`},
		{`<img src="attachments/5.png">`, `<img src="attachments/5.png">`},
		{`<img src="https://evil.example/a.png" alt="x">`, `<img alt="x">`},
		{`<img src="//evil.example/a.png">`, ``},
		{`<p style="color:red" class="x">段落</p>`, `<p>段落</p>`},
		{`<p id="main-content" title="说明" lang="zh-CN">段落</p>`, `<p title="说明" lang="zh-CN">段落</p>`},
		{`<img name="getElementById" src="a.png">`, `<img src="a.png">`},
	}
	for _, tt := range tests {
		if got := SanitizeBody(tt.in); got != tt.want {
			t.Errorf("SanitizeBody(%q)\n got  %q\n want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzSanitizeBody(f *testing.F) {
	f.Add(`<p>正文</p><script>alert(1)</script>`)
	f.Add(`<img src=x onerror=alert(1)>`)
	f.Add(`<a href="javascript:alert(1)">x</a>`)
	f.Add(`<table><tr><td colspan=2>1</td></tr></table>`)
	f.Fuzz(func(t *testing.T, in string) {
		out := SanitizeBody(in)
		z := html.NewTokenizer(strings.NewReader(out))
		for {
			tt := z.Next()
			if tt == html.ErrorToken {
				break
			}
			if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
				continue
			}
			tok := z.Token()
			switch tok.Data {
			case "script", "style", "iframe", "object", "embed", "form", "input", "svg", "math", "link", "meta", "base":
				t.Fatalf("SanitizeBody(%q) = %q keeps <%s>", in, out, tok.Data)
			}
			for _, a := range tok.Attr {
				k := strings.ToLower(a.Key)
				v := strings.ToLower(strings.TrimSpace(a.Val))
				if strings.HasPrefix(k, "on") || k == "style" {
					t.Fatalf("SanitizeBody(%q) = %q keeps attribute %s", in, out, a.Key)
				}
				if (k == "href" || k == "src") && (strings.Contains(v, "javascript:") || strings.Contains(v, "vbscript:") || strings.HasPrefix(v, "data:")) {
					t.Fatalf("SanitizeBody(%q) = %q keeps %s=%q", in, out, a.Key, a.Val)
				}
				if k == "src" && (strings.Contains(v, ":") || strings.HasPrefix(v, "//")) {
					t.Fatalf("SanitizeBody(%q) = %q keeps absolute image %q", in, out, a.Val)
				}
			}
		}
	})
}
