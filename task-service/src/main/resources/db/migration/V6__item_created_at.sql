-- When the ministry added an item through the API: reports are expected only for periods due after
-- it. Items of the seed data have none: they belong to their plan from its start.
ALTER TABLE sub_item ADD COLUMN created_at TIMESTAMPTZ;
