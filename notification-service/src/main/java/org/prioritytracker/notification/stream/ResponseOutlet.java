package org.prioritytracker.notification.stream;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import java.time.Duration;

/** A stream's HTTP response (HTTP/1.1 chunked, or an HTTP/2 stream), written on its connection's event loop. */
class ResponseOutlet implements Outlet {

    private final Context context;
    private final HttpServerRequest request;
    private final HttpServerResponse response;

    ResponseOutlet(Context context, HttpServerRequest request) {
        this.context = context;
        this.request = request;
        this.response = request.response();
    }

    @Override
    public void schedule(Runnable task) {
        context.runOnContext(ignored -> task.run());
    }

    @Override
    public boolean writeQueueFull() {
        try {
            return response.writeQueueFull();
        } catch (IllegalStateException closed) {
            return false;
        }
    }

    @Override
    public void write(Buffer frame) {
        if (!response.closed() && !response.ended()) {
            response.write(frame);
        }
    }

    @Override
    public void end() {
        if (!response.closed() && !response.ended()) {
            response.end();
        }
    }

    @Override
    public void dropIfStuckAfter(Duration grace) {
        context.owner().setTimer(grace.toMillis(), ignored -> {
            // Still holding unsent data: the client is not reading, and would hold the connection for ever.
            if (!response.closed() && response.writeQueueFull()) {
                if (request.version() == HttpVersion.HTTP_2) {
                    response.reset();
                } else {
                    request.connection().close();
                }
            }
        });
    }
}
