package reader

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"

	ar "gongkai/internal/annualreport"
	"gongkai/internal/annualreport/testreports"
)

// scanTokens lists the tokens htmlScanner gives: text, start and end tags with the
// attributes htmlToText reads.
func scanTokens(s string) []string {
	z := htmlScanner{s: s}
	var out []string
	for {
		switch z.next() {
		case hEOF:
			return out
		case hText:
			out = append(out, fmt.Sprintf("text %q", z.text))
		case hStart:
			t := fmt.Sprintf("start %q self=%v", lowerASCII(strings.ReplaceAll(z.name, "\x00", "\uFFFD")), z.selfClosing)
			if z.hasColspan {
				t += " colspan=" + spanValue(z.colspan)
			}
			if z.hasRowspan {
				t += " rowspan=" + spanValue(z.rowspan)
			}
			out = append(out, t)
		case hEnd:
			out = append(out, fmt.Sprintf("end %q", lowerASCII(strings.ReplaceAll(z.name, "\x00", "\uFFFD"))))
		}
	}
}

func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// tokenizerTokens lists the same from golang.org/x/net/html's Tokenizer.
func tokenizerTokens(s string) []string {
	z := html.NewTokenizer(strings.NewReader(s))
	var out []string
	for {
		switch tt := z.Next(); tt {
		case html.ErrorToken:
			return out
		case html.TextToken:
			out = append(out, fmt.Sprintf("text %q", z.Text()))
		case html.StartTagToken, html.SelfClosingTagToken:
			name, more := z.TagName()
			t := fmt.Sprintf("start %q self=%v", name, tt == html.SelfClosingTagToken)
			var col, row string
			var hasCol, hasRow bool
			for more {
				var k, v []byte
				k, v, more = z.TagAttr()
				switch string(k) {
				case "colspan":
					col, hasCol = string(v), true
				case "rowspan":
					row, hasRow = string(v), true
				}
			}
			if hasCol {
				t += " colspan=" + spanValue(col)
			}
			if hasRow {
				t += " rowspan=" + spanValue(row)
			}
			out = append(out, t)
		case html.EndTagToken:
			name, _ := z.TagName()
			out = append(out, fmt.Sprintf("end %q", name))
		}
	}
}

// spanValue is what htmlToText takes from a colspan or rowspan value: a number or
// nothing. (The scanner unescapes values as text, not as attributes: "&amp12" reads
// "&12", not "&amp12"; neither is a number.)
func spanValue(v string) string {
	if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil {
		return strconv.Itoa(n)
	}
	return "NaN"
}

func sameTokens(t *testing.T, s string) bool {
	t.Helper()
	got, want := scanTokens(s), tokenizerTokens(s)
	for k := 0; k < len(got) || k < len(want); k++ {
		var g, w string
		if k < len(got) {
			g = got[k]
		}
		if k < len(want) {
			w = want[k]
		}
		if g != w {
			t.Errorf("input %q\ntoken %d: scanner %s\n          tokenizer %s", s, k, g, w)
			return false
		}
	}
	return true
}

// htmlPieces are the fragments the random pages are made of: every construct whose
// tokenizing has a rule of its own.
var htmlPieces = []string{
	"<", ">", "</", "/>", "<!", "<!--", "-->", "--!>", "-", "--", "!", "<?", "?>", "<!DOCTYPE html>", "<!doctype",
	"<![CDATA[", "]]>", "</>", "<td", "<TD", "<td>", "</td>", "<tr>", "</tr>", "<table>", "</table>", "<th ", "<p>",
	"<br/>", "<br />", "<script>", "</script>", "</SCRIPT >", "<script/>", "<style>", "</style>", "<title>", "</title>",
	"<textarea>", "</textarea>", "<xmp>", "</xmp>", "<plaintext>", "<noscript>", "</noscript>", "<iframe>", "<pre>",
	"</pre>", " colspan=2", " COLSPAN='3'", " rowspan=\"2\"", " colspan=&#50;", " colspan = 4 ", " rowspan=2/", " a=/",
	" colspan", "=", "'", "\"", " ", "\t", "\n", "\r\n", "\r", "\x00", "&amp;", "&nbsp;", "&#50;", "&lt;td&gt;", "&amp",
	"&", "行政许可", "12", "规章", "a", "x=1", "<a href=\"/x?a=1&b=2\">", "</a>", "<span style='x'>", "</span>",
	"<o:p>", "</o:p>", "<!-->", "<!--->", "<td colspan=2 colspan=3>", "<td rowspan=2 ROWSPAN=3 colspan=\"4\">",
}

func randomPage(rng *rand.Rand) string {
	var b strings.Builder
	for n := rng.IntN(40); n >= 0; n-- {
		b.WriteString(htmlPieces[rng.IntN(len(htmlPieces))])
	}
	return b.String()
}

// TestHTMLScannerSameTokens holds htmlScanner to golang.org/x/net/html's Tokenizer: the
// same text, tags and colspan / rowspan values on generated pages in every HTML
// layout, the seeds, and random pages of tokenizer edge cases.
func TestHTMLScannerSameTokens(t *testing.T) {
	var pages []string
	rng := rand.New(rand.NewPCG(21, 22))
	for i := 0; i < 60; i++ {
		o := testreports.RandomOptions(rng)
		o.Style = []testreports.Style{testreports.HTML, testreports.WordHTML}[i%2]
		o.GBK = false
		pages = append(pages, string(testreports.Render(rng, testreports.Random(rng, []ar.Format{ar.Format2019, ar.Format2021}[i%2], 0.05), o).Data))
	}
	for i := 0; i < 20; i++ {
		v := testreports.RandomVariant(rng)
		v.Text = false
		pages = append(pages, string(testreports.RenderVariant(testreports.Random(rng, []ar.Format{ar.Format2019, ar.Format2021}[i%2], 0.05), v)))
	}
	seeds, _ := filepath.Glob(filepath.Join("testdata", "seeds", "*.txt"))
	for _, p := range seeds {
		if b, err := os.ReadFile(p); err == nil && utf8.Valid(b) {
			pages = append(pages, string(b))
		}
	}
	pages = append(pages,
		"<script>if (a<b) document.write('</scr'+'ipt>')</script>行政许可",
		"<script><!--<script>x</script>y--></script>z",
		"<script><!-- x --><p>a</p></script>b",
		"<script><!--<script></script></script>q",
		"<title>a<b>c</b>&amp;</title>d",
		"<td colspan=\"2\"/>", "<p a=/>", "<p a=1 a=/>", "<p a='x'/>", "<p a= >", "<p =a>", "<p /a>",
		"</td foo='>'>x", "<td", "</td", "<td a=\"x", "<!-- x", "<!-x>y", "<!>y", "<?x>y", "a<", "a</", "a<!", "</ >x",
		"<plaintext><td>x</td>", "<xmp><td>&amp;</xmp>", "<textarea>&amp;<td></textarea>", "<noscript><td>1</td></noscript>2",
		"\r\n<td>\r\n1\r2</td>", "<script>\x00</script>", "a\x00b<td>\x00</td>",
	)
	for _, p := range pages {
		if !sameTokens(t, p) {
			return
		}
	}
	for i := 0; i < 20000; i++ {
		if !sameTokens(t, randomPage(rng)) {
			return
		}
	}
}

// FuzzHTMLScanner: any page tokenizes as golang.org/x/net/html's Tokenizer does.
func FuzzHTMLScanner(f *testing.F) {
	rng := rand.New(rand.NewPCG(23, 24))
	for i := 0; i < 20; i++ {
		f.Add(randomPage(rng))
	}
	f.Fuzz(func(t *testing.T, s string) { sameTokens(t, s) })
}

// TestClassifyTag: every element htmlToText tells apart, and every raw text element,
// in any case, and no other.
func TestClassifyTag(t *testing.T) {
	want := map[string]htag{"table": tagTable, "td": tagTd, "th": tagTh, "tr": tagTr, "pre": tagPre, "title": tagTitle}
	for _, n := range []string{"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section",
		"article", "header", "blockquote", "dd", "dt", "hr", "caption"} {
		want[n] = tagBlock
	}
	for _, n := range []string{"script", "style", "noscript", "nav", "footer", "iframe", "select", "button", "svg", "template", "object"} {
		want[n] = tagSkip
	}
	raw := map[string]bool{}
	for _, n := range []string{"iframe", "noembed", "noframes", "noscript", "plaintext", "script", "style", "textarea", "title", "xmp"} {
		raw[n] = true
		if _, ok := want[n]; !ok {
			want[n] = tagOther
		}
	}
	for n, w := range want {
		for _, name := range []string{n, strings.ToUpper(n), strings.ToUpper(n[:1]) + n[1:]} {
			tag, r := classifyTag(name)
			if tag != w || (r != "") != raw[n] || (r != "" && r != n) {
				t.Errorf("classifyTag(%q) = %d, %q; want %d, raw %v", name, tag, r, w, raw[n])
			}
		}
	}
	for _, n := range []string{"", "a", "span", "tbody", "h7", "tablex", "o:p", "font", "blockquotes", "plaintexts", "h\x11", "T\x00", "td\x00", "p\x00\x00", "td ", "\xc4\xb0d"} {
		if tag, r := classifyTag(n); tag != tagOther || r != "" {
			t.Errorf("classifyTag(%q) = %d, %q; want other", n, tag, r)
		}
	}
}
