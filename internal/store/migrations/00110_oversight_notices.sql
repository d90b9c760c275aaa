-- +goose Up
-- 督办: follow-up notices from a government's 政务公开办 to one of its agencies, with the
-- day by which the agency answers; answered once.
CREATE TABLE oversight_notices (
    {{.ID}},
    government_id BIGINT NOT NULL REFERENCES governments(id),
    agency_id BIGINT NOT NULL REFERENCES agencies(id),
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    due_day TEXT NOT NULL,
    sent_at TEXT NOT NULL,
    sent_by BIGINT NOT NULL,
    sent_by_name TEXT NOT NULL,
    answer TEXT NOT NULL DEFAULT '',
    answered_at TEXT NOT NULL DEFAULT '',
    answered_by BIGINT,
    answered_by_name TEXT NOT NULL DEFAULT ''
);
CREATE INDEX oversight_notices_agency ON oversight_notices(agency_id, answered_at, due_day);
CREATE INDEX oversight_notices_government ON oversight_notices(government_id, sent_at);

-- Reminders of notices due soon or overdue, at most one per user, notice and day.
CREATE TABLE oversight_reminders (
    {{.ID}},
    notice_id BIGINT NOT NULL REFERENCES oversight_notices(id),
    user_id BIGINT NOT NULL REFERENCES users(id),
    day TEXT NOT NULL,
    kind TEXT NOT NULL,
    message TEXT NOT NULL,
    created_at TEXT NOT NULL,
    read_at TEXT NOT NULL DEFAULT '',
    UNIQUE (notice_id, user_id, day)
);
CREATE INDEX oversight_reminders_user ON oversight_reminders(user_id, read_at);

-- +goose Down
DROP TABLE oversight_reminders;
DROP TABLE oversight_notices;
