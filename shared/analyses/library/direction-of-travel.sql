-- The 12 months to $to against the 12 months before, for crime by group, domestic abuse, ASB and incident types.
WITH bounds AS (
  SELECT CAST($to AS DATE) AS current_end, (CAST($to AS DATE) + 1 - INTERVAL 12 MONTH)::DATE AS current_start,
         (CAST($to AS DATE) + 1 - INTERVAL 24 MONTH)::DATE AS previous_start
),
events AS (
  SELECT 1 AS ord, 'Total recorded crime' AS measure, recorded_date AS day FROM crimes WHERE district_code IN (SELECT code FROM area_districts)
  UNION ALL SELECT 2, offence_group, recorded_date FROM crimes WHERE district_code IN (SELECT code FROM area_districts)
  UNION ALL SELECT 3, 'Domestic abuse', recorded_date FROM crimes WHERE domestic AND district_code IN (SELECT code FROM area_districts)
  UNION ALL SELECT 4, 'Anti-social behaviour', reported_date FROM asb WHERE district_code IN (SELECT code FROM area_districts)
  UNION ALL SELECT 5, incident_type, reported_date FROM incidents WHERE district_code IN (SELECT code FROM area_districts)
  UNION ALL SELECT 6, incident_type || ' (high risk)', reported_date FROM incidents WHERE lower(risk_level) = 'high' AND district_code IN (SELECT code FROM area_districts)
),
counts AS (
  SELECT ord, measure,
         count(*) FILTER (WHERE day BETWEEN b.current_start AND b.current_end) AS current,
         count(*) FILTER (WHERE day >= b.previous_start AND day < b.current_start) AS previous
  FROM events, bounds b GROUP BY ord, measure
)
SELECT measure, current, previous, 100.0 * (current - previous) / nullif(previous, 0) AS pct_change
FROM counts ORDER BY ord, measure
