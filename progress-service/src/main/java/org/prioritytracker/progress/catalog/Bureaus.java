package org.prioritytracker.progress.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The 32 reporting bureaus, from the repository's seed data (seeds/provinces.json). */
@ApplicationScoped
public class Bureaus {

    /** A reporting bureau. */
    public record Bureau(String code, String nameZh, String nameEn) {}

    private final Map<String, Bureau> byCode;

    public Bureaus(ObjectMapper mapper) {
        try (InputStream in =
                Thread.currentThread().getContextClassLoader().getResourceAsStream("seeds/provinces.json")) {
            if (in == null) {
                throw new IllegalStateException("seeds/provinces.json is not on the classpath");
            }
            Map<String, Bureau> bureaus = new LinkedHashMap<>();
            for (JsonNode bureau : mapper.readTree(in).get("bureaus")) {
                bureaus.put(
                        bureau.get("code").asText(),
                        new Bureau(
                                bureau.get("code").asText(),
                                bureau.get("nameZh").asText(),
                                bureau.get("nameEn").asText()));
            }
            this.byCode = Collections.unmodifiableMap(bureaus);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean exists(String code) {
        return byCode.containsKey(code);
    }

    public Bureau get(String code) {
        return byCode.get(code);
    }

    public Collection<Bureau> all() {
        return byCode.values();
    }

    public int count() {
        return byCode.size();
    }
}
