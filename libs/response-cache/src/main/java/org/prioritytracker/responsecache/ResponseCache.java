package org.prioritytracker.responsecache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.prioritytracker.problem.Preconditions;

/**
 * Read responses as served: their JSON and its entity tag, computed once per change of the data
 * behind them. Every committed change moves the generation on, and an entry of an earlier generation
 * is computed anew. The generation is read before the response is computed, so a response that
 * raced a commit is never kept past it. Other instances' commits move it on too, where the service
 * turns {@link PeerInvalidation} on. Entries also expire after {@value #MAX_AGE_SECONDS} seconds,
 * which bounds how stale a response can be should an invalidation be missed (another instance's
 * write while the topic that carries it is away).
 */
@ApplicationScoped
public class ResponseCache {

    static final int MAX_AGE_SECONDS = 30;

    /** A response's body and its strong entity tag (a digest of the body: the same on every instance). */
    public record Cached(byte[] body, String etag) {

        /** 304 when the client holds this version, the body otherwise; clients revalidate every time. */
        public Response toResponse(String ifNoneMatch) {
            Response.ResponseBuilder response = Preconditions.noneMatchFails(ifNoneMatch, etag)
                    ? Response.notModified()
                    : Response.ok(body, MediaType.APPLICATION_JSON_TYPE);
            return response.header(HttpHeaders.ETAG, etag)
                    .header(HttpHeaders.CACHE_CONTROL, "no-cache")
                    .build();
        }
    }

    private record Entry(long generation, Cached value) {}

    private final AtomicLong generation = new AtomicLong();
    // Keys name things that exist: a response that fails (an unknown code, say) is not kept.
    private final Cache<String, Entry> entries = Caffeine.newBuilder()
            .maximumSize(2_000)
            .expireAfterWrite(Duration.ofSeconds(MAX_AGE_SECONDS))
            .build();
    private final ObjectMapper mapper;
    private final TransactionSynchronizationRegistry transactions;
    private final PeerInvalidation peers;

    public ResponseCache(ObjectMapper mapper, TransactionSynchronizationRegistry transactions, PeerInvalidation peers) {
        this.mapper = mapper;
        this.transactions = transactions;
        this.peers = peers;
    }

    public Cached get(String key, Supplier<Object> response) {
        long fromPeers = peers.generation();
        if (fromPeers < 0) {
            return cached(json(response.get()));
        }
        // Both parts only grow, so their sum moves on with either.
        long current = generation.get() + fromPeers;
        Entry entry = entries.getIfPresent(key);
        if (entry != null && entry.generation() == current) {
            return entry.value();
        }
        Cached cached = cached(json(response.get()));
        entries.asMap()
                .merge(
                        key,
                        new Entry(current, cached),
                        (older, newer) -> older.generation() > newer.generation() ? older : newer);
        return cached;
    }

    /** After a commit that changed what the responses show. */
    public void invalidate() {
        generation.incrementAndGet();
    }

    /**
     * Invalidates when the current transaction commits (not before: readers would cache the old data),
     * here and, where enabled, in the other instances.
     */
    public void invalidateOnCommit() {
        peers.announceOnCommit();
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    invalidate();
                }
            }
        });
    }

    private static Cached cached(byte[] body) {
        return new Cached(body, "\"" + digest(body) + "\"");
    }

    private byte[] json(Object response) {
        try {
            return mapper.writeValueAsBytes(response);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a response as JSON", e);
        }
    }

    private static String digest(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
