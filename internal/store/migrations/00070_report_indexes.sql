-- +goose Up
-- The annual report reads, of an agency's catalog, only its published 规章 and 行政规范性文件
-- (table 二 第（一）项), and of its applications the open ones (the cases named at
-- publication): both found by index, whatever the size of the catalog and the year.
CREATE INDEX catalog_items_report ON catalog_items(agency_id, kind, state);
-- Table 三 is counted in SQL from this index alone (no row of the table is read).
CREATE INDEX applications_report ON applications(agency_id, received, closed_day, applicant_kind, outcome);
CREATE INDEX applications_report_open ON applications(agency_id, is_open, received);

-- +goose Down
DROP INDEX applications_report_open;
DROP INDEX applications_report;
DROP INDEX catalog_items_report;
