-- Each work conference's year is a plan that holds its priorities and, through them, its sub-items.
-- Codes stay unique across plans (the 2025 plan keeps P1..P8, P1.1..); positions count within a plan.
CREATE TABLE plan (
    year     INTEGER PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
    title_zh TEXT    NOT NULL,
    title_en TEXT    NOT NULL
);

ALTER TABLE priority ADD COLUMN plan_year INTEGER REFERENCES plan (year);

-- Priorities loaded before plans existed are the 2025 conference's (the seed loader names the plan
-- from seeds/priorities.json on an empty database).
INSERT INTO plan (year, title_zh, title_en)
SELECT 2025, '2025年生态环境保护重点任务', '2025 key tasks of ecological and environmental protection'
WHERE EXISTS (SELECT 1 FROM priority);
UPDATE priority SET plan_year = 2025;

ALTER TABLE priority ALTER COLUMN plan_year SET NOT NULL;
ALTER TABLE priority DROP CONSTRAINT priority_position_key;
ALTER TABLE priority ADD CONSTRAINT priority_plan_position_key UNIQUE (plan_year, position);
