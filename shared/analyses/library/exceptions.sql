-- Exceptions: the measures on which the area is significantly worse than the comparator (a higher rate, outside the
-- area's interval) or significantly worsening (a significant rise on the previous 12 months, by the exact rate-ratio
-- test), in the 12 months to $to. For these measures — crimes, ASB, demand on the police — higher is worse.
WITH bounds AS (
  SELECT CAST($to AS DATE) AS current_end, (CAST($to AS DATE) + 1 - INTERVAL 12 MONTH)::DATE AS current_start,
         (CAST($to AS DATE) + 1 - INTERVAL 24 MONTH)::DATE AS previous_start
),
places AS (SELECT code FROM comparator_districts UNION SELECT code FROM area_districts),
window_crimes AS (SELECT c.* FROM crimes c, bounds b WHERE c.recorded_date BETWEEN b.previous_start AND b.current_end AND c.district_code IN (SELECT code FROM places)),
window_incidents AS (SELECT i.* FROM incidents i, bounds b WHERE i.reported_date BETWEEN b.previous_start AND b.current_end AND i.district_code IN (SELECT code FROM places)),
window_asb AS (SELECT a.* FROM asb a, bounds b WHERE a.reported_date BETWEEN b.previous_start AND b.current_end AND a.district_code IN (SELECT code FROM places)),
events AS (
  SELECT 1 AS ord, 'crime' AS measure_kind, '' AS measure_key, 'Total recorded crime' AS measure, district_code, recorded_date AS day FROM window_crimes
  UNION ALL SELECT 2, 'offence_group', offence_group, offence_group, district_code, recorded_date FROM window_crimes WHERE offence_group IS NOT NULL
  UNION ALL SELECT 3, 'flag', 'domestic', 'Domestic abuse', district_code, recorded_date FROM window_crimes WHERE domestic
  UNION ALL SELECT 3, 'flag', 'alcohol', 'Alcohol-related crime', district_code, recorded_date FROM window_crimes WHERE alcohol
  UNION ALL SELECT 3, 'flag', 'drugs', 'Drug-related crime', district_code, recorded_date FROM window_crimes WHERE drugs
  UNION ALL SELECT 3, 'flag', 'hate', 'Hate crime', district_code, recorded_date FROM window_crimes WHERE hate
  UNION ALL SELECT 3, 'flag', 'vawg', 'Violence against women and girls', district_code, recorded_date FROM window_crimes WHERE vawg
  UNION ALL SELECT 3, 'flag', 'cse', 'Child sexual exploitation', district_code, recorded_date FROM window_crimes WHERE cse
  UNION ALL SELECT 3, 'flag', 'knife', 'Knife crime', district_code, recorded_date FROM window_crimes WHERE knife
  UNION ALL SELECT 3, 'flag', 'public_place', 'Crime in a public place', district_code, recorded_date FROM window_crimes WHERE public_place
  UNION ALL SELECT 3, 'flag', 'business', 'Business crime', district_code, recorded_date FROM window_crimes WHERE business
  UNION ALL SELECT 3, 'flag', 'vehicle_taken', 'Burglary with a vehicle taken', district_code, recorded_date FROM window_crimes WHERE vehicle_taken
  UNION ALL SELECT 4, 'asb', '', 'Anti-social behaviour', district_code, reported_date FROM window_asb
  UNION ALL SELECT 5, 'asb_category', category, 'ASB: ' || category, district_code, reported_date FROM window_asb WHERE category IS NOT NULL
  UNION ALL SELECT 6, 'incident_type', incident_type, incident_type, district_code, reported_date FROM window_incidents WHERE incident_type IS NOT NULL
  UNION ALL SELECT 7, 'incident_high_risk', incident_type, incident_type || ' (high risk)', district_code, reported_date FROM window_incidents WHERE lower(risk_level) = 'high'
),
counts AS (
  SELECT ord, measure_kind, measure_key, measure,
         count(*) FILTER (WHERE day >= b.current_start AND district_code IN (SELECT code FROM area_districts)) AS current,
         count(*) FILTER (WHERE day < b.current_start AND district_code IN (SELECT code FROM area_districts)) AS previous,
         count(*) FILTER (WHERE day >= b.current_start AND district_code IN (SELECT code FROM comparator_districts)) AS comparator_count
  FROM events, bounds b GROUP BY ord, measure_kind, measure_key, measure
),
tested AS (
  SELECT c.*, c.current / p.area_population * $per AS rate,
         rate_lower(c.current, p.area_population, $per, $confidence) AS lower,
         rate_upper(c.current, p.area_population, $per, $confidence) AS upper,
         c.comparator_count / p.comparator_population * $per AS comparator_rate,
         c.current / nullif(c.previous, 0) AS rate_ratio,
         rate_ratio_lower(c.current, p.area_population, c.previous, p.area_population, $confidence) AS ratio_lower,
         rate_ratio_upper(c.current, p.area_population, c.previous, p.area_population, $confidence) AS ratio_upper
  FROM counts c, populations p
),
judged AS (
  SELECT *, fingertips_compare(lower, upper, comparator_rate) AS comparison,
         CASE WHEN ratio_lower > 1 THEN 'Significant increase' WHEN ratio_upper < 1 THEN 'Significant decrease' ELSE 'No reliable change' END AS change
  FROM tested
)
SELECT measure, measure_kind, measure_key, current, rate, lower, upper, comparator_count, comparator_rate, comparison,
       previous, rate_ratio, ratio_lower, ratio_upper, change,
       CASE WHEN comparison = 'Higher' AND change = 'Significant increase' THEN 'Worse than the comparator and worsening'
            WHEN comparison = 'Higher' THEN 'Worse than the comparator'
            ELSE 'Worsening' END AS exception
FROM judged
WHERE comparison = 'Higher' OR change = 'Significant increase'
ORDER BY (comparison = 'Higher' AND change = 'Significant increase') DESC, comparison = 'Higher' DESC, ord, measure
