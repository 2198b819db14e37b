-- The state a suspended item returns to when it resumes.
ALTER TABLE sub_item ADD COLUMN suspended_from VARCHAR(16);
-- When the overdue check last flagged the item (cleared with the flag).
ALTER TABLE sub_item ADD COLUMN overdue_since TIMESTAMPTZ;

-- Every status change: who moved what from where to where, and why.
CREATE TABLE item_history (
    id          BIGSERIAL   PRIMARY KEY,
    item_code   VARCHAR(16) NOT NULL REFERENCES sub_item (code),
    from_status VARCHAR(16) NOT NULL,
    to_status   VARCHAR(16) NOT NULL,
    reason      TEXT,
    actor       TEXT        NOT NULL,
    version     BIGINT      NOT NULL,
    changed_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX item_history_item_idx ON item_history (item_code, id DESC);

-- Transactional outbox: one row per CloudEvent, written in the transaction of the change it
-- describes; the relay delivers pending rows in position order and marks them delivered.
CREATE TABLE outbox_event (
    position     BIGSERIAL   PRIMARY KEY,
    id           UUID        NOT NULL UNIQUE,
    subject      VARCHAR(64) NOT NULL,
    type         VARCHAR(64) NOT NULL,
    event        JSONB       NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    delivered_at TIMESTAMPTZ
);
CREATE INDEX outbox_event_pending_idx ON outbox_event (position) WHERE delivered_at IS NULL;
