package reader

import (
	"bytes"
	"encoding/binary"
	"strings"
	"sync"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"

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
	if fewInvalidUTF8(data) {
		return strings.ToValidUTF8(string(data), "\uFFFD"), ""
	}
	// GBK accepts nearly every Big5 byte pair (as other characters), so when both decode,
	// the one whose text is made of the characters every report uses wins.
	gbk, gbkOK := decodeWith(simplifiedchinese.GB18030.NewDecoder(), data)
	if gbkOK && big5CommonBound(data) <= commonScore(gbk) {
		// Big5 could not win: no need to decode it.
		return ownedString(gbk), ""
	}
	big5, big5OK := decodeWith(traditionalchinese.Big5.NewDecoder(), data)
	switch {
	case gbkOK && big5OK:
		if commonScore(big5) > commonScore(gbk) {
			return ownedString(big5), ""
		}
		return ownedString(gbk), ""
	case gbkOK:
		return ownedString(gbk), ""
	case big5OK:
		return ownedString(big5), ""
	}
	return "", "文件编码无法识别（不是UTF-8、GBK或Big5）"
}

// decodeWith decodes data, refusing a result with more than one replacement character
// in 200 bytes.
func decodeWith(d *encoding.Decoder, data []byte) ([]byte, bool) {
	out, err := d.Bytes(data)
	if err != nil || bytes.Count(out, []byte("\uFFFD")) > len(out)/200 {
		return nil, false
	}
	return out, true
}

// big5Common marks the byte pairs (lead<<8 | trail) that Big5 decodes to one of the
// commonChars; built on first use.
var (
	big5CommonOnce sync.Once
	big5Common     *[1 << 16 / 64]uint64
)

// big5CommonBound is at least commonScore of data decoded as Big5: Big5 decodes each
// character from its own byte pair, so the pairs at any offset that decode to a common
// character include all those the decoding meets.
func big5CommonBound(data []byte) int {
	big5CommonOnce.Do(func() {
		var m [1 << 16 / 64]uint64
		d := traditionalchinese.Big5.NewDecoder()
		var pair [2]byte
		for lead := 0x81; lead <= 0xFE; lead++ {
			for trail := 0x40; trail <= 0xFE; trail++ {
				pair[0], pair[1] = byte(lead), byte(trail)
				out, err := d.Bytes(pair[:])
				if err != nil {
					continue
				}
				r, n := utf8.DecodeRune(out)
				if n != len(out) || r < 0x4E00 || r > 0x9FFF {
					continue
				}
				if k := r - 0x4E00; commonChars[k/64]&(1<<(k%64)) != 0 {
					p := lead<<8 | trail
					m[p/64] |= 1 << (p % 64)
				}
			}
		}
		big5Common = &m
	})
	n := 0
	for i := 0; i+1 < len(data); i++ {
		if data[i] < 0x81 {
			continue
		}
		if p := int(data[i])<<8 | int(data[i+1]); big5Common[p/64]&(1<<(p%64)) != 0 {
			n++
		}
	}
	return n
}

// ownedString turns b, which nothing else refers to and nothing changes afterwards,
// into a string without copying it.
func ownedString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// commonChars are characters that every annual report writes many times, in simplified
// and traditional forms: a bitset over U+4E00–U+9FFF.
var commonChars = func() *[(0x9FFF - 0x4E00 + 64) / 64]uint64 {
	var m [(0x9FFF - 0x4E00 + 64) / 64]uint64
	for _, r := range "的年政府信息公开開申请請报報告行机機关關人不予以理本数數量其他情况況处處结結果工作和法条條例规規定" {
		k := r - 0x4E00
		m[k/64] |= 1 << (k % 64)
	}
	return &m
}()

// commonScore counts the runes of s that are commonChars.
func commonScore(s []byte) int {
	n := 0
	for i := 0; i+2 < len(s); i++ {
		k, ok := hanAt(s[i], s[i+1], s[i+2])
		if !ok {
			continue
		}
		i += 2
		n += int(commonChars[k/64] >> (k % 64) & 1)
	}
	return n
}

// fewInvalidUTF8 reports whether fewer than one byte in 100 of data starts an invalid
// UTF-8 sequence.
func fewInvalidUTF8(data []byte) bool {
	bad, limit := 0, len(data)
	for len(data) > 0 {
		if data[0] < utf8.RuneSelf {
			data = data[1:]
			continue
		}
		r, n := utf8.DecodeRune(data)
		if r == utf8.RuneError && n == 1 {
			if bad++; bad*100 >= limit {
				return false
			}
		}
		data = data[n:]
	}
	return true
}

// looksBinary reports NUL bytes or many control characters in the first 8 KB.
func looksBinary(data []byte) bool {
	n := len(data)
	if n > 8192 {
		n = 8192
	}
	head := data[:n]
	if bytes.IndexByte(head, 0) >= 0 {
		return true
	}
	ctl := 0
	i := 0
	// Eight bytes at a time: most words hold no byte below 0x20 at all.
	for ; i+8 <= n; i += 8 {
		w := binary.LittleEndian.Uint64(head[i:])
		if (w-0x2020202020202020)&^w&0x8080808080808080 == 0 {
			continue
		}
		for _, b := range head[i : i+8] {
			ctl += int(controlByte[b])
		}
	}
	for _, b := range head[i:] {
		ctl += int(controlByte[b])
	}
	return ctl*20 > n
}

// controlByte marks the control characters that are not white space.
var controlByte = func() (t [256]uint8) {
	for b := 0; b < 0x20; b++ {
		switch b {
		case '\n', '\r', '\t', '\f', '\v':
		default:
			t[b] = 1
		}
	}
	return t
}()

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
