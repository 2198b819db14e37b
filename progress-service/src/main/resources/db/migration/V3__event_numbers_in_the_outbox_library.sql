-- Event numbers move to libs/outbox's counter table (OutboxWriter.writeNumbered), which takes them
-- in the statement that writes the events, at the end of the transaction.
ALTER TABLE item_event_sequence RENAME TO outbox_sequence;
ALTER TABLE outbox_sequence RENAME COLUMN item_code TO subject;
ALTER TABLE outbox_sequence ALTER COLUMN subject TYPE TEXT;
