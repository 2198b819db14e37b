package org.prioritytracker.notification.capture;

import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.source.SourceRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;
import org.prioritytracker.notification.deadletter.DeadLetterStore;
import org.prioritytracker.notification.event.EventLog;
import org.prioritytracker.notification.publish.EventPublisher;
import org.prioritytracker.notification.publish.Publishers;

/**
 * Runs one Debezium engine per source database: it streams the inserts into that source's outbox
 * table from the write-ahead log (pgoutput, its own replication slot, the table's publication) to a
 * {@link CaptureHandler}, which publishes them. Each engine keeps its position in a compacted Kafka
 * topic (Kafka Connect's offset store), so that after a stop or a crash it resumes about where the
 * topic ends; the slot keeps the log until then. An engine that stops on an error is started again.
 * The engines run only in the instance that {@link CaptureLeadership} elects.
 */
@ApplicationScoped
public class OutboxCapture {

    private static final Logger LOG = Logger.getLogger(OutboxCapture.class);

    private final CaptureConfig config;
    private final Publishers publishers;
    private final EventNumbers numbers;
    private final EventLog log;
    private final DeadLetterStore deadLetters;
    private final CaptureStatus status;
    private final ManagedExecutor executor;
    private final String bootstrapServers;
    private final MeterRegistry registry;
    private final List<SourceEngine> engines = new CopyOnWriteArrayList<>();

    public OutboxCapture(
            CaptureConfig config,
            Publishers publishers,
            EventNumbers numbers,
            EventLog log,
            DeadLetterStore deadLetters,
            CaptureStatus status,
            ManagedExecutor executor,
            MeterRegistry registry,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.config = config;
        this.publishers = publishers;
        this.numbers = numbers;
        this.log = log;
        this.deadLetters = deadLetters;
        this.status = status;
        this.executor = executor;
        this.bootstrapServers = bootstrapServers;
        this.registry = registry;
    }

    /** Starts an engine per source: this instance now holds the capture. */
    void lead() {
        // Another instance may have numbered events since this one last led.
        numbers.forget();
        status.leading();
        for (Map.Entry<String, CaptureConfig.Source> source : config.sources().entrySet()) {
            SourceEngine engine = new SourceEngine(source.getKey(), source.getValue());
            engines.add(engine);
            status.starting(source.getKey());
            executor.execute(engine::runUntilStopped);
        }
    }

    /** Another instance holds the capture. */
    void standBy() {
        status.standby();
    }

    /** Stops the engines and waits until they have saved their position and let go of their slots. */
    void standDown() {
        engines.forEach(SourceEngine::stop);
        for (SourceEngine engine : engines) {
            engine.awaitEnd();
        }
        engines.clear();
        status.electing();
    }

    /** One source's engine, started again after it stops until the capture stands down. */
    private final class SourceEngine {

        private final String name;
        private final CaptureConfig.Source source;
        private final EventPublisher publisher;
        private final CountDownLatch ended = new CountDownLatch(1);
        private volatile DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
        private volatile boolean stopping;

        SourceEngine(String name, CaptureConfig.Source source) {
            this.name = name;
            this.source = source;
            this.publisher = publishers.create(name);
        }

        void runUntilStopped() {
            try {
                while (!stopping) {
                    status.starting(name);
                    Properties properties;
                    try {
                        properties = properties(SourceDatabases.oid(source));
                    } catch (SQLException e) {
                        LOG.warnf("Capture of %s cannot reach its database (%s); trying again", name, e.getMessage());
                        status.stopped(name, e.getMessage());
                        Thread.sleep(config.restartDelay().toMillis());
                        continue;
                    }
                    engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                            .using(properties)
                            .notifying(new CaptureHandler(name, numbers, publisher, log, deadLetters, status, registry))
                            .using(new DebeziumEngine.ConnectorCallback() {
                                @Override
                                public void taskStarted() {
                                    LOG.infof(
                                            "Capturing the outbox of %s (database %s, slot %s)",
                                            name, source.database(), source.slotName());
                                    status.streaming(name);
                                }
                            })
                            .using((success, message, error) -> {
                                if (!stopping) {
                                    LOG.warnf(error, "Capture of %s stopped: %s", name, message);
                                }
                                status.stopped(name, success ? null : message);
                            })
                            .build();
                    if (stopping) {
                        break; // stood down while the engine was being built
                    }
                    engine.run();
                    if (!stopping) {
                        Thread.sleep(config.restartDelay().toMillis());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                publisher.close();
                ended.countDown();
            }
        }

        void stop() {
            stopping = true;
            close();
        }

        void awaitEnd() {
            try {
                if (!ended.await(30, TimeUnit.SECONDS)) {
                    LOG.warnf("The capture of %s did not stop within 30 s", name);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void close() {
            DebeziumEngine<RecordChangeEvent<SourceRecord>> running = engine;
            if (running != null) {
                try {
                    running.close();
                } catch (IOException | RuntimeException e) {
                    LOG.debugf("Closing the capture of %s: %s", name, e);
                }
            }
        }

        /** @param databaseOid the source database's id: part of the key the engine's position is kept under */
        private Properties properties(long databaseOid) {
            Properties p = new Properties();
            String instance = "outbox-" + name + "-" + databaseOid;
            p.setProperty("name", instance);
            p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
            p.setProperty("topic.prefix", instance);
            p.setProperty("database.hostname", source.host());
            p.setProperty("database.port", Integer.toString(source.port()));
            p.setProperty("database.dbname", source.database());
            p.setProperty("database.user", source.user());
            p.setProperty("database.password", source.password());
            p.setProperty("plugin.name", "pgoutput");
            p.setProperty("slot.name", source.slotName());
            p.setProperty("publication.name", source.publication());
            p.setProperty("publication.autocreate.mode", "disabled");
            p.setProperty("table.include.list", source.table());
            // On the very first start, what the outbox already holds, in the order it was written; then the log.
            p.setProperty("snapshot.mode", "initial");
            p.setProperty("snapshot.select.statement.overrides", source.table());
            p.setProperty(
                    "snapshot.select.statement.overrides." + source.table(),
                    "SELECT * FROM " + source.table() + " ORDER BY position");
            p.setProperty(
                    "poll.interval.ms",
                    Long.toString(Math.max(1, config.pollInterval().toMillis())));
            p.setProperty("max.batch.size", "500");
            p.setProperty("max.queue.size", "4000");
            p.setProperty(
                    "heartbeat.interval.ms",
                    Long.toString(config.heartbeatInterval().toMillis()));
            // Well inside the server's wal_sender_timeout (10 s as deploy/local/database sets it).
            p.setProperty("status.update.interval.ms", "2000");
            p.setProperty("offset.storage", "org.apache.kafka.connect.storage.KafkaOffsetBackingStore");
            p.setProperty("bootstrap.servers", bootstrapServers);
            p.setProperty("offset.storage.topic", config.offsetsTopic());
            p.setProperty("offset.storage.partitions", "1");
            p.setProperty("offset.storage.replication.factor", Short.toString(config.offsetsReplicationFactor()));
            p.setProperty(
                    "offset.flush.interval.ms",
                    Long.toString(config.offsetFlushInterval().toMillis()));
            // A lost connection (a database restart) is retried without end, and soon.
            p.setProperty("errors.max.retries", "-1");
            p.setProperty("errors.retry.delay.initial.ms", "300");
            p.setProperty("errors.retry.delay.max.ms", "2000");
            p.setProperty("debezium.embedded.shutdown.pause.before.interrupt.ms", "2000");
            return p;
        }
    }
}
