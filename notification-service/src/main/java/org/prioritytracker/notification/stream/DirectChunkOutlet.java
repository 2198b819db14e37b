package org.prioritytracker.notification.stream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.impl.ConnectionBase;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * An HTTP/1.1 stream whose events go to the connection as ready-made chunks: each event is framed as
 * one chunk once ({@link TopicEvent#chunk}) and written below the HTTP encoder, so that writing it to
 * ten thousand connections costs a socket write each, not the HTTP layer's work each (which took
 * most of the engine's CPU, docs/performance.md). The response's head, its keep-alives and its end
 * still go through Vert.x: the encoder frames those, and its idle timer sees the keep-alives.
 *
 * <p>It relies on the Netty pipeline that Vert.x 4 builds for HTTP/1.x ({@code httpEncoder}, no
 * {@code deflater}); any other connection (HTTP/2, compression) is written through Vert.x alone.
 */
final class DirectChunkOutlet extends ResponseOutlet {

    private static final String ENCODER = "httpEncoder";
    private static final byte[] CRLF = {'\r', '\n'};

    private final ChannelHandlerContext belowEncoder;

    private DirectChunkOutlet(Context context, HttpServerRequest request, ChannelHandlerContext belowEncoder) {
        super(context, request);
        this.belowEncoder = belowEncoder;
    }

    /** The direct outlet where the connection is HTTP/1.x as Vert.x builds it, else nothing. */
    static Optional<Outlet> of(Context context, HttpServerRequest request) {
        if (request.version() == HttpVersion.HTTP_2 || !(request.connection() instanceof ConnectionBase connection)) {
            return Optional.empty();
        }
        ChannelPipeline pipeline = connection.channel().pipeline();
        ChannelHandlerContext encoder = pipeline.context(ENCODER);
        if (encoder == null || pipeline.get("deflater") != null) {
            return Optional.empty();
        }
        return Optional.of(new DirectChunkOutlet(context, request, encoder));
    }

    /** The frame as one chunk of a chunked HTTP/1.1 body: its size in hex, the frame, a line end. */
    static byte[] chunk(byte[] frame) {
        byte[] size = chunkHead(frame.length);
        byte[] chunk = new byte[size.length + frame.length + CRLF.length];
        System.arraycopy(size, 0, chunk, 0, size.length);
        System.arraycopy(frame, 0, chunk, size.length, frame.length);
        System.arraycopy(CRLF, 0, chunk, size.length + frame.length, CRLF.length);
        return chunk;
    }

    /** Where the frame starts in its chunk: after its size in hex and a line end. */
    static int chunkHeadLength(int frameLength) {
        return chunkHead(frameLength).length;
    }

    private static byte[] chunkHead(int frameLength) {
        return (Integer.toHexString(frameLength) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void write(TopicEvent event) {
        writeBelowEncoder(Unpooled.wrappedBuffer(event.chunk));
    }

    @Override
    public void write(Buffer idLine, TopicEvent event) {
        writeBelowEncoder(Unpooled.wrappedBuffer(chunk(
                Buffer.buffer().appendBuffer(idLine).appendBuffer(event.data).getBytes())));
    }

    private void writeBelowEncoder(ByteBuf chunk) {
        if (belowEncoder.channel().isActive()) {
            belowEncoder.writeAndFlush(chunk, belowEncoder.voidPromise());
        }
    }
}
