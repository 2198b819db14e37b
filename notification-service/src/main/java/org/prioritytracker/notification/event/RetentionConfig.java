package org.prioritytracker.notification.event;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How long this service keeps its copies. The topic is the record of the events; this service's
 * copy in {@code published_event} is for late joiners catching up, so it need not be kept for ever.
 */
@ConfigMapping(prefix = "tracker.retention")
public interface RetentionConfig {

    /** Published events older than this (by the time they were published) are deleted. */
    @WithDefault("400d")
    Duration publishedEvents();

    /** Dead letters an operator replayed this long ago are deleted; the others stay until someone acts. */
    @WithDefault("30d")
    Duration replayedDeadLetters();
}
