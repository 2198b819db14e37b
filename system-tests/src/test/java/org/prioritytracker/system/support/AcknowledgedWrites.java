package org.prioritytracker.system.support;

import io.restassured.path.json.JsonPath;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.prioritytracker.testsupport.TopicReader;

/**
 * What a fault test's clients were told was stored: the reports answered 2xx and, per item, the
 * versions its status changes answered 200 with, in the order they were made (one client per item).
 * Each must reach the topic: {@link #allOnTopic} says when the records read so far hold them all.
 */
public final class AcknowledgedWrites {

    private final Map<String, List<Long>> versions = new ConcurrentHashMap<>();
    private final Set<String> reports = ConcurrentHashMap.newKeySet();

    public void report(String id) {
        reports.add(id);
    }

    public void version(String item, long version) {
        versions.computeIfAbsent(item, k -> new CopyOnWriteArrayList<>()).add(version);
    }

    public Set<String> reports() {
        return reports;
    }

    /** Per item, the acknowledged versions in the order they were made. */
    public Map<String, List<Long>> versions() {
        return versions;
    }

    public List<Long> versionsOf(String item) {
        return versions.getOrDefault(item, List.of());
    }

    public int statusChanges() {
        return versions.values().stream().mapToInt(List::size).sum();
    }

    /** Whether every acknowledged report's submission event and every acknowledged status change is among {@code records}. */
    public boolean allOnTopic(List<TopicReader.Received> records) {
        Set<String> reportsSeen = new HashSet<>();
        Map<String, Set<Long>> versionsSeen = new HashMap<>();
        for (TopicReader.Received record : records) {
            if ("tracker.report.submitted".equals(record.header("ce_type"))) {
                reportsSeen.add(JsonPath.from(record.value()).getString("reportId"));
            } else if ("/task-service".equals(record.header("ce_source"))) {
                versionsSeen
                        .computeIfAbsent(record.header("ce_subject"), k -> new HashSet<>())
                        .add(record.sequence());
            }
        }
        return reportsSeen.containsAll(reports)
                && versions.entrySet().stream()
                        .allMatch(e ->
                                versionsSeen.getOrDefault(e.getKey(), Set.of()).containsAll(e.getValue()));
    }
}
