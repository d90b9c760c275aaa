-- +goose Up
-- Waiting states have their own statutory period (issue 10): the last day of the open
-- waiting state's period (补正, consultation, fee) and its kind, denormalised from the
-- event log like due_day, for lists, the console home and the reminders. arrived is the
-- day a 平信 (ordinary letter) arrived: the office confirms with the applicant that day
-- (第三十一条第（二）项).
ALTER TABLE applications ADD COLUMN wait_due TEXT NOT NULL DEFAULT '';
ALTER TABLE applications ADD COLUMN wait_kind TEXT NOT NULL DEFAULT '';
ALTER TABLE applications ADD COLUMN arrived TEXT NOT NULL DEFAULT '';
CREATE INDEX applications_wait ON applications(agency_id, is_open, wait_due);
-- Open cases recorded before this migration get their wait_due from the daily refresh
-- (Applications.Refresh recomputes every open case not yet computed that day).

-- +goose Down
DROP INDEX applications_wait;
ALTER TABLE applications DROP COLUMN arrived;
ALTER TABLE applications DROP COLUMN wait_kind;
ALTER TABLE applications DROP COLUMN wait_due;
