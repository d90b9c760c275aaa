-- +goose Up
-- What a rate-limited event was about (e.g. the digest of a tracking number), so that a
-- limit can count different subjects rather than events: an address is locked out only
-- after it tried many different tracking numbers.
ALTER TABLE rate_events ADD COLUMN subject TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE rate_events DROP COLUMN subject;
