-- Events no longer arrive over HTTP: the capture reads the services' outbox tables from the log.
DROP TABLE stored_event;

-- Every event the broker acknowledged, once per (source, id): the catch-up read of GET /api/events.
-- position orders them as published and is that endpoint's cursor.
CREATE TABLE published_event (
    position     BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source       TEXT        NOT NULL,
    id           TEXT        NOT NULL,
    type         TEXT        NOT NULL,
    subject      TEXT        NOT NULL,
    -- The province a report event belongs to (its 'province' extension); null for item events.
    province     TEXT,
    time         TIMESTAMPTZ NOT NULL,
    sequence     BIGINT      NOT NULL,
    event        JSONB       NOT NULL,
    published_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (source, id)
);
CREATE INDEX published_event_subject_idx ON published_event (subject, position);

-- Events the broker refused for good, kept whole (as structured CloudEvents) for an operator to replay.
CREATE TABLE dead_letter (
    position    BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source      TEXT        NOT NULL,
    id          TEXT        NOT NULL,
    type        TEXT        NOT NULL,
    subject     TEXT        NOT NULL,
    event       TEXT        NOT NULL,
    bytes       INTEGER     NOT NULL,
    reason      TEXT        NOT NULL,
    failed_at   TIMESTAMPTZ NOT NULL,
    replayed_at TIMESTAMPTZ,
    UNIQUE (source, id)
);
