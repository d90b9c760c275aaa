-- +goose Up
-- Full-text search over the public catalog (issue 5): 名称, 文号, 索引号, 主题词, 内容概述 and the
-- text of the body. Only published items are indexed; triggers on catalog_items keep the index
-- in step with every insert, edit, publication and withdrawal. Body text is the sanitised HTML
-- with tags removed and entities decoded.
{{if .Postgres}}
-- pg_trgm lives in public so that every schema (tests use one schema each) shares it; the
-- operator class is named with its schema for the same reason.
CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;

CREATE TABLE catalog_search (
    item_id BIGINT PRIMARY KEY REFERENCES catalog_items(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    doc_no TEXT NOT NULL,
    index_no TEXT NOT NULL,
    keywords TEXT NOT NULL,
    summary TEXT NOT NULL,
    body TEXT NOT NULL,
    -- All the above, one per line, for the trigram index (a search term never spans a line).
    doc TEXT NOT NULL
);
CREATE INDEX catalog_search_doc ON catalog_search USING gin (doc public.gin_trgm_ops);

-- +goose StatementBegin
CREATE FUNCTION catalog_html_text(h TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
    SELECT replace(replace(replace(replace(replace(replace(replace(
        regexp_replace(h, '<[^>]*>', ' ', 'g'),
        '&nbsp;', ' '), '&lt;', '<'), '&gt;', '>'), '&#34;', '"'), '&quot;', '"'), '&#39;', ''''), '&amp;', '&')
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION catalog_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        DELETE FROM catalog_search WHERE item_id = OLD.id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.state = 'published' THEN
        INSERT INTO catalog_search (item_id, title, doc_no, index_no, keywords, summary, body, doc)
        SELECT NEW.id, NEW.title, NEW.doc_no, COALESCE(NEW.index_no, ''), NEW.keywords, NEW.summary, b,
               concat_ws(E'\n', NEW.title, NEW.doc_no, COALESCE(NEW.index_no, ''), NEW.keywords, NEW.summary, b)
        FROM (SELECT catalog_html_text(NEW.body_html) AS b) AS t;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END
$$;
-- +goose StatementEnd

CREATE TRIGGER catalog_search_sync AFTER INSERT OR UPDATE OR DELETE ON catalog_items
    FOR EACH ROW EXECUTE FUNCTION catalog_search_sync();

INSERT INTO catalog_search (item_id, title, doc_no, index_no, keywords, summary, body, doc)
SELECT id, title, doc_no, COALESCE(index_no, ''), keywords, summary, b,
       concat_ws(E'\n', title, doc_no, COALESCE(index_no, ''), keywords, summary, b)
FROM (SELECT i.*, catalog_html_text(i.body_html) AS b FROM catalog_items i WHERE i.state = 'published') AS p;
{{else}}
-- FTS5 with the trigram tokenizer: any substring of three or more characters is found
-- through the index, Chinese and digits alike. rowid is the item id. gk_html_text is a Go
-- function the store registers with the SQLite driver.
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

-- +goose Down
{{if .Postgres}}
DROP TRIGGER catalog_search_sync ON catalog_items;
DROP FUNCTION catalog_search_sync();
DROP TABLE catalog_search;
DROP FUNCTION catalog_html_text(TEXT);
{{else}}
DROP TRIGGER catalog_search_delete;
DROP TRIGGER catalog_search_update;
DROP TRIGGER catalog_search_insert;
DROP TABLE catalog_search;
{{end}}
