-- +goose Up
-- Messages to applicants (issue 11): one row per message, written in the transaction of the
-- step that causes it, sent by the background job. A sender takes a row by a lease
-- (lease_token, lease_until): on PostgreSQL the claim skips rows another server has locked
-- (FOR UPDATE SKIP LOCKED); a lease that runs out (a server killed mid-send) lets another
-- take the row again. Marking a row sent checks the lease token, so a server whose lease
-- was taken over cannot record over the one that now holds it.
CREATE TABLE outbox (
    {{.ID}},
    application_id BIGINT NOT NULL REFERENCES applications(id),
    agency_id BIGINT NOT NULL REFERENCES agencies(id),
    event_seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    channel TEXT NOT NULL,
    recipient TEXT NOT NULL,
    secret TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_at TEXT NOT NULL,
    lease_token TEXT NOT NULL DEFAULT '',
    lease_until TEXT NOT NULL DEFAULT '',
    last_error TEXT NOT NULL DEFAULT '',
    subject TEXT NOT NULL DEFAULT '',
    sent_at TEXT NOT NULL DEFAULT '',
    delivered_by TEXT NOT NULL DEFAULT '',
    delivered_note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX outbox_due ON outbox(state, next_at);
CREATE INDEX outbox_application ON outbox(application_id);

-- Keys the server generates once and keeps (the key of download links in e-mails).
CREATE TABLE server_keys (
    name TEXT PRIMARY KEY,
    secret TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- +goose Down
DROP TABLE server_keys;
DROP TABLE outbox;
