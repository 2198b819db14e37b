package org.prioritytracker.notification.capture;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Measures how much write-ahead log each source's slot retains: what the source database must keep
 * on disk until the capture confirms it. A slot whose capture is stopped grows without bound, which
 * is why readiness warns past {@code tracker.capture.slot-lag-warning-bytes}.
 */
@ApplicationScoped
public class SlotLag {

    private static final Logger LOG = Logger.getLogger(SlotLag.class);
    private static final String LAG = """
            SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::bigint FROM pg_replication_slots
            WHERE slot_name = ?""";

    private final CaptureConfig config;
    private final CaptureStatus status;
    private final MeterRegistry registry;

    public SlotLag(CaptureConfig config, CaptureStatus status, MeterRegistry registry) {
        this.config = config;
        this.status = status;
        this.registry = registry;
    }

    void registerGauges(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        for (String source : config.sources().keySet()) {
            Gauge.builder("tracker.capture.slot.lag.bytes", status, s -> {
                        CaptureStatus.Standing standing = s.sources().get(source);
                        return standing == null || standing.slotLagBytes() == null
                                ? Double.NaN
                                : standing.slotLagBytes();
                    })
                    .tag("source", source)
                    .description("Bytes of write-ahead log the source's replication slot retains")
                    .register(registry);
        }
    }

    @Scheduled(identity = "slot-lag", every = "${tracker.capture.slot-lag-every}", delayed = "5s")
    void measure() {
        if (!config.enabled()) {
            return;
        }
        for (Map.Entry<String, CaptureConfig.Source> entry : config.sources().entrySet()) {
            status.slotLag(entry.getKey(), lag(entry.getKey(), entry.getValue()));
        }
    }

    private static Long lag(String name, CaptureConfig.Source source) {
        try (Connection connection = SourceDatabases.connect(source);
                PreparedStatement query = connection.prepareStatement(LAG)) {
            query.setString(1, source.slotName());
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getLong(1) : null;
            }
        } catch (SQLException e) {
            LOG.debugf("Cannot measure the slot lag of %s: %s", name, e.getMessage());
            return null;
        }
    }
}
