// Package textcheck is the one boundary check of text that enters gongkai — form fields,
// query parameters, path segments, uploaded file names, rows of imported files: valid
// UTF-8, no NUL and no control characters (newlines and tabs only where a field holds
// several lines), a length limit per field, whole numbers within bounds. A refused value
// gets a Chinese message that names the field and says where the problem is.
//
// Both databases then hold only text PostgreSQL accepts (it refuses NUL and invalid
// UTF-8), and no stored value can carry terminal escapes into a log or a console.
package textcheck

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"gongkai/internal/apperr"
)

// Kind is what a field holds.
type Kind int

const (
	// Line is one line of text: no control character at all.
	Line Kind = iota
	// Text is several lines: newlines (LF, CR) and tabs allowed, no other control character.
	Text
	// Int is a whole number, optionally empty, between Min and Max.
	Int
)

// Default lengths, in characters, of fields whose rule gives none.
const (
	DefaultLine = 500
	DefaultText = 20000
)

// Rule is how one field is checked.
type Rule struct {
	Label  string // the field's Chinese name, as the form shows it
	Kind   Kind
	MaxLen int   // characters; 0: DefaultLine or DefaultText (not used for an Int)
	Min    int64 // Int only
	Max    int64 // Int only
}

// LineOf, TextOf and IntOf build rules.
func LineOf(label string, maxLen int) Rule  { return Rule{Label: label, Kind: Line, MaxLen: maxLen} }
func TextOf(label string, maxLen int) Rule  { return Rule{Label: label, Kind: Text, MaxLen: maxLen} }
func IntOf(label string, lo, hi int64) Rule { return Rule{Label: label, Kind: Int, Min: lo, Max: hi} }

// Limit is the rule's length limit in characters.
func (r Rule) Limit() int {
	switch {
	case r.MaxLen > 0:
		return r.MaxLen
	case r.Kind == Text:
		return DefaultText
	}
	return DefaultLine
}

// Reason is why a value was refused.
type Reason int

const (
	BadUTF8 Reason = iota + 1 // bytes that are not UTF-8 text
	NUL                       // a NUL byte
	Control                   // another control character (or a line break in a one-line field)
	TooLong
	NotInt
	OutOfRange
)

// Problem is a refused value.
type Problem struct {
	Label  string
	Reason Reason
	At     int // 1-based character position of the first bad character (BadUTF8, NUL, Control)
	Len    int // length in characters (TooLong)
	Rule   Rule
}

// Error is the Chinese message naming the field.
func (p *Problem) Error() string {
	l := "“" + p.Label + "”"
	switch p.Reason {
	case BadUTF8:
		return fmt.Sprintf("%s第%d个字符处含有无法识别的字节（不是UTF-8编码的文字，可能是从其他编码的文件中复制的），请删除后重新填写", l, p.At)
	case NUL:
		return fmt.Sprintf("%s第%d个字符是空字符（NUL），请删除后重新填写", l, p.At)
	case Control:
		if p.Rule.Kind == Line {
			return fmt.Sprintf("%s第%d个字符是换行、制表符或不可见的控制字符（此项只能填写一行文字），请删除后重新填写", l, p.At)
		}
		return fmt.Sprintf("%s第%d个字符是不可见的控制字符，请删除后重新填写", l, p.At)
	case TooLong:
		return fmt.Sprintf("%s过长：最多%d个字，现有%d个字", l, p.Rule.Limit(), p.Len)
	case NotInt:
		return fmt.Sprintf("%s应填写整数", l)
	case OutOfRange:
		return fmt.Sprintf("%s应为%d至%d之间的整数", l, p.Rule.Min, p.Rule.Max)
	}
	return l + "的内容无效"
}

// Err is the problem as an apperr.Invalid, nil for no problem.
func (p *Problem) Err() error {
	if p == nil {
		return nil
	}
	return apperr.New(apperr.Invalid, p.Error())
}

// Check applies the rule to v and returns the first problem, nil when v is acceptable.
func (r Rule) Check(v string) *Problem {
	if r.Kind != Int {
		return r.scan(v, r.Limit())
	}
	if p := r.scan(v, len(v)); p != nil {
		return p
	}
	s := strings.TrimSpace(v)
	if s == "" {
		return nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if errors.Is(err, strconv.ErrRange) {
		return &Problem{Label: r.Label, Reason: OutOfRange, Rule: r}
	}
	if err != nil {
		return &Problem{Label: r.Label, Reason: NotInt, Rule: r}
	}
	if n < r.Min || n > r.Max {
		return &Problem{Label: r.Label, Reason: OutOfRange, Rule: r}
	}
	return nil
}

// scan finds bad bytes, control characters and excess length in one pass.
func (r Rule) scan(v string, limit int) *Problem {
	n := 0
	for i := 0; i < len(v); {
		c, size := utf8.DecodeRuneInString(v[i:])
		n++
		switch {
		case c == utf8.RuneError && size == 1:
			return &Problem{Label: r.Label, Reason: BadUTF8, At: n, Rule: r}
		case c == 0:
			return &Problem{Label: r.Label, Reason: NUL, At: n, Rule: r}
		case unicode.IsControl(c) && !(r.Kind == Text && (c == '\n' || c == '\r' || c == '\t')):
			return &Problem{Label: r.Label, Reason: Control, At: n, Rule: r}
		}
		i += size
	}
	if n > limit {
		return &Problem{Label: r.Label, Reason: TooLong, Len: n, Rule: r}
	}
	return nil
}

// Clean is v with each undecodable byte and each control character (other than the
// newlines and tabs of a Text field) replaced by U+FFFD, so a refused value can be shown
// back to the person who typed it — the place of the problem visible — and sent again.
func Clean(v string, kind Kind) string {
	var b strings.Builder
	b.Grow(len(v))
	for i := 0; i < len(v); {
		c, size := utf8.DecodeRuneInString(v[i:])
		i += size
		if (c == utf8.RuneError && size == 1) || (unicode.IsControl(c) && !(kind == Text && (c == '\n' || c == '\r' || c == '\t'))) {
			b.WriteRune(utf8.RuneError)
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}

// Acceptable reports whether s holds only text a Text field accepts, whatever its length
// (for scans of stored data: see Scan).
func Acceptable(s string) bool {
	return Rule{Kind: Text}.scan(s, len(s)) == nil
}

// Finding is a stored value that would be refused at the boundary today.
type Finding struct {
	Reason Reason
	At     int    // 1-based character position
	Byte   byte   // the offending byte (first byte of the character)
	Near   string // a few characters around it, cleaned, for a report
}

// Scan looks at a stored value as a Text field would (newlines and tabs allowed) and
// reports its first bad byte or control character; ok is true when there is none.
func Scan(s string) (Finding, bool) {
	p := Rule{Kind: Text}.scan(s, len(s))
	if p == nil {
		return Finding{}, true
	}
	// Byte offset of the p.At-th character.
	off, n := 0, 0
	for off < len(s) {
		n++
		if n == p.At {
			break
		}
		_, size := utf8.DecodeRuneInString(s[off:])
		off += size
	}
	from, to := max(off-12, 0), min(off+12, len(s))
	for from > 0 && !utf8.RuneStart(s[from]) {
		from--
	}
	for to < len(s) && !utf8.RuneStart(s[to]) {
		to++
	}
	return Finding{Reason: p.Reason, At: p.At, Byte: s[off], Near: Clean(s[from:to], Line)}, false
}

// Reasons in English, for logs and the command line.
func (r Reason) String() string {
	switch r {
	case BadUTF8:
		return "invalid UTF-8"
	case NUL:
		return "NUL byte"
	case Control:
		return "control character"
	case TooLong:
		return "too long"
	case NotInt:
		return "not a whole number"
	case OutOfRange:
		return "out of range"
	}
	return "unknown"
}
