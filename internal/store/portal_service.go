package store

import (
	"context"

	"gongkai/internal/agency"
	"gongkai/internal/apperr"
	"gongkai/internal/catalog"
)

// Portal is the door of the public portal's reads: what is published, for anyone. It
// never returns an item that is not published (PublishedItem, PublicAttachment), so a
// handler cannot show a draft by mistake.
type Portal struct{ service }

// Portal is the door of the public portal's reads.
func (db *DB) Portal() *Portal { return &Portal{service{db: db}} }

// Government is a government, for its portal page.
func (s *Portal) Government(ctx context.Context, id int64) (agency.Government, error) {
	return GovernmentByIDForPortal(ctx, s.q(), id)
}

// Taxonomy is an agency's 主题分类.
func (s *Portal) Taxonomy(ctx context.Context, agencyID int64) (*catalog.Taxonomy, error) {
	return CatalogTaxonomy(ctx, s.q(), agencyID)
}

// TopicLabel is the label of an agency's topic code.
func (s *Portal) TopicLabel(ctx context.Context, agencyID int64, code string) (string, bool, error) {
	return AgencyTopicLabel(ctx, s.q(), agencyID, code)
}

// Page lists one page of published items matching f, newest first.
func (s *Portal) Page(ctx context.Context, f CatalogFilter) ([]catalog.Item, error) {
	return PublishedPage(ctx, s.q(), f)
}

// Count counts the published items matching f.
func (s *Portal) Count(ctx context.Context, f CatalogFilter) (int, error) {
	return PublishedCount(ctx, s.q(), f)
}

// Facets counts the published items of a government or agency per topic and per year.
func (s *Portal) Facets(ctx context.Context, governmentID, agencyID int64) (topics, years []FacetCount, err error) {
	return PublishedFacets(ctx, s.q(), governmentID, agencyID)
}

// Item is a published item (apperr.NotFound for any other).
func (s *Portal) Item(ctx context.Context, id int64) (catalog.Item, error) {
	return PublishedItem(ctx, s.q(), id)
}

// Attachment is the n-th attachment of published item id, with its bytes.
func (s *Portal) Attachment(ctx context.Context, id int64, n int) (catalog.Attachment, []byte, error) {
	if _, err := PublishedItem(ctx, s.q(), id); err != nil {
		return catalog.Attachment{}, nil, apperr.New(apperr.NotFound, "附件不存在")
	}
	return CatalogAttachment(ctx, s.q(), id, n)
}

// Stamp tells whether item id is published and when it last changed (one prepared lookup).
func (s *Portal) Stamp(ctx context.Context, id int64) (string, bool, error) {
	return ItemStamp(ctx, s.db, id)
}

// Changes reads the catalog change counter (one prepared lookup).
func (s *Portal) Changes(ctx context.Context) (int64, error) { return CatalogChanges(ctx, s.db) }

// Search searches the published catalog.
func (s *Portal) Search(ctx context.Context, sq SearchQuery) ([]SearchResult, int, error) {
	return SearchItems(ctx, s.q(), sq)
}

// YearRange is the first and last year of publication.
func (s *Portal) YearRange(ctx context.Context) (first, last int, err error) {
	return PublishedYearRange(ctx, s.q())
}

// Recent lists the newest published items (of one agency when agencyID is not 0).
func (s *Portal) Recent(ctx context.Context, agencyID int64, limit int) ([]catalog.Item, error) {
	return RecentPublished(ctx, s.q(), agencyID, limit)
}

// MaxItemID is the highest item id, for the sitemap index.
func (s *Portal) MaxItemID(ctx context.Context) (int64, error) { return MaxItemID(ctx, s.q()) }

// Refs lists published item references after an id, for sitemaps.
func (s *Portal) Refs(ctx context.Context, afterID int64, limit int) ([]ItemRef, error) {
	return PublishedItemRefs(ctx, s.q(), afterID, limit)
}
