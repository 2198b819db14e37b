package org.prioritytracker.problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * Every string read from a JSON body must be {@link StorableText storable}: otherwise the request is a
 * 400 naming the field ({@code narrative}, {@code metrics[2].name}), checked once here for every
 * service and every field, before any of it reaches the database.
 */
@Singleton
public class StorableTextModule implements ObjectMapperCustomizer {

    /**
     * The failure of one JSON string; the problem mappers name its path. A mismatched input, because
     * Quarkus hands only those (not every mapping failure) to the application's mappers.
     */
    public static final class UnstorableTextException extends MismatchedInputException {

        UnstorableTextException(JsonParser parser, String message) {
            super(parser, message, String.class);
        }
    }

    @Override
    public void customize(ObjectMapper mapper) {
        SimpleModule module = new SimpleModule("storable-text");
        module.addDeserializer(String.class, new StringDeserializer() {
            @Override
            public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                String value = super.deserialize(parser, context);
                String problem = value == null ? null : StorableText.problem(value);
                if (problem != null) {
                    throw new UnstorableTextException(parser, problem);
                }
                return value;
            }
        });
        mapper.registerModule(module);
    }
}
