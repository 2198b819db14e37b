package org.prioritytracker.notification.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.prioritytracker.notification.security.EventScope;
import org.prioritytracker.notification.stream.StreamSubscriber.Ending;

/**
 * The hub and its streams without a network: a stream's connection is a list of frames, its event
 * loop a queue of tasks this test runs, and a client that stops reading a connection whose write
 * queue stays full.
 */
@Tag("domain")
class StreamHubTest {

    private static final String TASKS = "/task-service";
    private static final String REPORTS = EventScope.REPORT_SOURCE;
    private static final Instant NOW = Instant.parse("2025-06-01T08:00:00Z");

    private final ArrayDeque<Runnable> eventLoop = new ArrayDeque<>();
    private final Map<Ending, Integer> ended = new EnumMap<>(Ending.class);
    private final List<TopicEvent> fannedOut = new ArrayList<>();
    private final StreamSubscriber.Meter meter = new StreamSubscriber.Meter() {
        @Override
        public void delivered(TopicEvent live) {}

        @Override
        public void fannedOut(TopicEvent live) {
            fannedOut.add(live);
        }

        @Override
        public void ended(Ending why) {
            ended.merge(why, 1, Integer::sum);
        }
    };
    private StreamPosition engine = StreamPosition.of(-1, -1);
    private final StreamHub hub = hub(100);

    /** One stream's connection as the test sees it. */
    private final class Connection implements Outlet {
        final StringBuilder written = new StringBuilder();
        boolean full;
        boolean endedByServer;
        StreamSubscriber stream;

        @Override
        public void schedule(Runnable task) {
            eventLoop.add(task);
        }

        @Override
        public boolean writeQueueFull() {
            return full;
        }

        @Override
        public void write(Buffer frame) {
            written.append(frame.toString());
        }

        @Override
        public void end() {
            endedByServer = true;
        }

        @Override
        public void dropIfStuckAfter(Duration grace) {}

        /** The messages dispatched so far: [id, event name, data], as an EventSource would. */
        List<String[]> messages() {
            List<String[]> messages = new ArrayList<>();
            String id = "";
            String event = "message";
            StringBuilder data = new StringBuilder();
            for (String line : written.toString().split("\n", -1)) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        messages.add(new String[] {id, event, data.toString()});
                    }
                    event = "message";
                    data.setLength(0);
                } else if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data.append(line.substring(6));
                }
            }
            return messages;
        }

        List<String> data() {
            return messages().stream()
                    .filter(m -> m[1].equals("message"))
                    .map(m -> m[2])
                    .toList();
        }

        String lastId() {
            List<String[]> messages = messages();
            return messages.get(messages.size() - 1)[0];
        }
    }

    @Test
    void aNewStreamBeginsWithTheEnginesPositionAndGetsWhatFollowsInOrder() {
        Connection viewer = open(filter(null, null, null), StreamPosition.empty(), StreamHub.Opening.LIVE);
        publish(0, TASKS, "P3.2", "tracker.item.status-changed", null, "a");
        publish(0, TASKS, "P3.2", "tracker.item.status-changed", null, "b");
        publish(1, TASKS, "P1.1", "tracker.item.status-changed", null, "c");
        runEventLoop();
        assertEquals("stream-position", viewer.messages().get(0)[1]);
        assertEquals("0:-1,1:-1", viewer.messages().get(0)[0]);
        assertEquals(List.of("a", "b", "c"), viewer.data());
        assertEquals("0:1,1:0", viewer.lastId());
        assertEquals(3, fannedOut.size(), "each event is done once written to its one stream");
    }

    @Test
    void aReporterSeesItemEventsAndItsOwnProvincesReportEventsOnly() {
        Connection hebei = open(filter(null, null, "130000"), StreamPosition.empty(), StreamHub.Opening.LIVE);
        Connection viewer = open(filter(null, null, null), StreamPosition.empty(), StreamHub.Opening.LIVE);
        publish(0, TASKS, "P3.2", "tracker.item.status-changed", null, "item");
        publish(0, REPORTS, "P3.2", "tracker.report.submitted", "130000", "hebei");
        publish(0, REPORTS, "P3.2", "tracker.report.submitted", "320000", "jiangsu");
        publish(0, REPORTS, "P3.2", "tracker.report.reviewed", null, "no province");
        runEventLoop();
        assertEquals(List.of("item", "hebei"), hebei.data());
        assertEquals(List.of("item", "hebei", "jiangsu", "no province"), viewer.data());
    }

    @Test
    void subjectAndTypeFiltersPickTheirEventsAndStreamsThatShareAFilterShareAGroup() {
        Connection p32 = open(filter("P3.2", null, null), StreamPosition.empty(), StreamHub.Opening.LIVE);
        Connection p32too = open(filter("P3.2", null, null), StreamPosition.empty(), StreamHub.Opening.LIVE);
        Connection overdue =
                open(filter(null, "tracker.item.overdue", null), StreamPosition.empty(), StreamHub.Opening.LIVE);
        publish(0, TASKS, "P3.2", "tracker.item.status-changed", null, "moved");
        publish(0, TASKS, "P3.3", "tracker.item.overdue", null, "late");
        publish(0, TASKS, "P3.2", "tracker.item.overdue", null, "both");
        runEventLoop();
        assertEquals(List.of("moved", "both"), p32.data());
        assertEquals(List.of("moved", "both"), p32too.data());
        assertEquals(List.of("late", "both"), overdue.data());
        assertEquals(p32.lastId(), p32too.lastId());
        assertEquals(3, hub.streams());
    }

    @Test
    void aResumedStreamGetsExactlyWhatItMissedFromTheRingThenWhatFollows() {
        Connection first = open(filter("P3.2", null, null), StreamPosition.empty(), StreamHub.Opening.LIVE);
        publish(0, TASKS, "P3.2", "tracker.item.status-changed", null, "1");
        publish(1, TASKS, "P3.3", "tracker.item.status-changed", null, "other item");
        runEventLoop();
        String lastId = first.lastId();
        first.stream.clientGone();
        publish(0, TASKS, "P3.2", "tracker.item.status-changed", null, "2");
        publish(1, TASKS, "P1.1", "tracker.item.status-changed", null, "x");
        publish(0, TASKS, "P3.2", "tracker.item.status-changed", null, "3");

        Connection again =
                open(filter("P3.2", null, null), StreamPosition.parse(lastId), StreamHub.Opening.RESUMED_FROM_RING);
        publish(0, TASKS, "P3.2", "tracker.item.status-changed", null, "4");
        runEventLoop();
        assertEquals(List.of("2", "3", "4"), again.data());
        assertEquals(lastId, again.messages().get(0)[0], "it starts where the client stood");
        assertEquals(engine.id(), again.lastId());
        assertEquals(1, ended.get(Ending.CLIENT_GONE));
    }

    @Test
    void aPositionFromAnotherInstanceThatReadThePartitionsInAnotherOrderRepeatsNothing() {
        publish(0, TASKS, "P3.2", "tracker.item.status-changed", null, "a");
        publish(1, TASKS, "P3.3", "tracker.item.status-changed", null, "b");
        publish(1, TASKS, "P3.3", "tracker.item.status-changed", null, "c");
        publish(0, TASKS, "P3.2", "tracker.item.status-changed", null, "d");
        // The other instance had read partition 1 to its end but partition 0 only to "a".
        StreamPosition elsewhere = StreamPosition.of(0, 1);
        Connection resumed = open(filter(null, null, null), elsewhere, StreamHub.Opening.RESUMED_FROM_RING);
        publish(1, TASKS, "P3.3", "tracker.item.status-changed", null, "e");
        runEventLoop();
        assertEquals(List.of("d", "e"), resumed.data());
        List<String[]> messages = resumed.messages();
        assertEquals(
                "0:1,1:1", messages.get(1)[0], "its own position, not the engine's, which had not reached 1:1 at d");
        assertEquals(engine.id(), resumed.lastId(), "in step with the engine from then on");
    }

    @Test
    void aPositionOlderThanTheRingIsLeftToTheDatabase() {
        StreamHub small = hub(2);
        small.start(engine);
        for (int i = 0; i < 3; i++) {
            engine = engine.after(0, engine.offset(0) + 1);
            small.publish(event(0, TASKS, "P3.2", "tracker.item.status-changed", null, "e" + i));
        }
        Connection late = new Connection();
        late.stream = subscriber(late, filter(null, null, null), 10);
        assertEquals(StreamHub.Opening.OLDER_THAN_RING, small.open(late.stream, StreamPosition.of(-1, -1)));
        assertEquals(0, small.ringStart()[0]);
        assertEquals(StreamHub.Opening.RESUMED_FROM_RING, small.open(late.stream, StreamPosition.of(0, -1)));
        runEventLoop();
        assertEquals(List.of("e1", "e2"), late.data());
    }

    @Test
    void aClientThatStopsReadingIsEndedAloneAndTheOthersMissNothing() {
        Connection stalled = open(filter(null, null, null), StreamPosition.empty(), StreamHub.Opening.LIVE, 3);
        Connection reading = open(filter(null, null, null), StreamPosition.empty(), StreamHub.Opening.LIVE, 3);
        runEventLoop();
        stalled.full = true;
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            publish(0, TASKS, "P3.2", "tracker.item.status-changed", null, "e" + i);
            sent.add("e" + i);
            runEventLoop();
        }
        assertEquals(sent, reading.data());
        assertTrue(stalled.endedByServer);
        assertEquals("slow-client", stalled.messages().get(stalled.messages().size() - 1)[1]);
        assertEquals(List.of(), stalled.data(), "what it could not take was dropped, not buffered");
        assertEquals(1, ended.get(Ending.SLOW_CLIENT));
        assertEquals(1, hub.streams());
        assertFalse(reading.endedByServer);
        assertEquals(10, fannedOut.size(), "the events handed to the ended stream are settled too");
    }

    @Test
    void aClientThatTakesNothingForTooLongIsEndedAtTheNextTick() throws Exception {
        StreamHub strict = new StreamHub(new EventRing(100, 1 << 20), Duration.ofHours(1), Duration.ZERO, meter);
        strict.start(engine);
        Connection stalled = new Connection();
        stalled.stream = subscriber(stalled, filter(null, null, null), 100);
        strict.open(stalled.stream, StreamPosition.empty());
        stalled.full = true;
        engine = engine.after(0, 0);
        strict.publish(event(0, TASKS, "P3.2", "tracker.item.status-changed", null, "x"));
        runEventLoop();
        Thread.sleep(1);
        strict.tick(NOW);
        runEventLoop();
        assertTrue(stalled.endedByServer);
        assertEquals(1, ended.get(Ending.SLOW_CLIENT));
    }

    @Test
    void aStreamWhoseTokenExpiredIsToldSoAndEnded() {
        Connection stream = new Connection();
        stream.stream = new StreamSubscriber(
                filter(null, null, null), "viewer", NOW.plusSeconds(1), stream, 10, meter, ended -> {});
        hub.open(stream.stream, StreamPosition.empty());
        hub.tick(NOW);
        runEventLoop();
        assertFalse(stream.endedByServer);
        hub.tick(NOW.plusSeconds(1));
        runEventLoop();
        assertTrue(stream.endedByServer);
        assertEquals("token-expired", stream.messages().get(stream.messages().size() - 1)[1]);
        assertEquals(0, hub.streams());
    }

    @Test
    void keepAlivesCarryThePositionSoThatAFilteredStreamResumesFromNow() {
        Connection p32 = open(filter("P3.2", null, null), StreamPosition.empty(), StreamHub.Opening.LIVE);
        publish(0, TASKS, "P1.1", "tracker.item.status-changed", null, "not for it");
        hub.tick(NOW);
        runEventLoop();
        assertTrue(
                p32.written.toString().endsWith(": keep-alive\nid: " + engine.id() + "\n\n"), p32.written.toString());
        assertEquals(List.of(), p32.data());
    }

    @Test
    void endingAllTellsNobodyAnythingButEndsEveryStream() {
        Connection a = open(filter(null, null, null), StreamPosition.empty(), StreamHub.Opening.LIVE);
        Connection b = open(filter("P3.2", null, "130000"), StreamPosition.empty(), StreamHub.Opening.LIVE);
        hub.endAll();
        runEventLoop();
        assertTrue(a.endedByServer && b.endedByServer);
        assertEquals(2, ended.get(Ending.SHUTDOWN));
        assertEquals(0, hub.streams());
    }

    @Test
    void anEngineThatHasNotFoundTheTopicOpensNothing() {
        StreamHub starting = hub(10);
        Connection stream = new Connection();
        stream.stream = subscriber(stream, filter(null, null, null), 10);
        assertEquals(StreamHub.Opening.NOT_READY, starting.open(stream.stream, StreamPosition.empty()));
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private StreamHub hub(int ringEvents) {
        StreamHub created = new StreamHub(
                new EventRing(ringEvents, 1 << 20), Duration.ofSeconds(15), Duration.ofSeconds(30), meter);
        if (ringEvents == 100) {
            created.start(engine);
        }
        return created;
    }

    private Connection open(StreamFilter filter, StreamPosition from, StreamHub.Opening expected) {
        return open(filter, from, expected, 100);
    }

    private Connection open(StreamFilter filter, StreamPosition from, StreamHub.Opening expected, int maxQueued) {
        Connection connection = new Connection();
        connection.stream = subscriber(connection, filter, maxQueued);
        assertEquals(expected, hub.open(connection.stream, from));
        return connection;
    }

    private StreamSubscriber subscriber(Connection connection, StreamFilter filter, int maxQueued) {
        return new StreamSubscriber(filter, "caller", NOW.plusSeconds(300), connection, maxQueued, meter, ended -> {});
    }

    private static StreamFilter filter(String subject, String type, String province) {
        return new StreamFilter(
                subject, type, province == null ? EventScope.EVERY_PROVINCE : EventScope.province(province));
    }

    private void publish(int partition, String source, String subject, String type, String province, String data) {
        engine = engine.after(partition, engine.offset(partition) + 1);
        hub.publish(event(partition, source, subject, type, province, data));
    }

    private TopicEvent event(int partition, String source, String subject, String type, String province, String data) {
        return new TopicEvent(
                partition,
                engine.offset(partition),
                engine,
                source,
                subject,
                type,
                province,
                data,
                System.nanoTime(),
                -1);
    }

    private void runEventLoop() {
        Runnable task;
        while ((task = eventLoop.poll()) != null) {
            task.run();
        }
    }
}
