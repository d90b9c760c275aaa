-- +goose Up
-- SQLite: the search index's rowid now carries the order of the public lists, so that a
-- search reads its matches newest first straight from the index and stops after one page:
-- rowid = day number of 发布日期 × 2^31 + item id (ids stay below 2^31). The item id is
-- rowid & 2147483647. Size columns are dropped (search does not rank by BM25).
-- PostgreSQL keeps the table of 00026.
{{if .Postgres}}
SELECT 1;
{{else}}
DROP TRIGGER catalog_search_insert;
DROP TRIGGER catalog_search_update;
DROP TRIGGER catalog_search_delete;
DROP TABLE catalog_search;

CREATE VIRTUAL TABLE catalog_search USING fts5(title, doc_no, index_no, keywords, summary, body, tokenize = 'trigram', columnsize = 0);

-- +goose StatementBegin
CREATE TRIGGER catalog_search_insert AFTER INSERT ON catalog_items WHEN NEW.state = 'published'
BEGIN
    INSERT INTO catalog_search (rowid, title, doc_no, index_no, keywords, summary, body)
    VALUES (COALESCE(CAST(julianday(NULLIF(NEW.published_on, '')) AS INTEGER), 0) * 2147483648 + NEW.id,
            NEW.title, NEW.doc_no, COALESCE(NEW.index_no, ''), NEW.keywords, NEW.summary, gk_html_text(NEW.body_html));
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER catalog_search_update AFTER UPDATE ON catalog_items
BEGIN
    DELETE FROM catalog_search WHERE rowid = COALESCE(CAST(julianday(NULLIF(OLD.published_on, '')) AS INTEGER), 0) * 2147483648 + OLD.id;
    INSERT INTO catalog_search (rowid, title, doc_no, index_no, keywords, summary, body)
    SELECT COALESCE(CAST(julianday(NULLIF(NEW.published_on, '')) AS INTEGER), 0) * 2147483648 + NEW.id,
           NEW.title, NEW.doc_no, COALESCE(NEW.index_no, ''), NEW.keywords, NEW.summary, gk_html_text(NEW.body_html)
    WHERE NEW.state = 'published';
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER catalog_search_delete AFTER DELETE ON catalog_items
BEGIN
    DELETE FROM catalog_search WHERE rowid = COALESCE(CAST(julianday(NULLIF(OLD.published_on, '')) AS INTEGER), 0) * 2147483648 + OLD.id;
END;
-- +goose StatementEnd

INSERT INTO catalog_search (rowid, title, doc_no, index_no, keywords, summary, body)
SELECT COALESCE(CAST(julianday(NULLIF(published_on, '')) AS INTEGER), 0) * 2147483648 + id,
       title, doc_no, COALESCE(index_no, ''), keywords, summary, gk_html_text(body_html)
FROM catalog_items WHERE state = 'published';
{{end}}

-- +goose Down
{{if .Postgres}}
SELECT 1;
{{else}}
DROP TRIGGER catalog_search_insert;
DROP TRIGGER catalog_search_update;
DROP TRIGGER catalog_search_delete;
DROP TABLE catalog_search;

CREATE VIRTUAL TABLE catalog_search USING fts5(title, doc_no, index_no, keywords, summary, body, tokenize = 'trigram');

-- +goose StatementBegin
CREATE TRIGGER catalog_search_insert AFTER INSERT ON catalog_items WHEN NEW.state = 'published'
BEGIN
    INSERT INTO catalog_search (rowid, title, doc_no, index_no, keywords, summary, body)
    VALUES (NEW.id, NEW.title, NEW.doc_no, COALESCE(NEW.index_no, ''), NEW.keywords, NEW.summary, gk_html_text(NEW.body_html));
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER catalog_search_update AFTER UPDATE ON catalog_items
BEGIN
    DELETE FROM catalog_search WHERE rowid = OLD.id;
    INSERT INTO catalog_search (rowid, title, doc_no, index_no, keywords, summary, body)
    SELECT NEW.id, NEW.title, NEW.doc_no, COALESCE(NEW.index_no, ''), NEW.keywords, NEW.summary, gk_html_text(NEW.body_html)
    WHERE NEW.state = 'published';
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER catalog_search_delete AFTER DELETE ON catalog_items
BEGIN
    DELETE FROM catalog_search WHERE rowid = OLD.id;
END;
-- +goose StatementEnd

INSERT INTO catalog_search (rowid, title, doc_no, index_no, keywords, summary, body)
SELECT id, title, doc_no, COALESCE(index_no, ''), keywords, summary, gk_html_text(body_html)
FROM catalog_items WHERE state = 'published';
{{end}}
