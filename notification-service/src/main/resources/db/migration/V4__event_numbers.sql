-- The last number the capture gave an event of each (source, subject), for the sources that leave
-- the numbering to it (progress-service: libs/outbox's writeInCommitOrder). Written, and committed to
-- disk, before the numbered events are published, so that a number is never given twice.
CREATE TABLE event_number (
    source        TEXT   NOT NULL,
    subject       TEXT   NOT NULL,
    last_sequence BIGINT NOT NULL,
    PRIMARY KEY (source, subject)
);
