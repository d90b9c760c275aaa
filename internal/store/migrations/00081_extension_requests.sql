-- +goose Up
-- A clerk's request to extend the reply period awaiting the 负责人 (issue 10): the day it
-- was asked and the day the decision is due (the first due day), denormalised from the
-- event log for the 负责人's task list.
ALTER TABLE applications ADD COLUMN extension_requested TEXT NOT NULL DEFAULT '';
ALTER TABLE applications ADD COLUMN extension_by TEXT NOT NULL DEFAULT '';
CREATE INDEX applications_extension ON applications(agency_id, extension_requested);

-- +goose Down
DROP INDEX applications_extension;
ALTER TABLE applications DROP COLUMN extension_by;
ALTER TABLE applications DROP COLUMN extension_requested;
