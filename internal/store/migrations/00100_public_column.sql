-- +goose Up
-- The public column (issue 14): what a 政策解读 interprets, the 公示期 of a 公示 and the
-- 公示 a result closes, and each agency's 法定主动公开内容 headings.

-- The column lists items of one kind (制度, 政策解读, 公示) newest first, of an agency or of all.
CREATE INDEX catalog_items_agency_kind ON catalog_items(agency_id, kind, state, published_on);
CREATE INDEX catalog_items_kind ON catalog_items(kind, state, published_on);

-- A 政策解读 (kind interpretation) and the documents it interprets, in order.
CREATE TABLE catalog_interprets (
    item_id BIGINT NOT NULL REFERENCES catalog_items(id) ON DELETE CASCADE,
    document_id BIGINT NOT NULL REFERENCES catalog_items(id),
    position INTEGER NOT NULL,
    PRIMARY KEY (item_id, document_id)
);
CREATE INDEX catalog_interprets_document ON catalog_interprets(document_id);

-- The 公示期 of a 公示 (kind notice): days 'YYYY-MM-DD', where to object.
CREATE TABLE catalog_notices (
    item_id BIGINT PRIMARY KEY REFERENCES catalog_items(id) ON DELETE CASCADE,
    starts_on TEXT NOT NULL DEFAULT '',
    ends_on TEXT NOT NULL DEFAULT '',
    object_to TEXT NOT NULL DEFAULT ''
);
CREATE INDEX catalog_notices_period ON catalog_notices(ends_on, starts_on);

-- An item publishing the result of a 公示.
CREATE TABLE catalog_results (
    item_id BIGINT PRIMARY KEY REFERENCES catalog_items(id) ON DELETE CASCADE,
    notice_id BIGINT NOT NULL REFERENCES catalog_items(id)
);
CREATE INDEX catalog_results_notice ON catalog_results(notice_id);

-- 法定主动公开内容: the headings an agency must fill (catalog.DefaultHeadings until saved);
-- topics are 主题分类 codes separated by '|'.
CREATE TABLE statutory_headings (
    agency_id BIGINT NOT NULL REFERENCES agencies(id),
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    article TEXT NOT NULL DEFAULT '',
    topics TEXT NOT NULL,
    PRIMARY KEY (agency_id, position)
);

-- +goose Down
DROP INDEX catalog_items_kind;
DROP INDEX catalog_items_agency_kind;
DROP TABLE statutory_headings;
DROP TABLE catalog_results;
DROP TABLE catalog_notices;
DROP TABLE catalog_interprets;
