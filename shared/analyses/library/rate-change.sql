-- Tested change: the 12 months to $to against the 12 months before, for every measure (crime and its groups, the
-- crime flags, ASB and its categories, incident types and their high-risk share), with the rate ratio, its exact
-- limits (conditional binomial, as R's poisson.test) and whether it is significant. Both years use the one resident
-- population of the period, so the rate ratio is the ratio of the counts. Where the data reaches back five whole
-- years, Fingertips' chi-squared test for trend is applied to the five annual counts.
WITH bounds AS (
  SELECT CAST($to AS DATE) AS current_end, (CAST($to AS DATE) + 1 - INTERVAL 12 MONTH)::DATE AS current_start,
         (CAST($to AS DATE) + 1 - INTERVAL 24 MONTH)::DATE AS previous_start,
         (CAST($to AS DATE) + 1 - INTERVAL 60 MONTH)::DATE AS trend_start
),
area_crimes AS (SELECT * FROM crimes WHERE district_code IN (SELECT code FROM area_districts)),
area_incidents AS (SELECT * FROM incidents WHERE district_code IN (SELECT code FROM area_districts)),
events AS (
  SELECT 1 AS ord, 'crime' AS measure_kind, '' AS measure_key, 'Total recorded crime' AS measure, recorded_date AS day, 'crimes' AS source FROM area_crimes
  UNION ALL SELECT 2, 'offence_group', offence_group, offence_group, recorded_date, 'crimes' FROM area_crimes WHERE offence_group IS NOT NULL
  UNION ALL SELECT 3, 'flag', 'domestic', 'Domestic abuse', recorded_date, 'crimes' FROM area_crimes WHERE domestic
  UNION ALL SELECT 3, 'flag', 'alcohol', 'Alcohol-related crime', recorded_date, 'crimes' FROM area_crimes WHERE alcohol
  UNION ALL SELECT 3, 'flag', 'drugs', 'Drug-related crime', recorded_date, 'crimes' FROM area_crimes WHERE drugs
  UNION ALL SELECT 3, 'flag', 'hate', 'Hate crime', recorded_date, 'crimes' FROM area_crimes WHERE hate
  UNION ALL SELECT 3, 'flag', 'vawg', 'Violence against women and girls', recorded_date, 'crimes' FROM area_crimes WHERE vawg
  UNION ALL SELECT 3, 'flag', 'cse', 'Child sexual exploitation', recorded_date, 'crimes' FROM area_crimes WHERE cse
  UNION ALL SELECT 3, 'flag', 'knife', 'Knife crime', recorded_date, 'crimes' FROM area_crimes WHERE knife
  UNION ALL SELECT 3, 'flag', 'public_place', 'Crime in a public place', recorded_date, 'crimes' FROM area_crimes WHERE public_place
  UNION ALL SELECT 3, 'flag', 'business', 'Business crime', recorded_date, 'crimes' FROM area_crimes WHERE business
  UNION ALL SELECT 3, 'flag', 'vehicle_taken', 'Burglary with a vehicle taken', recorded_date, 'crimes' FROM area_crimes WHERE vehicle_taken
  UNION ALL SELECT 4, 'asb', '', 'Anti-social behaviour', reported_date, 'asb' FROM asb WHERE district_code IN (SELECT code FROM area_districts)
  UNION ALL SELECT 5, 'asb_category', category, 'ASB: ' || category, reported_date, 'asb' FROM asb WHERE category IS NOT NULL AND district_code IN (SELECT code FROM area_districts)
  UNION ALL SELECT 6, 'incident_type', incident_type, incident_type, reported_date, 'incidents' FROM area_incidents WHERE incident_type IS NOT NULL
  UNION ALL SELECT 7, 'incident_high_risk', incident_type, incident_type || ' (high risk)', reported_date, 'incidents' FROM area_incidents WHERE lower(risk_level) = 'high'
),
-- How far back each source reaches: the trend test needs all five years in the data, not zeros before it began.
coverage AS (
  SELECT 'crimes' AS source, min(recorded_date) AS first_day FROM crimes
  UNION ALL SELECT 'asb', min(reported_date) FROM asb
  UNION ALL SELECT 'incidents', min(reported_date) FROM incidents
),
counts AS (
  SELECT ord, measure_kind, measure_key, measure, any_value(source) AS source,
         count(*) FILTER (WHERE day BETWEEN b.current_start AND b.current_end) AS current,
         count(*) FILTER (WHERE day >= b.previous_start AND day < b.current_start) AS previous,
         -- Counts for each of the five years to $to, earliest first: year k ends 12 × (5 − k) months before $to.
         [count(*) FILTER (WHERE day >= (b.current_start - INTERVAL 48 MONTH) AND day < (b.current_start - INTERVAL 36 MONTH)),
          count(*) FILTER (WHERE day >= (b.current_start - INTERVAL 36 MONTH) AND day < (b.current_start - INTERVAL 24 MONTH)),
          count(*) FILTER (WHERE day >= (b.current_start - INTERVAL 24 MONTH) AND day < (b.current_start - INTERVAL 12 MONTH)),
          count(*) FILTER (WHERE day >= b.previous_start AND day < b.current_start),
          count(*) FILTER (WHERE day BETWEEN b.current_start AND b.current_end)] AS years
  FROM events, bounds b GROUP BY ord, measure_kind, measure_key, measure
),
tested AS (
  SELECT c.*, p.area_population AS population,
         c.current / p.area_population * $per AS current_rate,
         c.previous / p.area_population * $per AS previous_rate,
         c.current / nullif(c.previous, 0) AS rate_ratio,
         rate_ratio_lower(c.current, p.area_population, c.previous, p.area_population, $confidence) AS ratio_lower,
         rate_ratio_upper(c.current, p.area_population, c.previous, p.area_population, $confidence) AS ratio_upper,
         rate_ratio_p(c.current, p.area_population, c.previous, p.area_population) AS p_value,
         (SELECT first_day FROM coverage v WHERE v.source = c.source) <= b.trend_start AS five_years
  FROM counts c, populations p, bounds b
)
SELECT measure, measure_kind, measure_key, current, previous, current_rate, previous_rate,
       100.0 * (current - previous) / nullif(previous, 0) AS pct_change,
       rate_ratio, ratio_lower, ratio_upper, p_value,
       coalesce(ratio_lower > 1 OR ratio_upper < 1, false) AS significant,
       CASE WHEN ratio_lower > 1 THEN 'Significant increase' WHEN ratio_upper < 1 THEN 'Significant decrease' ELSE 'No reliable change' END AS change,
       CASE WHEN five_years THEN trend_direction(years, [population, population, population, population, population], $confidence) END AS five_year_trend
FROM tested
ORDER BY ord, measure
