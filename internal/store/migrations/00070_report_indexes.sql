-- +goose Up
-- The annual report reads, of an agency's catalog, only its published 规章 and 行政规范性文件
-- (table 二 第（一）项), and of its applications the open ones (the cases named at
-- publication): both found by index, whatever the size of the catalog and the year.
CREATE INDEX catalog_items_report ON catalog_items(agency_id, kind, state);
-- Table 三 is counted in SQL from indexes alone, each read in its order: the year's
-- applications by kind and outcome, and — a small index — those open now or replied in a
-- later year than received, the only ones a year carries in or out (store/report_applications.go
-- names the condition word for word).
CREATE INDEX applications_report_year ON applications(agency_id, substr(received, 1, 4), applicant_kind, outcome, received, closed_day);
CREATE INDEX applications_report_crossing ON applications(agency_id, closed_day, received, applicant_kind, outcome)
    WHERE closed_day = '' OR substr(closed_day, 1, 5) > substr(received, 1, 5);
CREATE INDEX applications_report_open ON applications(agency_id, is_open, received);

-- +goose Down
DROP INDEX applications_report_open;
DROP INDEX applications_report_crossing;
DROP INDEX applications_report_year;
DROP INDEX catalog_items_report;
