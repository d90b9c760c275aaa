-- +goose Up
-- 主动公开: the 政府信息公开目录 of each agency, its review workflow, attachments,
-- 索引号 counters, topic taxonomy and the monthly figures of table 二.

-- The agency's 索引号 template (catalog.NationalIndexPattern by default).
ALTER TABLE agencies ADD COLUMN index_pattern TEXT NOT NULL DEFAULT '{code}/{year}-{seq:5}';

-- 主题分类 per agency, seeded from catalog.DefaultTaxonomy() on first use.
CREATE TABLE catalog_topics (
    agency_id BIGINT NOT NULL REFERENCES agencies(id),
    code TEXT NOT NULL,
    num TEXT NOT NULL,
    label TEXT NOT NULL,
    article TEXT NOT NULL DEFAULT '',
    aliases TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL,
    PRIMARY KEY (agency_id, code)
);

-- One row per catalog item. Days are 'YYYY-MM-DD' ('' when unknown), instants are
-- fixed-width UTC text ('' when unset). index_no is NULL until assigned.
CREATE TABLE catalog_items (
    {{.ID}},
    agency_id BIGINT NOT NULL REFERENCES agencies(id),
    index_no TEXT,
    title TEXT NOT NULL,
    topic TEXT NOT NULL,
    publisher TEXT NOT NULL DEFAULT '',
    written_on TEXT NOT NULL DEFAULT '',
    published_on TEXT NOT NULL DEFAULT '',
    doc_no TEXT NOT NULL DEFAULT '',
    keywords TEXT NOT NULL DEFAULT '',
    validity TEXT NOT NULL,
    validity_changed_on TEXT NOT NULL DEFAULT '',
    summary TEXT NOT NULL DEFAULT '',
    body_html TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL,
    changed_on TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL,
    author_id BIGINT,
    reviewer_id BIGINT,
    approver_id BIGINT,
    publish_at TEXT NOT NULL DEFAULT '',
    published_at TEXT NOT NULL DEFAULT '',
    withdrawn_at TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
-- An 索引号 is unique within its agency (NULLs, not yet assigned, do not collide).
CREATE UNIQUE INDEX catalog_items_index_no ON catalog_items(agency_id, index_no);
CREATE INDEX catalog_items_published ON catalog_items(state, published_on);
CREATE INDEX catalog_items_agency ON catalog_items(agency_id, state, published_on);
CREATE INDEX catalog_items_topic ON catalog_items(agency_id, topic);
CREATE INDEX catalog_items_due ON catalog_items(state, publish_at);

-- 依申请转主动: the applications an item was published in response to (ids only).
CREATE TABLE catalog_item_sources (
    item_id BIGINT NOT NULL REFERENCES catalog_items(id) ON DELETE CASCADE,
    application_id BIGINT NOT NULL,
    PRIMARY KEY (item_id, application_id)
);
CREATE INDEX catalog_item_sources_application ON catalog_item_sources(application_id);

-- Attachment bytes live in the database, in the item's order (position from 0).
CREATE TABLE catalog_attachments (
    {{.ID}},
    item_id BIGINT NOT NULL REFERENCES catalog_items(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    size BIGINT NOT NULL,
    kind TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    content {{if .Postgres}}BYTEA{{else}}BLOB{{end}} NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (item_id, sha256)
);
CREATE INDEX catalog_attachments_item ON catalog_attachments(item_id, position);

-- The workflow history of each item (also written to the audit log).
CREATE TABLE catalog_events (
    {{.ID}},
    item_id BIGINT NOT NULL REFERENCES catalog_items(id) ON DELETE CASCADE,
    action TEXT NOT NULL,
    actor_id BIGINT,
    actor_name TEXT NOT NULL DEFAULT '',
    at TEXT NOT NULL,
    from_state TEXT NOT NULL DEFAULT '',
    to_state TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL DEFAULT '',
    publish_at TEXT NOT NULL DEFAULT '',
    from_validity TEXT NOT NULL DEFAULT '',
    to_validity TEXT NOT NULL DEFAULT '',
    effective_on TEXT NOT NULL DEFAULT ''
);
CREATE INDEX catalog_events_item ON catalog_events(item_id, id);

-- The last 索引号 serial per agency and year (UPDATE ... RETURNING serialises allocation).
CREATE TABLE catalog_index_counters (
    agency_id BIGINT NOT NULL REFERENCES agencies(id),
    year INTEGER NOT NULL,
    last_seq INTEGER NOT NULL,
    PRIMARY KEY (agency_id, year)
);

-- Monthly figures of table 二 (行政许可, 行政处罚, 行政强制, 行政事业性收费 in 分).
CREATE TABLE catalog_monthly_figures (
    agency_id BIGINT NOT NULL REFERENCES agencies(id),
    year INTEGER NOT NULL,
    month INTEGER NOT NULL,
    licensing BIGINT NOT NULL DEFAULT 0,
    penalty BIGINT NOT NULL DEFAULT 0,
    enforcement BIGINT NOT NULL DEFAULT 0,
    fees_fen BIGINT NOT NULL DEFAULT 0,
    updated_by BIGINT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (agency_id, year, month)
);

-- +goose Down
DROP TABLE catalog_monthly_figures;
DROP TABLE catalog_index_counters;
DROP TABLE catalog_events;
DROP TABLE catalog_attachments;
DROP TABLE catalog_item_sources;
DROP TABLE catalog_items;
DROP TABLE catalog_topics;
ALTER TABLE agencies DROP COLUMN index_pattern;
