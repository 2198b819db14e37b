-- The reporting bureaus: 31 provincial-level divisions (GB/T 2260) and the XPCC bureau.
CREATE TABLE province (
    code     VARCHAR(6)  PRIMARY KEY,
    position INTEGER     NOT NULL UNIQUE,
    name_zh  TEXT        NOT NULL,
    name_en  TEXT        NOT NULL,
    kind     VARCHAR(32) NOT NULL
);

-- The eight priorities of the 2025 work conference.
CREATE TABLE priority (
    code     VARCHAR(8) PRIMARY KEY,
    position INTEGER    NOT NULL UNIQUE,
    title_zh TEXT       NOT NULL,
    title_en TEXT       NOT NULL
);

-- The tracked work inside each priority.
CREATE TABLE sub_item (
    code            VARCHAR(16) PRIMARY KEY,
    priority_code   VARCHAR(8)  NOT NULL REFERENCES priority (code),
    position        INTEGER     NOT NULL,
    title_zh        TEXT        NOT NULL,
    title_en        TEXT        NOT NULL,
    source_text     TEXT        NOT NULL,
    description     TEXT,
    lead_department TEXT,
    due_date        DATE        NOT NULL,
    status          VARCHAR(16) NOT NULL DEFAULT 'NOT_STARTED',
    overdue         BOOLEAN     NOT NULL DEFAULT FALSE,
    version         BIGINT      NOT NULL DEFAULT 1,
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (priority_code, position)
);

CREATE INDEX sub_item_status_idx ON sub_item (status);
