package reader

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/longbridgeapp/opencc"
)

// traditionalOnly holds frequent characters that exist only in traditional script.
const traditionalOnly = "開報會機關資審請與為條項計數處門區衛體國發說經辦規實東書專業當們時過這還環節總獲務聯構級據應態義達產從點間復訴內決結參準確範圍歲費權責記錄續於對齊將僅"

var tradSet = func() map[rune]bool {
	m := map[rune]bool{}
	for _, r := range traditionalOnly {
		m[r] = true
	}
	return m
}()

// isTraditional reports whether s reads as traditional Chinese: enough
// traditional-only characters among its first 20,000 bytes.
func isTraditional(s string) bool {
	if len(s) > 20000 {
		s = s[:20000]
	}
	hits, han := 0, 0
	for _, r := range s {
		if r < 0x3400 {
			continue
		}
		if unicode.Is(unicode.Han, r) {
			han++
			if tradSet[r] {
				hits++
			}
		}
	}
	return hits >= 5 && hits*50 >= han
}

var (
	t2sOnce sync.Once
	t2sConv *opencc.OpenCC
	t2sErr  error
	t2sMu   sync.Mutex
)

// toSimplified converts traditional to simplified characters with OpenCC (dictionaries
// are embedded in the module, so this works offline). On failure s is returned as is.
func toSimplified(s string) string {
	t2sOnce.Do(func() { t2sConv, t2sErr = opencc.New("t2s") })
	if t2sErr != nil {
		return s
	}
	t2sMu.Lock()
	defer t2sMu.Unlock()
	var b strings.Builder
	b.Grow(len(s))
	// Convert line by line: the converter works on rune slices and is quadratic-free per line.
	for len(s) > 0 {
		i := strings.IndexByte(s, '\n')
		line := s
		if i >= 0 {
			line = s[:i+1]
		}
		out, err := t2sConv.Convert(line)
		if err != nil {
			out = line
		}
		b.WriteString(out)
		s = s[len(line):]
	}
	return b.String()
}

const toneLetters = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"

// hasPinyin reports whether s contains tone-marked Latin letters.
func hasPinyin(s string) bool { return strings.ContainsAny(s, toneLetters) }

func isPinyinLetter(r rune) bool {
	return (r >= 'a' && r <= 'z') || strings.ContainsRune(toneLetters, r)
}

// stripPinyin removes pinyin annotations written in brackets right after a Chinese
// character, as in 公開(kāi): a bracket holding one to seven lowercase letters, at least
// one tone-marked or all letters when the preceding character is Han.
func stripPinyin(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	prevHan := false
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if prevHan && (r == '(' || r == '（') {
			j := i + n
			cnt := 0
			for j < len(s) {
				q, m := utf8.DecodeRuneInString(s[j:])
				if !isPinyinLetter(q) {
					break
				}
				cnt++
				j += m
			}
			if cnt >= 1 && cnt <= 7 && j < len(s) {
				q, m := utf8.DecodeRuneInString(s[j:])
				if q == ')' || q == '）' {
					i = j + m
					continue // prevHan stays true: 公開(kāi)工作
				}
			}
		}
		b.WriteString(s[i : i+n])
		prevHan = r >= 0x3400 && unicode.Is(unicode.Han, r)
		i += n
	}
	return b.String()
}
