-- The 12 months to $to against the 12 months before, for crime by group, domestic abuse, ASB and incident types.
-- A change is only a change when the data covers both windows alike: otherwise it is left empty, with a warning.
WITH bounds AS (
  SELECT CAST($to AS DATE) AS current_end, (CAST($to AS DATE) + 1 - INTERVAL 12 MONTH)::DATE AS current_start,
         (CAST($to AS DATE) + 1 - INTERVAL 24 MONTH)::DATE AS previous_start
),
-- Each dataset's extent: first to last event, to the end of the last month for monthly data (police.uk's 1st).
extents AS (
  SELECT 'Recorded crimes' AS source, min(recorded_date) AS first_day,
         CASE WHEN bool_and(day(recorded_date) = 1) THEN last_day(max(recorded_date)) ELSE max(recorded_date) END AS last_day FROM crimes
  UNION ALL SELECT 'ASB incidents', min(reported_date), CASE WHEN bool_and(day(reported_date) = 1) THEN last_day(max(reported_date)) ELSE max(reported_date) END FROM asb
  UNION ALL SELECT 'Police incidents', min(reported_date), CASE WHEN bool_and(day(reported_date) = 1) THEN last_day(max(reported_date)) ELSE max(reported_date) END FROM incidents
),
windows AS (
  SELECT e.source,
         greatest(0, datediff('day', greatest(e.first_day, b.current_start), least(e.last_day, b.current_end)) + 1)
           / (datediff('day', b.current_start, b.current_end) + 1) AS current_coverage,
         greatest(0, datediff('day', greatest(e.first_day, b.previous_start), least(e.last_day, b.current_start - 1)) + 1)
           / (datediff('day', b.previous_start, b.current_start - 1) + 1) AS previous_coverage
  FROM extents e, bounds b
),
events AS (
  SELECT 1 AS ord, 'Total recorded crime' AS measure, 'Recorded crimes' AS source, recorded_date AS day FROM crimes WHERE district_code IN (SELECT code FROM area_districts)
  UNION ALL SELECT 2, offence_group, 'Recorded crimes', recorded_date FROM crimes WHERE district_code IN (SELECT code FROM area_districts)
  UNION ALL SELECT 3, 'Domestic abuse', 'Recorded crimes', recorded_date FROM crimes WHERE domestic AND district_code IN (SELECT code FROM area_districts)
  UNION ALL SELECT 4, 'Anti-social behaviour', 'ASB incidents', reported_date FROM asb WHERE district_code IN (SELECT code FROM area_districts)
  UNION ALL SELECT 5, incident_type, 'Police incidents', reported_date FROM incidents WHERE district_code IN (SELECT code FROM area_districts) AND incident_type NOT IN ('Child protection plan', 'Looked-after child')
  UNION ALL SELECT 6, incident_type || ' (high risk)', 'Police incidents', reported_date FROM incidents WHERE lower(risk_level) = 'high' AND district_code IN (SELECT code FROM area_districts)
),
counts AS (
  SELECT ord, measure, source,
         count(*) FILTER (WHERE day BETWEEN b.current_start AND b.current_end) AS current,
         count(*) FILTER (WHERE day >= b.previous_start AND day < b.current_start) AS previous
  FROM events, bounds b GROUP BY ord, measure, source
)
SELECT c.measure, c.current, c.previous,
       CASE WHEN w.current_coverage = w.previous_coverage AND w.current_coverage > 0 THEN 100.0 * (c.current - c.previous) / nullif(c.previous, 0) END AS pct_change,
       100.0 * w.current_coverage AS current_coverage, 100.0 * w.previous_coverage AS previous_coverage,
       CASE WHEN w.current_coverage <> w.previous_coverage OR w.current_coverage = 0 THEN
         c.source || ' cover ' || regexp_replace(round(100 * w.current_coverage, 1)::VARCHAR, '\.0$', '') || '% of the 12 months to ' || strftime(b.current_end, '%-d %B %Y') || ' and '
         || regexp_replace(round(100 * w.previous_coverage, 1)::VARCHAR, '\.0$', '') || '% of the 12 months before: no change is reported for them.' END AS warning
FROM counts c JOIN windows w USING (source), bounds b ORDER BY c.ord, c.measure
