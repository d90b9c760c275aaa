// Package searchtext is how the catalog search reads text, pure and in one place: a query
// is normalised (Normalize) and split into terms (Terms); an item's HTML body becomes plain
// text (HTMLText) and the two-character pair tokens of the pair index (Pairs); a result
// shows a passage around its first term (Snippet). The store indexes and queries with
// these functions (on SQLite they are also registered as the SQL functions the search
// triggers call), and the portal highlights with IndexFold.
package searchtext

import (
	"html"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// MaxLen bounds a search query, in characters; longer queries are cut.
const MaxLen = 100

// MaxTerms bounds the number of terms of one query.
const MaxTerms = 8

// bracketYearRe finds a year in any kind of brackets, as people type the 〔〕 of a 文号.
var bracketYearRe = regexp.MustCompile(`[\[［【(（〔﹝]\s*(\d{4})\s*[\]］】)）〕﹞]`)

// Normalize folds a query the way the catalog writes things: full-width letters, digits
// and blanks become ASCII ones, a bracketed year becomes 〔2023〕 as in a 文号, and runs of
// blanks shrink to one. The result is at most MaxLen characters.
func Normalize(q string) string {
	q = strings.ToValidUTF8(q, "")
	var b strings.Builder
	for _, r := range q {
		switch {
		case r == '\u3000' || unicode.IsSpace(r) || unicode.IsControl(r):
			b.WriteByte(' ')
		case r >= '！' && r <= '～':
			if r == '（' || r == '）' || r == '［' || r == '］' {
				b.WriteRune(r) // kept for bracketYearRe, then split below
			} else {
				b.WriteString(width.Narrow.String(string(r)))
			}
		default:
			b.WriteRune(r)
		}
	}
	s := bracketYearRe.ReplaceAllString(b.String(), "〔$1〕")
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) > MaxLen {
		s = string([]rune(s)[:MaxLen])
		s = strings.TrimSpace(s)
	}
	return s
}

// isTermSeparator reports the characters that split a query into terms: blanks, brackets,
// quotes and sentence punctuation. "/" and "-" stay inside terms (索引号 use them).
func isTermSeparator(r rune) bool {
	if unicode.IsSpace(r) {
		return true
	}
	return strings.ContainsRune("〔〕[]［］【】()（）﹝﹞《》〈〉<>\"“”'‘’,，、;；:：.。!！?？|｜*", r)
}

// Terms splits a query into the terms that must all be found, in order of first
// appearance, without repeats (ignoring the case of Latin letters), at most MaxTerms. An
// item matches when every term occurs in one of 名称, 文号, 索引号, 主题词, 内容概述 or the body
// text (case-insensitively for Latin letters).
func Terms(q string) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range strings.FieldsFunc(Normalize(q), isTermSeparator) {
		k := strings.ToLower(t)
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, t)
		if len(out) == MaxTerms {
			break
		}
	}
	return out
}

// pairable reports whether a character can be part of a term of the pair index: any but
// ASCII punctuation, blanks and control characters, which the index's ascii tokenizer takes
// for separators.
func pairable(r rune) bool {
	return r >= 0x80 || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
}

// PairTerm reports whether the pair index finds term: two characters, both pairable.
func PairTerm(term string) bool {
	if utf8.RuneCountInString(term) != 2 {
		return false
	}
	for _, r := range term {
		if !pairable(r) {
			return false
		}
	}
	return true
}

// Pairs is the text the pair index holds for s: every two adjacent pairable characters of
// s, ASCII letters in lower case, one pair a token, blank-separated.
func Pairs(s string) string {
	var b strings.Builder
	AppendPairs(&b, s)
	return b.String()
}

// AppendPairs appends the pairs of s to b (a blank before each when b is not empty), for
// the pair text of several columns.
func AppendPairs(b *strings.Builder, s string) {
	prev := rune(-1)
	for _, r := range s {
		if r >= 'A' && r <= 'Z' {
			r += 'a' - 'A'
		}
		if !pairable(r) {
			prev = -1
			continue
		}
		if prev >= 0 {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteRune(prev)
			b.WriteRune(r)
		}
		prev = r
	}
}

var tagRe = regexp.MustCompile(`<[^>]*>`)

// HTMLText is the text of sanitised HTML as search sees it: tags replaced by blanks,
// entities decoded. It is what the search index holds for a body.
func HTMLText(h string) string {
	if !strings.ContainsAny(h, "<&") {
		return h
	}
	return html.UnescapeString(tagRe.ReplaceAllString(h, " "))
}

// ContainsAll reports whether s holds every term, ignoring case.
func ContainsAll(s string, terms []string) bool {
	ls := strings.ToLower(s)
	for _, t := range terms {
		if !strings.Contains(ls, strings.ToLower(t)) {
			return false
		}
	}
	return true
}

// Snippet is a passage of at most n characters for a result: from the summary when it
// holds a term, else from the body around its first term, else the start of the summary
// or body. Runs of blanks shrink to one; a cut is marked with "…".
func Snippet(summary, body string, terms []string, n int) string {
	summary = strings.Join(strings.Fields(summary), " ")
	for _, src := range []string{summary, body} {
		if src == "" || len(terms) == 0 {
			continue
		}
		if src == body {
			src = strings.Join(strings.Fields(src), " ")
		}
		if p, ok := firstTerm(src, terms); ok {
			return cutAround([]rune(src), p, n)
		}
	}
	if summary != "" {
		return cutAround([]rune(summary), 0, n)
	}
	b := strings.Join(strings.Fields(body), " ")
	return cutAround([]rune(b), 0, n)
}

// firstTerm finds the rune position of the first term in s (case-insensitive for ASCII).
func firstTerm(s string, terms []string) (int, bool) {
	rs := []rune(s)
	best := -1
	for _, t := range terms {
		if i := IndexFold(rs, []rune(t)); i >= 0 && (best < 0 || i < best) {
			best = i
		}
	}
	return best, best >= 0
}

// IndexFold returns the rune index of the first occurrence of sub in s, comparing ASCII
// letters without case (as the search does), or -1.
func IndexFold(s, sub []rune) int {
	if len(sub) == 0 {
		return -1
	}
outer:
	for i := 0; i+len(sub) <= len(s); i++ {
		for j, r := range sub {
			if foldASCII(s[i+j]) != foldASCII(r) {
				continue outer
			}
		}
		return i
	}
	return -1
}

func foldASCII(r rune) rune {
	if r >= 'A' && r <= 'Z' {
		return r + 'a' - 'A'
	}
	return r
}

func cutAround(rs []rune, p, n int) string {
	if len(rs) <= n {
		return string(rs)
	}
	start := max(p-n/4, 0)
	end := min(start+n, len(rs))
	start = max(end-n, 0)
	s := string(rs[start:end])
	if start > 0 {
		s = "…" + s
	}
	if end < len(rs) {
		s += "…"
	}
	return s
}
