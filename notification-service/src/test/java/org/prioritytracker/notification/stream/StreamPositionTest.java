package org.prioritytracker.notification.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SSE id: for each partition, the offset of the last record a stream sent. */
@Tag("domain")
class StreamPositionTest {

    @Test
    void noIdMeansAStreamThatStartsAtTheEnd() {
        assertTrue(StreamPosition.parse(null).isEmpty());
        assertTrue(StreamPosition.parse("  ").isEmpty());
        assertEquals("", StreamPosition.empty().id());
    }

    @Test
    void anIdReadsBackToThePositionItWasWrittenFrom() {
        StreamPosition position = StreamPosition.parse("0:41, 1:17,5:-1");
        assertEquals(Map.of(0, 41L, 1, 17L, 5, -1L), position.lastOffsets());
        assertFalse(position.isEmpty());
        assertEquals("0:41,1:17,5:-1", position.id());
        assertEquals(position, StreamPosition.parse(position.id()));
    }

    @Test
    void movingOnChangesOnlyThatPartitionAndLeavesTheEarlierPositionAsItWas() {
        StreamPosition before = StreamPosition.parse("0:41,1:17");
        StreamPosition after = before.after(1, 18).after(3, 0);
        assertEquals("0:41,1:18,3:0", after.id());
        assertEquals("0:41,1:17", before.id());
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "0:", ":4", "0:4:5", "a:1", "0:x", "0:99999999999999999999"})
    void anythingElseIsNoPosition(String id) {
        assertNull(StreamPosition.parse(id));
    }
}
