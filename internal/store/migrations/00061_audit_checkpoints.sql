-- +goose Up
-- Signed checkpoints of the audit log's chain (internal/auditlog: Checkpoint). Append-only
-- like the log: the signatures, not these triggers, are what an insider cannot get round.
CREATE TABLE audit_checkpoints (
    seq BIGINT PRIMARY KEY,
    from_seq BIGINT NOT NULL,
    head_hash TEXT NOT NULL,
    rows_digest TEXT NOT NULL,
    row_hashes TEXT NOT NULL,
    at TEXT NOT NULL,
    prev_signature TEXT NOT NULL,
    key_id TEXT NOT NULL,
    public_key TEXT NOT NULL,
    signature TEXT NOT NULL
);

{{if .Postgres}}
CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE OR DELETE ON audit_checkpoints
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
{{else}}
-- +goose StatementBegin
CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints
BEGIN
    SELECT RAISE(ABORT, 'audit_checkpoints is append-only');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints
BEGIN
    SELECT RAISE(ABORT, 'audit_checkpoints is append-only');
END;
-- +goose StatementEnd
{{end}}

-- +goose Down
DROP TABLE audit_checkpoints;
