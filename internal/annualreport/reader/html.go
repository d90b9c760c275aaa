package reader

import (
	"strconv"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// looksHTML reports whether text is an HTML page or fragment.
func looksHTML(s string) bool {
	head := s
	if len(head) > 4096 {
		head = head[:4096]
	}
	for _, tag := range []string{"<html", "<body", "<table", "<div", "<p>", "<p ", "<br", "<td", "<!doctype"} {
		if containsFold(head, tag) {
			return true
		}
	}
	return containsFold(s, "<table")
}

// containsFold reports whether s contains the lower-case ASCII tag in any case.
func containsFold(s, tag string) bool {
	for i := 0; i+len(tag) <= len(s); {
		k := strings.IndexByte(s[i:], '<')
		if k < 0 {
			return false
		}
		i += k
		if i+len(tag) > len(s) {
			return false
		}
		match := true
		for j := 1; j < len(tag); j++ {
			c := s[i+j]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != tag[j] {
				match = false
				break
			}
		}
		if match {
			return true
		}
		i++
	}
	return false
}

// skipTags are page chrome and non-content elements.
var skipTags = map[string]bool{
	"script": true, "style": true, "noscript": true, "meta": true, "link": true, "nav": true, "footer": true,
	"iframe": true, "select": true, "button": true, "svg": true, "template": true, "object": true,
}

var blockTags = map[string]bool{
	"p": true, "div": true, "br": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"li": true, "ul": true, "ol": true, "section": true, "article": true, "header": true, "tr": true,
	"title": true, "pre": true, "blockquote": true, "dd": true, "dt": true, "hr": true, "caption": true,
}

// htmlToText renders an HTML page as the line text the tokenizer reads: paragraphs as
// lines; every table cell on its own line after a tab, an empty cell as a line holding
// only a tab (once per column it spans), and an empty line after every table row.
func htmlToText(s string) string {
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(s))
	if err != nil {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) / 2)
	for _, n := range doc.Nodes {
		walk(&b, n, false)
	}
	return b.String()
}

func walk(b *strings.Builder, n *html.Node, inCell bool) {
	switch n.Type {
	case html.TextNode:
		t := n.Data
		if !inCell && strings.TrimSpace(t) == "" {
			return
		}
		if inCell {
			t = strings.Join(strings.Fields(t), " ")
		} else {
			t = strings.ReplaceAll(t, "\n", " ")
		}
		b.WriteString(t)
		return
	case html.ElementNode:
		if skipTags[n.Data] {
			return
		}
		if (n.Data == "td" || n.Data == "th") && !inCell {
			var cell strings.Builder
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(&cell, c, true)
			}
			text := strings.TrimSpace(strings.Join(strings.Fields(cell.String()), " "))
			if text == "" {
				span := 1
				for _, a := range n.Attr {
					if a.Key == "colspan" {
						if v, err := strconv.Atoi(strings.TrimSpace(a.Val)); err == nil && v > 1 && v < 50 {
							span = v
						}
					}
				}
				for i := 0; i < span; i++ {
					b.WriteString("\n\t\n")
				}
				return
			}
			b.WriteString("\n\t")
			b.WriteString(text)
			b.WriteString("\n")
			return
		}
		if inCell && blockTags[n.Data] {
			b.WriteByte(' ')
		} else if blockTags[n.Data] || n.Data == "table" {
			b.WriteByte('\n')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(b, c, inCell)
		}
		if !inCell && (n.Data == "tr" || n.Data == "table") {
			b.WriteString("\n\n")
		} else if !inCell && blockTags[n.Data] {
			b.WriteByte('\n')
		}
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(b, c, inCell)
	}
}
