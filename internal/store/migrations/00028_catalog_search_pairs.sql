-- +goose Up
-- Catalog search speed (issue 5).
--
-- 1. SQLite: an index of two-character terms. The trigram index (00026, 00027) cannot find a
-- term shorter than three characters (医保, 低保), which search compared with LIKE row by row.
-- catalog_search_pairs holds the same text cut into every pair of adjacent characters, one
-- token each ("医保局" → "医保 保局"); a two-character term is one token of it. Pairs are made
-- by gk_search_pairs (a Go function, store.SearchPairs) from the text of catalog_search, so
-- both indexes see the same text, and only of characters that are not ASCII punctuation or
-- blanks: with the ascii tokenizer (which folds ASCII letters only, as LIKE does, and keeps
-- every other character in its token) a pair is found exactly where LIKE finds it. The rowid
-- is catalog_search's (day number × 2^31 + item id), so matches come newest first. Contentless
-- (search reads the text from catalog_search) and detail=column (a term is one token: no
-- positions needed; 名称 is its own column for the ranks).
-- PostgreSQL compares every term with ILIKE over the pg_trgm-indexed text and needs no table.
--
-- SQLite also gets the published items of each agency in the order of the search rowids
-- (catalog_items_search_order), so that a search within one agency reads the agency's items
-- and the index matches side by side, newest first, rather than every match.
--
-- 2. Both: a change counter for the search page's results cache. catalog_changes.n advances
-- with every change that can alter a search result: an insert, edit, publication, withdrawal
-- or deletion of a published item (or one becoming published), and any change of an agency
-- (its name is shown beside results, its government filters them). One row, kept by triggers,
-- read once per search, so that several app servers stay exact.
{{if .Postgres}}
CREATE TABLE catalog_changes (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n BIGINT NOT NULL
);
INSERT INTO catalog_changes (id, n) VALUES (1, 0);

-- +goose StatementBegin
CREATE FUNCTION catalog_changes_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE catalog_changes SET n = n + 1 WHERE id = 1;
    RETURN NULL;
END
$$;
-- +goose StatementEnd

CREATE TRIGGER catalog_changes_item_insert AFTER INSERT ON catalog_items
    FOR EACH ROW WHEN (NEW.state = 'published') EXECUTE FUNCTION catalog_changes_bump();
CREATE TRIGGER catalog_changes_item_update AFTER UPDATE ON catalog_items
    FOR EACH ROW WHEN (OLD.state = 'published' OR NEW.state = 'published') EXECUTE FUNCTION catalog_changes_bump();
CREATE TRIGGER catalog_changes_item_delete AFTER DELETE ON catalog_items
    FOR EACH ROW WHEN (OLD.state = 'published') EXECUTE FUNCTION catalog_changes_bump();
CREATE TRIGGER catalog_changes_agency AFTER INSERT OR UPDATE OR DELETE ON agencies
    FOR EACH ROW EXECUTE FUNCTION catalog_changes_bump();
{{else}}
CREATE TABLE catalog_changes (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n BIGINT NOT NULL
);
INSERT INTO catalog_changes (id, n) VALUES (1, 0);

-- +goose StatementBegin
CREATE TRIGGER catalog_changes_item_insert AFTER INSERT ON catalog_items WHEN NEW.state = 'published'
BEGIN
    UPDATE catalog_changes SET n = n + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER catalog_changes_item_update AFTER UPDATE ON catalog_items WHEN OLD.state = 'published' OR NEW.state = 'published'
BEGIN
    UPDATE catalog_changes SET n = n + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER catalog_changes_item_delete AFTER DELETE ON catalog_items WHEN OLD.state = 'published'
BEGIN
    UPDATE catalog_changes SET n = n + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER catalog_changes_agency_insert AFTER INSERT ON agencies
BEGIN
    UPDATE catalog_changes SET n = n + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER catalog_changes_agency_update AFTER UPDATE ON agencies
BEGIN
    UPDATE catalog_changes SET n = n + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER catalog_changes_agency_delete AFTER DELETE ON agencies
BEGIN
    UPDATE catalog_changes SET n = n + 1 WHERE id = 1;
END;
-- +goose StatementEnd

CREATE INDEX catalog_items_search_order ON catalog_items(agency_id, (COALESCE(CAST(julianday(NULLIF(published_on, '')) AS INTEGER), 0) * 2147483648 + id))
    WHERE state = 'published';

CREATE VIRTUAL TABLE catalog_search_pairs USING fts5(title, other, tokenize = 'ascii', content = '', contentless_delete = 1, detail = column);

-- The search triggers of 00027, each now keeping the pair index from the row it indexed.
DROP TRIGGER catalog_search_insert;
DROP TRIGGER catalog_search_update;
DROP TRIGGER catalog_search_delete;

-- +goose StatementBegin
CREATE TRIGGER catalog_search_insert AFTER INSERT ON catalog_items WHEN NEW.state = 'published'
BEGIN
    INSERT INTO catalog_search (rowid, title, doc_no, index_no, keywords, summary, body)
    VALUES (COALESCE(CAST(julianday(NULLIF(NEW.published_on, '')) AS INTEGER), 0) * 2147483648 + NEW.id,
            NEW.title, NEW.doc_no, COALESCE(NEW.index_no, ''), NEW.keywords, NEW.summary, gk_html_text(NEW.body_html));
    INSERT INTO catalog_search_pairs (rowid, title, other)
    SELECT rowid, gk_search_pairs(title), gk_search_pairs(doc_no, index_no, keywords, summary, body) FROM catalog_search
    WHERE rowid = COALESCE(CAST(julianday(NULLIF(NEW.published_on, '')) AS INTEGER), 0) * 2147483648 + NEW.id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER catalog_search_update AFTER UPDATE ON catalog_items
BEGIN
    DELETE FROM catalog_search WHERE rowid = COALESCE(CAST(julianday(NULLIF(OLD.published_on, '')) AS INTEGER), 0) * 2147483648 + OLD.id;
    DELETE FROM catalog_search_pairs WHERE rowid = COALESCE(CAST(julianday(NULLIF(OLD.published_on, '')) AS INTEGER), 0) * 2147483648 + OLD.id;
    INSERT INTO catalog_search (rowid, title, doc_no, index_no, keywords, summary, body)
    SELECT COALESCE(CAST(julianday(NULLIF(NEW.published_on, '')) AS INTEGER), 0) * 2147483648 + NEW.id,
           NEW.title, NEW.doc_no, COALESCE(NEW.index_no, ''), NEW.keywords, NEW.summary, gk_html_text(NEW.body_html)
    WHERE NEW.state = 'published';
    INSERT INTO catalog_search_pairs (rowid, title, other)
    SELECT rowid, gk_search_pairs(title), gk_search_pairs(doc_no, index_no, keywords, summary, body) FROM catalog_search
    WHERE NEW.state = 'published' AND rowid = COALESCE(CAST(julianday(NULLIF(NEW.published_on, '')) AS INTEGER), 0) * 2147483648 + NEW.id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER catalog_search_delete AFTER DELETE ON catalog_items
BEGIN
    DELETE FROM catalog_search WHERE rowid = COALESCE(CAST(julianday(NULLIF(OLD.published_on, '')) AS INTEGER), 0) * 2147483648 + OLD.id;
    DELETE FROM catalog_search_pairs WHERE rowid = COALESCE(CAST(julianday(NULLIF(OLD.published_on, '')) AS INTEGER), 0) * 2147483648 + OLD.id;
END;
-- +goose StatementEnd

-- The existing items, with a larger in-memory buffer so that the index is written in fewer,
-- larger segments, then merged into one.
INSERT INTO catalog_search_pairs (catalog_search_pairs, rank) VALUES ('hashsize', 134217728);
INSERT INTO catalog_search_pairs (rowid, title, other)
SELECT rowid, gk_search_pairs(title), gk_search_pairs(doc_no, index_no, keywords, summary, body) FROM catalog_search;
INSERT INTO catalog_search_pairs (catalog_search_pairs) VALUES ('optimize');
INSERT INTO catalog_search_pairs (catalog_search_pairs, rank) VALUES ('hashsize', 1048576);
{{end}}

-- +goose Down
{{if .Postgres}}
DROP TRIGGER catalog_changes_agency ON agencies;
DROP TRIGGER catalog_changes_item_delete ON catalog_items;
DROP TRIGGER catalog_changes_item_update ON catalog_items;
DROP TRIGGER catalog_changes_item_insert ON catalog_items;
DROP FUNCTION catalog_changes_bump();
DROP TABLE catalog_changes;
{{else}}
DROP TRIGGER catalog_search_insert;
DROP TRIGGER catalog_search_update;
DROP TRIGGER catalog_search_delete;
DROP TABLE catalog_search_pairs;
DROP INDEX catalog_items_search_order;

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

DROP TRIGGER catalog_changes_agency_delete;
DROP TRIGGER catalog_changes_agency_update;
DROP TRIGGER catalog_changes_agency_insert;
DROP TRIGGER catalog_changes_item_delete;
DROP TRIGGER catalog_changes_item_update;
DROP TRIGGER catalog_changes_item_insert;
DROP TABLE catalog_changes;
{{end}}
