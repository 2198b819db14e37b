package org.prioritytracker.task.seed;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.jboss.logging.Logger;
import org.prioritytracker.task.seed.SeedFiles.BureauSeed;
import org.prioritytracker.task.seed.SeedFiles.ItemSeed;
import org.prioritytracker.task.seed.SeedFiles.PrioritiesFile;
import org.prioritytracker.task.seed.SeedFiles.PrioritySeed;
import org.prioritytracker.task.seed.SeedFiles.ProvincesFile;

/**
 * Loads the plan, its priorities and sub-items, and the bureaus at start where they are absent. Rows that exist are
 * left alone (ON CONFLICT DO NOTHING), so edits made through the API survive a restart and two
 * instances starting together do not collide.
 */
@ApplicationScoped
public class SeedLoader {

    private static final Logger LOG = Logger.getLogger(SeedLoader.class);

    private final SeedConfig config;
    private final EntityManager entityManager;
    private final ObjectMapper mapper;

    public SeedLoader(SeedConfig config, EntityManager entityManager, ObjectMapper mapper) {
        this.config = config;
        this.entityManager = entityManager;
        this.mapper = mapper.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    void onStart(@Observes StartupEvent event) {
        if (config.enabled()) {
            load();
        }
    }

    @Transactional
    public void load() {
        ProvincesFile provinces = read(config.provinces(), ProvincesFile.class, ProvincesFile::formatVersion);
        PrioritiesFile priorities = read(config.priorities(), PrioritiesFile.class, PrioritiesFile::formatVersion);
        int added = 0;
        int position = 0;
        for (BureauSeed bureau : provinces.bureaus()) {
            added += entityManager
                    .createNativeQuery("""
                    INSERT INTO province (code, position, name_zh, name_en, kind) VALUES (?1, ?2, ?3, ?4, ?5)
                    ON CONFLICT (code) DO NOTHING""")
                    .setParameter(1, bureau.code())
                    .setParameter(2, ++position)
                    .setParameter(3, bureau.nameZh())
                    .setParameter(4, bureau.nameEn())
                    .setParameter(5, bureau.kind())
                    .executeUpdate();
        }
        added += entityManager
                .createNativeQuery("""
                INSERT INTO plan (year, title_zh, title_en) VALUES (?1, ?2, ?3)
                ON CONFLICT (year) DO NOTHING""")
                .setParameter(1, priorities.planYear())
                .setParameter(2, priorities.planTitleZh())
                .setParameter(3, priorities.planTitleEn())
                .executeUpdate();
        for (PrioritySeed priority : priorities.priorities()) {
            added += entityManager
                    .createNativeQuery("""
                    INSERT INTO priority (code, plan_year, position, title_zh, title_en) VALUES (?1, ?2, ?3, ?4, ?5)
                    ON CONFLICT (code) DO NOTHING""")
                    .setParameter(1, priority.code())
                    .setParameter(2, priorities.planYear())
                    .setParameter(3, priority.position())
                    .setParameter(4, priority.titleZh())
                    .setParameter(5, priority.titleEn())
                    .executeUpdate();
            int itemPosition = 0;
            for (ItemSeed item : priority.items()) {
                added += entityManager
                        .createNativeQuery("""
                        INSERT INTO sub_item (code, priority_code, position, title_zh, title_en, source_text, due_date)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                        ON CONFLICT (code) DO NOTHING""")
                        .setParameter(1, item.code())
                        .setParameter(2, priority.code())
                        .setParameter(3, ++itemPosition)
                        .setParameter(4, item.titleZh())
                        .setParameter(5, item.titleEn())
                        .setParameter(6, item.sourceText())
                        .setParameter(7, item.dueDate())
                        .executeUpdate();
            }
        }
        LOG.infof(
                "Seed data: %d rows added (%d bureaus, %d priorities in the seed files)",
                added, provinces.bureaus().size(), priorities.priorities().size());
    }

    private <T> T read(String location, Class<T> type, java.util.function.ToIntFunction<T> formatVersion) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(location)) {
            if (in == null) {
                throw new IllegalStateException("Seed file not found on the classpath: " + location);
            }
            T file = mapper.readValue(in, type);
            if (formatVersion.applyAsInt(file) != SeedFiles.FORMAT_VERSION) {
                throw new IllegalStateException("Seed file " + location + " has format version "
                        + formatVersion.applyAsInt(file) + "; this service reads version " + SeedFiles.FORMAT_VERSION);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read seed file " + location, e);
        }
    }
}
