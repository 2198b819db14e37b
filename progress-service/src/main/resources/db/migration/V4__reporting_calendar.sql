-- Each plan's reporting calendar: how often bureaus report, by when, when reminders go out and when
-- a period closes to late entries. A plan without a row uses the configured defaults.
CREATE TABLE reporting_calendar (
    plan_year     INTEGER     PRIMARY KEY,
    cadence       VARCHAR(16) NOT NULL CHECK (cadence IN ('QUARTERLY', 'MONTHLY')),
    deadline_days INTEGER     NOT NULL CHECK (deadline_days BETWEEN 0 AND 90),
    reminder_days INTEGER     NOT NULL CHECK (reminder_days BETWEEN 0 AND 90),
    lock_days     INTEGER     CHECK (lock_days BETWEEN 0 AND 366),
    version       BIGINT      NOT NULL,
    updated_by    TEXT        NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    CHECK (lock_days IS NULL OR lock_days >= deadline_days)
);

-- The ministry reopened a locked period for one bureau, until a day (Beijing calendar).
CREATE TABLE period_reopening (
    province_code VARCHAR(6)  NOT NULL,
    period        VARCHAR(7)  NOT NULL,
    open_until    DATE        NOT NULL,
    reopened_by   TEXT        NOT NULL,
    reopened_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (province_code, period)
);

-- When a report was first submitted: timeliness is judged by it, whatever amendments came after.
ALTER TABLE report ADD COLUMN first_submitted_at TIMESTAMPTZ;
UPDATE report r SET first_submitted_at = v.submitted_at
FROM report_version v WHERE v.report_id = r.id AND v.version = 1;
UPDATE report SET first_submitted_at = submitted_at WHERE first_submitted_at IS NULL;
ALTER TABLE report ALTER COLUMN first_submitted_at SET NOT NULL;
CREATE INDEX report_period_idx ON report (period, item_code);
