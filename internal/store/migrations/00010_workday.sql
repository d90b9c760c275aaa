-- +goose Up
-- Administrator overrides of the working-day calendar: a local day off, or a year the
-- holiday library does not know yet.
CREATE TABLE calendar_overrides (
    day TEXT PRIMARY KEY,
    working INTEGER NOT NULL,
    reason TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- +goose Down
DROP TABLE calendar_overrides;
