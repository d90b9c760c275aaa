package reader

import (
	"strings"

	"golang.org/x/net/html"
)

// htmlScanner splits an HTML page into text, start tags and end tags exactly as
// golang.org/x/net/html's Tokenizer does (the WHATWG tokenizer states that matter:
// raw text and RCDATA elements, the script escape states, comments, doctypes, bogus
// comments, quoted attribute values, self-closing tags, a tag cut off by the end of
// the page), but over the string in place: text and tag names are substrings, and only
// the attributes htmlToText uses (colspan, rowspan) are kept. TestHTMLScannerSameTokens
// holds it to the Tokenizer's token stream.
type htmlScanner struct {
	s      string
	i      int
	rawTag string // lower-case raw text element just opened ("script", "title" …), or ""

	// The current token.
	text        string // text, newlines converted and entities unescaped (not in raw text)
	name        string // tag name as written
	tag         htag
	selfClosing bool
	colspan     string // first colspan / rowspan attribute value, unescaped
	rowspan     string
	hasColspan  bool
	hasRowspan  bool
}

type htmlTok uint8

const (
	hEOF htmlTok = iota
	hText
	hStart // a start tag; selfClosing tells <br/>
	hEnd
)

// htag is the element of a tag, as far as htmlToText tells elements apart.
type htag uint8

const (
	tagOther htag = iota
	tagTable
	tagTd
	tagTh
	tagTr
	tagPre
	tagTitle
	tagBlock // the other blockTags
	tagSkip  // skipTags
)

// classifyTag names the element of a tag name (any case) as htmlToText tells elements
// apart, and, for an element whose content is raw text or RCDATA, its lower-case name.
// A name of up to eight bytes is lower-cased into an integer and switched on.
func classifyTag(name string) (htag, string) {
	if len(name) > 8 {
		switch {
		case asciiFoldEqual(name, "blockquote"):
			return tagBlock, ""
		case asciiFoldEqual(name, "plaintext"):
			return tagOther, "plaintext"
		}
		return tagOther, ""
	}
	var k uint64
	for i := len(name) - 1; i >= 0; i-- {
		c := name[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		} else if c == 0 {
			return tagOther, "" // no name has a NUL, which would read as a shorter name
		}
		k = k<<8 | uint64(c)
	}
	switch k {
	case 0x656c6369747261: // article
		return tagBlock, ""
	case 0x7262: // br
		return tagBlock, ""
	case 0x6e6f74747562: // button
		return tagSkip, ""
	case 0x6e6f6974706163: // caption
		return tagBlock, ""
	case 0x6464: // dd
		return tagBlock, ""
	case 0x766964: // div
		return tagBlock, ""
	case 0x7464: // dt
		return tagBlock, ""
	case 0x7265746f6f66: // footer
		return tagSkip, ""
	case 0x3168: // h1
		return tagBlock, ""
	case 0x3268: // h2
		return tagBlock, ""
	case 0x3368: // h3
		return tagBlock, ""
	case 0x3468: // h4
		return tagBlock, ""
	case 0x3568: // h5
		return tagBlock, ""
	case 0x3668: // h6
		return tagBlock, ""
	case 0x726564616568: // header
		return tagBlock, ""
	case 0x7268: // hr
		return tagBlock, ""
	case 0x656d61726669: // iframe
		return tagSkip, "iframe"
	case 0x696c: // li
		return tagBlock, ""
	case 0x76616e: // nav
		return tagSkip, ""
	case 0x6465626d656f6e: // noembed
		return tagOther, "noembed"
	case 0x73656d6172666f6e: // noframes
		return tagOther, "noframes"
	case 0x7470697263736f6e: // noscript
		return tagSkip, "noscript"
	case 0x7463656a626f: // object
		return tagSkip, ""
	case 0x6c6f: // ol
		return tagBlock, ""
	case 0x70: // p
		return tagBlock, ""
	case 0x657270: // pre
		return tagPre, ""
	case 0x747069726373: // script
		return tagSkip, "script"
	case 0x6e6f6974636573: // section
		return tagBlock, ""
	case 0x7463656c6573: // select
		return tagSkip, ""
	case 0x656c797473: // style
		return tagSkip, "style"
	case 0x677673: // svg
		return tagSkip, ""
	case 0x656c626174: // table
		return tagTable, ""
	case 0x6474: // td
		return tagTd, ""
	case 0x6574616c706d6574: // template
		return tagSkip, ""
	case 0x6165726174786574: // textarea
		return tagOther, "textarea"
	case 0x6874: // th
		return tagTh, ""
	case 0x656c746974: // title
		return tagTitle, "title"
	case 0x7274: // tr
		return tagTr, ""
	case 0x6c75: // ul
		return tagBlock, ""
	case 0x706d78: // xmp
		return tagOther, "xmp"
	}
	return tagOther, ""
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func isHTMLSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' }

// next scans the next token.
func (z *htmlScanner) next() htmlTok {
	s := z.s
	if z.i >= len(s) {
		return hEOF
	}
	if z.rawTag != "" {
		tag := z.rawTag
		z.rawTag = ""
		start := z.i
		var end int
		switch tag {
		case "plaintext":
			end = len(s)
		case "script":
			end = scriptEnd(s, start)
		default:
			end = rawEnd(s, start, tag)
		}
		z.i = end
		if end > start {
			z.text = z.convert(s[start:end], true, tag == "textarea" || tag == "title")
			return hText
		}
	}
	start := z.i
	i := start
	for {
		k := strings.IndexByte(s[i:], '<')
		if k < 0 || i+k+1 >= len(s) {
			break // text to the end (a '<' at the very end is text)
		}
		i += k
		c := s[i+1]
		if !(isLetter(c) || c == '/' || c == '!' || c == '?') {
			i++
			continue
		}
		if i > start {
			z.i = i
			z.text = z.convert(s[start:i], false, true)
			return hText
		}
		switch {
		case isLetter(c):
			return z.readTag(i, false)
		case c == '/':
			if i+2 >= len(s) {
				z.i = len(s)
				z.text = s[i:] // "</" at the end is text
				return hText
			}
			d := s[i+2]
			if d == '>' { // "</>" is nothing at all
				i += 3
			} else if isLetter(d) {
				return z.readTag(i, true)
			} else {
				i = closeAngle(s, i+2) // a bogus comment
			}
		case c == '!':
			if i+3 < len(s) && s[i+2] == '-' && s[i+3] == '-' {
				i = commentEnd(s, i+4)
			} else if i+3 >= len(s) {
				i = len(s)
			} else {
				i = closeAngle(s, i+2) // a doctype or a bogus comment
			}
		default: // "<?"
			i = closeAngle(s, i+1)
		}
		start = i
	}
	z.i = len(s)
	if len(s) > start {
		z.text = z.convert(s[start:], false, true)
		return hText
	}
	return hEOF
}

// closeAngle returns the index after the next '>' from i, or the end of s.
func closeAngle(s string, i int) int {
	if k := strings.IndexByte(s[i:], '>'); k >= 0 {
		return i + k + 1
	}
	return len(s)
}

// commentEnd returns the index after the comment whose "<!--" ends at i.
func commentEnd(s string, i int) int {
	dash := 0
	beginning := true
	for ; i < len(s); i++ {
		switch s[i] {
		case '-':
			dash++
			continue
		case '>':
			if dash >= 2 || beginning {
				return i + 1
			}
		case '!':
			if dash >= 2 {
				i++
				if i >= len(s) {
					return len(s)
				}
				if s[i] == '>' {
					return i + 1
				}
				if s[i] == '-' {
					dash = 1
					beginning = false
					continue
				}
			}
		}
		dash = 0
		beginning = false
	}
	return len(s)
}

// rawEndTag reports whether "</" + tag + a space, '/' or '>' starts at i-2 (i is after
// "</"); next is where scanning resumes when it does not, and eof is set when s ends
// first.
func rawEndTag(s string, i int, tag string) (ok bool, next int, eof bool) {
	for t := 0; t < len(tag); t++ {
		if i+t >= len(s) {
			return false, len(s), true
		}
		if c := s[i+t]; c != tag[t] && c != tag[t]-('a'-'A') {
			return false, i + t, false
		}
	}
	j := i + len(tag)
	if j >= len(s) {
		return false, len(s), true
	}
	switch s[j] {
	case ' ', '\n', '\r', '\t', '\f', '/', '>':
		return true, i - 2, false
	}
	return false, j, false
}

// rawEnd returns where the raw text or RCDATA of element tag, starting at i, ends.
func rawEnd(s string, i int, tag string) int {
	for {
		k := strings.IndexByte(s[i:], '<')
		if k < 0 {
			return len(s)
		}
		i += k + 1
		if i >= len(s) {
			return len(s)
		}
		if s[i] != '/' {
			continue
		}
		ok, next, eof := rawEndTag(s, i+1, tag)
		if ok {
			return next
		}
		if eof {
			return len(s)
		}
		i = next
	}
}

// scriptEnd returns where the content of a script element, starting at i, ends,
// following the script data states (escaped in "<!--", double escaped in a nested
// "<script").
func scriptEnd(s string, i int) int {
	n := len(s)
	var c byte
	next := func() bool {
		if i >= n {
			return false
		}
		c = s[i]
		i++
		return true
	}
scriptData:
	if k := strings.IndexByte(s[i:], '<'); k < 0 {
		return n
	} else {
		i += k + 1
	}
	// scriptDataLessThanSign
	if !next() {
		return n
	}
	switch c {
	case '/':
		ok, at, eof := rawEndTag(s, i, "script")
		if ok {
			return at
		}
		if eof {
			return n
		}
		i = at
		goto scriptData
	case '!':
		if !next() {
			return n
		}
		if c != '-' {
			i--
			goto scriptData
		}
		if !next() {
			return n
		}
		if c != '-' {
			i--
			goto scriptData
		}
		goto scriptDataEscapedDashDash
	}
	i--
	goto scriptData

scriptDataEscaped:
	if !next() {
		return n
	}
	switch c {
	case '-':
		goto scriptDataEscapedDash
	case '<':
		goto scriptDataEscapedLessThanSign
	}
	goto scriptDataEscaped

scriptDataEscapedDash:
	if !next() {
		return n
	}
	switch c {
	case '-':
		goto scriptDataEscapedDashDash
	case '<':
		goto scriptDataEscapedLessThanSign
	}
	goto scriptDataEscaped

scriptDataEscapedDashDash:
	if !next() {
		return n
	}
	switch c {
	case '-':
		goto scriptDataEscapedDashDash
	case '<':
		goto scriptDataEscapedLessThanSign
	case '>':
		goto scriptData
	}
	goto scriptDataEscaped

scriptDataEscapedLessThanSign:
	if !next() {
		return n
	}
	if c == '/' {
		ok, at, eof := rawEndTag(s, i, "script")
		if ok {
			return at
		}
		if eof {
			return n
		}
		i = at
		goto scriptDataEscaped
	}
	if isLetter(c) {
		// scriptDataDoubleEscapeStart
		i--
		for k := 0; k < len("script"); k++ {
			if !next() {
				return n
			}
			if c != "script"[k] && c != "SCRIPT"[k] {
				i--
				goto scriptDataEscaped
			}
		}
		if !next() {
			return n
		}
		switch c {
		case ' ', '\n', '\r', '\t', '\f', '/', '>':
			goto scriptDataDoubleEscaped
		}
		i--
		goto scriptDataEscaped
	}
	i--
	goto scriptData

scriptDataDoubleEscaped:
	if !next() {
		return n
	}
	switch c {
	case '-':
		goto scriptDataDoubleEscapedDash
	case '<':
		goto scriptDataDoubleEscapedLessThanSign
	}
	goto scriptDataDoubleEscaped

scriptDataDoubleEscapedDash:
	if !next() {
		return n
	}
	switch c {
	case '-':
		goto scriptDataDoubleEscapedDashDash
	case '<':
		goto scriptDataDoubleEscapedLessThanSign
	}
	goto scriptDataDoubleEscaped

scriptDataDoubleEscapedDashDash:
	if !next() {
		return n
	}
	switch c {
	case '-':
		goto scriptDataDoubleEscapedDashDash
	case '<':
		goto scriptDataDoubleEscapedLessThanSign
	case '>':
		goto scriptData
	}
	goto scriptDataDoubleEscaped

scriptDataDoubleEscapedLessThanSign:
	if !next() {
		return n
	}
	if c != '/' {
		i--
		goto scriptDataDoubleEscaped
	}
	// scriptDataDoubleEscapeEnd
	if ok, at, eof := rawEndTag(s, i, "script"); ok {
		i = at + len("</script>")
		goto scriptDataEscaped
	} else if eof {
		return n
	} else {
		i = at
	}
	goto scriptDataDoubleEscaped
}

// readTag reads the tag whose '<' is at i: its name, its attributes (colspan and
// rowspan kept), where it ends. A tag cut off by the end of the page ends the page.
func (z *htmlScanner) readTag(i int, end bool) htmlTok {
	s := z.s
	n := len(s)
	j := i + 1
	if end {
		j++
	}
	nameStart := j
	// The tag name runs to a space, '/' or '>'.
	for j < n && !isHTMLSpace(s[j]) && s[j] != '/' && s[j] != '>' {
		j++
	}
	if j >= n {
		return z.eof()
	}
	name := s[nameStart:j]
	if isHTMLSpace(s[j]) {
		j++
	}
	z.hasColspan, z.hasRowspan = false, false
	var keys [8]string // keys of the attributes kept (the first of each name)
	nkeys := 0
	var more []string
	lastValEnd := -1 // end of the value of the last attribute kept
	for {
		for j < n && isHTMLSpace(s[j]) {
			j++
		}
		if j >= n {
			return z.eof()
		}
		if s[j] == '>' {
			j++
			break
		}
		// The attribute name: to '=' (not first), a space, '/' or '>'.
		ks := j
		j++
		if s[ks] == '/' || s[ks] == '>' || isHTMLSpace(s[ks]) {
			j = ks
		} else {
			for j < n {
				c := s[j]
				if c == '=' || c == '/' || c == '>' || isHTMLSpace(c) {
					break
				}
				j++
			}
		}
		key := s[ks:j]
		// The value.
		vs, ve := j, j
		for j < n && isHTMLSpace(s[j]) {
			j++
		}
		if j >= n {
			return z.eof()
		}
		switch c := s[j]; {
		case c == '/':
			j++
			vs, ve = ks+len(key), ks+len(key)
		case c != '=':
			vs, ve = ks+len(key), ks+len(key)
		default:
			j++
			for j < n && isHTMLSpace(s[j]) {
				j++
			}
			if j >= n {
				return z.eof()
			}
			switch q := s[j]; q {
			case '>':
				vs, ve = ks+len(key), ks+len(key)
			case '\'', '"':
				j++
				k := strings.IndexByte(s[j:], q)
				if k < 0 {
					return z.eof()
				}
				vs, ve = j, j+k
				j += k + 1
			default:
				vs = j
				for j < n && !isHTMLSpace(s[j]) && s[j] != '>' {
					j++
				}
				if j >= n {
					return z.eof()
				}
				ve = j
				if isHTMLSpace(s[j]) {
					j++
				}
			}
		}
		if end || key == "" {
			continue
		}
		dup := false
		for _, k := range keys[:nkeys] {
			if asciiFoldEqual(k, key) {
				dup = true
				break
			}
		}
		for _, k := range more {
			if asciiFoldEqual(k, key) {
				dup = true
				break
			}
		}
		if dup {
			continue
		}
		if nkeys < len(keys) {
			keys[nkeys] = key
			nkeys++
		} else {
			more = append(more, key)
		}
		lastValEnd = ve
		switch {
		case asciiFoldEqual(key, "colspan"):
			z.colspan, z.hasColspan = z.attrValue(s[vs:ve]), true
		case asciiFoldEqual(key, "rowspan"):
			z.rowspan, z.hasRowspan = z.attrValue(s[vs:ve]), true
		}
	}
	z.i = j
	z.name = name
	tag, raw := classifyTag(name)
	z.tag = tag
	if end {
		return hEnd
	}
	z.rawTag = raw
	z.selfClosing = s[j-2] == '/' && (lastValEnd < 0 || j-2 != lastValEnd-1)
	return hStart
}

// asciiFoldEqual reports a == b with ASCII letters folded.
func asciiFoldEqual(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

func (z *htmlScanner) eof() htmlTok {
	z.i = len(z.s)
	return hEOF
}

// attrValue is an attribute value as the Tokenizer gives it: NUL as U+FFFD, newlines
// converted, entities unescaped.
func (z *htmlScanner) attrValue(v string) string {
	if strings.IndexByte(v, 0) >= 0 {
		v = strings.ReplaceAll(v, "\x00", "\uFFFD")
	}
	if strings.IndexByte(v, '\r') >= 0 {
		v = convertNewlines(v)
	}
	if strings.IndexByte(v, '&') >= 0 {
		v = html.UnescapeString(v)
	}
	return v
}

// convert is the text of a text token as the Tokenizer gives it: "\r\n" and "\r" as
// "\n"; in the content of a raw text or RCDATA element NUL as U+FFFD; entities
// unescaped except in raw text.
func (z *htmlScanner) convert(t string, nul, unescape bool) string {
	if strings.IndexByte(t, '\r') >= 0 {
		t = convertNewlines(t)
	}
	if nul && strings.IndexByte(t, 0) >= 0 {
		t = strings.ReplaceAll(t, "\x00", "\uFFFD")
	}
	if unescape && strings.IndexByte(t, '&') >= 0 {
		t = html.UnescapeString(t)
	}
	return t
}

func convertNewlines(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}
