-- Every CloudEvent received from the services' outbox relays, stored once per (source, id).
-- position orders the events as received and is the cursor of GET /api/events.
CREATE TABLE stored_event (
    position     BIGSERIAL    PRIMARY KEY,
    source       TEXT         NOT NULL,
    id           TEXT         NOT NULL,
    type         TEXT         NOT NULL,
    subject      TEXT         NOT NULL,
    time         TIMESTAMPTZ  NOT NULL,
    sequence     BIGINT       NOT NULL,
    event        JSONB        NOT NULL,
    received_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    published_at TIMESTAMPTZ,
    UNIQUE (source, id)
);

-- What the Kafka publisher still has to send.
CREATE INDEX stored_event_unpublished_idx ON stored_event (position) WHERE published_at IS NULL;
CREATE INDEX stored_event_subject_idx ON stored_event (subject, position);
