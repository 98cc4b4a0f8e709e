-- The area profile: every measure at once for the area against the comparator (the force by default), with the range
-- of the comparator's districts for a Fingertips spine chart: lowest, 25th and 75th percentile, highest district rate.
WITH years AS (
  SELECT max(year) FILTER (WHERE year <= year(CAST($to AS DATE))) AS before, min(year) AS earliest FROM population WHERE area_type = 'lsoa'
),
places AS (SELECT code FROM comparator_districts UNION SELECT code FROM area_districts),
residents AS (
  SELECT g.district_code, sum(p.count) AS population
  FROM population p JOIN geography g ON g.lsoa_code = p.area_code, years
  WHERE p.area_type = 'lsoa' AND p.sex = 'all' AND p.age_band = 'all' AND p.year = coalesce(years.before, years.earliest)
    AND g.district_code IN (SELECT code FROM places)
  GROUP BY g.district_code
),
period_crimes AS (SELECT * FROM crimes WHERE recorded_date BETWEEN $from AND $to AND district_code IN (SELECT code FROM places)),
period_incidents AS (SELECT * FROM incidents WHERE reported_date BETWEEN $from AND $to AND district_code IN (SELECT code FROM places)),
events AS (
  SELECT 1 AS ord, 'crime' AS measure_kind, '' AS measure_key, 'Total recorded crime' AS measure, district_code FROM period_crimes
  UNION ALL SELECT 2, 'offence_group', offence_group, offence_group, district_code FROM period_crimes WHERE offence_group IS NOT NULL
  UNION ALL SELECT 3, 'flag', 'domestic', 'Domestic abuse', district_code FROM period_crimes WHERE domestic
  UNION ALL SELECT 3, 'flag', 'alcohol', 'Alcohol-related crime', district_code FROM period_crimes WHERE alcohol
  UNION ALL SELECT 3, 'flag', 'drugs', 'Drug-related crime', district_code FROM period_crimes WHERE drugs
  UNION ALL SELECT 3, 'flag', 'hate', 'Hate crime', district_code FROM period_crimes WHERE hate
  UNION ALL SELECT 3, 'flag', 'vawg', 'Violence against women and girls', district_code FROM period_crimes WHERE vawg
  UNION ALL SELECT 3, 'flag', 'cse', 'Child sexual exploitation', district_code FROM period_crimes WHERE cse
  UNION ALL SELECT 3, 'flag', 'knife', 'Knife crime', district_code FROM period_crimes WHERE knife
  UNION ALL SELECT 3, 'flag', 'public_place', 'Crime in a public place', district_code FROM period_crimes WHERE public_place
  UNION ALL SELECT 3, 'flag', 'business', 'Business crime', district_code FROM period_crimes WHERE business
  UNION ALL SELECT 3, 'flag', 'vehicle_taken', 'Burglary with a vehicle taken', district_code FROM period_crimes WHERE vehicle_taken
  UNION ALL SELECT 4, 'asb', '', 'Anti-social behaviour', district_code FROM asb WHERE reported_date BETWEEN $from AND $to AND district_code IN (SELECT code FROM places)
  UNION ALL SELECT 5, 'asb_category', category, 'ASB: ' || category, district_code FROM asb WHERE category IS NOT NULL AND reported_date BETWEEN $from AND $to AND district_code IN (SELECT code FROM places)
  UNION ALL SELECT 6, 'incident_type', incident_type, incident_type, district_code FROM period_incidents WHERE incident_type IS NOT NULL
  UNION ALL SELECT 7, 'incident_high_risk', incident_type, incident_type || ' (high risk)', district_code FROM period_incidents WHERE lower(risk_level) = 'high'
),
measures AS (SELECT DISTINCT ord, measure_kind, measure_key, measure FROM events),
-- Every measure in every district, zero where none happened.
by_district AS (
  SELECT m.ord, m.measure, r.district_code, r.population,
         (SELECT count(*) FROM events e WHERE e.measure = m.measure AND e.measure_kind = m.measure_kind AND e.district_code = r.district_code) AS count
  FROM measures m CROSS JOIN residents r
),
spread AS (
  SELECT ord, measure,
         sum(count) FILTER (WHERE district_code IN (SELECT code FROM area_districts)) AS count,
         sum(count) FILTER (WHERE district_code IN (SELECT code FROM comparator_districts)) AS comparator_count,
         -- The spread names no district, but a district's rate and its (public) population give its count back: where any
         -- district has from 1 to 9 events, the spread is not given (the spine chart leaves that row out).
         bool_or(count BETWEEN 1 AND 9) FILTER (WHERE district_code IN (SELECT code FROM comparator_districts)) AS small,
         min(count / population * $per) FILTER (WHERE district_code IN (SELECT code FROM comparator_districts)) AS district_min,
         quantile_cont(count / population * $per, 0.25) FILTER (WHERE district_code IN (SELECT code FROM comparator_districts)) AS district_q1,
         quantile_cont(count / population * $per, 0.75) FILTER (WHERE district_code IN (SELECT code FROM comparator_districts)) AS district_q3,
         max(count / population * $per) FILTER (WHERE district_code IN (SELECT code FROM comparator_districts)) AS district_max,
         count(*) FILTER (WHERE district_code IN (SELECT code FROM comparator_districts)) AS districts,
         list(count / population * $per) FILTER (WHERE district_code IN (SELECT code FROM comparator_districts)) AS district_rates
  FROM by_district GROUP BY ord, measure
),
rated AS (
  SELECT m.measure_kind, m.measure_key, s.*, p.area_population, p.comparator_population,
         s.count / p.area_population * $per AS rate,
         s.comparator_count / p.comparator_population * $per AS comparator_rate
  FROM spread s JOIN measures m USING (ord, measure), populations p
)
SELECT measure, measure_kind, measure_key, count, rate,
       rate_lower(count, area_population, $per, $confidence) AS lower,
       rate_upper(count, area_population, $per, $confidence) AS upper,
       comparator_count, comparator_rate,
       fingertips_compare(rate_lower(count, area_population, $per, $confidence), rate_upper(count, area_population, $per, $confidence), comparator_rate) AS comparison,
       -- Where the area stands among the districts (1 = lowest rate); ties share the lower rank.
       CAST(len(list_filter(district_rates, r -> r < rate)) + 1 AS INTEGER) AS rank,
       CAST(districts AS INTEGER) AS districts,
       CASE WHEN NOT small THEN district_min END AS district_min, CASE WHEN NOT small THEN district_q1 END AS district_q1,
       CASE WHEN NOT small THEN district_q3 END AS district_q3, CASE WHEN NOT small THEN district_max END AS district_max
FROM rated
ORDER BY ord, measure
