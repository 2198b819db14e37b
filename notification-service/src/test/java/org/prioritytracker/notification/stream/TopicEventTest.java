package org.prioritytracker.notification.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** An event's frame, its data lines and its HTTP/1.1 chunk are one copy of its bytes, each as written. */
class TopicEventTest {

    private static final String JSON =
            "{\"specversion\":\"1.0\",\"subject\":\"P3.2\",\"data\":{\"to\":\"AT_RISK\",\"reason\":\"进度滞后\"}}";

    @Test
    void theFrameItsDataAndItsChunkShareOneCopy() {
        StreamPosition position = StreamPosition.of(41, 17);
        TopicEvent event = new TopicEvent(
                1,
                17,
                position,
                "/task-service",
                "P3.2",
                "tracker.item.status-changed",
                null,
                JSON,
                System.nanoTime(),
                -1);

        String data = "data: " + JSON + "\n\n";
        String frame = "id: " + position.id() + "\n" + data;
        int frameBytes = frame.getBytes(StandardCharsets.UTF_8).length;
        assertEquals(frame, event.frame.toString(StandardCharsets.UTF_8));
        assertEquals(data, event.data.toString(StandardCharsets.UTF_8));
        assertEquals(
                Integer.toHexString(frameBytes) + "\r\n" + frame + "\r\n",
                new String(event.chunk, StandardCharsets.UTF_8));
        assertEquals(event.chunk.length, event.size(), "the ring counts the one copy");
    }
}
