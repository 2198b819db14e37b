-- The retention purge deletes by age: published events by when they were published, dead letters by
-- when an operator replayed them.
CREATE INDEX published_event_published_at_idx ON published_event (published_at);
CREATE INDEX dead_letter_replayed_at_idx ON dead_letter (replayed_at) WHERE replayed_at IS NOT NULL;
