package reader

import (
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/longbridgeapp/opencc"
)

// traditionalOnly holds frequent characters that exist only in traditional script.
const traditionalOnly = "開報會機關資審請與為條項計數處門區衛體國發說經辦規實東書專業當們時過這還環節總獲務聯構級據應態義達產從點間復訴內決結參準確範圍歲費權責記錄續於對齊將僅"

// tradSet is a bitset over U+4E00–U+9FFF of the characters in traditionalOnly.
var tradSet = func() *[(0x9FFF - 0x4E00 + 64) / 64]uint64 {
	var m [(0x9FFF - 0x4E00 + 64) / 64]uint64
	for _, r := range traditionalOnly {
		k := r - 0x4E00
		m[k/64] |= 1 << (k % 64)
	}
	return &m
}()

// isTraditional reports whether s reads as traditional Chinese: enough
// traditional-only characters among its first 20,000 bytes.
func isTraditional(s string) bool {
	if len(s) > 20000 {
		s = s[:20000]
	}
	hits, han := 0, 0
	for i := 0; i+2 < len(s); i++ {
		k, ok := hanAt(s[i], s[i+1], s[i+2])
		if !ok {
			continue
		}
		i += 2
		han++
		hits += int(tradSet[k/64] >> (k % 64) & 1)
	}
	return hits >= 5 && hits*50 >= han
}

// hanAt decodes the UTF-8 sequence c b1 b2 as a CJK unified ideograph (U+4E00–U+9FFF)
// and returns its offset from U+4E00, for a bitset lookup without decoding runes.
func hanAt(c, b1, b2 byte) (uint32, bool) {
	if c-0xE4 > 0xE9-0xE4 { // not a lead byte of U+4000–U+9FFF
		return 0, false
	}
	k := uint32(c&0x0F)<<12 | uint32(b1&0x3F)<<6 | uint32(b2&0x3F) - 0x4E00
	return k, k <= 0x9FFF-0x4E00 // below U+4E00 the subtraction wraps
}

var (
	t2sOnce sync.Once
	t2sConv *opencc.OpenCC
	t2sErr  error
	t2sMu   sync.RWMutex
	t2sMap  = map[rune]rune{} // characters already looked up in the OpenCC dictionaries
)

// toSimplified converts traditional characters to simplified ones with OpenCC's t2s
// dictionaries (embedded in the module, so this works offline). Short lines — table
// cells and labels, where phrase context matters (反覆 → 反复) — go through OpenCC's
// phrase matching, cached by line since the statutory labels repeat from report to
// report; long narrative lines are converted character by character from a per-character
// cache, which is several times faster and enough for the narrative.
func toSimplified(s string) string {
	t2sOnce.Do(func() {
		if t2sConv, t2sErr = opencc.New("t2s"); t2sErr == nil {
			t2sASCIIFree = asciiFreeKeys(t2sConv)
		}
	})
	if t2sErr != nil {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for len(s) > 0 {
		i := strings.IndexByte(s, '\n')
		line := s
		if i >= 0 {
			line = s[:i+1]
		}
		s = s[len(line):]
		if len(line) <= 300 {
			b.WriteString(simplifiedLine(line))
			continue
		}
		// A long line: its cells (between spaces, tabs and pipes) by phrase, a long
		// stretch of narrative character by character.
		for len(line) > 0 {
			k := strings.IndexAny(line, " \t|\u3000")
			seg := line
			if k >= 0 {
				seg = line[:k+1]
				if line[k] >= 0x80 {
					seg = line[:k+len("\u3000")]
				}
			}
			line = line[len(seg):]
			if len(seg) <= 300 {
				b.WriteString(simplifiedLine(seg))
				continue
			}
			for _, r := range seg {
				if r < 0x3400 {
					b.WriteRune(r)
					continue
				}
				b.WriteRune(simplifiedRune(r))
			}
		}
	}
	return b.String()
}

// segCache remembers OpenCC's conversion of the runs of non-ASCII text in lines:
// statutory labels and phrases recur from report to report, and lines that differ
// only in their figures share their runs.
var segCache = map[string]string{}

// t2sASCIIFree is set when no key of the t2s dictionaries holds an ASCII byte: OpenCC's
// phrase matching then never spans an ASCII character, which it leaves as it is, so a
// line converts as its non-ASCII runs converted one by one.
var t2sASCIIFree bool

// asciiFreeKeys reports whether every dictionary key of cc can be listed and none
// holds an ASCII byte.
func asciiFreeKeys(cc *opencc.OpenCC) bool {
	for _, g := range cc.DictChains {
		for _, d := range g.Dicts {
			if d == nil || d.Trie == nil {
				return false
			}
			keys, _, _, _ := d.Trie.Status()
			ids := d.Trie.PrefixPredict(nil, 0)
			if len(ids) != keys {
				return false
			}
			for _, id := range ids {
				k, err := d.Trie.Key(id)
				if err != nil {
					return false
				}
				for _, c := range k {
					if c < utf8.RuneSelf {
						return false
					}
				}
			}
		}
	}
	return true
}

func simplifiedLine(line string) string {
	// A line none of whose characters converts alone (all ASCII, digits, or already
	// simplified) is left as it is.
	changes := false
	for _, r := range line {
		if r >= 0x3400 && simplifiedRune(r) != r {
			changes = true
			break
		}
	}
	if !changes {
		return line
	}
	if !t2sASCIIFree {
		out, ok := convertCached(line)
		if !ok {
			return line
		}
		return out
	}
	var b strings.Builder
	b.Grow(len(line))
	for i := 0; i < len(line); {
		j := i
		if line[i] < utf8.RuneSelf {
			for j < len(line) && line[j] < utf8.RuneSelf {
				j++
			}
			b.WriteString(line[i:j])
		} else {
			for j < len(line) && line[j] >= utf8.RuneSelf {
				j++
			}
			out, ok := convertCached(line[i:j])
			if !ok {
				return line // as OpenCC failing on the whole line
			}
			b.WriteString(out)
		}
		i = j
	}
	return b.String()
}

// convertCached is OpenCC's t2s conversion of s through segCache; ok is false when
// OpenCC fails.
func convertCached(s string) (string, bool) {
	t2sMu.RLock()
	out, ok := segCache[s]
	t2sMu.RUnlock()
	if ok {
		return out, true
	}
	t2sMu.Lock()
	defer t2sMu.Unlock()
	out, err := t2sConv.Convert(s)
	if err != nil {
		return "", false
	}
	if len(segCache) > 50000 {
		clear(segCache)
	}
	segCache[strings.Clone(s)] = out // the key must not keep the document alive
	return out, true
}

// t2sBMP caches simplifiedRune below U+10000 without locking: 0 when not yet looked
// up, else the simplified rune.
var t2sBMP [1 << 16]atomic.Int32

func simplifiedRune(r rune) rune {
	if r >= 0 && r < 1<<16 {
		if out := t2sBMP[r].Load(); out != 0 {
			return rune(out)
		}
		out := simplifiedRuneSlow(r)
		t2sBMP[r].Store(int32(out))
		return out
	}
	return simplifiedRuneSlow(r)
}

func simplifiedRuneSlow(r rune) rune {
	t2sMu.RLock()
	out, ok := t2sMap[r]
	t2sMu.RUnlock()
	if ok {
		return out
	}
	out = r
	t2sMu.Lock()
	defer t2sMu.Unlock()
	if conv, err := t2sConv.Convert(string(r)); err == nil && utf8.RuneCountInString(conv) == 1 {
		out, _ = utf8.DecodeRuneInString(conv)
	}
	t2sMap[r] = out
	return out
}

const toneLetters = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"

// hasPinyin reports whether s contains tone-marked Latin letters.
func hasPinyin(s string) bool {
	// Each lead byte of U+00C0–U+01FF and U+1E00–U+1FFF in turn, found with IndexByte:
	// in Chinese text they are rare.
	for _, lead := range [...]byte{0xC3, 0xC4, 0xC5, 0xC7, 0xE1} {
		for i := 0; ; i++ {
			k := strings.IndexByte(s[i:], lead)
			if k < 0 {
				break
			}
			i += k
			r, _ := utf8.DecodeRuneInString(s[i:])
			if strings.ContainsRune(toneLetters, r) {
				return true
			}
		}
	}
	return false
}

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
	kept := 0 // s[kept:i] is still to be written
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf { // ASCII: never Han; '(' may open a pinyin bracket
			if prevHan && c == '(' {
				if end := pinyinBracketEnd(s, i+1); end > 0 {
					b.WriteString(s[kept:i])
					i, kept = end, end
					continue // prevHan stays true: 公開(kāi)工作
				}
			}
			prevHan = false
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if prevHan && r == '（' {
			if end := pinyinBracketEnd(s, i+n); end > 0 {
				b.WriteString(s[kept:i])
				i, kept = end, end
				continue
			}
		}
		prevHan = r >= 0x3400 && isHan(r)
		i += n
	}
	if kept == 0 {
		return s
	}
	b.WriteString(s[kept:])
	return b.String()
}

// pinyinBracketEnd returns the index after the closing bracket when one to seven
// pinyin letters start at j and a closing bracket follows them; else 0.
func pinyinBracketEnd(s string, j int) int {
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
			return j + m
		}
	}
	return 0
}

// isHan is unicode.Is(unicode.Han, r), without the table search for the CJK Unified
// Ideographs block, all of which is Han.
func isHan(r rune) bool {
	return (r >= 0x4E00 && r <= 0x9FFF) || unicode.Is(unicode.Han, r)
}
