-- +goose Up
-- Catalog search on PostgreSQL (issue 5): two-character terms (医保, 低保). The pg_trgm index
-- of catalog_search.doc cannot narrow a term shorter than a trigram, so such a search read
-- every row. catalog_search.pairs holds every pair of adjacent characters of the lower-cased
-- text (white space excluded), indexed with GIN: a two-character term must be one of them
-- wherever ILIKE finds it (ILIKE compares lower-cased text), so `pairs @> ARRAY[lower(term)]`
-- narrows the rows and ILIKE still decides. SQLite has its own pair index (00028).
{{if .Postgres}}
-- +goose StatementBegin
CREATE FUNCTION catalog_text_pairs(t TEXT) RETURNS TEXT[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT COALESCE(array_agg(DISTINCT p), '{}')
    FROM (SELECT substr(l, i, 2) AS p
          FROM (SELECT lower(t) AS l) AS x, generate_series(1, char_length(l) - 1) AS i) AS y
    WHERE p !~ '\s'
$$;
-- +goose StatementEnd

ALTER TABLE catalog_search ADD COLUMN pairs TEXT[] NOT NULL DEFAULT '{}';
UPDATE catalog_search SET pairs = catalog_text_pairs(doc);
CREATE INDEX catalog_search_pairs ON catalog_search USING gin (pairs);

-- +goose StatementBegin
CREATE FUNCTION catalog_search_pairs_fill() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.pairs := catalog_text_pairs(NEW.doc);
    RETURN NEW;
END
$$;
-- +goose StatementEnd

CREATE TRIGGER catalog_search_pairs_fill BEFORE INSERT OR UPDATE OF doc ON catalog_search
    FOR EACH ROW EXECUTE FUNCTION catalog_search_pairs_fill();
{{else}}
SELECT 1;
{{end}}

-- +goose Down
{{if .Postgres}}
DROP TRIGGER catalog_search_pairs_fill ON catalog_search;
DROP FUNCTION catalog_search_pairs_fill();
DROP INDEX catalog_search_pairs;
ALTER TABLE catalog_search DROP COLUMN pairs;
DROP FUNCTION catalog_text_pairs(TEXT);
{{else}}
SELECT 1;
{{end}}
