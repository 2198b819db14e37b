package org.prioritytracker.notification.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SSE id: for each partition, the offset of the last record a stream covers. */
@Tag("domain")
class StreamPositionTest {

    @Test
    void noIdMeansAStreamThatStartsAtTheEnd() {
        assertTrue(StreamPosition.parse(null).isEmpty());
        assertTrue(StreamPosition.parse("  ").isEmpty());
        assertEquals("", StreamPosition.empty().id());
        assertEquals(0, StreamPosition.empty().partitions());
    }

    @Test
    void anIdReadsBackToThePositionItWasWrittenFromWithEveryPartitionNamed() {
        StreamPosition position = StreamPosition.parse("0:41, 1:17,3:-1");
        assertFalse(position.isEmpty());
        assertEquals(4, position.partitions());
        assertEquals(41, position.offset(0));
        assertEquals(17, position.offset(1));
        assertEquals(-1, position.offset(2), "a partition the id leaves out is covered by nothing");
        assertEquals(-1, position.offset(9), "so is one past its last");
        assertEquals("0:41,1:17,2:-1,3:-1", position.id());
        assertEquals(position, StreamPosition.parse(position.id()));
        assertEquals(position.hashCode(), StreamPosition.parse(position.id()).hashCode());
        assertEquals(StreamPosition.of(41, 17, -1, -1), position);
        assertEquals("0:41,1:17,2:-1,3:-1", position.toString());
    }

    @Test
    void partitionsMayComeInAnyOrder() {
        assertEquals(StreamPosition.of(4, 7), StreamPosition.parse("1:7,0:4"));
    }

    @Test
    void movingOnChangesOnlyThatPartitionAndLeavesTheEarlierPositionAsItWas() {
        StreamPosition before = StreamPosition.parse("0:41,1:17");
        StreamPosition after = before.after(1, 18).after(3, 0);
        assertEquals("0:41,1:18,2:-1,3:0", after.id());
        assertEquals("0:41,1:17", before.id());
    }

    @Test
    void aPositionIsCoveredByOneAtOrPastItInEveryPartition() {
        StreamPosition position = StreamPosition.of(5, 5);
        assertTrue(position.coveredBy(StreamPosition.of(5, 5)));
        assertTrue(position.coveredBy(StreamPosition.of(5, 6, 0)));
        assertFalse(position.coveredBy(StreamPosition.of(6, 4)));
        assertFalse(position.coveredBy(StreamPosition.of(5)), "a partition the other leaves out stands at -1 there");
        assertTrue(StreamPosition.of(-1, -1).coveredBy(StreamPosition.empty()));
    }

    @Test
    void theMaximumIsOneOfTheTwoWhenItCoversTheOtherElseTheLaterOffsetInEachPartition() {
        StreamPosition low = StreamPosition.of(1, 1);
        StreamPosition high = StreamPosition.of(2, 3);
        assertSame(high, low.max(high));
        assertSame(high, high.max(low));
        StreamPosition crossed = StreamPosition.of(9, 0, 4);
        StreamPosition merged = high.max(crossed);
        assertEquals(StreamPosition.of(9, 3, 4), merged);
        assertNotEquals(high, merged);
        assertNotEquals(crossed, merged);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "garbage",
                "0:",
                ":4",
                "0:4:5",
                "a:1",
                "0:x",
                "0:99999999999999999999",
                "0:-2",
                "-1:4",
                "1024:0",
                "0:1,0:2",
                "0:1,",
                ",0:1"
            })
    void anythingElseIsNoPosition(String id) {
        assertNull(StreamPosition.parse(id));
    }

    @Test
    void theHighestPartitionAPositionMayNameIsBelowItsLimit() {
        assertEquals(
                StreamPosition.MAX_PARTITIONS,
                StreamPosition.parse((StreamPosition.MAX_PARTITIONS - 1) + ":0").partitions());
        assertNull(
                StreamPosition.parse("0:1,".repeat(StreamPosition.MAX_PARTITIONS * 9)),
                "an id longer than any position");
    }
}
