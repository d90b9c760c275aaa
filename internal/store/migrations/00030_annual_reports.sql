-- +goose Up
-- An agency's own annual report: the narrative staff write, and at publication a frozen
-- snapshot of the report (figures counted from the records).
CREATE TABLE annual_reports (
    {{.ID}},
    agency_id BIGINT NOT NULL REFERENCES agencies(id),
    year INTEGER NOT NULL,
    overview TEXT NOT NULL DEFAULT '',
    problems TEXT NOT NULL DEFAULT '',
    other_text TEXT NOT NULL DEFAULT '',
    fee_yuan TEXT NOT NULL DEFAULT '0',
    status TEXT NOT NULL DEFAULT 'draft',
    snapshot_json TEXT NOT NULL DEFAULT '',
    published_at TEXT NOT NULL DEFAULT '',
    published_by TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    UNIQUE (agency_id, year)
);

-- Published reports of any agency, read by `gongkai check`'s reader and imported by a
-- 政务公开办 or researcher to check and compare.
CREATE TABLE imported_reports (
    {{.ID}},
    government_id BIGINT NOT NULL REFERENCES governments(id),
    uploaded_by BIGINT NOT NULL,
    file_name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    agency_name TEXT NOT NULL,
    year INTEGER NOT NULL,
    format TEXT NOT NULL,
    report_json TEXT NOT NULL,
    findings INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (government_id, sha256)
);
CREATE INDEX imported_reports_agency ON imported_reports(government_id, agency_name, year);

-- +goose Down
DROP TABLE imported_reports;
DROP TABLE annual_reports;
