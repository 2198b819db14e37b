-- pgbench: the SQL of one report submission, as progress-service runs it (the floor that bench/run
-- measures ingest against). One transaction: BatchedSubmit's statement for one submission (the report,
-- its first version, its Idempotency-Key, the province's latest standing) and OutboxWriter's insert of
-- its two events (report submitted, province progress changed). ProgressSqlFloorTest fails when the
-- service's statements and these differ. Run with -M prepared: the values are bound as the service
-- binds them. The SELECT that makes them (fresh ids, a fresh item code each time, so that every
-- submission inserts, as the benchmark's spread load does) is one round trip the service does not make.
SELECT gen_random_uuid() AS p1, 'B' || (random() * 999999999999)::bigint AS p2,
       (110000 + floor(random() * 32) * 10000)::int::text AS p3, '2025-Q2' AS p4, '2025-06-30' AS p5,
       floor(random() * 101) AS p6, 'ON_TRACK' AS p7, '基准 benchmark report: 推进项目按计划实施, on schedule' AS p8,
       '[{"name": "治理项目", "value": 3, "unit": "个"}]' AS p9, 'provincial-reporter-130000' AS p10, now() AS p11,
       gen_random_uuid()::text AS p12, encode(sha256(random()::text::bytea), 'hex') AS p13,
       '/progress-service' AS o1,
       gen_random_uuid() AS o2, 'tracker.report.submitted' AS o3, 'P3.2' AS o4, now() AS o5,
       '{"reportId":"5b1f6f4e-6f0b-4f43-9c1a-2b9ae0b1d3c4","itemCode":"P3.2","provinceCode":"130000","period":"2025-Q2","percentComplete":45.5,"status":"ON_TRACK","reviewState":"SUBMITTED","version":1,"submittedBy":"provincial-reporter-130000","submittedAt":"2025-06-20T08:00:00.123456+08:00"}' AS o6,
       '{"province":"130000"}' AS o7,
       gen_random_uuid() AS o8, 'tracker.province-progress.changed' AS o9, 'P3.2' AS o10, now() AS o11,
       '{"itemCode":"P3.2","provinceCode":"130000","period":"2025-Q2","percentComplete":45.5,"status":"ON_TRACK","previousStatus":"AT_RISK","reportId":"5b1f6f4e-6f0b-4f43-9c1a-2b9ae0b1d3c4"}' AS o12,
       '{"province":"130000"}' AS o13
\gset
BEGIN;
-- BatchedSubmit's statement for one submission
WITH input (ord, id, item_code, province_code, period, period_end, percent_complete, status, narrative, metrics,
            submitted_by, submitted_at, key, request_hash) AS (
    VALUES (0, CAST(:p1 AS uuid), CAST(:p2 AS text), CAST(:p3 AS text), CAST(:p4 AS text), CAST(:p5 AS date), CAST(:p6 AS numeric), CAST(:p7 AS text), CAST(:p8 AS text), CAST(:p9 AS jsonb), CAST(:p10 AS text), CAST(:p11 AS timestamptz), CAST(:p12 AS text), CAST(:p13 AS text))),
report_row AS (
    INSERT INTO report (id, item_code, province_code, period, period_end, percent_complete, status, narrative,
                        metrics, submitted_by, submitted_at, first_submitted_at, version, review_state)
    SELECT id, item_code, province_code, period, period_end, percent_complete, status, narrative, metrics,
           submitted_by, submitted_at, submitted_at, 1, 'SUBMITTED' FROM input ORDER BY ord
    ON CONFLICT ON CONSTRAINT report_one_per_period DO NOTHING
    RETURNING id),
version_row AS (
    INSERT INTO report_version (report_id, version, percent_complete, status, narrative, metrics, submitted_by, submitted_at)
    SELECT i.id, 1, i.percent_complete, i.status, i.narrative, i.metrics, i.submitted_by, i.submitted_at
    FROM input i JOIN report_row r ON r.id = i.id ORDER BY i.ord),
claim AS (
    INSERT INTO idempotency_key (province_code, key, request_hash, report_id, created_at)
    SELECT i.province_code, i.key, i.request_hash, r.id, i.submitted_at
    FROM input i LEFT JOIN report_row r ON r.id = i.id WHERE i.key IS NOT NULL ORDER BY i.ord
    ON CONFLICT (province_code, key) DO NOTHING
    RETURNING province_code, key),
previous AS (
    SELECT l.item_code, l.province_code, l.status FROM latest_report l
    JOIN input i ON l.item_code = i.item_code AND l.province_code = i.province_code
    ORDER BY i.ord FOR UPDATE OF l),
latest AS (
    INSERT INTO latest_report AS l (item_code, province_code, report_id, period, period_end, percent_complete, status, submitted_at)
    SELECT i.item_code, i.province_code, i.id, i.period, i.period_end, i.percent_complete, i.status, i.submitted_at
    FROM input i JOIN report_row r ON r.id = i.id ORDER BY i.ord
ON CONFLICT (item_code, province_code) DO UPDATE SET report_id = EXCLUDED.report_id, period = EXCLUDED.period,
    period_end = EXCLUDED.period_end, percent_complete = EXCLUDED.percent_complete, status = EXCLUDED.status,
    submitted_at = EXCLUDED.submitted_at
WHERE l.period_end <= EXCLUDED.period_end
    RETURNING l.item_code, l.province_code)
SELECT r.id IS NOT NULL, i.key IS NULL OR c.key IS NOT NULL, p.status, t.item_code IS NOT NULL
FROM input i
LEFT JOIN report_row r ON r.id = i.id
LEFT JOIN claim c ON c.province_code = i.province_code AND c.key = i.key
LEFT JOIN previous p ON p.item_code = i.item_code AND p.province_code = i.province_code
LEFT JOIN latest t ON t.item_code = i.item_code AND t.province_code = i.province_code
ORDER BY i.ord;
-- OutboxWriter's insert of the submission's two events
INSERT INTO outbox_event (id, source, type, subject, time, sequence, data, extensions) VALUES (CAST(:o2 AS uuid), :o1, CAST(:o3 AS text), CAST(:o4 AS text), CAST(:o5 AS timestamptz), NULL, CAST(:o6 AS jsonb), CAST(:o7 AS jsonb)), (CAST(:o8 AS uuid), :o1, CAST(:o9 AS text), CAST(:o10 AS text), CAST(:o11 AS timestamptz), NULL, CAST(:o12 AS jsonb), CAST(:o13 AS jsonb));
COMMIT;
