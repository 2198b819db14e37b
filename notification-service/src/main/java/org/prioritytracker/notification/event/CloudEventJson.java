package org.prioritytracker.notification.event;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import java.nio.charset.StandardCharsets;

/** CloudEvents in the structured JSON format, as the SDK writes and reads them. */
public final class CloudEventJson {

    private static final EventFormat FORMAT = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);

    private CloudEventJson() {}

    public static String write(CloudEvent event) {
        return new String(FORMAT.serialize(event), StandardCharsets.UTF_8);
    }

    /**
     * The event with its {@code sequence} extension as a number again: the Kafka binary mode carries
     * every attribute as a string header, the structured JSON that browsers read has it as a number.
     */
    public static CloudEvent withNumericSequence(CloudEvent event) {
        Object sequence = event.getExtension("sequence");
        if (sequence instanceof String text && text.matches("[0-9]{1,18}")) {
            return CloudEventBuilder.v1(event)
                    .withExtension("sequence", Long.parseLong(text))
                    .build();
        }
        return event;
    }

    public static CloudEvent read(String json) {
        return FORMAT.deserialize(json.getBytes(StandardCharsets.UTF_8));
    }
}
