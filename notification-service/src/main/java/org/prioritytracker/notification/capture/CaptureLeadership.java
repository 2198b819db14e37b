package org.prioritytracker.notification.capture;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;
import org.prioritytracker.session.DedicatedSession;
import org.prioritytracker.session.Pause;

/**
 * Elects the one instance that runs the capture: the holder of a session-level advisory lock in this
 * service's own database. The lock lives as long as the holder's connection, so when the holder
 * dies (even by kill -9) the database ends its session and another instance takes the lock at its
 * next check, within {@code tracker.capture.leadership-check}. A leader whose connection fails steps
 * down at once: it can no longer prove it holds the lock. A leader that shuts down stops its engines
 * (which save their position) before it lets the lock go, so a planned hand-over repeats nothing.
 * PostgreSQL lets one session at a time stream a replication slot: the election keeps the other
 * instances from contending for it, and the slot makes two leaders impossible even in a race.
 */
@ApplicationScoped
public class CaptureLeadership {

    private static final Logger LOG = Logger.getLogger(CaptureLeadership.class);
    /** The advisory lock's key: any number, the same in every instance ("tracker capture" in ASCII). */
    static final long LOCK_KEY = 0x747261636b6572L;
    /** A check of the lock's session that the server does not answer within this fails: the leader steps down. */
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(10);

    private final CaptureConfig config;
    private final OutboxCapture capture;
    private final ManagedExecutor executor;
    private final String url;
    private final String user;
    private final String password;
    private final String instance;
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile boolean leading;
    private Connection session;

    public CaptureLeadership(
            CaptureConfig config,
            OutboxCapture capture,
            ManagedExecutor executor,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") String password,
            @ConfigProperty(name = "quarkus.http.port") int port) {
        this.config = config;
        this.capture = capture;
        this.executor = executor;
        this.url = url;
        this.user = user;
        this.password = password;
        this.instance = "notification-service:" + port + " pid "
                + ProcessHandle.current().pid();
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.info("Outbox capture is disabled in this instance");
            ended.countDown();
            return;
        }
        executor.execute(this::campaign);
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        try {
            if (!ended.await(60, TimeUnit.SECONDS)) {
                LOG.warn("The capture did not hand over within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void campaign() {
        try {
            while (running) {
                try {
                    if (!leading && tryToLead()) {
                        leading = true;
                        LOG.infof("This instance (%s) now runs the outbox capture", instance);
                        capture.lead();
                    } else if (!leading) {
                        capture.standBy();
                    } else if (leading && !session.isValid(2)) {
                        throw new SQLException("the connection that holds the capture's lock failed");
                    }
                } catch (SQLException e) {
                    if (leading) {
                        LOG.warnf("Stepping down from the capture: %s", e.getMessage());
                    } else {
                        LOG.debugf("Cannot run for the capture just now: %s", e.getMessage());
                    }
                    stepDown();
                }
                pause();
            }
        } finally {
            stepDown();
            ended.countDown();
        }
    }

    /** Takes the lock if no other instance holds it, on a session of its own that keeps it. */
    private boolean tryToLead() throws SQLException {
        if (session == null || session.isClosed()) {
            session = DedicatedSession.open(url, user, password, "capture leadership of " + instance, SOCKET_TIMEOUT);
        }
        try (PreparedStatement lock = session.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            lock.setLong(1, LOCK_KEY);
            try (ResultSet result = lock.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    /** Stops the engines first, then ends the session: the lock goes only once they have let go. */
    private void stepDown() {
        if (leading) {
            capture.standDown();
            leading = false;
        }
        if (session != null) {
            try {
                session.close();
            } catch (SQLException e) {
                LOG.debugf("Closing the capture's lock session: %s", e);
            }
            session = null;
        }
    }

    private void pause() {
        if (!Pause.between(config.leadershipCheck())) {
            running = false;
        }
    }
}
