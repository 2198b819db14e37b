package org.prioritytracker.notification.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.prioritytracker.identity.Caller;
import org.prioritytracker.identity.Roles;
import org.prioritytracker.notification.security.EventScope;
import org.prioritytracker.problem.Problem;
import org.prioritytracker.problem.ProblemException;

/**
 * {@code GET /api/events/stream}: opens a Server-Sent-Events stream on the stream engine. A plain
 * Vert.x route, so that each stream is a response written on its connection's event loop (no thread,
 * no consumer per stream) and every frame is the ring's own bytes. It checks what the REST resources
 * would (the bearer token or the tracker_token cookie, the roles, the parameters) and answers every
 * refusal as an RFC 9457 problem. Documented in {@code META-INF/openapi.yaml}.
 */
@ApplicationScoped
public class EventStreamRoute {

    static final String PATH = "/api/events/stream";
    private static final Logger LOG = Logger.getLogger(EventStreamRoute.class);
    private static final Set<String> READERS = Set.of(
            Roles.VIEWER,
            Roles.MINISTRY_ADMIN,
            Roles.MINISTRY_REVIEWER,
            Roles.PROVINCIAL_REPORTER,
            Roles.PROVINCIAL_APPROVER);
    /** Item and priority codes (P3.2, 2026-P1), plan-YYYY, and bureau codes. */
    private static final Pattern SUBJECT =
            Pattern.compile("([0-9]{4}-)?P[0-9]{1,9}(\\.[0-9]{1,9})?|plan-[0-9]{4}|[0-9]{6}");

    private static final Pattern TYPE = Pattern.compile("tracker\\.[a-z][a-z-]{0,40}\\.[a-z][a-z-]{0,40}");
    private static final String RETRY_AFTER_SECONDS = "5";
    private static final int CATCH_UP_THREADS = 2;

    private final StreamHub hub;
    private final StreamEngine engine;
    private final StreamSlots slots;
    private final StreamMetrics metrics;
    private final StreamConfig config;
    private final ObjectMapper json;
    private final Clock clock;
    private final DatabaseCatchUp database;
    /**
     * Catch-ups from the database, a few at a time whatever the number of streams: a named worker pool
     * of Vert.x's (two threads), so that a burst of resuming clients never takes the request workers.
     */
    private final WorkerExecutor catchUps;

    public EventStreamRoute(
            StreamHub hub,
            StreamEngine engine,
            StreamSlots slots,
            StreamMetrics metrics,
            StreamConfig config,
            ObjectMapper json,
            Clock clock,
            AgroalDataSource dataSource,
            Vertx vertx) {
        this.hub = hub;
        this.engine = engine;
        this.slots = slots;
        this.metrics = metrics;
        this.config = config;
        this.json = json;
        this.clock = clock;
        this.database = new DatabaseCatchUp(dataSource, config.catchUpPage());
        this.catchUps = vertx.createSharedWorkerExecutor("stream-catch-up", CATCH_UP_THREADS);
    }

    void register(@Observes Router router) {
        // Where Quarkus puts application routes: after its filters (the security headers, CORS) and authentication.
        router.get(PATH).order(RouteConstants.ROUTE_ORDER_DEFAULT).handler(this::handle);
    }

    void onStop(@Observes ShutdownEvent event) {
        catchUps.close();
    }

    private void handle(RoutingContext request) {
        Context context = Vertx.currentContext();
        QuarkusHttpUser.getSecurityIdentity(request, null)
                .subscribe()
                .with(
                        identity -> context.runOnContext(ignored -> open(request, context, identity)),
                        failure -> context.runOnContext(ignored -> refuse(
                                request,
                                failure instanceof AuthenticationFailedException
                                        ? unauthorized("The token is not valid: " + failure.getMessage())
                                        : new ProblemException(Problem.of(
                                                500, "Internal Server Error", "Cannot check the token.", List.of())))));
    }

    /** On the connection's event loop ({@code context}), where the stream's frames are written. */
    private void open(RoutingContext request, Context context, SecurityIdentity identity) {
        StreamRequest stream;
        try {
            stream = check(request, identity);
        } catch (ProblemException e) {
            refuse(request, e);
            return;
        }
        if (stream.from().isEmpty() || stream.from().coveredBy(hub.position())) {
            start(request, context, stream);
            return;
        }
        // A position ahead of this instance: another one read further, or it is no position of the topic.
        engine.endOffsets()
                .whenComplete((ends, failure) -> context.runOnContext(ignored -> {
                    try {
                        if (failure != null) {
                            throw notReady();
                        }
                        checkNotAhead(stream, ends);
                        start(request, context, stream);
                    } catch (ProblemException e) {
                        refuse(request, e);
                    }
                }));
    }

    private record StreamRequest(
            StreamFilter filter, StreamPosition from, String fromField, String caller, Instant tokenExpiry) {}

    /** Who asks, for what, from where: a problem for anything that cannot open a stream. */
    private StreamRequest check(RoutingContext request, SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            throw unauthorized("A bearer token is needed: the Authorization header, or the tracker_token cookie.");
        }
        if (READERS.stream().noneMatch(identity::hasRole)) {
            throw new ProblemException(Problem.of(
                    403,
                    "Forbidden",
                    "The event stream is for the roles "
                            + String.join(", ", READERS.stream().sorted().toList()) + ".",
                    List.of()));
        }
        Caller caller = new Caller(identity);
        EventScope scope = EventScope.of(caller);
        Instant expiry = caller.tokenExpiry();
        if (!expiry.isAfter(clock.instant())) {
            throw unauthorized("The token has expired.");
        }
        String subject = parameter(
                request,
                "subject",
                SUBJECT,
                "must be an item or priority code (P3.2, P3, 2026-P1.4), plan-YYYY or a six-digit bureau code");
        String type = parameter(request, "type", TYPE, "must be an event type such as tracker.item.status-changed");
        String header = request.request().getHeader("Last-Event-ID");
        String field = header != null ? "Last-Event-ID" : "lastEventId";
        StreamPosition from = StreamPosition.parse(
                header != null ? header : request.queryParams().get("lastEventId"));
        if (from == null) {
            throw ProblemException.badRequest(
                    field, "is not a position of this stream, such as 0:41,1:17 (the id of an event it sent)");
        }
        StreamPosition engineAt = hub.position();
        if (engineAt == null) {
            throw notReady();
        }
        if (from.partitions() > engineAt.partitions()) {
            throw ProblemException.badRequest(
                    field,
                    "names partition " + (from.partitions() - 1) + ", which the topic does not have ("
                            + engineAt.partitions() + " partitions)");
        }
        return new StreamRequest(new StreamFilter(subject, type, scope), from, field, caller.name(), expiry);
    }

    private static void checkNotAhead(StreamRequest stream, Map<Integer, Long> ends) {
        StreamPosition from = stream.from();
        for (Map.Entry<Integer, Long> end : ends.entrySet()) {
            if (from.offset(end.getKey()) >= end.getValue()) {
                throw ProblemException.badRequest(
                        stream.fromField(),
                        "is ahead of the topic in partition " + end.getKey() + " (offset " + from.offset(end.getKey())
                                + "; the topic ends before " + end.getValue() + ")");
            }
        }
    }

    private void start(RoutingContext request, Context context, StreamRequest wanted) {
        try {
            slots.acquire(wanted.caller());
        } catch (ProblemException e) {
            refuse(request, e);
            return;
        }
        HttpServerRequest http = request.request();
        HttpServerResponse response = request.response();
        response.setStatusCode(200)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                // Proxies (nginx, the Ingress) pass each frame on at once instead of buffering the stream.
                .putHeader("X-Accel-Buffering", "no");
        if (http.version() != HttpVersion.HTTP_2) {
            response.setChunked(true);
            if (http.connection() instanceof ConnectionBase connection) {
                connection.channel().config().setOption(ChannelOption.SO_SNDBUF, (int)
                        config.socketSendBuffer().asLongValue());
                int highWater = (int) config.connectionBuffer().asLongValue();
                connection
                        .channel()
                        .config()
                        .setWriteBufferWaterMark(new WriteBufferWaterMark(highWater / 2, highWater));
            }
        }
        StreamSubscriber stream = new StreamSubscriber(
                wanted.filter(),
                wanted.caller(),
                wanted.tokenExpiry(),
                DirectChunkOutlet.of(context, http).orElseGet(() -> new ResponseOutlet(context, http)),
                config.queuedEvents(),
                metrics,
                ended -> slots.release(ended.caller));
        // The stream needs nothing more of who asked (its filter, caller and expiry are taken): the
        // verified identity and its chain of deferred steps would stay on the heap as long as the stream.
        request.remove(QuarkusHttpUser.DEFERRED_IDENTITY_KEY);
        request.setUser(null);
        response.closeHandler(ignored -> stream.clientGone());
        response.drainHandler(ignored -> stream.drained());
        response.exceptionHandler(failure -> LOG.debugf("Event stream of %s: %s", wanted.caller(), failure));
        switch (hub.open(stream, wanted.from())) {
            case LIVE -> {}
            case RESUMED_FROM_RING -> metrics.resumed(StreamMetrics.Resumed.RING);
            case OLDER_THAN_RING -> catchUp(() -> catchUpFromDatabase(stream, wanted.from()));
            case NOT_READY -> stream.end(StreamSubscriber.Ending.SHUTDOWN, null);
        }
    }

    /** Sends what the stream missed from the database, page by page as the client takes them, then joins the hub. */
    private void catchUpFromDatabase(StreamSubscriber stream, StreamPosition from) {
        try {
            if (!database.holds(from, hub.ringStart())) {
                hub.reset(stream, false);
                metrics.resumed(StreamMetrics.Resumed.RESET);
                return;
            }
            stream.send(StreamHub.positionFrame(from));
            nextPage(stream, from, 0);
        } catch (java.sql.SQLException | RuntimeException e) {
            LOG.warnf(
                    "Event stream of %s: the catch-up from the database failed (%s); the client reconnects",
                    stream.caller, e);
            stream.end(StreamSubscriber.Ending.CATCH_UP_FAILED, null);
        }
    }

    private void nextPage(StreamSubscriber stream, StreamPosition at, int gaps) {
        if (stream.isOver()) {
            return;
        }
        try {
            DatabaseCatchUp.Page page = database.next(stream.filter, at, hub.ringStart());
            page.frames().forEach(stream::send);
            switch (page.progress()) {
                case MORE -> stream.whenDrained(() -> catchUp(() -> nextPage(stream, page.after(), gaps)));
                case CAUGHT_UP -> {
                    if (hub.join(stream, page.after())) {
                        metrics.resumed(StreamMetrics.Resumed.DATABASE);
                    } else {
                        // The ring moved on meanwhile: read on to its new start.
                        stream.whenDrained(() -> catchUp(() -> nextPage(stream, page.after(), gaps)));
                    }
                }
                case GAP -> {
                    if (gaps < 3) {
                        // The copy may be a few milliseconds behind the topic: look again.
                        stream.whenDrained(() -> catchUp(() -> nextPage(stream, page.after(), gaps + 1)));
                    } else {
                        hub.reset(stream, true);
                        metrics.resumed(StreamMetrics.Resumed.RESET);
                    }
                }
            }
        } catch (java.sql.SQLException | RuntimeException e) {
            LOG.warnf(
                    "Event stream of %s: the catch-up from the database failed (%s); the client reconnects",
                    stream.caller, e);
            stream.end(StreamSubscriber.Ending.CATCH_UP_FAILED, null);
        }
    }

    /** Runs a step of a catch-up on the catch-up pool; each step handles its own failure. */
    private void catchUp(Runnable step) {
        catchUps.executeBlocking(
                () -> {
                    step.run();
                    return null;
                },
                false);
    }

    private static String parameter(RoutingContext request, String name, Pattern pattern, String rule) {
        List<String> values = request.queryParam(name);
        if (values.isEmpty() || values.get(0).isBlank()) {
            return null;
        }
        String value = values.get(0).strip();
        if (values.size() > 1 || value.length() > 64 || !pattern.matcher(value).matches()) {
            throw ProblemException.badRequest(name, values.size() > 1 ? "must be given once" : rule);
        }
        return value;
    }

    private static ProblemException unauthorized(String detail) {
        return new ProblemException(Problem.of(401, "Unauthorized", detail, List.of()));
    }

    private static ProblemException notReady() {
        return new ProblemException(
                Problem.of(
                        503,
                        "Service Unavailable",
                        "The event stream is starting (it has not reached the topic yet); retry shortly.",
                        List.of()),
                Map.of("Retry-After", RETRY_AFTER_SECONDS));
    }

    private void refuse(RoutingContext request, ProblemException refusal) {
        HttpServerResponse response = request.response();
        if (response.headWritten()) {
            return;
        }
        Problem problem = refusal.problem().at(PATH);
        refusal.headers().forEach(response::putHeader);
        if (problem.status() == 401) {
            response.putHeader("WWW-Authenticate", "Bearer");
        }
        try {
            response.setStatusCode(problem.status())
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .end(json.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            response.setStatusCode(problem.status()).end();
        }
    }
}
