-- An officer's unfinished report, saved on the server so that it can be resumed on another machine.
-- Private to its owner (the token's subject): never read by rollups, timeliness, obligations or exports,
-- and it writes no event. Every value may still be missing; what is given passed the report's rules.
CREATE TABLE report_drafts (
    id               UUID         PRIMARY KEY,
    owner            TEXT         NOT NULL,
    province_code    VARCHAR(6)   NOT NULL,
    item_code        VARCHAR(16)  NOT NULL,
    period           VARCHAR(7)   NOT NULL,
    -- The report an amendment draft amends. No foreign key: a draft must not stop a report from being
    -- truncated or replaced by operators' scripts; the service checks it when the draft is saved.
    report_id        UUID,
    -- Generated once, kept across saves: the page submits with it, so a retry stores one report.
    idempotency_key  UUID         NOT NULL,
    percent_complete NUMERIC(5,2) CHECK (percent_complete BETWEEN 0 AND 100),
    status           VARCHAR(16),
    narrative        TEXT,
    metrics          JSONB        NOT NULL DEFAULT '[]',
    version          INTEGER      NOT NULL,
    created_at       TIMESTAMPTZ  NOT NULL,
    updated_at       TIMESTAMPTZ  NOT NULL,
    CONSTRAINT report_drafts_one_per_report UNIQUE (owner, province_code, item_code, period)
);
-- The owner's list, newest first.
CREATE INDEX report_drafts_owner_idx ON report_drafts (owner, updated_at DESC);
