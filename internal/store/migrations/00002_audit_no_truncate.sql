-- +goose Up
-- TRUNCATE skips the row triggers of 00001, so the append-only rule needs a statement
-- trigger on PostgreSQL as well (SQLite has no TRUNCATE; its DELETE trigger covers it).
{{if .Postgres}}
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
{{else}}
SELECT 1;
{{end}}

-- +goose Down
{{if .Postgres}}
DROP TRIGGER audit_log_no_truncate ON audit_log;
{{else}}
SELECT 1;
{{end}}
