-- The ministry maintains plans through the API: priorities get a version (their ETag and event
-- sequence) and, like sub-items, can be archived. Archived rows stay, with their history.
ALTER TABLE plan ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE plan ADD COLUMN updated_at TIMESTAMPTZ NOT NULL DEFAULT now();

ALTER TABLE priority ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE priority ADD COLUMN updated_at TIMESTAMPTZ NOT NULL DEFAULT now();
ALTER TABLE priority ADD COLUMN archived_at TIMESTAMPTZ;

ALTER TABLE sub_item ADD COLUMN archived_at TIMESTAMPTZ;

-- The history records every change of an item, not only status moves: what kind of change, and for
-- an edit which fields. A creation has no status it came from.
ALTER TABLE item_history ADD COLUMN kind VARCHAR(16) NOT NULL DEFAULT 'STATUS_CHANGED';
ALTER TABLE item_history ADD COLUMN fields TEXT;
ALTER TABLE item_history ALTER COLUMN from_status DROP NOT NULL;
ALTER TABLE item_history ALTER COLUMN kind DROP DEFAULT;
