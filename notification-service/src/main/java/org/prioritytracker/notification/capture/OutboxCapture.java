package org.prioritytracker.notification.capture;

import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
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
    private volatile boolean stopping;

    public OutboxCapture(CaptureConfig config, Publishers publishers, EventNumbers numbers, EventLog log,
            DeadLetterStore deadLetters, CaptureStatus status, ManagedExecutor executor, MeterRegistry registry,
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

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.info("Outbox capture is disabled in this instance");
            return;
        }
        for (Map.Entry<String, CaptureConfig.Source> source : config.sources().entrySet()) {
            SourceEngine engine = new SourceEngine(source.getKey(), source.getValue());
            engines.add(engine);
            status.starting(source.getKey());
            executor.execute(engine::runUntilStopped);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        engines.forEach(SourceEngine::close);
    }

    /** One source's engine, started again after it stops until the service shuts down. */
    private final class SourceEngine {

        private final String name;
        private final CaptureConfig.Source source;
        private final EventPublisher publisher;
        private volatile DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;

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
                                    LOG.infof("Capturing the outbox of %s (database %s, slot %s)", name, source.database(),
                                            source.slotName());
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
                    engine.run();
                    if (!stopping) {
                        Thread.sleep(config.restartDelay().toMillis());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                publisher.close();
            }
        }

        void close() {
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
            p.setProperty("snapshot.select.statement.overrides." + source.table(),
                    "SELECT * FROM " + source.table() + " ORDER BY position");
            p.setProperty("poll.interval.ms", Long.toString(Math.max(1, config.pollInterval().toMillis())));
            p.setProperty("max.batch.size", "500");
            p.setProperty("max.queue.size", "4000");
            p.setProperty("heartbeat.interval.ms", Long.toString(config.heartbeatInterval().toMillis()));
            // Well inside the server's wal_sender_timeout (10 s as deploy/local/database sets it).
            p.setProperty("status.update.interval.ms", "2000");
            p.setProperty("offset.storage", "org.apache.kafka.connect.storage.KafkaOffsetBackingStore");
            p.setProperty("bootstrap.servers", bootstrapServers);
            p.setProperty("offset.storage.topic", config.offsetsTopic());
            p.setProperty("offset.storage.partitions", "1");
            p.setProperty("offset.storage.replication.factor", Short.toString(config.offsetsReplicationFactor()));
            p.setProperty("offset.flush.interval.ms", Long.toString(config.offsetFlushInterval().toMillis()));
            // A lost connection (a database restart) is retried without end, and soon.
            p.setProperty("errors.max.retries", "-1");
            p.setProperty("errors.retry.delay.initial.ms", "300");
            p.setProperty("errors.retry.delay.max.ms", "2000");
            p.setProperty("debezium.embedded.shutdown.pause.before.interrupt.ms", "2000");
            return p;
        }
    }
}
