-- Priority profiles: for each of the assessment's candidate priorities, the measures the data can fill — the rate in
-- the 12 months to $to against the comparator (the force), the area's rank among the force's districts, the tested
-- direction of travel on the 12 months before, and the hotspot wards (more than one standard deviation above the
-- mean of the area's ward rates, highest first). Grades the data cannot give (harm, public expectation, organisational
-- position, confidence) are the analyst's, on MoRiLE's scales.
WITH bounds AS (
  SELECT CAST($to AS DATE) AS current_end, (CAST($to AS DATE) + 1 - INTERVAL 12 MONTH)::DATE AS current_start,
         (CAST($to AS DATE) + 1 - INTERVAL 24 MONTH)::DATE AS previous_start
),
-- The assessment's candidate priorities and the measures that describe them (measure kinds as in hotspot-wards).
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
places AS (SELECT code FROM comparator_districts UNION SELECT code FROM area_districts),
window_crimes AS (SELECT c.* FROM crimes c, bounds b WHERE c.recorded_date BETWEEN b.previous_start AND b.current_end AND c.district_code IN (SELECT code FROM places)),
events AS (
  SELECT p.priority_ord, p.measure_ord, e.district_code, e.ward_code, e.day
  FROM priorities p JOIN (
    SELECT 'crime' AS kind, '' AS key, district_code, ward_code, recorded_date AS day FROM window_crimes
    UNION ALL SELECT 'offence_group', offence_group, district_code, ward_code, recorded_date FROM window_crimes
    UNION ALL SELECT 'offence_subgroup', offence_subgroup, district_code, ward_code, recorded_date FROM window_crimes
    UNION ALL SELECT 'flag', f.flag, c.district_code, c.ward_code, c.recorded_date FROM window_crimes c,
      (VALUES ('domestic'), ('alcohol'), ('drugs'), ('cse'), ('vehicle_taken')) AS f(flag)
      WHERE CASE f.flag WHEN 'domestic' THEN c.domestic WHEN 'alcohol' THEN c.alcohol WHEN 'drugs' THEN c.drugs WHEN 'cse' THEN c.cse ELSE c.vehicle_taken END
    UNION ALL SELECT 'asb', '', a.district_code, a.ward_code, a.reported_date FROM asb a, bounds b WHERE a.reported_date BETWEEN b.previous_start AND b.current_end AND a.district_code IN (SELECT code FROM places)
    UNION ALL SELECT 'incident_type', i.incident_type, i.district_code, i.ward_code, i.reported_date FROM incidents i, bounds b WHERE i.reported_date BETWEEN b.previous_start AND b.current_end AND i.district_code IN (SELECT code FROM places)
    UNION ALL SELECT 'incident_high_risk', i.incident_type, i.district_code, i.ward_code, i.reported_date FROM incidents i, bounds b WHERE lower(i.risk_level) = 'high' AND i.reported_date BETWEEN b.previous_start AND b.current_end AND i.district_code IN (SELECT code FROM places)
  ) e ON e.kind = p.measure_kind AND e.key = p.measure_key
),
years AS (SELECT max(year) FILTER (WHERE year <= year(CAST($to AS DATE))) AS before, min(year) AS earliest FROM population WHERE area_type = 'lsoa'),
residents AS (
  SELECT g.district_code, sum(p.count) AS population
  FROM population p JOIN geography g ON g.lsoa_code = p.area_code, years
  WHERE p.area_type = 'lsoa' AND p.sex = 'all' AND p.age_band = 'all' AND p.year = coalesce(years.before, years.earliest) AND g.district_code IN (SELECT code FROM comparator_districts)
  GROUP BY g.district_code
),
counts AS (
  SELECT p.priority_ord, p.measure_ord,
         count(e.day) FILTER (WHERE e.day >= b.current_start AND e.district_code IN (SELECT code FROM area_districts)) AS current,
         count(e.day) FILTER (WHERE e.day < b.current_start AND e.district_code IN (SELECT code FROM area_districts)) AS previous,
         count(e.day) FILTER (WHERE e.day >= b.current_start AND e.district_code IN (SELECT code FROM comparator_districts)) AS comparator_count
  FROM priorities p LEFT JOIN events e USING (priority_ord, measure_ord), bounds b GROUP BY p.priority_ord, p.measure_ord
),
district_rates AS (
  SELECT p.priority_ord, p.measure_ord,
         list((SELECT count(*) FROM events e, bounds b WHERE e.priority_ord = p.priority_ord AND e.measure_ord = p.measure_ord AND e.district_code = r.district_code AND e.day >= b.current_start) / r.population) AS rates,
         count(*) AS districts
  FROM priorities p CROSS JOIN residents r GROUP BY p.priority_ord, p.measure_ord
),
ward_rates AS (
  SELECT p.priority_ord, p.measure_ord, w.ward_name, w.population,
         (SELECT count(*) FROM events e, bounds b WHERE e.priority_ord = p.priority_ord AND e.measure_ord = p.measure_ord AND e.ward_code = w.ward_code AND e.day >= b.current_start) AS count
  FROM priorities p CROSS JOIN ward_populations w
),
ward_spread AS (
  SELECT *, count / population * $per AS rate, avg(count / population * $per) OVER m AS mean_rate, stddev_samp(count / population * $per) OVER m AS sd_rate
  FROM ward_rates WINDOW m AS (PARTITION BY priority_ord, measure_ord)
),
-- A ward is named only with 10 or more events: a rate and its ward's population would give a small count back.
hotspots AS (
  SELECT priority_ord, measure_ord,
         string_agg(ward_name || ' (' || printf('%.1f', rate) || ')', ', ' ORDER BY rate DESC) FILTER (WHERE rate > mean_rate + sd_rate AND count >= 10) AS hotspot_wards
  FROM ward_spread GROUP BY priority_ord, measure_ord
),
figures AS (
  SELECT p.*, c.current, c.previous, c.comparator_count,
         c.current / pop.area_population * $per AS rate,
         rate_lower(c.current, pop.area_population, $per, $confidence) AS lower,
         rate_upper(c.current, pop.area_population, $per, $confidence) AS upper,
         c.comparator_count / pop.comparator_population * $per AS comparator_rate,
         rate_ratio_lower(c.current, pop.area_population, c.previous, pop.area_population, $confidence) AS ratio_lower,
         rate_ratio_upper(c.current, pop.area_population, c.previous, pop.area_population, $confidence) AS ratio_upper,
         CAST(len(list_filter(d.rates, r -> r < c.current / pop.area_population - 1e-15)) + 1 AS INTEGER) AS rank, CAST(d.districts AS INTEGER) AS districts,
         h.hotspot_wards
  FROM priorities p JOIN counts c USING (priority_ord, measure_ord) JOIN district_rates d USING (priority_ord, measure_ord)
       LEFT JOIN hotspots h USING (priority_ord, measure_ord), populations pop
)
SELECT priority, measure, measure_kind, measure_key, current AS count, rate, lower, upper, comparator_count, comparator_rate,
       fingertips_compare(lower, upper, comparator_rate) AS comparison, rank, districts,
       previous, 100.0 * (current - previous) / nullif(previous, 0) AS pct_change, ratio_lower, ratio_upper,
       CASE WHEN ratio_lower > 1 THEN 'Significant increase' WHEN ratio_upper < 1 THEN 'Significant decrease' ELSE 'No reliable change' END AS change,
       hotspot_wards
FROM figures ORDER BY priority_ord, measure_ord
