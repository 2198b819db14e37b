-- Where each published event stands in the topic: an event stream that resumes from a position older
-- than the stream engine's memory catches up from this copy, partition by partition. Rows from before
-- this column have none and are never served to a resuming stream.
ALTER TABLE published_event ADD COLUMN topic_partition INTEGER, ADD COLUMN topic_offset BIGINT;
CREATE INDEX published_event_topic_idx ON published_event (topic_partition, topic_offset)
    WHERE topic_offset IS NOT NULL;
