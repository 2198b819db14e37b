package org.prioritytracker.progress.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.OffsetDateTime;

/**
 * A reporting bureau as task-service lists it; only whether and since when it is deactivated matters
 * here (the names come from the seed data, see {@link Bureaus}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BureauInfo(String code, OffsetDateTime deactivatedAt) {}
