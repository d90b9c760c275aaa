-- +goose Up
-- 政民互动 (issue 14): questions received on the portal (咨询、留言) and tickets of hotlines
-- and platforms (12345 and others), their answers and what was published after moderation;
-- and the answer period each agency sets. Days 'YYYY-MM-DD', instants fixed-width UTC text.
CREATE TABLE interaction_questions (
    {{.ID}},
    agency_id BIGINT NOT NULL REFERENCES agencies(id),
    channel TEXT NOT NULL,
    kind TEXT NOT NULL,
    ticket_no TEXT NOT NULL DEFAULT '',
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    asker_name TEXT NOT NULL DEFAULT '',
    asker_contact TEXT NOT NULL DEFAULT '',
    received_on TEXT NOT NULL,
    due_on TEXT NOT NULL,
    answer TEXT NOT NULL DEFAULT '',
    answered_on TEXT NOT NULL DEFAULT '',
    answered_by BIGINT,
    public_subject TEXT NOT NULL DEFAULT '',
    public_body TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL,
    published_at TEXT NOT NULL DEFAULT '',
    moderated_by BIGINT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX interaction_questions_agency ON interaction_questions(agency_id, state, due_on);
CREATE INDEX interaction_questions_public ON interaction_questions(state, published_at);

CREATE TABLE interaction_settings (
    agency_id BIGINT PRIMARY KEY REFERENCES agencies(id),
    answer_days INTEGER NOT NULL,
    updated_at TEXT NOT NULL
);

-- +goose Down
DROP TABLE interaction_settings;
DROP TABLE interaction_questions;
