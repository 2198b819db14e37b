-- Fills progress-service's scratch database with :count reports (and their first versions) and
-- rebuilds latest_report from them, as submissions would have left it. The API accepts only periods
-- of the plan year (16 per province and item, 15,872 in all), so beyond that the reports lie in the
-- six years before 2025: the rollups must not slow down with the size of the report history.
-- psql variables: count, provinces and items (comma-separated codes).
TRUNCATE report, report_version, latest_report, idempotency_key;

WITH codes AS (
    SELECT string_to_array(:'provinces', ',') AS provinces, string_to_array(:'items', ',') AS items
), numbered AS (
    SELECT n,
           items[1 + n % cardinality(items)] AS item_code,
           provinces[1 + (n / cardinality(items)) % cardinality(provinces)] AS province_code,
           (n / (cardinality(items) * cardinality(provinces))) % 16 AS period_index,
           2025 - n / (cardinality(items) * cardinality(provinces) * 16) AS year
    FROM codes, generate_series(0, :count - 1) AS n
), periods AS (
    SELECT n, item_code, province_code,
           CASE WHEN period_index < 12 THEN format('%s-%s', year, lpad((period_index + 1)::text, 2, '0'))
                ELSE format('%s-Q%s', year, period_index - 11) END AS period,
           CASE WHEN period_index < 12 THEN (make_date(year, period_index + 1, 1) + interval '1 month - 1 day')::date
                ELSE (make_date(year, (period_index - 12) * 3 + 1, 1) + interval '3 months - 1 day')::date END AS period_end
    FROM numbered
)
INSERT INTO report (id, item_code, province_code, period, period_end, percent_complete, status, narrative, metrics,
                    submitted_by, submitted_at, first_submitted_at, version, review_state)
SELECT gen_random_uuid(), item_code, province_code, period, period_end, n % 101,
       (ARRAY['ON_TRACK', 'AT_RISK', 'BLOCKED', 'COMPLETED'])[1 + n % 4],
       'benchmark report ' || n, '[{"name": "治理项目", "value": 3, "unit": "个"}]',
       'reporter-' || province_code, period_end + time '12:00' AT TIME ZONE 'Asia/Shanghai',
       period_end + time '12:00' AT TIME ZONE 'Asia/Shanghai', 1, 'SUBMITTED'
FROM periods;

INSERT INTO report_version (report_id, version, percent_complete, status, narrative, metrics, submitted_by, submitted_at)
SELECT id, version, percent_complete, status, narrative, metrics, submitted_by, submitted_at FROM report;

INSERT INTO latest_report (item_code, province_code, report_id, period, period_end, percent_complete, status, submitted_at)
SELECT DISTINCT ON (item_code, province_code)
       item_code, province_code, id, period, period_end, percent_complete, status, submitted_at
FROM report
ORDER BY item_code, province_code, period_end DESC, submitted_at DESC;

-- Vacuumed and analysed now, as a settled database would be: where autovacuum runs it would do this
-- while the rollups' latency is measured, and where it is off (as on the development machines) the
-- tables would have no statistics at all.
VACUUM (ANALYZE) report;
VACUUM (ANALYZE) report_version;
VACUUM (ANALYZE) latest_report;
