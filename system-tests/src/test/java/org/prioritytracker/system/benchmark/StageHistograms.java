package org.prioritytracker.system.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The capture's per-stage histograms (notification-service's {@code tracker_capture_stage_seconds} and
 * {@code tracker_capture_commit_to_topic_seconds}, fixed buckets) between two scrapes of /q/metrics:
 * each stage's count and percentiles over exactly one benchmark run. A percentile is interpolated
 * linearly inside its bucket, so it is as fine as the buckets (0.25 ms apart near 1 ms, 1 ms near 5 ms).
 */
final class StageHistograms {

    /** The stages in the order an event passes them; "commit to topic" is their whole. */
    static final List<String> STAGES =
            List.of("decoding", "queue", "numbering", "send", "commit to topic", "bookkeeping");

    private static final Pattern BUCKET = Pattern.compile(
            "^(tracker_capture_stage_seconds_bucket|tracker_capture_commit_to_topic_seconds_bucket)\\{([^}]*)} (\\S+)");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    /** Per stage, cumulative counts by upper bound in seconds (+Inf as infinity), summed over the sources. */
    private final Map<String, TreeMap<Double, Double>> cumulative;

    private StageHistograms(Map<String, TreeMap<Double, Double>> cumulative) {
        this.cumulative = cumulative;
    }

    static StageHistograms parse(String metrics) {
        Map<String, TreeMap<Double, Double>> cumulative = new TreeMap<>();
        if (metrics != null) {
            for (String line : metrics.split("\n")) {
                Matcher bucket = BUCKET.matcher(line);
                if (!bucket.find()) {
                    continue;
                }
                Map<String, String> labels = new TreeMap<>();
                Matcher label = LABEL.matcher(bucket.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
                String stage =
                        bucket.group(1).startsWith("tracker_capture_stage") ? labels.get("stage") : "commit to topic";
                double bound = "+Inf".equals(labels.get("le"))
                        ? Double.POSITIVE_INFINITY
                        : Double.parseDouble(labels.get("le"));
                cumulative
                        .computeIfAbsent(stage, s -> new TreeMap<>())
                        .merge(bound, Double.parseDouble(bucket.group(3)), Double::sum);
            }
        }
        return new StageHistograms(cumulative);
    }

    /** What was recorded after {@code earlier} and up to this scrape. */
    StageHistograms since(StageHistograms earlier) {
        Map<String, TreeMap<Double, Double>> delta = new TreeMap<>();
        cumulative.forEach((stage, buckets) -> {
            TreeMap<Double, Double> before = earlier.cumulative.getOrDefault(stage, new TreeMap<>());
            TreeMap<Double, Double> difference = new TreeMap<>();
            buckets.forEach((bound, count) -> difference.put(bound, count - before.getOrDefault(bound, 0.0)));
            delta.put(stage, difference);
        });
        return new StageHistograms(delta);
    }

    long count(String stage) {
        TreeMap<Double, Double> buckets = cumulative.get(stage);
        return buckets == null || buckets.isEmpty()
                ? 0
                : Math.round(buckets.lastEntry().getValue());
    }

    /** The {@code p}-th percentile of {@code stage} in ms, NaN when nothing was recorded; past the last finite bound, that bound. */
    double percentileMillis(String stage, double p) {
        TreeMap<Double, Double> buckets = cumulative.get(stage);
        long total = count(stage);
        if (total == 0) {
            return Double.NaN;
        }
        double rank = p / 100.0 * total;
        double lower = 0;
        double below = 0;
        for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
            if (bucket.getValue() >= rank) {
                if (bucket.getKey().isInfinite()) {
                    return lower * 1000;
                }
                double inBucket = bucket.getValue() - below;
                double fraction = inBucket == 0 ? 1 : (rank - below) / inBucket;
                return (lower + fraction * (bucket.getKey() - lower)) * 1000;
            }
            lower = bucket.getKey();
            below = bucket.getValue();
        }
        return lower * 1000;
    }

    /** One line per stage: count, p50, p90, p99, in ms. */
    List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (String stage : STAGES) {
            lines.add(String.format(
                    Locale.ROOT,
                    "%-16s %7d  p50 %7.2f  p90 %7.2f  p99 %7.2f",
                    stage,
                    count(stage),
                    percentileMillis(stage, 50),
                    percentileMillis(stage, 90),
                    percentileMillis(stage, 99)));
        }
        return lines;
    }
}
