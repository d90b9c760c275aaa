package searchtext

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTerms(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"卫生健康", []string{"卫生健康"}},
		{"  卫生　健康  卫生 ", []string{"卫生", "健康"}},
		{"清卫发〔2023〕12号", []string{"清卫发", "2023", "12号"}},
		{"清卫发[ 2023 ]12号", []string{"清卫发", "2023", "12号"}},
		{"ＡＢＣ１２３", []string{"ABC123"}},
		{"000013338/2023-00079", []string{"000013338/2023-00079"}},
		{"《条例》“第二十条”", []string{"条例", "第二十条"}},
		{"a b c d e f g h i j", []string{"a", "b", "c", "d", "e", "f", "g", "h"}},
		{"", nil},
		{"〔〕", nil},
	}
	for _, c := range cases {
		if got := Terms(c.in); !reflect.DeepEqual(got, c.want) {
			t.Errorf("SearchTerms(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if got := Normalize("清卫发(2023)12号"); got != "清卫发〔2023〕12号" {
		t.Errorf("NormalizeSearch = %q", got)
	}
}

func TestSnippet(t *testing.T) {
	body := strings.Repeat("甲", 200) + "卫生健康" + strings.Repeat("乙", 200)
	s := Snippet("", body, []string{"卫生健康"}, 40)
	if !strings.Contains(s, "卫生健康") || utf8.RuneCountInString(s) > 42 || !strings.HasPrefix(s, "…") || !strings.HasSuffix(s, "…") {
		t.Errorf("snippet %q", s)
	}
	if s := Snippet("概述", body, []string{"无"}, 40); s != "概述" {
		t.Errorf("no match: %q", s)
	}
	if got := HTMLText("<p>甲&amp;乙</p><br>丙"); got != " 甲&乙  丙" {
		t.Errorf("HTMLText = %q", got)
	}
}

func TestPairs(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"医保局", "医保 保局"},
		{"医，保 Ab12", "医， ，保 ab b1 12"},
		{"a-b/c", ""},
		{"〔2023〕12号", "〔2 20 02 23 3〕 〕1 12 2号"},
		{"x", ""},
	} {
		if got := Pairs(c.in); got != c.want {
			t.Errorf("SearchPairs(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	for term, want := range map[string]bool{"医保": true, "a1": true, "，保": true, "a-": false, "医": false, "医保局": false} {
		if PairTerm(term) != want {
			t.Errorf("PairTerm(%q) = %v", term, !want)
		}
	}
}

func TestIndexFoldAndContainsAll(t *testing.T) {
	for _, c := range []struct {
		s, sub string
		want   int
	}{
		{"关于ABC的通知", "abc", 2},
		{"关于abc的通知", "ABC", 2},
		{"卫生健康", "健康", 2},
		{"卫生健康", "", -1},
		{"卫生", "卫生健康", -1},
		{"ＡＢＣ", "abc", -1}, // full-width letters are folded by Normalize, not here
	} {
		if got := IndexFold([]rune(c.s), []rune(c.sub)); got != c.want {
			t.Errorf("IndexFold(%q, %q) = %d, want %d", c.s, c.sub, got, c.want)
		}
	}
	if !ContainsAll("清卫发〔2023〕12号 关于X的通知", []string{"x", "2023"}) || ContainsAll("卫生", []string{"卫生", "健康"}) {
		t.Error("ContainsAll")
	}
}

// FuzzSearchText: whatever a visitor types, the query is normalised within MaxLen,
// idempotently, into at most MaxTerms non-empty valid terms without separators; the pair
// text holds only two-character tokens of pairable characters; a snippet stays within its
// length (plus the two ellipses) and holds the first term it found.
func FuzzSearchText(f *testing.F) {
	for _, s := range []string{"卫生健康", "清卫发〔2023〕12号", "ＡＢＣ (2021) x", "\x00\xff", "《》〔〕", "<p>甲&amp;乙</p>", "a\u3000b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		n := Normalize(q)
		if utf8.RuneCountInString(n) > MaxLen || !utf8.ValidString(n) {
			t.Fatalf("normalised query %q", n)
		}
		if again := Normalize(n); again != n {
			t.Fatalf("Normalize not idempotent: %q -> %q", n, again)
		}
		terms := Terms(q)
		if len(terms) > MaxTerms {
			t.Fatalf("%d terms", len(terms))
		}
		for _, term := range terms {
			if term == "" || strings.ContainsAny(term, " \t\n〔〕") || !utf8.ValidString(term) {
				t.Fatalf("bad term %q from %q", term, q)
			}
		}
		for _, tok := range strings.Split(Pairs(q), " ") { // the index splits on ASCII blanks
			if tok == "" && Pairs(q) == "" {
				continue
			}
			if !PairTerm(tok) || strings.ContainsFunc(tok, func(r rune) bool { return r >= 'A' && r <= 'Z' }) {
				t.Fatalf("bad pair %q from %q", tok, q)
			}
		}
		text := HTMLText(q)
		s := Snippet("", text, terms, 20)
		if utf8.RuneCountInString(s) > 22 {
			t.Fatalf("snippet of %d characters", utf8.RuneCountInString(s))
		}
		if len(terms) > 0 {
			flat := strings.Join(strings.Fields(text), " ")
			if p, ok := firstTerm(flat, terms); ok && len(terms[0]) > 0 {
				found := string([]rune(flat)[p:])
				if !strings.Contains(s, string([]rune(found)[:min(1, len([]rune(found)))])) {
					t.Fatalf("snippet %q misses the match at %d of %q", s, p, flat)
				}
			}
		}
	})
}

var benchBody = strings.Repeat("<p>为进一步规范本区医疗机构执业登记管理，根据《医疗机构管理条例》及其实施细则，结合本区实际，制定本办法。</p>", 40)

func BenchmarkTerms(b *testing.B) {
	for b.Loop() {
		Terms("清卫发（2023）12号 关于印发 ＡＢＣ 医疗机构 管理办法的通知")
	}
}

func BenchmarkPairs(b *testing.B) {
	text := HTMLText(benchBody)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Pairs(text)
	}
}

func BenchmarkHTMLText(b *testing.B) {
	b.SetBytes(int64(len(benchBody)))
	for b.Loop() {
		HTMLText(benchBody)
	}
}

func BenchmarkSnippet(b *testing.B) {
	text := HTMLText(benchBody)
	terms := Terms("实施细则 本区")
	for b.Loop() {
		Snippet("", text, terms, 120)
	}
}
