-- +goose Up
-- Governments (本级人民政府) group the agencies (行政机关) that report to them.
CREATE TABLE governments (
    {{.ID}},
    name TEXT NOT NULL UNIQUE,
    region TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);

CREATE TABLE agencies (
    {{.ID}},
    government_id BIGINT NOT NULL REFERENCES governments(id),
    name TEXT NOT NULL UNIQUE,
    short_name TEXT NOT NULL DEFAULT '',
    credit_code TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL DEFAULT 'department',
    office_name TEXT NOT NULL DEFAULT '',
    office_address TEXT NOT NULL DEFAULT '',
    office_postcode TEXT NOT NULL DEFAULT '',
    office_phone TEXT NOT NULL DEFAULT '',
    office_hours TEXT NOT NULL DEFAULT '',
    office_email TEXT NOT NULL DEFAULT '',
    website TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX agencies_government ON agencies(government_id);

CREATE TABLE users (
    {{.ID}},
    agency_id BIGINT NOT NULL REFERENCES agencies(id),
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    roles TEXT NOT NULL,
    email TEXT NOT NULL DEFAULT '',
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
CREATE INDEX users_agency ON users(agency_id);

-- Server-side sessions: the cookie holds a random token, the table its SHA-256.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

-- Failed sign-ins and other rate-limited events, shared by every app server.
CREATE TABLE rate_events (
    {{.ID}},
    bucket TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX rate_events_bucket ON rate_events(bucket, at);

-- The append-only, hash-chained audit log (操作日志).
CREATE TABLE audit_log (
    seq BIGINT PRIMARY KEY,
    at TEXT NOT NULL,
    actor_id BIGINT,
    actor_name TEXT NOT NULL,
    agency_id BIGINT,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    before_json TEXT NOT NULL,
    after_json TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
CREATE INDEX audit_log_agency ON audit_log(agency_id, seq);

-- One row that serialises appends to the chain across app servers.
CREATE TABLE audit_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '');

{{if .Postgres}}
-- +goose StatementBegin
CREATE FUNCTION audit_log_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
{{else}}
-- +goose StatementBegin
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
-- +goose StatementEnd
{{end}}

-- +goose Down
DROP TABLE audit_head;
DROP TABLE audit_log;
DROP TABLE rate_events;
DROP TABLE sessions;
DROP TABLE users;
DROP TABLE agencies;
DROP TABLE governments;
{{if .Postgres}}DROP FUNCTION audit_log_append_only();{{end}}
