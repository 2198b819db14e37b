-- The ministry may deactivate a bureau: from then on it owes no report whose deadline falls after
-- that moment; its reports stay. A version makes deactivating and reactivating If-Match writes.
ALTER TABLE province ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE province ADD COLUMN deactivated_at TIMESTAMPTZ;
ALTER TABLE province ADD COLUMN status_reason TEXT;
