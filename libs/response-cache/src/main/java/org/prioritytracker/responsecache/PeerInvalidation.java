package org.prioritytracker.responsecache;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.prioritytracker.session.DedicatedSession;
import org.prioritytracker.session.Pause;

/**
 * Keeps the response caches of a service's instances in step through their shared database: a
 * transaction that changes cached data also sends {@code NOTIFY}, which PostgreSQL delivers to every
 * listening instance when, and only if, it commits. Each instance listens on a session of its own;
 * every notice, and every (re)connection (notices may have been missed meanwhile), moves
 * {@link #generation()} on. While it is not listening it answers -1, and the cache keeps nothing.
 * Off by default ({@code tracker.response-cache.peers=false}): a service whose other instances learn
 * of changes another way (the event topic) need not add a statement to its writes.
 */
@ApplicationScoped
public class PeerInvalidation {

    static final String CHANNEL = "tracker_response_cache";
    private static final Logger LOG = Logger.getLogger(PeerInvalidation.class);
    private static final int WAIT_MILLIS = 500;
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final boolean enabled;
    private final Instance<AgroalDataSource> dataSource;
    private final Instance<ManagedExecutor> executor;
    private final String url;
    private final String user;
    private final String password;
    private final AtomicLong generation = new AtomicLong();
    private volatile boolean listening;
    private volatile boolean running = true;

    public PeerInvalidation(
            @ConfigProperty(name = "tracker.response-cache.peers", defaultValue = "false") boolean enabled,
            Instance<AgroalDataSource> dataSource,
            Instance<ManagedExecutor> executor,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url", defaultValue = "") String url,
            @ConfigProperty(name = "quarkus.datasource.username", defaultValue = "") String user,
            @ConfigProperty(name = "quarkus.datasource.password", defaultValue = "") String password) {
        this.enabled = enabled;
        this.dataSource = dataSource;
        this.executor = executor;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    void start(@Observes StartupEvent event) {
        if (enabled) {
            executor.get().execute(this::listen);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
    }

    /** Whether this instance hears the others' changes now. */
    public boolean isListening() {
        return listening;
    }

    /** Moves on with every change another instance committed; -1 while changes could go unseen. */
    long generation() {
        if (!enabled) {
            return 0;
        }
        return listening ? generation.get() : -1;
    }

    /** Tells the other instances, when the current transaction commits, that their responses are stale. */
    void announceOnCommit() {
        if (!enabled) {
            return;
        }
        // Inside the transaction the data source hands out the transaction's own connection.
        try (Connection connection = dataSource.get().getConnection();
                Statement notify = connection.createStatement()) {
            notify.execute("NOTIFY " + CHANNEL);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot tell the other instances of a change: " + e.getMessage(), e);
        }
    }

    private void listen() {
        while (running) {
            try (Connection session = connect();
                    Statement statement = session.createStatement()) {
                statement.execute("LISTEN " + CHANNEL);
                generation.incrementAndGet();
                listening = true;
                PGConnection notices = session.unwrap(PGConnection.class);
                while (running) {
                    var received = notices.getNotifications(WAIT_MILLIS);
                    if (received != null && received.length > 0) {
                        generation.incrementAndGet();
                    }
                }
            } catch (SQLException e) {
                LOG.debugf(
                        "Not listening for other instances' changes (%s); cached responses are not used meanwhile", e);
            } finally {
                listening = false;
            }
            pause();
        }
    }

    private Connection connect() throws SQLException {
        return DedicatedSession.open(url, user, password, "response cache peers");
    }

    private void pause() {
        if (!Pause.between(RETRY)) {
            running = false;
        }
    }
}
