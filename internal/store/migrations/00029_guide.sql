-- +goose Up
-- 政府信息公开指南: one editable text per agency (issue 5). Until an administrator saves one,
-- the portal shows a text generated from the agency's office details.
CREATE TABLE agency_guides (
    agency_id BIGINT PRIMARY KEY REFERENCES agencies(id),
    body TEXT NOT NULL,
    updated_by BIGINT,
    updated_at TEXT NOT NULL
);

-- +goose Down
DROP TABLE agency_guides;
