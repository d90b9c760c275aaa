package catalog

import (
	"strings"
	"testing"

	"gongkai/internal/apperr"
)

func TestApplyEdit(t *testing.T) {
	tax := DefaultTaxonomy()
	cur := readyDraft(t, author)
	cur.IndexNo = "000013338/2024-00003" // kept from an earlier publication
	in := cur
	in.ID, in.IndexNo, in.State, in.AuthorID = 99, "000013338/2024-99999", Published, 42
	in.Title = "  关于修订《榆川区村卫生室管理办法》的通知 "
	in.BodyHTML = `<p>修订</p><script>alert(1)</script>`
	got, err := ApplyEdit(cur, in, author2, tax)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != cur.ID || got.IndexNo != cur.IndexNo || got.State != Draft || got.AuthorID != cur.AuthorID {
		t.Errorf("identity, 索引号 or workflow changed: %+v", got)
	}
	if got.Title != "关于修订《榆川区村卫生室管理办法》的通知" || got.BodyHTML != "<p>修订</p>" {
		t.Errorf("content not applied or not sanitised: %q %q", got.Title, got.BodyHTML)
	}
	in.Topic = "sports"
	if _, err := ApplyEdit(cur, in, author, tax); !apperr.Is(err, apperr.Invalid) || !strings.Contains(apperr.MessageOf(err), "主题分类") {
		t.Errorf("invalid edit: %v", err)
	}
	published := cur
	published.State = Published
	if _, err := ApplyEdit(published, in, author, tax); !apperr.Is(err, apperr.Conflict) {
		t.Errorf("editing a published item: %v", err)
	}
}
