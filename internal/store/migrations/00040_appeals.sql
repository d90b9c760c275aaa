-- +goose Up
-- 行政复议 and 行政诉讼 about disclosure decisions (table 四 of the annual report).
CREATE TABLE appeals (
    {{.ID}},
    agency_id BIGINT NOT NULL REFERENCES agencies(id),
    application_id BIGINT,
    kind TEXT NOT NULL,
    case_no TEXT NOT NULL DEFAULT '',
    organ TEXT NOT NULL DEFAULT '',
    filed_on TEXT NOT NULL,
    result TEXT NOT NULL,
    decided_on TEXT NOT NULL DEFAULT '',
    co_defendant_organ INTEGER NOT NULL DEFAULT 0,
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX appeals_agency ON appeals(agency_id, filed_on);

-- +goose Down
DROP TABLE appeals;
