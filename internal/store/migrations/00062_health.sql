-- +goose Up
-- One row that the readiness check (/readyz) writes, so that a database that can be read
-- but not written (read-only file, full disk, a standby) is reported as not ready.
CREATE TABLE health (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    checked_at TEXT NOT NULL
);
INSERT INTO health (id, checked_at) VALUES (1, '');

-- +goose Down
DROP TABLE health;
