package store

import (
	"context"

	"gongkai/internal/catalog"
)

// reportCatalogItems lists, without bodies, what table 二 第（一）项 counts of an agency's
// catalog (catalog.CountDocuments and CountDocuments2019): its published 规章 and
// 行政规范性文件. The rest of the catalog — however large — is not read (index
// catalog_items_report).
func reportCatalogItems(ctx context.Context, q Queryer, agencyID int64) ([]catalog.Item, error) {
	return queryCatalogItems(ctx, q, `SELECT `+catalogListColumns+` FROM catalog_items
		WHERE agency_id = ? AND kind IN (?, ?) AND state = ? ORDER BY id`,
		agencyID, string(catalog.Regulation), string(catalog.Normative), string(catalog.Published))
}
