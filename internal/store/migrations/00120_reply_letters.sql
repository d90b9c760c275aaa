-- +goose Up
-- Reply letters as drafts (issue 11, four eyes): the 答复书 of a case is written and edited
-- before it goes out and, where the agency requires it (agencies.reply_review, on by
-- default), approved by a 审核人 or 负责人 other than its author. A letter's files wait in
-- application_files with event_seq 0 and their letter_id until the letter is issued,
-- when they move to the reply step.
CREATE TABLE reply_letters (
    {{.ID}},
    application_id BIGINT NOT NULL REFERENCES applications(id),
    reply TEXT NOT NULL,
    disclosed TEXT NOT NULL DEFAULT '',
    withheld TEXT NOT NULL DEFAULT '[]',
    body TEXT NOT NULL DEFAULT '',
    handover TEXT NOT NULL DEFAULT '',
    handover_day TEXT NOT NULL DEFAULT '',
    author_id BIGINT NOT NULL,
    author_name TEXT NOT NULL,
    approver_id BIGINT,
    approver_name TEXT NOT NULL DEFAULT '',
    approved_at TEXT NOT NULL DEFAULT '',
    issued_seq INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX reply_letters_application ON reply_letters(application_id);
ALTER TABLE application_files ADD COLUMN letter_id BIGINT;
ALTER TABLE agencies ADD COLUMN reply_review INTEGER NOT NULL DEFAULT 1;

-- +goose Down
ALTER TABLE agencies DROP COLUMN reply_review;
ALTER TABLE application_files DROP COLUMN letter_id;
DROP TABLE reply_letters;
