package catalog

import (
	"regexp"
	"sync"

	"github.com/microcosm-cc/bluemonday"
)

// relativeSrc matches image sources that point into the site itself: a path ("/files/1",
// "attachments/2.png", "./a.png", "../a.png"). It refuses anything with a colon (every
// scheme: http:, data:, javascript:), protocol-relative "//host" URLs and backslashes.
var relativeSrc = regexp.MustCompile(`^(?:/[^/\\]|\.{1,2}/|[^/\\:.\s])[^:\\\s]*$`)

var (
	bodyPolicyOnce sync.Once
	bodyPolicy     *bluemonday.Policy
	textPolicy     = bluemonday.StrictPolicy()
)

// BodyPolicy returns the sanitising policy for item bodies: the structure of government
// documents (headings, paragraphs, lists, tables, emphasis, links, images) and nothing
// that runs code. Links may be http, https, mailto or relative; links leaving the site
// open in a new tab with rel="noopener noreferrer". Images only from relative URLs
// (the site's own attachments). No script, style, iframe, form, event handler or
// inline style survives. The policy is built once and safe for concurrent use.
func BodyPolicy() *bluemonday.Policy {
	bodyPolicyOnce.Do(func() {
		p := bluemonday.NewPolicy()
		// dir, lang and title everywhere; no id or name (they could clobber the page's DOM).
		p.AllowAttrs("dir").Matching(bluemonday.Direction).Globally()
		p.AllowAttrs("lang").Matching(regexp.MustCompile(`^[a-zA-Z]{2,8}(?:-[a-zA-Z0-9]{1,8})*$`)).Globally()
		p.AllowAttrs("title").Matching(bluemonday.Paragraph).Globally()
		p.AllowElements("h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "div", "span",
			"blockquote", "pre", "code", "b", "strong", "i", "em", "u", "s", "sub", "sup",
			"small", "mark", "ul", "ol", "li", "dl", "dt", "dd", "figure", "figcaption",
			"caption", "thead", "tbody", "tfoot", "tr")
		p.AllowAttrs("start").Matching(bluemonday.Integer).OnElements("ol")
		p.AllowElements("table")
		p.AllowAttrs("summary").Matching(bluemonday.Paragraph).OnElements("table")
		p.AllowAttrs("colspan", "rowspan").Matching(bluemonday.Integer).OnElements("td", "th")
		p.AllowAttrs("scope").Matching(regexp.MustCompile(`^(?:row|col|rowgroup|colgroup)$`)).OnElements("th")
		p.AllowAttrs("align").Matching(bluemonday.CellAlign).OnElements("p", "td", "th", "tr", "div", "h1", "h2", "h3", "h4", "h5", "h6")
		p.AllowElements("td", "th")

		p.AllowAttrs("href").OnElements("a")
		p.AllowURLSchemes("http", "https", "mailto")
		p.AllowRelativeURLs(true)
		p.RequireParseableURLs(true)
		p.AddTargetBlankToFullyQualifiedLinks(true)
		p.RequireNoReferrerOnFullyQualifiedLinks(true)

		p.AllowAttrs("src").Matching(relativeSrc).OnElements("img")
		p.AllowAttrs("alt").Matching(bluemonday.Paragraph).OnElements("img")
		p.AllowAttrs("width", "height").Matching(bluemonday.NumberOrPercent).OnElements("img")
		bodyPolicy = p
	})
	return bodyPolicy
}

// SanitizeBody returns html reduced to what BodyPolicy allows. Store only its result.
func SanitizeBody(html string) string { return BodyPolicy().Sanitize(html) }

// stripTags returns the text of an HTML fragment (tags removed, entities kept escaped).
func stripTags(html string) string { return textPolicy.Sanitize(html) }
