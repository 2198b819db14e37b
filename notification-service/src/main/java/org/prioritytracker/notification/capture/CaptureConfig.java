package org.prioritytracker.notification.capture;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The outbox tables this service captures, one source database each, read by logical decoding
 * (Debezium's PostgreSQL connector, pgoutput) through a replication slot of their own.
 */
@ConfigMapping(prefix = "tracker.capture")
public interface CaptureConfig {

    /** Run the capture in this instance. */
    @WithDefault("true")
    boolean enabled();

    /** The sources by name (tasks, progress): the database that holds each outbox. */
    Map<String, Source> sources();

    /** How long the connector sleeps when the log has nothing new: 1 ms keeps the latency to the topic low. */
    @WithDefault("1ms")
    Duration pollInterval();

    /**
     * The compacted topic where each source's engine keeps the position it reached in its log (Kafka
     * Connect's offset store), beside the events themselves.
     */
    @WithDefault("tracker-capture-offsets")
    String offsetsTopic();

    /** The offsets topic's replication factor: 1 on a single broker, 3 on a cluster. */
    @WithDefault("1")
    short offsetsReplicationFactor();

    /** How often the position reached in each log is saved (a restart re-reads at most this much). */
    @WithDefault("1s")
    Duration offsetFlushInterval();

    /** How often an idle source confirms its position to the database, so that the slot releases WAL. */
    @WithDefault("10s")
    Duration heartbeatInterval();

    /**
     * How often an instance that does not run the capture tries to take it over, and the one that runs
     * it checks that it still holds it: the bound on a hand-over after the leader dies.
     */
    @WithDefault("1s")
    Duration leadershipCheck();

    /** The wait before a stopped engine is started again. */
    @WithDefault("2s")
    Duration restartDelay();

    /** How often each slot's lag is measured. */
    @WithDefault("10s")
    String slotLagEvery();

    /** The slot lag (bytes of WAL the slot retains) above which readiness carries a warning. */
    @WithDefault("268435456")
    long slotLagWarningBytes();

    interface Source {

        @WithDefault("127.0.0.1")
        String host();

        @WithDefault("5432")
        int port();

        String database();

        /** A role with REPLICATION and SELECT on the outbox table, nothing more. */
        @WithDefault("tracker_cdc")
        String user();

        @WithDefault("tracker_cdc-local")
        String password();

        /** The replication slot; by default tracker_ followed by the database name, unique in the cluster. */
        Optional<String> slot();

        /** The publication the source's migration created for its outbox table. */
        @WithDefault("tracker_outbox")
        String publication();

        @WithDefault("public.outbox_event")
        String table();

        default String slotName() {
            return slot().orElse("tracker_" + database());
        }
    }
}
