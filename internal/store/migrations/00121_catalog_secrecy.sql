-- +goose Up
-- The 保密审查 of catalog items (issue 11, four eyes): each review's checklist (the points
-- confirmed 不涉及: 国家秘密、工作秘密、商业秘密、个人隐私、其他不宜公开) and its written opinion,
-- printed as the 保密审查单.
CREATE TABLE catalog_secrecy_reviews (
    {{.ID}},
    item_id BIGINT NOT NULL REFERENCES catalog_items(id) ON DELETE CASCADE,
    reviewer_id BIGINT,
    reviewer_name TEXT NOT NULL DEFAULT '',
    at TEXT NOT NULL,
    passed INTEGER NOT NULL,
    clear TEXT NOT NULL DEFAULT '[]',
    opinion TEXT NOT NULL DEFAULT ''
);
CREATE INDEX catalog_secrecy_reviews_item ON catalog_secrecy_reviews(item_id, id);

-- +goose Down
DROP TABLE catalog_secrecy_reviews;
