-- Events now leave through logical decoding of libs/outbox's table (db/outbox/R__outbox_event.sql),
-- not through an HTTP relay: the relay's table goes. Its rows were all delivered before an upgrade.
DROP TABLE outbox_event;
