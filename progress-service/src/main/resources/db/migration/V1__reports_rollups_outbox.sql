-- A province's progress report on a sub-item for a period; one per (province, item, period).
CREATE TABLE report (
    id               UUID         PRIMARY KEY,
    item_code        VARCHAR(16)  NOT NULL,
    province_code    VARCHAR(6)   NOT NULL,
    period           VARCHAR(7)   NOT NULL,
    period_end       DATE         NOT NULL,
    percent_complete NUMERIC(5,2) NOT NULL CHECK (percent_complete BETWEEN 0 AND 100),
    status           VARCHAR(16)  NOT NULL,
    narrative        TEXT,
    metrics          JSONB        NOT NULL DEFAULT '[]',
    submitted_by     TEXT         NOT NULL,
    submitted_at     TIMESTAMPTZ  NOT NULL,
    version          INTEGER      NOT NULL,
    review_state     VARCHAR(16)  NOT NULL,
    reviewed_by      TEXT,
    reviewed_at      TIMESTAMPTZ,
    review_comment   TEXT,
    CONSTRAINT report_one_per_period UNIQUE (province_code, item_code, period)
);
CREATE INDEX report_item_idx ON report (item_code, period);
CREATE INDEX report_review_state_idx ON report (review_state);

-- Every version of every report, as submitted (amendments keep the earlier ones readable).
CREATE TABLE report_version (
    report_id        UUID         NOT NULL REFERENCES report (id),
    version          INTEGER      NOT NULL,
    percent_complete NUMERIC(5,2) NOT NULL,
    status           VARCHAR(16)  NOT NULL,
    narrative        TEXT,
    metrics          JSONB        NOT NULL,
    submitted_by     TEXT         NOT NULL,
    submitted_at     TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (report_id, version)
);

-- Idempotency-Key of POST /api/reports, per province: the request's hash and the report it made.
CREATE TABLE idempotency_key (
    province_code VARCHAR(6)  NOT NULL,
    key           TEXT        NOT NULL,
    request_hash  TEXT        NOT NULL,
    report_id     UUID        REFERENCES report (id),
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (province_code, key)
);
CREATE INDEX idempotency_key_created_idx ON idempotency_key (created_at);

-- Each province's latest report per item, maintained on every submission and amendment, so that
-- rollups read at most 32 rows per item whatever the number of reports.
CREATE TABLE latest_report (
    item_code        VARCHAR(16)  NOT NULL,
    province_code    VARCHAR(6)   NOT NULL,
    report_id        UUID         NOT NULL REFERENCES report (id),
    period           VARCHAR(7)   NOT NULL,
    period_end       DATE         NOT NULL,
    percent_complete NUMERIC(5,2) NOT NULL,
    status           VARCHAR(16)  NOT NULL,
    submitted_at     TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (item_code, province_code)
);
CREATE INDEX latest_report_province_idx ON latest_report (province_code);

-- The events' sequence per subject (item code): strictly increasing.
CREATE TABLE item_event_sequence (
    item_code     VARCHAR(16) PRIMARY KEY,
    last_sequence BIGINT      NOT NULL
);

-- Transactional outbox, as in task-service.
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
