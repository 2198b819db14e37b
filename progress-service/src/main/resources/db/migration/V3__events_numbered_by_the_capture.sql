-- progress-service's events are numbered by the capture, in the order the log commits them
-- (libs/outbox: OutboxWriter.writeInCommitOrder). The per-item counter goes: every province's report
-- on an item locked its row until the report's commit.
DROP TABLE item_event_sequence;
