-- Two-level approval: the bureau's approver decides on a submitted version before the ministry.
-- The decision on the report's current version (cleared by an amendment), and on each version as history.
ALTER TABLE report
    ADD COLUMN bureau_decision   VARCHAR(16) CHECK (bureau_decision IN ('APPROVED', 'RETURNED')),
    ADD COLUMN bureau_decided_by TEXT,
    ADD COLUMN bureau_decided_at TIMESTAMPTZ,
    ADD COLUMN bureau_comment    TEXT;
ALTER TABLE report_version
    ADD COLUMN bureau_decision   VARCHAR(16) CHECK (bureau_decision IN ('APPROVED', 'RETURNED')),
    ADD COLUMN bureau_decided_by TEXT,
    ADD COLUMN bureau_decided_at TIMESTAMPTZ,
    ADD COLUMN bureau_comment    TEXT;

-- Whether a plan year needs the bureau's approval before the ministry's review; NULL: the configured
-- default for the year (tracker.calendar.bureau-approval-from).
ALTER TABLE reporting_calendar
    ADD COLUMN bureau_approval VARCHAR(16) CHECK (bureau_approval IN ('REQUIRED', 'NOT_REQUIRED'));

-- Existing plan years ran single-level: their SUBMITTED reports stay reviewable by the ministry.
-- A year with reports but no calendar gets a row at version 0 (the default calendar) that says so.
UPDATE reporting_calendar SET bureau_approval = 'NOT_REQUIRED';
INSERT INTO reporting_calendar (plan_year, cadence, deadline_days, reminder_days, lock_days, version, updated_by,
                                updated_at, bureau_approval)
SELECT plan_year, 'QUARTERLY', 0, 0, NULL, 0, '', now(), 'NOT_REQUIRED'
FROM (SELECT DISTINCT CAST(LEFT(period, 4) AS INTEGER) AS plan_year FROM report) AS reported
ON CONFLICT (plan_year) DO NOTHING;
