-- Each reminder sent, once per kind, bureau, item and period: written in the transaction of its event.
CREATE TABLE reminder_sent (
    kind          VARCHAR(8)  NOT NULL CHECK (kind IN ('DUE', 'LATE')),
    province_code VARCHAR(6)  NOT NULL,
    item_code     VARCHAR(16) NOT NULL,
    period        VARCHAR(7)  NOT NULL,
    sent_at       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (kind, province_code, item_code, period)
);
