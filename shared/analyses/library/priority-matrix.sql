-- The priority matrix: for every district of the comparator (the force) and every candidate priority, whether the
-- data marks it out — a measure significantly higher than the force, or significantly rising on the 12 months before —
-- with the figures behind each cell, so that "which priorities for which CSP" can be traced to its numbers.
WITH bounds AS (
  SELECT CAST($to AS DATE) AS current_end, (CAST($to AS DATE) + 1 - INTERVAL 12 MONTH)::DATE AS current_start,
         (CAST($to AS DATE) + 1 - INTERVAL 24 MONTH)::DATE AS previous_start
),
priorities (priority_ord, priority, measure_ord, measure_kind, measure_key, measure) AS (
  VALUES (1, 'Anti-social behaviour', 1, 'asb', '', 'Anti-social behaviour'),
         (2, 'Domestic abuse', 1, 'flag', 'domestic', 'Domestic abuse'),
         (3, 'Car-key burglary', 1, 'offence_group', 'Burglary', 'Burglary'),
         (3, 'Car-key burglary', 2, 'offence_subgroup', 'Burglary Residential', 'Residential burglary'),
         (3, 'Car-key burglary', 3, 'flag', 'vehicle_taken', 'Burglary with a vehicle taken'),
         (4, 'County lines', 1, 'flag', 'drugs', 'Drug-related crime'),
         (4, 'County lines', 2, 'offence_group', 'Possession of Weapons', 'Possession of weapons'),
         (5, 'Fraud', 1, 'incident_type', 'Action Fraud referral', 'Action Fraud referrals'),
         (6, 'Vulnerable persons', 1, 'flag', 'alcohol', 'Alcohol-related crime'),
         (6, 'Vulnerable persons', 2, 'incident_type', 'Mental health', 'Mental health calls'),
         (6, 'Vulnerable persons', 3, 'incident_type', 'Missing person', 'Missing persons'),
         (6, 'Vulnerable persons', 4, 'incident_high_risk', 'Missing person', 'High-risk missing persons'),
         (7, 'Child safeguarding', 1, 'flag', 'cse', 'Child sexual exploitation'),
         (8, 'Repeat and persistent offending', 1, 'crime', '', 'Total recorded crime')
),
window_crimes AS (SELECT c.* FROM crimes c, bounds b WHERE c.recorded_date BETWEEN b.previous_start AND b.current_end AND c.district_code IN (SELECT code FROM comparator_districts)),
events AS (
  SELECT p.priority_ord, p.measure_ord, e.district_code, e.day
  FROM priorities p JOIN (
    SELECT 'crime' AS kind, '' AS key, district_code, recorded_date AS day FROM window_crimes
    UNION ALL SELECT 'offence_group', offence_group, district_code, recorded_date FROM window_crimes
    UNION ALL SELECT 'offence_subgroup', offence_subgroup, district_code, recorded_date FROM window_crimes
    UNION ALL SELECT 'flag', f.flag, c.district_code, c.recorded_date FROM window_crimes c,
      (VALUES ('domestic'), ('alcohol'), ('drugs'), ('cse'), ('vehicle_taken')) AS f(flag)
      WHERE CASE f.flag WHEN 'domestic' THEN c.domestic WHEN 'alcohol' THEN c.alcohol WHEN 'drugs' THEN c.drugs WHEN 'cse' THEN c.cse ELSE c.vehicle_taken END
    UNION ALL SELECT 'asb', '', a.district_code, a.reported_date FROM asb a, bounds b WHERE a.reported_date BETWEEN b.previous_start AND b.current_end AND a.district_code IN (SELECT code FROM comparator_districts)
    UNION ALL SELECT 'incident_type', i.incident_type, i.district_code, i.reported_date FROM incidents i, bounds b WHERE i.reported_date BETWEEN b.previous_start AND b.current_end AND i.district_code IN (SELECT code FROM comparator_districts)
    UNION ALL SELECT 'incident_high_risk', i.incident_type, i.district_code, i.reported_date FROM incidents i, bounds b WHERE lower(i.risk_level) = 'high' AND i.reported_date BETWEEN b.previous_start AND b.current_end AND i.district_code IN (SELECT code FROM comparator_districts)
  ) e ON e.kind = p.measure_kind AND e.key = p.measure_key
),
years AS (SELECT max(year) FILTER (WHERE year <= year(CAST($to AS DATE))) AS before, min(year) AS earliest FROM population WHERE area_type = 'lsoa'),
residents AS (
  SELECT g.district_code, any_value(g.district_name) AS district_name, sum(p.count) AS population
  FROM population p JOIN geography g ON g.lsoa_code = p.area_code, years
  WHERE p.area_type = 'lsoa' AND p.sex = 'all' AND p.age_band = 'all' AND p.year = coalesce(years.before, years.earliest) AND g.district_code IN (SELECT code FROM comparator_districts)
  GROUP BY g.district_code
),
counts AS (
  SELECT p.priority_ord, p.priority, p.measure_ord, p.measure, r.district_code, r.district_name, r.population,
         (SELECT count(*) FROM events e, bounds b WHERE e.priority_ord = p.priority_ord AND e.measure_ord = p.measure_ord AND e.district_code = r.district_code AND e.day >= b.current_start) AS current,
         (SELECT count(*) FROM events e, bounds b WHERE e.priority_ord = p.priority_ord AND e.measure_ord = p.measure_ord AND e.district_code = r.district_code AND e.day < b.current_start) AS previous
  FROM priorities p CROSS JOIN residents r
),
judged AS (
  SELECT *, current / population * $per AS rate,
         sum(current) OVER (PARTITION BY priority_ord, measure_ord) / sum(population) OVER (PARTITION BY priority_ord, measure_ord) * $per AS force_rate,
         rate_lower(current, population, $per, $confidence) AS lower, rate_upper(current, population, $per, $confidence) AS upper,
         rate_ratio_lower(current, population, previous, population, $confidence) AS ratio_lower,
         rate_ratio_upper(current, population, previous, population, $confidence) AS ratio_upper
  FROM counts
),
marked AS (
  SELECT *, fingertips_compare(lower, upper, force_rate) = 'Higher' AS higher, ratio_lower > 1 AS rising,
         -- A rate on fewer than 10 events is not written out: with the district's population it gives the count back.
         measure || ': ' || CASE WHEN current BETWEEN 1 AND 9 THEN 'fewer than 10 events' ELSE printf('%.1f', rate) END || ' against ' || printf('%.1f', force_rate)
           || CASE WHEN previous > 0 AND NOT (current BETWEEN 1 AND 9 OR previous BETWEEN 1 AND 9) THEN ', ' || printf('%+.0f', 100.0 * (current - previous) / previous) || '%' ELSE '' END
           || CASE WHEN fingertips_compare(lower, upper, force_rate) = 'Higher' THEN ', higher' ELSE '' END
           || CASE WHEN ratio_lower > 1 THEN ', rising' ELSE '' END AS evidence
  FROM judged
)
SELECT district_code, district_name, priority,
       CASE WHEN bool_or(higher AND rising) THEN 'Higher and rising' WHEN bool_or(higher) AND bool_or(rising) THEN 'Higher and rising'
            WHEN bool_or(higher) THEN 'Higher than the force' WHEN bool_or(rising) THEN 'Rising' ELSE 'Not marked out' END AS status,
       count(*) FILTER (WHERE higher) AS measures_higher, count(*) FILTER (WHERE rising) AS measures_rising,
       string_agg(evidence, '; ' ORDER BY measure_ord) AS evidence,
       district_code IN (SELECT code FROM area_districts) AS is_area
FROM marked
GROUP BY district_code, district_name, priority_ord, priority
ORDER BY district_name, priority_ord
