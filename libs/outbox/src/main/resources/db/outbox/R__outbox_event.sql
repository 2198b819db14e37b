-- The transactional outbox of libs/outbox. A repeatable migration: every statement may run again.
-- One row per CloudEvent, inserted in the transaction of the change it describes. notification-service
-- reads new rows by logical decoding of the publication tracker_outbox (inserts only) and publishes
-- them to Kafka; rows are purged after tracker.outbox.retention.
CREATE TABLE IF NOT EXISTS outbox_event (
    position   BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id         UUID        NOT NULL UNIQUE,
    source     TEXT        NOT NULL,
    type       TEXT        NOT NULL,
    subject    TEXT        NOT NULL,
    time       TIMESTAMPTZ NOT NULL,
    sequence   BIGINT,
    data       JSONB       NOT NULL,
    extensions JSONB       NOT NULL DEFAULT '{}'
);
-- A row without a sequence is numbered by the capture, in the order of the log's commits
-- (OutboxWriter.writeInCommitOrder); a writer that numbers its own events gives the number.
ALTER TABLE outbox_event ALTER COLUMN sequence DROP NOT NULL;
CREATE INDEX IF NOT EXISTS outbox_event_time_idx ON outbox_event (time);
CREATE INDEX IF NOT EXISTS outbox_event_subject_idx ON outbox_event (subject, position);

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_publication WHERE pubname = 'tracker_outbox') THEN
        CREATE PUBLICATION tracker_outbox FOR TABLE outbox_event WITH (publish = 'insert');
    END IF;
    -- The change-data-capture role reads this table only (its snapshot on first start).
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${cdcRole}') THEN
        EXECUTE format('GRANT SELECT ON outbox_event TO %I', '${cdcRole}');
    END IF;
END
$$;
