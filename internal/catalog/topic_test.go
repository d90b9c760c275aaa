package catalog

import "testing"

// Each default topic cites the item of 第二十条 whose heading lists it: the taxonomy and
// the 法定主动公开内容 headings name the same provision for the same information.
func TestTopicsCiteTheirHeadingsItem(t *testing.T) {
	cited := map[string]string{}
	for _, h := range DefaultHeadings() {
		for _, code := range h.Topics {
			cited[code] = h.Article
		}
	}
	for _, tp := range DefaultTaxonomy().Topics() {
		want, ok := cited[tp.Code]
		if !ok {
			continue // a topic no heading lists (it serves several items or none)
		}
		if tp.Article != want {
			t.Errorf("topic %s (%s) cites %s; its heading is %s", tp.Code, tp.Label, tp.Article, want)
		}
	}
}
