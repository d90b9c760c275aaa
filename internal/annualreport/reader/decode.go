package reader

import (
	"bytes"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// decode turns raw bytes into UTF-8 text: it strips a BOM, decodes UTF-16 with a BOM and
// GBK/GB18030 or Big5 when the bytes are not UTF-8, and refuses binary data. msg is a Chinese
// reason when the bytes cannot be read as text.
func decode(data []byte) (text string, msg string) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return decodeUTF16(data)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return "", "文件为空"
	}
	if looksBinary(data) {
		return "", "不是文本文件（含有二进制内容）"
	}
	if utf8.Valid(data) {
		return string(data), ""
	}
	// A UTF-8 page with a few broken bytes (a truncated crawl) stays UTF-8; GBK read as
	// UTF-8 breaks at nearly every Chinese character.
	if bad := invalidUTF8(data); bad*100 < len(data) {
		return strings.ToValidUTF8(string(data), "\uFFFD"), ""
	}
	// GBK accepts nearly every Big5 byte pair (as other characters), so when both decode,
	// the one whose text is made of the characters every report uses wins.
	gbk, gbkOK := decodeWith(simplifiedchinese.GB18030.NewDecoder(), data)
	big5, big5OK := decodeWith(traditionalchinese.Big5.NewDecoder(), data)
	switch {
	case gbkOK && big5OK:
		if commonScore(big5) > commonScore(gbk) {
			return big5, ""
		}
		return gbk, ""
	case gbkOK:
		return gbk, ""
	case big5OK:
		return big5, ""
	}
	return "", "文件编码无法识别（不是UTF-8、GBK或Big5）"
}

// decodeWith decodes data, refusing a result with more than one replacement character
// in 200 bytes.
func decodeWith(d *encoding.Decoder, data []byte) (string, bool) {
	out, err := d.Bytes(data)
	if err != nil || bytes.Count(out, []byte("\uFFFD")) > len(out)/200 {
		return "", false
	}
	return string(out), true
}

// commonChars are characters that every annual report writes many times, in simplified
// and traditional forms.
var commonChars = func() map[rune]bool {
	m := map[rune]bool{}
	for _, r := range "的年政府信息公开開申请請报報告行机機关關人不予以理本数數量其他情况況处處结結果工作和法条條例规規定" {
		m[r] = true
	}
	return m
}()

// commonScore counts the runes of s that are commonChars.
func commonScore(s string) int {
	n := 0
	for _, r := range s {
		if commonChars[r] {
			n++
		}
	}
	return n
}

// invalidUTF8 counts the invalid sequences in data.
func invalidUTF8(data []byte) int {
	bad := 0
	for len(data) > 0 {
		r, n := utf8.DecodeRune(data)
		if r == utf8.RuneError && n == 1 {
			bad++
		}
		data = data[n:]
	}
	return bad
}

// looksBinary reports NUL bytes or many control characters in the first 8 KB.
func looksBinary(data []byte) bool {
	n := len(data)
	if n > 8192 {
		n = 8192
	}
	ctl := 0
	for _, b := range data[:n] {
		if b == 0 {
			return true
		}
		if b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' && b != '\v' {
			ctl++
		}
	}
	return ctl*20 > n
}

func decodeUTF16(data []byte) (string, string) {
	be := data[0] == 0xFE
	data = data[2:]
	if len(data)%2 != 0 {
		data = data[:len(data)-1]
	}
	u := make([]uint16, len(data)/2)
	for i := range u {
		if be {
			u[i] = uint16(data[2*i])<<8 | uint16(data[2*i+1])
		} else {
			u[i] = uint16(data[2*i+1])<<8 | uint16(data[2*i])
		}
	}
	s := string(utf16.Decode(u))
	if len(bytes.TrimSpace([]byte(s))) == 0 {
		return "", "文件为空"
	}
	return s, ""
}
