package org.prioritytracker.system.benchmark;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Thousands of SSE streams from one JVM, each on a connection of its own (no keep-alive, no
 * pipelining), on Vert.x's event loops. Connections come from several loopback source addresses
 * (127.0.0.2, 127.0.0.3, ...), each with its own range of ephemeral ports, so that three runs of
 * ten thousand streams, whose closed connections wait a minute in TIME_WAIT, never run out of them.
 * Streams open in waves: a wave's requests go out together, and the next wave starts once each of
 * them has its answer (a 200 and the stream-position event, or a refusal), so that the server's
 * accept backlog is never overrun.
 */
final class SseLoadClient implements AutoCloseable {

    /** The outcome of opening a list of streams. */
    record Opened(List<SseLoadStream> streams, int unsettled, Duration took) {}

    private final Vertx vertx;
    private final List<HttpClient> clients = new ArrayList<>();
    private final List<HttpClient> smallBufferClients = new ArrayList<>();
    private final String host;
    private final int port;
    private final EventBook book;

    /**
     * @param baseUrl the server (http://127.0.0.1:PORT)
     * @param addresses how many source addresses, from 127.0.0.2 on
     * @param smallReceiveBuffer SO_RCVBUF of the streams opened with a small buffer (those the benchmark
     *        stalls), so that their kernel buffer fills after tens of kilobytes instead of megabytes; 0 for
     *        the kernel's default (autotuned)
     */
    SseLoadClient(String baseUrl, int addresses, int smallReceiveBuffer, EventBook book) {
        URI uri = URI.create(baseUrl);
        if (!uri.getHost().startsWith("127.")) {
            throw new IllegalArgumentException("The benchmark talks to loopback addresses only, not " + baseUrl);
        }
        this.host = uri.getHost();
        this.port = uri.getPort();
        this.book = book;
        System.setProperty("vertx.disableFileCPResolving", "true");
        this.vertx = Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(Runtime.getRuntime().availableProcessors())
                .setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1)
                // A wave of a thousand connections may hold an event loop for a moment: no warnings for that.
                .setBlockedThreadCheckInterval(10)
                .setBlockedThreadCheckIntervalUnit(TimeUnit.SECONDS));
        for (int i = 0; i < addresses; i++) {
            String local = "127.0.0." + (2 + i);
            clients.add(client(local, 0));
            smallBufferClients.add(smallReceiveBuffer > 0 ? client(local, smallReceiveBuffer) : clients.get(i));
        }
    }

    private HttpClient client(String localAddress, int receiveBuffer) {
        HttpClientOptions options = new HttpClientOptions()
                .setLocalAddress(localAddress)
                .setKeepAlive(false)
                .setPipelining(false)
                .setTryUseCompression(false)
                .setConnectTimeout(20_000)
                .setIdleTimeout(0)
                .setTcpNoDelay(true);
        if (receiveBuffer > 0) {
            options.setReceiveBufferSize(receiveBuffer);
        }
        return vertx.createHttpClient(
                options, new PoolOptions().setHttp1MaxSize(50_000).setMaxWaitQueueSize(-1));
    }

    /**
     * Opens the streams in waves of {@code wave}, each given at most {@code waveTimeout} to settle;
     * stops early (the rest never opened) at {@code deadlineNanos} (System.nanoTime()).
     */
    Opened open(List<SseLoadStream.Spec> specs, int wave, Duration waveTimeout, long deadlineNanos)
            throws InterruptedException {
        long started = System.nanoTime();
        List<SseLoadStream> streams = new ArrayList<>(specs.size());
        int unsettled = 0;
        for (int from = 0; from < specs.size(); from += wave) {
            if (System.nanoTime() > deadlineNanos) {
                break;
            }
            List<SseLoadStream.Spec> part = specs.subList(from, Math.min(specs.size(), from + wave));
            CountDownLatch settled = new CountDownLatch(part.size());
            for (SseLoadStream.Spec spec : part) {
                SseLoadStream stream = new SseLoadStream(spec, book, settled::countDown);
                streams.add(stream);
                start(stream);
            }
            if (!settled.await(waveTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                unsettled += (int) settled.getCount();
            }
        }
        return new Opened(streams, unsettled, Duration.ofNanos(System.nanoTime() - started));
    }

    private void start(SseLoadStream stream) {
        SseLoadStream.Spec spec = stream.spec;
        List<HttpClient> pool = spec.smallBuffer() ? smallBufferClients : clients;
        HttpClient client = pool.get(spec.number() % pool.size());
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setHost(host)
                .setPort(port)
                .setURI(spec.uri())
                .putHeader("Authorization", "Bearer " + spec.token())
                .putHeader("Accept", "text/event-stream");
        client.request(request).onComplete(opened -> {
            if (opened.failed()) {
                stream.failed(opened.cause());
                return;
            }
            stream.requested(opened.result(), vertx.getOrCreateContext());
            opened.result().send().onComplete(answer -> {
                if (answer.failed()) {
                    stream.failed(answer.cause());
                } else {
                    stream.answered(answer.result());
                }
            });
        });
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // The JVM ends soon after; the event-loop threads are daemons.
        }
    }
}
