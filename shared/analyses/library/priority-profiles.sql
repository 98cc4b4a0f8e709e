-- Priority profiles: for each of the assessment's candidate priorities, the measures the data can fill — the rate in
-- the 12 months to $to against the comparator (the force), the area's rank among the force's districts, the tested
-- direction of travel on the 12 months before, and the hotspot wards (more than one standard deviation above the
-- mean of the area's ward rates, highest first). Grades the data cannot give (harm, public expectation, organisational
-- position, confidence) are the analyst's, on MoRiLE's scales.
-- The periods, measures and events are priority_window, priority_measures and priority_events, made by the runner
-- (shared/analyses/relations/) and read alike by priority-profiles, priority-matrix and priority-summary.
WITH years AS (SELECT max(year) FILTER (WHERE year <= year(CAST($to AS DATE))) AS before, min(year) AS earliest FROM population WHERE area_type = 'lsoa'),
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
  FROM priority_measures p LEFT JOIN priority_events e USING (priority_ord, measure_ord), priority_window b GROUP BY p.priority_ord, p.measure_ord
),
district_rates AS (
  SELECT p.priority_ord, p.measure_ord,
         list((SELECT count(*) FROM priority_events e, priority_window b WHERE e.priority_ord = p.priority_ord AND e.measure_ord = p.measure_ord AND e.district_code = r.district_code AND e.day >= b.current_start) / r.population) AS rates,
         count(*) AS districts
  FROM priority_measures p CROSS JOIN residents r GROUP BY p.priority_ord, p.measure_ord
),
ward_rates AS (
  SELECT p.priority_ord, p.measure_ord, w.ward_name, w.population,
         (SELECT count(*) FROM priority_events e, priority_window b WHERE e.priority_ord = p.priority_ord AND e.measure_ord = p.measure_ord AND e.ward_code = w.ward_code AND e.day >= b.current_start) AS count
  FROM priority_measures p CROSS JOIN ward_populations w
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
  FROM priority_measures p JOIN counts c USING (priority_ord, measure_ord) JOIN district_rates d USING (priority_ord, measure_ord)
       LEFT JOIN hotspots h USING (priority_ord, measure_ord), populations pop
)
SELECT priority, measure, measure_kind, measure_key, current AS count, rate, lower, upper, comparator_count, comparator_rate,
       fingertips_compare(lower, upper, comparator_rate) AS comparison, rank, districts,
       previous, 100.0 * (current - previous) / nullif(previous, 0) AS pct_change, ratio_lower, ratio_upper,
       CASE WHEN ratio_lower > 1 THEN 'Significant increase' WHEN ratio_upper < 1 THEN 'Significant decrease' ELSE 'No reliable change' END AS change,
       hotspot_wards
FROM figures ORDER BY priority_ord, measure_ord
