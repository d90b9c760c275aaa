-- +goose Up
-- 依申请公开: one row per 政府信息公开申请. The event log (application_events) is the truth;
-- state, due day, status, closed day and outcome are denormalised from it for fast lists.
CREATE TABLE applications (
    {{.ID}},
    agency_id BIGINT NOT NULL REFERENCES agencies(id),
    year INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    number TEXT NOT NULL UNIQUE,
    tracking TEXT NOT NULL UNIQUE,
    query_hash TEXT NOT NULL,
    dedup_key TEXT NOT NULL UNIQUE,
    applicant_kind TEXT NOT NULL,
    applicant_name TEXT NOT NULL,
    id_type TEXT NOT NULL DEFAULT '',
    id_number TEXT NOT NULL DEFAULT '',
    credit_code TEXT NOT NULL DEFAULT '',
    contact_person TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    post_code TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    channel TEXT NOT NULL,
    submitted TEXT NOT NULL DEFAULT '',
    signed_for TEXT NOT NULL DEFAULT '',
    confirmed TEXT NOT NULL DEFAULT '',
    received TEXT NOT NULL,
    description TEXT NOT NULL,
    delivery TEXT NOT NULL,
    state TEXT NOT NULL,
    is_open INTEGER NOT NULL,
    running INTEGER NOT NULL,
    due_day TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    as_of TEXT NOT NULL,
    closed_day TEXT NOT NULL DEFAULT '',
    outcome TEXT NOT NULL DEFAULT '',
    created_by BIGINT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (agency_id, year, seq)
);
-- Due-soon and overdue lists: running cases of one agency by due day.
CREATE INDEX applications_due ON applications(agency_id, running, due_day);
CREATE INDEX applications_open ON applications(is_open, due_day);
CREATE INDEX applications_received ON applications(agency_id, received);

-- The next case number per agency and year (row lock serialises allocation).
CREATE TABLE application_counters (
    agency_id BIGINT NOT NULL REFERENCES agencies(id),
    year INTEGER NOT NULL,
    last_seq INTEGER NOT NULL,
    PRIMARY KEY (agency_id, year)
);

-- The case as an ordered event log: seq 1 is the registration.
CREATE TABLE application_events (
    {{.ID}},
    application_id BIGINT NOT NULL REFERENCES applications(id),
    seq INTEGER NOT NULL,
    type TEXT NOT NULL,
    day TEXT NOT NULL,
    at TEXT NOT NULL,
    user_id BIGINT,
    user_name TEXT NOT NULL DEFAULT '',
    data TEXT NOT NULL,
    UNIQUE (application_id, seq)
);

-- Files of a case: reply letters and their attachments.
CREATE TABLE application_files (
    {{.ID}},
    application_id BIGINT NOT NULL REFERENCES applications(id),
    event_seq INTEGER NOT NULL DEFAULT 0,
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    data {{if .Postgres}}BYTEA{{else}}BLOB{{end}} NOT NULL,
    created_by BIGINT,
    created_at TEXT NOT NULL
);
CREATE INDEX application_files_app ON application_files(application_id);

-- In-app reminders of cases due soon or overdue, at most one per user, case and day.
CREATE TABLE reminders (
    {{.ID}},
    user_id BIGINT NOT NULL REFERENCES users(id),
    agency_id BIGINT NOT NULL REFERENCES agencies(id),
    application_id BIGINT NOT NULL REFERENCES applications(id),
    day TEXT NOT NULL,
    kind TEXT NOT NULL,
    message TEXT NOT NULL,
    due_day TEXT NOT NULL,
    created_at TEXT NOT NULL,
    read_at TEXT NOT NULL DEFAULT '',
    emailed_at TEXT NOT NULL DEFAULT '',
    UNIQUE (user_id, application_id, day)
);
CREATE INDEX reminders_user ON reminders(user_id, read_at);

-- +goose Down
DROP TABLE reminders;
DROP TABLE application_files;
DROP TABLE application_events;
DROP TABLE application_counters;
DROP TABLE applications;
